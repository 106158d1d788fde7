"""Reading hand-coded CSV files: one validated reader that refuses a file whole on any bad row."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from analysis.errors import DataFileError, Problem


def read_codings(path, *, columns, keys, check=None, what: str = "coding file") -> pd.DataFrame:
    """Read a hand-coded CSV file, refusing it whole if any row is wrong.

    ``columns`` must all be in the header and filled in on every row; a unit
    (the values of ``keys``) may be coded once only. ``check(record)``, if
    given, returns ``(field, message)`` pairs for one row (a dict of strings).
    All problems are reported together in one
    :class:`~analysis.errors.DataFileError`, each naming the file, the line
    (header = line 1) and the field.

    Returns a ``line`` column and every column of the file, as strings.

    Example
    -------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "labels.csv")
    >>> _ = open(path, "w").write("id,label\\nx,pos\\nx,neg\\n")
    >>> read_codings(path, columns=["id", "label"], keys=["id"])
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: labels.csv, row 3, field 'id': unit already coded on line 2
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(Problem(str(path), None, None, f"{what} does not exist"))
    name = path.name
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        missing = [c for c in columns if c not in header]
        if missing:
            raise DataFileError(Problem(name, 1, None, f"missing column(s) {missing}"))
        rows, problems, seen = [], [], {}
        for line, rec in enumerate(reader, start=2):
            rec = {k: (v if v is not None else "") for k, v in rec.items() if k is not None}
            problems += [
                Problem(name, line, field, "missing value") for field in columns if not rec.get(field, "").strip()
            ]
            if check is not None:
                problems += [Problem(name, line, field, message) for field, message in check(rec)]
            unit = tuple(rec.get(k) for k in keys)
            if unit in seen:
                problems.append(Problem(name, line, keys[-1], f"unit already coded on line {seen[unit]}"))
            seen[unit] = line
            rows.append({"line": line, **{c: rec.get(c, "") for c in header}})
    if problems:
        raise DataFileError(problems)
    return pd.DataFrame(rows, columns=["line", *header])
