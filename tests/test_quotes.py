"""Tests for analysis.quotes: quotation spans and the share of a stretch of text inside them."""

from __future__ import annotations

from analysis import quotes, text
from analysis.quotes import quote_share, quote_spans


def test_curly_quotes_pair_and_straight_quotes_alternate():
    sample = 'He said “no deal” and “maybe. Then "fine" and "open'
    assert [sample[a:b] for a, b in quote_spans(sample)] == ["“no deal”", '“maybe. Then "fine" and "open']


def test_a_quotation_open_at_a_line_break_ends_there():
    sample = "“Still open\nNot quoted “closed”"
    assert [sample[a:b] for a, b in quote_spans(sample)] == ["“Still open", "“closed”"]


def test_single_quotes_are_not_quotations():
    assert quote_spans("It was 'fine', he said; the officials' view") == []


def test_the_share_counts_only_the_overlap_by_hand():
    # characters 0-9; the spans cover 2-4 and 8-12: 2 + 2 of 10 characters
    assert quote_share(0, 10, [(2, 4), (8, 12)]) == 0.4
    assert quote_share(0, 10, [(2, 4), (8, 12)], ends=[4, 12]) == 0.4
    assert quote_share(5, 5, [(0, 10)]) == 0.0


def test_the_cache_holds_as_many_texts_as_the_sentence_cache():
    assert quotes._CACHE_SIZE == text.SENTENCE_CACHE_SIZE
