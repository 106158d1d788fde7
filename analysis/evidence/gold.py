"""One loader for every hand-coded file of a corpus: ``<corpus>/gold/``.

Gold belongs to the articles it was coded on, so it lives in the corpus
folder, beside ``metadata.csv``: the seed corpus's is ``corpus/gold/``, and a
corpus without a ``gold/`` folder simply has none (:func:`has_gold`).

=================== ============================ ====================================
kind                file (coder 1; coder *n*:    read by
                    ``<stem>_coder<n>.csv``)
=================== ============================ ====================================
``mentions``        ``actor_mentions.csv``       :func:`~analysis.evidence.actors.read_mention_gold`
``sentiment``       ``sentiment_labels.csv``     :func:`~analysis.evidence.sentiment.read_sentiment_gold`
``frame_hits``      ``frame_hits.csv``           :func:`~analysis.evidence.framing.read_frame_hits`
``frame_sentences`` ``frame_sentences.csv``      :func:`~analysis.evidence.framing.read_frame_sentences`
=================== ============================ ====================================

The labelling rules are in ``corpus/gold/README.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis.corpus import resolve_corpus_dir
from analysis.errors import AnalysisInputError, Problem
from analysis.evidence.actors import read_mention_gold
from analysis.evidence.framing import read_frame_hits, read_frame_sentences
from analysis.evidence.sentiment import read_sentiment_gold
from analysis.evidence.versions import check_versions, gold_ids

#: The kinds of gold, with each kind's file stem and reader.
GOLD_KINDS = {
    "mentions": ("actor_mentions", read_mention_gold),
    "sentiment": ("sentiment_labels", read_sentiment_gold),
    "frame_hits": ("frame_hits", read_frame_hits),
    "frame_sentences": ("frame_sentences", read_frame_sentences),
}


def gold_path(kind: str, *, coder: int = 1, corpus_dir: str | os.PathLike | None = None) -> Path:
    """Where a corpus keeps one coder's file of one kind (whether or not it exists).

    ``corpus_dir`` is resolved like :func:`analysis.corpus.resolve_corpus_dir`
    (argument, then ``$CORPUS_DIR``, then the seed corpus).

    Example
    -------
    >>> gold_path("sentiment", coder=2).relative_to(resolve_corpus_dir()).as_posix()
    'gold/sentiment_labels_coder2.csv'
    """
    if kind not in GOLD_KINDS:
        raise AnalysisInputError(Problem("gold_path()", None, "kind", f"{kind!r} is not one of {sorted(GOLD_KINDS)}"))
    if not isinstance(coder, int) or isinstance(coder, bool) or coder < 1:
        raise AnalysisInputError(Problem("gold_path()", None, "coder", f"{coder!r} is not a coder number (1, 2, ...)"))
    stem = GOLD_KINDS[kind][0]
    name = f"{stem}.csv" if coder == 1 else f"{stem}_coder{coder}.csv"
    return resolve_corpus_dir(corpus_dir) / "gold" / name


def has_gold(kind: str, *, coder: int = 1, corpus_dir: str | os.PathLike | None = None) -> bool:
    """Whether the corpus has that coder's file of that kind.

    Example
    -------
    >>> has_gold("sentiment"), has_gold("sentiment", coder=9)
    (True, False)
    """
    return gold_path(kind, coder=coder, corpus_dir=corpus_dir).is_file()


def load_gold(kind: str, *, coder: int = 1, corpus_dir: str | os.PathLike | None = None, **options) -> pd.DataFrame:
    """Read and validate one coder's hand coding of one kind, from the corpus's ``gold/`` folder.

    ``options`` go to the kind's reader: ``corpus`` and ``include_embeds`` for
    ``mentions``, ``frames`` for ``frame_sentences``. A missing file raises
    :class:`~analysis.errors.AnalysisInputError` naming it (check first with
    :func:`has_gold`); a bad row raises
    :class:`~analysis.errors.DataFileError` naming the file, line and field;
    an article edited since it was coded (``gold/articles.sha256``,
    :mod:`analysis.evidence.versions`) raises one
    :class:`~analysis.errors.CorpusError` for that article, not one per row.
    The columns are those of the kind's reader (see the table above).

    Example
    -------
    >>> sorted(load_gold("sentiment")["label"].unique())
    ['negative', 'neutral', 'positive']
    """
    path = gold_path(kind, coder=coder, corpus_dir=corpus_dir)
    if not path.is_file():
        raise AnalysisInputError(
            Problem("load_gold()", None, "kind", f"the corpus has no {kind} gold for coder {coder} (no file {path})")
        )
    resolved = resolve_corpus_dir(corpus_dir)
    check_versions(gold_ids(path), gold_file=f"gold/{path.name}", corpus_dir=resolved)
    return GOLD_KINDS[kind][1](path, **options)


def load_gold_if_any(
    kind: str, *, coder: int = 1, corpus_dir: str | os.PathLike | None = None, **options
) -> pd.DataFrame | None:
    """:func:`load_gold` when the corpus has that coder's file of that kind, ``None`` when it has none.

    For a chapter that must build over any corpus: a corpus without gold is
    normal, while a gold file with a bad row still fails loudly.

    Example
    -------
    >>> len(load_gold_if_any("sentiment")) > 0, load_gold_if_any("sentiment", coder=9)
    (True, None)
    """
    if not has_gold(kind, coder=coder, corpus_dir=corpus_dir):
        return None
    return load_gold(kind, coder=coder, corpus_dir=corpus_dir, **options)
