"""Tests of analysis/validation.py: agreement between coders.

Expected values are worked by hand from the formulas (written out beside each
test) or are the published values of Krippendorff's worked example.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.errors import AnalysisInputError
from analysis.evidence import agreement_table, cohen_kappa, krippendorff_alpha, pair_codings, percent_agreement

ORDER = ["negative", "neutral", "positive"]

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders (columns) × 12 units (rows).
NAN = None
KRIPPENDORFF_2011 = [
    [1, 1, NAN, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [NAN, 5, 5, 5],
    [NAN, NAN, 1, 1],
    [NAN, 3, NAN, NAN],
]


def test_cohen_kappa_two_by_two_by_hand():
    # 50 units: both yes 20, yes/no 5, no/yes 10, both no 15.
    # p_o = 35/50 = 0.7; coder a says yes 25/50, coder b 30/50: p_e = .5*.6 + .5*.4 = .5; kappa = .2/.5 = .4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert percent_agreement(a, b) == pytest.approx(0.7)
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_three_classes_by_hand():
    # a: neg neu pos neu ; b: neg neg pos neu -> 3 of 4 agree
    # marginals a (1, 2, 1), b (2, 1, 1): p_e = (2 + 2 + 1)/16 = 5/16; kappa = (3/4 - 5/16)/(11/16) = 7/11
    # alpha: pooled values neg 3, neu 3, pos 2 (n = 8); one disagreeing unit adds o[neu,neg] = o[neg,neu] = 1
    # alpha = 1 - (n-1) * 2 / (n^2 - sum n_c^2) = 1 - 7*2/(64 - 22) = 2/3
    a = ["negative", "neutral", "positive", "neutral"]
    b = ["negative", "negative", "positive", "neutral"]
    assert cohen_kappa(a, b) == pytest.approx(7 / 11)
    assert krippendorff_alpha(list(zip(a, b))) == pytest.approx(2 / 3)
    table = agreement_table(pd.DataFrame({"a": a, "b": b}), columns=["a", "b"], order=ORDER, n_boot=0)
    values = table.set_index("measure")["value"]
    assert values["agreement"] == 0.75
    assert values["cohen_kappa"] == pytest.approx(7 / 11)
    assert values["alpha_nominal"] == pytest.approx(2 / 3)


def test_ordinal_alpha_by_hand():
    # units (neg,neg) (neu,pos) (pos,pos) (pos,pos): totals neg 2, neu 1, pos 5, n = 8
    # ordinal delta(c,k) = (sum of n_g from c to k - (n_c + n_k)/2)^2:
    #   neg-neu (3 - 1.5)^2 = 2.25 ; neu-pos (6 - 3)^2 = 9 ; neg-pos (8 - 3.5)^2 = 20.25
    # observed sum o*delta = 2 * 9 = 18 ; expected sum n_c n_k delta = 2*(2*1*2.25 + 2*5*20.25 + 1*5*9) = 504
    # alpha = 1 - 7 * 18 / 504 = 0.75 ; nominal: 1 - 7 * 2 / (2*(2 + 10 + 5)) = 1 - 14/34
    rows = [("negative", "negative"), ("neutral", "positive"), ("positive", "positive"), ("positive", "positive")]
    assert krippendorff_alpha(rows, level="ordinal", order=ORDER) == pytest.approx(0.75)
    assert krippendorff_alpha(rows, level="nominal") == pytest.approx(1 - 14 / 34)
    table = pd.DataFrame(rows, columns=["a", "b"])
    values = agreement_table(table, columns=["a", "b"], order=ORDER, n_boot=0).set_index("measure")["value"]
    assert values["alpha_ordinal"] == pytest.approx(0.75)
    assert values["alpha_nominal"] == pytest.approx(1 - 14 / 34)


@pytest.mark.parametrize(
    "level, published", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)]
)
def test_krippendorff_published_example(level, published):
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level=level), 3) == published


def test_alpha_same_from_dataframe_and_with_nan():
    frame = pd.DataFrame(KRIPPENDORFF_2011, columns=list("ABCD")).astype(float)
    assert round(krippendorff_alpha(frame, level="nominal"), 3) == 0.743


def test_perfect_and_degenerate_agreement():
    assert krippendorff_alpha([[1, 1], [2, 2], [3, 3]], level="interval") == 1.0
    assert cohen_kappa(["a", "b"], ["a", "b"]) == 1.0
    # one value throughout: no variation, the coefficients are undefined
    assert math.isnan(krippendorff_alpha([["x", "x"], ["x", "x"]]))
    assert math.isnan(cohen_kappa(["x", "x"], ["x", "x"]))


def test_fast_two_coder_path_matches_general_alpha():
    rng = np.random.default_rng(7)
    for _ in range(50):
        n, k = int(rng.integers(3, 30)), int(rng.integers(2, 5))
        a = rng.integers(0, k, n)
        b = np.where(rng.random(n) < 0.6, a, rng.integers(0, k, n))
        table = pd.DataFrame({"a": a, "b": b})
        values = agreement_table(table, columns=["a", "b"], order=list(range(k)), n_boot=0).set_index("measure")[
            "value"
        ]
        for level in ("nominal", "ordinal"):
            general = krippendorff_alpha(table, level=level, order=list(range(k)))
            assert values[f"alpha_{level}"] == pytest.approx(general, nan_ok=True)
        # kappa from its formula, with each coder's own marginals
        p_o = float(np.mean(a == b))
        p_e = sum(np.mean(a == c) * np.mean(b == c) for c in range(k))
        expected = math.nan if math.isclose(p_e, 1.0) else (p_o - p_e) / (1 - p_e)
        assert values["cohen_kappa"] == pytest.approx(expected, nan_ok=True)
        assert cohen_kappa(a.tolist(), b.tolist()) == pytest.approx(expected, nan_ok=True)


def test_bootstrap_is_seeded_and_brackets_the_value():
    rng = np.random.default_rng(3)
    a = rng.choice(ORDER, 60)
    b = np.where(rng.random(60) < 0.7, a, rng.choice(ORDER, 60))
    table = pd.DataFrame({"r1": a, "r2": b, "tool": rng.choice(ORDER, 60)})
    one = agreement_table(table, columns=["r1", "r2", "tool"], order=ORDER, n_boot=300, seed=1)
    two = agreement_table(table, columns=["r1", "r2", "tool"], order=ORDER, n_boot=300, seed=1)
    pd.testing.assert_frame_equal(one, two)
    # three columns -> three pairs, four measures each
    assert len(one) == 12
    assert set(zip(one["first"], one["second"])) == {("r1", "r2"), ("r1", "tool"), ("r2", "tool")}
    assert (one["ci_low"] <= one["value"] + 1e-12).all() and (one["value"] <= one["ci_high"] + 1e-12).all()
    other = agreement_table(table, columns=["r1", "r2"], order=ORDER, n_boot=300, seed=2)
    assert not np.allclose(other["ci_low"], one["ci_low"][:4])


def test_pair_codings_refuses_units_coded_once_or_twice():
    a = pd.DataFrame({"id": ["x", "y", "z"], "label": ["neutral"] * 3})
    b = pd.DataFrame({"id": ["x", "y"], "label": ["neutral"] * 2})
    with pytest.raises(AnalysisInputError, match=r"field 'second': 1 unit\(s\) not coded here, e.g. \('z',\)"):
        pair_codings(a, b, keys=["id"], value="label", names=("first", "second"))
    twice = pd.DataFrame({"id": ["x", "x", "y", "z"], "label": ["neutral"] * 4})
    with pytest.raises(AnalysisInputError, match="field 'c2': 2 rows share their keys"):
        pair_codings(a, twice, keys=["id"], value="label", names=("c1", "c2"))
    with pytest.raises(AnalysisInputError, match="missing column"):
        pair_codings(a, b.rename(columns={"label": "tone"}), keys=["id"], value="label")


def test_bad_arguments_are_named():
    with pytest.raises(AnalysisInputError, match="level"):
        krippendorff_alpha([[1, 1]], level="circular")
    with pytest.raises(AnalysisInputError, match="needs order"):
        krippendorff_alpha([["a", "b"], ["b", "b"]], level="ordinal")
    with pytest.raises(AnalysisInputError, match="not in order"):
        krippendorff_alpha([["a", "z"]], level="ordinal", order=["a", "b"])
    with pytest.raises(AnalysisInputError, match="no unit has values from two coders"):
        krippendorff_alpha([[1, None], [None, 2]])
    with pytest.raises(AnalysisInputError, match="3 values for 2 units"):
        cohen_kappa(["a", "b"], ["a", "b", "c"])
    with pytest.raises(AnalysisInputError, match="missing value"):
        percent_agreement(["a", None], ["a", "b"])
    table = pd.DataFrame({"a": ["negative", "neutral"], "b": ["negative", "angry"]})
    with pytest.raises(AnalysisInputError, match=r"field 'b': value\(s\) 'angry' are not in order"):
        agreement_table(table, columns=["a", "b"], order=ORDER)
    with pytest.raises(AnalysisInputError, match="pair_codings"):
        agreement_table(pd.DataFrame({"a": ["x", None], "b": ["x", "y"]}), columns=["a", "b"])
    with pytest.raises(AnalysisInputError, match="two or more distinct columns"):
        agreement_table(table, columns=["a"])


def test_agreement_by_group_by_hand():
    # frame A: r1 1 1 0 0, r2 1 0 0 0 -> p_o 3/4; marginals r1 (2 ones, 2 zeros), r2 (1, 3):
    #   p_e = (2*1 + 2*3)/16 = 1/2 -> kappa = (3/4 - 1/2)/(1/2) = 1/2
    # frame B: r1 1 0, r2 1 0 -> perfect agreement, kappa 1
    table = pd.DataFrame({"frame": ["A"] * 4 + ["B"] * 2, "r1": [1, 1, 0, 0, 1, 0], "r2": [1, 0, 0, 0, 1, 0]})
    out = agreement_table(table, columns=["r1", "r2"], by="frame", n_boot=0)
    kappa = out[out["measure"] == "cohen_kappa"].set_index("frame")
    assert kappa.loc["A", "value"] == pytest.approx(0.5) and kappa.loc["B", "value"] == 1.0
    assert kappa.loc["A", "n"] == 4 and kappa.loc["B", "n"] == 2
    assert out.columns[0] == "frame"
    with pytest.raises(AnalysisInputError, match="missing column"):
        agreement_table(table, columns=["r1", "r2"], by="article")
