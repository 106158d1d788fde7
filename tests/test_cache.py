"""Tests for analysis.cache: the keys results are kept under, and Parquet that gives back what it was given."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import cache as store
from analysis.actors.gazetteer import load_gazetteer
from analysis.framing.frames import resolve_frames
from analysis.pipeline import SCHEMAS, analyse


def test_a_key_changes_with_the_text_the_posts_the_id_and_the_environment():
    base = pd.DataFrame({"id": ["a"], "text": ["Iran spoke."], "quoted_text": ["A post."]})
    key = store.article_keys(base, "env")[0]
    others = [
        store.article_keys(base.assign(text="Iran spoke!"), "env")[0],
        store.article_keys(base.assign(quoted_text=""), "env")[0],
        store.article_keys(base.assign(id="b"), "env")[0],
        store.article_keys(base, "env2")[0],
    ]
    assert len({key, *others}) == 5
    assert store.article_keys(base.copy(), "env")[0] == key


def test_parts_cannot_slide_into_each_other():
    """ "ab" + "c" and "a" + "bc" are different articles."""
    one = pd.DataFrame({"id": ["ab"], "text": ["c"]})
    two = pd.DataFrame({"id": ["a"], "text": ["bc"]})
    assert store.article_keys(one, "e") != store.article_keys(two, "e")


def test_the_environment_changes_with_the_gazetteer_and_the_frames():
    gaz, frames = load_gazetteer(), resolve_frames(None)
    key = store.environment_key(gaz, frames)
    assert store.environment_key(gaz, frames.iloc[1:]) != key
    smaller = type(gaz)(gaz.file, gaz.source, gaz.actors, gaz.aliases[1:])
    assert store.environment_key(smaller, frames) != key
    assert store.environment_key(load_gazetteer(), resolve_frames(None)) == key


def test_the_code_fingerprint_covers_every_module_and_data_file(tmp_path):
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "sub").mkdir()
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.py").write_text("y = 2\n")
    (package / "data" / "words.yaml").write_text("- w\n")
    names = [p.relative_to(package).as_posix() for p in store.package_files(package)]
    assert names == ["a.py", "data/words.yaml", "sub/b.py"]
    before = store.files_fingerprint(store.package_files(package), root=package)
    for name in names:
        path = package / name
        text = path.read_text()
        path.write_text(text + " ")
        assert store.files_fingerprint(store.package_files(package), root=package) != before, name
        path.write_text(text)
    assert store.files_fingerprint(store.package_files(package), root=package) == before


def test_the_checksum_is_of_the_raw_bytes_and_the_metadata_row():
    corpus = pd.DataFrame({"id": ["a"], "title": ["T"], "raw_text": ["Body.\r\n"]})
    base = store.article_checksums(corpus, ["id", "title"])
    assert store.article_checksums(corpus.assign(raw_text="Body.\n"), ["id", "title"]) != base
    assert store.article_checksums(corpus.assign(title="U"), ["id", "title"]) != base
    assert store.article_checksums(corpus.copy(), ["id", "title"]) == base


def test_parquet_gives_back_every_table_exactly(tmp_path):
    """Text with every kind of character, NaN, booleans and the extremes of floats and integers."""
    table = pd.DataFrame(
        {
            "id": pd.Series(["a", "é–“\u200b", ""], dtype="str"),
            "n": pd.Series([0, -(2**63), 2**63 - 1], dtype="int64"),
            "x": pd.Series([0.1, math.nan, -5e-324], dtype="float64"),
            "flag": pd.Series([True, False, True], dtype="bool"),
            "label": pd.Series(["x", "y", "z"], dtype="object"),
        }
    )
    schema = {c: str(t) if c != "id" else "str" for c, t in table.dtypes.items()}
    store.write_parquet(table, tmp_path / "t.parquet")
    got = store.read_parquet(tmp_path / "t.parquet", schema)
    pd.testing.assert_frame_equal(got, table)
    assert got["x"].to_numpy().tobytes() == table["x"].to_numpy().tobytes()
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize("text", ["Rain fell.", "Iran fired missiles at Pakistan. “Restraint,” China said."])
def test_an_article_entry_round_trips_with_the_analysis_dtypes(tmp_path, text):
    """Empty tables (no mention, no hit) come back with the same columns and dtypes as full ones."""
    a = analyse(pd.DataFrame({"id": ["a"], "text": [text], "quoted_text": ["Iran."]}), cache=False)
    tables = {"mentions": a.mentions, "sentences": a.sentences, "hits": a.hits}
    store.write_entry(tmp_path, "k" * 64, tables)
    assert store.has_entry(tmp_path, "k" * 64)
    got = store.read_entry(tmp_path, "k" * 64, SCHEMAS)
    for name, table in tables.items():
        pd.testing.assert_frame_equal(got[name], table, obj=name)


def test_an_entry_missing_a_table_is_not_there(tmp_path):
    tables = {t: pd.DataFrame({"id": ["a"]}) for t in store.TABLES}
    store.write_entry(tmp_path, "abcd", tables)
    store.entry_path(tmp_path, "abcd", "sentences").unlink()
    assert not store.has_entry(tmp_path, "abcd")


def test_pruning_keeps_only_the_keys_given(tmp_path):
    for key in ("aa11", "aa22", "bb33"):
        store.write_entry(tmp_path, key, {t: pd.DataFrame({"id": ["a"]}) for t in store.TABLES})
    (tmp_path / "aa" / ".aa11-hits.parquet.99.partial").write_bytes(b"")
    assert store.prune_store(tmp_path, ["aa11"]) == 7
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "aa",
        "aa11-hits.parquet",
        "aa11-mentions.parquet",
        "aa11-sentences.parquet",
    ]


def test_a_manifest_that_cannot_be_read_is_none(tmp_path):
    store.manifest_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert store.read_manifest(tmp_path) == {}
    store.manifest_path(tmp_path).write_text("[1, 2]", encoding="utf-8")
    assert store.read_manifest(tmp_path) == {}
