"""Tests for analysis.inputs: the hash that lets a no-change ``make book`` stop at once."""

from __future__ import annotations

import shutil

import pytest

from analysis.inputs import BOOK_FILES, book_hash, book_inputs, pending_path, results_dir, saved_hash

from .synthetic import write_corpus


@pytest.fixture
def book(tmp_path):
    """A book folder (chapters and config files), a package folder and a corpus, all small."""
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "chapters" / "intro.md").write_text("# Intro\n")
    (root / "chapters" / "figures").mkdir()
    (root / "chapters" / "figures" / "map.svg").write_text("<svg/>\n")
    for name in BOOK_FILES:
        (root / name).write_text(f"{name}\n")
    package = tmp_path / "analysis"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "data" / "frames.yaml").write_text("- frame\n")
    corpus = write_corpus(tmp_path / "corpus")
    return root, package, corpus


def _hash(book, corpus=None):
    root, package, default = book
    return book_hash(root, corpus_dir=corpus or default, package_dir=package)


EDITS = [
    "corpus/articles/north-1.txt",
    "corpus/metadata.csv",
    "corpus/crises.csv",
    "analysis/__init__.py",
    "analysis/data/frames.yaml",
    "book/chapters/intro.md",
    "book/chapters/figures/map.svg",
    *(f"book/{name}" for name in BOOK_FILES),
]


def test_an_unchanged_tree_gives_the_same_hash(book):
    assert _hash(book) == _hash(book)
    assert len(_hash(book)) == 64


@pytest.mark.parametrize("name", EDITS)
def test_changing_any_one_input_changes_the_hash(book, name):
    before = _hash(book)
    path = book[0].parent / name
    data = path.read_bytes()
    path.write_bytes(data + b" ")
    assert _hash(book) != before
    path.write_bytes(data)
    assert _hash(book) == before


@pytest.mark.parametrize(
    "name", ["book/chapters/new.md", "corpus/gold/mentions.csv", "analysis/new.py", "analysis/data/more.txt"]
)
def test_adding_a_file_changes_the_hash(book, name):
    before = _hash(book)
    path = book[0].parent / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("new\n")
    assert _hash(book) != before


def test_removing_a_book_file_changes_the_hash(book):
    before = _hash(book)
    (book[0] / "references.bib").unlink()
    assert _hash(book) != before
    assert (
        book_inputs(book[0], corpus_dir=book[2], package_dir=book[1]).set_index("input").loc["references.bib", "sha256"]
        == "missing"
    )


def test_the_same_corpus_in_another_folder_is_another_book(book, tmp_path):
    copy = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(book[2], copy)
    assert _hash(book, copy) != _hash(book)


def test_checkpoints_caches_hidden_files_and_downloads_are_not_inputs(book):
    """Nor is what a build writes: its output folder and the CSV downloads beside the chapters."""
    before = _hash(book)
    root, package, _ = book
    for path in [
        root / "chapters" / ".ipynb_checkpoints" / "intro-checkpoint.md",
        root / "chapters" / ".notes.swp",
        package / "__pycache__" / "x.cpython-311.py",
        root / "_build" / "html" / "index.html",
        root / "chapters" / "downloads" / "framing-frame-hits.csv",
    ]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
    assert _hash(book) == before


def test_results_dir_depends_on_the_corpus_folder(tmp_path):
    a = results_dir(tmp_path, tmp_path / "one" / "corpus")
    b = results_dir(tmp_path, tmp_path / "two" / "corpus")
    assert a != b and a.parent == b.parent == tmp_path / "_build" / "results"
    assert a == results_dir(tmp_path, tmp_path / "one" / "corpus")


def test_saved_and_pending_paths(tmp_path):
    stamp = tmp_path / "html" / ".book-inputs"
    assert saved_hash(stamp) is None
    stamp.parent.mkdir()
    stamp.write_text("abc\n")
    assert saved_hash(stamp) == "abc"
    assert pending_path(stamp) == tmp_path / "html" / ".book-inputs.pending"
