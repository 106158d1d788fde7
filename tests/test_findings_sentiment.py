"""Tests for analysis.findings.sentiment: every branch of every sentence, expected texts written by hand."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from analysis.evidence import reader_agreement, tone_validation
from analysis.findings import (
    NO_LABELS,
    NO_LABELS_HERE,
    NO_SECOND_READER,
    describe_capitalised,
    describe_crisis_difference,
    describe_crisis_tone,
    describe_quotes,
    describe_rank_strength,
    describe_readers,
    describe_tool_agreement,
    describe_validation,
)

from .sentiment_cases import READER_1, READER_2, reader, sentences

DISAGREE = "When two tools built for the same job disagree this often, neither can be read as the tone."
AGREE = (
    "The tools mostly agree here, but agreement between two lexicons is not evidence that either reads tone correctly."
)


@pytest.mark.parametrize(
    "rho, expected",
    [(0.0, "is weak"), (-0.29, "is weak"), (0.3, "is moderate"), (-0.59, "is moderate"), (0.6, "is strong")],
)
def test_rank_strength_bands(rho, expected):
    assert describe_rank_strength(rho) == expected


def test_rank_strength_without_rho():
    assert describe_rank_strength(math.nan) == "cannot be measured"


def test_tool_agreement_needs_both_rank_and_class_agreement():
    assert describe_tool_agreement(0.7, 0.8) == AGREE
    assert describe_tool_agreement(-0.7, 0.9) == AGREE  # a strong correlation either way
    assert describe_tool_agreement(0.7, 0.79) == DISAGREE
    assert describe_tool_agreement(0.59, 0.95) == DISAGREE
    assert describe_tool_agreement(math.nan, 1.0) == DISAGREE


def test_capitalised_list():
    terms = pd.DataFrame({"token": ["United", "Security"], "count": [4, 1]})
    assert describe_capitalised(terms) == "“United” (4×), “Security” (1×)"
    assert describe_capitalised(terms.iloc[:0]) == "none"


def _quotes(n_quoted, n_unquoted, quoted, own):
    return {
        "n_quoted": n_quoted,
        "n_unquoted": n_unquoted,
        "vader_quoted": quoted,
        "vader_unquoted": own,
        "tb_quoted": 0.0,
        "tb_unquoted": -0.1,
        "n_articles": 2,
        "n_lower": 1,
    }


def _contrast(key, direction, *, a="quoted", b="own", source="tool", value_a=0.1, value_b=-0.2, articles=3):
    low, high = {1: (0.1, 0.5), -1: (-0.5, -0.1), 0: (-0.2, 0.4)}[direction]
    return {
        "source": source, "key": key, "a": a, "b": b, "value_a": value_a, "value_b": value_b,
        "difference": value_a - value_b, "low": low, "high": high, "p": math.nan, "direction": direction,
        "articles_a": articles, "articles_b": articles, "units_a": 20, "units_b": 60,
        "criterion": "95% interval of the difference excludes 0", "loo_checked": True, "loo_changes": "",
    }  # fmt: skip


@pytest.mark.parametrize(
    "direction, said",
    [
        (1, "By the mean VADER sentence score, quoted material reads more positive than the outlets' own sentences"),
        (-1, "By the mean VADER sentence score, quoted material reads more negative than the outlets' own sentences"),
        (0, "By the mean VADER sentence score, there is no detectable difference between quoted material and the "
            "outlets' own sentences"),
    ],
)  # fmt: skip
def test_quotes_are_a_contrast_each_way(direction, said):
    contrasts = pd.DataFrame(
        [_contrast("vader", direction), _contrast("textblob", 0), _contrast("vader", 0, source="hand")]
    )
    text = describe_quotes(_quotes(3, 5, 0.1, -0.2), contrasts)
    assert text.startswith(
        "The 3 quoted sentences average +0.10 (VADER) and 0.00 (TextBlob); the other 5 sentences average -0.20 "
        "and -0.10. "
    )
    assert said in text
    # the hand labels' check stands beside the VADER verdict
    hand = "also finds no detectable difference" if direction == 0 else "does not agree: it finds no detectable"
    assert f"The hand labelling of sentences, which measures the same quantity, {hand}" in text
    assert text.endswith("Quoted material appears in 2 articles; in 1 of them the mean VADER score falls once the "
                         "quotes are left out.")  # fmt: skip


def test_quotes_with_none_on_one_side():
    assert describe_quotes(_quotes(0, 5, math.nan, 0.1), pd.DataFrame()) == (
        "This corpus has no quoted sentence, so the effect of quotes cannot be measured here."
    )
    assert describe_quotes(_quotes(4, 0, 0.2, math.nan), pd.DataFrame()) == (
        "Every sentence of this corpus is quoted, so there are no sentences of the outlets' own to compare."
    )


def _crisis_docs(rows):
    """rows: (crisis, vader mean, lo, hi, n sentences, textblob mean)."""
    records = []
    for name, mean, lo, hi, n, tb in rows:
        records.append((name, "vader_compound", mean, lo, hi, n))
        records.append((name, "tb_polarity", tb, tb - 0.1, tb + 0.1, n))
    return pd.DataFrame(records, columns=["crisis_label", "measure", "mean", "mean_lo", "mean_hi", "n_sentences"])


def test_crisis_tone_list():
    docs = _crisis_docs([("A", -0.2, -0.4, 0.03, 17, 0.0), ("B", -0.21, -0.31, -0.11, 1, 0.0)])
    assert describe_crisis_tone(docs, {"A": 1, "B": 4}) == (
        "A: -0.20 [-0.40, +0.03] over 17 sentences in 1 article; B: -0.21 [-0.31, -0.11] over 1 sentence in 4 articles"
    )


def test_crisis_difference_with_one_crisis():
    empty = pd.DataFrame(columns=["source", "key", "a", "b", "direction"])
    assert describe_crisis_difference(empty) == "With fewer than two crises there is nothing to contrast."


@pytest.mark.parametrize("vader, textblob", [(1, 1), (-1, 0), (0, 0)])
def test_crisis_difference_is_the_contrasts_verdict_by_each_tool(vader, textblob):
    rows = [
        _contrast("vader", vader, a="A", b="B", value_a=-0.2, value_b=-0.21, articles=1),
        _contrast("textblob", textblob, a="A", b="B", value_a=-0.02, value_b=0.0, articles=1),
        _contrast("vader", -1, a="A", b="B", source="hand", value_a=-0.47, value_b=0.03, articles=1),
        _contrast("textblob", -1, a="A", b="B", source="hand", value_a=-0.47, value_b=0.03, articles=1),
    ]
    text = describe_crisis_difference(pd.DataFrame(rows), labels={"A": "Crisis A", "B": "Crisis B"})
    words = {1: "Crisis A reads more positive than Crisis B", -1: "Crisis A reads more negative than Crisis B",
             0: "there is no detectable difference between Crisis A and Crisis B"}  # fmt: skip
    assert f"By the mean VADER sentence score, {words[vader]} (-0.20 against -0.21;" in text
    assert f"By the mean TextBlob sentence score, {words[textblob]} (-0.02 against 0.00;" in text
    assert "Each side is a single article" in text
    # the hand labels put B higher: they agree only where the tool does too
    assert text.count("The hand labelling of sentences, which measures the same quantity,") == 2
    assert ("points the same way" in text) == (-1 in (vader, textblob))
    assert "rank" not in text and "order" not in text  # no ordering of point values


def test_validation_texts_by_hand():
    v = tone_validation(sentences(), reader(READER_1, extra=True), ids=["a"])
    t = describe_validation(v, n_sentences=4)
    assert t["n"] == "4" and t["n_file"] == "5"
    assert t["scope"] == "4 sentences from 1 article"
    assert t["coverage"] == "The labels cover every sentence of the corpus."
    assert (t["accuracy_textblob"], t["accuracy_vader"]) == ("0.75", "0.25")
    # TextBlob recall of neutral: s1 right, s2 wrong -> 50%; VADER calls both neutral sentences negative -> 0%
    assert (t["neutral_recall_textblob"], t["neutral_recall_vader"]) == ("50%", "0%")
    assert (t["majority"], t["majority_label"]) == ("50%", "neutral")
    assert (t["neutral_as_negative"], t["n_neutral"]) == ("2", "2")
    assert (t["worst_text"], t["worst_score"]) == ("Two died.", "-0.70")
    # best accuracy 0.75 against a baseline of 0.5: 25 points, at least 15, so "a clear margin"
    assert t["baseline"] == "The better tool beats that baseline by 25 percentage points of accuracy, a clear margin."
    assert describe_validation(v, n_sentences=9)["coverage"] == "The labels cover part of the corpus's sentences."


def test_validation_baseline_branches():
    # all four labelled negative: baseline 100%, no tool can beat it
    v = tone_validation(sentences(), reader(["negative"] * 4))
    t = describe_validation(v, n_sentences=4)
    assert t["baseline"] == "Neither tool does better than that baseline."
    # no sentence labelled neutral: nothing to quote
    assert (t["n_neutral"], t["worst_text"], t["worst_score"]) == ("0", "—", "n/a")
    # three neutral, one positive: baseline 75%; TextBlob [pos, neu, pos, neg] right on s0, s1 -> 50%;
    # VADER [pos, neg, neg, neu] right on s0, s3 -> 50%: no better
    v = tone_validation(sentences(), reader(["positive", "neutral", "neutral", "neutral"]))
    assert describe_validation(v, n_sentences=4)["baseline"] == "Neither tool does better than that baseline."
    # labels equal to TextBlob's classes: 100% against a baseline of 50% (two positive)
    v = tone_validation(sentences(), reader(["positive", "neutral", "positive", "negative"]))
    assert describe_validation(v, n_sentences=4)["baseline"] == (
        "The better tool beats that baseline by 50 percentage points of accuracy, a clear margin."
    )


def test_validation_baseline_small_margin():
    v = tone_validation(sentences(), reader(READER_1))
    metrics = v.metrics.copy()
    metrics["accuracy"] = [0.42, 0.49]  # TextBlob, VADER
    small = dataclasses.replace(v, metrics=metrics, majority_share=0.44)
    # 0.49 - 0.44 = 5 points, under 15
    assert describe_validation(small, n_sentences=4)["baseline"] == (
        "The better tool beats that baseline by 5 percentage points of accuracy."
    )


def test_validation_without_labels_says_so_once_and_prints_no_figure():
    t = describe_validation(tone_validation(sentences(), None), n_sentences=4)
    assert t["coverage"] == NO_LABELS
    assert "no hand sentiment labels" in NO_LABELS
    assert {k: v for k, v in t.items() if k != "coverage"} == dict.fromkeys(set(t) - {"coverage"}, "n/a")


def test_validation_when_the_file_labels_other_articles_only():
    t = describe_validation(tone_validation(sentences(), reader(READER_1, extra=True), ids=["b"]), n_sentences=4)
    assert t["coverage"] == NO_LABELS_HERE and t["n_file"] == "n/a" and t["accuracy_vader"] == "n/a"


def test_reader_texts_by_hand():
    v = tone_validation(sentences(), reader(READER_1))
    t = describe_readers(reader_agreement(v, reader(READER_2), n_boot=0), v)
    assert t["second_reader"].startswith("A second reader labelled the same sentences")
    assert t["pct_readers"] == "75%"
    assert t["k_readers"] == "0.64"  # 7/11, no bootstrap so no interval
    assert t["k_vader"] == "-0.09 and 0.20"  # -1/11 and 0.2
    assert t["k_textblob"] == "0.64 and 0.27"  # 7/11 and 3/11
    assert t["top_disagreement"] == (
        "The commonest split, 1 of the 1 disagreements, is a sentence reader 1 called neutral and reader 2 negative."
    )
    # the readers' interval is undefined without a bootstrap, so the tools are not shown to sit further away
    assert t["tools_vs_readers"] == (
        "At least one tool agrees with a reader about as well as the readers agree with each other:"
    )
    assert (t["n_consensus"], t["acc_textblob_consensus"], t["acc_vader_consensus"]) == ("3", "0.67", "0.33")
    # gains: TextBlob 2/3 - 3/4 < 0, VADER 1/3 - 1/4 = 0.083 < 0.1
    assert t["consensus"].startswith("barely above their accuracy on all sentences")


def test_reader_texts_when_the_readers_never_disagree():
    v = tone_validation(sentences(), reader(READER_1))
    t = describe_readers(reader_agreement(v, reader(READER_1), n_boot=0), v)
    assert t["top_disagreement"] == "The readers never disagree."
    assert t["pct_readers"] == "100%"
    # consensus = all sentences: no gain
    assert t["consensus"].startswith("no higher than their accuracy on all sentences")


def test_reader_texts_without_a_second_reader():
    v = tone_validation(sentences(), reader(READER_1))
    t = describe_readers(None, v)
    assert t["second_reader"] == NO_SECOND_READER
    assert {k for k, value in t.items() if value != "n/a"} == {"second_reader"}


def test_reader_texts_without_any_labels_do_not_say_it_again():
    t = describe_readers(None, tone_validation(sentences(), None))
    assert t["second_reader"] == ""
    assert {k for k, value in t.items() if value != "n/a"} == {"second_reader"}


# ----------------------------------------------------------------------------- the paragraphs a page glues


@pytest.mark.parametrize("readers", [0, 1, 2])
def test_sentiment_validation_paragraphs_never_print_a_missing_figure(readers):
    from analysis.findings import NO_LABELS, describe_sentiment_validation

    first = reader(READER_1) if readers else None
    v = tone_validation(sentences(), first, ids=["a"])
    agreement = reader_agreement(v, reader(READER_2), ids=["a"], n_boot=50) if readers == 2 else None
    said = describe_sentiment_validation(describe_validation(v, n_sentences=4), describe_readers(agreement, v))
    assert not any("n/a" in t for t in said.values()), said
    if readers == 0:
        assert said["labels"] == NO_LABELS
        assert (said["baseline"], said["readers"]) == ("", "")
        assert (
            said["limit_validation"]
            == "No reader has labelled this corpus's sentences, so neither tool is checked on it."
        )
        assert "every sentence" not in " ".join(said.values())
        return
    assert said["labels"].startswith("One reader labelled 4 sentences from 1 article as negative, neutral or positive")
    assert said["baseline"].startswith(
        "Always guessing the most common label (neutral) would be right 50% of the time."
    )
    assert said["baseline"].endswith("the most negative of them (-0.70) reads: “Two died.”")
    assert said["limit_accuracy"] == "Against one careful reading they reach accuracy 0.75 (TextBlob) and 0.25 (VADER)."
    if readers == 1:
        assert (
            said["readers"] == "No second reading covers the articles of this corpus, so no agreement can be computed."
        )
        assert said["limit_validation"].startswith("One reader labelled 4 sentences from 1 article; with no second")
        assert "Two readers" not in said["limit_validation"]
    else:
        # 3 of 4 sentences alike
        assert "The two readers give the same label to 75% of the sentences: Cohen's κ " in said["readers"]
        assert said["limit_validation"].startswith("Two readers labelled 4 sentences from 1 article (75% agreement, κ ")
        assert said["summary"].startswith("4 sentences from 1 article: accuracy 0.75 and macro-F1 ")


def test_quotes_of_a_single_article_say_so_in_words_that_fit():
    contrasts = pd.DataFrame([_contrast("vader", 0, articles=1), _contrast("textblob", 0, articles=1)])
    text = describe_quotes({**_quotes(1, 13, 0.0, -0.13), "n_articles": 1, "n_lower": 0}, contrasts)
    assert "Each side comes from a single article, so this compares two texts" in text
    assert "is a single article" not in text
    assert text.endswith("Quoted material appears in 1 article, whose mean VADER score does not fall once the quotes "
                         "are left out.")  # fmt: skip
