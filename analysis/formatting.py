"""Formatting numbers and lists for prose: one place, so the same quantity reads the same on every page."""

from __future__ import annotations

import numbers

import pandas as pd


def format_value(value, fmt: str | None = None) -> str:
    """Format a value for prose: ``fmt`` if given, else ints with thousands separators.

    Example
    -------
    >>> format_value(1234), format_value(0.4567, "{:.0%}"), format_value("x")
    ('1,234', '46%', 'x')
    """
    if fmt is not None:
        return fmt.format(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        return f"{float(value):.2f}"
    return str(value)


def join_words(items: list[str]) -> str:
    """Join phrases for prose: "a", "a and b", "a, b and c" (empty phrases are dropped).

    Example
    -------
    >>> join_words(["Iran", "", "Pakistan", "China"])
    'Iran, Pakistan and China'
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def signed(value) -> str:
    """A difference or balance with its sign and two decimals; ``n/a`` when missing.

    Example
    -------
    >>> signed(0.5), signed(-0.123), signed(None)
    ('+0.50', '-0.12', 'n/a')
    """
    return "n/a" if value is None or pd.isna(value) else f"{value:+.2f}"


_IRREGULAR = {"crisis": "crises", "analysis": "analyses", "thesis": "theses", "person": "people", "medium": "media"}


def plural(word: str) -> str:
    """The plural of an English noun: the irregular ones this book uses, then the regular rules.

    Example
    -------
    >>> [plural(w) for w in ("crisis", "outlet", "country", "day", "genre", "analysis", "box")]
    ['crises', 'outlets', 'countries', 'days', 'genres', 'analyses', 'boxes']
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def count_noun(k: int, word: str) -> str:
    """A count with its noun, in the singular for one.

    Example
    -------
    >>> count_noun(1, "article"), count_noun(3, "crisis"), count_noun(0, "genre")
    ('1 article', '3 crises', '0 genres')
    """
    return f"{k} {word if k == 1 else plural(word)}"


def sentence_start(text: str) -> str:
    """``text`` with its first letter in upper case, for a name (``analysis``, ``news``) that opens a sentence.

    Example
    -------
    >>> sentence_start("analysis rests on one article."), sentence_start("")
    ('Analysis rests on one article.', '')
    """
    return text[:1].upper() + text[1:]
