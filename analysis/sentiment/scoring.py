"""Sentence, document and actor-targeted tone with TextBlob and VADER.

Two lexicon tools score every sentence of the cleaned text:

- **TextBlob** (Loria 2018): the Pattern sentiment lexicon (De Smedt &
  Daelemans 2012). ``tb_polarity`` (−1 to +1) and ``tb_subjectivity`` (0 to 1)
  are exactly ``TextBlob(sentence).sentiment``; the module calls the same
  function that property calls (``textblob.en.sentiment``), without building a
  ``TextBlob`` object per sentence.
- **VADER** (Hutto & Gilbert 2014), from the ``vaderSentiment`` package (not
  NLTK's port): its ``SentimentIntensityAnalyzer`` with the lexicon file
  shipped in the installed wheel, no download. ``vader_compound`` (−1 to +1)
  and the ``vader_pos``/``vader_neu``/``vader_neg`` proportions are exactly
  ``SentimentIntensityAnalyzer().polarity_scores(sentence)``.

A score describes the wording of a sentence, not an outlet's stance, and not
whether the event reported is good or bad.

Sentences come from :func:`analysis.text.sentence_table`. A sentence is
classed negative, neutral or positive with VADER's ±0.05 convention
(:func:`classify`), applied to both tools.
"""

from __future__ import annotations

import itertools
import multiprocessing
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.text import sentence_table
from analysis.types import as_columns

#: Score columns added by :func:`score_table`.
SCORE_COLUMNS = ["tb_polarity", "tb_subjectivity", "vader_compound", "vader_pos", "vader_neu", "vader_neg"]


#: The three tone classes, in display order.
LABELS = ("negative", "neutral", "positive")


@lru_cache(maxsize=1)
def vader_analyzer():
    """The one ``vaderSentiment`` analyzer (its lexicon is read once).

    Example
    -------
    >>> vader_analyzer().lexicon["good"]
    1.9
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def textblob_lexicon():
    """TextBlob's Pattern lexicon (word -> {part of speech: [polarity, subjectivity, intensity]}), from the installed package.

    Example
    -------
    >>> "good" in textblob_lexicon()
    True
    """
    from textblob.en import sentiment

    return sentiment


def score_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add the TextBlob and VADER scores to a table with a ``text`` column.

    Returns a copy of ``sentences`` with :data:`SCORE_COLUMNS` appended:
    ``tb_polarity``, ``tb_subjectivity`` (``TextBlob(text).sentiment``) and
    ``vader_compound``, ``vader_pos``, ``vader_neu``, ``vader_neg``
    (``vaderSentiment``'s ``polarity_scores(text)``).

    Example
    -------
    >>> out = score_table(pd.DataFrame({"text": ["A good deal.", "A terrible failure."]}))
    >>> (out["vader_compound"] > 0).tolist(), (out["tb_polarity"] < 0).tolist()
    ([True, False], [False, True])
    """
    require_columns(sentences, ["text"], "score_table()", "sentences")
    tb = textblob_lexicon()
    vader = vader_analyzer()
    rows = []
    for text in sentences["text"].tolist():  # a list: no pandas look-up per sentence
        polarity, subjectivity = tb(text)
        v = vader.polarity_scores(text)
        rows.append((polarity, subjectivity, v["compound"], v["pos"], v["neu"], v["neg"]))
    # one float array for the six columns, rather than a table inferring them from the row tuples
    values = np.array(rows, dtype="float64").reshape(len(rows), len(SCORE_COLUMNS))
    scores = pd.DataFrame(values, columns=SCORE_COLUMNS, index=sentences.index)
    return pd.concat([sentences, scores], axis=1)


def _score_chunk(corpus: pd.DataFrame, include_embeds: bool) -> pd.DataFrame:
    return score_table(sentence_table(corpus, include_embeds=include_embeds))


def score_sentences(corpus: pd.DataFrame, *, include_embeds: bool = True, n_jobs: int = 1) -> pd.DataFrame:
    """One scored row per sentence of every article.

    Parameters
    ----------
    corpus
        A corpus table from :func:`analysis.corpus.load_corpus`.
    include_embeds
        Also score the embedded posts (rows with ``source == "embed"``, always
        ``in_quote``).
    n_jobs
        Score the articles in this many processes (``multiprocessing``); the
        result is identical to ``n_jobs=1``.

    Returns
    -------
    DataFrame with the columns of :func:`analysis.text.sentence_table`
    (``id``, ``source``, ``sentence``, ``start``, ``end``, ``text``,
    ``position``, ``in_quote``, ``n_words``) plus ``tb_polarity``,
    ``tb_subjectivity``, ``vader_compound``, ``vader_pos``, ``vader_neu`` and
    ``vader_neg``, in corpus order.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Talks were a great success. Then war came."],
    ...                        "quoted_text": [""]})
    >>> scored = score_sentences(corpus)
    >>> scored[["sentence", "n_words"]].to_dict("list")
    {'sentence': [0, 1], 'n_words': [5, 3]}
    >>> bool(scored.loc[0, "vader_compound"] > 0.5)
    True
    """
    if not isinstance(n_jobs, int) or n_jobs < 1:
        raise AnalysisInputError(
            Problem("score_sentences()", None, "n_jobs", f"must be a positive integer, not {n_jobs!r}")
        )
    n_jobs = min(n_jobs, max(len(corpus), 1))
    if n_jobs == 1:
        return _score_chunk(corpus, include_embeds)
    # Several chunks per process, handed out as processes free up, so that one slow chunk
    # (or a core busy with something else) does not hold up the rest; order is kept.
    n_chunks = min(len(corpus), 4 * n_jobs)
    bounds = np.linspace(0, len(corpus), n_chunks + 1).round().astype(int)
    chunks = [corpus.iloc[a:b] for a, b in itertools.pairwise(bounds)]
    with multiprocessing.get_context("fork").Pool(n_jobs) as pool:
        parts = pool.starmap(_score_chunk, [(chunk, include_embeds) for chunk in chunks], chunksize=1)
    return pd.concat(parts, ignore_index=True)


def with_metadata(sentences: pd.DataFrame, corpus: pd.DataFrame, *, columns=("outlet", "crisis")) -> pd.DataFrame:
    """Add article metadata columns (by ``id``) to a sentence table.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a", "a", "b"], "text": ["x", "y", "z"]})
    >>> c = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "crisis": ["k", "k"]})
    >>> with_metadata(s, c)["outlet"].tolist()
    ['X', 'X', 'Y']
    """
    columns = as_columns(columns)
    require_columns(corpus, ["id", *columns], "with_metadata()", "corpus")
    require_columns(sentences, ["id"], "with_metadata()", "sentences")
    meta = corpus[["id", *columns]]
    out = sentences.drop(columns=[c for c in columns if c in sentences.columns]).merge(
        meta, on="id", how="left", validate="many_to_one", indicator="_found"
    )
    unknown = sorted(set(out.loc[out["_found"] == "left_only", "id"]))
    if unknown:
        raise AnalysisInputError(Problem("with_metadata()", None, "id", f"ids not in the corpus: {unknown}"))
    return out.drop(columns="_found")


def classify(values, *, threshold: float = 0.05) -> np.ndarray:
    """Tone class of scores: ``positive`` if ≥ threshold, ``negative`` if ≤ −threshold, else ``neutral``.

    This is VADER's convention for the compound score (Hutto & Gilbert 2014);
    the book applies it to TextBlob's polarity too.

    Example
    -------
    >>> classify([0.3, 0.05, 0.0, -0.049, -0.05]).tolist()
    ['positive', 'positive', 'neutral', 'neutral', 'negative']
    """
    values = np.asarray(values, dtype="float64")
    return np.where(values >= threshold, "positive", np.where(values <= -threshold, "negative", "neutral")).astype(
        object
    )
