"""Tests for analysis.stats: intervals in every direction, exact tests against hand values, leave-one-out."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from analysis.errors import AnalysisInputError
from analysis.stats import (
    FISHER_EXACT_UP_TO,
    _fisher_exact_integers,
    _fisher_exact_logs,
    _two_stage,
    articles_needed,
    benjamini_hochberg,
    bootstrap_difference,
    fisher_exact,
    interval_direction,
    leave_one_out,
    mean_difference_without_each,
    min_permutation_p,
    share_counts_without_each,
)


@pytest.mark.parametrize(
    "shift, expected",
    [(+1.0, 1), (-1.0, -1), (0.0, 0)],
)
def test_bootstrap_difference_turns_each_way(shift, expected):
    rng = np.random.default_rng(3)
    b = rng.normal(0, 0.2, 60)
    a = b[::-1] + shift  # the same spread; only the shift differs
    r = bootstrap_difference(a, b, n_boot=1000, seed=1)
    assert r["difference"] == pytest.approx(shift)
    assert interval_direction(r["low"], r["high"]) == expected
    assert r["low"] <= r["difference"] <= r["high"]


def test_clustered_interval_is_wider_when_articles_differ():
    # Group a: two articles, one all 0 and one all 1; group b: two articles at 0.5.
    # Sentences are not independent: the article, not the sentence, is what varies.
    a = [0.0] * 20 + [1.0] * 20
    ids_a = ["a1"] * 20 + ["a2"] * 20
    b = [0.45, 0.55] * 20
    ids_b = ["b1"] * 20 + ["b2"] * 20
    flat = bootstrap_difference(a, b, n_boot=2000, seed=0)
    clustered = bootstrap_difference(a, b, clusters_a=ids_a, clusters_b=ids_b, n_boot=2000, seed=0)
    assert flat["difference"] == clustered["difference"] == pytest.approx(0.0)
    assert (clustered["high"] - clustered["low"]) > 2 * (flat["high"] - flat["low"])
    assert (clustered["clusters_a"], clustered["clusters_b"]) == (2, 2)


def test_single_article_group_keeps_its_within_article_variation():
    r = bootstrap_difference([0.0, 1.0] * 10, [0.5] * 20, clusters_a=["x"] * 20, clusters_b=["y"] * 20, n_boot=500)
    assert r["low"] < 0 < r["high"]  # not a zero-width interval
    assert (r["clusters_a"], r["clusters_b"]) == (1, 1)


def test_missing_values_are_dropped_and_empty_groups_give_nan():
    r = bootstrap_difference([1.0, np.nan, 3.0], [1.0], n_boot=50)
    assert r["n_a"] == 2 and r["difference"] == pytest.approx(1.0)
    empty = bootstrap_difference([], [1.0], n_boot=50)
    assert math.isnan(empty["difference"]) and interval_direction(empty["low"], empty["high"]) == 0


@pytest.mark.parametrize("kwargs", [{"level": 1.5}, {"n_boot": 0}, {"clusters_a": ["x"]}])
def test_bootstrap_difference_refuses_bad_options(kwargs):
    with pytest.raises(AnalysisInputError):
        bootstrap_difference([1.0, 2.0], [1.0], **kwargs)


def test_fisher_exact_against_hand_computed_tables():
    # [[1, 3], [3, 1]]: P(x) = C(4,x)^2 / 70; tables no more probable than x=1: x in {0,1,3,4} -> 34/70
    assert fisher_exact(1, 4, 3, 4) == pytest.approx(34 / 70)
    # [[9, 1], [1, 9]]: (1 + 100 + 100 + 1) / C(20, 10)
    assert fisher_exact(9, 10, 1, 10) == pytest.approx(202 / 184756)
    assert fisher_exact(2, 4, 1, 2) == pytest.approx(1.0)  # the same share
    assert fisher_exact(1, 4, 3, 4) == pytest.approx(fisher_exact(3, 4, 1, 4))  # symmetric
    with pytest.raises(AnalysisInputError):
        fisher_exact(5, 4, 1, 4)


def test_minimum_permutation_p_and_the_articles_it_needs():
    assert min_permutation_p(1, 4) == pytest.approx(2 / 5)
    assert min_permutation_p(3, 3) == pytest.approx(2 / 20)
    assert min_permutation_p(4, 4) == pytest.approx(2 / 70)
    assert min_permutation_p(0, 4) == 1.0
    assert articles_needed(alpha=0.05) == 4  # 2/C(6,3) = 0.1 is too large, 2/C(8,4) = 0.029 is not
    assert articles_needed(alpha=0.2) == 3  # 2/C(4,2) = 0.33, 2/C(6,3) = 0.1


def test_leave_one_out_recomputes_without_each_article():
    t = pd.DataFrame({"id": ["a", "a", "b", "c"], "x": [1.0, 3.0, 2.0, 10.0]})
    out = leave_one_out(t, unit="id", statistic=lambda d: d["x"].sum())
    assert out.values.tolist() == [["a", 12.0], ["b", 14.0], ["c", 6.0]]
    with pytest.raises(AnalysisInputError):
        leave_one_out(t, unit="article", statistic=len)


def test_benjamini_hochberg_rejects_what_the_paper_rejects():
    # Benjamini & Hochberg (1995), section 4.3: 15 p-values; at q = 0.05 the procedure rejects the four smallest
    # (p_(4) = 0.0095 <= 4/15 * 0.05 = 0.0133, while p_(5) = 0.0201 > 0.0167 and no later one clears its line).
    p = [
        0.0001,
        0.0004,
        0.0019,
        0.0095,
        0.0201,
        0.0278,
        0.0298,
        0.0344,
        0.0459,
        0.3240,
        0.4262,
        0.5719,
        0.6528,
        0.7590,
        1.000,
    ]
    q = benjamini_hochberg(p[::-1])[::-1]  # order of input does not matter
    assert (q < 0.05).tolist() == [True] * 4 + [False] * 11
    # q_(4) = min over j >= 4 of 15 p_(j) / j: 15 * 0.0095 / 4 = 0.035625 is the smallest of those
    assert q[3] == pytest.approx(15 * 0.0095 / 4)
    assert q[-1] == 1.0


def test_benjamini_hochberg_keeps_missing_values_out_of_the_count():
    q = benjamini_hochberg([0.01, float("nan"), 0.02])
    # m = 2: q = (2 * 0.01 / 1 -> min(0.02, 0.02), 2 * 0.02 / 2 = 0.02)
    assert np.isnan(q[1]) and q[0] == pytest.approx(0.02) and q[2] == pytest.approx(0.02)
    assert benjamini_hochberg([]).size == 0
    with pytest.raises(AnalysisInputError, match="between 0 and 1"):
        benjamini_hochberg([1.5])


# --- the fast paths equal the direct definitions (issue #16: the book at 1,000 articles) ---


@st.composite
def _tables(draw, max_n=120):
    n1, n2 = draw(st.integers(0, max_n)), draw(st.integers(0, max_n))
    return draw(st.integers(0, n1)), n1, draw(st.integers(0, n2)), n2


@hsettings(max_examples=300, deadline=None)
@given(_tables())
def test_fisher_in_log_space_equals_the_exact_sum(table):
    k1, n1, k2, n2 = table
    if n1 + n2 == 0:
        return
    exact = _fisher_exact_integers(k1, n1, k2, n2)
    assert _fisher_exact_logs(k1, n1, k2, n2) == pytest.approx(exact, rel=1e-9, abs=1e-15)


def test_fisher_exact_switches_to_log_space_above_its_limit_and_stays_right():
    # the same shares on both sides: every table is as probable as the observed one or less, so p = 1
    n = FISHER_EXACT_UP_TO
    assert fisher_exact(n // 4, n // 2, n // 4, n // 2) == pytest.approx(1.0)
    assert fisher_exact(n, 2 * n, n, 2 * n) == pytest.approx(1.0)
    # all k1 on one side, none on the other: p = 2 / C(2m, m) by hand for m = 600 (two extreme tables)
    m = 600
    expected = 2 / math.comb(2 * m, m)
    assert fisher_exact(m, m, 0, m) == pytest.approx(expected, rel=1e-9)
    # the hand-made 58,075-unit table of the issue now returns (it used to run for minutes)
    assert 0.04 < fisher_exact(10268, 29570, 9668, 28505) < 0.042


def _two_stage_direct(values, clusters, rng, n_boot):
    """The session-4 loop: each cluster's units picked out by a mask (quadratic, the definition)."""
    codes, uniques = pd.factorize(clusters)
    k = len(uniques)
    sizes = np.bincount(codes, minlength=k)
    sums = np.empty((k, n_boot))
    for c in range(k):
        member = values[codes == c]
        sums[c] = member[rng.integers(0, sizes[c], size=(n_boot, sizes[c]))].sum(axis=1)
    picked = rng.integers(0, k, size=(n_boot, k))
    which = rng.integers(0, n_boot, size=(n_boot, k))
    return sums[picked, which].sum(axis=1) / sizes[picked].sum(axis=1)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.floats(-1, 1)), min_size=1, max_size=40), st.integers(0, 99))
def test_two_stage_bootstrap_with_slices_draws_exactly_as_the_masked_loop(units, seed):
    clusters = np.array([f"art{c}" for c, _ in units], dtype=object)
    values = np.array([v for _, v in units])
    fast = _two_stage(values, clusters, np.random.default_rng(seed), 50)
    direct = _two_stage_direct(values, clusters, np.random.default_rng(seed), 50)
    assert np.array_equal(fast, direct)


@st.composite
def _grouped(draw):
    n = draw(st.integers(2, 30))
    clusters = np.array(draw(st.lists(st.integers(0, 7), min_size=n, max_size=n)))
    clusters = pd.factorize(clusters)[0]
    in_a = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    values = np.array(draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n)), dtype=float)
    totals = np.array(draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))
    counts = np.array([draw(st.integers(0, t)) for t in totals])
    return clusters, in_a, values, counts, totals


@hsettings(max_examples=200, deadline=None)
@given(_grouped())
def test_mean_difference_without_each_equals_recomputing_without_it(data):
    clusters, in_a, values, _, _ = data
    fast = mean_difference_without_each(values, clusters, in_a)
    for c in range(clusters.max() + 1):
        keep = clusters != c
        a, b = values[keep & in_a], values[keep & ~in_a]
        direct = a.mean() - b.mean() if len(a) and len(b) else np.nan
        assert (np.isnan(fast[c]) and np.isnan(direct)) or fast[c] == pytest.approx(direct, abs=1e-12)


@hsettings(max_examples=200, deadline=None)
@given(_grouped())
def test_share_counts_without_each_equal_the_sums_without_it(data):
    clusters, in_a, _, counts, totals = data
    fast = share_counts_without_each(counts, totals, clusters, in_a)
    for c in range(clusters.max() + 1):
        keep = clusters != c
        direct = [counts[keep & in_a].sum(), totals[keep & in_a].sum(), counts[keep & ~in_a].sum()]
        assert fast[c].tolist() == [*direct, totals[keep & ~in_a].sum()]
