"""Tests for analysis.batch (``python -m analysis run``) and the cache that analyse() reads.

One synthetic corpus (tests/synthetic.py) is analysed once without any cache; every batch run is
compared with that, table by table, row by row and dtype by dtype.
"""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import batch, engines
from analysis import cache as store
from analysis.actors.gazetteer import corpus_gazetteer
from analysis.batch import KEYNESS_BY, partitions, run_batch
from analysis.corpus import load_corpus
from analysis.errors import AnalysisInputError, CorpusError, DataFileError
from analysis.framing.keyness import group_keyness
from analysis.pipeline import CACHE_VARIABLE, SCHEMAS, analyse

from .synthetic import ARTICLES, write_corpus

TABLES = ("mentions", "sentences", "hits")


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("batch") / "corpus")


@pytest.fixture(scope="module")
def expected(synth):
    """The tables analyse() computes with no cache at all."""
    return analyse(load_corpus(synth), cache=False)


@pytest.fixture(scope="module")
def first(synth, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "out"
    return run_batch(synth, out=out, progress=False)


def _raw(folder, name):
    """A results table exactly as Parquet gives it back (no dtype restored)."""
    return pq.read_table(store.table_path(folder, name)).to_pandas()


def _stored_keys(folder):
    """The article keys a results folder's store holds, one entry per article stored."""
    return sorted(k for pairs in store.read_index(store.store_dir(folder)).values() for _, k in pairs)


def _partition_of(folder, key):
    """The name of the partition that holds an article's key."""
    return store.key_locations(store.read_index(store.store_dir(folder)))[key]


def _assert_same_tables(a, b, names=(*TABLES, "articles", "keyness-crisis", "keyness-outlet")):
    for name in names:
        assert pq.read_schema(store.table_path(a, name)) == pq.read_schema(store.table_path(b, name)), name
        pd.testing.assert_frame_equal(_raw(a, name), _raw(b, name), obj=name)


def test_partitions_cover_every_article_once_in_order():
    for n, jobs in [(0, 1), (1, 4), (5, 2), (37, 2), (500, 2)]:
        parts = partitions(n, jobs=jobs, size=16)
        assert [i for p in parts for i in p] == list(range(n))
        assert all(1 <= len(p) <= 16 for p in parts)


def test_with_several_jobs_the_last_partitions_are_halved():
    """1,000 articles in partitions of 100 at most: ten of 100; with two jobs the last two become four of 50."""
    assert [len(p) for p in partitions(1000, jobs=1)] == [100] * 10
    assert [len(p) for p in partitions(1000, jobs=2)] == [100] * 8 + [50] * 4
    # 37 articles, two jobs: eight partitions (4 per job), bounds round(i * 37 / 8) = 0 5 9 14 18 23 28 32 37,
    # so 5 4 5 4 5 5 4 5; the last two halved: 4 -> 2 2, 5 -> 2 3
    assert [len(p) for p in partitions(37, jobs=2)] == [5, 4, 5, 4, 5, 5, 2, 2, 2, 3]


def test_a_first_run_computes_every_article(first):
    # tests/synthetic.py has five articles.
    assert (first.n_articles, first.computed, first.reused) == (5, 5, 0)
    manifest = json.loads(store.manifest_path(first.out).read_text(encoding="utf-8"))
    assert manifest["computed"] == 5 and manifest["ids"] == load_corpus(first.corpus_dir)["id"].tolist()
    assert _stored_keys(first.out) == sorted(manifest["keys"])


def test_the_store_holds_one_file_per_table_per_partition_not_per_article(first):
    """Five articles in four partitions (partitions(5, jobs=1) sizes 1, 1, 2, 1): 4 x (4 tables + index) files."""
    parts = partitions(5, jobs=1)
    assert [len(p) for p in parts] == [1, 1, 2, 1]
    index = store.read_index(store.store_dir(first.out))
    assert sorted(len(pairs) for pairs in index.values()) == [1, 1, 1, 2]
    assert len(list(store.store_dir(first.out).glob("*/*"))) == 4 * 5


def test_each_partition_is_computed_in_one_call_of_the_measures(synth, tmp_path, monkeypatch):
    """The measures run once per partition (four calls for five articles), not once per article."""
    calls = []
    real = batch.article_tables

    def counting(records, *args):
        calls.append(records["id"].tolist())
        return real(records, *args)

    monkeypatch.setattr(batch, "article_tables", counting)
    run_batch(synth, out=tmp_path / "out", progress=False)
    ids = load_corpus(synth)["id"].tolist()
    assert calls == [ids[p.start : p.stop] for p in partitions(5, jobs=1)]


def test_the_workers_get_a_gazetteer_whose_scanner_is_built(synth, tmp_path, monkeypatch):
    """The gazetteer reaches the engine with its scanner built, so forked workers inherit it."""
    seen = []
    real = batch.run_local

    def spying(tasks, function, shared, **options):
        seen.append("_scanner" in shared["gazetteer"].__dict__)
        return real(tasks, function, shared, **options)

    monkeypatch.setattr(batch, "run_local", spying)
    corpus_gazetteer(synth).__dict__.pop("_scanner", None)  # the cached gazetteer, as a new process has it
    run_batch(synth, out=tmp_path / "out", jobs=2, progress=False)
    assert seen == [True]


@pytest.mark.parametrize("name", TABLES)
def test_the_tables_are_those_analyse_computes(first, expected, name):
    table = store.read_parquet(store.table_path(first.out, name), SCHEMAS[name])
    pd.testing.assert_frame_equal(table, getattr(expected, name))


def test_the_parquet_tables_keep_values_exactly(first, expected):
    """Without any dtype given back: the same text, whole numbers, floats (bit for bit) and booleans."""
    raw = _raw(first.out, "sentences")
    want = expected.sentences
    assert raw["text"].tolist() == want["text"].tolist()
    assert raw["vader_compound"].to_numpy().tobytes() == want["vader_compound"].to_numpy().tobytes()
    assert raw["in_quote"].dtype == bool and raw["sentence"].dtype == "int64"
    mentions = _raw(first.out, "mentions")
    assert mentions["position"].isna().tolist() == expected.mentions["position"].isna().tolist()


def test_the_keyness_and_article_tables(first, synth):
    corpus = load_corpus(synth)
    for by in KEYNESS_BY:
        table = _raw(first.out, f"keyness-{by}")
        pd.testing.assert_frame_equal(table, group_keyness(corpus, by=by), check_dtype=False, obj=by)
    articles = _raw(first.out, "articles")
    assert articles["id"].tolist() == corpus["id"].tolist()
    assert "text" not in articles.columns and articles["key"].str.len().eq(64).all()


def test_a_second_run_reuses_every_article_and_rewrites_nothing(first):
    before = {p: p.stat().st_mtime_ns for p in first.out.glob("*.parquet")}
    again = run_batch(first.corpus_dir, out=first.out, progress=False)
    assert (again.computed, again.reused) == (0, 5)
    assert {p: p.stat().st_mtime_ns for p in first.out.glob("*.parquet")} == before


def test_editing_one_article_recomputes_it_alone(first, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(first.corpus_dir, corpus)
    shutil.copytree(first.out, out)
    path = corpus / "articles" / "south-1.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nChina called for talks.\n", encoding="utf-8")
    summary = run_batch(corpus, out=out, progress=False)
    assert (summary.computed, summary.reused) == (1, 4)
    fresh = analyse(load_corpus(corpus), cache=False)
    for name in TABLES:
        table = store.read_parquet(store.table_path(out, name), SCHEMAS[name])
        pd.testing.assert_frame_equal(table, getattr(fresh, name), obj=name)
    assert "China called for talks." in fresh.sentences["text"].tolist()
    # The old version's results are pruned: the store holds the five current articles, each once.
    keys = _raw(out, "articles")["key"].tolist()
    assert _stored_keys(out) == sorted(keys)
    assert len(list(store.store_dir(out).glob("*/*"))) == 5 * len(store.read_index(store.store_dir(out)))


def test_a_metadata_edit_that_leaves_the_text_alone_recomputes_nothing(first, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(first.corpus_dir, corpus)
    shutil.copytree(first.out, out)
    metadata = corpus / "metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace(",synthetic", ",edited", 1), encoding="utf-8")
    before = _raw(out, "articles")
    summary = run_batch(corpus, out=out, progress=False)
    assert (summary.computed, summary.reused) == (0, 5)
    after = _raw(out, "articles")
    changed = after["id"][after["checksum"] != before["checksum"]].tolist()
    assert changed == ["north-1"] and after.set_index("id").loc["north-1", "notes"] == "edited"
    _assert_same_tables(first.out, out, names=(*TABLES, "keyness-crisis", "keyness-outlet"))


def test_renaming_an_outlet_recomputes_no_article_but_the_outlet_keyness(first, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(first.corpus_dir, corpus)
    shutil.copytree(first.out, out)
    metadata = corpus / "metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace("East Wire", "East Post"), encoding="utf-8")
    summary = run_batch(corpus, out=out, progress=False)
    assert (summary.computed, summary.reused) == (0, 5)
    assert set(_raw(out, "keyness-outlet")["group"]) == {"North Post", "South Daily", "East Post"}
    _assert_same_tables(first.out, out, names=(*TABLES, "keyness-crisis"))


@pytest.mark.parametrize("lost", ["hits", "index"])
def test_an_interrupted_partition_is_computed_again(first, tmp_path, lost):
    """A partition missing a table (or its index) is not whole: its articles, and only they, are computed again."""
    out = tmp_path / "out"
    shutil.copytree(first.out, out)
    key = _raw(out, "articles")["key"].iloc[2]
    pid = _partition_of(out, key)
    size = len(store.read_index(store.store_dir(out))[pid])
    store.partition_path(store.store_dir(out), pid, lost).unlink()
    summary = run_batch(first.corpus_dir, out=out, progress=False)
    assert size == 2 and (summary.computed, summary.reused) == (size, 5 - size)
    _assert_same_tables(first.out, out)


def test_two_processes_give_the_tables_of_one(first, tmp_path):
    summary = run_batch(first.corpus_dir, out=tmp_path / "out", jobs=2, progress=False)
    assert summary.computed == 5
    _assert_same_tables(first.out, tmp_path / "out")


def test_dask_gives_the_tables_of_the_local_engine(first, tmp_path):
    pytest.importorskip("distributed")
    summary = run_batch(first.corpus_dir, out=tmp_path / "out", engine="dask", progress=False)
    assert summary.computed == 5
    _assert_same_tables(first.out, tmp_path / "out")


def test_an_unreachable_scheduler_is_a_clean_error(first, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(engines, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(AnalysisInputError, match=re.escape("cannot reach tcp://127.0.0.1:9")):
        run_batch(first.corpus_dir, out=tmp_path / "out", engine="dask", scheduler="tcp://127.0.0.1:9")


@pytest.mark.parametrize("how", ["folder", "environment"])
def test_analyse_reads_the_results_and_gives_what_it_computes(first, expected, synth, monkeypatch, how):
    corpus = load_corpus(synth)
    if how == "environment":
        monkeypatch.setenv(CACHE_VARIABLE, str(first.out))
        got = analyse(corpus)
    else:
        got = analyse(corpus, cache=first.out)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), obj=name)


def test_analyse_reads_each_article_when_the_corpus_is_another(first, expected, synth, tmp_path):
    """A subset of the corpus, and a results folder missing one article: read what is there, compute the rest."""
    out = tmp_path / "out"
    shutil.copytree(first.out, out)
    corpus = load_corpus(synth)
    keys = _raw(out, "articles").set_index("id")["key"]
    store.partition_path(store.store_dir(out), _partition_of(out, keys["east-1"]), "sentences").unlink()
    keep = ["north-2", "east-1", "south-1"]
    stored = store.key_locations(store.read_index(store.store_dir(out)))
    # One article of the subset is read, the others computed.
    assert [keys[i] in stored for i in keep].count(True) >= 1 and keys["east-1"] not in stored
    got = analyse(corpus[corpus["id"].isin(keep)], cache=out)
    want = expected.subset(keep)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)


def test_analyse_never_reads_results_of_another_text(first, synth):
    """The same ids with other text (embedded posts kept in): nothing of the folder fits, all is computed."""
    corpus = load_corpus(synth, keep_embeds=True)
    corpus["text"] = corpus["text"] + " Iran."
    got, want = analyse(corpus, cache=first.out), analyse(corpus, cache=False)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)
    assert set(got.mentions.loc[got.mentions["actor"] == "iran", "id"]) == set(corpus["id"])


def test_cache_false_ignores_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "nowhere"))
    corpus = pd.DataFrame({"id": ["a"], "text": ["Iran spoke."]})
    assert analyse(corpus, cache=False).mentions["actor"].tolist() == ["iran"]
    with pytest.raises(AnalysisInputError, match="ANALYSIS_CACHE environment variable"):
        analyse(corpus)


def test_a_bad_corpus_raises_every_problem(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", articles=ARTICLES[:2])
    (corpus / "articles" / "north-2.txt").unlink()
    with pytest.raises(CorpusError, match=re.escape("articles/north-2.txt")):
        run_batch(corpus, out=tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_bad_options_are_refused(synth, tmp_path):
    with pytest.raises(AnalysisInputError, match="'spark' is not one of local, dask"):
        run_batch(synth, out=tmp_path, engine="spark")
    with pytest.raises(AnalysisInputError, match="--jobs"):
        run_batch(synth, out=tmp_path, jobs=0)


def test_the_corpus_folders_own_gazetteer_is_used_without_corpus_dir(tmp_path, monkeypatch):
    """`run FOLDER` reads FOLDER/actors.yaml even when $CORPUS_DIR names another corpus (or none)."""
    monkeypatch.delenv("CORPUS_DIR", raising=False)
    folder = write_corpus(tmp_path / "corpus")
    (folder / "actors.yaml").write_text(
        "source: a test\nactors:\n- {id: geneva, label: Geneva, type: place, country: CH, aliases: [Geneva]}\n",
        encoding="utf-8",
    )
    run_batch(folder, out=tmp_path / "out", progress=False)
    mentions = _raw(tmp_path / "out", "mentions")
    # "Talks continued in Geneva" in east-2 is the one occurrence in the synthetic texts
    assert mentions.loc[mentions["actor"] == "geneva", "id"].tolist() == ["east-2"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_keyness_tables_are_computed_after_every_partition_so_their_memory_is_not_added_to_the_workers(
    synth, tmp_path, monkeypatch, jobs
):
    events = []
    real_keyness, real_write = batch.group_keyness, store.write_partition

    def keyness(corpus, *, by, **options):
        events.append("keyness")
        return real_keyness(corpus, by=by, **options)

    def write(*args, **kwargs):
        events.append("partition")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(batch, "group_keyness", keyness)
    monkeypatch.setattr(store, "write_partition", write)
    run_batch(synth, out=tmp_path / "out", jobs=jobs, progress=False)
    n = len(partitions(5, jobs=jobs))
    assert events == ["partition"] * n + ["keyness"] * len(KEYNESS_BY)


def test_the_csv_copies_are_what_pandas_writes_for_the_analysis_tables(synth, expected, tmp_path):
    """CSV of the whole tables, read back from the partitions: the text pandas writes for analyse()'s tables."""
    out = tmp_path / "out"
    run_batch(synth, out=out, csv=True, jobs=2, progress=False)
    for name in TABLES:
        written = store.table_path(out / "csv", name, suffix="csv").read_text(encoding="utf-8")
        assert written == getattr(expected, name).to_csv(index=False), name


def test_the_keyness_tables_are_summed_from_the_stored_term_counts_not_counted_again(first, tmp_path, monkeypatch):
    """A renamed outlet computes no article; its keyness comes from the partitions' counts, counting no term."""
    import importlib

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(first.corpus_dir, corpus)
    shutil.copytree(first.out, out)
    metadata = corpus / "metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace("East Wire", "East Post"), encoding="utf-8")
    loaded = load_corpus(corpus)
    want = {by: group_keyness(loaded, by=by) for by in KEYNESS_BY}

    def refused(*args, **kwargs):
        raise AssertionError("the main process counted terms")

    for module in ("analysis.text", "analysis.framing.keyness", "analysis.batch"):
        monkeypatch.setattr(importlib.import_module(module), "doc_term_counts", refused, raising=False)
    summary = run_batch(corpus, out=out, progress=False)
    assert (summary.computed, summary.reused) == (0, 5)
    for by in KEYNESS_BY:
        pd.testing.assert_frame_equal(_raw(out, f"keyness-{by}"), want[by], check_dtype=False, obj=by)
    assert set(_raw(out, "keyness-outlet")["group"]) == {"North Post", "South Daily", "East Post"}


def test_with_two_jobs_the_gazetteer_is_read_while_the_corpus_loads(synth, tmp_path, monkeypatch):
    """The main process is idle while other processes read the articles: it reads the gazetteer then, in a thread."""
    import threading

    seen = []
    real = batch.corpus_gazetteer

    def reading(folder):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(folder)

    monkeypatch.setattr(batch, "corpus_gazetteer", reading)
    run_batch(synth, out=tmp_path / "one", jobs=1, progress=False)
    run_batch(synth, out=tmp_path / "two", jobs=2, progress=False)
    assert seen == [True, False]
    _assert_same_tables(tmp_path / "one", tmp_path / "two")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_corpus_is_reported_before_a_bad_gazetteer_and_a_bad_gazetteer_alone_raises(tmp_path, jobs):
    corpus = write_corpus(tmp_path / "corpus", articles=ARTICLES[:2])
    (corpus / "actors.yaml").write_text("source: a test\nactors:\n- {id: geneva}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape("actors.yaml, row 1, field 'label'")):
        run_batch(corpus, out=tmp_path / "out", jobs=jobs, progress=False)
    (corpus / "articles" / "north-2.txt").unlink()
    with pytest.raises(CorpusError, match=re.escape("articles/north-2.txt")):
        run_batch(corpus, out=tmp_path / "out", jobs=jobs, progress=False)


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_that_went_missing_stop_the_run_before_any_whole_table_is_written(synth, tmp_path, monkeypatch, jobs):
    real = store.write_partition
    calls = []

    def losing_the_first(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(store, "write_partition", losing_the_first)
    with pytest.raises(AnalysisInputError, match="went missing during the run"):
        run_batch(synth, out=tmp_path / "out", jobs=jobs, progress=False)
    assert not list((tmp_path / "out").glob("*.parquet"))
