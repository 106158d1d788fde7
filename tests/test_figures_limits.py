"""Tests for analysis.figures.limits and the per-article figures on a large corpus: they group or cap their rows."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.figures import arcs_figure, balance_figure, cleaning_figure, document_tone_figure, length_figure
from analysis.figures.limits import MAX_PANELS, MAX_ROWS, article_groups, group_text


def _articles(n: int) -> pd.DataFrame:
    """``n`` articles over three outlets and two crises, ``n_words`` = 100 + index."""
    return pd.DataFrame(
        {
            "id": [f"a{i:04d}" for i in range(n)],
            "outlet": [("X", "Y", "Z")[i % 3] for i in range(n)],
            "crisis": [("k1", "k2")[i % 2] for i in range(n)],
            "n_words": [100 + i for i in range(n)],
        }
    )


def test_groups_are_ordered_by_size_and_capped():
    frame = pd.DataFrame({"outlet": list("AABBBC"), "crisis": ["k"] * 6})
    groups = article_groups(frame, ["outlet", "crisis"], top=2)
    assert groups["outlet"].tolist() == ["B", "A"]
    assert groups["n"].tolist() == [3, 2]
    assert groups.attrs["groups"] == 3


def test_group_text_states_the_cap_only_when_it_cuts():
    assert "shown" in group_text(articles=900, groups=31, keys=["outlet", "crisis"], top=30)
    assert "shown" not in group_text(articles=900, groups=30, keys=["outlet", "crisis"], top=30)


def test_length_chart_of_many_articles_has_one_row_per_outlet_and_crisis():
    corpus = _articles(1000)
    fig = length_figure(corpus)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # 3 outlets x 2 crises, i % 3 and i % 2 together cycle through all six pairs
    assert len(ticks) == 6
    assert sum(int(t.rsplit("(", 1)[1].rstrip(")").replace(",", "")) for t in ticks) == 1000
    assert fig.texts and "1,000 articles in 6 outlet × crisis groups" in fig.texts[0].get_text()
    assert fig.get_size_inches()[1] < 5
    plt.close(fig)


def test_length_chart_caps_its_groups_and_says_so():
    corpus = _articles(200).assign(outlet=[f"O{i % 40:02d}" for i in range(200)])  # 40 outlets x 2 crises
    fig = length_figure(corpus, max_rows=10)
    assert len(fig.axes[0].get_yticklabels()) == 10
    assert "the 10 groups with the most articles are shown" in fig.texts[0].get_text()
    plt.close(fig)


def test_length_chart_of_few_articles_is_unchanged():
    fig = length_figure(_articles(MAX_ROWS))
    assert len(fig.axes[0].patches) == MAX_ROWS
    assert not fig.texts
    plt.close(fig)


def test_balance_of_many_articles_is_pooled_per_group():
    n = 40
    balance = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(n)],
            "outlet": ["X" if i < 30 else "Y" for i in range(n)],
            "esc": [2 if i < 30 else 0 for i in range(n)],
            "deesc": [1 if i < 30 else 0 for i in range(n)],
        }
    )
    balance["no_hits"] = (balance["esc"] + balance["deesc"]) == 0
    balance["balance"] = 1 / 3
    fig = balance_figure(balance)
    bars = fig.axes[0].patches
    # X: (60 - 30) / (60 + 30) = 1/3 over its 30 articles; Y has no hits: no bar
    assert [round(b.get_width(), 6) for b in bars] == [round(1 / 3, 6)]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["X (30 articles)", "Y (10 articles)"]
    assert any(t.get_text() == "esc 60 / de-esc 30" for t in fig.axes[0].texts)
    plt.close(fig)


def test_cleaning_chart_keeps_the_articles_with_most_lines_removed():
    ids = [f"a{i}" for i in range(50)]
    audit = pd.DataFrame({"id": ["a7"] * 3 + ["a3"] * 2 + ["a9"], "category": ["caption"] * 6})
    fig = cleaning_figure(audit, ids, max_rows=3)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["a7", "a3", "a9"]
    assert fig.texts[0].get_text().startswith("The 3 of 50 articles")
    plt.close(fig)


def test_tone_chart_and_arcs_cap_their_articles():
    ids = [f"a{i}" for i in range(100)]
    docs = pd.DataFrame({"id": ids, "measure": "vader_compound", "mean": 0.1, "mean_lo": 0.0, "mean_hi": 0.2})
    colours = dict.fromkeys(ids, "#000000")
    fig = document_tone_figure(docs, {}, colours)
    assert len(fig.axes[0].get_yticklabels()) == MAX_ROWS
    assert fig.texts[0].get_text() == f"The first {MAX_ROWS} of 100 articles, in corpus order."
    plt.close(fig)
    arcs = pd.DataFrame({"id": ids, "position": 0.5, "value": 0.1, "smoothed": 0.1})
    fig = arcs_figure(arcs, {}, colours)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == MAX_PANELS
    assert str(MAX_PANELS) in fig.texts[0].get_text()
    plt.close(fig)


@pytest.mark.parametrize("n", [1, MAX_ROWS])
def test_tone_chart_of_few_articles_is_not_capped(n):
    ids = [f"a{i}" for i in range(n)]
    docs = pd.DataFrame({"id": ids, "measure": "vader_compound", "mean": 0.1, "mean_lo": 0.0, "mean_hi": 0.2})
    fig = document_tone_figure(docs, {}, dict.fromkeys(ids, "#000000"))
    assert len(fig.axes[0].get_yticklabels()) == n and not fig.texts
    plt.close(fig)


def test_timeline_of_many_articles_counts_them_per_day():
    from analysis.figures import timeline_figure

    crises = pd.DataFrame(
        {"key": ["k1"], "label": ["K one"], "start": [pd.Timestamp("2024-01-10")], "end": [pd.Timestamp("2024-01-11")]}
    )
    days = [pd.Timestamp("2024-01-10")] * 25 + [pd.Timestamp("2024-01-11")] * 15
    articles = pd.DataFrame(
        {"date": days, "crisis": "k1", "outlet": ["X", "Y"] * 20, "date_precision": "day", "id": range(40)}
    )
    fig = timeline_figure(crises, pd.DataFrame(), articles, max_rows=30)
    ax = fig.axes[0]
    assert not [line for line in ax.lines if line.get_marker() == "s"]  # no marker per article
    heights = sorted(round(-p.get_height(), 6) for p in ax.patches if p.get_height() < 0)
    # 25 articles on the busiest day fill 0.9 of the half-panel; X and Y split each day evenly or by one
    unit = 0.9 / 25
    assert heights == sorted(round(n * unit, 6) for n in (13, 12, 8, 7))
    assert "most: 25" in ax.get_title(loc="right")
    plt.close(fig)


def test_the_note_of_a_wide_figure_stays_readable_when_the_page_scales_it_down():
    from analysis.figures.limits import note_cap
    from analysis.figures.theme import MAX_WIDTH

    for width in (6.0, MAX_WIDTH, 9.6):
        fig = plt.figure(figsize=(width, 3))
        note_cap(fig, "note")
        shown_px = fig.texts[0].get_fontsize() * 96 / 72 * min(1.0, MAX_WIDTH / width)
        assert shown_px >= 10.6  # 8 pt at 96 px per inch, never scaled below it
        plt.close(fig)
