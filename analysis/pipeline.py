"""One analysed corpus, computed once: the tables every chapter and every comparison reads.

:func:`analyse` runs each measure's expensive pass once over a loaded corpus:
the actor matcher, the frame dictionaries and the two tone tools. The
:class:`Analysis` it returns holds their tables, so that no chapter splits the
text into sentences or matches a dictionary a second time. Aggregations
(counts per group, keyness, profiles) are cheap and stay functions of these
tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.actors.gazetteer import Gazetteer, GazetteerArg, resolve_gazetteer
from analysis.actors.matching import find_mentions
from analysis.errors import require_columns
from analysis.framing.frames import FramesArg, frame_hits, resolve_frames
from analysis.sentiment.scoring import score_sentences


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


def analyse(corpus: pd.DataFrame, *, gazetteer: GazetteerArg = None, frames: FramesArg = None) -> Analysis:
    """Run each measure's pass over the corpus once and keep the tables.

    ``corpus`` needs ``id`` and ``text``; ``quoted_text`` (the embedded posts)
    is taken as empty when absent. ``gazetteer`` and ``frames`` default to the
    shipped data files.

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
    return Analysis(
        corpus=corpus,
        gazetteer=gaz,
        frames=table,
        mentions=find_mentions(corpus, gaz, include_embeds=True),
        sentences=score_sentences(corpus),
        hits=frame_hits(corpus, table),
    )
