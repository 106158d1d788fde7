"""A cold build and a no-change build of the book over a synthetic corpus (issue #16; default 1,000 articles).

:func:`measure` times what ``make book`` runs, ``python -m analysis book CORPUS``
(check, batch step, build into a temporary folder, move; or stop when nothing
changed), twice:

1. **cold**: the corpus is new, so its output (``_build/<name>-<hash>/html``
   under the repository, which :func:`analysis.cli.book_output` names) does not
   exist yet and the whole book is built. The build is made strict by giving
   ``--jupyter-book`` a two-line wrapper that adds the strict flags of
   ``tests/books.py`` (``-W -n --keep-going``) to ``jupyter-book``;
2. **no change**: the same command again, which must say that the book is up
   to date, exit 0 and take under 10 s (the goal).

Then, of the built site: the size of every HTML page with the images it
references (``_images/…``), the largest page, the build's warnings
(:func:`tests.books.sphinx_warnings`) and, when Chromium is installed, the page
checks of ``tests/test_pages.py`` (:func:`tests.browser.check_page`) on every
page. The output and its batch results are removed at the end unless ``keep``
is given (then the site is moved there).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from benchmarks.procs import run_measured

REPO = Path(__file__).resolve().parent.parent
N_ARTICLES = 1000


def page_sizes(site: Path) -> dict[str, dict[str, float]]:
    """Each HTML page of ``site`` (relative path) with ``html_mb`` and ``with_images_mb`` (its local images added).

    Example
    -------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     site = Path(tmp)
    ...     (site / "_images").mkdir()
    ...     _ = (site / "_images" / "f.svg").write_bytes(b"x" * 1_000_000)
    ...     _ = (site / "p.html").write_text('<img src="_images/f.svg">')
    ...     sizes = page_sizes(site)
    >>> round(sizes["p.html"]["with_images_mb"], 2)
    1.0
    """
    from tests.browser import site_pages

    out = {}
    for page in site_pages(site):
        path = site / page
        html = path.read_text(encoding="utf-8", errors="replace")
        images = {
            (path.parent / src).resolve()
            for src in re.findall(r'src="([^"#?]+\.(?:svg|png|jpg|jpeg|gif))"', html)
            if not src.startswith(("http:", "https:", "data:"))
        }
        extra = sum(p.stat().st_size for p in images if p.exists())
        size = path.stat().st_size
        out[page] = {"html_mb": size / 1e6, "with_images_mb": (size + extra) / 1e6}
    return out


def _env(corpus: Path) -> dict[str, str]:
    from tests.books import book_env

    env = book_env(corpus_dir=corpus)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def _step(name: str, cmd: list[str], env: dict, steps: dict) -> dict:
    result = run_measured(cmd, env=env, cwd=REPO)
    steps[name] = {k: result[k] for k in ("returncode", "wall_s", "cpu_s", "peak_tree_rss_mb", "load_before")}
    print(
        f"  {name}: exit {result['returncode']}, {result['wall_s']:.1f} s wall, {result['cpu_s']:.1f} s CPU", flush=True
    )
    return result


def strict_wrapper(folder: Path) -> Path:
    """An executable ``jupyter-book`` in ``folder`` that runs the real one with the strict flags added.

    Example
    -------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = strict_wrapper(Path(tmp)).read_text()
    >>> "-W -n --keep-going" in text
    True
    """
    from tests.books import JB, STRICT_FLAGS

    path = Path(folder) / "jupyter-book"
    path.write_text(f'#!/bin/sh\nexec "{JB}" "$@" {" ".join(STRICT_FLAGS)}\n', encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


#: What the no-change run must print (``analysis.cli``), besides exiting 0.
UP_TO_DATE = "The book is up to date"


def check_pages(site: Path, profile: Path) -> dict[str, list[str]] | None:
    """The browser checks of every page (``{page: problems}``), or ``None`` without Chromium."""
    from tests.browser import Chromium, check_page, find_chromium, site_pages

    executable = find_chromium()
    if executable is None:
        return None
    problems = {}
    with Chromium(executable, profile=profile) as browser:
        for page in site_pages(site):
            found = check_page(browser, site, page).problems()
            problems[page] = [f"{check}: {detail}" for check, details in found.items() for detail in details]
    return problems


def measure(corpus: Path, *, keep: Path | None = None, browser: bool = True) -> dict:
    """Build the book over ``corpus`` cold with ``python -m analysis book``, then again unchanged (module docstring)."""
    from analysis.cli import book_output
    from analysis.inputs import results_dir
    from tests.books import sphinx_warnings

    corpus = Path(corpus).resolve()
    out, results = book_output(REPO, corpus), results_dir(REPO, corpus)
    if out.parent == REPO / "_build":
        raise ValueError(f"{corpus} is the book's own corpus: its output is not removed after a benchmark")
    if out.exists():
        raise FileExistsError(f"{out} exists: the cold build would not be cold")
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        steps: dict[str, dict] = {}
        cmd = [sys.executable, "-m", "analysis", "book", str(corpus), "--root", str(REPO), "--no-wait"]
        cmd += ["--jupyter-book", str(strict_wrapper(Path(tmp)))]
        try:
            cold = _step("cold: analysis book (strict)", cmd, _env(corpus), steps)
            again = _step("no change: analysis book", cmd, _env(corpus), steps)
            sizes = page_sizes(out) if (out / "index.html").exists() else {}
            pages = check_pages(out, Path(tmp) / "chromium") if browser and sizes else None
            if keep is not None and out.exists():
                shutil.move(str(out), str(keep))
        finally:
            shutil.rmtree(out.parent, ignore_errors=True)
            shutil.rmtree(results, ignore_errors=True)

    class _Result:  # what sphinx_warnings reads
        stdout, stderr = cold["stdout"], cold["stderr"]

    largest = max(sizes, key=lambda p: sizes[p]["with_images_mb"]) if sizes else None
    return {
        "steps": steps,
        "build_returncode": cold["returncode"],
        "build_wall_s": cold["wall_s"],
        "warnings": sphinx_warnings(_Result),
        "build_log_tail": (cold["stdout"] + cold["stderr"])[-4000:],
        "cold_s": cold["wall_s"],
        "no_change_s": again["wall_s"],
        "no_change_skipped": again["returncode"] == 0 and UP_TO_DATE in again["stdout"],
        "no_change_output": (again["stdout"] + again["stderr"])[-1000:],
        "pages": sizes,
        "largest_page": largest,
        "largest_page_mb": sizes[largest]["with_images_mb"] if largest else float("nan"),
        "page_problems": pages,
    }


def report(result: dict, *, articles: int) -> None:
    """Print the steps, the page sizes and the page checks."""
    print(f"book (benchmarks/bench_book.py): {articles:,} synthetic articles")
    for name, step in result["steps"].items():
        print(f"  {name:<32} {step['wall_s']:8.1f} s wall  exit {step['returncode']}  load {step['load_before']:.2f}")
    print(
        f"  cold build: {result['cold_s']:.1f} s; no-change build: {result['no_change_s']:.1f} s"
        f" ({'skipped the build' if result['no_change_skipped'] else 'did NOT recognise the book as up to date'})"
    )
    print(f"  strict build: exit {result['build_returncode']}, {len(result['warnings'])} warning line(s)")
    if result["build_returncode"] != 0:
        print("  the build's last lines:", *result["build_log_tail"].splitlines()[-15:], sep="\n    ")
    for line in result["warnings"][:20]:
        print(f"    {line[:200]}")
    print(f"  {'page':<36} {'HTML MB':>8} {'with images MB':>15}")
    for page, size in sorted(result["pages"].items(), key=lambda kv: -kv[1]["with_images_mb"]):
        print(f"  {page:<36} {size['html_mb']:>8.2f} {size['with_images_mb']:>15.2f}")
    problems = result["page_problems"]
    if problems is None:
        print("  page checks: Chromium not found, not run")
    else:
        bad = {p: v for p, v in problems.items() if v}
        print(f"  page checks (tests/browser.py): {len(problems) - len(bad)} of {len(problems)} pages pass")
        for page, found in bad.items():
            for line in found[:5]:
                print(f"    {page}: {line[:200]}")
