"""The API reference pages: an index of the layers and one page per module, written from the package itself.

``python -m analysis.book.apidocs`` rewrites ``chapters/api.md`` (the index),
``chapters/api/<module>.md`` (one ``automodule`` page per module) and the API
sections of ``_toc.yml``; ``--check`` only reports whether they are up to
date (exit status 1 when not). A module added to the package gets its page on
the next run, and ``tests/test_book_apidocs.py`` fails until then.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.errors import AnalysisInputError, Problem

#: The repository, the folder that holds the ``analysis`` package.
REPO = Path(__file__).resolve().parents[2]

#: The layers as the index shows them, the command line first, then from the base up
#: (``pyproject.toml`` holds the import contracts), each as title, one line and module prefixes.
LAYERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Command line", "`python -m analysis` and its subcommands.", ("analysis.cli",)),
    (
        "Base: reading and preparing articles",
        "Read, validate and clean a corpus folder; sentences and tokens; shared names, formatting and statistics.",
        (
            "analysis.errors",
            "analysis.types",
            "analysis.vocabulary",
            "analysis.formatting",
            "analysis.stats",
            "analysis.scanning",
            "analysis.characters",
            "analysis.punkt",
            "analysis.text",
            "analysis.quotes",
            "analysis.files",
            "analysis.clean",
            "analysis.clean_rules",
            "analysis.corpus",
            "analysis.settings",
            "analysis.importing",
        ),
    ),
    (
        "Measures: they compute, and never draw or speak",
        "Tidy DataFrames in and out: actor mentions, framing terms and sentiment.",
        ("analysis.actors", "analysis.framing", "analysis.sentiment"),
    ),
    (
        "Pipeline, cache and batch",
        "Each measure's expensive pass run once per article, kept between runs, run in parallel.",
        ("analysis.cache", "analysis.pipeline", "analysis.batch", "analysis.engines", "analysis.inputs"),
    ),
    (
        "Comparison",
        "The three measures side by side; contrasts between groups with their intervals or exact tests.",
        ("analysis.compare", "analysis.contrasts"),
    ),
    ("Evidence: hand coding and agreement", "Each measure scored against the hand coding.", ("analysis.evidence",)),
    ("Findings: the sentences the book states", "Chosen from computed numbers.", ("analysis.findings",)),
    ("Figures", "They take DataFrames and return a Figure; they import no measure.", ("analysis.figures",)),
    ("Book: glue, tables and downloads", "What the chapters call to show results.", ("analysis.book",)),
)


@dataclass(frozen=True)
class ModulePage:
    """One module's API page: ``module`` (dotted name), ``summary`` (first line of its docstring), ``layer`` (title).

    Example
    -------
    >>> ModulePage("analysis.actors.counts", "Counts.", "Measures").page
    'api/actors-counts'
    """

    module: str
    summary: str
    layer: str

    @property
    def page(self) -> str:
        """The page's path under ``chapters/``, without suffix."""
        return "api/" + self.module.removeprefix("analysis.").replace(".", "-")


def package_modules(root: Path | None = None) -> list[str]:
    """Every module of the package, by dotted name, sorted: files, not packages (``__init__``) or ``__main__``.

    Example
    -------
    >>> mods = package_modules()
    >>> "analysis.actors.counts" in mods, "analysis.actors" in mods, "analysis.__main__" in mods
    (True, False, False)
    """
    root = Path(root) if root else REPO / "analysis"
    names = []
    for path in root.rglob("*.py"):
        if path.name in {"__init__.py", "__main__.py"}:
            continue
        parts = path.relative_to(root.parent).with_suffix("").parts
        names.append(".".join(parts))
    return sorted(names)


def _summary(module: str, root: Path) -> str:
    path = root.parent.joinpath(*module.split(".")).with_suffix(".py")
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    if not doc:
        raise AnalysisInputError(Problem(str(path), None, "docstring", "the module has no docstring"))
    return markdown_line(doc.strip().splitlines()[0])


def markdown_line(text: str) -> str:
    """A docstring line (reStructuredText) for a Markdown page: inline literals and roles in MyST syntax.

    Example
    -------
    >>> markdown_line("Run ``python -m analysis`` (see :mod:`analysis.cli`).")
    'Run `python -m analysis` (see {mod}`analysis.cli`).'
    """
    text = re.sub(r"``([^`]+)``", r"`\1`", text)
    return re.sub(r":(?:py:)?([a-z]+):`", r"{\1}`", text)


def _layer(module: str) -> str:
    found = [title for title, _, prefixes in LAYERS if any(module == p or module.startswith(p + ".") for p in prefixes)]
    if len(found) != 1:
        where = "no layer" if not found else f"{len(found)} layers"
        raise AnalysisInputError(Problem("analysis/book/apidocs.py", None, "LAYERS", f"{module} is in {where}"))
    return found[0]


def module_pages(root: Path | None = None) -> list[ModulePage]:
    """One :class:`ModulePage` per module, in the order of :data:`LAYERS`, then by name.

    Raises :class:`~analysis.errors.AnalysisInputError` for a module without a
    docstring or in no layer (or in two).

    Example
    -------
    >>> pages = module_pages()
    >>> pages[0].module, pages[0].layer
    ('analysis.cli', 'Command line')
    """
    root = Path(root) if root else REPO / "analysis"
    order = {title: i for i, (title, _, _) in enumerate(LAYERS)}
    pages = [ModulePage(m, _summary(m, root), _layer(m)) for m in package_modules(root)]
    return sorted(pages, key=lambda p: (order[p.layer], p.module))


def module_page_text(page: ModulePage) -> str:
    """The Markdown of one module's page: its name as the title, then ``automodule``.

    Example
    -------
    >>> print(module_page_text(ModulePage("analysis.text", "Sentences.", "Base")).splitlines()[0])
    # `analysis.text`
    """
    return (
        f"# `{page.module}`\n\n"
        f"Layer: {page.layer.split(':')[0].lower()}. [All modules](../api.md)\n\n"
        "```{eval-rst}\n"
        f".. automodule:: {page.module}\n"
        "```\n"
    )


_INTRO = """\
# API reference

Generated from the docstrings of the `analysis` package at build time, one page per module. The
package is layered; this page lists the command line first, then the layers from the base up. Each
layer imports only from the layers below it (checked by `import-linter`, see `pyproject.toml`).
Measures take and return tidy pandas DataFrames; each docstring lists the columns and gives a short
example, which the test suite runs (`pytest --doctest-modules`).

This page and the module pages are written by `python -m analysis.book.apidocs`.
"""


def index_text(pages: list[ModulePage]) -> str:
    """The Markdown of the index page: per layer, its line and a list of its modules with their summaries.

    Example
    -------
    >>> text = index_text([ModulePage("analysis.cli", "The command line.", "Command line")])
    >>> "- [`analysis.cli`](api/cli.md): The command line." in text
    True
    """
    parts = [_INTRO]
    for title, line, _ in LAYERS:
        shown = [p for p in pages if p.layer == title]
        if not shown:
            continue
        parts.append(f"\n## {title}\n\n{line}\n\n")
        parts.extend(f"- [`{p.module}`]({p.page}.md): {p.summary}\n" for p in shown)
    return "".join(parts)


def toc_with_pages(toc: dict, pages: list[ModulePage]) -> dict:
    """``toc`` (a parsed ``_toc.yml``) with the module pages as the sections of ``chapters/api``.

    Example
    -------
    >>> toc = {"chapters": [{"file": "chapters/api"}]}
    >>> toc_with_pages(toc, [ModulePage("analysis.cli", "x", "Command line")])["chapters"]
    [{'file': 'chapters/api', 'sections': [{'file': 'chapters/api/cli'}]}]
    """
    chapters = []
    for entry in toc["chapters"]:
        if entry.get("file") == "chapters/api":
            entry = {"file": "chapters/api", "sections": [{"file": f"chapters/{p.page}"} for p in pages]}
        chapters.append(entry)
    return {**toc, "chapters": chapters}


def expected_files(repo: Path | None = None) -> dict[Path, str]:
    """Every file the API reference consists of, with the text it should have.

    Example
    -------
    >>> files = expected_files()
    >>> REPO / "chapters" / "api" / "cli.md" in files
    True
    """
    repo = Path(repo) if repo else REPO
    pages = module_pages(repo / "analysis")
    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    files = {repo / "chapters" / "api.md": index_text(pages)}
    files.update({repo / "chapters" / f"{p.page}.md": module_page_text(p) for p in pages})
    files[repo / "_toc.yml"] = yaml.safe_dump(toc_with_pages(toc, pages), sort_keys=False, allow_unicode=True)
    return files


def stale_files(repo: Path | None = None) -> list[Path]:
    """The API files that differ from what :func:`expected_files` writes, and module pages of no module.

    Example
    -------
    >>> isinstance(stale_files(), list)
    True
    """
    repo = Path(repo) if repo else REPO
    files = expected_files(repo)
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    stale += [p for p in sorted((repo / "chapters" / "api").glob("*.md")) if p not in files]
    return stale


def main(argv: list[str] | None = None) -> int:
    """Write the API pages (or, with ``--check``, list the stale ones); returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    stale = stale_files()
    if "--check" in argv:
        for path in stale:
            print(f"out of date: {path.relative_to(REPO)}")
        return 1 if stale else 0
    files = expected_files()
    (REPO / "chapters" / "api").mkdir(exist_ok=True)
    for path in stale:
        if path in files:
            path.write_text(files[path], encoding="utf-8")
        else:
            path.unlink()
        print(f"wrote {path.relative_to(REPO)}" if path in files else f"removed {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
