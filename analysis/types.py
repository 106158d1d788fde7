"""Type aliases for options that accept several types, and the checks that resolve them.

Measures take a grouping option ``by``: one column name or several. These
helpers turn it into a list and check it against a table, so that every
measure refuses a bad ``by`` with the same :class:`~analysis.errors.AnalysisInputError`.
The aliases for the frame dictionary and the gazetteer live with their measures:
:data:`analysis.framing.frames.FramesArg`, :data:`analysis.actors.gazetteer.GazetteerArg`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.errors import AnalysisInputError, Problem

#: A grouping option, one column name or several (a list or tuple of names).
Columns = str | Sequence[str]


def as_columns(by: Columns | None) -> list[str]:
    """``by`` as a list of column names (``None`` gives an empty list).

    Example
    -------
    >>> as_columns("outlet"), as_columns(("crisis", "outlet")), as_columns(None)
    (['outlet'], ['crisis', 'outlet'], [])
    """
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def require_by(by: Columns, table: pd.DataFrame, func: str) -> list[str]:
    """The columns of ``by``, each checked to be a column of ``table``.

    Example
    -------
    >>> require_by("outlet", pd.DataFrame({"outlet": ["A"]}), "mention_counts")
    ['outlet']
    >>> require_by(["colour"], pd.DataFrame({"outlet": ["A"]}), "mention_counts")
    Traceback (most recent call last):
    ...
    analysis.errors.AnalysisInputError: mention_counts(), field 'by': no column(s) ['colour'] in the corpus
    """
    cols = as_columns(by)
    if not cols:
        raise AnalysisInputError(Problem(f"{func}()", None, "by", "give at least one column"))
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise AnalysisInputError(Problem(f"{func}()", None, "by", f"no column(s) {missing} in the corpus"))
    return cols


def group_labels(corpus: pd.DataFrame, by: str, func: str) -> pd.Series:
    """Each article's value of the grouping column ``by``, indexed by article id.

    Raises :class:`~analysis.errors.AnalysisInputError` for an unknown column
    or for articles with no value in it.

    Example
    -------
    >>> group_labels(pd.DataFrame({"id": ["a", "b"], "crisis": ["x", "y"]}), "crisis", "keyness").to_dict()
    {'a': 'x', 'b': 'y'}
    """
    if by not in corpus.columns:
        available = ", ".join(map(str, corpus.columns))
        raise AnalysisInputError(
            Problem(f"{func}()", None, "by", f"no column {by!r} in the corpus (columns: {available})")
        )
    missing = corpus.loc[corpus[by].isna(), "id"].tolist()
    if missing:
        raise AnalysisInputError(
            Problem(
                f"{func}()", None, "by", f"column {by!r} has no value for article(s) {', '.join(map(str, missing))}"
            )
        )
    return pd.Series(corpus[by].to_numpy(), index=corpus["id"].to_numpy())


def groups_in_order(labels: pd.Series) -> list:
    """The distinct group labels, sorted as text: the order every grouped table uses.

    Example
    -------
    >>> groups_in_order(pd.Series(["b", "a", "b"]))
    ['a', 'b']
    """
    return sorted(pd.unique(labels.to_numpy()), key=str)
