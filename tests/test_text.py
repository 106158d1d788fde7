"""Tests for analysis.text on the hard cases found in the seed articles."""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.quotes import quote_spans
from analysis.text import (
    doc_term_counts,
    fold,
    normalize,
    sentence_spans,
    sentence_table,
    split_sentences,
    stopwords,
    token_spans,
    tokenize,
)

from .test_punkt import _plain_punkt


def sentences(text):
    return split_sentences(text)["text"].tolist()


def test_us_abbreviation_does_not_end_a_sentence():
    text = "U.S. officials said American warplanes had brought down around 70 drones while U.S. ships downed missiles."
    assert sentences(text) == [text]


def test_un_security_council():
    text = "In an emergency session of the U.N. Security Council after the attack, the U.S. said it would act. It did."
    assert len(sentences(text)) == 2


def test_month_abbreviation():
    assert sentences("Iran struck on Jan. 16 in Panjgur. Pakistan struck back.") == [
        "Iran struck on Jan. 16 in Panjgur.",
        "Pakistan struck back.",
    ]


def test_titles():
    assert len(sentences("Dr. Khan met Gen. Munir. They spoke.")) == 2


def test_quote_ending_a_sentence():
    text = "“We call on all parties to exercise utmost restraint,” it added. Several countries agreed."
    assert sentences(text) == [
        "“We call on all parties to exercise utmost restraint,” it added.",
        "Several countries agreed.",
    ]
    text = 'Baloch said the act was "a violation of international law." Pakistan also asked the envoy to stay away.'
    assert sentences(text) == [
        'Baloch said the act was "a violation of international law."',
        "Pakistan also asked the envoy to stay away.",
    ]


def test_bulleted_list_items_are_sentences():
    text = "To review events:\n- Pakistan recalls ambassador\n- IRGC commander killed\n- Saudi mediating"
    assert sentences(text) == [
        "To review events:",
        "- Pakistan recalls ambassador",
        "- IRGC commander killed",
        "- Saudi mediating",
    ]


def test_sentence_offsets_point_into_text():
    text = "First one.\n\nSecond one here. Third."
    table = split_sentences(text)
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    assert table["sentence"].tolist() == [0, 1, 2]


def test_hyphenated_number_and_possessive():
    assert tokenize("Iran launched 300-plus drones at Israel’s south") == [
        "iran",
        "launched",
        "300-plus",
        "drones",
        "at",
        "israel",
        "south",
    ]
    assert tokenize("Israel’s", keep_possessive=True) == ["israel's"]
    assert tokenize("the countries' borders") == ["the", "countries", "borders"]


def test_dotted_acronyms_and_hyphenated_names():
    assert tokenize("The U.S. and the U.N. met in Koh-e-Sabz.") == [
        "the",
        "u.s.",
        "and",
        "the",
        "u.n.",
        "met",
        "in",
        "koh-e-sabz",
    ]


def test_token_spans_cover_the_original_characters():
    text = "Pakistan’s “deep concern” — de‑escalation"
    spans = token_spans(text, lower=False)
    assert [text[s:e] for s, e in zip(spans.start, spans.end)] == ["Pakistan’s", "deep", "concern", "de‑escalation"]
    assert spans["token"].tolist() == ["Pakistan", "deep", "concern", "de-escalation"]


def test_fold_keeps_length_and_normalize_folds_case():
    text = "“Iran’s” — 1980–1988"
    assert len(fold(text)) == len(text)
    assert normalize("Iran’s De‑Escalation") == "iran's de-escalation"


def test_stopwords_are_normalised_and_exclude_us():
    words = stopwords()
    assert {"the", "and", "of", "don't", "it's"} <= words
    assert "us" not in words and "iran" not in words
    assert len(words) == 174  # Snowball's English list, counted in the data file


def test_quote_spans_paired_and_unclosed():
    text = "He said “no” and “yes\nNext paragraph."
    spans = quote_spans(text)
    assert [text[a:b] for a, b in spans] == ["“no”", "“yes"]


def test_sentence_table_in_quote_and_position():
    corpus = pd.DataFrame(
        {"id": ["a"], "text": ["Calm returned.\n\n“We want talks,” he said."], "quoted_text": ["A post"]}
    )
    table = sentence_table(corpus, include_embeds=True)
    assert table[["source", "in_quote"]].values.tolist() == [["body", False], ["body", True], ["embed", True]]
    # Position is the sentence midpoint over the body length (14 + 2 + 25 = 41 characters): 7 / 41
    assert table["position"].iloc[0] == pytest.approx(7 / 41, abs=1e-6)


def test_doc_term_counts_bigrams_skip_stopword_edges_and_sentence_breaks():
    corpus = pd.DataFrame({"id": ["a"], "text": ["Breakdown of diplomacy. Diplomacy failed."]})
    bigrams = doc_term_counts(corpus, ngram=2)
    # "breakdown of" ends in a stopword, "of diplomacy" starts with one; "diplomacy diplomacy" would
    # cross the sentence break. Only "diplomacy failed" is left.
    assert bigrams["term"].tolist() == ["diplomacy failed"]
    trigrams = doc_term_counts(corpus, ngram=3)
    assert trigrams["term"].tolist() == ["breakdown of diplomacy"]


# ---------------------------------------------------------------- fast tokens and quotations equal the old ones (issue #16)

TOKEN_TEXTS = [
    "The U.S. said Iran’s 300-plus drones were “intercepted.” IRAN'S e.g.x U.S.A rock'n'roll 'quoted' x's",
    "Sentence one ends at U.S. Then e.g. another; Ünïcödé İstanbul ΣΑΣ straße — 1980–1988 … “quote”",
    "",
    "   ",
]


def _long_texts():
    # at least 1,000 characters: long enough for the remembered token index
    return [(" ".join(TOKEN_TEXTS[:2]) + "\n\n") * 8, "U.S." * 300]


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("keep_possessive", [True, False])
def test_tokens_equal_the_old_token_loop(lower, keep_possessive):
    from analysis.text import token_bounds
    from tests import reference

    for text in [*TOKEN_TEXTS, *_long_texts()]:
        old = reference.tokens(text, lower=lower, keep_possessive=keep_possessive)
        assert tokenize(text, lower=lower, keep_possessive=keep_possessive) == [t for _, _, t in old]
        spans = token_spans(text, lower=lower, keep_possessive=keep_possessive)
        assert list(spans.itertuples(index=False, name=None)) == old
        assert token_bounds(fold(text))[:2] == ([s for s, _, _ in old], [e for _, e, _ in old])


def test_token_counts_of_any_slice_equal_counting_the_slice():
    import random

    from analysis.text import count_tokens

    rng = random.Random(16)
    for text in _long_texts():
        folded = fold(text)
        ranges = [(0, len(folded)), *zip(split_sentences(text)["start"], split_sentences(text)["end"])]
        ranges += [tuple(sorted((rng.randrange(len(folded)), rng.randrange(len(folded))))) for _ in range(300)]
        for start, end in ranges:  # slices that cut a token in two included
            assert count_tokens(folded, start, end) == len(tokenize(text[start:end])), (start, end)


def test_quotations_equal_the_old_character_loop():
    import random

    from analysis.quotes import quote_share
    from tests import reference

    texts = [
        'He said “no deal” and left. "Fine," she said. «Oui» and „so“ ” stray',
        "“Open quote runs on\nNext “paragraph” and an “unclosed one",
        '"a" "b\n"c" “d" «e»',
        "",
    ]
    rng = random.Random(16)
    for text in texts:
        spans = quote_spans(text)
        assert spans == reference.quote_spans(text)
        ends = [b for _, b in spans]
        for _ in range(200):
            start, end = rng.randrange(len(text) + 1), rng.randrange(len(text) + 1)
            expected = reference.old_quote_share(start, end, spans)
            assert quote_share(start, end, spans) == expected
            assert quote_share(start, end, spans, ends=ends) == expected


def test_sentence_spans_are_plain_punkts_per_paragraph():
    text = (
        "The U.S. said on Jan. 16 it would act. Talks resumed?! “Stop,” he said... Then quiet.\n"
        "  Dr. J. Smith (the envoy.) left at 3.5 p.m. He said so!\n\n- A bullet\n"
        "Talks resumed. Talks resumed. He said so! He said so!"
    )
    expected, offset = [], 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            expected += [(offset + a, offset + b, paragraph[a:b]) for a, b in _plain_punkt().span_tokenize(paragraph)]
        offset += len(paragraph) + 1
    assert list(sentence_spans(text)) == expected
    assert [s for _, _, s in expected][:2] == ["The U.S. said on Jan. 16 it would act.", "Talks resumed?!"]


# ---------------------------------------------------------------- the token expression, and word counts without tokens

_TOKEN_ALPHABET = "aZé ſİß1²٣_.'’-‐—“\n\t\u00a0Σ"
# a few characters of the alphabet at a time, so that such as "1.a." or "a'-b" come up often
_TOKEN_TEXTS = st.lists(st.sampled_from(_TOKEN_ALPHABET), min_size=1, max_size=5, unique=True).flatmap(
    lambda chars: st.text(alphabet="".join(chars), max_size=60)
)


@settings(max_examples=400, deadline=None)
@given(text=_TOKEN_TEXTS, repeat=st.sampled_from([1, 40]))
@example(text="1.a. ².b. a.1. e.g.x U.S.'s a'-b 1-a.b. _a.b. x.y", repeat=1)
@example(text="1.a. a.1. e.g.x U.S.'s a'-b 1-a.b. _a.b. x.y Z_z a--b a''b -a 'a b- b' 9.Z.", repeat=1)
def test_token_expression_finds_the_old_tokens(text, repeat):
    from analysis.text import _ASCII_TOKEN_RE, _TOKEN_RE, _TOKEN_SPLIT_RE, _token_re, _token_split_re
    from tests import reference

    folded = fold(text * repeat)
    old_spans = [m.span() for m in reference._TOKEN_RE.finditer(folded)]
    assert [m.span() for m in _TOKEN_RE.finditer(folded)] == old_spans
    assert [m.span() for m in _token_re(folded).finditer(folded)] == old_spans
    old_split = re.compile(f"({reference._TOKEN_RE.pattern}\n)", re.VERBOSE)
    assert _TOKEN_SPLIT_RE.split(folded) == old_split.split(folded) == _token_split_re(folded).split(folded)
    # the ASCII expression on ASCII text (about half the examples: the alphabet's ASCII characters alone)
    assert folded.isascii() == (_token_re(folded) is _ASCII_TOKEN_RE)


@settings(max_examples=400, deadline=None)
@given(text=_TOKEN_TEXTS, repeat=st.sampled_from([1, 40]))
def test_counting_tokens_equals_the_length_of_tokenize(text, repeat):
    # the loader's word count (count_tokens) is the number of tokenize()'s tokens: a possessive
    # dropped or a case folded never makes or removes one
    from analysis.text import count_tokens
    from tests import reference

    text *= repeat  # 40 times: long enough (most often) for the remembered token index
    assert count_tokens(fold(text)) == len(tokenize(text)) == len(reference.tokens(text))


_TERM_SENTENCES = [
    *TOKEN_TEXTS,
    "Breakdown of diplomacy. Diplomacy failed.",
    "Calls for restraint. Restraint, now. 1980-1988 and 300 U.S. strikes; a b c.",
    "The talks were held in Geneva.\nThe U.S. said no.\n\n- A bullet of the talks",
]


@settings(max_examples=120, deadline=None)
@given(
    articles=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "B", "ä"]),  # ids may repeat
            st.lists(st.sampled_from(_TERM_SENTENCES), max_size=5).map(" ".join),
            st.sampled_from([1, 12]),  # 12 times: (most often) long enough for the remembered tokens
        ),
        max_size=4,
    ),
    ngram=st.integers(1, 3),
    drop_stopwords=st.booleans(),
    min_length=st.integers(1, 3),
)
def test_doc_term_counts_equal_counting_each_sentence_on_its_own(articles, ngram, drop_stopwords, min_length):
    from tests import reference

    corpus = pd.DataFrame([(i, text * n) for i, text, n in articles], columns=["id", "text"])
    options = {"ngram": ngram, "drop_stopwords": drop_stopwords, "min_length": min_length}
    pd.testing.assert_frame_equal(doc_term_counts(corpus, **options), reference.doc_term_counts(corpus, **options))


def test_token_ranges_are_the_tokens_inside_each_slice():
    import random

    from analysis.text import _token_ranges
    from tests import reference

    rng = random.Random(16)
    for text in [*_long_texts(), ". " * 600]:  # and a long text with no token
        folded = fold(text)
        spans = [(a, b) for a, b, _ in reference.tokens(text)]
        slices = [tuple(sorted((rng.randrange(len(folded)), rng.randrange(len(folded))))) for _ in range(300)]
        slices += [(a, a) for a, _ in spans[:20]] + [(b, b) for _, b in spans[:20]]
        first, ends, holds = _token_ranges(folded, [a for a, _ in slices], [b for _, b in slices])
        for k, (start, end) in enumerate(slices):  # slices that cut a token in two included
            assert holds[k] == (not any(a < start < b or a < end < b for a, b in spans)), (start, end)
            if holds[k]:
                before_start = sum(a < start for a, _ in spans)
                assert (first[k], ends[k]) == (before_start, max(before_start, sum(a < end for a, _ in spans)))
    assert _token_ranges("short", [0], [5]) is None


@settings(max_examples=100, deadline=None)
@given(
    articles=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", 3]),  # ids may repeat, and be of mixed types
            st.lists(st.sampled_from(_TERM_SENTENCES), max_size=5).map(" ".join),
            st.sampled_from([1, 12]),  # 12 times: (most often) long enough for the remembered tokens
            st.sampled_from(["", "“Quoted,” he said. Fine.", "x " * 600]),
        ),
        max_size=4,
    ),
    include_embeds=st.booleans(),
    quote_threshold=st.sampled_from([0.5, 0.2]),
)
def test_sentence_table_equals_a_row_per_sentence(articles, include_embeds, quote_threshold):
    from tests import reference

    corpus = pd.DataFrame([(i, t * n, q) for i, t, n, q in articles], columns=["id", "text", "quoted_text"])
    options = {"include_embeds": include_embeds, "quote_threshold": quote_threshold}
    pd.testing.assert_frame_equal(sentence_table(corpus, **options), reference.sentence_table(corpus, **options))


def test_sentence_table_names_a_missing_column():
    from analysis.errors import AnalysisInputError

    with pytest.raises(AnalysisInputError, match="quoted_text"):
        sentence_table(pd.DataFrame({"id": ["a"], "text": ["Calm."]}), include_embeds=True)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(["Talks", "U.S.", "300-plus", "Iran's", "a", "x.y", "—", ".", "'"]), min_size=1),
    gaps=st.lists(st.sampled_from([" ", "", ". ", "\n"]), min_size=1),
    cuts=st.lists(st.floats(0, 1), max_size=12),
    shape=st.sampled_from(["partition", "late", "gaps", "any"]),
)
def test_text_tokens_equal_joining_each_sentences_tokens(words, gaps, cuts, shape):
    # The sentences are made up here (Punkt's spans cover every token, so they would all take the fast
    # path): contiguous spans from the start or not, spans with gaps between them, and spans in any order
    # that overlap; cuts may fall inside a token. The whole text's tokens may stand for the sentences' only when they are the same.
    import analysis.text as text_module

    text = "".join(w + gaps[k % len(gaps)] for k, w in enumerate(words))
    text = (text * (1 + 1000 // len(text)))[: 1000 + len(cuts) * 37]  # long enough for the remembered tokens
    points = sorted({0, len(text), *(round(c * len(text)) for c in cuts)})
    if shape == "partition":
        spans = list(itertools.pairwise(points))
    elif shape == "late":  # the text's first piece left out
        spans = list(itertools.pairwise(points[1:]))
    elif shape == "gaps":
        spans = list(zip(points[::2], points[1::2]))
    else:
        spans = [tuple(sorted((round(a * len(text)), round(b * len(text))))) for a, b in zip(cuts, cuts[::-1])]
    rows = tuple((a, b, text[a:b]) for a, b in spans)
    expected = [token for a, b in spans for token in tokenize(text[a:b])]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module, "sentence_spans", lambda t: rows if t == text else sentence_spans(t))
        assert text_module._text_tokens(text) == expected
