"""The actors chapter's transfer figures: the gazetteer scored on articles from outlets it was not written from.

The repository keeps a transfer set in ``tests/transfer`` (see its README and
:mod:`analysis.evidence.transfer`). An installed package has no ``tests``
folder: :func:`actor_transfer_figures` then returns ``None`` and the book says
so once, rather than showing another set's figures or none without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis.actors.gazetteer import GazetteerArg, load_gazetteer
from analysis.evidence.transfer import (
    SECOND_READER_FILE,
    actor_transfer_scores,
    load_transfer_articles,
    load_transfer_mentions,
    reader_agreement,
)

__all__ = ["TRANSFER_LABEL", "actor_transfer_agreement", "actor_transfer_figures", "default_transfer_dir"]

#: How the book labels figures computed on the transfer set.
TRANSFER_LABEL = "transfer set (articles from other outlets)"


def default_transfer_dir() -> Path:
    """The repository's transfer set, ``tests/transfer`` next to the package (it may be absent).

    Example
    -------
    >>> default_transfer_dir().parts[-2:]
    ('tests', 'transfer')
    """
    return Path(__file__).resolve().parent.parent.parent / "tests" / "transfer"


def actor_transfer_figures(
    directory: str | os.PathLike | None = None, *, gazetteer: GazetteerArg = None
) -> tuple[pd.DataFrame, int] | None:
    """Actor precision and recall on a transfer set, and its number of articles; ``None`` when it is absent.

    ``directory`` defaults to :func:`default_transfer_dir`; it counts as absent
    when it has no ``actor_articles.csv``. ``gazetteer`` defaults to the
    package's (:func:`~analysis.actors.gazetteer.load_gazetteer`), whose ids
    the annotations use. A set that is there but invalid raises the loader's
    error (file, row, field). The table is that of
    :func:`~analysis.evidence.transfer.actor_transfer_scores`.

    Example
    -------
    >>> import tempfile
    >>> actor_transfer_figures(tempfile.mkdtemp()) is None
    True
    """
    loaded = _load_set(directory, gazetteer, files=())
    if loaded is None:
        return None
    gaz, articles, (mentions,) = loaded
    return actor_transfer_scores(articles, mentions, gazetteer=gaz), len(articles)


def actor_transfer_agreement(
    directory: str | os.PathLike | None = None, *, gazetteer: GazetteerArg = None
) -> pd.DataFrame | None:
    """How far a second reader's actor annotation of a transfer set agrees with the first's; ``None`` without one.

    ``directory`` as in :func:`actor_transfer_figures`; the second reader's
    file is :data:`~analysis.evidence.transfer_set.SECOND_READER_FILE`. The
    table is that of :func:`~analysis.evidence.transfer.reader_agreement`
    (one row by span and actor, one by span only).

    Example
    -------
    >>> import tempfile
    >>> actor_transfer_agreement(tempfile.mkdtemp()) is None
    True
    """
    loaded = _load_set(directory, gazetteer, files=(SECOND_READER_FILE,))
    if loaded is None:
        return None
    _, _, (first, second) = loaded
    return reader_agreement(first, second)


def _load_set(directory, gazetteer: GazetteerArg, *, files: tuple[str, ...]):
    """The gazetteer, the set's articles and its mentions (the first reader's, then each of ``files``); ``None`` when a file is absent."""
    folder = default_transfer_dir() if directory is None else Path(directory)
    if not all((folder / name).is_file() for name in ("actor_articles.csv", *files)):
        return None
    gaz = load_gazetteer() if gazetteer is None else gazetteer
    articles = load_transfer_articles(folder)
    readers = [load_transfer_mentions(folder, articles=articles, gazetteer=gaz)]
    readers += [load_transfer_mentions(folder, articles=articles, gazetteer=gaz, file=name) for name in files]
    return gaz, articles, readers
