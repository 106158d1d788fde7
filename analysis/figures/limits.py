"""How many rows a figure draws: per-article figures aggregate or cap themselves on a large corpus, and say so.

A figure with one row per article is readable for a few dozen articles, not
for 1,000 (issue #16). Figures that draw a row (or a panel) per article take
``max_rows`` (default :data:`MAX_ROWS`; panels :data:`MAX_PANELS`): up to that
many articles they draw as before; past it they either group the articles by
outlet and crisis (:func:`article_groups`) or keep the first ``max_rows``
articles, and write what they did at the top of the figure
(:func:`note_cap`), e.g. "1,000 articles in 10 outlet × crisis groups".
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.figures.theme import MAX_WIDTH, MIN_FONT

#: The most rows a figure draws, whether articles or groups of them.
MAX_ROWS = 30
#: The most small-multiple panels a figure draws.
MAX_PANELS = 12


def group_keys(frame: pd.DataFrame) -> list[str]:
    """The columns articles are grouped by: ``outlet`` and ``crisis``, those of them that ``frame`` has.

    Example
    -------
    >>> group_keys(pd.DataFrame(columns=["id", "crisis", "outlet"])), group_keys(pd.DataFrame(columns=["id"]))
    (['outlet', 'crisis'], [])
    """
    return [c for c in ("outlet", "crisis") if c in frame.columns]


def article_groups(frame: pd.DataFrame, keys: Sequence[str], *, top: int = MAX_ROWS) -> pd.DataFrame:
    """The groups of ``frame``'s rows by ``keys``, most rows first (ties in key order), at most ``top``.

    Returns the key columns and ``n`` (rows in the group); ``attrs["groups"]``
    holds how many groups there were before the cap.

    Example
    -------
    >>> f = pd.DataFrame({"outlet": ["X", "Y", "Y", "Z", "Z", "Z"], "crisis": ["a"] * 6})
    >>> g = article_groups(f, ["outlet", "crisis"], top=2)
    >>> g.to_dict("list"), g.attrs["groups"]
    ({'outlet': ['Z', 'Y'], 'crisis': ['a', 'a'], 'n': [3, 2]}, 3)
    """
    sizes = frame.groupby(list(keys), sort=True).size().rename("n").reset_index()
    sizes = sizes.sort_values("n", ascending=False, kind="mergesort").reset_index(drop=True)
    out = sizes.head(top).reset_index(drop=True)
    out.attrs["groups"] = len(sizes)
    return out


def cap_text(*, shown: int, total: int, what: str = "articles", how: str = "") -> str:
    """The sentence a capped figure shows: how many of how many, and which.

    Example
    -------
    >>> cap_text(shown=30, total=1000, how="in the order of the table")
    'The first 30 of 1,000 articles, in the order of the table.'
    """
    return f"The first {shown:,} of {total:,} {what}" + (f", {how}" if how else "") + "."


def group_text(*, articles: int, groups: int, keys: Sequence[str], top: int) -> str:
    """The sentence an aggregated figure shows: how many articles in how many groups, and the cap.

    Example
    -------
    >>> group_text(articles=1000, groups=40, keys=["outlet", "crisis"], top=30)
    '1,000 articles in 40 outlet × crisis groups; the 30 groups with the most articles are shown.'
    >>> group_text(articles=100, groups=4, keys=["outlet"], top=30)
    '100 articles in 4 outlet groups.'
    """
    text = f"{articles:,} articles in {groups:,} {' × '.join(keys)} groups"
    if groups > top:
        text += f"; the {top:,} groups with the most articles are shown"
    return text + "."


def note_cap(fig, text: str) -> None:
    """Write ``text`` at the top left of ``fig`` (before ``tight_layout``, which makes room for it).

    The text is 8 pt in a figure up to :data:`~analysis.figures.theme.MAX_WIDTH`
    wide, and proportionally larger in a wider one, which the page scales down.

    Example
    -------
    >>> import matplotlib.pyplot as plt
    >>> fig, _ = plt.subplots()
    >>> note_cap(fig, "The first 2 of 3 articles.")
    >>> fig.texts[0].get_text()
    'The first 2 of 3 articles.'
    >>> plt.close(fig)
    """
    # a figure wider than MAX_WIDTH is shown scaled down: its note grows with it, to stay as tall on the page
    size = (MIN_FONT + 1) * max(1.0, float(fig.get_size_inches()[0]) / MAX_WIDTH)
    fig.suptitle(text, x=0.01, ha="left", fontsize=size, style="italic")


def group_label(values: Sequence, labels: dict | None = None) -> str:
    """A group's axis label: its key values joined by " · " (each through ``labels`` when it has it).

    Example
    -------
    >>> group_label(("Dawn", "iran-2024"), {"iran-2024": "Iran strikes"})
    'Dawn · Iran strikes'
    """
    labels = labels or {}
    return " · ".join(str(labels.get(v, v)) for v in values)
