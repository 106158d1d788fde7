"""Matches of dictionary expressions in the cleaned body texts, each with its sentence and context.

:func:`pattern_hits` (behind :func:`~analysis.framing.collocations.kwic` and
:func:`~analysis.framing.collocations.find_pattern`) runs one expression;
:func:`dictionary_hits` (behind :func:`~analysis.framing.frames.frame_hits`)
runs every frame of a dictionary over each article in one pass
(:mod:`analysis.scanning`) with exactly the matches each frame's expression
finds on its own. Matching is case-insensitive, on the folded text
(:func:`analysis.text.fold`). An article's sentences, quotations and word
tokens are worked out once, and only when it has a match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import pandas as pd

from analysis.scanning import Trigger, finditer_at, ignorecase_lower, literal_beginnings
from analysis.text import _bounds, fold, sentence_in_quote, sentence_spans

#: Columns of a table of hits (:func:`pattern_hits`, each frame's table in :func:`dictionary_hits`).
HIT_COLUMNS = ["id", "sentence", "left", "match", "right", "start", "end", "sentence_text", "in_quote"]


class _Article:
    """One article's text, with its sentences and word tokens worked out when first needed."""

    def __init__(self, doc_id, text: str, folded: str) -> None:
        self.id, self.text, self.folded = doc_id, text, folded
        self._sentences: tuple | None = None
        self._tokens: tuple | None = None

    def _sentence_at(self, pos: int) -> tuple[int, str, bool] | None:
        """Number, text (white space collapsed) and ``in_quote`` of the sentence holding offset ``pos``."""
        if self._sentences is None:
            spans = sentence_spans(self.text)
            self._sentences = ([s[0] for s in spans], spans, sentence_in_quote(self.text), {})
        starts, spans, quoted, texts = self._sentences
        number = bisect_right(starts, pos) - 1
        if number < 0 or spans[number][1] <= pos:
            return None
        if number not in texts:
            texts[number] = " ".join(spans[number][2].split())
        return number, texts[number], quoted[number]

    def row(self, start: int, end: int, window: int) -> tuple:
        """One hit, in the order of :data:`HIT_COLUMNS`."""
        if self._tokens is None:
            self._tokens = _bounds(self.folded)
        starts, ends = self._tokens
        if window > 0:
            count = bisect_right(ends, start)
            before = starts[max(0, count - window) : count]
            first = bisect_left(starts, end)
            after = ends[first : first + window]
        elif window:  # a negative window, sliced as the table-based code always did
            before = starts[: bisect_right(ends, start)][-window:]
            after = ends[bisect_left(starts, end) :][:window]
        else:
            before = after = []
        left_from = before[0] if len(before) else start
        right_to = after[-1] if len(after) else end
        sent = self._sentence_at(start)
        text = self.text
        return (
            self.id,
            sent[0] if sent is not None else -1,
            " ".join(text[left_from:start].split()),
            text[start:end],
            " ".join(text[end:right_to].split()),
            start,
            end,
            sent[1] if sent is not None else "",
            sent[2] if sent is not None else False,
        )


def _table(rows: list[tuple]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=HIT_COLUMNS)
    return out.astype({"sentence": "int64", "start": "int64", "end": "int64", "in_quote": "bool"})


def pattern_hits(corpus: pd.DataFrame, regex: str, *, window: int) -> pd.DataFrame:
    """Every match of ``regex`` (case-insensitive, on folded text) with its sentence and context.

    Returns :data:`HIT_COLUMNS`: ``id``, ``sentence`` (index of the sentence
    holding the match's start, -1 if none), ``left``, ``match`` (as written),
    ``right`` (``window`` words each side, across sentence boundaries),
    ``start``, ``end``, ``sentence_text`` and ``in_quote``; in corpus order.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Both sides showed restraint. Calm returned."]})
    >>> pattern_hits(corpus, "restraint", window=1)[["left", "match", "right", "sentence"]].values.tolist()
    [['showed', 'restraint', '. Calm', 0]]
    """
    compiled = re.compile(regex, re.IGNORECASE)
    rows = []
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        text = text or ""
        folded = fold(text)
        article = None
        for m in compiled.finditer(folded):
            if m.end() == m.start():
                continue
            article = article or _Article(doc_id, text, folded)
            rows.append(article.row(m.start(), m.end(), window))
    return _table(rows)


@lru_cache(maxsize=16)
def _dictionary_scanner(regexes: tuple[str, ...]) -> tuple[tuple[re.Pattern, ...], Trigger | None, tuple[int, ...]]:
    """The frames' compiled expressions, one trigger for their beginnings, and the frames to scan whole."""
    compiled = tuple(re.compile(r, re.IGNORECASE) for r in regexes)
    beginnings: dict[str, list[int]] = {}
    whole = []
    for index, rx in enumerate(compiled):
        read = literal_beginnings(rx, r"(?<![\w-])")
        if read is None or not read[1]:
            whole.append(index)
            continue
        for b in sorted(read[0]):
            beginnings.setdefault(b, []).append(index)
    trigger = Trigger.build(beginnings, boundary=r"[^\w-]") if beginnings else None
    return compiled, trigger, tuple(whole)


def dictionary_hits(corpus: pd.DataFrame, regexes: list[str], *, window: int) -> list[pd.DataFrame]:
    """:func:`pattern_hits` of each of ``regexes``, in one pass over each article.

    Each expression must be one of :func:`~analysis.framing.collocations.pattern_regex`
    (or any expression; one that does not begin with ``(?<![\\w-])`` and a
    literal is simply run over the whole text). Returns one table per
    expression, each equal to ``pattern_hits(corpus, regex, window=window)``.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Missiles flew; talks and more talks."]})
    >>> [t["match"].tolist() for t in dictionary_hits(corpus, [r"(?<![\\w-])(?:missile[\\w'-]*)(?![\\w-])",
    ...                                                            r"(?<![\\w-])(?:talks)(?![\\w-])"], window=2)]
    [['Missiles'], ['talks', 'talks']]
    """
    rows: list[list[tuple]] = [[] for _ in regexes]
    for index, row in _dictionary_rows(corpus, regexes, window=window):
        rows[index].append(row)
    return [_table(r) for r in rows]


def _dictionary_rows(corpus: pd.DataFrame, regexes: list[str], *, window: int):
    """``(index of the expression, hit row)`` of every hit of :func:`dictionary_hits`, article by
    article, then by expression, then by position (the rows of :data:`HIT_COLUMNS`)."""
    compiled, trigger, whole = _dictionary_scanner(tuple(regexes))
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        text = text or ""
        folded = fold(text)
        starts = trigger.starts(ignorecase_lower(folded)) if trigger is not None else {}
        if not starts and not whole:
            continue
        article = _Article(doc_id, text, folded)
        for index, rx in enumerate(compiled):
            if index in starts:
                matches = finditer_at(rx, folded, starts[index])
            elif index in whole:
                matches = rx.finditer(folded)
            else:
                continue
            for m in matches:
                if m.end() > m.start():
                    yield index, article.row(m.start(), m.end(), window)
