"""Exceptions raised on bad input.

Every error names where the problem is (file, row, field) so that a reader can
fix their corpus or data file without reading a traceback from inside pandas.
Row numbers are line numbers in the file as a text editor shows them (the CSV
header is line 1), or the position of an entry in a YAML list (1-based).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Example
    -------
    >>> str(Problem("metadata.csv", 3, "published", "'2024-13-01' is not a date"))
    "metadata.csv, row 3, field 'published': '2024-13-01' is not a date"
    """

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class AnalysisError(Exception):
    """Base class of every error this package raises on bad input.

    It carries the list of :class:`Problem` found, all of them, so that one run
    reports everything that needs fixing.

    Example
    -------
    >>> err = AnalysisError([Problem("a.csv", 2, "id", "missing value")])
    >>> err.problems[0].field
    'id'
    """

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = [p if isinstance(p, Problem) else Problem("", None, None, p) for p in problems]
        lines = [str(p) for p in self.problems]
        text = lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n" + "\n".join(f"  - {line}" for line in lines)
        super().__init__(text)


class CorpusError(AnalysisError):
    """A corpus folder does not follow the schema in ``corpus/README.md``.

    Example
    -------
    >>> raise CorpusError(Problem("metadata.csv", 4, "crisis", "unknown crisis key 'x'"))
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: metadata.csv, row 4, field 'crisis': unknown crisis key 'x'
    """


class DataFileError(AnalysisError):
    """A lexicon, gazetteer, frame dictionary or cleaning-rule file is malformed.

    Example
    -------
    >>> raise DataFileError(Problem("frames.yaml", 2, "patterns", "empty pattern"))
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: frames.yaml, row 2, field 'patterns': empty pattern
    """


class AnalysisInputError(AnalysisError, ValueError):
    """A function was called with an argument it cannot use (e.g. an unknown column).

    Example
    -------
    >>> raise AnalysisInputError(Problem("keyness()", None, "by", "no column 'colour'"))
    Traceback (most recent call last):
    ...
    analysis.errors.AnalysisInputError: keyness(), field 'by': no column 'colour'
    """


def require_columns(table, columns, func: str, field: str = "columns") -> None:
    """Raise :class:`AnalysisInputError` naming the function and argument if ``table`` lacks a column.

    ``func`` is the function's name (``"find_mentions"`` or ``"find_mentions()"``);
    ``field`` the argument that should have held the columns.

    Example
    -------
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"id": []}), ["id", "text"], "find_mentions", "corpus")
    Traceback (most recent call last):
    ...
    analysis.errors.AnalysisInputError: find_mentions(), field 'corpus': missing column(s) ['text']
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        where = func if func.endswith(")") else f"{func}()"
        raise AnalysisInputError(Problem(where, None, field, f"missing column(s) {missing}"))
