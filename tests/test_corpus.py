"""Tests for analysis.corpus: folder resolution, validation, loading."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.clean import character_audit, clean_article, cleaning_audit, embedded_posts
from analysis.corpus import (
    date_audit,
    group_sizes,
    load_corpus,
    load_crises,
    load_events,
    load_metadata,
    resolve_corpus_dir,
)
from analysis.errors import AnalysisError, CorpusError
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


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod-000 file; tests/test_files.py covers it for root")
def test_error_unreadable_article_file(synth):
    os.chmod(synth / "articles" / "south-1.txt", 0)
    expected = "metadata.csv, row 4, field 'file': article file articles/south-1.txt cannot be read (Permission denied)"
    assert expected in _error(synth)


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


# --- raw text: exactly the file; what cannot be normalised is refused --------------------------


def test_raw_text_keeps_a_byte_order_mark_and_the_audit_records_it(synth):
    path = synth / "articles" / "east-1.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    corpus = load_corpus(synth).set_index("id")
    assert corpus.loc["east-1", "raw_text"] == path.read_text(encoding="utf-8")  # the decoded bytes, BOM included
    assert corpus.loc["east-1", "raw_text"].startswith("\ufeff")
    assert corpus.loc["east-1", "text"].startswith("A drone strike hit a depot")


def test_raw_text_keeps_crlf_and_the_cleaned_text_does_not(synth):
    path = synth / "articles" / "north-1.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    row = load_corpus(synth).set_index("id").loc["north-1"]
    assert row["raw_text"].count("\r\n") == path.read_bytes().count(b"\r\n") > 0
    assert "\r" not in row["text"] and "Subscribe" not in row["text"]


def test_cr_only_article_is_cleaned_line_by_line(synth):
    path = synth / "articles" / "north-1.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    row = load_corpus(synth).set_index("id").loc["north-1"]
    assert row["headline"] == "Border clash alarms region"
    assert row["text"].startswith("Iran and Pakistan traded accusations")
    assert "Photo of soldiers" not in row["text"] and "Subscribe" not in row["text"]


def test_nul_in_an_article_is_refused_with_its_position(synth):
    path = synth / "articles" / "south-1.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = "The attack\x00 killed two children."  # line 3, the NUL in column 11
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "articles/south-1.txt, row 3: control character U+0000 (NULL) in column 11" in _error(synth)


def test_a_binary_file_gives_one_error_not_one_per_control_character(synth):
    (synth / "articles" / "south-1.txt").write_bytes(b"text\n" + b"\x00\x01" * 500)
    problems = [p for p in _problems(synth) if p.startswith("articles/south-1.txt")]
    assert problems == ["articles/south-1.txt, row 2: control character U+0000 (NULL) in column 1 (and 999 more)"]


def test_bidi_override_is_stripped_from_text_and_recorded(synth):
    path = synth / "articles" / "east-1.txt"
    path.write_text("A drone strike hit a \u202edepot\u202c on Thursday.\n", encoding="utf-8")
    corpus = load_corpus(synth)
    row = corpus.set_index("id").loc["east-1"]
    assert row["text"] == "A drone strike hit a depot on Thursday."
    assert "\u202e" in row["raw_text"]
    audit = character_audit(corpus)
    assert audit[["id", "character", "kind", "first_column"]].values.tolist() == [
        ["east-1", "U+202E", "bidirectional control", 22],
        ["east-1", "U+202C", "bidirectional control", 28],
    ]


# --- dates ---------------------------------------------------------------------------------------


def _problems(folder) -> list[str]:
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    return [str(p) for p in info.value.problems]


def test_future_publication_date_is_an_error(synth):
    _edit_metadata(synth, 0, published="2999-01-01")
    expected = "metadata.csv, row 2, field 'published': 2999-01-01 is after today"
    assert any(p.startswith(expected) for p in _problems(synth))


def test_tomorrow_is_in_the_future_today_is_not(synth):
    tomorrow, today = date.today() + timedelta(days=1), date.today()
    _edit_metadata(synth, 1, published=tomorrow.isoformat())
    assert "metadata.csv, row 3, field 'published'" in _error(synth)
    _edit_metadata(synth, 1, published=today.isoformat())
    assert len(load_corpus(synth)) == 5


def test_future_month_is_an_error_this_month_is_not(synth):
    next_year = date.today().year + 1
    _edit_metadata(synth, 2, published=f"{next_year}-01")
    assert f"metadata.csv, row 4, field 'published': {next_year}-01 is after today" in _error(synth)
    _edit_metadata(synth, 2, published=date.today().strftime("%Y-%m"))
    assert len(load_corpus(synth)) == 5


def test_date_outside_the_crisis_window_is_a_note_not_an_error(synth):
    # alpha-2023 runs 2023-03-01 to 2023-03-04 (tests/synthetic.py).
    _edit_metadata(synth, 0, published="2023-03-10")  # north-1: 6 days after the end
    _edit_metadata(synth, 2, published="2023-02-27")  # south-1: 2 days before the start
    _edit_metadata(synth, 3, published="2024-02")  # east-1, gamma-2024 (2024-02-01 to 02-02): the month overlaps
    corpus = load_corpus(synth)
    notes = date_audit(corpus, load_crises(synth))
    assert list(notes.columns) == ["id", "published", "crisis", "start", "end", "days_outside", "note"]
    assert notes[["id", "days_outside"]].values.tolist() == [["south-1", -2], ["north-1", 6]]
    assert notes.set_index("id").loc["north-1", "note"] == (
        "published 2023-03-10, 6 days after the end of alpha-2023 (2023-03-01 to 2023-03-04)"
    )


def test_month_outside_the_crisis_window_counts_from_the_nearest_day(synth):
    _edit_metadata(synth, 0, published="2023-05")  # alpha ends 2023-03-04; May 1 is 58 days later (27 + 30 + 1)
    notes = date_audit(load_corpus(synth), load_crises(synth))
    assert notes[["id", "days_outside"]].values.tolist() == [["north-1", 58]]
    assert notes["note"].iloc[0].startswith("published 2023-05, 58 days after the end of alpha-2023")


def test_seed_corpus_dates_against_their_windows():
    # By hand from corpus/metadata.csv and crises.csv: the January crisis runs 2024-01-16 to 2024-01-18, so the
    # report of 2024-01-19 is 1 day after its end and the February analysis (2024-02) 14 days after (February 1).
    # The two reports of 2024-01-17 and the April one (2024-04-14, window 04-13 to 04-14) are inside.
    notes = date_audit(load_corpus(), load_crises())
    assert notes[["id", "days_outside"]].values.tolist() == [["rangeinn-2024-01-19", 1], ["diplomat-2024-02", 14]]


# --- fuzz: whatever the files hold, the loader raises only the package's own errors -------------

_PIECES = [
    "Talks resumed on Monday.",
    "Subscribe",
    "Photo of a rally",
    "— A (@a) January 1, 2024",
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\x00",
    "\x1b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u200b",
    "\u200c",
    " ",
    "\t",
    "é",
    "\ud7ff",
    "😀",
]
_ARTICLE_BYTES = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: ("Talks resumed on Monday.\n" + t).encode("utf-8")),
    st.lists(st.sampled_from(_PIECES), max_size=40).map(lambda parts: "".join(parts).encode("utf-8")),
    st.lists(st.sampled_from(_PIECES), max_size=40).map(lambda parts: "".join(["Talks went on.\r", *parts]).encode()),
)
_FIELD_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "..", ".", "a/b", "north-1", "east-2.txt", "2999-01-01", "2024-02", "0001-01-01"]),
    st.sampled_from(["9999-12", "2023-02-29", "２０２３-03-02", "alpha-2023", "news", "x" * 300, '"', "a\nb"]),
)
_FIELDS = ["id", "file", "outlet", "title", "url", "published", "author", "crisis", "genre", "notes"]
_FUZZ = settings(derandomize=True, max_examples=50, deadline=None, database=None)


def _check_loads_or_raises_package_error(folder: Path, *, audit: list[str] | None = None) -> bool:
    """Load the corpus and audit the articles in ``audit`` (default all); True if it loaded.

    Any exception but the package's own fails the test.
    """
    try:
        corpus = load_corpus(folder)
        crises = load_crises(folder)
    except AnalysisError as error:
        assert error.problems and all(str(p) for p in error.problems)
        return False
    assert len(corpus) == 5
    corpus = corpus if audit is None else corpus[corpus["id"].isin(audit)]
    assert not corpus["text"].str.contains("[\r\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\x00]").any()
    cleaning_audit(corpus)
    character_audit(corpus)
    embedded_posts(corpus)
    date_audit(corpus, crises)
    return True


@_FUZZ
@given(article=_ARTICLE_BYTES, title=_FIELD_VALUES)
def test_fuzz_article_bytes(article, title):
    out = clean_article(article.decode("utf-8", errors="replace"), title=title)
    assert set(out) == {"text", "quoted_text", "headline"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "c")
        (folder / "articles" / "east-1.txt").write_bytes(article)
        _check_loads_or_raises_package_error(folder, audit=["east-1"])


@_FUZZ
@given(
    edits=st.lists(st.tuples(st.integers(0, 4), st.sampled_from(_FIELDS), _FIELD_VALUES), max_size=3),
    corruption=st.one_of(
        st.none(),
        st.tuples(st.integers(0, 2000), st.text(alphabet=',"\n\r ;x\ufeff', min_size=1, max_size=4).map(str.encode)),
        st.tuples(st.integers(0, 2000), st.binary(min_size=1, max_size=4)),
        st.tuples(st.just("extra field on line"), st.integers(2, 6)),
    ),
)
def test_fuzz_metadata_values(edits, corruption):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "c")
        for row, field, value in edits:
            _edit_metadata(folder, row, **{field: value})
        if corruption is not None and corruption[0] == "extra field on line":
            lines = (folder / "metadata.csv").read_bytes().split(b"\r\n")
            lines[corruption[1] - 1] += b","  # one empty field too many: valid CSV, wrong shape
            (folder / "metadata.csv").write_bytes(b"\r\n".join(lines))
        elif corruption is not None:
            data = (folder / "metadata.csv").read_bytes()
            at = corruption[0] % (len(data) + 1)
            (folder / "metadata.csv").write_bytes(data[:at] + corruption[1] + data[at:])
        if _check_loads_or_raises_package_error(folder):
            # Loaded: then no record had a field too many or too few (none was dropped or made up).
            text = (folder / "metadata.csv").read_bytes().decode("utf-8-sig")
            records = [r for r in csv.reader(io.StringIO(text, newline="")) if any(f.strip() for f in r)]
            assert {len(r) for r in records} == {len(records[0])}


@pytest.mark.parametrize("keep_embeds", [False, True])
def test_loading_in_two_processes_gives_the_table_of_one(synth, keep_embeds):
    """Articles read and cleaned in forked processes: the same rows, values and dtypes, in the same order."""
    for folder in (None, synth):
        one = load_corpus(folder, keep_embeds=keep_embeds)
        pd.testing.assert_frame_equal(load_corpus(folder, keep_embeds=keep_embeds, jobs=2), one)
        pd.testing.assert_frame_equal(load_corpus(folder, keep_embeds=keep_embeds, jobs=9), one)


def test_loading_in_two_processes_raises_every_problem_of_one(synth):
    """An unreadable article, an article left empty and a file with no row, in the order one process finds them."""
    (synth / "articles" / "south-1.txt").unlink()
    (synth / "articles" / "north-1.txt").write_text("Subscribe now\n", encoding="utf-8")
    (synth / "articles" / "stray.txt").write_text("No row.\n", encoding="utf-8")
    with pytest.raises(CorpusError) as one:
        load_corpus(synth)
    with pytest.raises(CorpusError) as two:
        load_corpus(synth, jobs=2)
    assert str(two.value) == str(one.value)
    assert str(one.value).count("\n") >= 2  # three problems, one line each


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True])
def test_a_bad_number_of_processes_is_refused(jobs):
    with pytest.raises(AnalysisError, match="jobs"):
        load_corpus(jobs=jobs)
