"""Tests for analysis.book.focus, analysis.compare.share_thresholds and the findings that speak of them.

The focus country comes from the corpus's book.yaml, never from the package: without one, both
sections say so once and show no table; with one, they name the gazetteer's state for the code.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.actors import find_mentions, load_gazetteer
from analysis.book import NO_FOCUS, Focus, cast_section, comparison_section, focus_country, focus_premise
from analysis.compare import share_thresholds
from analysis.contrasts import COUNTRY_SIGNS, country_units, share_contrasts
from analysis.corpus import load_corpus
from analysis.errors import CorpusError
from analysis.findings import describe_share_thresholds, summary_paragraph
from analysis.pipeline import analyse
from analysis.settings import BookSettings, load_settings
from tests.synthetic import CRISES, write_corpus

SIGN = [("share", "country_mentions", "mentions")]


def _units(counts):
    """One article per (group, country mentions, all mentions)."""
    return pd.DataFrame(
        [{"id": f"a{i}", "group": g, "country_mentions": k, "mentions": n} for i, (g, k, n) in enumerate(counts)]
    )


def _contrast(direction, a="A", b="B"):
    return pd.DataFrame({"measure": ["share"], "a": [a], "b": [b], "direction": [direction]})


# --- share_thresholds -----------------------------------------------------------------------------
# A: 10 of 10 mentions, B: 0 of 10, one article each (a tie, so articles are added to B). Each added
# article holds 10 mentions, all of the country (A's share, 100%). Fisher's exact test, two-sided, by
# hand from the hypergeometric probabilities C(S, x) C(F, 10 - x) / C(N, 10) of the first row:
#   1 added: [[10, 0], [10, 10]]  p = .006149 + .004553 + .000285 + .000007 + ... = .010994
#   2 added: [[10, 0], [20, 10]]  p = .0354 + .0068 + .0006 + ...    = .0428
#   3 added: [[10, 0], [30, 10]]  p >= P(x = 10) = C(40, 10) / C(50, 10) = .0825
# so the contrast is undetectable after 3 added articles at alpha .05, after 2 at alpha .04 and after 1
# at alpha .0109 (but not at .011).


@pytest.mark.parametrize("alpha, needed", [(0.05, 3.0), (0.04, 2.0), (0.0109, 1.0), (0.011, 2.0)])
def test_threshold_by_hand(alpha, needed):
    t = share_thresholds(_units([("A", 10, 10), ("B", 0, 10)]), _contrast(1), signs=SIGN, alpha=alpha)
    assert t[["added_to", "other", "other_share", "per_article", "articles_needed"]].values.tolist() == [
        ["B", "A", 1.0, 10.0, needed]
    ]


def test_articles_go_to_the_group_with_fewer_articles():
    units = _units([("A", 0, 10), ("B", 10, 10), ("B", 10, 10)])
    t = share_thresholds(units, _contrast(-1), signs=SIGN)
    assert t["added_to"].tolist() == ["A"] and t["other_share"].tolist() == [1.0]


def test_no_threshold_for_a_contrast_without_direction():
    assert share_thresholds(_units([("A", 10, 10), ("B", 0, 10)]), _contrast(0), signs=SIGN).empty


def test_a_threshold_beyond_the_limit_is_missing():
    t = share_thresholds(_units([("A", 10, 10), ("B", 0, 10)]), _contrast(1), signs=SIGN, limit=2)
    assert math.isnan(t["articles_needed"].iloc[0])


def test_describe_thresholds_reports_every_sign():
    units = _units([("A", 10, 10), ("B", 0, 10)]).assign(quoted=0, first=[1, 0])
    signs = share_contrasts(units, leave_one_out=False)
    t = share_thresholds(units, signs, signs=COUNTRY_SIGNS)
    text = describe_share_thresholds(t, signs, name="Chad", labels={"A": "the flood", "B": "the drought"})
    assert "3 added articles in the drought of median size (10 actor mentions)" in text
    assert "the share it has in the flood (100%)" in text
    # the two signs without a detectable difference are named, whichever way they point
    assert "share of articles naming it first and share of its mentions inside quotations" in text


def test_describe_thresholds_beyond_the_limit():
    t = pd.DataFrame(
        [["share of actor mentions", "A", "B", "B", "A", 0.5, 4.0, math.nan]],
        columns=["measure", "a", "b", "added_to", "other", "other_share", "per_article", "articles_needed"],
    )
    signs = pd.DataFrame({"measure": ["share of actor mentions"], "a": ["A"], "b": ["B"], "direction": [1]})
    assert "more than 7 added articles in B" in describe_share_thresholds(t, signs, name="Chad", limit=7)


# --- focus_country --------------------------------------------------------------------------------


def test_focus_country_is_named_from_the_gazetteer():
    gaz = load_gazetteer()
    assert focus_country(BookSettings(focus_country="IR"), gaz) == Focus("IR", "Iran", "")
    assert focus_country(BookSettings(), gaz) is None


def test_an_unknown_focus_code_names_the_file_and_field(tmp_path):
    with pytest.raises(CorpusError, match=r"book\.yaml.*focus\.country.*'ZZ'"):
        focus_country(BookSettings(focus_country="ZZ", source=tmp_path / "book.yaml"), load_gazetteer())


def test_the_seed_corpus_follows_pakistan_and_says_why():
    focus = focus_country(load_settings(), load_gazetteer())
    assert focus.name == "Pakistan" and focus_premise(focus).startswith("Here it is Pakistan. Pakistan was a party")


# --- the sections ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from analysis.corpus import load_corpus as load

    return load(write_corpus(tmp_path_factory.mktemp("c") / "corpus"))


def test_without_a_focus_both_sections_say_so_once_and_show_no_table(synthetic):
    gaz = load_gazetteer()
    cmp_section = comparison_section(analyse(synthetic), None)
    act_section = cast_section(find_mentions(synthetic, gazetteer=gaz), synthetic, None, gazetteer=gaz)
    for section in (cmp_section, act_section):
        assert section.text == NO_FOCUS and section.table is None and section.signs.empty
    assert focus_premise(None) == NO_FOCUS


def test_a_focus_country_names_only_that_country(synthetic):
    section = comparison_section(analyse(synthetic), Focus("IR", "Iran"))
    assert "Iran" in section.text and "Pakistan" not in section.text + section.verdict + section.change
    pairs = len(CRISES) * (len(CRISES) - 1) // 2
    assert section.table is not None and len(section.signs) == pairs * len(COUNTRY_SIGNS)


def test_the_summary_leaves_the_role_out_without_a_focus_country():
    analysed = analyse(load_corpus())
    from analysis.compare import group_profile
    from analysis.contrasts import group_contrasts

    by_crisis = group_profile(analysed, by="crisis")
    contrasts = group_contrasts(analysed, by="crisis")
    signs = share_contrasts(country_units(analysed, "PK", by="crisis"))
    with_role = summary_paragraph(by_crisis, contrasts, signs, country_name="Pakistan")
    without = summary_paragraph(by_crisis, contrasts, signs)
    assert "For Pakistan" in with_role and "Pakistan" not in without


def test_describe_thresholds_names_the_country_after_its_mentions():
    t = pd.DataFrame(
        [["share of its mentions inside quotations", "A", "B", "B", "A", 0.08, 17.0, 1.0]],
        columns=["measure", "a", "b", "added_to", "other", "other_share", "per_article", "articles_needed"],
    )
    signs = pd.DataFrame({"measure": [t["measure"][0]], "a": ["A"], "b": ["B"], "direction": [-1]})
    text = describe_share_thresholds(t, signs, name="Chad")
    assert (
        "1 added article in B of median size (17 mentions of Chad), each giving Chad the share it has in A (8%)" in text
    )
