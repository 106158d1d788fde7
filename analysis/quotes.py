"""Direct quotations: where they are in a text, and how much of a stretch of text lies inside them.

A quotation is text between double quotation marks (curly quotes paired,
straight quotes alternating), within one paragraph; single quotes are not
read (apostrophes and scare quotes look the same). The sentence and mention
tables mark what lies mostly inside one (``in_quote``).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from functools import lru_cache

__all__ = ["quote_share", "quote_spans"]

# The spans of as many texts as analysis.text remembers sentences of (SENTENCE_CACHE_SIZE; a test checks).
_CACHE_SIZE = 8192


_QUOTE_OPEN_CLOSE = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations (double quotation marks), per paragraph.

    Curly quotes are paired open/close; straight quotes alternate. A quotation
    still open at the end of a paragraph runs to the end of that paragraph (the
    news convention for quotes spanning paragraphs). Single quotes are not
    used: they are ambiguous with apostrophes and scare quotes. Spans include
    the quotation marks.

    Example
    -------
    >>> text = 'He said “no deal” and left. "Fine," she said.'
    >>> [text[a:b] for a, b in quote_spans(text)]
    ['“no deal”', '"Fine,"']
    """
    return list(_quote_spans(text))


_QUOTE_EVENT_RE = re.compile('[\n"\u201c\u201d\u201e\u00ab\u00bb]')


@lru_cache(maxsize=_CACHE_SIZE)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Only line breaks and double quotation marks change the state, so only they are visited.
    spans = []
    open_at = closer = None
    for m in _QUOTE_EVENT_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if open_at is not None:  # a quotation still open runs to the end of its paragraph
                spans.append((open_at, i))
                open_at = None
        elif open_at is None:
            if ch in _QUOTE_OPEN_CLOSE:
                open_at, closer = i, _QUOTE_OPEN_CLOSE[ch]
            elif ch == '"':
                open_at, closer = i, '"'
        elif ch == closer:
            spans.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return tuple(spans)


def quote_share(start: int, end: int, spans: list[tuple[int, int]], *, ends: list[int] | None = None) -> float:
    """Share (0–1) of the characters in ``[start, end)`` that lie inside ``spans``.

    With ``ends`` (the spans' ends, when the spans are in order and do not
    overlap, as :func:`quote_spans` gives them) only the spans that can
    overlap ``[start, end)`` are visited; the share is the same.

    Example
    -------
    >>> quote_share(0, 10, [(5, 20)])
    0.5
    >>> quote_share(0, 10, [(5, 20)], ends=[20])
    0.5
    """
    if end <= start:
        return 0.0
    covered = 0
    first = bisect_right(ends, start) if ends is not None else 0
    for a, b in itertools.islice(spans, first, None):
        if ends is not None and a >= end:
            break
        if b > start and a < end:
            overlap = (end if end < b else b) - (start if start > a else a)
            if overlap > 0:
                covered += overlap
    return covered / (end - start)
