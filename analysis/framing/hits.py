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

import numpy as np
import pandas as pd

from analysis.scanning import Trigger, ignorecase_lower, literal_beginnings, spans_at
from analysis.text import _bounds, fold, sentence_in_quote, sentence_spans

#: Columns of a table of hits (:func:`pattern_hits`, each frame's table in :func:`dictionary_hits`).
HIT_COLUMNS = ["id", "sentence", "left", "match", "right", "start", "end", "sentence_text", "in_quote"]


def _one_line(text: str) -> str:
    """``" ".join(text.split())``, without splitting a text that, stripped of spaces, is printable and holds no double space.

    Printable, it holds no white space but the space (no line break or tab),
    so only spaces at its ends can go.

    Example
    -------
    >>> _one_line(" Calm returned. "), _one_line("Calm\\n returned."), _one_line("  Calm  returned")
    ('Calm returned.', 'Calm returned.', 'Calm returned')
    """
    stripped = text.strip(" ")
    return stripped if stripped.isprintable() and "  " not in stripped else " ".join(stripped.split())


class _Article:
    """One article's text, with its sentences and word tokens worked out when first needed."""

    def __init__(self, doc_id, text: str, folded: str) -> None:
        self.id, self.text, self.folded = doc_id, text, folded
        self._sentences: tuple | None = None
        self._tokens: tuple | None = None

    def _sentence_data(self) -> tuple[list[int], tuple, tuple[bool, ...], dict[int, str]]:
        """The sentences' starts, spans and ``in_quote``, and the texts (white space collapsed) used so far."""
        if self._sentences is None:
            spans = sentence_spans(self.text)
            self._sentences = ([s[0] for s in spans], spans, sentence_in_quote(self.text), {})
        return self._sentences

    def _sentence_at(self, pos: int) -> tuple[int, str, bool] | None:
        """Number, text (white space collapsed) and ``in_quote`` of the sentence holding offset ``pos``."""
        starts, spans, quoted, texts = self._sentence_data()
        number = bisect_right(starts, pos) - 1
        if number < 0 or spans[number][1] <= pos:
            return None
        if number not in texts:
            texts[number] = _one_line(spans[number][2])
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

    def columns(self, starts: list[int], ends: list[int], window: int) -> list[list]:
        """:meth:`row` of each hit ``starts[k]:ends[k]``, column by column (the order of :data:`HIT_COLUMNS`).

        With a positive ``window`` the token and sentence offsets of all the
        article's hits are looked up at once (``searchsorted`` is ``bisect``
        over the whole array); other windows go through :meth:`row`.
        """
        if window <= 0:
            return [list(c) for c in zip(*(self.row(a, b, window) for a, b in zip(starts, ends)))]
        if self._tokens is None:
            self._tokens = _bounds(self.folded)
        hit_starts, hit_ends = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        tok_starts, tok_ends = (np.asarray(b, dtype=np.int64) for b in self._tokens)
        n = len(tok_starts)
        if n:
            count = np.searchsorted(tok_ends, hit_starts, side="right")  # tokens ending at or before the start
            left_from = np.where(count > 0, tok_starts[np.maximum(count - window, 0)], hit_starts)
            first = np.searchsorted(tok_starts, hit_ends, side="left")  # tokens starting at or after the end
            right_to = np.where(first < n, tok_ends[np.minimum(first + window, n) - 1], hit_ends)
        else:
            left_from, right_to = hit_starts, hit_ends
        numbers = self._sentence_numbers(hit_starts)
        quoted, texts = self._sentence_data()[2:]
        return [
            [self.id] * len(starts),
            numbers,
            self._collapsed(left_from, hit_starts),
            [self.text[a:b] for a, b in zip(starts, ends)],
            self._collapsed(hit_ends, right_to),
            list(starts),
            list(ends),
            [texts[k] if k >= 0 else "" for k in numbers],
            [quoted[k] if k >= 0 else False for k in numbers],
        ]

    def _collapsed(self, starts: np.ndarray, ends: np.ndarray) -> list[str]:
        """:func:`_one_line` of each slice ``text[a:b]``."""
        text = self.text
        return [_one_line(text[a:b]) for a, b in zip(starts.tolist(), ends.tolist())]

    def _sentence_numbers(self, positions: np.ndarray) -> list[int]:
        """:meth:`_sentence_at`'s number for each of ``positions`` (-1 for none), its sentence's text kept."""
        starts, spans, _, texts = self._sentence_data()
        if not spans:
            return [-1] * len(positions)
        numbers = np.searchsorted(np.array(starts, dtype=np.int64), positions, side="right") - 1
        ends = np.array([s[1] for s in spans], dtype=np.int64)
        numbers = np.where((numbers >= 0) & (ends[np.maximum(numbers, 0)] > positions), numbers, -1).tolist()
        for number in set(numbers):
            if number >= 0 and number not in texts:
                texts[number] = _one_line(spans[number][2])
        return numbers


def _table(rows: list[tuple]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=HIT_COLUMNS)
    return out.astype({"sentence": "int64", "start": "int64", "end": "int64", "in_quote": "bool"})


def _table_of_columns(columns: list[list]) -> pd.DataFrame:
    """:func:`_table` of the rows whose columns (in the order of :data:`HIT_COLUMNS`) are ``columns``; at least one row."""
    # the number and truth columns made arrays of their type at once, not inferred and then converted
    typed = {"sentence": np.int64, "start": np.int64, "end": np.int64, "in_quote": bool}
    data = {c: np.array(v, dtype=typed[c]) if c in typed else v for c, v in zip(HIT_COLUMNS, columns)}
    return pd.DataFrame(data, columns=HIT_COLUMNS)


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
    which, columns = _dictionary_columns(corpus, regexes, window=window)
    if not which:
        return [_table([]) for _ in regexes]
    picks: list[list[int]] = [[] for _ in regexes]
    for k, index in enumerate(which):
        picks[index].append(k)
    return [_table([tuple(c[k] for c in columns) for k in pick]) for pick in picks]


def _dictionary_columns(corpus: pd.DataFrame, regexes: list[str], *, window: int) -> tuple[list[int], list[list]]:
    """The index of the expression of every hit of :func:`dictionary_hits`, and the hits' columns (those of
    :data:`HIT_COLUMNS`): article by article, then by expression, then by position."""
    compiled, trigger, whole = _dictionary_scanner(tuple(regexes))
    which: list[int] = []
    columns: list[list] = [[] for _ in HIT_COLUMNS]
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        text = text or ""
        folded = fold(text)
        starts = trigger.starts(ignorecase_lower(folded)) if trigger is not None else {}
        if not starts and not whole:
            continue
        hit_starts: list[int] = []
        hit_ends: list[int] = []
        for index, rx in enumerate(compiled):
            if index in starts:
                spans = spans_at(rx, folded, starts[index])
            elif index in whole:
                spans = spans_at(rx, folded, None)
            else:
                continue
            for a, b in spans:
                if b > a:
                    which.append(index)
                    hit_starts.append(a)
                    hit_ends.append(b)
        if hit_starts:
            for column, values in zip(columns, _Article(doc_id, text, folded).columns(hit_starts, hit_ends, window)):
                column.extend(values)
    return which, columns
