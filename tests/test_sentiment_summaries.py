"""Tests for analysis.sentiment.summaries. Expected values are worked out by hand in the comments."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import AnalysisInputError
from analysis.sentiment import (
    arc_halves,
    arc_overview,
    capitalised_terms,
    coverage_totals,
    intervals_off_zero,
    quote_overview,
    sentence_overview,
)


def _sentences():
    return pd.DataFrame(
        {
            "source": ["body", "body", "body", "embed", "body"],
            "in_quote": [False, True, False, True, False],
            "n_words": [12, 8, 5, 20, 1],
            # |tb| < 0.1: 0.0, -0.09, 0.05 -> 3 of 5
            "tb_polarity": [0.0, -0.09, 0.5, 0.05, -0.4],
            # |vader| < 0.1: 0.0999 -> 1 of 5; |vader| >= 0.5: -0.5, 0.9 -> 2 of 5
            "vader_compound": [0.0999, -0.5, 0.3, 0.9, -0.2],
        }
    )


def test_sentence_overview_by_hand():
    o = sentence_overview(_sentences())
    assert (o["n_sentences"], o["n_body"], o["n_embed"], o["n_quoted"], o["n_words"]) == (5, 4, 1, 2, 46)
    assert o["tb_near_zero"] == pytest.approx(3 / 5)
    assert o["vader_near_zero"] == pytest.approx(1 / 5)
    assert o["vader_strong"] == pytest.approx(2 / 5)


def test_sentence_overview_thresholds_and_empty_table():
    o = sentence_overview(_sentences(), near=0.3, strong=0.95)
    assert o["vader_near_zero"] == pytest.approx(2 / 5)  # 0.0999 and -0.2
    assert o["vader_strong"] == 0
    empty = sentence_overview(_sentences().iloc[:0])
    assert empty["n_sentences"] == 0 and empty["n_words"] == 0
    assert math.isnan(empty["tb_near_zero"]) and math.isnan(empty["vader_strong"])


def test_sentence_overview_names_a_missing_column():
    with pytest.raises(AnalysisInputError, match="sentence_overview"):
        sentence_overview(_sentences().drop(columns=["in_quote"]))


def test_intervals_off_zero_counts_only_intervals_clear_of_zero():
    docs = pd.DataFrame(
        {
            "measure": ["vader_compound"] * 4 + ["tb_polarity"] * 2,
            "mean_lo": [-0.6, -0.3, 0.0, 0.1, -0.9, 0.2],
            "mean_hi": [-0.2, 0.0, 0.4, 0.5, -0.5, 0.3],
        }
    )
    # VADER: [-0.6,-0.2] below; [-0.3,0.0] and [0.0,0.4] touch zero; [0.1,0.5] above
    assert intervals_off_zero(docs) == {"below": 1, "above": 1}
    assert intervals_off_zero(docs, measure="tb_polarity") == {"below": 1, "above": 1}


def _arcs():
    return pd.DataFrame(
        {
            "id": ["a", "a", "a", "a", "b", "b", "c"],
            "position": [0.1, 0.3, 0.5, 0.9, 0.2, 0.8, 0.6],
            "value": [-0.4, 0.2, 0.1, 0.5, 0.6, -0.2, 0.3],
        }
    )


def test_arc_halves_split_at_the_middle():
    h = arc_halves(_arcs()).set_index("id")
    # a: first (-0.4 + 0.2) / 2 = -0.1, second (0.1 + 0.5) / 2 = 0.3 (0.5 belongs to the second half): rises
    assert h.loc["a", "first_half"] == pytest.approx(-0.1) and h.loc["a", "second_half"] == pytest.approx(0.3)
    assert bool(h.loc["a", "rises"]) is True
    # b: 0.6 then -0.2: falls
    assert bool(h.loc["b", "rises"]) is False
    # c: no sentence in its first half
    assert math.isnan(h.loc["c", "first_half"]) and bool(h.loc["c", "rises"]) is False
    assert h["n_sentences"].tolist() == [4, 2, 1]


def test_arc_overview_leaves_out_articles_without_both_halves():
    assert arc_overview(_arcs()) == {"n_compared": 2, "n_rise": 1, "min_sentences": 1, "max_sentences": 4}


def test_arc_overview_of_no_arc_is_zero():
    assert arc_overview(_arcs().iloc[:0]) == {"n_compared": 0, "n_rise": 0, "min_sentences": 0, "max_sentences": 0}


def test_coverage_totals_sum_then_divide():
    cover = pd.DataFrame({"n_tokens": [30, 10], "tb_known": [3, 1], "tb_polar": [2, 0], "vader_known": [4, 4]})
    t = coverage_totals(cover)
    assert (t["n_tokens"], t["tb_known"], t["tb_polar"], t["vader_known"]) == (40, 4, 2, 8)
    # shares of all tokens (4/40), not the mean of the per-article shares (0.1 and 0.1 here, but 0.2/0.4 for VADER)
    assert t["tb_known_share"] == pytest.approx(0.1)
    assert t["tb_polar_share"] == pytest.approx(0.05)
    assert t["vader_known_share"] == pytest.approx(0.2)
    assert math.isnan(coverage_totals(cover.iloc[:0])["vader_known_share"])


def test_capitalised_terms_most_frequent_first_and_at_most_n():
    caps = pd.DataFrame({"token": ["Justice", "Security", "Security", "Council", "Security", "Justice"]})
    assert capitalised_terms(caps).to_dict("list") == {"token": ["Security", "Justice", "Council"], "count": [3, 2, 1]}
    assert capitalised_terms(caps, n=1)["token"].tolist() == ["Security"]
    assert capitalised_terms(caps.iloc[:0]).empty


def test_quote_overview_by_hand():
    sentences = pd.DataFrame(
        {
            "in_quote": [True, True, False, False, False],
            "vader_compound": [0.5, -0.1, -0.6, -0.2, 0.2],
            "tb_polarity": [0.2, 0.0, -0.3, 0.0, 0.0],
        }
    )
    sensitivity = pd.DataFrame({"n_quoted": [2, 0, 1], "shift": [-0.2, 0.0, 0.1]})
    o = quote_overview(sentences, sensitivity)
    assert (o["n_quoted"], o["n_unquoted"]) == (2, 3)
    assert o["vader_quoted"] == pytest.approx(0.2)  # (0.5 - 0.1) / 2
    assert o["vader_unquoted"] == pytest.approx(-0.2)  # (-0.6 - 0.2 + 0.2) / 3
    assert o["tb_quoted"] == pytest.approx(0.1) and o["tb_unquoted"] == pytest.approx(-0.1)
    # two articles quote; only the first falls without its quotes
    assert (o["n_articles"], o["n_lower"]) == (2, 1)


def test_quote_overview_without_quotes():
    sentences = pd.DataFrame({"in_quote": [False], "vader_compound": [0.3], "tb_polarity": [0.1]})
    o = quote_overview(sentences, pd.DataFrame({"n_quoted": [0], "shift": [0.0]}))
    assert o["n_quoted"] == 0 and math.isnan(o["vader_quoted"]) and o["vader_unquoted"] == pytest.approx(0.3)
    assert (o["n_articles"], o["n_lower"]) == (0, 0)
