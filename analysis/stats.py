"""Uncertainty for comparisons between groups of articles: intervals, exact tests, leave-one-out.

A verdict of the book ("A reads more negative than B") may state a direction
only when one of these criteria clears (:mod:`analysis.findings.verdicts`):

- :func:`bootstrap_difference`: the percentile interval of a difference of
  means (Efron & Tibshirani 1993). Sentences or hits of one article are not
  independent, so with ``clusters`` the resampling is two-stage: articles are
  drawn with replacement within each group, then units within each drawn
  article (Davison & Hinkley 1997, section 3.8). A group of one article keeps
  its within-article variation and loses nothing to the first stage.
- :func:`fisher_exact`: the two-sided exact test for a difference between two
  shares of counts (Fisher 1935), for counts that are not means.
- :func:`min_permutation_p` and :func:`articles_needed`: the smallest p-value
  an exact permutation test over articles can reach with groups of a given
  size (Good 2005), which sets how many articles a trend or group contrast
  needs before it can be called at all.
- :func:`leave_one_out`: the statistic with each article left out in turn,
  to say whether a single article carries a claim; in closed form, for
  thousands of articles, :func:`mean_difference_without_each` and
  :func:`share_counts_without_each`.
- :func:`benjamini_hochberg`: p-values adjusted for the number of tests made
  together, controlling the false discovery rate (Benjamini & Hochberg 1995),
  for counts of "significant" terms out of hundreds tested.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem


def _two_stage(values: np.ndarray, clusters: np.ndarray | None, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """``n_boot`` bootstrap means of ``values``, resampling clusters, then units within each drawn cluster.

    Within-cluster resamples are drawn ahead, ``n_boot`` per cluster, and each
    drawn cluster takes one of them at random: the same distribution as
    resampling afresh, in array operations. The units are sorted by cluster
    once (stably), so each cluster is a slice and the work grows with the
    number of units, not units × clusters.
    """
    if clusters is None:
        idx = rng.integers(0, len(values), size=(n_boot, len(values)))
        return values[idx].mean(axis=1)
    codes, uniques = pd.factorize(clusters)
    k = len(uniques)
    sizes = np.bincount(codes, minlength=k)
    grouped = values[np.argsort(codes, kind="stable")]  # each cluster's units together, in their order
    starts = np.concatenate(([0], np.cumsum(sizes)))
    sums = np.empty((k, n_boot))
    for c in range(k):
        member = grouped[starts[c] : starts[c + 1]]
        sums[c] = member[rng.integers(0, sizes[c], size=(n_boot, sizes[c]))].sum(axis=1)
    picked = rng.integers(0, k, size=(n_boot, k))
    which = rng.integers(0, n_boot, size=(n_boot, k))
    return sums[picked, which].sum(axis=1) / sizes[picked].sum(axis=1)


def bootstrap_difference(
    a,
    b,
    *,
    clusters_a=None,
    clusters_b=None,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> dict:
    """Difference of means ``mean(a) − mean(b)`` with a percentile bootstrap interval.

    ``clusters_a`` and ``clusters_b`` (same lengths as ``a`` and ``b``) name
    the article of each unit; with them the bootstrap is two-stage (see the
    module docstring). Missing values are dropped with their cluster labels.

    Returns
    -------
    dict with ``difference``, ``low``, ``high`` (the interval at ``level``),
    ``n_a``, ``n_b`` (units) and ``clusters_a``, ``clusters_b`` (articles; the
    unit counts when no clusters are given). An empty group gives NaN.

    Example
    -------
    >>> r = bootstrap_difference([1.0, 1.2, 0.9, 1.1], [0.0, 0.1, -0.1, 0.05], n_boot=500)
    >>> round(r["difference"], 3), r["low"] > 0
    (1.038, True)
    """
    if not 0 < level < 1:
        raise AnalysisInputError(Problem("bootstrap_difference()", None, "level", f"{level!r} is not between 0 and 1"))
    if n_boot < 1:
        raise AnalysisInputError(Problem("bootstrap_difference()", None, "n_boot", "must be at least 1"))
    groups = []
    for values, clusters, name in ((a, clusters_a, "a"), (b, clusters_b, "b")):
        values = np.asarray(values, dtype=float)
        if clusters is not None:
            clusters = np.asarray(clusters, dtype=object)
            if len(clusters) != len(values):
                raise AnalysisInputError(
                    Problem("bootstrap_difference()", None, f"clusters_{name}", "must be as long as the values")
                )
        keep = ~np.isnan(values)
        values = values[keep]
        clusters = clusters[keep] if clusters is not None else None
        groups.append((values, clusters))
    (va, ca), (vb, cb) = groups
    out = {
        "n_a": len(va),
        "n_b": len(vb),
        "clusters_a": len(set(ca)) if ca is not None else len(va),
        "clusters_b": len(set(cb)) if cb is not None else len(vb),
    }
    if len(va) == 0 or len(vb) == 0:
        return {"difference": np.nan, "low": np.nan, "high": np.nan, **out}
    rng = np.random.default_rng(seed)
    diffs = _two_stage(va, ca, rng, n_boot) - _two_stage(vb, cb, rng, n_boot)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(diffs, [tail, 100 - tail])
    return {"difference": float(va.mean() - vb.mean()), "low": float(low), "high": float(high), **out}


def interval_direction(low: float, high: float) -> int:
    """+1 when an interval lies above 0, −1 when below, 0 when it contains 0 (or is missing).

    Example
    -------
    >>> interval_direction(0.1, 0.4), interval_direction(-0.3, -0.01), interval_direction(-0.1, 0.2)
    (1, -1, 0)
    """
    if low is None or high is None or np.isnan(low) or np.isnan(high):
        return 0
    if low > 0:
        return 1
    if high < 0:
        return -1
    return 0


#: Up to this many units in all (``n1 + n2``), :func:`fisher_exact` sums exact rational probabilities;
#: above it, where big-integer binomials grow slow (a second at 4,000 units), it sums them in log space.
FISHER_EXACT_UP_TO = 1000
#: Tables no more probable than the observed one, up to this relative tolerance, count as "as extreme".
_FISHER_TIE = 1e-9


def _fisher_exact_integers(k1: int, n1: int, k2: int, n2: int) -> float:
    """The two-sided p-value from exact binomial coefficients (the definition, for up to a thousand units)."""
    total, hits = n1 + n2, k1 + k2
    denom = math.comb(total, n1)

    def prob(x: int) -> float:
        return math.comb(hits, x) * math.comb(total - hits, n1 - x) / denom

    observed = prob(k1)
    lo, hi = max(0, hits - n2), min(hits, n1)
    return min(1.0, sum(p for x in range(lo, hi + 1) if (p := prob(x)) <= observed * (1 + _FISHER_TIE)))


def _fisher_exact_logs(k1: int, n1: int, k2: int, n2: int) -> float:
    """The same p-value with the hypergeometric probabilities in log space, for any number of units.

    Walks the tables from the smallest possible ``x`` with the ratio of
    successive probabilities, ``P(x + 1) / P(x) = (K − x)(n1 − x) / ((x + 1)(n2 − K + x + 1))``
    (``K = k1 + k2``), in one cumulative sum of logs; the sum of the probabilities
    is 1, so the p-value is the ratio of two log-sum-exps, with no binomial
    coefficient computed.
    """
    hits = k1 + k2
    lo, hi = max(0, hits - n2), min(hits, n1)
    x = np.arange(lo, hi, dtype=float)
    steps = np.log(hits - x) + np.log(n1 - x) - np.log(x + 1) - np.log(n2 - hits + x + 1)
    logw = np.concatenate(([0.0], np.cumsum(steps)))
    top = logw.max()
    weights = np.exp(logw - top)
    extreme = logw <= logw[k1 - lo] + math.log1p(_FISHER_TIE)
    return min(1.0, float(weights[extreme].sum() / weights.sum()))


def fisher_exact(k1: int, n1: int, k2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test that ``k1/n1`` and ``k2/n2`` are the same share.

    Sums the hypergeometric probabilities of every table with the same
    margins that is no more probable than the one observed (up to a relative
    tolerance of 1e-9, so that equally probable tables tie). Up to
    :data:`FISHER_EXACT_UP_TO` units the probabilities are exact ratios of
    binomial coefficients; above it (a corpus of thousands of articles counts
    tens of thousands of actor mentions) they are summed in log space, which
    agrees with the exact sum to about 1e-12 and takes milliseconds.

    Example
    -------
    >>> round(fisher_exact(1, 4, 3, 4), 4), round(fisher_exact(9, 10, 1, 10), 5)
    (0.4857, 0.00109)
    >>> round(fisher_exact(10268, 29570, 9668, 28505), 3)  # 58,075 units, in milliseconds
    0.041
    """
    for name, k, n in (("k1", k1, n1), ("k2", k2, n2)):
        if not (0 <= k <= n):
            raise AnalysisInputError(Problem("fisher_exact()", None, name, f"{k} is not between 0 and {n}"))
    k1, n1, k2, n2 = int(k1), int(n1), int(k2), int(n2)
    if n1 + n2 == 0:
        return 1.0
    if n1 + n2 <= FISHER_EXACT_UP_TO:
        return _fisher_exact_integers(k1, n1, k2, n2)
    return _fisher_exact_logs(k1, n1, k2, n2)


def min_permutation_p(n1: int, n2: int) -> float:
    """The smallest two-sided p-value an exact permutation test can give with groups of n1 and n2 units.

    There are C(n1 + n2, n1) equally likely ways to split the units under the
    null hypothesis; the two most extreme splits (all the highest values in
    one group, or all in the other) are 2 of them, so p ≥ 2 / C(n1 + n2, n1).

    Example
    -------
    >>> min_permutation_p(1, 4), round(min_permutation_p(4, 4), 4)
    (0.4, 0.0286)
    """
    if n1 < 1 or n2 < 1:
        return 1.0
    return min(1.0, 2 / math.comb(n1 + n2, n1))


def articles_needed(*, alpha: float = 0.05) -> int:
    """The smallest n such that two groups of n articles each can reach a two-sided p below ``alpha``.

    Below it, no difference between the groups can be called significant by
    an exact test over articles, whatever the data.

    Example
    -------
    >>> articles_needed(), articles_needed(alpha=0.01)
    (4, 5)
    """
    n = 1
    while min_permutation_p(n, n) >= alpha:
        n += 1
    return n


def leave_one_out(table: pd.DataFrame, *, unit: str, statistic: Callable[[pd.DataFrame], float]) -> pd.DataFrame:
    """The statistic with each value of ``unit`` (an article id) left out in turn.

    Returns
    -------
    DataFrame with ``left_out`` (the unit's value) and ``value`` (the
    statistic on the other rows), one row per unit in order of appearance.

    Example
    -------
    >>> t = pd.DataFrame({"id": ["a", "a", "b", "c"], "x": [1.0, 3.0, 2.0, 10.0]})
    >>> leave_one_out(t, unit="id", statistic=lambda d: d["x"].mean()).values.tolist()
    [['a', 6.0], ['b', 4.666666666666667], ['c', 2.0]]
    """
    if unit not in table.columns:
        raise AnalysisInputError(Problem("leave_one_out()", None, "unit", f"no column {unit!r}"))
    units = pd.unique(table[unit])
    rows = [(u, statistic(table[table[unit] != u])) for u in units]
    return pd.DataFrame(rows, columns=["left_out", "value"])


def _per_cluster(weights, clusters, side: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros(k, dtype=np.asarray(weights).dtype)
    np.add.at(out, clusters[side], np.asarray(weights)[side])
    return out


def mean_difference_without_each(values, clusters, in_a) -> np.ndarray:
    """The difference of means ``mean(a) − mean(b)`` with each cluster (article) left out in turn, in closed form.

    ``clusters`` are integer codes ``0..k−1`` (as from ``pd.factorize``) and
    ``in_a`` marks the units of group a (the others are group b). Leaving a
    cluster out subtracts its sum and count from its group's: element ``c`` is
    ``(S_a − s_ac) / (N_a − n_ac) − (S_b − s_bc) / (N_b − n_bc)``, NaN when a
    group would be left empty.

    Example
    -------
    >>> mean_difference_without_each([1.0, 3.0, 2.0, 0.0], np.array([0, 1, 2, 2]), np.array([1, 1, 0, 0], bool)).tolist()
    [2.0, 0.0, nan]
    """
    values, clusters, in_a = np.asarray(values, dtype=float), np.asarray(clusters), np.asarray(in_a, dtype=bool)
    k = int(clusters.max()) + 1 if len(clusters) else 0
    means = []
    for side in (in_a, ~in_a):
        s, n = _per_cluster(values, clusters, side, k), _per_cluster(np.ones(len(values)), clusters, side, k)
        with np.errstate(divide="ignore", invalid="ignore"):
            means.append((values[side].sum() - s) / (side.sum() - n))
    return means[0] - means[1]


def share_counts_without_each(counts, totals, clusters, in_a) -> np.ndarray:
    """Each group's summed counts and totals with each cluster (article) left out in turn.

    Returns an integer array of shape ``(k, 4)``: for cluster code ``c``, the
    ``(count, total)`` of group a, then of group b, without it (the margins of
    :func:`fisher_exact` on the smaller data).

    Example
    -------
    >>> share_counts_without_each([1, 2, 5], [4, 4, 10], np.array([0, 1, 2]), np.array([1, 1, 0], bool)).tolist()
    [[2, 4, 5, 10], [1, 4, 5, 10], [3, 8, 0, 0]]
    """
    counts, totals = np.asarray(counts, dtype="int64"), np.asarray(totals, dtype="int64")
    clusters, in_a = np.asarray(clusters), np.asarray(in_a, dtype=bool)
    k = int(clusters.max()) + 1 if len(clusters) else 0
    columns = []
    for side in (in_a, ~in_a):
        for values in (counts, totals):
            columns.append(values[side].sum() - _per_cluster(values, clusters, side, k))
    return np.column_stack(columns) if k else np.zeros((0, 4), dtype="int64")


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values): a test is kept at false discovery rate ``q`` when its value is below ``q``.

    For the m p-values sorted ascending, ``q_(i) = min_{j ≥ i} (m · p_(j) / j)``,
    capped at 1 (Benjamini & Hochberg 1995). Missing values stay missing and
    are not counted in m.

    Example
    -------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.2]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.2]
    """
    values = np.asarray(p, dtype=float)
    out = np.full(values.shape, np.nan)
    ok = ~np.isnan(values)
    if not ok.any():
        return out
    if ((values[ok] < 0) | (values[ok] > 1)).any():
        raise AnalysisInputError(Problem("benjamini_hochberg()", None, "p", "p-values must lie between 0 and 1"))
    kept = values[ok]
    m = len(kept)
    order = np.argsort(kept, kind="mergesort")
    scaled = kept[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    result = np.empty(m)
    result[order] = adjusted
    out[ok] = result
    return out
