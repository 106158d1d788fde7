"""The API reference: one page per module, none forgotten, none of a module that is gone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis.book.apidocs import (
    ModulePage,
    index_text,
    markdown_line,
    module_pages,
    package_modules,
    stale_files,
    toc_with_pages,
)
from analysis.errors import AnalysisInputError

REPO = Path(__file__).resolve().parents[1]
API = REPO / "chapters" / "api"


def _modules_on_disk() -> set[str]:
    """Every .py file of the package but __init__ and __main__, found here without the code under test."""
    out = set()
    for path in (REPO / "analysis").rglob("*.py"):
        if path.name not in {"__init__.py", "__main__.py"}:
            out.add(".".join(path.relative_to(REPO).with_suffix("").parts))
    return out


def _documented() -> dict[str, list[str]]:
    """Module -> the API pages whose automodule directive names it."""
    pages: dict[str, list[str]] = {}
    for page in sorted(API.glob("*.md")):
        for module in re.findall(r"^\.\. automodule:: (\S+)$", page.read_text(encoding="utf-8"), re.M):
            pages.setdefault(module, []).append(page.name)
    return pages


def test_every_module_has_exactly_one_page_and_every_page_a_module():
    documented = _documented()
    modules = _modules_on_disk()
    assert len(modules) > 50
    assert sorted(m for m in modules if m not in documented) == []
    assert {m: p for m, p in documented.items() if len(p) != 1} == {}
    assert sorted(m for m in documented if m not in modules) == []
    # and each page holds one module
    assert len(list(API.glob("*.md"))) == len(modules)


def test_every_page_is_in_the_table_of_contents_under_the_api_page():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    (api,) = [c for c in toc["chapters"] if c["file"] == "chapters/api"]
    listed = [s["file"] for s in api["sections"]]
    assert sorted(listed) == sorted(f"chapters/api/{p.stem}" for p in API.glob("*.md"))
    assert len(set(listed)) == len(listed)


def test_the_index_links_every_module_page_once():
    text = (REPO / "chapters" / "api.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\((api/[^)]+)\.md\)", text)
    assert sorted(links) == sorted(f"api/{p.stem}" for p in API.glob("*.md"))


def test_the_written_pages_are_what_the_generator_writes():
    assert stale_files() == []


def test_package_modules_skips_packages_and_main(tmp_path):
    pkg = tmp_path / "analysis"
    (pkg / "sub").mkdir(parents=True)
    for name in ("__init__.py", "__main__.py", "a.py", "sub/__init__.py", "sub/b.py"):
        (pkg / name).write_text('"""Doc."""\n', encoding="utf-8")
    assert package_modules(pkg) == ["analysis.a", "analysis.sub.b"]


def test_a_new_module_outside_every_layer_stops_the_generator(tmp_path):
    pkg = tmp_path / "analysis"
    pkg.mkdir()
    (pkg / "newthing.py").write_text('"""A new module."""\n', encoding="utf-8")
    with pytest.raises(AnalysisInputError, match=r"analysis\.newthing is in no layer"):
        module_pages(pkg)


def test_a_module_without_a_docstring_stops_the_generator(tmp_path):
    pkg = tmp_path / "analysis"
    pkg.mkdir()
    (pkg / "text.py").write_text("X = 1\n", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match="no docstring"):
        module_pages(pkg)


def test_summaries_come_from_the_first_docstring_line_in_markdown(tmp_path):
    pkg = tmp_path / "analysis"
    pkg.mkdir()
    (pkg / "stats.py").write_text('"""Tests with ``scipy``, see :func:`f`.\n\nMore."""\n', encoding="utf-8")
    (page,) = module_pages(pkg)
    assert page == ModulePage("analysis.stats", "Tests with `scipy`, see {func}`f`.", page.layer)
    assert page.page == "api/stats"


def test_markdown_line():
    assert markdown_line("``a`` and :py:class:`B`") == "`a` and {class}`B`"
    assert markdown_line("plain") == "plain"


def test_index_groups_modules_under_their_layer_in_layer_order():
    pages = [
        ModulePage("analysis.book.glue", "Glue.", "Book: glue, tables and downloads"),
        ModulePage("analysis.cli", "CLI.", "Command line"),
    ]
    text = index_text(pages)
    assert text.index("## Command line") < text.index("[`analysis.cli`]") < text.index("## Book")
    assert text.index("## Book") < text.index("[`analysis.book.glue`](api/book-glue.md): Glue.")
    assert "## Figures" not in text  # a layer with no module is left out


def test_toc_with_pages_replaces_only_the_api_entry():
    toc = {
        "format": "jb-book",
        "chapters": [{"file": "chapters/a"}, {"file": "chapters/api", "sections": [{"file": "x"}]}],
    }
    out = toc_with_pages(toc, [ModulePage("analysis.text", "T.", "Base")])
    assert out["chapters"] == [
        {"file": "chapters/a"},
        {"file": "chapters/api", "sections": [{"file": "chapters/api/text"}]},
    ]
    assert out["format"] == "jb-book"
