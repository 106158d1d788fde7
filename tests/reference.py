"""The matching code as it was before issue #16 (one full scan per alias and per frame, tables per article).

Kept only as the reference the fast code must equal (tests/test_scanning.py
and the differential tests in test_actors.py, test_framing.py and
test_text.py): slow, obviously right, and not used anywhere else. Each
function is the old one with its helpers inlined; only the names changed.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.actors.matching import _context_ok, _flag_misaligned
from analysis.text import fold, split_sentences

_TOKEN_RE = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                  # dotted acronym: U.S. U.N. e.g.
    | [^\W_]+(?:['-][^\W_]+)*           # words, numbers, hyphen/apostrophe compounds
    """,
    re.VERBOSE,
)
_POSSESSIVE_RE = re.compile(r"'s?$")
_QUOTE_OPEN_CLOSE = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}


def tokens(text: str, *, lower: bool = True, keep_possessive: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, token) of every word token: the old ``_iter_tokens``."""
    out = []
    for m in _TOKEN_RE.finditer(fold(text)):
        tok = m.group(0)
        if not keep_possessive and "'" in tok:
            tok = _POSSESSIVE_RE.sub("", tok)
        out.append((m.start(), m.end(), tok.casefold() if lower else tok))
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The old character-by-character quotation finder."""
    spans = []
    offset = 0
    for paragraph in text.split("\n"):
        open_at = None
        closer = None
        for i, ch in enumerate(paragraph):
            if open_at is None:
                if ch in _QUOTE_OPEN_CLOSE:
                    open_at, closer = i, _QUOTE_OPEN_CLOSE[ch]
                elif ch == '"':
                    open_at, closer = i, '"'
            elif ch == closer:
                spans.append((offset + open_at, offset + i + 1))
                open_at = None
        if open_at is not None:
            spans.append((offset + open_at, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return spans


def match_text(text: str, gaz) -> list[tuple[int, int, str, str]]:
    """The old ``_match_text``: every alias's own ``finditer`` over the whole text; (start, end, actor, pattern)."""
    folded = fold(text)
    candidates = []
    for alias in gaz.aliases:
        for m in alias.compiled.finditer(folded):
            start, end = m.start(), m.end()
            if alias.kind == "flag" and _flag_misaligned(folded, start):
                continue
            if folded[start:end].endswith("'s") and end - start > 2:
                end -= 2
            if end > start and _context_ok(alias, folded, start, end):
                candidates.append((start, end, alias))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -len(c[2].contexts), c[2].order, c[0]))
    taken = np.zeros(len(text) + 1, dtype=bool)
    chosen = []
    for start, end, alias in candidates:
        if not taken[start:end].any():
            taken[start:end] = True
            chosen.append((start, end, alias.actor, alias.pattern))
    return sorted(chosen, key=lambda c: c[0])


def find_pattern(corpus: pd.DataFrame, regex: str, *, window: int) -> list[dict]:
    """The old ``find_pattern`` rows: sentence table and token table per article, pandas filters per match."""
    compiled = re.compile(regex, re.IGNORECASE)
    rows = []
    for row in corpus.itertuples(index=False):
        text = row.text or ""
        matches = list(compiled.finditer(fold(text)))
        if not matches:
            continue
        sents = split_sentences(text)
        quotes = quote_spans(text)
        sents["in_quote"] = [old_quote_share(a, b, quotes) >= 0.5 for a, b in zip(sents["start"], sents["end"])]
        spans = tokens(text)
        starts = np.array([s for s, _, _ in spans], dtype="int64")
        ends = np.array([e for _, e, _ in spans], dtype="int64")
        for m in matches:
            if m.end() == m.start():
                continue
            inside = sents[(sents["start"] <= m.start()) & (sents["end"] > m.start())]
            sent = inside.iloc[0] if len(inside) else None
            before = starts[ends <= m.start()][-window:] if window else []
            after = ends[starts >= m.end()][:window] if window else []
            left_from = before[0] if len(before) else m.start()
            right_to = after[-1] if len(after) else m.end()
            rows.append(
                {
                    "id": row.id,
                    "sentence": int(sent["sentence"]) if sent is not None else -1,
                    "left": " ".join(text[left_from : m.start()].split()),
                    "match": text[m.start() : m.end()],
                    "right": " ".join(text[m.end() : right_to].split()),
                    "start": m.start(),
                    "end": m.end(),
                    "sentence_text": " ".join(sent["text"].split()) if sent is not None else "",
                    "in_quote": bool(sent["in_quote"]) if sent is not None else False,
                }
            )
    return rows


def old_quote_share(start: int, end: int, spans) -> float:
    """The old share formula (a sum over every span)."""
    if end <= start:
        return 0.0
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans) / (end - start)


__all__ = ["find_pattern", "match_text", "old_quote_share", "quote_spans", "tokens"]
