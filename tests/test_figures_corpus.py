"""Tests for analysis.figures.corpus: the timeline and the length chart follow the data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.corpus import load_crises, load_events, load_metadata
from analysis.figures import length_figure, timeline_figure


def test_timeline_has_one_panel_per_crisis_and_numbers_events_globally():
    crises, events = load_crises(), load_events()
    fig = timeline_figure(crises, events, load_metadata())
    assert len(fig.axes) == len(crises)
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert sorted(labels, key=int) == [str(i) for i in range(1, len(events) + 1)]
    plt.close(fig)


def test_length_chart_bars_follow_the_data():
    fig = length_figure(pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "X"], "n_words": [5, 50, 500]}))
    bars = fig.axes[0].patches
    assert [round(b.get_width()) for b in bars] == [5, 50, 500]
    assert bars[0].get_facecolor() == bars[2].get_facecolor() != bars[1].get_facecolor()
    plt.close(fig)


def test_a_name_with_dollar_signs_is_drawn_as_text_not_mathtext():
    import io

    from analysis.figures import set_theme

    set_theme()
    fig = length_figure(
        pd.DataFrame(
            {"id": ["$\\undefinedcommand$ a", "b"], "outlet": ["$\\undefinedcommand$ News", "X"], "n_words": [5, 50]}
        )
    )
    fig.savefig(io.BytesIO(), format="svg")  # raised a ValueError from mathtext before
    import matplotlib.text

    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert any("$\\undefinedcommand$ a" in t for t in texts), texts
    plt.close(fig)
