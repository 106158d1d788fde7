"""Tests for analysis.clean_rules: the rules file's new fields and the corpus's cleaning choice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.clean_rules import CleaningChoice, is_fragment, load_rules, parse_cleaning, read_cleaning
from analysis.errors import CorpusError, DataFileError

RULES_FILE = Path(__file__).resolve().parent.parent / "analysis" / "data" / "boilerplate.yaml"


def _rules_with(tmp_path, **fields) -> Path:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == "time-stamp")
    rule.update(fields)
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_bad_second_pattern_names_the_rule_and_field(tmp_path):
    with pytest.raises(DataFileError, match=r"field 'needs': rule 'time-stamp': invalid regex"):
        load_rules(_rules_with(tmp_path, needs="([unclosed"))


def test_max_rest_must_be_a_whole_number(tmp_path):
    with pytest.raises(
        DataFileError, match=r"field 'max_rest': rule 'time-stamp': must be a whole number of at least 0"
    ):
        load_rules(_rules_with(tmp_path, max_rest=-1))


def test_a_residue_rule_counts_the_words_left_once_its_matches_are_out():
    rule = next(r for r in load_rules() if r.id == "time-stamp")
    assert rule.max_rest == 3
    assert rule.matches_line("City Desk Published 3 May 2024")  # three words left
    assert not rule.matches_line("Ministers of the City Desk Published 3 May 2024")  # six left
    assert not rule.matches_line("Published on 3 May 2024.")  # a sentence
    assert not rule.matches_line("Iran May Retaliate")  # a month name but no number: needs fails


def test_fragments_pass_over_leading_marks_and_need_no_capitals_when_short():
    assert is_fragment("-Top News World News", title_case=True)
    assert is_fragment("bottom of page", title_case=True)
    assert not is_fragment("- border crossings closed", title_case=True)  # a short bullet may be a news point
    assert not is_fragment("bottom of page", title_case=False)


@pytest.mark.parametrize(
    "value, mode, keep",
    [
        (None, "rules", set()),
        ("rules", "rules", set()),
        ("none", "none", set()),
        ({"keep": ["byline"]}, "rules", {"byline"}),
    ],
)
def test_cleaning_values(value, mode, keep):
    choice = parse_cleaning(value, name="book.yaml")
    assert (choice.mode, set(choice.keep)) == (mode, keep)


def test_cleaning_refuses_what_it_does_not_know():
    with pytest.raises(CorpusError, match=r"book\.yaml, field 'cleaning': must be 'rules', 'none'"):
        parse_cleaning("light", name="book.yaml")
    with pytest.raises(CorpusError, match=r"field 'cleaning.keep': cannot keep \['menus'\]"):
        parse_cleaning({"keep": ["menus"]}, name="book.yaml")


def test_read_cleaning_from_a_folder(tmp_path):
    assert read_cleaning(tmp_path) == CleaningChoice()
    (tmp_path / "book.yaml").write_text("title: X\ncleaning: none\n", encoding="utf-8")
    assert read_cleaning(tmp_path).mode == "none"
    (tmp_path / "book.yaml").write_text("cleaning: [none\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="cannot be read as YAML"):
        read_cleaning(tmp_path)


def test_the_reason_is_said_only_when_lines_were_kept():
    assert CleaningChoice().reason() == ""
    assert CleaningChoice("rules", frozenset({"standfirst"})).reason() == (
        "the corpus's book.yaml keeps standfirst lines as article text"
    )
