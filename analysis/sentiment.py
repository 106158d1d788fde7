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

import multiprocessing
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import AnalysisInputError, Problem, require_columns
from .text import normalize, sentence_table, tokenize
from .validation import read_codings, shipped_coding

__all__ = [
    "SCORE_COLUMNS",
    "LABELS",
    "vader_analyzer",
    "score_table",
    "score_sentences",
    "with_metadata",
    "classify",
    "score_documents",
    "tool_agreement",
    "lexicon_coverage",
    "top_contributors",
    "contributor_summary",
    "quote_sensitivity",
    "capitalised_hits",
    "default_gold_path",
    "load_gold",
    "gold_predictions",
    "confusion_matrix",
    "classification_metrics",
    "evaluate",
    "actor_tone",
    "sentiment_arcs",
    "plot_document_tone",
    "plot_arcs",
    "plot_confusion",
]

#: Score columns added by :func:`score_table`.
SCORE_COLUMNS = ["tb_polarity", "tb_subjectivity", "vader_compound", "vader_pos", "vader_neu", "vader_neg"]
#: The three tone classes, in display order.
LABELS = ("negative", "neutral", "positive")
#: The two tools' headline measures, with readable names.
MEASURES = {"vader_compound": "VADER compound", "tb_polarity": "TextBlob polarity"}


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


def _textblob_lexicon():
    """TextBlob's Pattern lexicon (word -> {part of speech: [polarity, subjectivity, intensity]})."""
    from textblob.en import sentiment

    return sentiment


def _as_list(by) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


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
    tb = _textblob_lexicon()
    vader = vader_analyzer()
    rows = []
    for text in sentences["text"]:
        polarity, subjectivity = tb(text)
        v = vader.polarity_scores(text)
        rows.append((polarity, subjectivity, v["compound"], v["pos"], v["neu"], v["neg"]))
    scores = pd.DataFrame(rows, columns=SCORE_COLUMNS, index=sentences.index, dtype="float64")
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
        raise AnalysisInputError(Problem("score_sentences()", None, "n_jobs", f"must be a positive integer, not {n_jobs!r}"))
    n_jobs = min(n_jobs, max(len(corpus), 1))
    if n_jobs == 1:
        return _score_chunk(corpus, include_embeds)
    # Several chunks per process, handed out as processes free up, so that one slow chunk
    # (or a core busy with something else) does not hold up the rest; order is kept.
    n_chunks = min(len(corpus), 4 * n_jobs)
    bounds = np.linspace(0, len(corpus), n_chunks + 1).round().astype(int)
    chunks = [corpus.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
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
    columns = _as_list(columns)
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
    return np.where(values >= threshold, "positive", np.where(values <= -threshold, "negative", "neutral")).astype(object)


def _bootstrap(values: np.ndarray, weights: np.ndarray, *, n_boot: int, seed: int) -> tuple[float, float, float, float]:
    """Percentile 95% CIs of the mean and the weighted mean, resampling rows with replacement."""
    n = len(values)
    if n == 0 or n_boot < 1:
        return (np.nan,) * 4
    rng = np.random.default_rng(seed)
    means, wmeans = [], []
    step = max(1, min(n_boot, 2_000_000 // n))
    done = 0
    while done < n_boot:
        k = min(step, n_boot - done)
        idx = rng.integers(0, n, size=(k, n))
        v, w = values[idx], weights[idx]
        means.append(v.mean(axis=1))
        wsum = w.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            wmeans.append(np.where(wsum > 0, (v * w).sum(axis=1) / wsum, np.nan))
        done += k
    means, wmeans = np.concatenate(means), np.concatenate(wmeans)
    lo, hi = np.percentile(means, [2.5, 97.5])
    if np.isnan(wmeans).all():
        wlo = whi = np.nan
    else:
        wlo, whi = np.nanpercentile(wmeans, [2.5, 97.5])
    return float(lo), float(hi), float(wlo), float(whi)


def _filter_quotes(sentences: pd.DataFrame, exclude_quotes: bool, where: str) -> pd.DataFrame:
    if not exclude_quotes:
        return sentences
    require_columns(sentences, ["in_quote"], where, "sentences")
    return sentences[~sentences["in_quote"].astype(bool)]


def score_documents(
    sentences: pd.DataFrame,
    *,
    by="id",
    measures=("vader_compound", "tb_polarity"),
    exclude_quotes: bool = False,
    threshold: float = 0.05,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Tone per article, outlet, crisis (any column or columns of ``sentences``).

    Parameters
    ----------
    sentences
        From :func:`score_sentences`, with the ``by`` columns (add ``outlet``
        or ``crisis`` with :func:`with_metadata`).
    by
        Column name or list of names to group by.
    measures
        Score columns to aggregate.
    exclude_quotes
        Drop sentences with ``in_quote`` (direct quotations and embedded
        posts). A group left with no sentence keeps its row, with
        ``n_sentences`` 0 and missing values.
    threshold
        Neutral band for the class shares (see :func:`classify`).
    n_boot, seed
        Bootstrap draws (sentences resampled with replacement within the
        group) and the seed of ``numpy.random.default_rng``; every group uses
        the same seed, so a group's CI does not depend on the other groups.

    Returns
    -------
    One row per group and measure: the ``by`` columns, ``measure``,
    ``n_sentences``, ``n_words``, ``mean`` with ``mean_lo``/``mean_hi`` (95%
    percentile bootstrap CI), ``wmean`` (mean weighted by ``n_words``) with
    ``wmean_lo``/``wmean_hi``, and ``share_neg``/``share_neu``/``share_pos``
    (shares of sentences per class).

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a", "a", "b"], "vader_compound": [0.5, -0.1, 0.0],
    ...                   "n_words": [3, 1, 4], "in_quote": [False, True, False]})
    >>> d = score_documents(s, measures=["vader_compound"], n_boot=200)
    >>> d[["id", "n_sentences", "mean", "wmean", "share_pos"]].round(3).to_dict("list")
    {'id': ['a', 'b'], 'n_sentences': [2, 1], 'mean': [0.2, 0.0], 'wmean': [0.35, 0.0], 'share_pos': [0.5, 0.0]}
    """
    by = _as_list(by)
    measures = _as_list(measures)
    if not by:
        raise AnalysisInputError(Problem("score_documents()", None, "by", "give at least one column"))
    require_columns(sentences, by, "score_documents()", "by")
    require_columns(sentences, [*measures, "n_words"], "score_documents()", "measures")
    groups = sentences[by].drop_duplicates().sort_values(by, kind="stable")
    kept = _filter_quotes(sentences, exclude_quotes, "score_documents()")
    grouped = dict(list(kept.groupby(by, sort=False))) if len(kept) else {}
    rows = []
    for key in groups.itertuples(index=False, name=None):
        part = grouped.get(key)
        weights = part["n_words"].to_numpy("float64") if part is not None else np.array([])
        for measure in measures:
            values = part[measure].to_numpy("float64") if part is not None else np.array([])
            n = len(values)
            if n:
                classes = classify(values, threshold=threshold)
                mean = float(values.mean())
                wmean = float((values * weights).sum() / weights.sum()) if weights.sum() > 0 else np.nan
                shares = [float((classes == c).mean()) for c in LABELS]
            else:
                mean = wmean = np.nan
                shares = [np.nan] * 3
            lo, hi, wlo, whi = _bootstrap(values, weights, n_boot=n_boot, seed=seed)
            rows.append((*key, measure, n, int(weights.sum()), mean, lo, hi, wmean, wlo, whi, *shares))
    columns = [*by, "measure", "n_sentences", "n_words", "mean", "mean_lo", "mean_hi",
               "wmean", "wmean_lo", "wmean_hi", "share_neg", "share_neu", "share_pos"]
    return pd.DataFrame(rows, columns=columns)


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rho: Pearson's r of the average ranks (NaN when a side is constant or n < 3)."""
    if len(x) < 3:
        return np.nan
    rx = pd.Series(x).rank(method="average").to_numpy()
    ry = pd.Series(y).rank(method="average").to_numpy()
    if rx.std() == 0 or ry.std() == 0:
        return np.nan
    return float(np.corrcoef(rx, ry)[0, 1])


def tool_agreement(sentences: pd.DataFrame, *, by=None, threshold: float = 0.05) -> pd.DataFrame:
    """How far TextBlob's polarity and VADER's compound agree, sentence by sentence.

    Parameters
    ----------
    sentences
        From :func:`score_sentences` (needs ``tb_polarity``, ``vader_compound``
        and the ``by`` columns).
    by
        None for one row over all sentences (``group`` = ``"all"``), or a
        column name (e.g. ``"crisis"``).

    Returns
    -------
    Columns ``group``, ``n_sentences``, ``spearman`` (rank correlation,
    computed as Pearson's r on average ranks; NaN below 3 sentences or when a
    tool gives one value to all), ``sign_agreement`` (share of sentences that
    both tools put in the same class of :func:`classify`, the neutral band
    included), ``n_opposite`` (one tool positive, the other negative).

    Example
    -------
    >>> s = pd.DataFrame({"tb_polarity": [0.5, 0.0, -0.2, 0.1], "vader_compound": [0.6, 0.3, -0.5, -0.4]})
    >>> tool_agreement(s).round(6).to_dict("list")
    {'group': ['all'], 'n_sentences': [4], 'spearman': [0.8], 'sign_agreement': [0.5], 'n_opposite': [1]}
    """
    require_columns(sentences, ["tb_polarity", "vader_compound", *_as_list(by)], "tool_agreement()", "sentences")
    if by is None:
        parts = [("all", sentences)]
    else:
        parts = [(str(k), g) for k, g in sentences.groupby(by, sort=True)]
    rows = []
    for name, part in parts:
        tb = part["tb_polarity"].to_numpy("float64")
        vd = part["vader_compound"].to_numpy("float64")
        ctb, cvd = classify(tb, threshold=threshold), classify(vd, threshold=threshold)
        opposite = int((((ctb == "positive") & (cvd == "negative")) | ((ctb == "negative") & (cvd == "positive"))).sum())
        rows.append((name, len(part), _spearman(tb, vd), float((ctb == cvd).mean()) if len(part) else np.nan, opposite))
    return pd.DataFrame(rows, columns=["group", "n_sentences", "spearman", "sign_agreement", "n_opposite"])


def lexicon_coverage(sentences: pd.DataFrame, *, by="id") -> pd.DataFrame:
    """Share of word tokens that each lexicon knows.

    Tokens are :func:`analysis.text.tokenize` tokens (case-folded; a
    possessive ``'s`` dropped), not each tool's own tokenizer. A token is
    *known* when it is an entry of the lexicon, *polar* when that entry has a
    non-zero polarity (TextBlob's lexicon also lists neutral words, with
    polarity 0; VADER's lists only rated words).

    Returns columns: the ``by`` columns, ``n_tokens``, ``tb_known``,
    ``tb_polar``, ``vader_known`` (counts), and ``tb_known_share``,
    ``tb_polar_share``, ``vader_known_share``.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"], "text": ["A good and terrible zxqv."]})
    >>> lexicon_coverage(s)[["n_tokens", "tb_polar", "vader_known"]].to_dict("list")
    {'n_tokens': [5], 'tb_polar': [2], 'vader_known': [2]}
    """
    by = _as_list(by)
    require_columns(sentences, ["text", *by], "lexicon_coverage()", "sentences")
    tb = _textblob_lexicon()
    vader = vader_analyzer().lexicon
    polar = {w for w, entry in tb.items() if any(v[0] != 0 for v in entry.values())}
    rows = []
    for key, part in sentences.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        tokens = [t for text in part["text"] for t in tokenize(text)]
        n = len(tokens)
        known = sum(t in tb for t in tokens)
        pol = sum(t in polar for t in tokens)
        vk = sum(t in vader for t in tokens)
        share = (lambda k: k / n if n else np.nan)
        rows.append((*key[: len(by)], n, known, pol, vk, share(known), share(pol), share(vk)))
    return pd.DataFrame(rows, columns=[*by, "n_tokens", "tb_known", "tb_polar", "vader_known",
                                       "tb_known_share", "tb_polar_share", "vader_known_share"])


def top_contributors(sentences: pd.DataFrame, *, by="id", n: int = 5) -> pd.DataFrame:
    """The lexicon entries that push each group's score up or down most.

    - TextBlob: each assessment of ``TextBlob(text).sentiment_assessments``
      (a word, or a word with its negation/intensifier, e.g. ``not good``)
      with its polarity;
    - VADER: each :func:`analysis.text.tokenize` token found in the
      analyzer's ``lexicon``, with its lexicon valence (−4 to +4). VADER's
      rules (negation, boosters, "but", capitals) change the sentence score
      but not these raw values.

    Returns columns: the ``by`` columns, ``tool`` (``TextBlob``/``VADER``),
    ``direction`` (``negative``/``positive``), ``rank`` (1 = strongest),
    ``term``, ``count`` (occurrences) and ``total`` (sum of the values over
    the occurrences). At most ``n`` terms per group, tool and direction.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a", "a"], "text": ["A good deal.", "Good, but a terrible loss."]})
    >>> t = top_contributors(s, n=1)
    >>> t[t.tool == "VADER"][["direction", "term", "count", "total"]].to_dict("list")
    {'direction': ['negative', 'positive'], 'term': ['terrible', 'good'], 'count': [1, 2], 'total': [-2.1, 3.8]}
    """
    from textblob import TextBlob

    by = _as_list(by)
    require_columns(sentences, ["text", *by], "top_contributors()", "sentences")
    lexicon = vader_analyzer().lexicon
    records = []
    for row in sentences[[*by, "text"]].itertuples(index=False, name=None):
        key, text = row[:-1], row[-1]
        for words, polarity, _subj, _label in TextBlob(text).sentiment_assessments.assessments:
            if polarity != 0:
                records.append((*key, "TextBlob", normalize(" ".join(words)), float(polarity)))
        for token in tokenize(text):
            if token in lexicon:
                records.append((*key, "VADER", token, float(lexicon[token])))
    columns = [*by, "tool", "direction", "rank", "term", "count", "total"]
    if not records:
        return pd.DataFrame(columns=columns)
    long = pd.DataFrame(records, columns=[*by, "tool", "term", "value"])
    agg = long.groupby([*by, "tool", "term"], sort=True)["value"].agg(count="size", total="sum").reset_index()
    agg["total"] = agg["total"].round(6)
    out = []
    for direction, ascending in (("negative", True), ("positive", False)):
        side = agg[agg["total"] < 0] if direction == "negative" else agg[agg["total"] > 0]
        side = side.sort_values([*by, "tool", "total", "term"], ascending=[True] * (len(by) + 1) + [ascending, True])
        side = side.groupby([*by, "tool"], sort=False).head(n).copy()
        side["direction"] = direction
        side["rank"] = side.groupby([*by, "tool"]).cumcount() + 1
        out.append(side)
    result = pd.concat(out, ignore_index=True)
    return result.sort_values([*by, "tool", "direction", "rank"], ignore_index=True)[columns]


def contributor_summary(top: pd.DataFrame, *, by="id") -> pd.DataFrame:
    """One row per group and tool, the top terms written out: ``term (×count, total)``.

    Example
    -------
    >>> top = pd.DataFrame({"id": ["a", "a"], "tool": ["VADER", "VADER"], "direction": ["negative", "positive"],
    ...                     "rank": [1, 1], "term": ["loss", "good"], "count": [1, 2], "total": [-1.3, 3.8]})
    >>> contributor_summary(top).to_dict("list")
    {'id': ['a'], 'tool': ['VADER'], 'negative': ['loss (×1, -1.3)'], 'positive': ['good (×2, +3.8)']}
    """
    by = _as_list(by)
    require_columns(top, [*by, "tool", "direction", "rank", "term", "count", "total"], "contributor_summary()", "top")
    rows = []
    for key, part in top.groupby([*by, "tool"], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        cells = {}
        for direction in ("negative", "positive"):
            side = part[part["direction"] == direction].sort_values("rank")
            cells[direction] = "; ".join(f"{t} (×{c}, {v:+.1f})" for t, c, v in zip(side.term, side["count"], side.total)) or "—"
        rows.append((*key, cells["negative"], cells["positive"]))
    return pd.DataFrame(rows, columns=[*by, "tool", "negative", "positive"])


def quote_sensitivity(
    sentences: pd.DataFrame, *, by="id", measure: str = "vader_compound", n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """Tone with and without quoted material (direct quotations and embedded posts).

    Returns one row per group: the ``by`` columns, ``n_sentences``,
    ``n_quoted``, ``mean_all``, ``mean_no_quotes``, ``mean_quotes`` (quoted
    sentences only), ``shift`` (``mean_no_quotes − mean_all``) and the
    bootstrap CI of the mean without quotes (``no_quotes_lo``,
    ``no_quotes_hi``). Means are NaN where a group has no such sentence.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a", "a", "a"], "vader_compound": [0.3, -0.6, 0.1],
    ...                   "n_words": [4, 4, 4], "in_quote": [False, True, False]})
    >>> quote_sensitivity(s, n_boot=100)[["n_quoted", "mean_all", "mean_no_quotes", "shift"]].round(3).to_dict("list")
    {'n_quoted': [1], 'mean_all': [-0.067], 'mean_no_quotes': [0.2], 'shift': [0.267]}
    """
    by = _as_list(by)
    require_columns(sentences, ["in_quote", measure, *by], "quote_sensitivity()", "sentences")
    common = dict(by=by, measures=[measure], n_boot=n_boot, seed=seed)
    everything = score_documents(sentences, **common)
    unquoted = score_documents(sentences, exclude_quotes=True, **common)
    quoted_only = sentences[sentences["in_quote"].astype(bool)]
    quoted = quoted_only.groupby(by)[measure].agg(n_quoted="size", mean_quotes="mean").reset_index()
    out = everything[[*by, "n_sentences", "mean"]].rename(columns={"mean": "mean_all"})
    out = out.merge(unquoted[[*by, "mean", "mean_lo", "mean_hi"]].rename(
        columns={"mean": "mean_no_quotes", "mean_lo": "no_quotes_lo", "mean_hi": "no_quotes_hi"}), on=by)
    out = out.merge(quoted, on=by, how="left")
    out["n_quoted"] = out["n_quoted"].fillna(0).astype("int64")
    out["shift"] = out["mean_no_quotes"] - out["mean_all"]
    return out[[*by, "n_sentences", "n_quoted", "mean_all", "mean_no_quotes", "mean_quotes", "shift",
                "no_quotes_lo", "no_quotes_hi"]]


def capitalised_hits(sentences: pd.DataFrame) -> pd.DataFrame:
    """VADER-rated tokens written with a capital inside a sentence (likely part of a name or title).

    A lexicon rates "Security" in "Security Council" or "Justice" in "Army of
    Justice" like any other word. Tokens from :func:`analysis.text.token_spans`
    (not the first token of the sentence) whose first letter is upper case.

    Returns columns ``id``, ``sentence``, ``token`` (as written), ``term``
    (lexicon entry) and ``valence``.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"], "sentence": [0], "text": ["Good news from the Security Council."]})
    >>> capitalised_hits(s)[["token", "valence"]].to_dict("list")
    {'token': ['Security'], 'valence': [1.4]}
    """
    from .text import token_spans

    require_columns(sentences, ["id", "sentence", "text"], "capitalised_hits()", "sentences")
    lexicon = vader_analyzer().lexicon
    rows = []
    for aid, number, text in sentences[["id", "sentence", "text"]].itertuples(index=False, name=None):
        spans = token_spans(text, lower=False)
        for i, token in enumerate(spans["token"]):
            term = normalize(token)
            if i > 0 and token[:1].isupper() and term in lexicon:
                rows.append((aid, number, token, term, float(lexicon[term])))
    return pd.DataFrame(rows, columns=["id", "sentence", "token", "term", "valence"])


# --- validation against hand labels -------------------------------------------------------------

def default_gold_path(*, coder: int = 1) -> Path:
    """The hand-labelled sentences shipped with the repository.

    ``coder=1`` is the reference labelling (``tests/gold/sentiment_labels.csv``);
    ``coder=2`` an independent second reading of the same sentences with the same
    rule (``tests/gold/sentiment_labels_coder2.csv``), used to measure agreement
    between readers (:mod:`analysis.validation`).

    Example
    -------
    >>> default_gold_path().name, default_gold_path(coder=2).name
    ('sentiment_labels.csv', 'sentiment_labels_coder2.csv')
    """
    return shipped_coding("sentiment_labels", coder=coder)


def load_gold(path=None) -> pd.DataFrame:
    """Read and validate the hand labels: columns ``id``, ``source``, ``text``, ``label``.

    ``label`` is one of :data:`LABELS`; ``source`` is ``body`` or ``embed``;
    a sentence (``id``, ``source``, ``text``) may be labelled once only.

    Raises
    ------
    analysis.errors.DataFileError
        Naming the file, the line (header = line 1) and the field of every problem.

    Example
    -------
    >>> gold = load_gold()
    >>> sorted(gold["label"].unique())
    ['negative', 'neutral', 'positive']
    """
    def check(rec):
        if rec["label"] and rec["label"] not in LABELS:
            yield "label", f"{rec['label']!r} is not one of {list(LABELS)}"
        if rec["source"] and rec["source"] not in ("body", "embed"):
            yield "source", f"{rec['source']!r} is not 'body' or 'embed'"

    path = Path(path) if path is not None else default_gold_path()
    gold = read_codings(path, columns=["id", "source", "text", "label"], keys=["id", "source", "text"],
                        check=check, what="gold label file")
    return gold[["line", "id", "source", "text", "label"]]


def gold_predictions(sentences: pd.DataFrame, gold: pd.DataFrame, *, threshold: float = 0.05) -> pd.DataFrame:
    """Join hand labels to scored sentences by article id, source and sentence text.

    Every gold sentence must be found: if the splitter or the cleaning changes
    a sentence, the join fails loudly rather than shifting labels.

    Returns the gold rows with ``sentence``, ``in_quote``, ``tb_polarity``,
    ``vader_compound`` and the predicted classes ``tb_label`` and
    ``vader_label`` (:func:`classify`).

    Example
    -------
    >>> s = score_table(pd.DataFrame({"id": ["a"], "source": ["body"], "sentence": [0],
    ...                               "text": ["A great win."], "in_quote": [False]}))
    >>> g = pd.DataFrame({"line": [2], "id": ["a"], "source": ["body"], "text": ["A great win."], "label": ["positive"]})
    >>> gold_predictions(s, g)[["label", "vader_label", "tb_label"]].to_dict("list")
    {'label': ['positive'], 'vader_label': ['positive'], 'tb_label': ['positive']}
    """
    keys = ["id", "source", "text"]
    require_columns(sentences, [*keys, "sentence", "in_quote", "tb_polarity", "vader_compound"], "gold_predictions()", "sentences")
    require_columns(gold, [*keys, "label"], "gold_predictions()", "gold")
    scored = sentences[[*keys, "sentence", "in_quote", "tb_polarity", "vader_compound"]].drop_duplicates(keys)
    out = gold.merge(scored, on=keys, how="left", validate="one_to_one")
    lost = out[out["sentence"].isna()]
    if len(lost):
        problems = [
            Problem("gold labels", int(r.line) if "line" in out.columns else None, "text",
                    f"no sentence of {r.id!r} ({r.source}) reads {r.text[:60]!r}")
            for r in lost.itertuples(index=False)
        ]
        raise AnalysisInputError(problems)
    out["sentence"] = out["sentence"].astype("int64")
    out["tb_label"] = classify(out["tb_polarity"], threshold=threshold)
    out["vader_label"] = classify(out["vader_compound"], threshold=threshold)
    return out


def confusion_matrix(true, pred, *, labels=LABELS) -> pd.DataFrame:
    """Counts of (hand label, predicted label): rows are the hand labels, columns the predictions.

    Example
    -------
    >>> confusion_matrix(["positive", "neutral", "neutral"], ["positive", "negative", "neutral"]).values.tolist()
    [[0, 0, 0], [1, 1, 0], [0, 0, 1]]
    """
    table = pd.crosstab(pd.Categorical(list(true), categories=labels), pd.Categorical(list(pred), categories=labels),
                        dropna=False)
    table = table.reindex(index=list(labels), columns=list(labels), fill_value=0).astype("int64")
    table.index.name, table.columns.name = "hand label", "predicted"
    return table


def classification_metrics(true, pred, *, labels=LABELS) -> dict:
    """Accuracy, macro-F1 and per-class precision, recall and F1.

    Macro-F1 is the unweighted mean of the per-class F1 over the classes that
    occur in the hand labels or the predictions; a class's F1 is 0 when its
    precision and recall are both 0 (or undefined).

    Example
    -------
    >>> m = classification_metrics(["positive", "neutral", "neutral", "negative"],
    ...                            ["positive", "negative", "neutral", "negative"])
    >>> m["accuracy"], round(m["macro_f1"], 4)
    (0.75, 0.7778)
    """
    cm = confusion_matrix(true, pred, labels=labels).to_numpy()
    n = cm.sum()
    per_class = {}
    f1s = []
    for i, label in enumerate(labels):
        tp = cm[i, i]
        predicted, actual = cm[:, i].sum(), cm[i, :].sum()
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": float(precision), "recall": float(recall), "f1": float(f1), "support": int(actual)}
        if predicted or actual:
            f1s.append(f1)
    return {
        "n": int(n),
        "accuracy": float(np.trace(cm) / n) if n else np.nan,
        "macro_f1": float(np.mean(f1s)) if f1s else np.nan,
        "per_class": per_class,
    }


def evaluate(predictions: pd.DataFrame) -> pd.DataFrame:
    """Accuracy and macro-F1 of each tool against the hand labels.

    ``predictions`` from :func:`gold_predictions`. Returns columns ``tool``,
    ``n``, ``accuracy``, ``macro_f1``, and the recall of each class
    (``recall_negative``, ``recall_neutral``, ``recall_positive``).

    Example
    -------
    >>> p = pd.DataFrame({"label": ["positive", "negative"], "tb_label": ["positive", "neutral"],
    ...                   "vader_label": ["positive", "negative"]})
    >>> evaluate(p)[["tool", "accuracy", "macro_f1"]].round(4).to_dict("list")
    {'tool': ['TextBlob', 'VADER'], 'accuracy': [0.5, 1.0], 'macro_f1': [0.3333, 1.0]}
    """
    require_columns(predictions, ["label", "tb_label", "vader_label"], "evaluate()", "predictions")
    rows = []
    for tool, column in (("TextBlob", "tb_label"), ("VADER", "vader_label")):
        m = classification_metrics(predictions["label"], predictions[column])
        rows.append((tool, m["n"], m["accuracy"], m["macro_f1"], *(m["per_class"][c]["recall"] for c in LABELS)))
    return pd.DataFrame(rows, columns=["tool", "n", "accuracy", "macro_f1", *(f"recall_{c}" for c in LABELS)])


# --- actor-targeted tone -------------------------------------------------------------------------

def actor_tone(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    by=("crisis",),
    measure: str = "vader_compound",
    min_count: int = 3,
    exclude_quotes: bool = False,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Tone of the sentences that mention each actor, per actor and group.

    Sentence-level: every sentence that mentions an actor counts once
    for that actor (however often the actor is named in it), and a sentence
    that mentions two actors counts for both. The score is the sentence's
    tone, not the tone *towards* the actor.

    Parameters
    ----------
    sentences
        From :func:`score_sentences`, with the ``by`` columns (see
        :func:`with_metadata`).
    mentions
        From ``analysis.actors.find_mentions``: needs ``id``, ``actor`` and
        ``sentence`` (the sentence index of :func:`analysis.text.sentence_table`);
        ``actor_type`` is kept when present. With a ``source`` column (mentions
        found with ``include_embeds=True``) mentions join sentences on
        ``(id, source, sentence)``, so posts count with their own sentences;
        without it, mentions are body mentions.
    by
        Columns of ``sentences`` to split each actor by (e.g. ``("crisis",)``
        or ``("outlet",)``).
    min_count
        Cells with fewer sentences are flagged ``too_few`` and shown as
        "too few" in ``cell``.

    Returns
    -------
    One row per actor and group: ``actor``, (``actor_type``), the ``by``
    columns, ``n_sentences``, ``n_articles``, ``mean``, ``mean_lo``,
    ``mean_hi`` (95% bootstrap CI), ``too_few`` and ``cell`` (display text).

    Raises
    ------
    analysis.errors.AnalysisInputError
        If a mention points at a sentence that is not in ``sentences``.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"] * 3, "source": ["body"] * 3, "sentence": [0, 1, 2], "crisis": ["k"] * 3,
    ...                   "vader_compound": [0.4, -0.2, 0.0], "in_quote": [False] * 3})
    >>> m = pd.DataFrame({"id": ["a", "a", "a", "a"], "actor": ["Iran", "Iran", "Iran", "China"],
    ...                   "sentence": [0, 0, 1, 1]})
    >>> actor_tone(s, m, min_count=2, n_boot=100)[["actor", "n_sentences", "mean", "cell"]].to_dict("list")
    {'actor': ['China', 'Iran'], 'n_sentences': [1, 2], 'mean': [-0.2, 0.1], 'cell': ['too few (n=1)', '+0.10 [-0.20, +0.40] (n=2)']}
    """
    by = _as_list(by)
    require_columns(mentions, ["id", "actor", "sentence"], "actor_tone()", "mentions")
    require_columns(sentences, ["id", "sentence", measure, *by], "actor_tone()", "sentences")
    if "source" in mentions.columns and "source" in sentences.columns:
        # Mentions found with include_embeds=True: a post's sentence k is not the body's sentence k.
        keys, known = ["id", "source", "sentence"], sentences
    else:
        keys = ["id", "sentence"]
        known = sentences[sentences["source"] == "body"] if "source" in sentences.columns else sentences
    scored = _filter_quotes(known, exclude_quotes, "actor_tone()")
    extra = ["actor_type"] if "actor_type" in mentions.columns else []
    pairs = mentions[[*keys, "actor", *extra]].drop_duplicates([*keys, "actor"])
    check = pairs.merge(known[keys], on=keys, how="left", indicator=True)
    lost = check[check["_merge"] == "left_only"]
    if len(lost):
        raise AnalysisInputError([
            Problem("actor_tone()", None, "mentions", f"{r.actor!r} in {r.id!r} sentence {r.sentence}: no such sentence")
            for r in lost.itertuples(index=False)
        ])
    cols = [*keys, measure, *[c for c in by if c not in pairs.columns]]
    joined = pairs.merge(scored[cols], on=keys, how="inner")
    rows = []
    for key, part in joined.groupby(["actor", *extra, *by], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        values = part[measure].to_numpy("float64")
        lo, hi, _, _ = _bootstrap(values, np.ones_like(values), n_boot=n_boot, seed=seed)
        n = len(values)
        mean = float(values.mean())
        too_few = n < min_count
        cell = f"too few (n={n})" if too_few else f"{mean:+.2f} [{lo:+.2f}, {hi:+.2f}] (n={n})"
        rows.append((*key, n, part["id"].nunique(), mean, lo, hi, too_few, cell))
    columns = ["actor", *extra, *by, "n_sentences", "n_articles", "mean", "mean_lo", "mean_hi", "too_few", "cell"]
    return pd.DataFrame(rows, columns=columns)


# --- arcs and figures ----------------------------------------------------------------------------

def sentiment_arcs(sentences: pd.DataFrame, *, measure: str = "vader_compound", window: int = 5) -> pd.DataFrame:
    """Tone along each article: body sentences in order, with a centred rolling mean.

    Returns columns ``id``, ``sentence``, ``position`` (0–1), ``value`` (the
    sentence's ``measure``) and ``smoothed`` (mean over ``window`` sentences
    centred on this one; fewer at the ends of the article).

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"] * 3, "source": ["body"] * 3, "sentence": [0, 1, 2],
    ...                   "position": [0.2, 0.5, 0.8], "vader_compound": [0.3, 0.0, -0.6]})
    >>> sentiment_arcs(s, window=3)["smoothed"].round(3).tolist()
    [0.15, -0.1, -0.3]
    """
    require_columns(sentences, ["id", "sentence", "position", measure], "sentiment_arcs()", "sentences")
    if window < 1:
        raise AnalysisInputError(Problem("sentiment_arcs()", None, "window", "must be at least 1"))
    body = sentences[sentences["source"] == "body"] if "source" in sentences.columns else sentences
    body = body.sort_values(["id", "sentence"], kind="stable")
    out = body[["id", "sentence", "position"]].copy()
    out["value"] = body[measure].astype("float64")
    out["smoothed"] = out.groupby("id", sort=False)["value"].transform(
        lambda v: v.rolling(window, center=True, min_periods=1).mean())
    return out.reset_index(drop=True)


def plot_document_tone(docs: pd.DataFrame, labels: dict, colors: dict):
    """Dot-and-interval chart of document tone, one panel per measure.

    ``docs`` from :func:`score_documents` (by ``id``); ``labels`` maps id to
    the text shown on the axis; ``colors`` maps id to a colour.

    Example
    -------
    >>> d = pd.DataFrame({"id": ["a", "a"], "measure": ["vader_compound", "tb_polarity"], "mean": [0.1, 0.0],
    ...                   "mean_lo": [-0.1, -0.1], "mean_hi": [0.3, 0.1]})
    >>> fig = plot_document_tone(d, {"a": "A"}, {"a": "#000000"})
    >>> len(fig.axes)
    2
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    measures = [m for m in MEASURES if m in set(docs["measure"])]
    ids = list(dict.fromkeys(docs["id"]))
    fig, axes = plt.subplots(1, len(measures), figsize=(8, 0.5 * len(ids) + 1.4), sharey=True, squeeze=False)
    for ax, measure in zip(axes[0], measures):
        part = docs[docs["measure"] == measure].set_index("id").reindex(ids)
        for y, aid in enumerate(ids):
            row = part.loc[aid]
            ax.plot([row["mean_lo"], row["mean_hi"]], [y, y], color=colors[aid], lw=2.5, alpha=0.7)
            ax.plot(row["mean"], y, "o", color=colors[aid], markeredgecolor="black", markeredgewidth=0.5, ms=7)
        ax.axvline(0, color="black", lw=0.7)
        ax.set_title(MEASURES[measure])
        ax.set_xlim(-1, 1)
        ax.set_yticks(range(len(ids)), [labels.get(i, i) for i in ids])
        ax.set_xlabel("mean sentence score (95% CI)")
    axes[0][0].invert_yaxis()
    fig.tight_layout()
    return fig


def plot_arcs(arcs: pd.DataFrame, labels: dict, colors: dict, *, ncols: int = 3):
    """Small multiples of :func:`sentiment_arcs`: sentence scores (dots) and rolling mean (line).

    Example
    -------
    >>> a = pd.DataFrame({"id": ["a", "a"], "position": [0.2, 0.8], "value": [0.5, -0.5], "smoothed": [0.0, 0.0]})
    >>> fig = plot_arcs(a, {"a": "A"}, {"a": "#000000"})
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    ids = list(dict.fromkeys(arcs["id"]))
    ncols = max(1, min(ncols, len(ids)))
    nrows = max(1, -(-len(ids) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.0 * ncols + 0.6, 2.3 * nrows + 0.4), sharex=True, sharey=True,
                             squeeze=False)
    for ax in axes.flat[len(ids):]:
        ax.set_visible(False)
    for ax, aid in zip(axes.flat, ids):
        part = arcs[arcs["id"] == aid]
        ax.axhline(0, color="black", lw=0.6)
        ax.scatter(part["position"], part["value"], s=14, color=colors[aid], alpha=0.6, edgecolor="none")
        ax.plot(part["position"], part["smoothed"], color=colors[aid], lw=2)
        ax.set_title(labels.get(aid, aid), fontsize=9)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlim(0, 1)
    for ax in axes[-1]:
        ax.set_xlabel("position in article")
    for ax in axes[:, 0]:
        ax.set_ylabel("VADER compound")
    fig.tight_layout()
    return fig


def plot_confusion(matrices: dict):
    """Heatmaps of confusion matrices side by side (``{title: DataFrame}`` from :func:`confusion_matrix`).

    Example
    -------
    >>> fig = plot_confusion({"X": confusion_matrix(["positive"], ["neutral"])})
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    fig, axes = plt.subplots(1, len(matrices), figsize=(3.6 * len(matrices) + 0.4, 3.3), squeeze=False)
    for ax, (title, cm) in zip(axes[0], matrices.items()):
        sns.heatmap(cm, annot=True, fmt="d", cmap="Blues", cbar=False, ax=ax, linewidths=0.5, linecolor="white")
        ax.set_title(title)
        ax.set_xlabel("predicted (±0.05)")
        ax.set_ylabel("hand label")
    fig.tight_layout()
    return fig
