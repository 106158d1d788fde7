"""Tests for analysis.plots: fixed, stable, colour-blind-safe colours and figure helpers."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.corpus import load_crises, load_events, load_metadata
from analysis.figures import OKABE_ITO, crisis_colors, length_figure, outlet_colors, timeline_figure


def test_seed_outlets_have_fixed_distinct_palette_colours():
    names = ["Pakistan Standard", "Mixed Times", "Newsweek", "The Diplomat", "Rangeinn"]
    colours = outlet_colors(names)
    assert len(set(colours.values())) == len(names)
    assert set(colours.values()) <= set(OKABE_ITO)
    assert colours["Newsweek"] == "#0072B2"  # as written in analysis/data/colors.yaml


def test_colour_does_not_depend_on_the_other_names():
    alone = outlet_colors(["Dawn"])["Dawn"]
    assert outlet_colors(["Al Jazeera", "Dawn", "BBC"])["Dawn"] in {alone} | set(OKABE_ITO)
    assert outlet_colors(["Dawn", "Newsweek"])["Dawn"] == outlet_colors(["Newsweek", "Dawn"])["Dawn"]
    assert outlet_colors(["Dawn"]) == outlet_colors(["Dawn"])


def test_names_in_one_call_get_distinct_colours_up_to_palette_size():
    names = [f"Outlet {i}" for i in range(len(OKABE_ITO))]
    assert len(set(outlet_colors(names).values())) == len(OKABE_ITO)


def test_crisis_colours_fixed_for_seed_crises():
    assert crisis_colors(["iran-pakistan-2024-01", "iran-israel-2024-04"]) == {
        "iran-pakistan-2024-01": "#F0E442",
        "iran-israel-2024-04": "#CC79A7",
    }


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
