"""Sentences about the corpus itself: its size and what it can support."""

from __future__ import annotations

import pandas as pd

from analysis.corpus import group_sizes


def sample_size_note(corpus: pd.DataFrame, *, by: str = "crisis", labels: dict[str, str] | None = None) -> str:
    """One honest sentence about the smallest group's size, for the book's prose.

    Example
    -------
    >>> sample_size_note(pd.DataFrame({"crisis": ["a", "a", "b"], "n_words": [10, 20, 5]}))
    'The smallest crisis group, b, has a single article: a contrast with it compares one text with the rest, not two sets of coverage.'
    """
    sizes = group_sizes(corpus, by=by)
    smallest = sizes.iloc[0]
    name = (labels or {}).get(smallest["group"], smallest["group"])
    if len(sizes) == 1:
        return f"All articles belong to one {by} ({name}), so no {by} comparison is possible."
    if smallest["n_articles"] == 1:
        return (
            f"The smallest {by} group, {name}, has a single article: a contrast with it compares one text "
            "with the rest, not two sets of coverage."
        )
    return (
        f"The smallest {by} group, {name}, has {smallest['n_articles']} articles: too few for differences "
        "between groups to be more than descriptive."
    )


def describe_overview(overview: str, crises: pd.DataFrame, corpus: pd.DataFrame) -> str:
    """The opening paragraph: the corpus's own ``overview`` (``book.yaml``), else one built from ``crises.csv``.

    Only crises that have articles in the corpus are named. Nothing is said
    about a crisis that its row does not say.

    Example
    -------
    >>> crises = pd.DataFrame({"key": ["k"], "label": ["A flood"], "start": pd.to_datetime(["2023-05-01"]),
    ...                        "end": pd.to_datetime(["2023-05-03"]), "description": ["Rivers rose."]})
    >>> describe_overview("", crises, pd.DataFrame({"crisis": ["k", "k"], "outlet": ["X", "Y"]}))
    'This book compares how 2 outlets covered one crisis: A flood (1–3 May 2023; Rivers rose).'
    """
    if overview:
        return overview
    shown = crises[crises["key"].isin(set(corpus["crisis"]))]
    parts = []
    for r in shown.itertuples(index=False):
        when = _span(r.start, r.end)
        about = (
            f"; {r.description.strip().rstrip('.')}" if isinstance(r.description, str) and r.description.strip() else ""
        )
        parts.append(f"{r.label} ({when}{about})")
    n_out = corpus["outlet"].nunique()
    outlets = "one outlet" if n_out == 1 else f"{n_out} outlets"
    crises_text = "one crisis" if len(parts) == 1 else f"{len(parts)} crises"
    return f"This book compares how {outlets} covered {crises_text}: {'; '.join(parts)}."


def _span(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {end:%B %Y}" if start.day != end.day else f"{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
