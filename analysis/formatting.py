"""Formatting numbers and lists for prose: one place, so the same quantity reads the same on every page."""

from __future__ import annotations

import math
import numbers
import re

import pandas as pd

# The one format of each quantity, on every page, in prose and tables alike.

#: Scores, balances and their differences, signed with two decimals.
SCORE = "{:+.2f}"
#: Shares and percentages, in whole percent.
SHARE = "{:.0%}"
#: p-values with three decimals (below 0.001 :func:`format_p` writes "< 0.001").
P_VALUE = "{:.3f}"
#: Precision, recall and F1 of a measure against the hand coding, with three decimals.
METRIC = "{:.3f}"
#: Frame scores (hits per 1,000 words) with one decimal.
RATE = "{:.1f}"
#: Any other number that is not a count (coefficients, statistics) with two decimals.
DECIMAL = "{:.2f}"


def _no_signed_zero(text: str) -> str:
    """``text`` without its sign when every digit in it is 0 ("-0.00" and "+0.0%" read "0.00", "0.0%")."""
    if text[:1] in "+-" and not re.search(r"[1-9]", text):
        return text[1:]
    return text


def format_value(value, fmt: str | None = None) -> str:
    """Format a value for prose: ``fmt`` if given, else whole numbers as counts and others with two decimals.

    A whole float (``14.0``, a count that went through a mean or a pivot) is a
    count and prints as one; a number that rounds to zero prints without a sign.

    Example
    -------
    >>> format_value(1234), format_value(0.4567, "{:.0%}"), format_value("x")
    ('1,234', '46%', 'x')
    >>> format_value(14.0), format_value(0.997), format_value(-0.004, "{:+.2f}")
    ('14', '1.00', '0.00')
    """
    if fmt is not None:
        return _no_signed_zero(fmt.format(value)) if isinstance(value, numbers.Real) else fmt.format(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        value = float(value)
        if math.isfinite(value) and value.is_integer():
            return format_count(value)
        return _no_signed_zero(DECIMAL.format(value))
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
    A value that rounds to zero has no sign: ``0.00``.

    >>> signed(0.5), signed(-0.123), signed(None), signed(-0.004)
    ('+0.50', '-0.12', 'n/a', '0.00')
    """
    return format_number(value, SCORE)


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
    """A count with its noun, in the singular for one, with a thousands separator.

    Example
    -------
    >>> count_noun(1, "article"), count_noun(3, "crisis"), count_noun(2506, "word")
    ('1 article', '3 crises', '2,506 words')
    """
    return f"{k:,} {word if k == 1 else plural(word)}"


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
    """A number in ``fmt``, or ``missing`` when there is none (None or NaN); no sign on a zero.

    Example
    -------
    >>> format_number(0.4567), format_number(0.4567, "{:.0%}"), format_number(float("nan"), "{:+.2f}")
    ('0.46', '46%', 'n/a')
    >>> format_number(-0.004), format_number(0.0, "{:+.2f}")
    ('0.00', '0.00')
    """
    return missing if _missing(value) else _no_signed_zero(fmt.format(value))


def format_count(value, *, missing: str = "n/a") -> str:
    """A count: an integer with thousands separators (``14.0`` reads ``14``); ``missing`` for None or NaN.

    Raises ``ValueError`` for a number that is not whole: it is not a count.

    Example
    -------
    >>> format_count(14.0), format_count(1234), format_count(float("nan"))
    ('14', '1,234', 'n/a')
    """
    if _missing(value):
        return missing
    if float(value) != int(value):
        raise ValueError(f"format_count: {value!r} is not a whole number")
    return f"{int(value):,}"


def format_share(value, *, digits: int = 0, missing: str = "n/a") -> str:
    """A share (0–1) as a whole percentage, the one form of shares in prose and tables.

    ``digits`` adds decimals where a share is read against a goal that whole
    percentages would blur (99.8% against a goal of 99.5%).

    Example
    -------
    >>> format_share(0.997), format_share(0.004), format_share(None), format_share(0.9946, digits=1)
    ('100%', '0%', 'n/a', '99.5%')
    """
    return format_number(value, SHARE if digits == 0 else f"{{:.{digits}%}}", missing=missing)


def format_p(value, *, missing: str = "n/a") -> str:
    """A p-value with three decimals, ``< 0.001`` below that.

    Example
    -------
    >>> format_p(0.0312), format_p(0.0004), format_p(float("nan"))
    ('0.031', '< 0.001', 'n/a')
    """
    if _missing(value):
        return missing
    return "< 0.001" if value < 0.001 else P_VALUE.format(value)


def format_column(values, *, missing: str = "") -> list[str]:
    """A table column's cells, formatted alike: whole numbers as counts when all are whole, else two decimals.

    Text and other values go through :func:`format_value`; None and NaN become ``missing``.

    Example
    -------
    >>> format_column([14.0, 3.0, float("nan")]), format_column([1.0, 0.5]), format_column(["a", 2])
    (['14', '3', ''], ['1.00', '0.50'], ['a', '2'])
    """
    values = list(values)
    numbers_only = [v for v in values if not _missing(v)]
    is_real = all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in numbers_only)
    if numbers_only and is_real and not all(float(v).is_integer() for v in numbers_only):
        return [missing if _missing(v) else format_number(v, DECIMAL) for v in values]
    return [missing if _missing(v) else format_value(v) for v in values]


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
        return format_number(value, fmt)
    return f"{format_number(value, fmt)} [{format_number(low, fmt)}, {format_number(high, fmt)}]"
