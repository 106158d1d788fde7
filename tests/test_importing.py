"""Tests for analysis.importing and ``python -m analysis add``: saved pages into a corpus folder, offline,
validated, never overwriting, refusing duplicates, leaving nothing behind on failure."""

from __future__ import annotations

import hashlib

import pytest

from analysis.corpus import load_corpus
from analysis.errors import CorpusError
from analysis.importing import add_page, extract_page

from .synthetic import write_corpus
from .test_cli import _run

PAGE = """<html><head><title>Envoys meet | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2023-03-03T09:00:00Z"></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Envoys meet after the border clash</h1>
<p>Envoys of the two states met on Friday to discuss the clash near the border, officials said.</p>
<p>Both sides agreed to keep talking and to avoid any further escalation of the dispute.</p></article>
<footer>Subscribe to our newsletter</footer></body></html>"""


@pytest.fixture
def corpus_dir(tmp_path):
    return write_corpus(tmp_path / "corpus")


def _snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_extract_page_reads_body_title_date_author_and_site_offline():
    e = extract_page(PAGE)
    assert (e.title, e.published, e.author, e.outlet) == (
        "Envoys meet after the border clash",
        "2023-03-03",
        "Jane Roe",
        "Daily Example",
    )
    lines = e.text.splitlines()
    assert lines[0] == "Envoys meet after the border clash" and lines[1] == ""
    assert "Envoys of the two states met on Friday" in e.text
    assert "Home | World" not in e.text and "Subscribe" not in e.text


def test_add_writes_an_article_and_a_row_that_the_loader_accepts(corpus_dir, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    before = len(load_corpus(corpus_dir))
    row = add_page(page, crisis="alpha-2023", corpus_dir=corpus_dir)
    assert row["id"] == "daily-example-2023-03-03" and row["file"] == "daily-example-2023-03-03.txt"
    corpus = load_corpus(corpus_dir).set_index("id")
    assert len(corpus) == before + 1
    assert corpus.loc["daily-example-2023-03-03", "outlet"] == "Daily Example"
    assert corpus.loc["daily-example-2023-03-03", "text"].startswith("Envoys of the two states met")


def test_a_duplicate_is_refused_and_an_id_is_never_reused(corpus_dir, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    add_page(page, crisis="alpha-2023", corpus_dir=corpus_dir)
    before = _snapshot(corpus_dir)
    with pytest.raises(CorpusError, match="already in the corpus"):
        add_page(page, crisis="alpha-2023", corpus_dir=corpus_dir)
    assert _snapshot(corpus_dir) == before
    other = tmp_path / "other.html"
    other.write_text(PAGE.replace("Friday", "Saturday"), encoding="utf-8")
    assert add_page(other, crisis="alpha-2023", corpus_dir=corpus_dir)["id"] == "daily-example-2023-03-03-2"


def test_a_row_the_loader_refuses_leaves_the_folder_as_it_was(corpus_dir, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    before = _snapshot(corpus_dir)
    with pytest.raises(CorpusError, match="crisis"):
        add_page(page, crisis="no-such-crisis", corpus_dir=corpus_dir)
    assert _snapshot(corpus_dir) == before


def test_a_page_without_a_date_asks_for_one(corpus_dir, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        PAGE.replace('<meta property="article:published_time" content="2023-03-03T09:00:00Z">', ""), encoding="utf-8"
    )
    with pytest.raises(CorpusError, match="field 'published': not found in the page; give it with --published"):
        add_page(page, crisis="alpha-2023", corpus_dir=corpus_dir)
    assert (
        add_page(page, crisis="alpha-2023", corpus_dir=corpus_dir, published="2023-03-02")["published"] == "2023-03-02"
    )


def test_a_page_without_text_is_refused(corpus_dir, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body></body></html>", encoding="utf-8")
    with pytest.raises(CorpusError, match="no article text"):
        add_page(page, crisis="alpha-2023", corpus_dir=corpus_dir)


def test_the_command_adds_a_folder_of_pages_and_reports_failures(corpus_dir, tmp_path):
    pages = tmp_path / "saved"
    pages.mkdir()
    (pages / "a.html").write_text(PAGE, encoding="utf-8")
    (pages / "b.html").write_text("<html><body></body></html>", encoding="utf-8")
    result = _run("add", "--from-dir", str(pages), "--crisis", "alpha-2023", "--corpus", str(corpus_dir))
    assert result.returncode == 1
    assert "added daily-example-2023-03-03" in result.stdout
    assert "b.html" in result.stderr and "no article text" in result.stderr
    assert "Traceback" not in result.stderr
