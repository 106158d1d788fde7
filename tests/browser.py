"""Headless Chromium for the page tests, driven over the DevTools protocol with the standard library only.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands from its file descriptor 3 and
writes replies and events to descriptor 4, each message one JSON object ended by a NUL byte (Chrome
DevTools Protocol, https://chromedevtools.github.io/devtools-protocol/). One browser serves every page;
each page opens in a browser context of its own (empty storage, as on a reader's first visit) in a
window 1280 CSS pixels wide, and :func:`check_page` reports what a reader would meet there.

Look at a build's pages (a screenshot of each and ``report.json``)::

    python -m tests.browser <out>/_build/html /tmp/pages
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: The window the pages are checked in: a common laptop width, in CSS pixels.
WIDTH, HEIGHT = 1280, 900
#: The largest share of a page's prose words that may be set in bold.
MAX_BOLD_SHARE = 0.10
#: The smallest text a figure may show, in CSS pixels, and how many image pixels a raster image
#: needs per pixel shown (2: sharp on a high-density screen and when zoomed to 200%).
MIN_TEXT_PX = 9.0
MIN_RASTER_DENSITY = 2.0
#: Names Chromium is installed under (Debian's package, Ubuntu's, Google's builds).
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Schemes a page may load from: its own files and inline data.
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM`` if set, else the first of :data:`NAMES` on the PATH.

    Example
    -------
    >>> found = find_chromium()
    >>> found is None or Path(found).is_file()
    True
    """
    named = os.environ.get("CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    return next((path for path in map(shutil.which, NAMES) if path), None)


class BrowserError(RuntimeError):
    """Chromium did not start, answered with an error, or went quiet."""


class Chromium:
    """A headless Chromium process and its DevTools pipe (use as a context manager)."""

    def __init__(self, executable: str, *, profile: Path):
        self.executable = executable
        self.profile = Path(profile)
        self._next_id = 0
        self._buffer = b""
        self._events: dict[str | None, list[dict]] = {}

    def __enter__(self) -> Chromium:
        self.profile.mkdir(parents=True, exist_ok=True)
        commands_r, self._commands = os.pipe()  # we write, Chromium reads on its fd 3
        self._replies, replies_w = os.pipe()  # Chromium writes on its fd 4, we read

        def onto_3_and_4():  # in the child, before exec: the pipe ends become fds 3 and 4
            r = fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(replies_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [
            self.executable,
            "--headless=new",
            "--no-sandbox",  # the pages are our own files; containers and CI runners rarely allow the sandbox
            "--disable-gpu",
            "--remote-debugging-pipe",
            f"--user-data-dir={self.profile}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--mute-audio",
            "about:blank",
        ]
        with open(self.profile / "chromium.log", "wb") as log:
            self._process = subprocess.Popen(
                args, pass_fds=(3, 4), preexec_fn=onto_3_and_4, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        os.close(commands_r)
        os.close(replies_w)
        try:
            self.call("Browser.getVersion", timeout=30)
        except Exception:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):
            self._send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        return self._next_id

    def _receive(self, timeout: float) -> dict | None:
        """The next message, or None when none came within ``timeout`` seconds."""
        end = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._replies], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                return None
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium closed the pipe (see {self.profile / 'chromium.log'})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _keep(self, message: dict) -> None:
        self._events.setdefault(message.get("sessionId"), []).append(message)

    def call(self, method: str, params: dict | None = None, *, session: str | None = None, timeout: float = 60):
        """Send one command and return its result; events that arrive meanwhile are kept per session."""
        wanted = self._send(method, params, session)
        end = time.monotonic() + timeout
        while True:
            message = self._receive(max(0.0, end - time.monotonic()))
            if message is None:
                raise BrowserError(f"no answer to {method} within {timeout} s")
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._keep(message)

    def wait_for(self, event: str, *, session: str, timeout: float = 60) -> dict:
        """Wait for an event of a session (it may have arrived already)."""
        end = time.monotonic() + timeout
        while True:
            if any(m.get("method") == event for m in self._events.get(session, [])):
                return next(m for m in self._events[session] if m.get("method") == event)
            message = self._receive(max(0.0, end - time.monotonic()))
            if message is None:
                raise BrowserError(f"no {event} within {timeout} s")
            self._keep(message)

    def settle(self, *, quiet: float = 0.5, limit: float = 5.0) -> None:
        """Collect events until none has come for ``quiet`` seconds (at most ``limit`` seconds)."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            message = self._receive(min(quiet, max(0.0, end - time.monotonic())))
            if message is None:
                return
            self._keep(message)

    def events(self, session: str) -> list[dict]:
        return self._events.get(session, [])

    def evaluate(self, expression: str, *, session: str, timeout: float = 60):
        """The JSON value of a JavaScript expression in the page (promises are awaited)."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=session,
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def forget(self, session: str) -> None:
        self._events.pop(session, None)


# What the page itself can tell: elements that do not fit, images, prose words and bold ones.
_MEASURE = r"""
(() => {
  const root = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const column = root.getBoundingClientRect();
  // Full-width content (sphinx-book-theme's classes) may also use the right-hand margin, up to the window.
  const content = (document.querySelector('.bd-main .bd-content') || root).getBoundingClientRect();
  const margin = {left: column.left, right: Math.min(content.right, document.documentElement.clientWidth)};
  const wide = '.full-width, .full_width, .tag_full-width, .tag_full_width';
  const overflow = (e) => getComputedStyle(e).overflowX;
  const scrolls = (e) => ['auto', 'scroll'].includes(overflow(e));
  const clips = (e) => ['hidden', 'clip'].includes(overflow(e));
  const name = (e) => {
    const cls = (e.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean).slice(0, 2).join('.');
    const caption = e.querySelector && e.querySelector('caption');
    const hint = caption ? caption.innerText : (e.getAttribute('alt') || e.getAttribute('src') || '');
    const anchor = e.closest('section[id]');
    return e.tagName.toLowerCase() + (cls ? '.' + cls : '') + (anchor ? ' in #' + anchor.id : '')
      + (hint ? ' "' + hint.trim().slice(0, 60) + '"' : '');
  };
  const clipped = [];
  for (const e of root.querySelectorAll('table, img, svg, figure, pre, iframe, video, canvas, div.output')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let fit = e, cutBy = null;
    if (!scrolls(e)) {
      for (let a = e.parentElement; a && a !== root; a = a.parentElement) {
        if (scrolls(a)) { fit = a; break; }
        const b = a.getBoundingClientRect();
        if (clips(a) && (r.right > b.right + 1 || r.left < b.left - 1)) { cutBy = a; break; }
      }
    }
    const f = fit.getBoundingClientRect();
    const room = fit.closest(wide) ? margin : column;
    if (cutBy) clipped.push(`${name(e)} is cut off by ${name(cutBy)}`);
    else if (f.right > room.right + 1 || f.left < room.left - 1)
      clipped.push(`${name(e)} is ${Math.round(f.width)} px wide and leaves the ${Math.round(room.right - room.left)} px it has`);
  }
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1)
    clipped.push(`the page scrolls sideways (${page.scrollWidth} px in a ${page.clientWidth} px window)`);
  const images = Array.from(document.images).map((i) => ({
    src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0,
    figure: root.contains(i) && !!i.closest('figure, .cell_output'),
    id: (i.closest('figure[id]') || {id: ''}).id,
    url: i.currentSrc || i.src,
    natural: [i.naturalWidth, i.naturalHeight],
    shown: [Math.round(i.getBoundingClientRect().width), Math.round(i.getBoundingClientRect().height)],
  }));
  let words = 0, bold = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || !el.closest('p, li') || el.closest('table, pre, code, nav, .toctree-wrapper')) continue;
    const n = walker.currentNode.textContent.split(/\s+/).filter(Boolean).length;
    words += n;
    if (parseInt(getComputedStyle(el).fontWeight, 10) >= 600) bold += n;
  }
  return {clipped, images, words, bold, width: page.scrollWidth};
})()
"""


@dataclass
class PageReport:
    """What one page showed in the browser (paths relative to the site's folder)."""

    page: str
    console: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    words: int = 0
    bold: int = 0
    screenshot: str | None = None

    def problems(self) -> dict[str, list[str]]:
        """Each check that failed, with what failed it; empty when the page is fine."""
        found = {
            "console errors": self.console,
            "requests to outside hosts": self.outside,
            "failed requests": self.failed,
            "clipped elements": self.clipped,
            "images not loaded": [i["src"] for i in self.images if not i["loaded"]],
            "blurry figures": [
                f"{_image_name(i)}: {i['natural'][0]} image px shown on {i['shown'][0]} px"
                for i in self.images
                if i["loaded"]
                and i["figure"]
                and not urlsplit(i["src"] or "").path.endswith(".svg")
                and i["natural"][0] < MIN_RASTER_DENSITY * i["shown"][0]
            ],
            "small figure text": [
                f"{_image_name(i)}: {i['text_pt']:g} pt text shown {i['text_px']:.1f} px tall "
                f"(drawn {i['drawn_px']} px wide, shown {i['shown'][0]} px)"
                for i in self.images
                if i.get("text_px") is not None and i["text_px"] < MIN_TEXT_PX - 0.05
            ],
        }
        if self.words and self.bold > MAX_BOLD_SHARE * self.words:
            found["bold prose"] = [f"{self.bold} of {self.words} prose words are bold (at most {MAX_BOLD_SHARE:.0%})"]
        return {check: items for check, items in found.items() if items}


def _image_name(image: dict) -> str:
    """The figure's anchor (``#id``) when it has one, else the image's file."""
    return f"#{image['id']}" if image.get("id") else image["src"]


_SVG_WIDTH = re.compile(r"<svg\b[^>]*?\bwidth=\"([\d.]+)(pt|px)?\"")
# matplotlib draws each text as glyph outlines scaled by fontsize/100: transform="... scale(0.07 -0.07)".
_SVG_TEXT = re.compile(r"scale\((\d*\.?\d+) -\1\)")


def svg_text_sizes(svg: str) -> tuple[float, float | None]:
    """A matplotlib SVG's drawn width in CSS pixels and its smallest text in points (None: no text).

    Example
    -------
    >>> svg_text_sizes('<svg width="540pt" height="288pt"><g transform="translate(1 2) scale(0.07 -0.07)">'
    ...                '</g><g transform="scale(0.1 -0.1)"></g></svg>')
    (720.0, 7.0)
    """
    m = _SVG_WIDTH.search(svg)
    if m is None:
        raise ValueError("no width on the <svg> element")
    width = float(m.group(1)) * (4 / 3 if m.group(2) in (None, "pt") else 1)
    sizes = [float(s) * 100 for s in _SVG_TEXT.findall(svg)]
    return round(width, 1), (round(min(sizes), 2) if sizes else None)


def _figure_text(image: dict) -> dict:
    """Add to a local SVG image's record its drawn width and its smallest text, in points and as shown."""
    url = urlsplit(image.get("url") or "")
    if url.scheme != "file" or not url.path.endswith(".svg") or not image["shown"][0] or not image["loaded"]:
        return image
    drawn_px, text_pt = svg_text_sizes(Path(unquote(url.path)).read_text(encoding="utf-8"))
    if text_pt is None:
        return image
    shown = text_pt * 4 / 3 * image["shown"][0] / drawn_px
    return {**image, "drawn_px": drawn_px, "text_pt": text_pt, "text_px": round(shown, 2)}


def _read_events(events: list[dict], site: Path) -> dict[str, list[str]]:
    console, outside, failed, urls = [], [], [], {}
    for event in events:
        method, p = event.get("method", ""), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = p["request"]["url"]
            urls[p["requestId"]] = url
            parts = urlsplit(url)
            if parts.scheme not in LOCAL_SCHEMES:
                outside.append(f"{parts.scheme}://{parts.netloc}{parts.path}")
        elif method == "Network.loadingFailed" and not p.get("canceled"):
            url = urls.get(p["requestId"], "?")
            where = url.removeprefix(site.resolve().as_uri() + "/") if url.startswith("file:") else url
            failed.append(f"{where}: {p.get('errorText')}")
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = p["exceptionDetails"]
            console.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Log.entryAdded" and p["entry"]["level"] == "error":
            console.append(f"{p['entry']['text']} ({p['entry'].get('url', '')})")
    return {"console": console, "outside": outside, "failed": failed}


def _measure_when_settled(browser: Chromium, session: str, *, tries: int = 3) -> dict:
    """Measure once the page is loaded, its fonts too, and quiet; a page that redirects (index.html)
    may still be navigating, so a measurement whose page went away is taken again."""

    def measure() -> dict:
        browser.evaluate("document.fonts.ready.then(() => document.readyState)", session=session)
        browser.settle()
        return browser.evaluate(_MEASURE, session=session)

    for _ in range(tries - 1):
        with contextlib.suppress(BrowserError):
            return measure()
    return measure()


def check_page(browser: Chromium, site: Path, page: str, *, screenshot: Path | None = None) -> PageReport:
    """Open ``site/page`` in a fresh browser context, 1280 px wide, and report what it shows.

    With ``screenshot`` (a .png path) the whole page is saved there as well.
    """
    context = browser.call("Target.createBrowserContext")["browserContextId"]
    target = browser.call("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable", session=session)
        metrics = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}
        browser.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
        browser.call("Page.navigate", {"url": (site / page).resolve().as_uri()}, session=session)
        browser.wait_for("Page.loadEventFired", session=session, timeout=120)
        measured = _measure_when_settled(browser, session)
        report = PageReport(
            page=page,
            **_read_events(browser.events(session), site),
            clipped=measured["clipped"],
            images=[_figure_text(i) for i in measured["images"]],
            words=measured["words"],
            bold=measured["bold"],
        )
        if screenshot is not None:
            report.screenshot = str(_screenshot(browser, session, screenshot))
        return report
    finally:
        browser.call("Target.closeTarget", {"targetId": target})
        browser.call("Target.disposeBrowserContext", {"browserContextId": context})
        browser.forget(session)


def _screenshot(browser: Chromium, session: str, path: Path) -> Path:
    """The whole page, 1280 px wide: the window is made as tall as the page (at most 16,000 px) and shot."""
    height = min(int(browser.evaluate("document.documentElement.scrollHeight", session=session)), 16000)
    metrics = {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False}
    browser.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
    browser.settle(quiet=0.3, limit=2.0)
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=session, timeout=120)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, relative to it (the theme's and Sphinx's own folders left out)."""
    skip = {"_static", "_sources", "_downloads", "_images"}
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if not skip & set(p.relative_to(site).parts)
    )


def shot_name(page: str) -> str:
    """A screenshot's file name for a page.

    Example
    -------
    >>> shot_name("chapters/intro.html")
    'chapters_intro.png'
    """
    return page.removesuffix(".html").replace("/", "_") + ".png"


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    site, dest = Path(argv[0]), Path(argv[1])
    pages = argv[2:] or site_pages(site)
    executable = find_chromium()
    if executable is None:
        print("no Chromium found (set CHROMIUM or install Debian's chromium package)", file=sys.stderr)
        return 2
    reports = []
    with Chromium(executable, profile=dest / "profile") as browser:
        for page in pages:
            report = check_page(browser, site, page, screenshot=dest / shot_name(page))
            reports.append(report)
            print(f"{page}: {report.problems() or 'fine'}  ({report.bold}/{report.words} bold words)")
    (dest / "report.json").write_text(json.dumps([asdict(r) for r in reports], indent=1), encoding="utf-8")
    return 1 if any(r.problems() for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
