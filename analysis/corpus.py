"""Find, validate and load a corpus folder.

A corpus folder follows the schema in ``corpus/README.md``:

- ``metadata.csv``: one row per article (``id``, ``file``, ``outlet``, ``title``,
  ``url``, ``published``, ``author``, ``crisis``, ``genre``, ``notes``);
- ``crises.csv``: one row per crisis (``key``, ``label``, ``start``, ``end``,
  ``description``);
- ``articles/``: the raw article files, UTF-8 text, never modified;
- optional ``events.csv`` (``date``, ``crisis``, ``event``) and ``outlets.csv``
  (``outlet``, ``kind``, ``description``).

Which folder: the ``corpus_dir`` argument; otherwise the environment variable
``CORPUS_DIR``; otherwise the ``corpus/`` folder next to this package (found
from the package's location, never from the current directory).

Everything is validated before anything is returned: all problems found are
reported together in one :class:`~analysis.errors.CorpusError`, each naming
the file, row (line number in the CSV, header = line 1) and field.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.clean import clean_article, load_rules
from analysis.errors import AnalysisInputError, CorpusError, Problem
from analysis.text import split_sentences, tokenize

METADATA_COLUMNS = ["id", "file", "outlet", "title", "url", "published", "author", "crisis", "genre", "notes"]


REQUIRED_METADATA = ["id", "file", "outlet", "title", "published", "crisis", "genre"]


CRISIS_COLUMNS = ["key", "label", "start", "end", "description"]


GENRES = ("news", "analysis", "opinion", "feature", "editorial")


_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_MONTH_RE = re.compile(r"^\d{4}-\d{2}$")


def resolve_corpus_dir(corpus_dir: str | os.PathLike | None = None) -> Path:
    """The corpus folder to use: argument, then ``$CORPUS_DIR``, then the package's ``corpus/``.

    Example
    -------
    >>> resolve_corpus_dir().name
    'corpus'
    """
    if corpus_dir is not None:
        chosen, how = Path(corpus_dir), "the corpus_dir argument"
    elif os.environ.get("CORPUS_DIR"):
        chosen, how = Path(os.environ["CORPUS_DIR"]), "the CORPUS_DIR environment variable"
    else:
        chosen, how = Path(__file__).resolve().parent.parent / "corpus", "the package location"
    chosen = chosen.expanduser().resolve()
    if not chosen.is_dir():
        raise CorpusError(Problem(str(chosen), None, None, f"corpus folder (from {how}) does not exist"))
    return chosen


def _read_csv(path: Path, columns: list[str], required: list[str]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read a CSV with the csv module, keeping each record's line number."""
    name = path.name
    if not path.is_file():
        return [], [Problem(name, None, None, f"missing file ({path})")]
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                return [], [Problem(name, 1, c, "missing column") for c in missing]
            rows, start = [], 2
            for record in reader:
                rows.append((start, {k: (v or "").strip() for k, v in record.items() if k is not None}))
                start = reader.line_num + 1
    except UnicodeDecodeError as exc:
        return [], [Problem(name, None, None, f"not UTF-8 text (byte {exc.start})")]
    except csv.Error as exc:
        return [], [Problem(name, None, None, f"not a valid CSV file ({exc})")]
    problems = [
        Problem(name, line, field, "missing value") for line, row in rows for field in required if not row.get(field)
    ]
    return rows, problems


def _parse_date(value: str, *, allow_month: bool = False) -> tuple[date, str] | None:
    try:
        if _DAY_RE.match(value):
            return date.fromisoformat(value), "day"
        if allow_month and _MONTH_RE.match(value):
            return date.fromisoformat(value + "-01"), "month"
    except ValueError:
        return None
    return None


def load_crises(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """The crises table, validated.

    Returns columns ``key``, ``label``, ``start``, ``end`` (``datetime64``),
    ``description``, one row per crisis, ordered by ``start``.

    Example
    -------
    >>> load_crises()["key"].tolist()
    ['iran-pakistan-2024-01', 'iran-israel-2024-04']
    """
    folder = resolve_corpus_dir(corpus_dir)
    crises, problems = _validate_crises(folder)
    if problems:
        raise CorpusError(problems)
    return crises


def _validate_crises(folder: Path) -> tuple[pd.DataFrame, list[Problem]]:
    rows, problems = _read_csv(folder / "crises.csv", CRISIS_COLUMNS, ["key", "label", "start", "end"])
    seen: dict[str, int] = {}
    records = []
    for line, row in rows:
        key = row["key"]
        if key in seen:
            problems.append(Problem("crises.csv", line, "key", f"duplicate crisis key {key!r} (also row {seen[key]})"))
        seen.setdefault(key, line)
        dates = {}
        for field in ("start", "end"):
            if row[field]:
                parsed = _parse_date(row[field])
                if parsed is None:
                    problems.append(Problem("crises.csv", line, field, f"{row[field]!r} is not a date (YYYY-MM-DD)"))
                else:
                    dates[field] = parsed[0]
        if len(dates) == 2 and dates["end"] < dates["start"]:
            problems.append(Problem("crises.csv", line, "end", "the end date is before the start date"))
        records.append({**{c: row.get(c, "") for c in CRISIS_COLUMNS}, **dates})
    if not rows and not problems:
        problems.append(Problem("crises.csv", None, None, "no crises defined"))
    table = pd.DataFrame(records, columns=CRISIS_COLUMNS)
    if not problems:
        table["start"] = pd.to_datetime(table["start"])
        table["end"] = pd.to_datetime(table["end"])
        table = table.sort_values(["start", "key"], ignore_index=True)
    return table, problems


def load_events(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """The optional timeline of events (``events.csv``), validated.

    Returns columns ``date`` (``datetime64``), ``crisis``, ``event``, ordered by
    date; an empty table when the corpus has no ``events.csv``.

    Example
    -------
    >>> load_events().iloc[0]["crisis"]
    'iran-pakistan-2024-01'
    """
    folder = resolve_corpus_dir(corpus_dir)
    path = folder / "events.csv"
    if not path.exists():
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "crisis": [], "event": []})
    crises, problems = _validate_crises(folder)
    rows, more = _read_csv(path, ["date", "crisis", "event"], ["date", "crisis", "event"])
    problems += more
    keys = set(crises["key"])
    for line, row in rows:
        if row["date"] and _parse_date(row["date"]) is None:
            problems.append(Problem("events.csv", line, "date", f"{row['date']!r} is not a date (YYYY-MM-DD)"))
        if row["crisis"] and row["crisis"] not in keys:
            problems.append(Problem("events.csv", line, "crisis", f"unknown crisis key {row['crisis']!r}"))
    if problems:
        raise CorpusError(problems)
    table = pd.DataFrame([r for _, r in rows], columns=["date", "crisis", "event"])
    table["date"] = pd.to_datetime(table["date"])
    return table.sort_values(["date", "crisis"], ignore_index=True)


def load_outlets(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """The optional outlet notes (``outlets.csv``): ``outlet``, ``kind``, ``description``.

    Returns an empty table with those columns when the corpus has no ``outlets.csv``.

    Example
    -------
    >>> load_outlets().set_index("outlet").loc["Rangeinn", "kind"]
    'student site'
    """
    folder = resolve_corpus_dir(corpus_dir)
    columns = ["outlet", "kind", "description"]
    if not (folder / "outlets.csv").exists():
        return pd.DataFrame(columns=columns)
    rows, problems = _read_csv(folder / "outlets.csv", columns, ["outlet", "kind"])
    seen: dict[str, int] = {}
    for line, row in rows:
        if row["outlet"] in seen:
            problems.append(Problem("outlets.csv", line, "outlet", f"outlet {row['outlet']!r} listed twice"))
        seen.setdefault(row["outlet"], line)
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame([{c: r[c] for c in columns} for _, r in rows], columns=columns)


def _validate_metadata(folder: Path, crisis_keys: set[str]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    rows, problems = _read_csv(folder / "metadata.csv", METADATA_COLUMNS, REQUIRED_METADATA)
    ids: dict[str, int] = {}
    files: dict[str, int] = {}
    for line, row in rows:
        rid, fname = row["id"], row["file"]
        if rid:
            if not _ID_RE.match(rid):
                problems.append(Problem("metadata.csv", line, "id", f"{rid!r}: use letters, digits, '-', '_' or '.'"))
            if rid in ids:
                problems.append(Problem("metadata.csv", line, "id", f"duplicate id {rid!r} (also row {ids[rid]})"))
            ids.setdefault(rid, line)
        if fname:
            if Path(fname).name != fname:
                problems.append(Problem("metadata.csv", line, "file", f"{fname!r}: give a file name inside articles/"))
            if fname in files:
                problems.append(
                    Problem("metadata.csv", line, "file", f"{fname!r} is listed twice (also row {files[fname]})")
                )
            files.setdefault(fname, line)
        if row["published"] and _parse_date(row["published"], allow_month=True) is None:
            problems.append(
                Problem(
                    "metadata.csv", line, "published", f"{row['published']!r} is not a date (YYYY-MM-DD or YYYY-MM)"
                )
            )
        if row["crisis"] and row["crisis"] not in crisis_keys:
            problems.append(
                Problem("metadata.csv", line, "crisis", f"unknown crisis key {row['crisis']!r} (not in crises.csv)")
            )
        if row["genre"] and row["genre"] not in GENRES:
            problems.append(
                Problem("metadata.csv", line, "genre", f"{row['genre']!r} is not one of {', '.join(GENRES)}")
            )
    if not rows and not problems:
        problems.append(Problem("metadata.csv", None, None, "no articles listed"))
    return rows, problems


def load_metadata(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """The metadata table alone, validated (article files are not read).

    Returns the ``METADATA_COLUMNS`` plus ``date`` (``datetime64``; the first
    of the month when ``published`` gives only a month) and ``date_precision``
    (``day`` or ``month``), in file order.

    Example
    -------
    >>> load_metadata().loc[lambda d: d.genre == "analysis", "date_precision"].tolist()
    ['month']
    """
    folder = resolve_corpus_dir(corpus_dir)
    crises, problems = _validate_crises(folder)
    rows, more = _validate_metadata(folder, set(crises["key"]))
    problems += more
    if problems:
        raise CorpusError(problems)
    return _metadata_frame(rows)


def _metadata_frame(rows: list[tuple[int, dict]]) -> pd.DataFrame:
    table = pd.DataFrame([{c: r[c] for c in METADATA_COLUMNS} for _, r in rows], columns=METADATA_COLUMNS)
    parsed = [_parse_date(v, allow_month=True) for v in table["published"]]
    table["date"] = pd.to_datetime([p[0] for p in parsed])
    table["date_precision"] = [p[1] for p in parsed]
    return table


def _read_article(path: Path) -> str:
    """Read a raw article read-only, as UTF-8 (BOM tolerated); raise on anything else."""
    with open(path, "rb") as fh:  # binary, read-only: raw files are never written
        data = fh.read()
    return data.decode("utf-8-sig")


def load_corpus(corpus_dir: str | os.PathLike | None = None, *, keep_embeds: bool = False) -> pd.DataFrame:
    """Load, validate and clean a corpus: one row per article.

    Parameters
    ----------
    corpus_dir
        The corpus folder; default ``$CORPUS_DIR``, else the package's ``corpus/``.
    keep_embeds
        Keep embedded social-media posts inside ``text`` (default: they are
        separated into ``quoted_text`` and left out of the outlet's own text).

    Returns
    -------
    DataFrame, ordered by date then id, with the metadata columns (``id``,
    ``file``, ``outlet``, ``title``, ``url``, ``published``, ``author``,
    ``crisis``, ``genre``, ``notes``), plus ``date`` and ``date_precision``
    (see :func:`load_metadata`), ``crisis_label``, ``raw_text`` (the file
    exactly as stored), ``headline`` (the headline line found in the raw
    text, or empty), ``text`` (cleaned body), ``quoted_text`` (embedded posts),
    ``n_words`` (word tokens in ``text``) and ``n_sentences``.

    Raises
    ------
    CorpusError
        Listing every problem found, each with file, row and field: a missing
        or unreadable article file, a missing column or value, a bad date, an
        unknown crisis key or genre, a duplicate id, a file listed twice, a
        file in ``articles/`` with no metadata row, text that is not UTF-8, or
        an article left empty by cleaning.

    Example
    -------
    >>> corpus = load_corpus()
    >>> corpus[["outlet", "crisis"]].drop_duplicates().shape[0] >= 2
    True
    """
    folder = resolve_corpus_dir(corpus_dir)
    crises, problems = _validate_crises(folder)
    rows, more = _validate_metadata(folder, set(crises["key"]))
    problems += more
    articles_dir = folder / "articles"
    if not articles_dir.is_dir():
        problems.append(Problem("articles/", None, None, f"missing folder ({articles_dir})"))
    else:
        listed = {row["file"] for _, row in rows}
        for path in sorted(articles_dir.iterdir()):
            if path.is_file() and not path.name.startswith(".") and path.name not in listed:
                problems.append(Problem(f"articles/{path.name}", None, None, "file has no row in metadata.csv"))
    rules = load_rules()
    cleaned = []
    for line, row in rows:
        if not row["file"] or Path(row["file"]).name != row["file"]:
            continue
        path = articles_dir / row["file"]
        try:
            raw = _read_article(path)
        except FileNotFoundError:
            problems.append(
                Problem("metadata.csv", line, "file", f"article file articles/{row['file']} does not exist")
            )
            continue
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(f"articles/{row['file']}", line, "file", f"not UTF-8 text (invalid byte at offset {exc.start})")
            )
            continue
        except OSError as exc:
            problems.append(
                Problem("metadata.csv", line, "file", f"cannot read articles/{row['file']} ({exc.strerror})")
            )
            continue
        parts = clean_article(raw, title=row["title"], rules=rules, keep_embeds=keep_embeds)
        if not tokenize(parts["text"]):
            problems.append(
                Problem(
                    f"articles/{row['file']}", line, "text", "no article text left after cleaning (only furniture?)"
                )
            )
        cleaned.append({"id": row["id"], "raw_text": raw, **parts})
    if problems:
        raise CorpusError(problems)
    table = _metadata_frame(rows).merge(pd.DataFrame(cleaned), on="id", how="left", validate="one_to_one")
    table["crisis_label"] = table["crisis"].map(dict(zip(crises["key"], crises["label"])))
    table["n_words"] = [len(tokenize(t)) for t in table["text"]]
    table["n_sentences"] = [len(split_sentences(t)) for t in table["text"]]
    columns = [
        *METADATA_COLUMNS,
        "date",
        "date_precision",
        "crisis_label",
        "raw_text",
        "headline",
        "text",
        "quoted_text",
        "n_words",
        "n_sentences",
    ]
    return table.sort_values(["date", "id"], ignore_index=True)[columns]


def corpus_checksums(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """SHA-256 and size of every file in the corpus folder (articles and tables).

    Returns columns ``file`` (path relative to the corpus folder), ``bytes``,
    ``sha256``, sorted by ``file``.

    Example
    -------
    >>> sums = corpus_checksums()
    >>> bool(sums["file"].str.startswith("articles/").any())
    True
    """
    folder = resolve_corpus_dir(corpus_dir)
    rows = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        rows.append((path.relative_to(folder).as_posix(), len(data), hashlib.sha256(data).hexdigest()))
    return pd.DataFrame(rows, columns=["file", "bytes", "sha256"])


def group_sizes(corpus: pd.DataFrame, *, by: str = "crisis") -> pd.DataFrame:
    """Articles and words per group, smallest group first.

    Returns columns ``group``, ``n_articles``, ``n_words``.

    Example
    -------
    >>> group_sizes(pd.DataFrame({"crisis": ["a", "a", "b"], "n_words": [10, 20, 5]})).values.tolist()
    [['b', 1, 5], ['a', 2, 30]]
    """
    if by not in corpus.columns:
        raise AnalysisInputError(Problem("group_sizes()", None, "by", f"the corpus has no column {by!r}"))
    out = corpus.groupby(by, sort=True).agg(n_articles=("n_words", "size"), n_words=("n_words", "sum")).reset_index()
    out = out.rename(columns={by: "group"})
    return out.sort_values(["n_articles", "group"], kind="stable", ignore_index=True)


def opening_sentences(corpus: pd.DataFrame) -> list[str]:
    """The first sentence of each article's cleaned ``text``, in row order.

    Example
    -------
    >>> opening_sentences(pd.DataFrame({"text": ["Talks resumed. Both sides met.", ""]}))
    ['Talks resumed.', '']
    """
    out = []
    for text in corpus["text"]:
        sents = split_sentences(text or "")
        out.append(sents["text"].iloc[0] if len(sents) else "")
    return out
