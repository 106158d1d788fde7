"""Tests for analysis.settings: a corpus folder's book.yaml, validated whole, with defaults when absent."""

from __future__ import annotations

import pytest

from analysis.errors import CorpusError
from analysis.settings import DEFAULT_TITLE, load_settings

from .synthetic import write_corpus


@pytest.fixture()
def corpus_dir(tmp_path):
    return write_corpus(tmp_path / "corpus")


def test_defaults_without_a_book_file(corpus_dir):
    s = load_settings(corpus_dir)
    assert (s.title, s.subtitle, s.overview, s.outlet_colors, s.source) == (DEFAULT_TITLE, "", "", {}, None)
    assert (s.focus_country, s.focus_premise) == ("", "")


def test_reads_the_focus_country(corpus_dir):
    (corpus_dir / "book.yaml").write_text("focus:\n  country: td\n  premise: >\n    Chad was\n    a party.\n")
    s = load_settings(corpus_dir)
    assert (s.focus_country, s.focus_premise) == ("TD", "Chad was a party.")


def test_reads_title_overview_and_colours(corpus_dir):
    (corpus_dir / "book.yaml").write_text(
        'title: "Floods of 2023"\noverview: |\n  Two rivers\n  rose.\ncolors:\n  outlets:\n    North Post: "#d55e00"\n',
        encoding="utf-8",
    )
    s = load_settings(corpus_dir)
    assert s.title == "Floods of 2023"
    assert s.overview == "Two rivers rose."  # line breaks of the YAML block fold into spaces
    assert s.outlet_colors == {"North Post": "#D55E00"}


@pytest.mark.parametrize(
    "text, field",
    [
        ("titel: x\n", "field 'titel'"),
        ("title: [1, 2]\n", "field 'title'"),
        ('colors:\n  outlets:\n    A: "red"\n', "field 'colors.outlets'"),
        ('colors:\n  outlets:\n    A: "#000000"\n    B: "#000000"\n', "share the colour"),
        ("colors:\n  lines: {}\n", "field 'colors.lines'"),
        ("title: 'unclosed\n", "cannot be read as YAML"),
        ("- a list\n", "must be a mapping"),
        ("focus: PK\n", "field 'focus'"),
        ("focus:\n  country: Pakistan\n", "field 'focus.country'"),
        ("focus:\n  country: PK\n  role: party\n", "field 'focus.role'"),
        ("focus:\n  country: PK\n  premise: [1]\n", "field 'focus.premise'"),
        ("cleaning: off\n", "field 'cleaning'"),
        ("cleaning:\n  keep: [sidebar]\n", "field 'cleaning.keep'"),
        ("cleaning:\n  keep: [headline]\n", "field 'cleaning.keep'"),
        ("cleaning:\n  drop: [standfirst]\n", "field 'cleaning'"),
    ],
)
def test_bad_settings_name_the_file_and_field(corpus_dir, text, field):
    (corpus_dir / "book.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"book\.yaml") as err:
        load_settings(corpus_dir)
    assert field in str(err.value)


def test_cleaning_defaults_to_the_rules(corpus_dir):
    assert (load_settings(corpus_dir).cleaning.mode, load_settings(corpus_dir).cleaning.keep) == ("rules", frozenset())


def test_cleaning_none_for_text_that_arrives_clean(corpus_dir):
    (corpus_dir / "book.yaml").write_text("cleaning: none\n", encoding="utf-8")
    s = load_settings(corpus_dir)
    assert s.cleaning.mode == "none"
    assert "cleaning: none" in s.cleaning.reason()


def test_cleaning_can_keep_categories_as_text(corpus_dir):
    (corpus_dir / "book.yaml").write_text("cleaning:\n  keep: [standfirst, caption]\n", encoding="utf-8")
    assert load_settings(corpus_dir).cleaning.keep == {"standfirst", "caption"}


def test_the_seed_corpus_keeps_standfirsts():
    assert load_settings().cleaning.keep == {"standfirst"}


def test_the_seed_corpus_has_its_own_title_and_colours():
    s = load_settings()
    assert "Iran" in s.title and s.crisis_colors["iran-israel-2024-04"] == "#CC79A7"
