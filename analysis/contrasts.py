"""Contrasts between groups of articles, with the uncertainty that decides whether they have a direction.

Every comparative claim of the book is computed here as a row of numbers
(:mod:`analysis.findings.verdicts` turns the rows into sentences):

- *means* of units (sentence tone, or escalation hits scored +1 and
  de-escalation hits −1, whose mean is the pooled escalation balance) are
  contrasted by the two-stage bootstrap interval of their difference
  (:func:`analysis.stats.bootstrap_difference`, articles then units);
- *shares of counts* (a country's share of actor mentions, of first
  mentions, of quoted mentions) by Fisher's exact test
  (:func:`analysis.stats.fisher_exact`).

A contrast has a direction only when its criterion clears: the 95% interval
excludes 0, or p < 0.05. The two groups are always taken in the order given
(by default the groups' keys sorted as text), never ordered by their values, so
no direction is true by construction. Each contrast is recomputed with every
article left out in turn, and the articles whose removal changes the direction
are listed. A share contrast tries every article, in closed form. A mean
contrast reruns its bootstrap per article, so above :data:`LOO_ALL_UP_TO`
articles it tries only that many, those whose removal moves the difference most
(the verdict's sentence says so).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from analysis.actors.counts import prominence
from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.framing.frames import FRAME_INDICES
from analysis.pipeline import Analysis
from analysis.stats import (
    bootstrap_difference,
    fisher_exact,
    interval_direction,
    mean_difference_without_each,
    share_counts_without_each,
)

#: The level of every interval and the threshold of every exact test.
LEVEL = 0.95
ALPHA = 0.05
#: Above this many articles, leave-one-out checks only the articles that move the difference most.
LOO_ALL_UP_TO = 40

_VERDICT = ["measure", "a", "b", "value_a", "value_b", "difference", "low", "high", "p", "criterion", "direction"]
#: The columns of :func:`mean_contrasts` and :func:`share_contrasts`.
CONTRAST_COLUMNS = [*_VERDICT, "articles_a", "articles_b", "units_a", "units_b", "loo_checked", "loo_changes"]


def _groups(units: pd.DataFrame, order) -> list:
    present = sorted(pd.unique(units["group"]), key=str)
    if order is None:
        return present
    return [g for g in order if g in set(present)]


def tone_units(analysis: Analysis, *, by: str = "crisis", measure: str = "vader_compound") -> pd.DataFrame:
    """One row per scored sentence (body and embedded posts): ``id``, ``group``, ``value`` (the tool's score).

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> a = analyse(pd.DataFrame({"id": ["a"], "crisis": ["k"], "text": ["A great win. A bad loss."]}))
    >>> t = tone_units(a)
    >>> t[["id", "group"]].values.tolist(), (t["value"] > 0).tolist()
    ([['a', 'k'], ['a', 'k']], [True, False])
    """
    require_columns(analysis.corpus, ["id", by], "tone_units", "corpus")
    groups = dict(zip(analysis.corpus["id"], analysis.corpus[by]))
    s = analysis.sentences
    return pd.DataFrame({"id": s["id"].to_numpy(), "group": s["id"].map(groups).to_numpy(), "value": s[measure]})


def balance_units(analysis: Analysis, *, by: str = "crisis") -> pd.DataFrame:
    """One row per escalation (+1) or de-escalation (−1) hit: ``id``, ``group``, ``value``.

    The mean of ``value`` over a group is its pooled escalation balance
    ``(esc − deesc) / (esc + deesc)``.

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> a = analyse(pd.DataFrame({"id": ["a"], "crisis": ["k"], "text": ["Missiles struck. Talks began."]}))
    >>> balance_units(a)["value"].tolist()
    [1, 1, -1]
    """
    require_columns(analysis.corpus, ["id", by], "balance_units", "corpus")
    keys = {}
    for index, sign in zip(FRAME_INDICES, (1, -1)):
        found = analysis.frames.loc[analysis.frames["index"] == index, "key"].tolist()
        if not found:
            raise AnalysisInputError(Problem("balance_units()", None, "frames", f"no frame has index {index!r}"))
        keys[found[0]] = sign
    hits = analysis.hits[analysis.hits["frame"].isin(set(keys))]
    groups = dict(zip(analysis.corpus["id"], analysis.corpus[by]))
    return pd.DataFrame(
        {
            "id": hits["id"].to_numpy(),
            "group": hits["id"].map(groups).to_numpy(),
            "value": hits["frame"].map(keys).to_numpy(),
        }
    )


def coded_balance_units(coded: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "crisis") -> pd.DataFrame:
    """The hand coding's version of :func:`balance_units`: one row per sentence coded escalation (+1) or
    de-escalation (−1); a sentence coded both gives one row of each.

    ``coded`` is the long table of ``load_gold("frame_sentences")``; rows of
    articles not in ``corpus`` are left out.

    Example
    -------
    >>> coded = pd.DataFrame({"id": ["a"] * 4, "text": ["s1", "s1", "s2", "s2"],
    ...                       "frame": ["escalation", "de-escalation"] * 2, "present": [1, 0, 1, 1]})
    >>> coded_balance_units(coded, pd.DataFrame({"id": ["a"], "crisis": ["k"]}))["value"].tolist()
    [1, 1, -1]
    """
    require_columns(coded, ["id", "frame", "present"], "coded_balance_units", "coded")
    groups = dict(zip(corpus["id"], corpus[by]))
    sign = {"escalation": 1, "de-escalation": -1}
    rows = coded[coded["frame"].isin(set(sign)) & (coded["present"] == 1) & coded["id"].isin(set(groups))]
    return pd.DataFrame(
        {"id": rows["id"].to_numpy(), "group": rows["id"].map(groups).to_numpy(), "value": rows["frame"].map(sign)}
    ).reset_index(drop=True)


def labelled_tone_units(gold: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "crisis") -> pd.DataFrame:
    """The hand labels as tone units: negative −1, neutral 0, positive +1, one row per labelled sentence.

    Example
    -------
    >>> gold = pd.DataFrame({"id": ["a", "a"], "label": ["negative", "neutral"]})
    >>> labelled_tone_units(gold, pd.DataFrame({"id": ["a"], "crisis": ["k"]}))["value"].tolist()
    [-1, 0]
    """
    require_columns(gold, ["id", "label"], "labelled_tone_units", "gold")
    groups = dict(zip(corpus["id"], corpus[by]))
    rows = gold[gold["id"].isin(set(groups))]
    value = rows["label"].map({"negative": -1, "neutral": 0, "positive": 1})
    return pd.DataFrame(
        {"id": rows["id"].to_numpy(), "group": rows["id"].map(groups).to_numpy(), "value": value.to_numpy()}
    )


def _mean_verdict(units: pd.DataFrame, a, b, *, n_boot: int, seed: int) -> dict:
    ua, ub = units[units["group"] == a], units[units["group"] == b]
    r = bootstrap_difference(
        ua["value"], ub["value"], clusters_a=ua["id"], clusters_b=ub["id"], n_boot=n_boot, seed=seed, level=LEVEL
    )
    return {
        "value_a": float(ua["value"].mean()) if len(ua) else np.nan,
        "value_b": float(ub["value"].mean()) if len(ub) else np.nan,
        "difference": r["difference"],
        "low": r["low"],
        "high": r["high"],
        "p": np.nan,
        "direction": interval_direction(r["low"], r["high"]),
        "articles_a": r["clusters_a"],
        "articles_b": r["clusters_b"],
        "units_a": r["n_a"],
        "units_b": r["n_b"],
    }


def _eligible(codes: np.ndarray, in_a: np.ndarray) -> list[int]:
    """Article codes, in order, whose removal leaves both groups an article (a group's only one is not tried:
    the single-article note says that already)."""
    sole = {int(c[0]) for side in (in_a, ~in_a) if len(c := np.unique(codes[side])) == 1}
    return [int(c) for c in pd.unique(codes) if int(c) not in sole]


def _mean_loo(pair: pd.DataFrame, a, difference: float, direction: int, *, n_boot: int, seed: int) -> str:
    """Articles of the two groups (``pair``) whose removal changes the direction, each re-bootstrapped on arrays.

    Every article is tried up to :data:`LOO_ALL_UP_TO`; beyond, only the
    :data:`LOO_ALL_UP_TO` whose removal moves the difference of means most
    (:func:`analysis.stats.mean_difference_without_each`): a bootstrap per article does not scale.
    """
    codes, ids = pd.factorize(pair["id"])
    values, in_a = pair["value"].to_numpy(dtype=float), (pair["group"] == a).to_numpy()
    tried = _eligible(codes, in_a)
    if len(tried) > LOO_ALL_UP_TO:
        moved = np.abs(mean_difference_without_each(values, codes, in_a) - difference)
        moved = np.where(np.isnan(moved), np.inf, moved)
        tried = sorted(tried, key=lambda c: (-moved[c], str(ids[c])))[:LOO_ALL_UP_TO]
    changes = []
    for c in tried:
        ka, kb = (codes != c) & in_a, (codes != c) & ~in_a
        r = bootstrap_difference(
            values[ka], values[kb], clusters_a=codes[ka], clusters_b=codes[kb], n_boot=n_boot, seed=seed, level=LEVEL
        )
        if interval_direction(r["low"], r["high"]) != direction:
            changes.append(str(ids[c]))
    return ", ".join(changes)


def mean_contrasts(
    units: pd.DataFrame,
    *,
    measure: str,
    order: list | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    leave_one_out: bool = True,
) -> pd.DataFrame:
    """Every pair of groups contrasted on the mean of ``value``, with its 95% two-stage bootstrap interval.

    Parameters
    ----------
    units
        ``id`` (article), ``group``, ``value``: from :func:`tone_units`,
        :func:`balance_units` or the hand-coded versions.
    measure
        The name carried in the ``measure`` column.
    order
        The order of the groups (default: sorted as text); each pair is
        ``(a, b)`` with ``a`` before ``b`` in it.
    leave_one_out
        Recompute the direction without each article (a smaller bootstrap of
        ``n_boot // 4`` draws; above :data:`LOO_ALL_UP_TO` articles, only
        that many, those whose removal moves the difference most).

    Returns
    -------
    DataFrame with :data:`CONTRAST_COLUMNS`: ``value_a`` and ``value_b`` (the
    means), ``difference`` (a − b), ``low``, ``high``, ``criterion``,
    ``direction`` (+1: a higher, −1: b higher, 0: no detectable difference),
    ``articles_*`` and ``units_*``, ``loo_checked`` and ``loo_changes`` (the
    articles whose removal changes the direction, comma-separated).

    Example
    -------
    >>> units = pd.DataFrame({"id": ["a1"] * 3 + ["b1"] * 3, "group": ["A"] * 3 + ["B"] * 3,
    ...                       "value": [0.9, 1.0, 1.1, -0.1, 0.0, 0.1]})
    >>> row = mean_contrasts(units, measure="tone", n_boot=200).iloc[0]
    >>> row["a"], row["b"], round(float(row["difference"]), 2), int(row["direction"]), row["loo_changes"]
    ('A', 'B', 1.0, 1, '')
    """
    require_columns(units, ["id", "group", "value"], "mean_contrasts", "units")
    units = units.dropna(subset=["value"])
    rows = []
    for a, b in combinations(_groups(units, order), 2):
        row = {"measure": measure, "a": a, "b": b, **_mean_verdict(units, a, b, n_boot=n_boot, seed=seed)}
        row["criterion"] = f"{LEVEL:.0%} interval of the difference excludes 0"
        changes = ""
        if leave_one_out:
            pair = units[units["group"].isin([a, b])]
            options = {"n_boot": max(1, n_boot // 4), "seed": seed}
            changes = _mean_loo(pair, a, row["difference"], row["direction"], **options)
        rows.append({**row, "loo_checked": leave_one_out, "loo_changes": changes})
    return pd.DataFrame(rows, columns=CONTRAST_COLUMNS)


def country_units(analysis: Analysis, country: str, *, by: str = "crisis") -> pd.DataFrame:
    """Per article, the counts behind a country's role: one row per article of the corpus.

    Returns
    -------
    DataFrame with ``id``, ``group``, ``mentions`` (all actor mentions in the
    article's own text, as in :func:`analysis.actors.counts.country_role`),
    ``country_mentions`` (of the country's actors, by the gazetteer's
    ``country``), ``quoted`` (of those, inside quotations) and ``first`` (1
    when the first actor named belongs to the country).

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> a = analyse(pd.DataFrame({"id": ["a"], "crisis": ["k"], "text": ['Pakistan said “Iran erred.” Iran spoke.']}))
    >>> country_units(a, "PK")[["mentions", "country_mentions", "quoted", "first"]].values.tolist()[0]
    [3, 1, 0, 1]
    """
    corpus = analysis.corpus
    require_columns(corpus, ["id", by], "country_units", "corpus")
    countries = dict(zip(analysis.gazetteer.actors["id"], analysis.gazetteer.actors["country"]))
    body = analysis.body_mentions()
    m = body.assign(_mine=body["actor"].map(countries) == country)
    quoted = m["in_quote"]
    prom = prominence(body, corpus)
    first = prom[prom["first_rank"] == 1].set_index("id")["actor"].map(countries) == country
    out = pd.DataFrame({"id": corpus["id"].to_numpy(), "group": corpus[by].to_numpy()})
    out["mentions"] = out["id"].map(m.groupby("id").size()).fillna(0).astype("int64")
    out["country_mentions"] = out["id"].map(m[m["_mine"]].groupby("id").size()).fillna(0).astype("int64")
    out["quoted"] = out["id"].map(m[m["_mine"] & quoted].groupby("id").size()).fillna(0).astype("int64")
    out["first"] = out["id"].map(first).fillna(False).astype("int64")
    return out


#: The signs of a country's role, each a triple of its name, count column and total column.
COUNTRY_SIGNS = (
    ("share of actor mentions", "country_mentions", "mentions"),
    ("share of articles naming it first", "first", "articles"),
    ("share of its mentions inside quotations", "quoted", "country_mentions"),
)


def _share_verdict(units: pd.DataFrame, a, b, count: str, total: str) -> dict:
    sums = units.assign(articles=1).groupby("group")[[count, total]].sum()
    ka, na = (int(sums.loc[a, count]), int(sums.loc[a, total])) if a in sums.index else (0, 0)
    kb, nb = (int(sums.loc[b, count]), int(sums.loc[b, total])) if b in sums.index else (0, 0)
    va = ka / na if na else np.nan
    vb = kb / nb if nb else np.nan
    p = fisher_exact(ka, na, kb, nb) if na and nb else np.nan
    direction = 0 if np.isnan(p) or p >= ALPHA else int(np.sign(va - vb))
    return {
        "value_a": va,
        "value_b": vb,
        "difference": va - vb,
        "low": np.nan,
        "high": np.nan,
        "p": p,
        "direction": direction,
        "articles_a": int((units["group"] == a).sum()),
        "articles_b": int((units["group"] == b).sum()),
        "units_a": na,
        "units_b": nb,
    }


def _share_loo(units: pd.DataFrame, a, b, count: str, total: str, direction: int) -> str:
    """Articles whose removal changes a share contrast's direction, every article tried: in closed form
    (:func:`analysis.stats.share_counts_without_each`), one exact test per distinct set of margins."""
    pair = units[units["group"].isin([a, b])].assign(articles=1)
    codes, ids = pd.factorize(pair["id"])
    in_a = (pair["group"] == a).to_numpy()
    left = share_counts_without_each(pair[count], pair[total], codes, in_a)
    seen: dict[tuple, int] = {}
    changes = []
    for c in _eligible(codes, in_a):
        ka, na, kb, nb = key = tuple(int(v) for v in left[c])
        if key not in seen:
            p = fisher_exact(ka, na, kb, nb) if na and nb else np.nan
            seen[key] = 0 if np.isnan(p) or p >= ALPHA else int(np.sign(ka / na - kb / nb))
        if seen[key] != direction:
            changes.append(str(ids[c]))
    return ", ".join(changes)


def share_contrasts(
    units: pd.DataFrame, *, signs=COUNTRY_SIGNS, order: list | None = None, leave_one_out: bool = True
) -> pd.DataFrame:
    """Every pair of groups contrasted on each share of counts, by Fisher's exact test.

    ``units`` from :func:`country_units`. For each sign ``(name, count,
    total)`` the share is ``sum(count) / sum(total)`` over the group's
    articles (``total`` may be ``"articles"``). The direction is the sign of
    the difference when p < 0.05, else 0.

    Returns
    -------
    DataFrame with :data:`CONTRAST_COLUMNS` (``low`` and ``high`` are NaN;
    ``p`` is the exact test's), one row per sign and pair.

    Example
    -------
    >>> u = pd.DataFrame({"id": ["a", "b"], "group": ["A", "B"], "mentions": [20, 20],
    ...                   "country_mentions": [18, 2], "quoted": [1, 2], "first": [1, 0]})
    >>> t = share_contrasts(u, leave_one_out=False)
    >>> t[["measure", "value_a", "value_b", "direction"]].values.tolist()[0]
    ['share of actor mentions', 0.9, 0.1, 1]
    """
    require_columns(units, ["id", "group"], "share_contrasts", "units")
    rows = []
    for a, b in combinations(_groups(units, order), 2):
        for name, count, total in signs:
            row = {"measure": name, "a": a, "b": b, **_share_verdict(units, a, b, count, total)}
            row["criterion"] = f"Fisher's exact test, p < {ALPHA:g}"
            changes = _share_loo(units, a, b, count, total, row["direction"]) if leave_one_out else ""
            rows.append({**row, "loo_checked": leave_one_out, "loo_changes": changes})
    return pd.DataFrame(rows, columns=CONTRAST_COLUMNS)


#: The measures :func:`group_contrasts` compares, with the units each is computed from.
GROUP_MEASURES = ("vader", "textblob", "balance")
_TOOL_TONES = (
    ("vader", "vader_compound", "mean VADER sentence score"),
    ("textblob", "tb_polarity", "mean TextBlob sentence score"),
)


def group_contrasts(
    analysis: Analysis,
    *,
    by: str = "crisis",
    coded: pd.DataFrame | None = None,
    labelled: pd.DataFrame | None = None,
    order: list | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    measures: tuple[str, ...] = GROUP_MEASURES,
) -> pd.DataFrame:
    """Every pair of groups contrasted on tone (both tools) and the escalation balance, by the tools and by hand.

    Parameters
    ----------
    analysis
        From :func:`analysis.pipeline.analyse`.
    by
        The grouping column of the corpus.
    coded
        The hand coding of the frames, when the corpus has one:
        ``load_gold("frame_sentences")`` (the balance by coded sentences).
    labelled
        The hand coding of tone, when the corpus has one:
        ``load_gold("sentiment")`` (tone by hand labels, −1/0/+1).
    measures
        Which of :data:`GROUP_MEASURES` to contrast (a page about one measure
        asks for its own only: ``("balance",)`` or ``("vader", "textblob")``).

    Returns
    -------
    DataFrame with ``source`` (``tool`` or ``hand``), ``key`` (``vader``,
    ``textblob`` or ``balance``; the hand labels stand beside both tone tools)
    and the columns of :func:`mean_contrasts`.

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "crisis": ["x", "y"],
    ...                        "text": ["Missiles struck. Bombs fell.", "Talks began. Calm returned."]})
    >>> t = group_contrasts(analyse(corpus), n_boot=100)
    >>> t[["source", "key", "a", "b"]].values.tolist()[-1]
    ['tool', 'balance', 'x', 'y']
    """
    unknown = set(measures) - set(GROUP_MEASURES)
    if unknown:
        raise AnalysisInputError(
            Problem("group_contrasts()", None, "measures", f"{sorted(unknown)} not among {GROUP_MEASURES}")
        )
    options = {"order": order, "n_boot": n_boot, "seed": seed}
    parts = []
    for key, column, name in _TOOL_TONES:
        if key in measures:
            units = tone_units(analysis, by=by, measure=column)
            parts.append(mean_contrasts(units, measure=name, **options).assign(source="tool", key=key))
    if "balance" in measures:
        units = balance_units(analysis, by=by)
        parts.append(
            mean_contrasts(units, measure="escalation balance", **options).assign(source="tool", key="balance")
        )
    tone_keys = [k for k in ("vader", "textblob") if k in measures]
    if labelled is not None and tone_keys:
        units = labelled_tone_units(labelled, analysis.corpus, by=by)
        hand = mean_contrasts(units, measure="mean hand label", **options)
        parts += [hand.assign(source="hand", key=k) for k in tone_keys]
    if coded is not None and "balance" in measures:
        units = coded_balance_units(coded, analysis.corpus, by=by)
        parts.append(
            mean_contrasts(units, measure="escalation balance by coded sentences", **options).assign(
                source="hand", key="balance"
            )
        )
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    columns = ["source", "key", *CONTRAST_COLUMNS]
    return pd.DataFrame(columns=columns) if out is None else out[columns]


def regroup(units: pd.DataFrame, groups) -> pd.DataFrame:
    """The same units with ``group`` taken from ``groups`` (article id to group); articles not in it are left out.

    For contrasts between sets of articles that no corpus column names, such
    as the periods of a trend.

    Example
    -------
    >>> u = pd.DataFrame({"id": ["a", "b", "c"], "group": ["k"] * 3, "value": [1, -1, 1]})
    >>> regroup(u, {"a": "first date", "c": "later"})[["id", "group"]].values.tolist()
    [['a', 'first date'], ['c', 'later']]
    """
    require_columns(units, ["id", "group", "value"], "regroup", "units")
    mapped = units.assign(group=units["id"].map(dict(groups)))
    return mapped.dropna(subset=["group"]).reset_index(drop=True)


def trend_contrasts(
    analysis: Analysis,
    periods,
    *,
    coded: pd.DataFrame | None = None,
    order: list | None = None,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """The escalation balance of one set of articles against another (periods of a trend), by the dictionaries and by hand.

    ``periods`` maps article ids to their period (only the articles that
    count; see :func:`analysis.framing.summaries.trend_sample`); ``coded`` is
    the hand coding of sentences, as for :func:`group_contrasts`.

    Returns
    -------
    DataFrame like :func:`group_contrasts` (``source``, ``key`` = ``balance``
    and the columns of :func:`mean_contrasts`), groups in ``order``.

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "crisis": ["k", "k"],
    ...                        "text": ["Missiles struck. Bombs fell.", "Talks began. Calm returned."]})
    >>> t = trend_contrasts(analyse(corpus), {"a": "first date", "b": "later"}, order=["first date", "later"],
    ...                     n_boot=100)
    >>> t[["source", "a", "b", "value_a", "value_b"]].values.tolist()
    [['tool', 'first date', 'later', 1.0, -1.0]]
    """
    options = {"order": order, "n_boot": n_boot, "seed": seed}
    units = regroup(balance_units(analysis, by="id"), periods)
    parts = [mean_contrasts(units, measure="escalation balance", **options).assign(source="tool", key="balance")]
    if coded is not None:
        hand = regroup(coded_balance_units(coded, analysis.corpus, by="id"), periods)
        parts.append(
            mean_contrasts(hand, measure="escalation balance by coded sentences", **options).assign(
                source="hand", key="balance"
            )
        )
    columns = ["source", "key", *CONTRAST_COLUMNS]
    kept = [p for p in parts if len(p)]
    return pd.concat(kept, ignore_index=True)[columns] if kept else pd.DataFrame(columns=columns)


#: The two groups of :func:`quote_contrasts`, in order.
QUOTE_GROUPS = ("quoted", "own")
_LABEL_VALUES = {"negative": -1, "neutral": 0, "positive": 1}


def quote_units(analysis: Analysis, *, measure: str = "vader_compound") -> pd.DataFrame:
    """One row per scored sentence, grouped ``quoted`` (inside a quotation, or an embedded post) or ``own``.

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> a = analyse(pd.DataFrame({"id": ["a"], "text": ['He said: “We will win.” The war went on.']}))
    >>> quote_units(a)["group"].tolist()
    ['quoted', 'own']
    """
    s = analysis.sentences
    group = np.where(s["in_quote"].astype(bool), QUOTE_GROUPS[0], QUOTE_GROUPS[1])
    return pd.DataFrame({"id": s["id"].to_numpy(), "group": group, "value": s[measure].to_numpy()})


def labelled_quote_units(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The hand labels (−1/0/+1) of the sentences of :func:`quote_units`, grouped the same way.

    ``gold`` rows are matched to ``sentences`` by ``id``, ``source`` (when
    both have it) and ``text``; labelled sentences not found are left out.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"], "in_quote": [True, False]})
    >>> g = pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"], "label": ["positive", "negative"]})
    >>> labelled_quote_units(g, s)[["group", "value"]].values.tolist()
    [['quoted', 1], ['own', -1]]
    """
    require_columns(gold, ["id", "text", "label"], "labelled_quote_units", "gold")
    keys = ["id", "source", "text"] if {"source"} <= set(gold.columns) & set(sentences.columns) else ["id", "text"]
    merged = gold.merge(sentences[[*keys, "in_quote"]].drop_duplicates(keys), on=keys, how="inner")
    group = np.where(merged["in_quote"].astype(bool), QUOTE_GROUPS[0], QUOTE_GROUPS[1])
    return pd.DataFrame({"id": merged["id"], "group": group, "value": merged["label"].map(_LABEL_VALUES)})


def quote_contrasts(
    analysis: Analysis, *, labelled: pd.DataFrame | None = None, n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """Quoted sentences against the outlets' own, on tone by both tools and by the hand labels.

    The two groups share articles; each is resampled on its own (articles,
    then sentences), which ignores that pairing and so, if anything, widens
    the interval.

    Returns
    -------
    DataFrame like :func:`group_contrasts` (keys ``vader`` and ``textblob``;
    the hand contrast stands beside both), ``a`` = ``quoted``, ``b`` = ``own``.

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> a = analyse(pd.DataFrame({"id": ["a"], "text": ['He said: “We love peace.” The war killed many.']}))
    >>> quote_contrasts(a, n_boot=50)[["key", "a", "b"]].values.tolist()
    [['vader', 'quoted', 'own'], ['textblob', 'quoted', 'own']]
    """
    options = {"order": list(QUOTE_GROUPS), "n_boot": n_boot, "seed": seed}
    parts = [
        mean_contrasts(quote_units(analysis, measure=m), measure=name, **options).assign(source="tool", key=key)
        for key, m, name in _TOOL_TONES
    ]
    if labelled is not None:
        hand = mean_contrasts(labelled_quote_units(labelled, analysis.sentences), measure="mean hand label", **options)
        parts += [hand.assign(source="hand", key="vader"), hand.assign(source="hand", key="textblob")]
    columns = ["source", "key", *CONTRAST_COLUMNS]
    kept = [p for p in parts if len(p)]
    return pd.concat(kept, ignore_index=True)[columns] if kept else pd.DataFrame(columns=columns)
