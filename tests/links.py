"""The links of a built site that lead nowhere: local files that are missing and anchors no page defines.

Every ``href`` and ``src`` of every page (and the redirect of ``index.html``) is followed when it points
inside the site; links to other sites are the concern of the page tests, which check that no page
loads anything from outside.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Attributes that hold a link, by tag.
LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
}
_REFRESH = re.compile(r"url\s*=\s*(\S+)", re.I)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        target = attrs.get(LINK_ATTRIBUTES.get(tag, ""))
        if target is not None:
            self.links.append(target)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH.search(attrs.get("content") or "")
            if m:
                self.links.append(m.group(1).strip("'\""))


def _read(page: Path) -> _Page:
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def broken_links(site: Path, pages: list[str]) -> list[str]:
    """``page: link (why)`` for each link of ``pages`` (paths relative to ``site``) that leads nowhere.

    Example
    -------
    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> _ = (site / "a.html").write_text('<h1 id="top">A</h1><a href="b.html#top">b</a><img src="x.png">')
    >>> _ = (site / "b.html").write_text('<p id="top"><a href="a.html#gone">a</a> <a href="https://x.org/">x</a>')
    >>> broken_links(site, ["a.html", "b.html"])
    ['a.html: x.png (no such file)', 'b.html: a.html#gone (no anchor gone in a.html)']
    """
    parsed: dict[Path, _Page] = {}

    def page_at(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _read(path)
        return parsed[path]

    broken = []
    for name in pages:
        page = (site / name).resolve()
        for link in page_at(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue  # another site, mailto:, data: or javascript:
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{name}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page_at(target).ids:
                where = target.relative_to(site.resolve()).as_posix()
                broken.append(f"{name}: {link} (no anchor {unquote(parts.fragment)} in {where})")
    return broken
