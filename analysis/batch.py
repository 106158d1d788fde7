"""The batch command's work (``python -m analysis run``): every article's tables, kept between runs.

:func:`run_batch` loads and validates a corpus folder, computes each article's
mentions, scored sentences and frame hits (:func:`analysis.pipeline.article_tables`)
unless a results folder already holds them under the article's key
(:mod:`analysis.cache`), and writes the whole tables as Parquet, with the
keyness tables per crisis and per outlet. The articles to compute are split
into partitions, run in this process, in ``jobs`` processes
(``concurrent.futures``) or on a Dask cluster; the tables are the same
whichever runs them.

The results folder holds:

``manifest.json``
    What was run: the package version, the environment key, the corpus
    folder, the engine, the number of articles computed and reused, each
    article's ``id`` and key in corpus order, and the rows of each table.
``articles.parquet``
    One row per article, in corpus order (date, then id): ``id``, ``file``,
    ``outlet``, ``title``, ``url``, ``published``, ``author``, ``crisis``,
    ``genre``, ``notes`` (the metadata row), ``date``, ``date_precision``,
    ``crisis_label``, ``n_words``, ``n_sentences`` (as in
    :func:`analysis.corpus.load_corpus`), ``checksum`` (SHA-256 of the
    article file's bytes and its metadata row) and ``key`` (the key its
    results are kept under).
``mentions.parquet``
    :attr:`analysis.pipeline.Analysis.mentions`: one row per actor mention,
    body then embedded posts: ``id``, ``source`` (``body`` or ``embed``),
    ``actor``, ``actor_type``, ``matched``, ``start``, ``end`` (character
    offsets), ``sentence``, ``position`` (0–1 in the body; empty for embeds),
    ``in_quote``, ``is_demonym``.
``sentences.parquet``
    :attr:`analysis.pipeline.Analysis.sentences`: one row per sentence:
    ``id``, ``source``, ``sentence``, ``start``, ``end``, ``text``,
    ``position``, ``in_quote``, ``n_words``, ``tb_polarity``,
    ``tb_subjectivity`` (TextBlob), ``vader_compound``, ``vader_pos``,
    ``vader_neu``, ``vader_neg`` (VADER).
``hits.parquet``
    :attr:`analysis.pipeline.Analysis.hits`: one row per frame-dictionary
    hit in the body: ``id``, ``frame``, ``family``, ``sentence``,
    ``sentence_text``, ``matched``, ``term``, ``left``, ``right`` (words of
    context), ``start``, ``end``, ``in_quote``.
``keyness-crisis.parquet``, ``keyness-outlet.parquet``
    :func:`analysis.framing.keyness.group_keyness` with its defaults
    (weighted log-odds, α0 = 100, terms used at least twice): ``group``,
    ``term``, ``count``, ``count_rest``, ``total``, ``total_rest``, ``rate``,
    ``rate_rest``, ``n_docs``, ``n_docs_group``, ``score``, ``z``, ``p``,
    ``log_ratio``; empty when the corpus has one crisis (or one outlet).
``csv/``
    With ``csv=True``: each of these tables as ``<name>.csv`` (UTF-8, header row).
``store/``
    The articles' tables by partition, each article found by its key
    (:mod:`analysis.cache`), with each article's term counts. Articles that
    the last run did not use are deleted from it.

Each partition (at most :data:`PARTITION_SIZE` articles) is one task: one call
of the in-process measures over its articles
(:func:`analysis.pipeline.article_tables`) and the count of their terms
(:func:`analysis.text.doc_term_counts`), whose tables the task returns as
Parquet bytes, written by this process as one file per table. The whole
tables are then read back from few files (:func:`analysis.cache.gather_tables`),
and the keyness tables are scored from the term counts read back with them:
this process counts no term itself.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from analysis import __version__
from analysis import cache as store
from analysis.actors.gazetteer import Gazetteer, GazetteerArg, corpus_gazetteer, resolve_gazetteer
from analysis.actors.matching import prepare_gazetteer
from analysis.corpus import METADATA_COLUMNS, load_corpus, resolve_corpus_dir
from analysis.engines import ENGINES, release_memory, run_local, run_on_dask
from analysis.errors import AnalysisInputError, Problem
from analysis.files import digest
from analysis.formatting import count_noun
from analysis.framing.frames import FramesArg, resolve_frames
from analysis.framing.keyness import group_keyness
from analysis.pipeline import SCHEMAS, article_tables
from analysis.text import doc_term_counts

#: The groupings with a keyness table.
KEYNESS_BY = ("crisis", "outlet")

#: The columns of ``articles.parquet``.
ARTICLE_COLUMNS = (
    *METADATA_COLUMNS,
    "date",
    "date_precision",
    "crisis_label",
    "n_words",
    "n_sentences",
    "checksum",
    "key",
)

#: The whole tables a results folder holds, by file name (``<name>.parquet``).
TABLE_NAMES = ("articles", *store.TABLES, *(f"keyness-{by}" for by in KEYNESS_BY))

#: The columns and dtypes of a partition's ``terms`` table: each article's term counts (:func:`analysis.text.doc_term_counts`).
TERM_COUNT_DTYPES = {"id": "str", "term": "str", "count": "int64"}

#: Each table a partition keeps (:data:`analysis.cache.PARTITION_TABLES`), with its columns and dtypes.
PARTITION_SCHEMAS = {**SCHEMAS, "terms": TERM_COUNT_DTYPES}

#: The results folder's layout version, kept in the manifest; a run over a folder of another version rewrites it.
FORMAT = 1


#: Articles in one partition at most (a partition is one task for a process or a Dask worker). Each call of
#: the measures costs about 0.1 s whatever its size (tables per frame, dtypes), about 0.02 s per article.
PARTITION_SIZE = 100


@dataclass(frozen=True)
class RunSummary:
    """What a :func:`run_batch` did.

    Attributes
    ----------
    out
        The results folder (absolute).
    corpus_dir
        The corpus folder (absolute).
    n_articles
        Articles in the corpus.
    computed
        Of them, computed by this run.
    reused
        Of them, read from ``out``.
    rows
        Rows of each whole table, by name (:data:`TABLE_NAMES`).
    seconds
        How long the run took.

    Example
    -------
    >>> RunSummary(Path("out"), Path("corpus"), 3, 1, 2).describe()
    '3 articles: 1 computed, 2 reused'
    """

    out: Path
    corpus_dir: Path
    n_articles: int
    computed: int
    reused: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def describe(self) -> str:
        """One line: articles, computed, reused."""
        return f"{count_noun(self.n_articles, 'article')}: {self.computed} computed, {self.reused} reused"


def partitions(n: int, *, jobs: int = 1, size: int = PARTITION_SIZE) -> list[range]:
    """Split ``n`` articles into consecutive partitions: about four per job, at most ``size`` articles each.

    Several partitions per job let a free process take the next one, so that one
    slow partition does not hold up the rest. With more than one job the last
    ``jobs`` partitions are halved: the processes then end closer together (the
    one that takes the last partition keeps the others waiting for half as long).

    Example
    -------
    >>> partitions(10, jobs=1)
    [range(0, 2), range(2, 5), range(5, 8), range(8, 10)]
    >>> [len(p) for p in partitions(100, jobs=1, size=16)]
    [14, 15, 14, 14, 14, 15, 14]
    >>> [len(p) for p in partitions(1000, jobs=2)]
    [100, 100, 100, 100, 100, 100, 100, 100, 50, 50, 50, 50]
    """
    if n == 0:
        return []
    count = max(min(n, 4 * jobs), -(-n // size))
    bounds = [round(i * n / count) for i in range(count + 1)]
    parts = [range(a, b) for a, b in itertools.pairwise(bounds) if b > a]
    if jobs == 1:
        return parts
    halves = [(range(p.start, p.start + len(p) // 2), range(p.start + len(p) // 2, p.stop)) for p in parts[-jobs:]]
    return parts[:-jobs] + [h for pair in halves for h in pair if len(h)]


def compute_partition(records: pd.DataFrame, gazetteer: Gazetteer, frames: pd.DataFrame) -> dict[str, bytes]:
    """The task of one partition: its articles' tables as Parquet bytes, by name of :data:`analysis.cache.PARTITION_TABLES`.

    ``records`` needs ``id``, ``text`` and ``quoted_text``; the measures
    (:func:`~analysis.pipeline.article_tables`) run once over all its
    articles. Each table's rows come article by article in the order of
    ``records`` (an article's body rows, then its embedded posts' rows), the
    order of the whole tables, so that gathering them needs no sorting.
    ``terms`` is the articles' term counts (:func:`analysis.text.doc_term_counts`),
    from which the keyness tables are summed.

    Example
    -------
    >>> records = pd.DataFrame({"id": ["a", "b"], "text": ["Iran spoke.", "Calm."], "quoted_text": ["", ""]})
    >>> out = compute_partition(records, resolve_gazetteer(None), resolve_frames(None))
    >>> store.read_table(pa.BufferReader(out["mentions"]))["id"].to_pylist()
    ['a']
    >>> store.read_table(pa.BufferReader(out["terms"])).to_pydict()
    {'id': ['a', 'a', 'b'], 'term': ['iran', 'spoke', 'calm'], 'count': [1, 1, 1]}
    """
    tables = {**article_tables(records, gazetteer, frames), "terms": doc_term_counts(records)}
    rank = {doc_id: i for i, doc_id in enumerate(records["id"])}
    return {name: store.parquet_bytes(_by_article(tables[name], rank)) for name in store.PARTITION_TABLES}


def _by_article(table: pd.DataFrame, rank: Mapping[str, int]) -> pd.DataFrame:
    """The rows of ``table`` article by article in the order of ``rank`` (id -> position), each article's in their order."""
    order = table["id"].map(rank).to_numpy()
    if len(order) < 2 or (order[1:] >= order[:-1]).all():
        return table
    return table.take(order.argsort(kind="stable")).reset_index(drop=True)


def _bar(total: int, desc: str, progress: bool | None, unit: str = "article") -> tqdm:
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=None if progress is None else not progress)


def _dictionaries(folder: Path, gazetteer: GazetteerArg, frames: FramesArg) -> tuple[Gazetteer, pd.DataFrame]:
    """The gazetteer (the corpus folder's own ``actors.yaml`` joins the package's unless one is given) and frames.

    The gazetteer's scanner is built here (:func:`~analysis.actors.matching.prepare_gazetteer`):
    with several jobs this runs while other processes load the articles, and the
    workers forked later inherit the scanner rather than each building it.
    """
    gaz = corpus_gazetteer(folder) if gazetteer is None else resolve_gazetteer(gazetteer)
    return prepare_gazetteer(gaz), resolve_frames(frames)


def _load(
    folder: Path, gazetteer: GazetteerArg, frames: FramesArg, *, jobs: int
) -> tuple[pd.DataFrame, tuple[Gazetteer, pd.DataFrame]]:
    """The corpus (:func:`~analysis.corpus.load_corpus`), then the gazetteer and frames (:func:`_dictionaries`).

    With ``jobs`` above 1 the articles are read in other processes, and this
    one, idle meanwhile, reads the gazetteer and frames in a thread. A corpus
    that does not load raises first, as with one job.
    """
    if jobs == 1:
        corpus = load_corpus(folder, jobs=jobs)
        return corpus, _dictionaries(folder, gazetteer, frames)
    with ThreadPoolExecutor(1) as thread:
        meanwhile = thread.submit(_dictionaries, folder, gazetteer, frames)
        corpus = load_corpus(folder, jobs=jobs)
        return corpus, meanwhile.result()


def _compute(
    corpus: pd.DataFrame,
    keys: list[str],
    *,
    folder: Path,
    gazetteer: Gazetteer,
    frames: pd.DataFrame,
    engine: str,
    jobs: int,
    scheduler: str | None,
    progress: bool | None,
) -> int:
    """Compute and store the articles whose key is not in the store; return how many were computed.

    Each partition is stored as soon as it ends, so an interrupted run keeps it.
    """
    entries = store.store_dir(folder)
    where = store.key_locations(store.read_index(entries))
    rows = [i for i, key in enumerate(keys) if key not in where]
    records = corpus[["id", "text", "quoted_text"]].iloc[rows]
    parts = partitions(len(rows), jobs=jobs)
    tasks = [records.iloc[p.start : p.stop] for p in parts]
    run = partial(run_on_dask, scheduler=scheduler) if engine == "dask" else run_local
    runner = run(tasks, compute_partition, {"gazetteer": gazetteer, "frames": frames}, jobs=jobs)
    with _bar(len(rows), "compute", progress) as bar:
        for i, tables in runner:
            ids = tasks[i]["id"].tolist()
            store.write_partition(entries, ids, [keys[rows[p]] for p in parts[i]], tables)
            bar.update(len(ids))
    return len(rows)


def _finish(
    corpus: pd.DataFrame,
    keys: list[str],
    articles: pd.DataFrame,
    *,
    folder: Path,
    keyness_same: bool,
    csv: bool,
    jobs: int,
    progress: bool | None,
) -> dict[str, int]:
    """Write the whole tables: each article table gathered from the store, and the keyness tables; return their rows.

    The keyness tables are read back when ``keyness_same`` (their inputs are
    unchanged), else scored from the articles' term counts gathered with the
    other tables. The tables are gathered and written in ``jobs`` threads, one
    table each: reading, decoding and writing Parquet let other threads run,
    and the processes that computed the articles have ended.
    """
    entries = store.store_dir(folder)
    index = store.read_index(entries)
    where = store.key_locations(index)
    missing = [i for i, key in zip(corpus["id"], keys, strict=True) if key not in where]
    if missing:
        message = f"the results of {count_noun(len(missing), 'article')} went missing during the run: {missing[:5]}"
        raise AnalysisInputError(Problem(str(entries), None, None, message))
    schemas = SCHEMAS if keyness_same else PARTITION_SCHEMAS
    ids = corpus["id"].tolist()

    def gather(name: str) -> pa.Table:
        return store.gather_tables(entries, keys, ids, {name: schemas[name]}, index=index)[0][name]

    def gather_and_write(name: str) -> int:
        table = gather(name)
        _write_tables({name: table}, folder=folder, csv=csv)
        return len(table)

    with _bar(len(TABLE_NAMES), "write", progress, unit="table") as bar, ThreadPoolExecutor(jobs) as threads:
        counts = threads.submit(gather, "terms") if "terms" in schemas else None  # first: keyness waits for it
        written = {name: threads.submit(gather_and_write, name) for name in store.TABLES}
        _write_tables({"articles": articles}, folder=folder, csv=csv)
        bar.update()
        # After the workers have ended, so that keyness's own peak of memory is not added to theirs.
        scored = _keyness(corpus, None if counts is None else counts.result(), folder=folder, progress=False)
        _write_tables(scored, folder=folder, csv=csv)
        bar.update(len(scored))
        rows = {"articles": len(articles)}
        for name, future in written.items():
            rows[name] = future.result()
            bar.update()
    return rows | {name: len(table) for name, table in scored.items()}


def _keyness_fingerprint(corpus: pd.DataFrame, keys: list[str], environment: str) -> str:
    """What the keyness tables depend on: each article's text (its key) and its groups."""
    groups = corpus[list(KEYNESS_BY)].astype(str).to_numpy().tolist()
    return digest(json.dumps([environment, keys, groups]).encode())


def articles_table(corpus: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``articles.parquet``: the corpus without its texts, with each article's ``checksum`` and ``key``.

    Example
    -------
    >>> corpus = load_corpus()
    >>> table = articles_table(corpus, ["k"] * len(corpus))
    >>> list(table.columns) == list(ARTICLE_COLUMNS), len(table["checksum"].iloc[0])
    (True, 64)
    """
    out = corpus[[c for c in ARTICLE_COLUMNS if c in corpus.columns]].copy()
    out["checksum"] = store.article_checksums(corpus, METADATA_COLUMNS)
    out["key"] = keys
    return out.reset_index(drop=True)


def _write_tables(tables: Mapping[str, pd.DataFrame | pa.Table], *, folder: Path, csv: bool) -> None:
    for name, table in tables.items():
        store.write_parquet(table, store.table_path(folder, name))
        if csv:
            if isinstance(table, pa.Table):
                table = store.to_frame(table, SCHEMAS[name])
            path = store.table_path(folder / "csv", name, suffix="csv")
            path.parent.mkdir(parents=True, exist_ok=True)
            table.to_csv(path, index=False, encoding="utf-8")


def _keyness_paths(folder: Path) -> dict[str, Path]:
    return {f"keyness-{by}": store.table_path(folder, f"keyness-{by}") for by in KEYNESS_BY}


def _keyness(
    corpus: pd.DataFrame, counts: pa.Table | None, *, folder: Path, progress: bool | None
) -> dict[str, pd.DataFrame]:
    """The keyness tables: scored from the articles' term ``counts`` (as gathered), or read back when not given."""
    if counts is None:
        return {name: store.read_table(path).to_pandas() for name, path in _keyness_paths(folder).items()}
    counts = store.to_frame(counts, TERM_COUNT_DTYPES)
    tables = {}
    with _bar(len(KEYNESS_BY), "keyness", progress, unit="table") as bar:
        for by in KEYNESS_BY:
            tables[f"keyness-{by}"] = group_keyness(corpus, by=by, counts=counts)
            bar.update()
    return tables


def _unchanged(manifest: Mapping, expected: Mapping, folder: Path, *, csv: bool) -> bool:
    """Whether the folder already holds the tables ``expected`` describes (same keys, checksums, keyness)."""
    same = all(manifest.get(k) == v for k, v in expected.items())
    files = [store.table_path(folder, n) for n in TABLE_NAMES]
    if csv:
        files += [store.table_path(folder / "csv", n, suffix="csv") for n in TABLE_NAMES]
    return same and all(f.is_file() for f in files)


def run_batch(
    corpus_dir: str | os.PathLike | None = None,
    *,
    out: str | os.PathLike,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    csv: bool = False,
    gazetteer: GazetteerArg = None,
    frames: FramesArg = None,
    progress: bool | None = None,
) -> RunSummary:
    """Analyse a corpus folder into a results folder, computing only the articles it does not hold yet.

    Parameters
    ----------
    corpus_dir
        The corpus folder (default ``$CORPUS_DIR``, else the package's ``corpus/``).
    out
        The results folder (made when missing); its files are listed in this module's description.
    jobs
        Processes that read and clean the articles (:func:`~analysis.corpus.load_corpus`)
        and, with ``engine="local"``, compute them; with ``engine="dask"``, the workers of
        the local Dask cluster.
    engine
        ``"local"`` (this process, or ``jobs`` processes) or ``"dask"``.
    scheduler
        With ``engine="dask"``: the address of a running Dask scheduler
        (``tcp://host:8786``); default a local cluster started for the run.
        Its workers need this package installed.
    csv
        Also write each table as CSV in ``out/csv/``.
    gazetteer
        As in :func:`analysis.pipeline.analyse` (default the shipped gazetteer).
    frames
        As in :func:`analysis.pipeline.analyse` (default the shipped frame dictionary).
    progress
        Show progress bars on standard error: ``None`` when it is a terminal.

    Returns
    -------
    RunSummary
        With the number of articles computed and reused (their results were in ``out``).

    Raises
    ------
    AnalysisError
        A corpus that does not load (:class:`~analysis.errors.CorpusError`,
        every problem named), a bad option, or a Dask scheduler out of reach.

    Example
    -------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> run_batch(out=out, progress=False).describe()
    '5 articles: 5 computed, 0 reused'
    >>> run_batch(out=out, progress=False).describe()
    '5 articles: 0 computed, 5 reused'
    """
    started = time.perf_counter()
    if engine not in ENGINES:
        raise AnalysisInputError(Problem("--engine", None, None, f"{engine!r} is not one of {', '.join(ENGINES)}"))
    if not isinstance(jobs, int) or jobs < 1:
        raise AnalysisInputError(Problem("--jobs", None, None, f"must be a whole number above 0, not {jobs!r}"))
    folder = resolve_corpus_dir(corpus_dir)
    with _bar(1, "load", progress, unit="corpus") as bar:
        corpus, (gaz, table) = _load(folder, gazetteer, frames, jobs=jobs)
        release_memory()
        bar.update()
    environment = store.environment_key(gaz, table)
    keys = store.article_keys(corpus, environment)
    out = Path(out).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    articles = articles_table(corpus, keys)
    expected = {
        "format": FORMAT,
        "environment": environment,
        "keys": keys,
        "checksums": articles["checksum"].tolist(),
        "keyness": _keyness_fingerprint(corpus, keys, environment),
    }
    manifest = store.read_manifest(out)
    rows = manifest.get("rows", {})
    unchanged = _unchanged(manifest, expected, out, csv=csv)
    if not unchanged:
        store.manifest_path(out).unlink(missing_ok=True)
    computed = _compute(
        corpus,
        keys,
        folder=out,
        gazetteer=gaz,
        frames=table,
        engine=engine,
        jobs=jobs,
        scheduler=scheduler,
        progress=progress,
    )
    if not unchanged:
        same = manifest.get("keyness") == expected["keyness"] and all(p.is_file() for p in _keyness_paths(out).values())
        rows = _finish(corpus, keys, articles, folder=out, keyness_same=same, csv=csv, jobs=jobs, progress=progress)
    store.prune_store(store.store_dir(out), keys)
    record = {
        **expected,
        "package": __version__,
        "corpus": str(folder),
        "engine": engine,
        "jobs": jobs,
        "computed": computed,
        "reused": len(keys) - computed,
        "ids": corpus["id"].tolist(),
        "rows": rows,
    }
    store.write_text(store.manifest_path(out), json.dumps(record, indent=1) + "\n")
    return RunSummary(out, folder, len(keys), computed, len(keys) - computed, rows, time.perf_counter() - started)
