"""Tests for analysis.punkt: Punkt's spans with the project's abbreviations, remembered and in one pass."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.errors import DataFileError
from analysis.punkt import _checked, abbreviations_file, sentence_tokenizer


@pytest.mark.parametrize(
    ("data", "row", "field"),
    [
        ({"abbreviations": ["u.s"]}, None, "source"),
        ({"source": "x", "abbreviations": []}, None, "abbreviations"),
        ({"source": "x", "abbreviations": ["u.s", "Gen"]}, 2, "abbreviations"),
        ({"source": "x", "abbreviations": ["jan."]}, 1, "abbreviations"),
    ],
)
def test_a_bad_abbreviations_file_names_its_entry(data, row, field):
    with pytest.raises(DataFileError) as caught:
        _checked(data, name="text.yaml")
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.field) == ("text.yaml", row, field)


def test_the_shipped_abbreviations_keep_a_sentence_whole():
    assert {"u.s", "jan", "gen"} <= set(abbreviations_file()["abbreviations"])
    assert sentence_tokenizer().spans("Gen. Munir met U.S. envoys on Jan. 16. Talks resumed.") == [
        (0, 38),
        (39, 53),
    ]  # by hand: 38 characters, a space, 14


# Pieces of news paragraphs around Punkt's candidate breaks: abbreviations, initials, numbers,
# ellipses, "?!", quotes and brackets, odd spacing, lower- and upper-case words after a period.
_PUNKT_PIECES = [
    "Talks", "resumed", "said", "the", "He", "it", "Monday", "U.S.", "U.N.", "Jan.", "Dr.", "Gen.",
    "J.", "e.g.", "No.", "3.5", "12.", "1980s.", "...", "…", ".", "?", "!", "?!", "!!!", ",", ":",
    ";", '"', "“", "”", "'", "’", "(", ")", "[", "]", "-", "—", "@", "*", "{", "}",
]  # fmt: skip
_PARAGRAPHS = st.lists(
    st.tuples(st.sampled_from(_PUNKT_PIECES), st.sampled_from(["", " ", " ", "  ", "\t", "\u00a0"])), max_size=25
).map(lambda parts: "".join(piece + gap for piece, gap in parts))


@lru_cache(maxsize=1)
def _plain_punkt() -> PunktSentenceTokenizer:
    """Punkt with the project's abbreviations and nothing remembered: the reference."""
    params = PunktParameters()
    params.abbrev_types = set(abbreviations_file()["abbreviations"])
    return PunktSentenceTokenizer(params)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraph=_PARAGRAPHS)
def test_remembering_punkt_equals_plain_punkt(paragraph):
    expected = list(_plain_punkt().span_tokenize(paragraph))
    # twice: the second answer comes from what the first remembered
    assert list(sentence_tokenizer().span_tokenize(paragraph)) == expected
    assert list(sentence_tokenizer().span_tokenize(paragraph)) == expected


# Whitespace of every kind Punkt tells apart (``string.whitespace``, and spaces it does not count), also first.
_GAPS = ["", " ", "  ", "\t", "\u00a0", "\n", "\r", "\x0b", "\x0c", "\u2028"]
_TEXTS = st.lists(
    st.tuples(st.sampled_from(_GAPS), st.sampled_from(_PUNKT_PIECES), st.sampled_from(_GAPS)), max_size=20
).map(lambda parts: "".join("".join(part) for part in parts))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_PARAGRAPHS, _TEXTS, st.text(alphabet="ab AB.?!\"')]}”’\t\n", max_size=30)))
@example(text="")
@example(text="   ")
@example(text=" .a")  # whitespace at index 0 before a candidate: Punkt takes it for none
@example(text="(Talks resumed.) He said so.  ")
def test_spans_equal_plain_punkts_span_tokenize(text):
    # differential: the one-pass spans against NLTK's generators, expressions and tokens as shipped
    assert sentence_tokenizer().spans(text) == list(_plain_punkt().span_tokenize(text))
