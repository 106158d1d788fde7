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


def count_noun(k: int, word: str) -> str:
    """A count with its noun, in the singular for one.

    Example
    -------
    >>> count_noun(1, "article"), count_noun(3, "article")
    ('1 article', '3 articles')
    """
    return f"{k} {word}{'' if k == 1 else 's'}"
