"""Tests for analysis.figures.theme: one palette per book, distinct for any number of outlets, never a
crisis's colour, fixed colours from the corpus folder."""

from __future__ import annotations

import pytest

from analysis.figures import OKABE_ITO, crisis_colors, outlet_colors
from analysis.figures.theme import set_palette

SEED_OUTLETS = ["Pakistan Standard", "Mixed Times", "Newsweek", "The Diplomat", "Rangeinn"]


@pytest.fixture(autouse=True)
def _fresh_palette():
    set_palette(crises=[], outlets=[])
    yield
    set_palette(crises=[], outlets=[])


@pytest.mark.parametrize("n_outlets", [1, 5, 12, 40])
def test_any_number_of_outlets_gets_distinct_colours_none_a_crisis_colour(n_outlets):
    outlets = [f"Outlet {i}" for i in range(n_outlets)]
    crises = ["k1", "k2", "k3"]
    set_palette(crises=crises, outlets=outlets)
    out, cri = outlet_colors(outlets), crisis_colors(crises)
    assert len(set(out.values())) == n_outlets
    assert len(set(cri.values())) == 3
    assert not set(out.values()) & set(cri.values())
    assert all(len(c) == 7 and c.startswith("#") for c in [*out.values(), *cri.values()])


def test_fixed_colours_come_from_the_caller_and_a_clash_with_a_crisis_is_refused():
    set_palette(
        crises=["k1"],
        outlets=["Newsweek", "Dawn"],
        fixed_crises={"k1": "#0072B2"},
        fixed_outlets={"Newsweek": "#0072B2", "Dawn": "#D55E00"},
    )
    assert crisis_colors(["k1"]) == {"k1": "#0072B2"}
    assert outlet_colors(["Dawn"]) == {"Dawn": "#D55E00"}
    assert outlet_colors(["Newsweek"])["Newsweek"] != "#0072B2"  # the crisis has it


def test_a_names_colour_does_not_depend_on_the_call_or_the_order():
    set_palette(crises=[], outlets=SEED_OUTLETS)
    assert outlet_colors(["Newsweek", "Dawn"])["Newsweek"] == outlet_colors(["Newsweek"])["Newsweek"]
    assert outlet_colors(["Dawn", "Newsweek"]) == {
        k: outlet_colors(["Newsweek", "Dawn"])[k] for k in ["Dawn", "Newsweek"]
    }
    first = outlet_colors(SEED_OUTLETS)
    set_palette(crises=[], outlets=list(reversed(SEED_OUTLETS)))
    assert outlet_colors(SEED_OUTLETS) == first


def test_unregistered_names_avoid_the_registered_colours():
    set_palette(crises=["k1"], outlets=SEED_OUTLETS[:3])
    taken = {*crisis_colors(["k1"]).values(), *outlet_colors(SEED_OUTLETS[:3]).values()}
    assert outlet_colors(["A new outlet"])["A new outlet"] not in taken


def test_the_first_colours_are_okabe_ito():
    outlets = [f"O{i}" for i in range(len(OKABE_ITO))]
    set_palette(crises=[], outlets=outlets)
    assert set(outlet_colors(outlets).values()) == set(OKABE_ITO)
