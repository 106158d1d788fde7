"""Counts and shares over the sentence, document, arc, coverage and quote tables: the numbers the book states.

Each function takes a table that :mod:`analysis.sentiment.scoring` or
:mod:`analysis.sentiment.documents` returns and reduces it to a few numbers,
as a plain ``dict`` (or, for :func:`arc_halves` and
:func:`capitalised_terms`, a small table). A share over no rows is NaN, never
a division error: the book renders it as ``n/a``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import require_columns


def _share(mask: pd.Series) -> float:
    return float(mask.mean()) if len(mask) else np.nan


def sentence_overview(sentences: pd.DataFrame, *, near: float = 0.1, strong: float = 0.5) -> dict:
    """How many sentences and words there are, and how the two tools spread their scores.

    ``sentences`` from :func:`~analysis.sentiment.scoring.score_sentences`.

    Returns a dict: ``n_sentences``, ``n_body`` and ``n_embed`` (by ``source``),
    ``n_quoted`` (``in_quote``), ``n_words`` (sum of ``n_words``);
    ``tb_near_zero`` and ``vader_near_zero`` (share of sentences whose score is
    within ``near`` of zero, strictly) and ``vader_strong`` (share whose VADER
    compound is ``strong`` or more either way).

    Example
    -------
    >>> s = pd.DataFrame({"source": ["body", "body", "embed", "body"], "in_quote": [False, True, True, False],
    ...                   "n_words": [10, 5, 7, 3], "tb_polarity": [0.0, 0.3, -0.05, 0.1],
    ...                   "vader_compound": [0.6, -0.5, 0.05, 0.2]})
    >>> o = sentence_overview(s)
    >>> o["n_sentences"], o["n_body"], o["n_embed"], o["n_quoted"], o["n_words"]
    (4, 3, 1, 2, 25)
    >>> o["tb_near_zero"], o["vader_near_zero"], o["vader_strong"]
    (0.5, 0.25, 0.5)
    """
    require_columns(
        sentences,
        ["source", "in_quote", "n_words", "tb_polarity", "vader_compound"],
        "sentence_overview()",
        "sentences",
    )
    return {
        "n_sentences": len(sentences),
        "n_body": int((sentences["source"] == "body").sum()),
        "n_embed": int((sentences["source"] == "embed").sum()),
        "n_quoted": int(sentences["in_quote"].astype(bool).sum()),
        "n_words": int(sentences["n_words"].sum()),
        "tb_near_zero": _share(sentences["tb_polarity"].abs() < near),
        "vader_near_zero": _share(sentences["vader_compound"].abs() < near),
        "vader_strong": _share(sentences["vader_compound"].abs() >= strong),
    }


def intervals_off_zero(docs: pd.DataFrame, *, measure: str = "vader_compound") -> dict:
    """How many groups have a mean whose whole interval lies below zero, or above it.

    ``docs`` from :func:`~analysis.sentiment.documents.score_documents`.
    Returns ``{"below": n, "above": n}`` counted over the rows of ``measure``
    (an interval that touches zero counts for neither).

    Example
    -------
    >>> d = pd.DataFrame({"measure": ["vader_compound"] * 3 + ["tb_polarity"],
    ...                   "mean_lo": [-0.5, -0.1, 0.0, 0.2], "mean_hi": [-0.1, 0.2, 0.3, 0.4]})
    >>> intervals_off_zero(d)
    {'below': 1, 'above': 0}
    """
    require_columns(docs, ["measure", "mean_lo", "mean_hi"], "intervals_off_zero()", "docs")
    rows = docs[docs["measure"] == measure]
    return {"below": int((rows["mean_hi"] < 0).sum()), "above": int((rows["mean_lo"] > 0).sum())}


def arc_halves(arcs: pd.DataFrame) -> pd.DataFrame:
    """Each article's mean sentence score in its first half and in its second half.

    ``arcs`` from :func:`~analysis.sentiment.documents.sentiment_arcs`. A
    sentence is in the first half when its ``position`` is below 0.5.

    Returns one row per article (sorted by ``id``): ``id``, ``n_sentences``,
    ``first_half`` and ``second_half`` (mean ``value``; NaN when the half has no
    sentence) and ``rises`` (the second half's mean is higher; False when a
    half is empty).

    Example
    -------
    >>> a = pd.DataFrame({"id": ["a", "a", "a", "b"], "position": [0.1, 0.4, 0.9, 0.3],
    ...                   "value": [-0.4, 0.0, 0.5, 0.2]})
    >>> arc_halves(a).to_dict("list")
    {'id': ['a', 'b'], 'n_sentences': [3, 1], 'first_half': [-0.2, 0.2], 'second_half': [0.5, nan], 'rises': [True, False]}
    """
    require_columns(arcs, ["id", "position", "value"], "arc_halves()", "arcs")
    first = arcs[arcs["position"] < 0.5].groupby("id")["value"].mean()
    second = arcs[arcs["position"] >= 0.5].groupby("id")["value"].mean()
    out = arcs.groupby("id").size().rename("n_sentences").to_frame()
    out["first_half"] = first.reindex(out.index).astype("float64")
    out["second_half"] = second.reindex(out.index).astype("float64")
    out["rises"] = (out["second_half"] > out["first_half"]).astype(bool)
    return out.rename_axis("id").reset_index()


def arc_overview(arcs: pd.DataFrame) -> dict:
    """The arcs in four numbers: how many articles have both halves, in how many the second reads higher, and the shortest and longest arc.

    ``arcs`` from :func:`~analysis.sentiment.documents.sentiment_arcs`; see :func:`arc_halves`.
    Returns ``n_compared``, ``n_rise``, ``min_sentences`` and ``max_sentences``
    (0 when there is no arc).

    Example
    -------
    >>> a = pd.DataFrame({"id": ["a", "a", "a", "b"], "position": [0.1, 0.4, 0.9, 0.3],
    ...                   "value": [-0.4, 0.0, 0.5, 0.2]})
    >>> arc_overview(a)
    {'n_compared': 1, 'n_rise': 1, 'min_sentences': 1, 'max_sentences': 3}
    """
    halves = arc_halves(arcs)
    both = halves.dropna(subset=["first_half", "second_half"])
    return {
        "n_compared": len(both),
        "n_rise": int(both["rises"].sum()),
        "min_sentences": int(halves["n_sentences"].min()) if len(halves) else 0,
        "max_sentences": int(halves["n_sentences"].max()) if len(halves) else 0,
    }


def coverage_totals(cover: pd.DataFrame) -> dict:
    """Lexicon coverage over the whole corpus: the counts of :func:`~analysis.sentiment.documents.lexicon_coverage` summed, and their shares of all tokens.

    Returns ``n_tokens``, ``tb_known``, ``tb_polar``, ``vader_known`` and
    ``tb_known_share``, ``tb_polar_share``, ``vader_known_share`` (NaN without tokens).

    Example
    -------
    >>> c = pd.DataFrame({"n_tokens": [6, 4], "tb_known": [2, 1], "tb_polar": [1, 1], "vader_known": [3, 0]})
    >>> t = coverage_totals(c)
    >>> t["n_tokens"], t["tb_polar_share"], t["vader_known_share"]
    (10, 0.2, 0.3)
    """
    counts = ["n_tokens", "tb_known", "tb_polar", "vader_known"]
    require_columns(cover, counts, "coverage_totals()", "cover")
    totals = {c: int(cover[c].sum()) for c in counts}
    n = totals["n_tokens"]
    for c in counts[1:]:
        totals[f"{c}_share"] = totals[c] / n if n else np.nan
    return totals


def capitalised_terms(caps: pd.DataFrame, *, n: int = 5) -> pd.DataFrame:
    """The tokens most often rated by VADER although written with a capital inside a sentence.

    ``caps`` from :func:`~analysis.sentiment.documents.capitalised_hits`.
    Returns columns ``token`` and ``count``, most frequent first, at most ``n`` rows.

    Example
    -------
    >>> c = pd.DataFrame({"token": ["Security", "Justice", "Security"]})
    >>> capitalised_terms(c).to_dict("list")
    {'token': ['Security', 'Justice'], 'count': [2, 1]}
    """
    require_columns(caps, ["token"], "capitalised_terms()", "caps")
    counts = caps.groupby("token").size().sort_values(ascending=False).head(n)
    return counts.rename("count").rename_axis("token").reset_index()


def quote_overview(sentences: pd.DataFrame, sensitivity: pd.DataFrame) -> dict:
    """Quoted against unquoted sentences: how many, their mean scores, and how many articles move without them.

    ``sentences`` from :func:`~analysis.sentiment.scoring.score_sentences`;
    ``sensitivity`` from :func:`~analysis.sentiment.documents.quote_sensitivity` (by article).

    Returns ``n_quoted``, ``n_unquoted``; ``vader_quoted``, ``vader_unquoted``,
    ``tb_quoted``, ``tb_unquoted`` (mean VADER compound and TextBlob polarity;
    NaN when there is no such sentence); ``n_articles`` (articles with a quoted
    sentence) and ``n_lower`` (of those, the ones whose mean falls once the
    quotes are left out: ``shift`` below zero).

    Example
    -------
    >>> s = pd.DataFrame({"in_quote": [True, False, False], "vader_compound": [0.4, -0.2, 0.0],
    ...                   "tb_polarity": [0.1, 0.0, -0.3]})
    >>> q = pd.DataFrame({"n_quoted": [1, 0], "shift": [-0.3, 0.0]})
    >>> o = quote_overview(s, q)
    >>> o["n_quoted"], o["vader_quoted"], o["vader_unquoted"], o["tb_unquoted"], o["n_articles"], o["n_lower"]
    (1, 0.4, -0.1, -0.15, 1, 1)
    """
    require_columns(sentences, ["in_quote", "vader_compound", "tb_polarity"], "quote_overview()", "sentences")
    require_columns(sensitivity, ["n_quoted", "shift"], "quote_overview()", "sensitivity")
    quoted = sentences["in_quote"].astype(bool)
    out = {"n_quoted": int(quoted.sum()), "n_unquoted": int((~quoted).sum())}
    for tool, column in (("vader", "vader_compound"), ("tb", "tb_polarity")):
        for side, rows in (("quoted", sentences[quoted]), ("unquoted", sentences[~quoted])):
            out[f"{tool}_{side}"] = float(rows[column].mean()) if len(rows) else np.nan
    with_quotes = sensitivity[sensitivity["n_quoted"] > 0]
    out["n_articles"] = len(with_quotes)
    out["n_lower"] = int((with_quotes["shift"] < 0).sum())
    return out
