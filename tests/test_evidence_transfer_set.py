"""Tests for analysis.evidence.transfer_set: the transfer set's loaders, and the repository's set itself.

Bad rows are written by hand into a small valid set built in a temporary folder;
each test checks that the loader refuses the file and names the file, row and field.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from analysis.errors import AnalysisInputError, DataFileError
from analysis.evidence.transfer_set import (
    SECOND_READER_FILE,
    load_transfer_articles,
    load_transfer_lines,
    load_transfer_mentions,
    load_transfer_pages,
)

REPO = Path(__file__).resolve().parent.parent
SET = REPO / "tests" / "transfer"

PAGES = "id,file,outlet,url,topic,title,retrieved_from,note\n"
LINES = "page,line_number,label,kind\n"
ARTICLES = "id,file,outlet,url,crisis,retrieved_from,note\n"
MENTIONS = "article,start,end,matched,actor,actor_type,is_demonym,in_gazetteer\n"


def write_set(folder: Path, *, pages=None, lines=None, articles=None, mentions=None) -> Path:
    """A valid one-page, one-article set; any file can be replaced by the text given."""
    (folder / "pages").mkdir()
    (folder / "articles").mkdir()
    # page lines: 1 headline, 2 blank, 3 body, 4 caption
    (folder / "pages" / "p.txt").write_text("Big News\n\nThe minister spoke.\nPhoto: AFP\n", encoding="utf-8")
    # article offsets: Iran 0-4, Jordan 9-15, Iranian 20-27
    (folder / "articles" / "a.txt").write_text("Iran and Jordan met Iranian envoys.", encoding="utf-8")
    files = {
        "pages.csv": pages or PAGES + "p,pages/p.txt,Daily,https://example.org/p,other,Big News,stored copy,\n",
        "furniture_lines.csv": lines or LINES + "p,1,furniture,headline\np,3,body,text\np,4,furniture,caption\n",
        "actor_articles.csv": articles
        or ARTICLES + "a,articles/a.txt,Daily,https://example.org/a,iran-israel-2024-04,stored copy,\n",
        "actor_mentions.csv": mentions
        or MENTIONS
        + "a,0,4,Iran,iran,state,false,true\na,9,15,Jordan,jordan,state,false,false\na,20,27,Iranian,iran,state,true,true\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems(excinfo) -> list[tuple]:
    return [(p.file, p.row, p.field) for p in excinfo.value.problems]


# ---------------------------------------------------------------- a valid set loads


def test_a_valid_set_loads(tmp_path):
    folder = write_set(tmp_path)
    pages = load_transfer_pages(folder)
    assert pages[["id", "title"]].values.tolist() == [["p", "Big News"]]
    assert pages.loc[0, "raw_text"] == "Big News\n\nThe minister spoke.\nPhoto: AFP\n"
    lines = load_transfer_lines(folder, pages=pages)
    assert lines[["line", "label", "kind", "text"]].values.tolist() == [
        [1, "furniture", "headline", "Big News"],
        [3, "body", "text", "The minister spoke."],
        [4, "furniture", "caption", "Photo: AFP"],
    ]
    mentions = load_transfer_mentions(folder)
    assert mentions[["start", "end", "is_demonym", "in_gazetteer"]].values.tolist() == [
        [0, 4, False, True],
        [9, 15, False, False],
        [20, 27, True, True],
    ]


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(AnalysisInputError, match="does not exist"):
        load_transfer_pages(tmp_path / "nowhere")


# ---------------------------------------------------------------- pages.csv


@pytest.mark.parametrize(
    "row, field",
    [
        ("p,pages/p.txt,Daily,https://example.org/p,sports,Big News,stored copy,", "topic"),
        ("p,pages/p.txt,Daily,example.org/p,other,Big News,stored copy,", "url"),
        ("P 1,pages/p.txt,Daily,https://example.org/p,other,Big News,stored copy,", "id"),
        ("p,pages/q.txt,Daily,https://example.org/p,other,Big News,stored copy,", "file"),
        ("p,pages/p.txt,Daily,https://example.org/p,other,Small News,stored copy,", "title"),
        ("p,pages/p.txt,,https://example.org/p,other,Big News,stored copy,", "outlet"),
    ],
)
def test_pages_refuse_a_bad_row(tmp_path, row, field):
    folder = write_set(tmp_path, pages=PAGES + row + "\n")
    with pytest.raises(DataFileError) as excinfo:
        load_transfer_pages(folder)
    assert ("pages.csv", 2, field) in problems(excinfo)


def test_pages_refuse_a_missing_text_file(tmp_path):
    folder = write_set(tmp_path)
    (folder / "pages" / "p.txt").unlink()
    with pytest.raises(DataFileError, match=r"pages\.csv, row 2, field 'file': 'pages/p\.txt' does not exist"):
        load_transfer_pages(folder)


def test_pages_refuse_a_duplicate_id(tmp_path):
    row = "p,pages/p.txt,Daily,https://example.org/p,other,Big News,stored copy,\n"
    folder = write_set(tmp_path, pages=PAGES + row + row)
    with pytest.raises(DataFileError) as excinfo:
        load_transfer_pages(folder)
    assert problems(excinfo) == [("pages.csv", 3, "id")]


# ---------------------------------------------------------------- furniture_lines.csv


@pytest.mark.parametrize(
    "rows, expected",
    [
        # a label that is neither body nor furniture
        ("p,1,headline,headline\np,3,body,text\np,4,furniture,caption\n", ("furniture_lines.csv", 2, "label")),
        # a body line with a furniture kind
        ("p,1,furniture,headline\np,3,body,caption\np,4,furniture,caption\n", ("furniture_lines.csv", 3, "kind")),
        # line 2 is blank: blank lines carry no label
        (
            "p,1,furniture,headline\np,2,body,text\np,3,body,text\np,4,furniture,caption\n",
            ("furniture_lines.csv", 3, "line_number"),
        ),
        # the page has 5 lines (the text ends with a newline): line 9 is not on it
        (
            "p,1,furniture,headline\np,3,body,text\np,4,furniture,caption\np,9,body,text\n",
            ("furniture_lines.csv", 5, "line_number"),
        ),
        # a page that pages.csv does not list
        (
            "p,1,furniture,headline\np,3,body,text\np,4,furniture,caption\nq,1,body,text\n",
            ("furniture_lines.csv", 5, "page"),
        ),
        # not a line number
        ("p,one,furniture,headline\np,3,body,text\np,4,furniture,caption\n", ("furniture_lines.csv", 2, "line_number")),
        # the same line labelled twice
        (
            "p,1,furniture,headline\np,1,body,text\np,3,body,text\np,4,furniture,caption\n",
            ("furniture_lines.csv", 3, "line_number"),
        ),
    ],
)
def test_line_labels_refuse_a_bad_row(tmp_path, rows, expected):
    folder = write_set(tmp_path, lines=LINES + rows)
    with pytest.raises(DataFileError) as excinfo:
        load_transfer_lines(folder)
    assert expected in problems(excinfo)


def test_line_labels_refuse_an_unlabelled_line(tmp_path):
    folder = write_set(tmp_path, lines=LINES + "p,1,furniture,headline\np,4,furniture,caption\n")
    with pytest.raises(DataFileError, match="line 3 of 'p' is not labelled"):
        load_transfer_lines(folder)


# ---------------------------------------------------------------- actor_articles.csv and actor_mentions.csv


def test_articles_refuse_a_topic_that_is_not_a_crisis(tmp_path):
    folder = write_set(
        tmp_path, articles=ARTICLES + "a,articles/a.txt,Daily,https://example.org/a,other,stored copy,\n"
    )
    with pytest.raises(DataFileError) as excinfo:
        load_transfer_articles(folder)
    assert problems(excinfo) == [("actor_articles.csv", 2, "crisis")]


@pytest.mark.parametrize(
    "rows, expected",
    [
        # offsets that do not hold the matched string ("Iran " is at 0-5)
        ("a,0,5,Iran,iran,state,false,true\n", ("actor_mentions.csv", 2, "matched")),
        # end before start
        ("a,4,0,Iran,iran,state,false,true\n", ("actor_mentions.csv", 2, "end")),
        # marked in the gazetteer, but the gazetteer has no such actor
        # (the gazetteer has Jordan since issue #14's world coverage: an invented id stands in)
        ("a,9,15,Jordan,narnia,state,false,true\n", ("actor_mentions.csv", 2, "actor")),
        # the gazetteer types Iran as a state
        ("a,0,4,Iran,iran,place,false,true\n", ("actor_mentions.csv", 2, "actor_type")),
        # not an actor type at all
        ("a,9,15,Jordan,jordan,country,false,false\n", ("actor_mentions.csv", 2, "actor_type")),
        # a new actor typed two ways
        (
            "a,9,15,Jordan,jordan,state,false,false\na,20,27,Iranian,jordan,place,true,false\n",
            ("actor_mentions.csv", 3, "actor_type"),
        ),
        # overlapping spans ("Iran" inside "Iranian")
        (
            "a,20,27,Iranian,iran,state,true,true\na,20,24,Iran,iran,state,false,true\n",
            ("actor_mentions.csv", 3, "start"),
        ),
        # not a boolean
        ("a,0,4,Iran,iran,state,no,true\n", ("actor_mentions.csv", 2, "is_demonym")),
        # an article that actor_articles.csv does not list
        ("b,0,4,Iran,iran,state,false,true\n", ("actor_mentions.csv", 2, "article")),
        # an id with capitals
        ("a,9,15,Jordan,Jordan,state,false,false\n", ("actor_mentions.csv", 2, "actor")),
    ],
)
def test_mentions_refuse_a_bad_row(tmp_path, rows, expected):
    folder = write_set(tmp_path, mentions=MENTIONS + rows)
    with pytest.raises(DataFileError) as excinfo:
        load_transfer_mentions(folder)
    assert expected in problems(excinfo)


# ---------------------------------------------------------------- a second reader's file


def test_a_second_readers_file_loads_alone_and_may_cover_some_articles(tmp_path):
    folder = write_set(tmp_path)
    (folder / SECOND_READER_FILE).write_text(MENTIONS + "a,0,4,Iran,iran,state,false,true\n", encoding="utf-8")
    second = load_transfer_mentions(folder, file=SECOND_READER_FILE)
    assert second[["article", "start", "end", "actor"]].values.tolist() == [["a", 0, 4, "iran"]]
    # the first reader's file is still the default
    assert len(load_transfer_mentions(folder)) == 3


@pytest.mark.parametrize(
    "rows, expected",
    [
        # an article the set does not have: the second file's articles are a subset of the set's
        ("b,0,4,Iran,iran,state,false,true\n", (SECOND_READER_FILE, 2, "article")),
        # offsets that do not hold the matched string
        (
            "a,0,4,Iran,iran,state,false,true\na,9,14,Jordan,jordan,state,false,false\n",
            (SECOND_READER_FILE, 3, "matched"),
        ),
        # overlapping spans
        (
            "a,20,27,Iranian,iran,state,true,true\na,20,24,Iran,iran,state,false,true\n",
            (SECOND_READER_FILE, 3, "start"),
        ),
        # not a boolean
        ("a,0,4,Iran,iran,state,yes,true\n", (SECOND_READER_FILE, 2, "is_demonym")),
    ],
)
def test_a_second_readers_file_refuses_a_bad_row_naming_itself(tmp_path, rows, expected):
    folder = write_set(tmp_path)
    (folder / SECOND_READER_FILE).write_text(MENTIONS + rows, encoding="utf-8")
    with pytest.raises(DataFileError) as excinfo:
        load_transfer_mentions(folder, file=SECOND_READER_FILE)
    assert expected in problems(excinfo)
    assert all(p[0] == SECOND_READER_FILE for p in problems(excinfo))


# ---------------------------------------------------------------- the repository's set


@pytest.fixture(scope="module")
def the_set():
    pages = load_transfer_pages(SET)
    articles = load_transfer_articles(SET)
    return {
        "pages": pages,
        "lines": load_transfer_lines(SET, pages=pages),
        "articles": articles,
        "mentions": load_transfer_mentions(SET, articles=articles),
    }


def test_the_set_is_as_large_as_the_issue_asks(the_set):
    pages, articles = the_set["pages"], the_set["articles"]
    assert len(pages) >= 40 and pages["outlet"].nunique() >= 20
    assert len(articles) >= 15
    assert set(articles["crisis"]) == {"iran-pakistan-2024-01", "iran-israel-2024-04"}


def test_actor_articles_come_from_outlets_outside_the_seed_corpus(the_set):
    with (REPO / "corpus" / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        seed_outlets = {row["outlet"] for row in csv.DictReader(fh)}
    assert not set(the_set["articles"]["outlet"]) & seed_outlets


def test_every_mention_is_at_its_offsets():
    """Read with the csv module, not the loader: text[start:end] == matched on every row."""
    with (SET / "actor_articles.csv").open(encoding="utf-8", newline="") as fh:
        texts = {row["id"]: (SET / row["file"]).read_text(encoding="utf-8") for row in csv.DictReader(fh)}
    with (SET / "actor_mentions.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for n, row in enumerate(rows, start=2):
        text = texts[row["article"]]
        assert text[int(row["start"]) : int(row["end"])] == row["matched"], f"actor_mentions.csv row {n}"


def test_mentions_start_and_end_on_word_boundaries(the_set):
    texts = dict(zip(the_set["articles"]["id"], the_set["articles"]["text"]))
    for row in the_set["mentions"].itertuples(index=False):
        text = texts[row.article]
        before = text[row.start - 1] if row.start else " "
        after = text[row.end] if row.end < len(text) else " "
        assert not re.match(r"\w", before) and not re.match(r"\w", after), (row.article, row.matched)


def test_the_readme_names_every_source(the_set):
    readme = (SET / "README.md").read_text(encoding="utf-8")
    for table in ("pages", "articles"):
        for row in the_set[table].itertuples(index=False):
            assert row.url in readme and row.outlet in readme, row.id


def test_the_second_readers_file_is_valid_and_within_the_set(the_set):
    second = load_transfer_mentions(SET, articles=the_set["articles"], file=SECOND_READER_FILE)
    assert len(second) and set(second["article"]) <= set(the_set["articles"]["id"])
    texts = dict(zip(the_set["articles"]["id"], the_set["articles"]["text"]))
    for row in second.itertuples(index=False):
        text = texts[row.article]
        before = text[row.start - 1] if row.start else " "
        after = text[row.end] if row.end < len(text) else " "
        assert not re.match(r"\w", before) and not re.match(r"\w", after), (row.article, row.matched)
