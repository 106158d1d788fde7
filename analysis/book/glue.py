"""Glue helpers: every number and figure a chapter shows goes through these (myst-nb ``glue``)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.formatting import count_noun, format_value


def glue_text(key: str, value, fmt: str | None = None, *, display: bool = False) -> str:
    """Glue ``value`` as plain text under ``key``; returns the text glued.

    Example
    -------
    >>> glue_text("n-articles", 5)
    '5'
    """
    from myst_nb import glue

    text = format_value(value, fmt)
    glue(key, text, display=display)
    return text


def glue_count(key: str, n: int, noun: str) -> str:
    """Glue a count with its noun, singular for one (``"1 article"``, ``"2,506 words"``); returns the text.

    Example
    -------
    >>> glue_count("n-articles", 1, "article"), glue_count("n-crises", 3, "crisis")
    ('1 article', '3 crises')
    """
    from myst_nb import glue

    text = count_noun(int(n), noun)
    glue(key, text, display=False)
    return text


def glue_figure(key: str, fig) -> None:
    """Glue a matplotlib figure under ``key`` and close it.

    Example
    -------
    >>> fig, ax = plt.subplots()
    >>> glue_figure("fig-example", fig)
    >>> plt.fignum_exists(fig.number)
    False
    """
    from myst_nb import glue

    glue(key, fig, display=False)
    plt.close(fig)


def glue_table(key: str, table: pd.DataFrame) -> None:
    """Glue a DataFrame under ``key`` (shown with ``{glue:figure}`` or ``{glue}``).

    Example
    -------
    >>> glue_table("tbl-example", pd.DataFrame({"a": [1]}))
    """
    from myst_nb import glue

    glue(key, table, display=False)
