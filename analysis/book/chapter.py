"""What every chapter does first: the theme, the corpus's settings and one palette for the whole book;
and scratch folders that a chapter's examples write to and that never outlive its kernel."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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


#: The temporary directories made by :func:`scratch_folder` in this process, removed by
#: :func:`remove_scratch_folders` or, at the latest, when the process (the chapter's kernel) exits.
_SCRATCH: list[tempfile.TemporaryDirectory] = []


def scratch_folder(name: str) -> Path:
    """A new empty folder ``name`` in a fresh temporary directory, removed when this process exits.

    For a chapter's examples, which may not define functions or ``with`` blocks spanning cells:
    the directory is a ``tempfile.TemporaryDirectory``, deleted by
    :func:`remove_scratch_folders` (a chapter's last cell) or, failing that, when the kernel's
    Python exits. ``name`` must be a plain folder name.

    Example
    -------
    >>> folder = scratch_folder("my-corpus")
    >>> folder.name, folder.is_dir(), list(folder.iterdir())
    ('my-corpus', True, [])
    >>> remove_scratch_folders() >= 1, folder.parent.exists()
    (True, False)
    """
    if not name or Path(name).name != name or name in {".", ".."}:
        raise ValueError(f"scratch_folder: {name!r} is not a plain folder name")
    holder = tempfile.TemporaryDirectory(prefix="book-scratch-")
    _SCRATCH.append(holder)
    path = Path(holder.name) / name
    path.mkdir()
    return path


def remove_scratch_folders() -> int:
    """Delete every folder :func:`scratch_folder` made in this process; return how many.

    Example
    -------
    >>> folder = scratch_folder("x")
    >>> remove_scratch_folders(), folder.exists(), remove_scratch_folders()
    (1, False, 0)
    """
    count = 0
    while _SCRATCH:
        _SCRATCH.pop().cleanup()
        count += 1
    return count
