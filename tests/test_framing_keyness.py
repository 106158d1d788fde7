"""Tests for the keyness helpers the framing chapter calls: one-group fallback, over-used terms, overlap, cross-checks.

Expected values are worked out by hand from the formulas of Rayson & Garside
(2000) and Monroe, Colaresi & Quinn (2008), with the arithmetic in comments.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import AnalysisInputError
from analysis.framing import (
    KEYNESS_COLUMNS,
    STABILITY_COLUMNS,
    group_keyness,
    keyness,
    keyness_checks,
    over_used,
    top_term_overlap,
)

# After dropping stopwords: X = strike 2, talks 1 (n 3); Y = talks 1, calm 1 (n 2); Z = strike 1, calm 2 (n 3).
TINY = pd.DataFrame(
    {
        "id": ["x", "y", "z"],
        "crisis": ["k", "k", "k"],
        "outlet": ["X", "Y", "Z"],
        "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."],
    }
)


def test_group_keyness_is_keyness_with_two_groups_or_more():
    pd.testing.assert_frame_equal(
        group_keyness(TINY, by="outlet", min_count=1), keyness(TINY, by="outlet", min_count=1)
    )


def test_group_keyness_with_one_group_is_an_empty_table_with_keyness_columns():
    table = group_keyness(TINY, by="crisis")
    assert table.empty
    assert table.columns.tolist() == list(KEYNESS_COLUMNS)
    with pytest.raises(AnalysisInputError, match="no column 'colour'"):
        group_keyness(TINY, by="colour")


def test_over_used_keeps_the_first_positive_terms_of_each_group():
    table = pd.DataFrame(
        {
            "group": ["A", "A", "A", "A", "B"],
            "term": ["war", "talks", "calm", "peace", "war"],
            "z": [3.0, 2.0, 1.0, -1.0, -0.5],
        }
    )
    # A: the two best of war, talks, calm (z > 0); B has no term with z > 0, so no row
    assert over_used(table, top=2)[["group", "term"]].values.tolist() == [["A", "war"], ["A", "talks"]]
    assert over_used(table, top=10)["term"].tolist() == ["war", "talks", "calm"]


def test_top_term_overlap_by_hand():
    table = pd.DataFrame(
        {"group": ["A", "A", "A", "B"], "term": ["war", "talks", "calm", "war"], "z": [3.0, 2.0, 1.0, -1.0]}
    )
    other = pd.DataFrame({"group": ["A", "A", "A", "B"], "term": ["war", "calm", "talks", "war"], "z": [5, 4, -1, 2]})
    overlap = top_term_overlap(table, other, top=2).set_index("group")
    # A: top two {war, talks} against {war, calm}: 1 shared of 2 -> 0.5
    assert overlap.loc["A", ["top", "shared"]].tolist() == [2, 1]
    assert overlap.loc["A", "share"] == 0.5
    # B: no over-used term in `table` -> 0 of 0, share 0 (not a division by zero)
    assert overlap.loc["B", ["top", "shared", "share"]].tolist() == [0, 0, 0.0]


def test_keyness_checks_falls_back_to_outlets_and_agrees_with_g2_by_hand():
    checks = keyness_checks(TINY, alphas=(1.0,), top=1, min_count=1)
    # one crisis -> the outlets are compared
    assert (checks.by, checks.n_groups) == ("outlet", 3)
    # G² by hand, top term of each outlet (E = expected count, G² = 2 Σ O ln(O/E)):
    #   X strike: E_X = 3·3/8 = 1.125, E_rest = 1.875 -> 2(2 ln(2/1.125) + ln(1/1.875)) = 1.044
    #     X talks: E_X = 0.75, E_rest = 1.25 -> 2(ln(1/0.75) + ln(1/1.25)) = 0.129   -> strike leads
    #   Y talks: E_Y = 2·2/8 = 0.5 -> 2(ln 2 + ln(1/1.5)) = 0.575 ; Y calm: 2(ln(4/3) + 2 ln(2/2.25)) = 0.104
    #   Z calm: as X strike, 1.044 ; Z strike is under-used (1/3 < 2/5)
    top_g2 = over_used(checks.g2, top=1).set_index("group")["term"].to_dict()
    assert top_g2 == {"X": "strike", "Y": "talks", "Z": "calm"}
    assert checks.g2.loc[(checks.g2["group"] == "X") & (checks.g2["term"] == "strike"), "score"].item() == (
        pytest.approx(1.0443, abs=1e-4)
    )
    # log-odds leads with the same terms (keyness doctest), so each group shares its one top term
    assert checks.overlap["share"].tolist() == [1.0, 1.0, 1.0]
    assert checks.stability.columns.tolist() == list(STABILITY_COLUMNS)
    assert len(checks.stability) == 3  # three groups x one other prior size


def test_keyness_checks_prefers_crises_and_reports_one_group():
    two = TINY.assign(crisis=["k", "k", "m"])
    assert keyness_checks(two, min_count=1).by == "crisis"
    one = TINY.assign(outlet="X")
    checks = keyness_checks(one)
    assert (checks.by, checks.n_groups) == ("outlet", 1)
    assert checks.g2.empty and checks.overlap.empty and checks.stability.empty
    assert checks.stability.columns.tolist() == list(STABILITY_COLUMNS)
    with pytest.raises(AnalysisInputError, match="at least one column"):
        keyness_checks(TINY, by=[])


def test_significance_counts_by_hand():
    from analysis.framing import KeynessChecks, significance_counts

    # G²: 6 pairs; p < 0.05 for 4 (two over-uses: 0.001, 0.02; two under-uses). BH over 6 tests, sorted p:
    # 0.001, 0.001, 0.02, 0.02, 0.5, 0.5 -> q = 0.003, 0.003, 0.03, 0.03, 0.5, 0.5: both over-uses survive.
    g2 = pd.DataFrame({"p": [0.001, 0.001, 0.02, 0.02, 0.5, 0.5], "score": [10.0, -10.0, 5.0, -5.0, 0.4, -0.4]})
    # log-odds: over-uses z 2.2 (p 0.028) and 2.0 (p 0.046); BH over 6: q = 6 * 0.028 / 2 = 0.083 and
    # min(6 * 0.046 / 4, ...) = 0.069 -> none survives.
    lo = pd.DataFrame({"p": [0.028, 0.028, 0.046, 0.046, 0.9, 0.9], "z": [2.2, -2.2, 2.0, -2.0, 0.1, -0.1]})
    counts = significance_counts(KeynessChecks("crisis", 2, g2, pd.DataFrame(), pd.DataFrame(), lo))
    assert counts == {
        "n_tests": 6,
        "g2": 4,
        "g2_over": 2,
        "g2_over_adjusted": 2,
        "log_odds_over": 2,
        "log_odds_over_adjusted": 0,
    }
    without = significance_counts(KeynessChecks("crisis", 2, g2, pd.DataFrame(), pd.DataFrame()))
    assert without["log_odds_over"] == 0


WORDS = ("strike", "talks", "calm", "border", "missile", "envoy", "restraint", "militants")


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=2, max_size=9),
    n_groups=st.integers(min_value=2, max_value=4),
    method=st.sampled_from(["log_odds", "g2"]),
    ngram=st.sampled_from([1, 2]),
    min_count=st.integers(min_value=1, max_value=3),
    alpha0=st.sampled_from([1.0, 100.0]),
    storage=st.sampled_from(["pyarrow", "python"]),
)
def test_keyness_in_one_pass_equals_the_table_built_group_by_group(
    texts, n_groups, method, ngram, min_count, alpha0, storage
):
    """The matrix form (issue #16) gives the old per-group table exactly: same rows, order, values and types.

    With both of pandas' text storages: they take different paths to encode the terms and articles.
    """
    with pd.option_context("mode.string_storage", storage):
        _one_pass_equals_group_by_group(texts, n_groups, method, ngram, min_count, alpha0)


def _one_pass_equals_group_by_group(texts, n_groups, method, ngram, min_count, alpha0):
    from tests import reference

    corpus = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(len(texts))],
            "text": [" ".join(words) + "." for words in texts],
            "outlet": [f"O{i % n_groups}" for i in range(len(texts))],
        }
    )
    options = {"by": "outlet", "method": method, "ngram": ngram, "min_count": min_count, "alpha0": alpha0}
    try:
        expected = reference.keyness(corpus, **options)
    except AnalysisInputError as error:
        with pytest.raises(AnalysisInputError, match=re.escape(str(error).splitlines()[0])):
            keyness(corpus, **options)
        return
    got = keyness(corpus, **options)
    assert got.attrs == expected.attrs
    if expected.empty:  # no term reaches min_count: the old table's empty columns had odd types (object, float)
        assert got.empty and list(got.columns) == list(expected.columns)
        assert got["n_docs"].dtype == "int64"
        return
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_keyness_of_counts_given_in_any_order_equals_keyness_of_the_corpus(storage):
    """Counts made elsewhere (the batch command's workers), in any row order, give the same table, bit for bit."""
    from analysis.text import doc_term_counts

    with pd.option_context("mode.string_storage", storage):
        corpus = TINY.assign(id=["x", "y", "z"], text=["Strike strike talks.", "Talks calm.", "Strike calm calm."])
        corpus = corpus.astype({"id": "str", "text": "str"})
        # reversed: the articles' rows are no longer together in id order (z, y, x) and terms run backwards
        counts = doc_term_counts(corpus).iloc[::-1].reset_index(drop=True)
        counts = pd.concat([counts.iloc[::2], counts.iloc[1::2]], ignore_index=True)  # z's rows split apart
        expected = keyness(corpus, by="outlet", min_count=1)
        got = keyness(corpus.drop(columns="text"), by="outlet", min_count=1, counts=counts)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        # X = strike 2, talks 1: strike leads X
        assert got.loc[got["group"] == "X", "term"].iloc[0] == "strike"
        assert group_keyness(corpus.drop(columns="text"), by="outlet", min_count=1, counts=counts).equals(got)


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(
        st.lists(st.integers(min_value=0, max_value=3), min_size=len(WORDS), max_size=len(WORDS)),
        min_size=2,
        max_size=16,
    ),
    n_groups=st.integers(min_value=2, max_value=7),
    method=st.sampled_from(["log_odds", "g2"]),
    min_count=st.integers(min_value=1, max_value=4),
    storage=st.sampled_from(["pyarrow", "python"]),
)
def test_keyness_of_made_up_counts_equals_the_old_table(counts, n_groups, method, min_count, storage):
    """Made-up counts per article and word (zeros: the word is absent; small counts: many tied z), 2 to 7 groups.

    The ordering by ranks of distinct z and the in-place arithmetic give the old table exactly.
    """
    texts = [[word for word, n in zip(WORDS, row, strict=True) for _ in range(n)] or ["strike"] for row in counts]
    with pd.option_context("mode.string_storage", storage):
        _one_pass_equals_group_by_group(texts, n_groups, method, 1, min_count, 100.0)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.integers(min_value=1, max_value=6),
    values=st.lists(
        st.sampled_from([0.0, -0.0, 1.5, -1.5, 2.0, float("nan"), float("inf"), -float("inf"), 1e-300]),
        max_size=60,
    ),
)
def test_descending_order_is_a_stable_sort_of_minus_z(rows, values):
    """Ties, NaN and signed zeros keep the terms' order, as ``np.argsort(-z, kind="stable")`` keeps it."""
    import numpy as np

    from analysis.framing.keyness import _descending_order

    z = np.array(values[: len(values) // rows * rows], dtype=float).reshape(rows, -1)
    np.testing.assert_array_equal(_descending_order(z), np.argsort(-z, axis=1, kind="stable"))
