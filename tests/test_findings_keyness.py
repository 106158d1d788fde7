"""Tests for analysis.findings.keyness: the cross-check paragraphs and the reconciled significance counts."""

from __future__ import annotations

import pandas as pd

from analysis.findings import describe_keyness_paragraphs, describe_significance
from analysis.framing import KeynessChecks

COUNTS = {"n_tests": 40, "g2": 6, "g2_over": 3, "g2_over_adjusted": 1, "log_odds_over": 2, "log_odds_over_adjusted": 0}


def test_significance_sentence_reconciles_the_two_counts_and_gives_the_corrected_ones():
    text = describe_significance(COUNTS, n_groups=3)
    assert text.startswith(
        "G² gives p < 0.05 to 6 of the 40 (term, group) pairs it tests, of which 3 are over-uses; log-odds z "
        "exceeds 1.96 for 2 over-uses."
    )
    assert "the same test twice" not in text  # only said of two groups
    assert text.endswith(
        "Neither count is corrected for the 40 tests: after the Benjamini–Hochberg correction (false discovery "
        "rate 5%), 1 over-use remains under G² and none under log-odds z."
    )
    assert "the same test twice" in describe_significance(COUNTS, n_groups=2)
    assert describe_significance({**COUNTS, "n_tests": 0}, n_groups=2).startswith("No term reaches")


def _checks(n_groups=2):
    g2 = pd.DataFrame({"group": ["k", "k", "m", "m"], "p": [0.001, 0.3, 0.001, 0.3], "score": [12.0, 1.0, -12.0, -1.0]})
    lo = pd.DataFrame({"group": ["k", "k", "m", "m"], "p": [0.04, 0.5, 0.04, 0.5], "z": [2.05, 0.6, -2.05, -0.6]})
    overlap = pd.DataFrame({"group": ["k", "m"], "top": [10, 10], "shared": [8, 9], "share": [0.8, 0.9]})
    stab = pd.DataFrame(
        {"group": ["k", "m"], "alpha0": [10.0, 10.0], "shared_top": [8, 9], "top": [10, 10], "spearman": [0.98, 0.99]}
    )
    return KeynessChecks("crisis", n_groups, g2, overlap, stab, lo)


def test_keyness_paragraphs_with_two_groups():
    said = describe_keyness_paragraphs(_checks())
    # G²: 2 of 4 pairs p < 0.05, 1 over-use; BH over 4 tests: q = 4 * 0.001 / 2 = 0.002 -> kept.
    # log-odds: 1 over-use (z 2.05, p 0.04); BH: q = 4 * 0.04 / 2 = 0.08 -> not kept.
    assert said["g2"] == (
        "The comparison is by crisis. G² with Log Ratio gives a similar ranking: for every group, at least 80% of "
        "the ten log-odds terms with the highest z are also among G²'s top ten. G² gives p < 0.05 to 2 of the 4 "
        "(term, group) pairs it tests, of which 1 is an over-use; log-odds z exceeds 1.96 for 1 over-use. G² counts "
        "under-use as well as over-use (with two groups, a term over-used in one is under-used in the other: the "
        "same test twice), and it has no prior to shrink rare terms, so it calls more terms significant. Neither "
        "count is corrected for the 4 tests: after the Benjamini–Hochberg correction (false discovery rate 5%), 1 "
        "over-use remains under G² and none under log-odds z."
    )
    assert said["stability"] == (
        "Changing the prior's size barely changes the ranking: the other prior sizes keep at least 8 of each "
        "group's ten top terms, and the rank correlation of z over all terms is at least 0.98."
    )
    assert said["limit"] == "the top ten terms keep at least 8 of ten under other prior sizes."


def test_keyness_paragraphs_with_one_group_say_so_without_figures():
    said = describe_keyness_paragraphs(_checks(n_groups=1))
    assert "no ranking of terms to cross-check" in said["g2"]
    assert "n/a" not in " ".join(said.values())


def test_significance_sentence_when_nothing_survives_the_correction():
    text = describe_significance({**COUNTS, "g2_over_adjusted": 0}, n_groups=3)
    assert text.endswith("no over-use remains under G² and none under log-odds z.")
    assert "7 over-uses remain under G² and 2 under" in describe_significance(
        {**COUNTS, "g2_over_adjusted": 7, "log_odds_over_adjusted": 2}, n_groups=3
    )
