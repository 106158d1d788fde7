"""Blinded samples to label by hand, in the layout of the corpus's gold files.

A reader who labels a sample must not see what the tools said, so a sample
holds the units and empty label columns only, in a seeded random order:

- ``sentiment``: sentences of the body and the embedded posts; fill ``label``
  with ``negative``, ``neutral`` or ``positive`` (saved as
  ``gold/sentiment_labels.csv``);
- ``frames``: body sentences, one empty column per frame key; fill each with
  1 or 0 (saved as ``gold/frame_sentences.csv``);
- ``actors``: body sentences with their offsets in the article's text; write
  one row per actor mention into ``gold/actor_mentions.csv`` (``id``,
  ``source``, ``actor``, ``start``, ``end``, ``matched``, ``is_demonym``,
  offsets into the article's text: the sentence's ``start`` plus the
  mention's offset within it).

The labelling rules are in ``corpus/gold/README.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem
from analysis.framing.frames import FramesArg, resolve_frames
from analysis.text import sentence_table

#: The kinds of sample, each with the gold file its labels become.
SAMPLE_KINDS = {
    "sentiment": "sentiment_labels.csv",
    "frames": "frame_sentences.csv",
    "actors": "actor_mentions.csv",
}


def labelling_sample(
    corpus: pd.DataFrame, *, kind: str, n: int, seed: int = 0, frames: FramesArg = None
) -> pd.DataFrame:
    """``n`` units drawn at random (seeded) for hand labelling, with empty label columns.

    Returns
    -------
    DataFrame, one row per unit in a random order: ``sentiment``: ``id``,
    ``source``, ``text``, ``label``; ``frames``: ``id``, ``sentence``,
    ``text`` and one column per frame key; ``actors``: ``id``, ``source``,
    ``sentence``, ``start``, ``end``, ``text``. With fewer units than ``n``,
    all of them.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Calm returned. Talks began."], "quoted_text": [""]})
    >>> s = labelling_sample(corpus, kind="sentiment", n=5, seed=1)
    >>> sorted(s["text"]), s["label"].tolist()
    (['Calm returned.', 'Talks began.'], ['', ''])
    """
    if kind not in SAMPLE_KINDS:
        raise AnalysisInputError(
            Problem("labelling_sample()", None, "kind", f"{kind!r} is not one of {list(SAMPLE_KINDS)}")
        )
    if not isinstance(n, int) or n < 1:
        raise AnalysisInputError(Problem("labelling_sample()", None, "n", "must be a whole number above 0"))
    sentences = sentence_table(corpus, include_embeds=kind == "sentiment")
    sentences = sentences[sentences["text"].str.strip() != ""]
    order = np.random.default_rng(seed).permutation(len(sentences))[:n]
    picked = sentences.iloc[order].reset_index(drop=True)
    if kind == "sentiment":
        return picked[["id", "source", "text"]].assign(label="")
    if kind == "frames":
        keys = resolve_frames(frames)["key"].tolist()
        return picked[["id", "sentence", "text"]].assign(**{k: "" for k in keys})
    return picked[["id", "source", "sentence", "start", "end", "text"]]


def write_sample(sample: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a sample as CSV (UTF-8, ``\\n`` line ends), refusing to overwrite an existing file.

    Example
    -------
    >>> import tempfile
    >>> p = write_sample(pd.DataFrame({"id": ["a"], "label": [""]}), Path(tempfile.mkdtemp()) / "s.csv")
    >>> p.read_text()
    'id,label\\na,\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="") as fh:
        sample.to_csv(fh, index=False, lineterminator="\n")
    return path
