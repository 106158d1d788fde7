"""Tests for the validation objects of analysis.evidence.sentiment: tone_validation and reader_agreement.

The data are in tests/sentiment_cases.py; every expected value is worked out by hand here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import AnalysisInputError
from analysis.evidence import reader_agreement, tone_validation

from .sentiment_cases import READER_1, READER_2, reader, sentences


@pytest.fixture
def validation():
    return tone_validation(sentences(), reader(READER_1, extra=True), ids=["a"])


def test_tone_validation_by_hand(validation):
    assert validation.labelled
    assert validation.n_file == 5  # the file's rows, including the article outside the corpus
    assert validation.labels["id"].tolist() == ["a"] * 4
    # TextBlob right on s0, s1, s3; VADER only on s0
    assert validation.metrics.loc["TextBlob", "accuracy"] == pytest.approx(0.75)
    assert validation.metrics.loc["VADER", "accuracy"] == pytest.approx(0.25)
    assert validation.majority_label == "neutral" and validation.majority_share == pytest.approx(0.5)
    assert validation.n_neutral == 2
    assert validation.neutral_as_negative == 2  # VADER calls s1 and s2 negative
    assert validation.matrices["TextBlob"].loc["neutral", "positive"] == 1  # s2
    assert validation.worst_neutral["text"] == "Two died."  # -0.7, the lowest neutral


def test_tone_validation_without_a_label_file():
    v = tone_validation(sentences(), None, ids=["a"])
    assert not v.labelled and v.n_file == 0
    assert v.predictions.empty and v.matrices == {} and v.worst_neutral is None


def test_tone_validation_when_the_file_labels_other_articles_only():
    v = tone_validation(sentences(), reader(READER_1, extra=True), ids=["b"])
    assert not v.labelled and v.n_file == 5


def test_tone_validation_without_neutral_labels_has_no_worst_neutral():
    v = tone_validation(sentences(), reader(["positive", "negative", "negative", "negative"]))
    assert v.n_neutral == 0 and v.worst_neutral is None
    assert v.majority_label == "negative" and v.majority_share == pytest.approx(0.75)


def test_reader_agreement_by_hand(validation):
    r = reader_agreement(validation, reader(READER_2, extra=True), ids=["a"], n_boot=0)
    assert r.coefficient("reader 1", "reader 2", "agreement")[0] == pytest.approx(0.75)
    # p_o = 3/4; p_e = .25*.25 + .5*.25 + .25*.5 = .3125; kappa = .4375 / .6875 = 7/11
    assert r.coefficient("reader 1", "reader 2", "cohen_kappa")[0] == pytest.approx(7 / 11)
    # reader 1 vs VADER: p_o = 1/4, p_e = .3125 -> -1/11; reader 2 vs VADER: p_o = 1/2, p_e = .375 -> 0.2
    assert r.coefficient("reader 1", "VADER", "cohen_kappa")[0] == pytest.approx(-1 / 11)
    assert r.coefficient("reader 2", "VADER", "cohen_kappa")[0] == pytest.approx(0.2)
    # reader 1 vs TextBlob 7/11, reader 2 vs TextBlob 3/11: the best tool kappa is 7/11
    assert r.best_tool_kappa() == pytest.approx(7 / 11)
    # both readers agree on s0, s2, s3: TextBlob right on s0 and s3, VADER on s0 only
    assert r.n_consensus == 3
    assert r.consensus.loc["TextBlob", "accuracy"] == pytest.approx(2 / 3)
    assert r.consensus.loc["VADER", "accuracy"] == pytest.approx(1 / 3)
    assert r.splits.to_dict("list") == {"reader 1": ["neutral"], "reader 2": ["negative"], "n": [1]}
    assert r.pairs.columns.tolist() == ["id", "source", "text", "reader 1", "reader 2", "TextBlob", "VADER"]


def test_reader_agreement_intervals_are_seeded(validation):
    one = reader_agreement(validation, reader(READER_2), n_boot=200, seed=7)
    two = reader_agreement(validation, reader(READER_2), n_boot=200, seed=7)
    pd.testing.assert_frame_equal(one.table, two.table)
    value, low, high = one.coefficient("reader 1", "reader 2", "agreement")
    assert low <= value <= high


def test_reader_agreement_without_a_second_reading(validation):
    assert reader_agreement(validation, None) is None
    assert reader_agreement(validation, reader(READER_2), ids=["b"]) is None  # covers no article of the corpus
    assert reader_agreement(tone_validation(sentences(), None), reader(READER_2)) is None


def test_reader_agreement_refuses_readings_of_different_sentences(validation):
    with pytest.raises(AnalysisInputError, match="reader 2"):
        reader_agreement(validation, reader(READER_2).iloc[:3])


def test_coefficient_names_an_unknown_pair(validation):
    r = reader_agreement(validation, reader(READER_2), n_boot=0)
    with pytest.raises(AnalysisInputError, match="cohen_kappa for reader 1 – nobody"):
        r.coefficient("reader 1", "nobody", "cohen_kappa")
