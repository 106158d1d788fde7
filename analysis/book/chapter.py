"""What every chapter does first: the theme, the corpus's settings and one palette for the whole book."""

from __future__ import annotations

import os

import pandas as pd

from analysis.figures.theme import set_palette, set_theme
from analysis.settings import BookSettings, load_settings


def prepare(corpus: pd.DataFrame, *, corpus_dir: str | os.PathLike | None = None) -> BookSettings:
    """Apply the figure theme, read the corpus's ``book.yaml`` and register its crises' and outlets' colours.

    Returns the :class:`~analysis.settings.BookSettings`, so that a chapter can glue its title or overview.

    Example
    -------
    >>> from analysis.corpus import load_corpus
    >>> from analysis.figures import outlet_colors
    >>> corpus = load_corpus()
    >>> settings = prepare(corpus)
    >>> outlet_colors(["Newsweek"])["Newsweek"] == settings.outlet_colors["Newsweek"]
    True
    """
    set_theme()
    settings = load_settings(corpus_dir)
    set_palette(
        crises=sorted(corpus["crisis"].unique()),
        outlets=sorted(corpus["outlet"].unique()),
        fixed_crises=settings.crisis_colors,
        fixed_outlets=settings.outlet_colors,
    )
    return settings
