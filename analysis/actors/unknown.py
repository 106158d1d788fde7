"""Names the gazetteer does not know: capitalised names and acronyms that no actor alias covers.

A corpus about other events, or from other outlets, names actors the gazetteer
lacks. :func:`unknown_names` lists the candidates a user may want to add to the
corpus's own ``actors.yaml`` (:func:`analysis.actors.gazetteer.corpus_gazetteer`):

- a *name* is a run of two or more capitalised words, which may be joined by
  ``of``, ``the``, ``for``, ``al``, ``el``, ``ul``, ``bin``, ``de``, ``e`` and
  by hyphens (``Royal Air Force``, ``Ministry of Defence``, ``Jaysh al-Dhulm``),
  with leading or trailing stopwords (``The``, ``In``) and a possessive ``'s`` left out;
- an *acronym* is a word of 2 to 6 capital letters or digits, starting with a
  letter, with at most one lower-case letter inside it and an optional plural
  ``s`` (``RAF``, ``MoD``, ``G20``, ``NGOs``);
- the parts of a name inside an actor mention found by
  :func:`~analysis.actors.matching.find_mentions` are cut out, and what is left
  on either side is a name only if it still has two capitalised words
  (``British Prime Minister Rishi Sunak`` gives ``Prime Minister Rishi Sunak``
  when ``British`` is a mention); an acronym inside a mention is dropped;
- it is kept when it occurs at least ``min_count`` times in the corpus.

It reads the cleaned body text only, as the counts do. It is a screening list,
not a count: a sentence-initial capital can join a name ("Tuesday Jordan said"),
and a person named with and without a title gives two rows.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.text import fold, stopwords

__all__ = ["UNKNOWN_COLUMNS", "unknown_names"]

#: Columns of :func:`unknown_names`.
UNKNOWN_COLUMNS = ["name", "kind", "count", "articles", "id", "left", "match", "right"]

_WORD = r"[A-Z][\w'-]*"
_JOIN = r"(?:of|the|for|al|el|ul|bin|de|e)"
_NAME_RE = re.compile(rf"(?<![\w'-]){_WORD}(?:[ \t]+(?:{_JOIN}[ \t]+)*{_WORD})+")
_ACRONYM_RE = re.compile(r"(?<![\w'-])(?=[A-Z0-9a-z]{2,7}(?![\w'-]))[A-Z](?:[A-Z0-9]|[a-z](?=[A-Z0-9]))+s?(?![\w'-])")


def _trim(text: str, start: int, end: int, stop: frozenset[str]) -> tuple[int, int] | None:
    """The span without leading/trailing stopwords and a final possessive; ``None`` when under two words."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]

    def loose(word: tuple[int, int]) -> bool:  # a stopword, or a lower-case remnant such as "'s"
        w = text[word[0] : word[1]]
        return w.lower() in stop or not w[0].isupper()

    while words and loose(words[0]):
        words.pop(0)
    while words and loose(words[-1]):
        words.pop()
    if not words:
        return None
    a, b = words[0][0], words[-1][1]
    if text[a:b].endswith("'s"):
        b -= 2
    capitals = sum(text[s].isupper() for s, _ in words)
    return (a, b) if capitals >= 2 else None


def _outside(start: int, end: int, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``start:end`` outside every known span."""
    parts = [(start, end)]
    for s, e in known:
        if s < end and e > start:
            parts = [piece for a, b in parts for piece in ((a, min(b, s)), (max(a, e), b)) if piece[1] > piece[0]]
    return parts


def _candidates(folded: str, stop: frozenset[str], known: list[tuple[int, int]]):
    for m in _NAME_RE.finditer(folded):
        for a, b in _outside(m.start(), m.end(), known):
            span = _trim(folded, a, b, stop)
            if span is not None:
                yield "name", span[0], span[1]
    for m in _ACRONYM_RE.finditer(folded):
        if not any(s < m.end() and e > m.start() for s, e in known):
            yield "acronym", m.start(), m.end()


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def unknown_names(
    corpus: pd.DataFrame, mentions: pd.DataFrame, *, min_count: int = 2, context: int = 40
) -> pd.DataFrame:
    """Capitalised multi-word names and acronyms that occur ``min_count`` times or more and match no actor.

    Parameters
    ----------
    corpus
        Needs ``id`` and ``text`` (the cleaned body, as from :func:`analysis.corpus.load_corpus`).
    mentions
        Needs ``id``, ``start``, ``end``: the body mentions of
        :func:`~analysis.actors.matching.find_mentions` over the same ``corpus``
        (rows of another ``source`` are ignored when there is a ``source`` column).
    min_count
        The fewest occurrences in the whole corpus for a name to be listed (at least 1).
    context
        Characters of text shown on each side of the first occurrence.

    Returns
    -------
    DataFrame, one row per name, most frequent first (then by name):
    ``name`` (as written at its first occurrence); ``kind`` (``"name"`` or
    ``"acronym"``); ``count`` (occurrences, same spelling); ``articles``
    (articles it occurs in); and one concordance line from its first
    occurrence, in corpus order: ``id`` (the article), ``left``, ``match``
    and ``right`` (the text around it, on one line).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": [
    ...     "The Royal Air Force flew. Iran's IRGC and the RAF met.",
    ...     "Sources in the Royal Air Force said the RAF and Iran's Revolutionary Guards acted."]})
    >>> mentions = pd.DataFrame({"id": ["a", "a", "b", "b"], "start": [26, 33, 45, 52], "end": [30, 37, 49, 75]})
    >>> unknown_names(corpus, mentions)[["name", "kind", "count", "articles", "id"]].values.tolist()
    [['RAF', 'acronym', 2, 2, 'a'], ['Royal Air Force', 'name', 2, 2, 'a']]
    """
    require_columns(corpus, ["id", "text"], "unknown_names()", "corpus")
    require_columns(mentions, ["id", "start", "end"], "unknown_names()", "mentions")
    if not isinstance(min_count, int) or min_count < 1:
        raise AnalysisInputError(Problem("unknown_names()", None, "min_count", f"must be 1 or more, not {min_count!r}"))
    if not isinstance(context, int) or context < 0:
        raise AnalysisInputError(Problem("unknown_names()", None, "context", f"must be 0 or more, not {context!r}"))
    if "source" in mentions.columns:
        mentions = mentions[mentions["source"] == "body"]
    spans: dict = {}
    for doc, start, end in zip(mentions["id"], mentions["start"], mentions["end"]):
        spans.setdefault(doc, []).append((int(start), int(end)))
    stop = stopwords()
    found: dict = {}
    for doc, text in zip(corpus["id"], corpus["text"]):
        text = text if isinstance(text, str) else ""
        folded = fold(text)
        known = spans.get(doc, [])
        for kind, start, end in _candidates(folded, stop, known):
            key = (kind, folded[start:end])
            row = found.get(key)
            if row is None:
                left = _one_line(text[max(0, start - context) : start]).lstrip()
                right = _one_line(text[end : end + context]).rstrip()
                found[key] = row = [text[start:end], kind, 0, set(), doc, left, text[start:end], right]
            row[2] += 1
            row[3].add(doc)
    rows = [[*r[:3], len(r[3]), *r[4:]] for r in found.values() if r[2] >= min_count]
    out = pd.DataFrame(rows, columns=UNKNOWN_COLUMNS)
    out = out.sort_values(["count", "name"], ascending=[False, True], kind="stable", ignore_index=True)
    return out.astype({"count": "int64", "articles": "int64"})
