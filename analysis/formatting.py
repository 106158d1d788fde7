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


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def format_number(value, fmt: str = "{:.2f}", *, missing: str = "n/a") -> str:
    """A number in ``fmt``, or ``missing`` when there is none (None or NaN).

    Example
    -------
    >>> format_number(0.4567), format_number(0.4567, "{:.0%}"), format_number(float("nan"), "{:+.2f}")
    ('0.46', '46%', 'n/a')
    """
    return missing if _missing(value) else fmt.format(value)


def interval(value, low, high, *, fmt: str = "{:+.2f}", missing: str = "n/a") -> str:
    """An estimate with its interval, ``value [low, high]``, each in ``fmt``.

    ``missing`` when the estimate is missing; the estimate alone when the
    interval is (a bootstrap of nothing).

    Example
    -------
    >>> interval(-0.2, -0.4, 0.03), interval(0.81, 0.72, 0.9, fmt="{:.2f}")
    ('-0.20 [-0.40, +0.03]', '0.81 [0.72, 0.90]')
    >>> interval(float("nan"), 0, 0), interval(0.5, None, None)
    ('n/a', '+0.50')
    """
    if _missing(value):
        return missing
    if _missing(low) or _missing(high):
        return fmt.format(value)
    return f"{fmt.format(value)} [{fmt.format(low)}, {fmt.format(high)}]"
