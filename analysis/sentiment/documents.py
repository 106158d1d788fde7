"""Document- and group-level tone, tool agreement, lexicon coverage, drivers, arcs and quote sensitivity.

All take the sentence table of :func:`~analysis.sentiment.scoring.score_sentences`.
Group means carry bootstrap intervals over sentences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.formatting import format_number
from analysis.sentiment.scoring import LABELS, classify, textblob_lexicon, vader_analyzer
from analysis.text import normalize, tokenize
from analysis.types import Columns, as_columns


def bootstrap_means(
    values: np.ndarray, weights: np.ndarray, *, n_boot: int, seed: int
) -> tuple[float, float, float, float]:
    """Percentile 95% intervals of the mean and of the weighted mean, resampling rows with replacement.

    Returns ``(low, high, weighted_low, weighted_high)``; NaNs for no values.

    Example
    -------
    >>> lo, hi, wlo, whi = bootstrap_means(np.array([0.0, 1.0] * 20), np.ones(40), n_boot=200, seed=0)
    >>> bool(lo < 0.5 < hi), bool(wlo < 0.5 < whi)
    (True, True)
    """
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


def drop_quoted(sentences: pd.DataFrame, *, exclude_quotes: bool, where: str) -> pd.DataFrame:
    """The sentences without those inside quotations when ``exclude_quotes`` (``where`` names the caller in errors).

    Example
    -------
    >>> s = pd.DataFrame({"text": ["a", "b"], "in_quote": [True, False]})
    >>> drop_quoted(s, exclude_quotes=True, where="example")["text"].tolist()
    ['b']
    """
    if not exclude_quotes:
        return sentences
    require_columns(sentences, ["in_quote"], where, "sentences")
    return sentences[~sentences["in_quote"].astype(bool)]


def score_documents(
    sentences: pd.DataFrame,
    *,
    by: Columns = "id",
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
        From :func:`~analysis.sentiment.scoring.score_sentences`, with the ``by`` columns (add ``outlet``
        or ``crisis`` with :func:`~analysis.sentiment.scoring.with_metadata`).
    by
        Column name or list of names to group by.
    measures
        Score columns to aggregate.
    exclude_quotes
        Drop sentences with ``in_quote`` (direct quotations and embedded
        posts). A group left with no sentence keeps its row, with
        ``n_sentences`` 0 and missing values.
    threshold
        Neutral band for the class shares (see :func:`~analysis.sentiment.scoring.classify`).
    n_boot
        Bootstrap draws (sentences resampled with replacement within the group).
    seed
        The seed of ``numpy.random.default_rng``; every group uses the same
        seed, so a group's CI does not depend on the other groups.

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
    by = as_columns(by)
    measures = as_columns(measures)
    if not by:
        raise AnalysisInputError(Problem("score_documents()", None, "by", "give at least one column"))
    require_columns(sentences, by, "score_documents()", "by")
    require_columns(sentences, [*measures, "n_words"], "score_documents()", "measures")
    groups = sentences[by].drop_duplicates().sort_values(by, kind="stable")
    kept = drop_quoted(sentences, exclude_quotes=exclude_quotes, where="score_documents()")
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
            lo, hi, wlo, whi = bootstrap_means(values, weights, n_boot=n_boot, seed=seed)
            rows.append((*key, measure, n, int(weights.sum()), mean, lo, hi, wmean, wlo, whi, *shares))
    columns = [
        *by,
        "measure",
        "n_sentences",
        "n_words",
        "mean",
        "mean_lo",
        "mean_hi",
        "wmean",
        "wmean_lo",
        "wmean_hi",
        "share_neg",
        "share_neu",
        "share_pos",
    ]
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


def tool_agreement(sentences: pd.DataFrame, *, by: Columns | None = None, threshold: float = 0.05) -> pd.DataFrame:
    """How far TextBlob's polarity and VADER's compound agree, sentence by sentence.

    Parameters
    ----------
    sentences
        From :func:`~analysis.sentiment.scoring.score_sentences` (needs ``tb_polarity``, ``vader_compound``
        and the ``by`` columns).
    by
        None for one row over all sentences (``group`` = ``"all"``), or a
        column name (e.g. ``"crisis"``).

    Returns
    -------
    Columns ``group``, ``n_sentences``, ``spearman`` (rank correlation,
    computed as Pearson's r on average ranks; NaN below 3 sentences or when a
    tool gives one value to all), ``sign_agreement`` (share of sentences that
    both tools put in the same class of :func:`~analysis.sentiment.scoring.classify`, the neutral band
    included), ``n_opposite`` (one tool positive, the other negative).

    Example
    -------
    >>> s = pd.DataFrame({"tb_polarity": [0.5, 0.0, -0.2, 0.1], "vader_compound": [0.6, 0.3, -0.5, -0.4]})
    >>> tool_agreement(s).round(6).to_dict("list")
    {'group': ['all'], 'n_sentences': [4], 'spearman': [0.8], 'sign_agreement': [0.5], 'n_opposite': [1]}
    """
    require_columns(sentences, ["tb_polarity", "vader_compound", *as_columns(by)], "tool_agreement()", "sentences")
    parts = [("all", sentences)] if by is None else [(str(k), g) for k, g in sentences.groupby(by, sort=True)]
    rows = []
    for name, part in parts:
        tb = part["tb_polarity"].to_numpy("float64")
        vd = part["vader_compound"].to_numpy("float64")
        ctb, cvd = classify(tb, threshold=threshold), classify(vd, threshold=threshold)
        opposite = int(
            (((ctb == "positive") & (cvd == "negative")) | ((ctb == "negative") & (cvd == "positive"))).sum()
        )
        rows.append((name, len(part), _spearman(tb, vd), float((ctb == cvd).mean()) if len(part) else np.nan, opposite))
    return pd.DataFrame(rows, columns=["group", "n_sentences", "spearman", "sign_agreement", "n_opposite"])


def lexicon_coverage(sentences: pd.DataFrame, *, by: Columns = "id") -> pd.DataFrame:
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
    by = as_columns(by)
    require_columns(sentences, ["text", *by], "lexicon_coverage()", "sentences")
    tb = textblob_lexicon()
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
        shares = [k / n if n else np.nan for k in (known, pol, vk)]
        rows.append((*key[: len(by)], n, known, pol, vk, *shares))
    return pd.DataFrame(
        rows,
        columns=[
            *by,
            "n_tokens",
            "tb_known",
            "tb_polar",
            "vader_known",
            "tb_known_share",
            "tb_polar_share",
            "vader_known_share",
        ],
    )


def top_contributors(sentences: pd.DataFrame, *, by: Columns = "id", n: int = 5) -> pd.DataFrame:
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

    by = as_columns(by)
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


def contributor_summary(top: pd.DataFrame, *, by: Columns = "id") -> pd.DataFrame:
    """One row per group and tool, the top terms written out: ``term (×count, total)``.

    Example
    -------
    >>> top = pd.DataFrame({"id": ["a", "a"], "tool": ["VADER", "VADER"], "direction": ["negative", "positive"],
    ...                     "rank": [1, 1], "term": ["loss", "good"], "count": [1, 2], "total": [-1.3, 3.8]})
    >>> contributor_summary(top).to_dict("list")
    {'id': ['a'], 'tool': ['VADER'], 'negative': ['loss (×1, -1.3)'], 'positive': ['good (×2, +3.8)']}
    """
    by = as_columns(by)
    require_columns(top, [*by, "tool", "direction", "rank", "term", "count", "total"], "contributor_summary()", "top")
    rows = []
    for key, part in top.groupby([*by, "tool"], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        cells = {}
        for direction in ("negative", "positive"):
            side = part[part["direction"] == direction].sort_values("rank")
            cells[direction] = (
                "; ".join(
                    f"{t} (×{c}, {format_number(v, '{:+.1f}')})"
                    for t, c, v in zip(side.term, side["count"], side.total)
                )
                or "—"
            )
        rows.append((*key, cells["negative"], cells["positive"]))
    return pd.DataFrame(rows, columns=[*by, "tool", "negative", "positive"])


def quote_sensitivity(
    sentences: pd.DataFrame, *, by: Columns = "id", measure: str = "vader_compound", n_boot: int = 2000, seed: int = 0
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
    by = as_columns(by)
    require_columns(sentences, ["in_quote", measure, *by], "quote_sensitivity()", "sentences")
    common = dict(by=by, measures=[measure], n_boot=n_boot, seed=seed)
    everything = score_documents(sentences, **common)
    unquoted = score_documents(sentences, exclude_quotes=True, **common)
    quoted_only = sentences[sentences["in_quote"].astype(bool)]
    quoted = quoted_only.groupby(by)[measure].agg(n_quoted="size", mean_quotes="mean").reset_index()
    out = everything[[*by, "n_sentences", "mean"]].rename(columns={"mean": "mean_all"})
    out = out.merge(
        unquoted[[*by, "mean", "mean_lo", "mean_hi"]].rename(
            columns={"mean": "mean_no_quotes", "mean_lo": "no_quotes_lo", "mean_hi": "no_quotes_hi"}
        ),
        on=by,
    )
    out = out.merge(quoted, on=by, how="left")
    out["n_quoted"] = out["n_quoted"].fillna(0).astype("int64")
    out["shift"] = out["mean_no_quotes"] - out["mean_all"]
    return out[
        [
            *by,
            "n_sentences",
            "n_quoted",
            "mean_all",
            "mean_no_quotes",
            "mean_quotes",
            "shift",
            "no_quotes_lo",
            "no_quotes_hi",
        ]
    ]


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
    from analysis.text import tokenize

    require_columns(sentences, ["id", "sentence", "text"], "capitalised_hits()", "sentences")
    lexicon = vader_analyzer().lexicon
    rows = []
    for aid, number, text in sentences[["id", "sentence", "text"]].itertuples(index=False, name=None):
        for i, token in enumerate(tokenize(text, lower=False)):  # token_spans' tokens, with no table per sentence
            term = normalize(token)
            if i > 0 and token[:1].isupper() and term in lexicon:
                rows.append((aid, number, token, term, float(lexicon[term])))
    return pd.DataFrame(rows, columns=["id", "sentence", "token", "term", "valence"])


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
        lambda v: v.rolling(window, center=True, min_periods=1).mean()
    )
    return out.reset_index(drop=True)
