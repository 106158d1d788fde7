"""Tests for analysis.framing.collocations.collocation_ranks (collocations and kwic are tested in test_framing.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import AnalysisInputError
from analysis.framing import collocation_ranks


def ranking(group, ngrams, freqs):
    return pd.DataFrame(
        {
            "group": [group] * len(ngrams),
            "ngram": ngrams,
            "freq": freqs,
            "score": [10.0 - i for i in range(len(ngrams))],
            "rank": list(range(1, len(ngrams) + 1)),
        }
    )


def test_collocation_ranks_by_hand():
    pmi = pd.concat([ranking("G", ["deep concern", "calm talks"], [2, 3]), ranking("H", ["air strike"], [4])])
    lr = ranking("G", ["calm talks", "middle east"], [3, 5])
    table = collocation_ranks({"pmi": pmi, "lr": lr})
    assert table.columns.tolist() == ["group", "ngram", "freq", "rank_pmi", "rank_lr"]
    rows = {(g, n): (f, p, r) for g, n, f, p, r in table.itertuples(index=False)}
    # G: "calm talks" is 2nd by PMI and 1st by LR; "deep concern" only by PMI; "middle east" only by LR
    assert rows[("G", "calm talks")] == (3, 2, 1)
    assert rows[("G", "deep concern")][:2] == (2, 1) and math.isnan(rows[("G", "deep concern")][2])
    assert math.isnan(rows[("G", "middle east")][1]) and rows[("G", "middle east")][2] == 2
    assert rows[("G", "middle east")][0] == 5
    # H is found by PMI only
    assert rows[("H", "air strike")][:2] == (4, 1)
    # one row per group and n-gram, sorted by group then n-gram
    assert table[["group", "ngram"]].values.tolist() == [
        ["G", "calm talks"],
        ["G", "deep concern"],
        ["G", "middle east"],
        ["H", "air strike"],
    ]


def test_collocation_ranks_needs_a_ranking():
    with pytest.raises(AnalysisInputError, match="at least one ranking"):
        collocation_ranks({})
