"""One analysed corpus, computed once: the tables every chapter and every comparison reads.

:func:`analyse` runs each measure's expensive pass once over a loaded corpus:
the actor matcher, the frame dictionaries and the two tone tools. The
:class:`Analysis` it returns holds their tables, so that no chapter splits the
text into sentences or matches a dictionary a second time. Aggregations
(counts per group, keyness, profiles) are cheap and stay functions of these
tables.

The tables can also be read from the results of ``python -m analysis run``
(:mod:`analysis.batch`): ``analyse(corpus, cache=folder)``, or the
environment variable ``ANALYSIS_CACHE`` (which ``make book`` sets for the
chapters). Only articles whose key (:func:`analysis.cache.article_keys`) is
in the folder are read; the others are computed. Either way the tables are
the same, row for row and dtype for dtype: each table has the fixed dtypes
of :data:`SCHEMAS`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import cache as store
from analysis.actors.gazetteer import Gazetteer, GazetteerArg, resolve_gazetteer
from analysis.actors.matching import MENTION_DTYPES, find_mentions
from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.framing.frames import FramesArg, frame_hits, resolve_frames
from analysis.sentiment.scoring import score_sentences

_TEXT = "str"


#: The dtypes of :attr:`Analysis.sentences`.
SENTENCE_DTYPES = {
    "id": _TEXT,
    "source": _TEXT,
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "text": _TEXT,
    "position": "float64",
    "in_quote": "bool",
    "n_words": "int64",
    "tb_polarity": "float64",
    "tb_subjectivity": "float64",
    "vader_compound": "float64",
    "vader_pos": "float64",
    "vader_neu": "float64",
    "vader_neg": "float64",
}

#: The dtypes of :attr:`Analysis.hits`, the same for an article or a corpus without hits.
HIT_DTYPES = {
    "id": _TEXT,
    "frame": _TEXT,
    "family": _TEXT,
    "sentence": "int64",
    "sentence_text": _TEXT,
    "matched": _TEXT,
    "term": _TEXT,
    "left": _TEXT,
    "right": _TEXT,
    "start": "int64",
    "end": "int64",
    "in_quote": "bool",
}

#: Each per-article table's columns and dtypes, by name (the names of :data:`analysis.cache.TABLES`).
SCHEMAS = {"mentions": MENTION_DTYPES, "sentences": SENTENCE_DTYPES, "hits": HIT_DTYPES}

#: The environment variable naming a results folder that :func:`analyse` reads when given no ``cache``.
CACHE_VARIABLE = "ANALYSIS_CACHE"


@dataclass(frozen=True)
class Analysis:
    """The analysed corpus. Build it with :func:`analyse`.

    Attributes
    ----------
    corpus
        The corpus as loaded (:func:`analysis.corpus.load_corpus`): one row per
        article with ``id``, ``text``, ``quoted_text`` and the metadata.
    gazetteer
        The :class:`~analysis.actors.gazetteer.Gazetteer` the mentions were found with.
    frames
        The frame dictionary table (:func:`analysis.framing.frames.load_frames`) the hits were found with.
    mentions
        :func:`~analysis.actors.matching.find_mentions` over the body text and
        the embedded posts (``source`` is ``body`` or ``embed``); see
        :meth:`body_mentions`.
    sentences
        :func:`~analysis.sentiment.scoring.score_sentences` over the body and
        the embedded posts: one row per sentence with its ``source``, ``sentence``
        number, ``text``, ``in_quote`` and the TextBlob and VADER scores.
    hits
        :func:`~analysis.framing.frames.frame_hits` over the body text: one row
        per dictionary hit with ``id``, ``frame``, ``start``, ``end``, ``term`` and its context.
    """

    corpus: pd.DataFrame
    gazetteer: Gazetteer
    frames: pd.DataFrame
    mentions: pd.DataFrame
    sentences: pd.DataFrame
    hits: pd.DataFrame

    def body_mentions(self) -> pd.DataFrame:
        """The mentions in the articles' own text (``source == "body"``), embedded posts left out.

        Example
        -------
        >>> a = analyse(pd.DataFrame({"id": ["a"], "text": ["Iran spoke."], "quoted_text": ["Pakistan"]}))
        >>> a.mentions["actor"].tolist(), a.body_mentions()["actor"].tolist()
        (['iran', 'pakistan'], ['iran'])
        """
        return self.mentions[self.mentions["source"] == "body"].reset_index(drop=True)

    def subset(self, ids: Iterable[str]) -> Analysis:
        """The same analysis restricted to some articles, in corpus order (nothing is recomputed).

        Example
        -------
        >>> a = analyse(pd.DataFrame({"id": ["a", "b"], "text": ["Iran spoke.", "Pakistan too."]}))
        >>> a.subset(["b"]).mentions["actor"].tolist()
        ['pakistan']
        """
        keep = set(ids)

        def rows(table: pd.DataFrame) -> pd.DataFrame:
            return table[table["id"].isin(keep)].reset_index(drop=True)

        return Analysis(
            corpus=rows(self.corpus),
            gazetteer=self.gazetteer,
            frames=self.frames,
            mentions=rows(self.mentions),
            sentences=rows(self.sentences),
            hits=rows(self.hits),
        )


def conform(table: pd.DataFrame, schema: Mapping[str, str]) -> pd.DataFrame:
    """The table with the columns of ``schema`` (name -> dtype), in its order and with its dtypes; a fresh index.

    Example
    -------
    >>> conform(pd.DataFrame({"b": [1.0], "a": ["x"]}), {"a": "object", "b": "int64"}).dtypes.astype(str).tolist()
    ['object', 'int64']
    """
    return table[list(schema)].astype(dict(schema)).reset_index(drop=True)


def combine(parts: Iterable[pd.DataFrame], schema: Mapping[str, str]) -> pd.DataFrame:
    """Per-article tables stacked in the order given, with the dtypes of ``schema``.

    The result is what the measure gives over all those articles at once (the
    measures work article by article and keep corpus order).

    Example
    -------
    >>> parts = [pd.DataFrame({"id": ["a"], "n": [1]}), pd.DataFrame({"id": [], "n": []}), pd.DataFrame({"id": ["c"], "n": [2]})]
    >>> combine(parts, {"id": "object", "n": "int64"}).values.tolist()
    [['a', 1], ['c', 2]]
    """
    kept = [p for p in parts if len(p)]
    if not kept:
        return conform(pd.DataFrame({c: pd.Series(dtype=d) for c, d in schema.items()}), schema)
    return conform(pd.concat(kept, ignore_index=True), schema)


def article_tables(corpus: pd.DataFrame, gazetteer: Gazetteer, frames: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The three per-article tables of a corpus (``id``, ``text``, ``quoted_text``), by name, with :data:`SCHEMAS`.

    ``mentions``: :func:`~analysis.actors.matching.find_mentions` over the body
    and the embedded posts; ``sentences``:
    :func:`~analysis.sentiment.scoring.score_sentences`; ``hits``:
    :func:`~analysis.framing.frames.frame_hits` over the body.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Rain fell on Tuesday."], "quoted_text": [""]})
    >>> t = article_tables(corpus, resolve_gazetteer(None), resolve_frames(None))
    >>> [len(t[name]) for name in ("mentions", "sentences", "hits")]
    [0, 1, 0]
    """
    return {
        "mentions": conform(find_mentions(corpus, gazetteer, include_embeds=True), MENTION_DTYPES),
        "sentences": conform(score_sentences(corpus), SENTENCE_DTYPES),
        "hits": conform(frame_hits(corpus, frames), HIT_DTYPES),
    }


def resolve_cache(cache: str | os.PathLike | bool | None) -> Path | None:
    """The results folder to read: ``cache``, else ``$ANALYSIS_CACHE`` when set and not empty; ``None`` for none.

    ``cache=False`` reads no folder whatever the environment says.

    Example
    -------
    >>> resolve_cache(False) is None
    True
    """
    if cache is False:
        return None
    how = "the cache argument"
    if cache is None or cache is True:
        cache, how = os.environ.get(CACHE_VARIABLE, ""), f"the {CACHE_VARIABLE} environment variable"
        if not cache:
            return None
    folder = Path(cache).expanduser()
    if not folder.is_dir():
        message = f"results folder (from {how}) does not exist: make it with python -m analysis run --out {folder}"
        raise AnalysisInputError(Problem(str(folder), None, None, message))
    return folder


def cached_tables(
    corpus: pd.DataFrame, gazetteer: Gazetteer, frames: pd.DataFrame, *, folder: str | os.PathLike
) -> dict[str, pd.DataFrame]:
    """:func:`article_tables`, reading what a results folder holds and computing only the rest.

    When the folder's manifest lists exactly this corpus's keys, its combined
    tables are read; otherwise the rows of each article whose key the store
    holds are read from its partitions (:func:`analysis.cache.gather_tables`),
    the other articles are computed, and the rows are put in corpus order.
    Nothing is written. A corpus whose ids are not unique, or not all text, is computed whole.

    Example
    -------
    >>> import tempfile
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran spoke."], "quoted_text": [""]})
    >>> gaz, frames = resolve_gazetteer(None), resolve_frames(None)
    >>> cached_tables(corpus, gaz, frames, folder=tempfile.mkdtemp())["mentions"]["actor"].tolist()
    ['iran']
    """
    if not corpus["id"].is_unique or not all(isinstance(i, str) for i in corpus["id"]):
        return article_tables(corpus, gazetteer, frames)
    keys = store.article_keys(corpus, store.environment_key(gazetteer, frames))
    if store.read_manifest(folder).get("keys") == keys and all(
        store.table_path(folder, name).is_file() for name in store.TABLES
    ):
        return {name: store.read_parquet(store.table_path(folder, name), SCHEMAS[name]) for name in store.TABLES}
    found, there = store.gather_tables(store.store_dir(folder), keys, corpus["id"].tolist(), SCHEMAS)
    tables = {name: store.to_frame(found[name], SCHEMAS[name]) for name in store.TABLES}
    if all(there):
        return tables
    computed = article_tables(corpus[[not t for t in there]], gazetteer, frames)
    rank = {doc_id: i for i, doc_id in enumerate(corpus["id"])}
    out = {}
    for name, schema in SCHEMAS.items():
        both = combine([tables[name], computed[name]], schema)
        order = np.argsort(both["id"].map(rank).to_numpy(), kind="stable")
        out[name] = both.take(order).reset_index(drop=True)
    return out


def analyse(
    corpus: pd.DataFrame,
    *,
    gazetteer: GazetteerArg = None,
    frames: FramesArg = None,
    cache: str | os.PathLike | bool | None = None,
) -> Analysis:
    """Run each measure's pass over the corpus once and keep the tables.

    ``corpus`` needs ``id`` and ``text``; ``quoted_text`` (the embedded posts)
    is taken as empty when absent. ``gazetteer`` defaults to the corpus's
    gazetteer (:func:`~analysis.actors.gazetteer.corpus_gazetteer`: the package's,
    with ``$CORPUS_DIR/actors.yaml`` when the corpus folder has one) and
    ``frames`` to the shipped frame dictionary. ``cache`` is a results folder of ``python -m analysis
    run`` to read instead of computing (default ``$ANALYSIS_CACHE`` when set;
    ``False``: never); the tables are the same either way (:func:`cached_tables`).

    Example
    -------
    >>> a = analyse(pd.DataFrame({"id": ["a"], "text": ["Iran fired missiles at Pakistan."]}))
    >>> sorted(a.mentions["actor"]), a.hits["frame"].tolist(), len(a.sentences)
    (['iran', 'pakistan'], ['escalation'], 1)
    """
    require_columns(corpus, ["id", "text"], "analyse", "corpus")
    if "quoted_text" not in corpus.columns:
        corpus = corpus.assign(quoted_text="")
    gaz = resolve_gazetteer(gazetteer)
    table = resolve_frames(frames)
    folder = resolve_cache(cache)
    read = article_tables if folder is None else partial(cached_tables, folder=folder)
    tables = read(corpus, gaz, table)
    return Analysis(corpus=corpus, gazetteer=gaz, frames=table, **tables)
