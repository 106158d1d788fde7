"""Tests for analysis.book.sentiment: the tone chapter's labels, colours and tables as shown."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.book import (
    actor_tone_display,
    article_colors,
    article_labels,
    contributors_display,
    coverage_display,
    format_day,
    in_article_order,
    quote_display,
    reader_agreement_display,
    tone_display,
    tool_agreement_display,
    validation_figure,
)
from analysis.evidence import reader_agreement, tone_validation

from .sentiment_cases import READER_1, READER_2, reader, sentences


def _corpus(**changes):
    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "outlet": ["Newsweek", "The Diplomat", "Newsweek"],
            "date": pd.to_datetime(["2024-01-17", "2024-02-01", "2024-01-19"]),
            "date_precision": ["day", "month", "day"],
        }
    )
    return corpus.assign(**changes)


def test_format_day_follows_the_precision():
    assert format_day(pd.Timestamp("2024-01-07"), "day") == "2024-01-07"
    assert format_day(pd.Timestamp("2024-01-07"), "month") == "2024-01"


def test_article_labels_by_outlet_and_date():
    assert article_labels(_corpus()) == {
        "a": "Newsweek, 2024-01-17",
        "b": "The Diplomat, 2024-02",
        "c": "Newsweek, 2024-01-19",
    }


def test_article_labels_fall_back_to_ids_when_two_would_read_alike():
    same_day = _corpus(date=pd.Timestamp("2024-01-17"), date_precision="day")  # a and c: "Newsweek, 2024-01-17"
    assert article_labels(same_day) == {"a": "Newsweek, a", "b": "The Diplomat, b", "c": "Newsweek, c"}


def test_article_colors_follow_the_outlet():
    from analysis.figures.theme import set_palette

    set_palette(crises=[], outlets=["Newsweek"], fixed_outlets={"Newsweek": "#0072B2"})
    try:
        colors = article_colors(_corpus())
    finally:
        set_palette(crises=[], outlets=[])
    assert colors["a"] == colors["c"] != colors["b"]
    assert colors["a"] == "#0072B2"  # the colour registered for Newsweek


def test_in_article_order():
    table = pd.DataFrame({"id": ["c", "x", "a", "c", "b"], "k": [2, 0, 0, 1, 0]})
    out = in_article_order(table, ["a", "b", "c"], then=["k"])
    assert out.values.tolist() == [["a", 0], ["b", 0], ["c", 1], ["c", 2], ["x", 0]]  # unknown ids last


def _docs(groups, by="outlet"):
    rows = []
    for name, mean in groups:
        for measure, m in (("vader_compound", mean), ("tb_polarity", 0.05)):
            rows.append(
                {
                    by: name,
                    "measure": measure,
                    "n_sentences": 12,
                    "n_words": 1234,
                    "mean": m,
                    "mean_lo": m - 0.1,
                    "mean_hi": m + 0.1,
                    "wmean": m,
                    "wmean_lo": math.nan,
                    "wmean_hi": math.nan,
                    "share_neg": 0.5,
                    "share_neu": 0.25,
                    "share_pos": 0.25,
                }
            )
    return pd.DataFrame(rows)


def test_tone_display_with_one_outlet():
    shown = tone_display(_docs([("Newsweek", -0.2)]), by="outlet", articles={"Newsweek": 2})
    assert shown.columns.tolist()[:4] == ["outlet", "articles", "sentences", "words incl. posts"]
    row = shown.iloc[0]
    assert row["VADER mean [95% CI]"] == "-0.20 [-0.30, -0.10]"
    assert row["VADER word-weighted"] == "-0.20"  # no interval for it here
    assert row["VADER neg / neu / pos"] == "50% / 25% / 25%"
    assert row["TextBlob mean [95% CI]"] == "+0.05 [-0.05, +0.15]"
    assert (int(row["articles"]), int(row["words incl. posts"])) == (2, 1234)


def test_tone_display_renames_the_group_and_keeps_the_order_of_docs():
    docs = _docs([("Beta", math.nan), ("Alpha", 0.1)], by="crisis_label")
    shown = tone_display(docs, by="crisis_label", name="crisis")
    assert shown.columns.tolist()[:2] == ["crisis", "sentences"]  # no articles column without articles
    assert shown["crisis"].tolist() == ["Beta", "Alpha"]
    assert shown["VADER mean [95% CI]"].tolist() == ["—", "+0.10 [0.00, +0.20]"]


def test_actor_tone_display():
    wide = pd.DataFrame({"actor": ["iran", "hamas"], "sentences": [7, 3], "P": ["x", math.nan], "Q": [math.nan, "y"]})
    shown = actor_tone_display(wide, labels={"iran": "Iran"})
    assert shown.values.tolist() == [["Iran", 7, "x", "not mentioned"], ["hamas", 3, "not mentioned", "y"]]
    assert actor_tone_display(wide.iloc[:0])["actor"].tolist() == ["(no actor mentioned in a body sentence)"]


def test_tool_agreement_display():
    agree = pd.DataFrame(
        {
            "group": ["all", "Beta"],
            "n_sentences": [112, 2],
            "spearman": [0.2468, math.nan],
            "sign_agreement": [0.4464, 1.0],
            "n_opposite": [15, 0],
        }
    )
    assert tool_agreement_display(agree).to_dict("list") == {
        "sentences of": ["all", "Beta"],
        "sentences": [112, 2],
        "Spearman ρ": ["0.25", "—"],
        "same class": ["45%", "100%"],
        "opposite signs": [15, 0],
    }


def test_coverage_display():
    cover = pd.DataFrame(
        {
            "id": ["a", "b"],
            "n_tokens": [200, 0],
            "tb_known": [16, 0],
            "tb_polar": [10, 0],
            "vader_known": [20, 0],
            "tb_known_share": [0.08, math.nan],
            "tb_polar_share": [0.05, math.nan],
            "vader_known_share": [0.1, math.nan],
        }
    )
    shown = coverage_display(cover, labels={"a": "A", "b": "B"})
    assert shown.values.tolist() == [
        ["A", 200, "16 (8%)", "10 (5%)", "20 (10%)"],
        ["B", 0, "0 (—)", "0 (—)", "0 (—)"],
    ]


def test_contributors_display():
    summary = pd.DataFrame({"id": ["a"], "tool": ["VADER"], "negative": ["killed (×2, -6.0)"], "positive": ["—"]})
    shown = contributors_display(summary, labels={"a": "A"})
    assert shown.values.tolist() == [["A", "VADER", "killed (×2, -6.0)", "—"]]
    assert "id" in summary.columns  # the input is not changed


def test_quote_display():
    sens = pd.DataFrame(
        {
            "id": ["a", "b"],
            "n_sentences": [10, 4],
            "n_quoted": [3, 0],
            "mean_all": [-0.2, 0.1],
            "mean_quotes": [0.1, math.nan],
            "mean_no_quotes": [-0.33, 0.1],
            "no_quotes_lo": [-0.5, -0.1],
            "no_quotes_hi": [-0.1, 0.3],
            "shift": [-0.13, 0.0],
        }
    )
    assert quote_display(sens, labels={"a": "A", "b": "B"}).values.tolist() == [
        ["A", 10, 3, "-0.20", "+0.10", "-0.33 [-0.50, -0.10]", "-0.13"],
        ["B", 4, 0, "+0.10", "—", "+0.10 [-0.10, +0.30]", "0.00"],
    ]


def test_reader_agreement_display():
    v = tone_validation(sentences(), reader(READER_1))
    shown = reader_agreement_display(reader_agreement(v, reader(READER_2), n_boot=0))
    # pairs in the order of the agreement table: the readers, then each reader against each tool
    assert shown["pair"].tolist() == [
        "reader 1 – reader 2",
        "reader 1 – TextBlob",
        "reader 1 – VADER",
        "reader 2 – TextBlob",
        "reader 2 – VADER",
        "TextBlob – VADER",
    ]
    first = shown.iloc[0]
    assert (first["units"], first["agreement"], first["Cohen's κ [95% CI]"]) == (4, "75%", "0.64")


def test_reader_agreement_display_without_a_second_reader():
    shown = reader_agreement_display(None)
    assert shown.empty
    assert shown.columns.tolist() == ["pair", "units", "agreement", "Cohen's κ [95% CI]", "ordinal α [95% CI]"]


@pytest.mark.parametrize("labelled", [True, False])
def test_validation_figure(labelled):
    v = tone_validation(sentences(), reader(READER_1) if labelled else None)
    fig = validation_figure(v)
    try:
        if labelled:
            assert [ax.get_title() for ax in fig.axes] == ["TextBlob", "VADER"]
        else:
            assert fig.axes[0].texts[0].get_text() == "No confusion matrix (see the text above)."
    finally:
        plt.close(fig)
