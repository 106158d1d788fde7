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
