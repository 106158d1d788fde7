"""Tests for analysis.corpus: folder resolution, validation, loading."""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import group_sizes, load_corpus, load_crises, load_events, load_metadata, resolve_corpus_dir
from analysis.errors import CorpusError
from analysis.findings import sample_size_note

from .synthetic import write_corpus

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus" / "articles"


# --- the seed corpus -----------------------------------------------------------


def test_seed_articles_match_committed_checksums():
    listed = {}
    for line in (REPO / "corpus" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        listed[name] = digest
    on_disk = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir()}
    assert on_disk == listed
    assert len(listed) == 5


def test_seed_articles_identical_to_shared_seeds_when_available():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in SEEDS.iterdir():
        assert path.read_bytes() == (shared / path.name).read_bytes(), path.name


def test_load_seed_corpus_columns_and_values():
    corpus = load_corpus()
    expected = [
        "id",
        "file",
        "outlet",
        "title",
        "url",
        "published",
        "author",
        "crisis",
        "genre",
        "notes",
        "date",
        "date_precision",
        "crisis_label",
        "raw_text",
        "headline",
        "text",
        "quoted_text",
        "n_words",
        "n_sentences",
    ]
    assert list(corpus.columns) == expected
    assert len(corpus) == 5
    # Ordered by date: the three January news reports, the February analysis, the April report.
    assert corpus["published"].tolist() == ["2024-01-17", "2024-01-17", "2024-01-19", "2024-02", "2024-04-14"]
    assert corpus.set_index("id").loc["diplomat-2024-02", "date_precision"] == "month"
    # raw_text is the file exactly as stored.
    for row in corpus.itertuples():
        assert row.raw_text == (SEEDS / row.file).read_text(encoding="utf-8")


def test_n_words_and_sentences_count_the_cleaned_text():
    text = "Pakistan recalled its envoy. “We call for calm,” it said.\n\n- Border shut"
    corpus = pd.DataFrame({"id": ["x"], "text": [text]})
    # Words by hand: Pakistan recalled its envoy (4) We call for calm (4) it said (2) Border shut (2) = 12
    from analysis.text import split_sentences, tokenize

    assert len(tokenize(corpus.text[0])) == 12
    assert len(split_sentences(corpus.text[0])) == 3


def test_embeds_are_separated_by_default_and_kept_on_request():
    corpus = load_corpus().set_index("id")
    assert "pic.twitter.com" not in corpus.loc["rangeinn-2024-01-19", "text"]
    assert corpus.loc["rangeinn-2024-01-19", "quoted_text"].count("\n") == 1  # two posts, one per line
    kept = load_corpus(keep_embeds=True).set_index("id")
    assert "pic.twitter.com/BctWkBvnjl" in kept.loc["rangeinn-2024-01-19", "text"]


# --- which folder ------------------------------------------------------------------


def test_argument_wins_over_environment(tmp_path, monkeypatch):
    a = write_corpus(tmp_path / "a")
    b = write_corpus(tmp_path / "b")
    monkeypatch.setenv("CORPUS_DIR", str(b))
    assert resolve_corpus_dir(a) == a.resolve()
    assert resolve_corpus_dir() == b.resolve()


def test_default_is_package_location_not_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv("CORPUS_DIR", raising=False)
    write_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)  # a corpus/ in the current directory must not be picked up
    assert resolve_corpus_dir() == (REPO / "corpus").resolve()


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        resolve_corpus_dir(tmp_path / "nowhere")


def test_synthetic_corpus_with_three_crises_loads(tmp_path):
    corpus = load_corpus(write_corpus(tmp_path / "c"))
    assert sorted(corpus["crisis"].unique()) == ["alpha-2023", "beta-2023", "gamma-2024"]
    row = corpus.set_index("id").loc["north-1"]
    assert row["headline"] == "Border clash alarms region"
    assert "Photo of soldiers" not in row["text"] and "Subscribe" not in row["text"]
    assert row["text"].startswith("Iran and Pakistan traded accusations")


# --- validation: one test per problem, each naming file, row and field ---------------


def _edit_metadata(folder: Path, row_index: int, **changes):
    path = folder / "metadata.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[row_index].update(changes)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def synth(tmp_path):
    return write_corpus(tmp_path / "corpus")


def _error(folder) -> str:
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    return str(info.value)


def test_error_missing_article_file(synth):
    (synth / "articles" / "south-1.txt").unlink()
    assert "metadata.csv, row 4, field 'file': article file articles/south-1.txt does not exist" in _error(synth)


def test_error_unreadable_article_file(synth):
    if os.geteuid() == 0:
        # root can read a chmod-000 file; a folder where a file should be is unreadable for everyone
        (synth / "articles" / "south-1.txt").unlink()
        (synth / "articles" / "south-1.txt").mkdir()
    else:
        os.chmod(synth / "articles" / "south-1.txt", 0)
    assert "metadata.csv, row 4, field 'file': cannot read articles/south-1.txt" in _error(synth)


def test_error_missing_column(synth):
    path = synth / "metadata.csv"
    table = pd.read_csv(path, dtype=str).drop(columns=["genre"])
    table.to_csv(path, index=False)
    assert "metadata.csv, row 1, field 'genre': missing column" in _error(synth)


def test_error_missing_required_value(synth):
    _edit_metadata(synth, 1, outlet="")
    assert "metadata.csv, row 3, field 'outlet': missing value" in _error(synth)


def test_error_bad_date(synth):
    _edit_metadata(synth, 0, published="2023-02-30")
    assert "metadata.csv, row 2, field 'published': '2023-02-30' is not a date" in _error(synth)


def test_error_bad_date_format(synth):
    _edit_metadata(synth, 2, published="3 March 2023")
    assert "metadata.csv, row 4, field 'published'" in _error(synth)


def test_error_bad_crisis_date(synth):
    path = synth / "crises.csv"
    path.write_text(path.read_text().replace("2023-03-04", "2023-13-04"))
    assert "crises.csv, row 2, field 'end': '2023-13-04' is not a date" in _error(synth)


def test_error_unknown_crisis_key(synth):
    _edit_metadata(synth, 3, crisis="delta-2025")
    assert "metadata.csv, row 5, field 'crisis': unknown crisis key 'delta-2025'" in _error(synth)


def test_error_duplicate_id(synth):
    _edit_metadata(synth, 1, id="north-1")
    assert "metadata.csv, row 3, field 'id': duplicate id 'north-1' (also row 2)" in _error(synth)


def test_error_file_listed_twice(synth):
    _edit_metadata(synth, 1, file="north-1.txt")
    message = _error(synth)
    assert "metadata.csv, row 3, field 'file': 'north-1.txt' is listed twice (also row 2)" in message
    # north-2.txt now has no row either: both problems are reported together.
    assert "articles/north-2.txt: file has no row in metadata.csv" in message


def test_error_file_without_metadata_row(synth):
    (synth / "articles" / "stray.txt").write_text("A stray article.", encoding="utf-8")
    assert "articles/stray.txt: file has no row in metadata.csv" in _error(synth)


def test_error_not_utf8(synth):
    (synth / "articles" / "east-1.txt").write_bytes("Caf\u00e9 talks".encode("latin-1"))
    assert "articles/east-1.txt, row 5, field 'file': not UTF-8 text (invalid byte at offset 3)" in _error(synth)


def test_error_empty_after_cleaning(synth):
    (synth / "articles" / "east-1.txt").write_text("One strike\n\nSubscribe\nShare this article\n", encoding="utf-8")
    assert "articles/east-1.txt, row 5, field 'text': no article text left after cleaning" in _error(synth)


def test_error_unknown_genre(synth):
    _edit_metadata(synth, 0, genre="blog")
    assert "metadata.csv, row 2, field 'genre': 'blog' is not one of" in _error(synth)


def test_all_problems_reported_at_once(synth):
    _edit_metadata(synth, 0, published="yesterday")
    _edit_metadata(synth, 1, crisis="nope")
    message = _error(synth)
    assert message.startswith("2 problems:")
    assert "row 2, field 'published'" in message and "row 3, field 'crisis'" in message


def test_quoted_multiline_csv_rows_keep_true_line_numbers(synth):
    _edit_metadata(synth, 0, notes="first line\nsecond line")  # row 2 now spans two lines
    _edit_metadata(synth, 1, genre="blog")  # so this record starts on line 4
    assert "metadata.csv, row 4, field 'genre'" in _error(synth)


def test_raw_files_are_never_written(synth):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (synth / "articles").iterdir()}
    for p in (synth / "articles").iterdir():
        os.chmod(p, 0o444)
    load_corpus(synth)
    load_corpus(synth, keep_embeds=True)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (synth / "articles").iterdir()}
    assert before == after


def test_metadata_and_crises_tables(synth):
    meta = load_metadata(synth)
    assert meta["date_precision"].tolist() == ["day"] * 5
    crises = load_crises(synth)
    assert crises["key"].tolist() == ["alpha-2023", "beta-2023", "gamma-2024"]  # ordered by start
    assert load_events(synth).empty  # events.csv is optional


def test_group_sizes_and_note_on_single_article_group(synth):
    corpus = load_corpus(synth)
    sizes = group_sizes(corpus, by="crisis")
    # By hand: alpha has north-1 and south-1, beta has north-2 and east-2, gamma has east-1 only.
    assert sizes[["group", "n_articles"]].values.tolist() == [["gamma-2024", 1], ["alpha-2023", 2], ["beta-2023", 2]]
    assert "single article" in sample_size_note(corpus, by="crisis")
    one = corpus[corpus["outlet"] == "North Post"]
    assert "no outlet comparison" in sample_size_note(one, by="outlet")
