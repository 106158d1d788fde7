"""Tests for analysis.scanning: the one-pass search must find exactly what each expression finds alone."""

from __future__ import annotations

import random
import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.scanning import (
    _IGNORECASE_ASCII,
    GAP,
    Trigger,
    _kept,
    finditer_at,
    ignorecase_lower,
    literal_beginnings,
    prefix_regex,
    spans_at,
    words_beginnings,
)

ALL_CHARACTERS = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)


def test_the_ignorecase_table_lists_every_character_re_takes_for_an_ascii_letter():
    found = {}
    for letter in "abcdefghijklmnopqrstuvwxyz0123456789":
        for ch in re.findall(re.escape(letter), ALL_CHARACTERS, re.IGNORECASE):
            if not ch.isascii():
                found[ch] = letter
    assert found == _IGNORECASE_ASCII


def test_ignorecase_lower_keeps_offsets_and_word_characters():
    low = ignorecase_lower(ALL_CHARACTERS)
    assert len(low) == len(ALL_CHARACTERS)
    word = re.compile(r"[\w-]")
    changed = [(a, b) for a, b in zip(ALL_CHARACTERS, low) if bool(word.match(a)) != bool(word.match(b))]
    assert changed == []
    assert ignorecase_lower("İSTANBUL ıs ſo K") == "istanbul is so k"


def test_a_case_insensitive_match_is_an_exact_match_of_the_lowered_text():
    rx = re.compile(r"kin|sis|iran", re.IGNORECASE)
    text = "KIN Kin ſiſ İRAN ıran Iran"  # Kelvin sign, long s, dotted and dotless i
    low = ignorecase_lower(text)
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in re.finditer(r"kin|sis|iran", low)]


def test_prefix_regex_matches_exactly_its_strings_and_reports_the_longest():
    strings = ["war", "warn", "warning", "attack", "u.s.", "us", "a"]
    body = prefix_regex(strings)
    for s in strings:
        assert re.fullmatch(body, s)
    for s in ["wa", "warni", "attac", "u.s", "b", ""]:
        assert not re.fullmatch(body, s)
    longest = re.compile("(?=(" + body + "))")
    assert longest.match("warnings").group(1) == "warning"
    assert longest.match("warnx").group(1) == "warn"
    with pytest.raises(ValueError):
        prefix_regex(["ok", ""])


W = r"(?<!\w)"
WH = r"(?<![\w-])"


@pytest.mark.parametrize(
    "pattern, flags, lookbehind, expected",
    [
        (r"(?<!\w)(?:Iran)(?!\w)", 0, W, ({"Iran"}, False)),
        (r"(?<!\w)(?:Jaish[ \t-]+al[ \t-]+Adl)(?!\w)", 0, W, ({f"Jaish{GAP}al"}, False)),
        (r"(?<!\w)(?:Iranians?)(?!\w)", 0, W, ({"Iranian"}, False)),
        (r"(?<!\w)(?:Bal(?:o|u|ou)ch)(?!\w)", 0, W, ({"Baloch", "Baluch", "Balouch"}, False)),
        (
            r"(?<!\w)(?:(?:U\.N\.|UN|United\s+Nations)\s+)?Security",
            0,
            W,
            (
                {f"U.N.{GAP}Security", f"UN{GAP}Security", f"United{GAP}Nations", "Security"},
                False,
            ),
        ),
        # read on through runs of white space, to the second word at most
        (
            r"(?<!\w)(?:Jordan\s+Air\s+Force|Jordan\s{1,2}Army)(?!\w)",
            0,
            W,
            ({f"Jordan{GAP}Air", f"Jordan{GAP}Army"}, False),
        ),
        (r"(?<!\w)Iran\s+\d", 0, W, ({"Iran"}, False)),  # a run of spaces at the end says nothing
        (r"(?<!\w)Iran[\s-]+Army", 0, W, ({f"Iran{GAP}Army"}, False)),  # white space or hyphens
        (r"(?<!\w)Iran[ \t-]+Army", 0, W, ({f"Iran{GAP}Army"}, False)),
        (r"(?<!\w)Iran[\s,]+Army", 0, W, ({"Iran"}, False)),  # another class: not read on
        (r"(?<!\w)\s+Iran", 0, W, None),  # a beginning must start with a character
        (r"(?<!\w)(?:Foreign[ \t-]+Office)(?!\w)", re.I, W, ({f"foreign{GAP}office"}, True)),
        (r"(?<![\w-])(?:escalat[\w'-]*|de-escalat[\w'-]*)(?![\w-])", re.I, WH, ({"escalat", "de-escalat"}, True)),
        (r"(?<!\w)(?:\d+ dead)", 0, W, None),  # no literal beginning
        (r"(?:Iran)(?!\w)", 0, W, None),  # no look-behind
        (r"(?<![\w-])(?:Iran)", 0, W, None),  # another look-behind than asked for
        (r"(?<!\w)(?:x|[ab]y)", 0, W, None),  # one alternative has no literal beginning
        (r"(?<!\w)(?:Çin)", re.I, W, None),  # ignores case and is not ASCII
    ],
)
def test_literal_beginnings(pattern, flags, lookbehind, expected):
    got = literal_beginnings(re.compile(pattern, flags), lookbehind)
    assert (got if got is None else (set(got[0]), got[1])) == expected


def test_every_match_starts_with_a_literal_beginning():
    """Soundness on random text: no match of the expression starts where none of its beginnings does."""
    patterns = [
        r"(?<!\w)(?:(?:Pakistan(?:'s)?|Pakistani)\s+(?:Foreign\s+Office))(?!\w)",
        r"(?<!\w)(?:(?:Hossein\s+)?Amir[\s-]*[Aa]bdoll?ahian)(?!\w)",
        r"(?<!\w)(?:Bal(?:o|u|ou)ch(?:is)?)(?!\w)",
    ]
    rng = random.Random(16)
    pieces = ["Pakistan", "Pakistani", "'s", " ", "-", "Foreign", "Office", "Hossein", "Amir", "abdollahian",
              "Abdolahian", "Baloch", "Baluchis", "x", "."]  # fmt: skip
    for pattern in patterns:
        rx = re.compile(pattern)
        beginnings, _ = literal_beginnings(rx, r"(?<!\w)")
        starts = [re.compile(prefix_regex([b])) for b in beginnings]
        for _ in range(300):
            text = "".join(rng.choice(pieces) for _ in range(12))
            for m in rx.finditer(text):
                assert any(b.match(text, m.start()) for b in starts), (pattern, text)


def test_a_trigger_with_runs_of_white_space_finds_what_each_beginning_finds_alone():
    """Every position where some beginning (GAP read as \\s+) matches after a boundary, and nowhere else."""
    beginnings = {"war": ["a"], f"war{GAP}games": ["b"], f"war{GAP}game{GAP}x": ["c"], "wa": ["d"]}
    trigger = Trigger.build(beginnings, boundary=r"\W")
    assert trigger.spaced
    rng = random.Random(6)
    for _ in range(500):
        text = "".join(rng.choice(["war", "games", "game", "x", " ", "  ", "\t", "-", ",", "s"]) for _ in range(8))
        expected: dict = {}
        for b, targets in beginnings.items():
            rx = re.compile(r"(?<=\W)" + prefix_regex([b]))
            for pos in range(len(text)):
                if rx.match(" " + text, pos + 1):
                    for t in targets:
                        expected.setdefault(t, []).append(pos)
        assert trigger.starts(text) == {t: sorted(p) for t, p in expected.items()}, repr(text)


def test_a_trigger_reads_a_space_in_a_beginning_as_a_run_when_another_beginning_holds_one():
    trigger = Trigger.build({f"war{GAP}games": ["a"], "war game": ["b"]}, boundary=r"\W")
    assert trigger.spaced
    assert trigger.starts("war  games, war game") == {"a": [0], "b": [0, 12]}


def test_trigger_finds_every_beginning_after_a_boundary():
    t = Trigger.build({"war": ["a"], "warn": ["b"], "talks": ["c"], "u.s.": ["d"]}, boundary=r"\W")
    assert t.starts("war, warning; starwars talks u.s.-u.s.") == {"a": [0, 5], "b": [5], "c": [23], "d": [29, 34]}
    assert Trigger.build({"war": ["a"]}, boundary=r"[^\w-]").starts("war anti-war") == {"a": [0]}


@pytest.mark.parametrize(
    "pattern",
    [r"(?<!\w)ab?", r"(?<![\w-])(?:a[\w'-]*|a b)(?![\w-])", r"(?<!\w)aa", r"(?<!\w)(?:a|a a a)(?!\w)", r"\bx*"],
)
def test_finditer_at_equals_finditer(pattern):
    rx = re.compile(pattern)
    rng = random.Random(pattern)
    for _ in range(500):
        text = "".join(rng.choice("aab x-'") for _ in range(rng.randint(0, 15)))
        expected = [m.span() for m in rx.finditer(text)]
        assert [m.span() for m in finditer_at(rx, text, range(len(text) + 1))] == expected, text
        starts = sorted({s for s, _ in expected})
        assert [m.span() for m in finditer_at(rx, text, starts)] == expected, text
        assert spans_at(rx, text, range(len(text) + 1)) == spans_at(rx, text, starts) == expected, text
        assert spans_at(rx, text, None) == expected, text


_WORD = st.lists(st.sampled_from([*"aAbBiIİıçÇß.'\u00e9\ue000\n", "ab", "AB"]), max_size=3).map("".join)
_ALTERNATIVE = st.lists(_WORD, min_size=1, max_size=4)


@st.composite
def _alternatives(draw):
    """Alternatives as aliases write them (a name, and the same in capitals), or any."""
    first = draw(_ALTERNATIVE)
    kind = draw(st.sampled_from(["alone", "capitals", "any"]))
    if kind == "alone":
        return [first]
    if kind == "capitals":
        return [first, [w.upper() for w in first]]
    return [first, *draw(st.lists(_ALTERNATIVE, min_size=1, max_size=2))]


@settings(max_examples=500, deadline=None)
@given(_alternatives(), st.booleans(), st.integers(1, 4))
@example([["Ia"], ["IA"]], False, 2)  # "I", then the class [aA]
@example([["q"], ["Q"]], False, 2)  # a class only: no beginning
@example([["Çin", "ab"], ["ÇIN", "AB"]], False, 2)  # a run of spaces is never shared
def test_words_beginnings_equals_literal_beginnings_of_the_expression(alternatives, ignore_case, words):
    """Read without parsing, as the parser reads it: shared first characters, one-character classes and all."""
    body = "|".join(r"[ \t-]+".join(re.escape(w) for w in alternative) for alternative in alternatives)
    rx = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE if ignore_case else 0)
    expected = literal_beginnings(rx, r"(?<!\w)", words=words)
    assert words_beginnings(alternatives, ignore_case=ignore_case, words=words) == expected


_SHORT = st.lists(st.sampled_from(["a", "b", "ab", GAP, "-", " "]), min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_SHORT, st.lists(st.integers(0, 5), min_size=1, max_size=3), min_size=1, max_size=12))
def test_a_trigger_targets_each_beginning_and_every_beginning_it_starts_with(beginnings):
    trigger = Trigger.build(beginnings, boundary=r"\W")
    if trigger.spaced:  # as build reads them
        widened: dict = {}
        for b, found in beginnings.items():
            widened.setdefault(re.sub(r"[\s-]+", GAP, b), []).extend(found)
        beginnings = {b: list(dict.fromkeys(t)) for b, t in widened.items()}
    expected = {
        b: tuple(dict.fromkeys(t for n in range(1, len(b) + 1) for t in beginnings.get(b[:n], ()))) for b in beginnings
    }
    assert trigger.targets == expected
    assert list(trigger.targets) == list(beginnings)


@settings(max_examples=300, deadline=None)
@given(st.sets(_SHORT, min_size=1, max_size=12), st.integers(1, 3))
def test_the_shortest_beginnings_are_kept(found, words):
    cut = {GAP.join(b.split(GAP)[:words]).rstrip(GAP) for b in found}
    got = _kept(found, ignore_case=False, words=words)
    if "" in cut or any(b.startswith(GAP) for b in cut):
        assert got is None
    else:
        assert got == (frozenset(b for b in cut if not any(b != c and b.startswith(c) for c in cut)), False)
