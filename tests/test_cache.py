"""Tests for analysis.cache: the keys results are kept under, and Parquet that gives back what it was given."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import cache as store
from analysis.actors.gazetteer import load_gazetteer
from analysis.files import files_fingerprint
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
    before = files_fingerprint(store.package_files(package), root=package)
    for name in names:
        path = package / name
        text = path.read_text()
        path.write_text(text + " ")
        assert files_fingerprint(store.package_files(package), root=package) != before, name
        path.write_text(text)
    assert files_fingerprint(store.package_files(package), root=package) == before


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


def _ids(*ids):
    """Tables of one row per id (each of store.PARTITION_TABLES), as a partition of those articles holds them."""
    return {t: pd.DataFrame({"id": list(ids), "n": range(len(ids))}) for t in store.PARTITION_TABLES}


SCHEMA_IDS = {t: {"id": "str", "n": "int64"} for t in store.PARTITION_TABLES}


@pytest.mark.parametrize("text", ["Rain fell.", "Iran fired missiles at Pakistan. “Restraint,” China said."])
def test_a_partition_round_trips_with_the_analysis_dtypes(tmp_path, text):
    """Empty tables (no mention, no hit) come back with the same columns and dtypes as full ones."""
    corpus = pd.DataFrame({"id": ["a", "b"], "text": [text, "Calm."], "quoted_text": ["Iran.", ""]})
    a = analyse(corpus, cache=False)
    tables = {"mentions": a.mentions, "sentences": a.sentences, "hits": a.hits}
    terms = pd.DataFrame({"id": ["a"], "term": ["rain"], "count": [1]})
    parts = {t: store.parquet_bytes(v) for t, v in {**tables, "terms": terms}.items()}
    store.write_partition(tmp_path, ["a", "b"], ["ka", "kb"], parts)
    got, found = store.gather_tables(tmp_path, ["ka", "kb"], ["a", "b"], SCHEMAS)
    assert set(got) == set(SCHEMAS)  # the tables asked for, not the term counts
    assert found == [True, True]
    for name, table in tables.items():
        pd.testing.assert_frame_equal(store.to_frame(got[name], SCHEMAS[name]), table, obj=name)


def test_gathering_gives_the_rows_in_the_order_of_the_keys_asked(tmp_path):
    """Articles a and c computed together, b on its own: read back as a, b, c; d is not there."""
    store.write_partition(tmp_path, ["a", "c"], ["ka", "kc"], _ids("a", "c"))
    store.write_partition(tmp_path, ["b"], ["kb"], _ids("b"))
    got, found = store.gather_tables(tmp_path, ["ka", "kb", "kd", "kc"], ["a", "b", "d", "c"], SCHEMA_IDS)
    assert found == [True, True, False, True]
    assert got["mentions"]["id"].to_pylist() == ["a", "b", "c"]
    got, _ = store.gather_tables(tmp_path, ["kc"], ["c"], SCHEMA_IDS)
    assert got["hits"]["id"].to_pylist() == ["c"] and got["hits"]["n"].to_pylist() == [1]


def test_gathering_nothing_gives_empty_tables_of_the_schema(tmp_path):
    got, found = store.gather_tables(tmp_path, ["ka"], ["a"], SCHEMAS)
    assert found == [False]
    for name in store.TABLES:
        frame = store.to_frame(got[name], SCHEMAS[name])
        assert len(frame) == 0 and frame.dtypes.astype(str).to_dict() == {c: str(d) for c, d in SCHEMAS[name].items()}


@pytest.mark.parametrize("lost", [*store.PARTITION_TABLES, "index"])
def test_a_partition_missing_a_file_is_not_there(tmp_path, lost):
    pid = store.write_partition(tmp_path, ["a"], ["ka"], _ids("a"))
    assert store.read_index(tmp_path) == {pid: [("a", "ka")]}
    store.partition_path(tmp_path, pid, lost).unlink()
    assert store.read_index(tmp_path) == {}
    assert store.gather_tables(tmp_path, ["ka"], ["a"], SCHEMA_IDS)[1] == [False]


def test_an_index_that_cannot_be_read_is_not_there(tmp_path):
    pid = store.write_partition(tmp_path, ["a"], ["ka"], _ids("a"))
    store.partition_path(tmp_path, pid, "index").write_text('{"ids": ["a"]}', encoding="utf-8")
    assert store.read_index(tmp_path) == {}


def test_a_partition_needs_as_many_ids_as_keys(tmp_path):
    with pytest.raises(ValueError, match="2 ids for 1 keys"):
        store.write_partition(tmp_path, ["a", "b"], ["ka"], _ids("a", "b"))


def test_pruning_keeps_only_the_keys_given(tmp_path):
    """A partition wholly kept stays; one partly kept is rewritten with its kept rows; the rest goes."""
    whole = store.write_partition(tmp_path, ["a"], ["ka"], _ids("a"))
    store.write_partition(tmp_path, ["b", "c", "d"], ["kb", "kc", "kd"], _ids("b", "c", "d"))
    store.write_partition(tmp_path, ["e"], ["ke"], _ids("e"))
    (tmp_path / whole[:2] / f".{whole}-hits.parquet.99.partial").write_bytes(b"")
    # 5 files (4 tables and the index) of b-c-d and 5 of e, one partial file; the 5 of the rewritten c-d are new.
    assert store.prune_store(tmp_path, ["ka", "kc", "kd"]) == 11
    index = store.read_index(tmp_path)
    assert sorted(index.values()) == [[("a", "ka")], [("c", "kc"), ("d", "kd")]]
    assert len(list(tmp_path.rglob("*.*"))) == 10
    got, _ = store.gather_tables(tmp_path, ["kc", "kd"], ["c", "d"], SCHEMA_IDS)
    assert got["sentences"].to_pydict() == {"id": ["c", "d"], "n": [1, 2]}
    assert got["terms"].to_pydict() == {"id": ["c", "d"], "n": [1, 2]}
    assert store.prune_store(tmp_path, ["ka", "kc", "kd"]) == 0


def test_pruning_keeps_an_article_stored_twice_once(tmp_path):
    first = store.write_partition(tmp_path, ["a"], ["ka"], _ids("a"))
    second = store.write_partition(tmp_path, ["a", "b"], ["ka", "kb"], _ids("a", "b"))
    assert store.key_locations(store.read_index(tmp_path))["ka"] == min(first, second)
    store.prune_store(tmp_path, ["ka", "kb"])
    keys = [k for pairs in store.read_index(tmp_path).values() for _, k in pairs]
    assert sorted(keys) == ["ka", "kb"]


def test_a_manifest_that_cannot_be_read_is_none(tmp_path):
    store.manifest_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert store.read_manifest(tmp_path) == {}
    store.manifest_path(tmp_path).write_text("[1, 2]", encoding="utf-8")
    assert store.read_manifest(tmp_path) == {}
