"""A cold build and a no-change build of the book over a synthetic corpus (issue #16; default 1,000 articles).

:func:`measure` does what ``make book`` does, with every output in a temporary
folder (the repository's ``_build`` is not touched):

1. **cold**: ``python -m analysis book-hash CORPUS --check STAMP`` (which
   finds no saved hash, exits 1 and keeps the new one pending, as in
   ``make book``), ``python -m analysis run CORPUS --out RESULTS --jobs 2`` into an
   empty results folder, then ``jupyter-book build . --all -W -n --keep-going
   --path-output OUT`` (the strict flags of ``tests/books.py``) with
   ``ANALYSIS_CACHE=RESULTS`` and ``CORPUS_DIR=CORPUS``, then ``python -m
   analysis book-hash CORPUS --save STAMP``; the four steps' wall seconds
   are reported and summed;
2. **no change**: ``python -m analysis book-hash CORPUS --check
   STAMP``, which is all ``make book`` runs when no input
   changed (goal: under 10 s), and which must exit 0.

Then, of the built site: the size of every HTML page with the images it
references (``_images/…``), the largest page, the build's warnings
(:func:`tests.books.sphinx_warnings`) and, when Chromium is installed, the page
checks of ``tests/test_pages.py`` (:func:`tests.browser.check_page`) on every
page.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
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


def _env(corpus: Path, results: Path | None = None) -> dict[str, str]:
    from tests.books import book_env

    env = book_env(corpus_dir=corpus)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    if results is not None:
        env["ANALYSIS_CACHE"] = str(results)
    return env


def _step(name: str, cmd: list[str], env: dict, steps: dict) -> dict:
    result = run_measured(cmd, env=env, cwd=REPO)
    steps[name] = {k: result[k] for k in ("returncode", "wall_s", "cpu_s", "peak_tree_rss_mb", "load_before")}
    print(
        f"  {name}: exit {result['returncode']}, {result['wall_s']:.1f} s wall, {result['cpu_s']:.1f} s CPU", flush=True
    )
    return result


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
    """Build the book over ``corpus`` cold, then check it unchanged; return the measurements (module docstring)."""
    from tests.books import BOOK_FLAGS, JB, STRICT_FLAGS, sphinx_warnings

    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        base = Path(keep) if keep is not None else Path(tmp)
        results, out = base / "results", base / "book"
        stamp = base / ".book-inputs"  # make book keeps it in _build/html/; here beside the build, made before it
        steps: dict[str, dict] = {}
        python = sys.executable
        # as `make book`: --check first (the book is not built yet: it exits 1 and keeps the hash pending for --save)
        _step(
            "book-hash --check (before)",
            [python, "-m", "analysis", "book-hash", str(corpus), "--check", str(stamp)],
            _env(corpus),
            steps,
        )
        run = _step(
            "batch run (--jobs 2)",
            [python, "-m", "analysis", "run", str(corpus), "--out", str(results), "--jobs", "2"],
            _env(corpus),
            steps,
        )
        if run["returncode"] != 0:
            raise RuntimeError(f"the batch step failed:\n{run['stderr'][-2000:]}")
        start = time.perf_counter()
        build = _step(
            "jupyter-book build (strict)",
            [str(JB), "build", ".", *BOOK_FLAGS, *STRICT_FLAGS, "--path-output", str(out)],
            _env(corpus, results),
            steps,
        )
        build_wall = time.perf_counter() - start

        class _Result:  # what sphinx_warnings reads
            stdout, stderr = build["stdout"], build["stderr"]

        warnings = sphinx_warnings(_Result)
        if build["returncode"] == 0:
            _step(
                "book-hash --save",
                [python, "-m", "analysis", "book-hash", str(corpus), "--save", str(stamp)],
                _env(corpus),
                steps,
            )
        check = _step(
            "no change: book-hash --check",
            [python, "-m", "analysis", "book-hash", str(corpus), "--check", str(stamp)],
            _env(corpus),
            steps,
        )
        site = out / "_build" / "html"
        sizes = page_sizes(site) if site.exists() else {}
        largest = max(sizes, key=lambda p: sizes[p]["with_images_mb"]) if sizes else None
        pages = check_pages(site, base / "chromium") if browser and site.exists() else None
        return {
            "steps": steps,
            "build_returncode": build["returncode"],
            "build_wall_s": build_wall,
            "warnings": warnings,
            "build_log_tail": (build["stdout"] + build["stderr"])[-4000:],
            "cold_s": sum(s["wall_s"] for name, s in steps.items() if not name.startswith("no change")),
            "no_change_s": steps["no change: book-hash --check"]["wall_s"],
            "no_change_skipped": check["returncode"] == 0,
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
        f"  cold build (sum of the first steps): {result['cold_s']:.1f} s; no-change check: {result['no_change_s']:.1f} s"
        f" ({'skipped the build' if result['no_change_skipped'] else 'did NOT recognise the book as up to date'})"
    )
    print(f"  strict build: exit {result['build_returncode']}, {len(result['warnings'])} warning line(s)")
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
