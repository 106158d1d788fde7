"""Tests for analysis.characters: line endings and invisible characters normalised, control characters found."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.characters import character_changes, control_characters, normalize_characters, split_lines

# --- line endings ------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085"])
def test_every_line_ending_becomes_a_newline(ending):
    assert normalize_characters(f"one{ending}two{ending}") == "one\ntwo\n"
    assert split_lines(f"one{ending}two") == ["one", "two"]


def test_mixed_line_endings_count_one_line_each():
    # CRLF is one ending, not two: "a", "b", "c", "d", "" (after the final CR).
    assert split_lines("a\r\nb\rc\nd\r") == ["a", "b", "c", "d", ""]
    assert normalize_characters("a\r\n\r\nb") == "a\n\nb"  # a blank line stays a blank line


def test_line_endings_are_recorded_with_their_position():
    changes = character_changes("ab\r\ncd\re")
    assert changes[["line", "column", "character", "kind", "action"]].values.tolist() == [
        [1, 3, "CR LF", "line ending", "replaced by a newline"],
        [2, 3, "U+000D", "line ending", "replaced by a newline"],
    ]
    assert changes["name"].tolist() == ["CARRIAGE RETURN, LINE FEED", "CARRIAGE RETURN"]


def test_plain_newlines_are_not_a_change():
    assert character_changes("a\nb\n").empty
    assert list(character_changes("a").columns) == ["line", "column", "character", "name", "kind", "action"]


# --- invisible format characters ------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u061c"])
def test_format_characters_are_removed(char):
    assert normalize_characters(f"de{char}escalation") == "deescalation"


def test_joiners_stay_they_spell_words_in_persian_and_urdu():
    word = "می\u200cخواهم"  # Persian "I want": the zero-width non-joiner is part of the spelling
    assert normalize_characters(word) == word
    assert normalize_characters("\U0001f469\u200d\U0001f4bb") == "\U0001f469\u200d\U0001f4bb"


def test_byte_order_mark_at_the_start_and_inside_are_told_apart():
    changes = character_changes("\ufeffTalks\ufeff resumed")
    assert changes[["line", "column", "character", "kind"]].values.tolist() == [
        [1, 1, "U+FEFF", "byte-order mark"],
        [1, 7, "U+FEFF", "invisible format character"],
    ]
    assert normalize_characters("\ufeffTalks\ufeff resumed") == "Talks resumed"


@pytest.mark.parametrize("char", [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))])
def test_bidirectional_controls_are_removed_and_named(char):
    text = f"Talks {char}resumed"
    assert normalize_characters(text) == "Talks resumed"
    [change] = character_changes(text).to_dict("records")
    assert change["kind"] == "bidirectional control" and change["action"] == "removed"
    assert change["column"] == 7 and change["character"] == f"U+{ord(char):04X}"


def test_positions_are_in_the_raw_text():
    # U+2029 ends line 1; on line 2 the override sits after "x" + ZWSP, so in column 3.
    changes = character_changes("ab\u2029x\u200b\u202ey")
    assert changes[["line", "column", "character"]].values.tolist() == [
        [1, 3, "U+2029"],
        [2, 2, "U+200B"],
        [2, 3, "U+202E"],
    ]


# --- control characters (refused by the loader) ---------------------------------------------


def test_control_characters_are_found_with_line_and_column():
    found = control_characters("fine\tline\r\nsecond\x00line\nthird\x1b")
    assert found.values.tolist() == [[2, 7, "U+0000", "NULL"], [3, 6, "U+001B", "ESCAPE"]]


def test_tab_and_line_endings_are_not_control_characters_here():
    assert control_characters("a\tb\r\nc\rd\u0085e\u2028f").empty


@pytest.mark.parametrize("char", ["\x7f", "\x80", "\x9f", "\x0b", "\x0c"])
def test_delete_c1_and_vertical_controls_are_refused(char):
    assert control_characters(f"a{char}")["column"].tolist() == [2]


def test_other_text_is_left_alone():
    text = "Iran’s “drone” attack — 300 missiles; Pakistan: «calme» 😀 é"
    assert normalize_characters(text) == text
    assert character_changes(text).empty and control_characters(text).empty


def _old_normalize_characters(text: str) -> str:
    """normalize_characters as it was: every line ending replaced, "\\n" by "\\n" too."""
    from analysis.characters import _LINE_ENDING, _removed_format

    text = _LINE_ENDING.sub("\n", text)
    removed = _removed_format(text)
    return text.translate(dict.fromkeys(map(ord, removed))) if removed else text


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="a \n\r\u2028\u2029\x85\x84\u200b\u200c\u202e\ufeff’\x0b\x0c\x1c"))
def test_normalize_characters_equals_replacing_every_line_ending(text):
    assert normalize_characters(text) == _old_normalize_characters(text)


def test_the_line_endings_skipped_are_only_newlines():
    # the shortcut skips the substitution when no ending but "\n" occurs: every other character the
    # expression matches must be in _OTHER_ENDINGS
    from analysis.characters import _LINE_ENDING, _OTHER_ENDINGS

    matched = {chr(code) for code in range(0x10000) if _LINE_ENDING.match(chr(code))}
    assert matched - {"\n"} == set(_OTHER_ENDINGS)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(st.characters(codec=None, exclude_categories=()))
    | st.text(alphabet="a\x7f\x80\u00ad\u200b\u200c\ud800\udfff\U000e0001é")
)
def test_removed_format_characters_equal_testing_every_character(text):
    # the characters above U+007F found from the UTF-8 bytes, lone surrogates included
    from analysis.characters import _KEPT_FORMAT, _removed_format

    expected = {c for c in set(text) if c > "\x7f" and unicodedata.category(c) == "Cf" and c not in _KEPT_FORMAT}
    assert _removed_format(text) == expected
