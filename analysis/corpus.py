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
the file, row (line number in the file, header = line 1) and field. One cause
gives one problem: when ``metadata.csv`` cannot be read, the articles are not
each reported as having no row; when ``crises.csv`` cannot be read, the
articles' crisis keys are not each reported as unknown.

Files are read safely and tables strictly (``analysis.files``); article
text is checked and normalised as ``analysis.characters`` describes.
"""

from __future__ import annotations

import calendar
import hashlib
import multiprocessing
import os
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd

from analysis.characters import first_control_character
from analysis.clean import clean_article, load_rules, read_cleaning
from analysis.errors import AnalysisInputError, CorpusError, Problem, require_columns
from analysis.files import MAX_ARTICLE_BYTES, Table, read_inside, read_table, refusal
from analysis.formatting import count_noun
from analysis.text import count_tokens, fold, sentence_spans, split_sentences

METADATA_COLUMNS = ["id", "file", "outlet", "title", "url", "published", "author", "crisis", "genre", "notes"]


REQUIRED_METADATA = ["id", "file", "outlet", "title", "published", "crisis", "genre"]


OPTIONAL_METADATA = ("url", "author", "notes")


CRISIS_COLUMNS = ["key", "label", "start", "end", "description"]


MAX_CHECKSUM_BYTES = 200_000_000


GENRES = ("news", "analysis", "opinion", "feature", "editorial")


_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", re.ASCII)


_DAY_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


_MONTH_RE = re.compile(r"^[0-9]{4}-[0-9]{2}$")


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


def _read_csv(folder: Path, name: str, columns: list[str], required: list[str], optional=()) -> Table:
    """Read one of the corpus's CSV tables strictly (``analysis.files.read_table``)."""
    return read_table(folder / name, folder=folder, columns=columns, required=required, optional=tuple(optional))


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
    crises, problems, _ = _validate_crises(folder)
    if problems:
        raise CorpusError(problems)
    return crises


def _validate_crises(folder: Path) -> tuple[pd.DataFrame, list[Problem], bool]:
    """The crises table, its problems, and whether its keys are all known (the file was read whole)."""
    table = _read_csv(folder, "crises.csv", CRISIS_COLUMNS, ["key", "label", "start", "end"], ["description"])
    problems = table.problems
    seen: dict[str, int] = {}
    records = []
    for line, row in table.rows:
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
        records.append({**row, **dates})
    if table.complete and not table.rows:
        problems.append(Problem("crises.csv", None, None, "no crises defined"))
    crises = pd.DataFrame(records, columns=CRISIS_COLUMNS)
    if not problems:
        crises["start"] = pd.to_datetime(crises["start"])
        crises["end"] = pd.to_datetime(crises["end"])
        crises = crises.sort_values(["start", "key"], ignore_index=True)
    return crises, problems, table.complete


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
    if not os.path.lexists(folder / "events.csv"):
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "crisis": [], "event": []})
    crises, problems, crises_complete = _validate_crises(folder)
    table = _read_csv(folder, "events.csv", ["date", "crisis", "event"], ["date", "crisis", "event"])
    problems += table.problems
    keys = set(crises["key"])
    for line, row in table.rows:
        if row["date"] and _parse_date(row["date"]) is None:
            problems.append(Problem("events.csv", line, "date", f"{row['date']!r} is not a date (YYYY-MM-DD)"))
        if crises_complete and row["crisis"] and row["crisis"] not in keys:
            problems.append(Problem("events.csv", line, "crisis", f"unknown crisis key {row['crisis']!r}"))
    if problems:
        raise CorpusError(problems)
    events = pd.DataFrame([r for _, r in table.rows], columns=["date", "crisis", "event"])
    events["date"] = pd.to_datetime(events["date"])
    return events.sort_values(["date", "crisis"], ignore_index=True)


def load_outlets(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """The optional outlet notes (``outlets.csv``): ``outlet``, ``kind``, ``description``.

    Returns an empty table with those columns when the corpus has no
    ``outlets.csv``; ``description`` is empty where the file has no such column.

    Example
    -------
    >>> load_outlets().set_index("outlet").loc["Rangeinn", "kind"]
    'student site'
    """
    folder = resolve_corpus_dir(corpus_dir)
    columns = ["outlet", "kind", "description"]
    if not os.path.lexists(folder / "outlets.csv"):
        return pd.DataFrame(columns=columns)
    table = _read_csv(folder, "outlets.csv", columns, ["outlet", "kind"], ["description"])
    problems = table.problems
    seen: dict[str, int] = {}
    for line, row in table.rows:
        if row["outlet"] in seen:
            problems.append(Problem("outlets.csv", line, "outlet", f"outlet {row['outlet']!r} listed twice"))
        seen.setdefault(row["outlet"], line)
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame([r for _, r in table.rows], columns=columns)


def _check_published(value: str, line: int, today: date) -> Problem | None:
    parsed = _parse_date(value, allow_month=True)
    if parsed is None:
        return Problem("metadata.csv", line, "published", f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM)")
    if parsed[0] > today:
        return Problem("metadata.csv", line, "published", f"{value} is after today ({today.isoformat()})")
    return None


def _validate_metadata(folder: Path, crisis_keys: set[str] | None) -> Table:
    """The metadata table with every problem in it; ``crisis_keys`` ``None`` when crises.csv could not be read."""
    table = _read_csv(folder, "metadata.csv", METADATA_COLUMNS, REQUIRED_METADATA, OPTIONAL_METADATA)
    problems = table.problems
    ids: dict[str, int] = {}
    files: dict[str, int] = {}
    today = date.today()
    for line, row in table.rows:
        rid, fname = row["id"], row["file"]
        if rid:
            if not _ID_RE.match(rid):
                problems.append(Problem("metadata.csv", line, "id", f"{rid!r}: use letters, digits, '-', '_' or '.'"))
            if rid in ids:
                problems.append(Problem("metadata.csv", line, "id", f"duplicate id {rid!r} (also row {ids[rid]})"))
            ids.setdefault(rid, line)
        if fname:
            if not _is_plain_name(fname):
                problems.append(Problem("metadata.csv", line, "file", f"{fname!r}: give a file name inside articles/"))
            if fname in files:
                problems.append(
                    Problem("metadata.csv", line, "file", f"{fname!r} is listed twice (also row {files[fname]})")
                )
            files.setdefault(fname, line)
        if row["published"] and (problem := _check_published(row["published"], line, today)):
            problems.append(problem)
        if crisis_keys is not None and row["crisis"] and row["crisis"] not in crisis_keys:
            problems.append(
                Problem("metadata.csv", line, "crisis", f"unknown crisis key {row['crisis']!r} (not in crises.csv)")
            )
        if row["genre"] and row["genre"] not in GENRES:
            problems.append(
                Problem("metadata.csv", line, "genre", f"{row['genre']!r} is not one of {', '.join(GENRES)}")
            )
    if table.complete and not table.rows:
        problems.append(Problem("metadata.csv", None, None, "no articles listed"))
    return table


def _is_plain_name(fname: str) -> bool:
    """A file name with no folder in it (``..`` and ``.`` are folders)."""
    return Path(fname).name == fname and fname not in {".", ".."} and "\\" not in fname


def _validated_tables(folder: Path) -> tuple[pd.DataFrame, Table, list[Problem]]:
    crises, problems, crises_complete = _validate_crises(folder)
    metadata = _validate_metadata(folder, set(crises["key"]) if crises_complete else None)
    return crises, metadata, problems + metadata.problems


def load_metadata(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """The metadata table alone, validated (article files are not read).

    Returns the ``METADATA_COLUMNS`` plus ``date`` (``datetime64``; the first
    of the month when ``published`` gives only a month) and ``date_precision``
    (``day`` or ``month``), in file order. The optional columns (``url``,
    ``author``, ``notes``) are empty where the file leaves them out.

    Example
    -------
    >>> load_metadata().loc[lambda d: d.genre == "analysis", "date_precision"].tolist()
    ['month']
    """
    folder = resolve_corpus_dir(corpus_dir)
    _, metadata, problems = _validated_tables(folder)
    if problems:
        raise CorpusError(problems)
    return _metadata_frame(metadata.rows)


def _metadata_frame(rows: list[tuple[int, dict]]) -> pd.DataFrame:
    table = pd.DataFrame([{c: r[c] for c in METADATA_COLUMNS} for _, r in rows], columns=METADATA_COLUMNS)
    parsed = [_parse_date(v, allow_month=True) for v in table["published"]]
    table["date"] = pd.to_datetime([p[0] for p in parsed])
    table["date_precision"] = [p[1] for p in parsed]
    return table


def _article_listing(folder: Path, metadata: Table) -> tuple[bool, list[Problem]]:
    """Whether the articles can be read, and the problems with the ``articles/`` folder itself.

    Files in the folder with no metadata row are reported only when ``metadata.csv`` was read whole.
    """
    articles_dir = folder / "articles"
    if not os.path.lexists(articles_dir):
        return False, [Problem("articles/", None, None, f"missing folder ({articles_dir})")]
    reason = refusal(articles_dir, folder=folder, directory=True)
    if reason is not None:
        return False, [Problem("articles/", None, None, reason)]
    try:
        with os.scandir(articles_dir) as entries:
            names = sorted(e.name for e in entries if e.is_file() and not e.name.startswith("."))
    except OSError as exc:
        return False, [Problem("articles/", None, None, f"cannot be read ({exc.strerror or exc})")]
    if not metadata.complete:
        return True, []
    listed = {row["file"] for _, row in metadata.rows}
    return True, [
        Problem(f"articles/{n}", None, None, "file has no row in metadata.csv") for n in names if n not in listed
    ]


def _read_article(folder: Path, line: int, fname: str, max_bytes: int, resolved=None) -> tuple[str | None, list]:
    """An article's text exactly as stored (UTF-8, decoded), or the problems that stop it being read."""
    data, reason = read_inside(f"{folder}/articles/{fname}", folder=folder, max_bytes=max_bytes, resolved=resolved)
    if data is None:
        if "over the limit" in reason:
            reason += " (see load_corpus(max_article_bytes=...))"
        return None, [Problem("metadata.csv", line, "file", f"article file articles/{fname} {reason}")]
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (invalid byte at offset {exc.start})"
        return None, [Problem(f"articles/{fname}", line, "file", message)]
    control = first_control_character(raw)
    if control is not None:
        row, column, char, count = control
        more = f" (and {count - 1} more)" if count > 1 else ""
        return None, [Problem(f"articles/{fname}", row, None, f"control character {char} in column {column}{more}")]
    return raw, []


def _load_article(
    folder: Path,
    line: int,
    row: dict[str, str],
    *,
    max_bytes: int,
    rules,
    keep_embeds: bool,
    cleaning,
    resolved: dict[str, str] | None = None,
) -> tuple[dict | None, list[Problem]]:
    """One article read and cleaned (``id``, ``raw_text``, the cleaned parts, ``n_words``, ``n_sentences``), or ``None``; its problems."""
    fname = row["file"]
    raw, problems = _read_article(folder, line, fname, max_bytes, resolved)
    if raw is None:
        return None, problems
    parts = clean_article(raw, title=row["title"], rules=rules, keep_embeds=keep_embeds, cleaning=cleaning)
    # the number of tokenize(text)'s tokens, without building them (and the text's token offsets
    # are left remembered for the measures)
    n_words = count_tokens(fold(parts["text"]))
    if not n_words:
        message = "no article text left after cleaning (only furniture?)"
        problems.append(Problem(f"articles/{fname}", line, "text", message))
    n_sentences = len(sentence_spans(parts["text"]))  # the spans are remembered for the measures; no table
    return {"id": row["id"], "raw_text": raw, **parts, "n_words": n_words, "n_sentences": n_sentences}, problems


#: In a process of :func:`_each_article`'s pool: the function that loads one article (set when it starts).
_LOAD: Callable | None = None


def _start_loader(load: Callable) -> None:
    global _LOAD
    _LOAD = load


def _load_row(line: int, row: dict[str, str]) -> tuple[dict | None, list[Problem]]:
    return _LOAD(line, row)


def _each_article(load: Callable, rows: list, *, jobs: int) -> list[tuple[dict | None, list[Problem]]]:
    """``load(line, row)`` for each metadata row, in order: here, or in ``jobs`` forked processes (a few chunks each)."""
    if jobs == 1 or len(rows) < 2:
        return [load(line, row) for line, row in rows]
    workers = min(jobs, len(rows))
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_loader, initargs=(load,)) as pool:
        return pool.starmap(_load_row, rows, chunksize=-(-len(rows) // (4 * workers)))


def load_corpus(
    corpus_dir: str | os.PathLike | None = None,
    *,
    keep_embeds: bool = False,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    jobs: int = 1,
) -> pd.DataFrame:
    """Load, validate and clean a corpus: one row per article.

    Parameters
    ----------
    corpus_dir
        The corpus folder; default ``$CORPUS_DIR``, else the package's ``corpus/``.
    keep_embeds
        Keep embedded social-media posts inside ``text`` (default: they are
        separated into ``quoted_text`` and left out of the outlet's own text).
    max_article_bytes
        The largest article file read, in bytes (default 5,000,000: 5 MB).
    jobs
        Read and clean the articles in this many processes (forked); the
        table, and the problems raised, are the same as with one.

    Returns
    -------
    DataFrame, ordered by date then id, with the metadata columns (``id``,
    ``file``, ``outlet``, ``title``, ``url``, ``published``, ``author``,
    ``crisis``, ``genre``, ``notes``), plus ``date`` and ``date_precision``
    (see :func:`load_metadata`), ``crisis_label``, ``raw_text`` (the file's
    bytes decoded as UTF-8, byte-order mark and line endings included),
    ``headline`` (the headline line found in the raw text, or empty),
    ``text`` (cleaned body, from the text with line endings and invisible
    characters normalised: see :func:`analysis.clean.character_audit`),
    ``quoted_text`` (embedded posts), ``n_words`` (word tokens in ``text``)
    and ``n_sentences``.

    Raises
    ------
    CorpusError
        Listing every problem found, each with file, row and field: a missing
        or unreadable article file; an article path that is not a regular file
        inside the corpus folder (a link leaving it, a directory, a device, a
        FIFO) or is over the size limit; a missing column or value; a record
        with too many or too few fields; a bad date or one after today; an
        unknown crisis key or genre; a duplicate id; a file listed twice; a
        file in ``articles/`` with no metadata row; text that is not UTF-8 or
        holds a control character (such as NUL: its line and column are
        given); or an article left empty by cleaning.

    Example
    -------
    >>> corpus = load_corpus()
    >>> corpus[["outlet", "crisis"]].drop_duplicates().shape[0] >= 2
    True
    """
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise AnalysisInputError(
            Problem("load_corpus()", None, "jobs", f"must be a whole number above 0, not {jobs!r}")
        )
    folder = resolve_corpus_dir(corpus_dir)
    crises, metadata, problems = _validated_tables(folder)
    readable, more = _article_listing(folder, metadata)
    problems += more
    rules = load_rules()
    cleaning = read_cleaning(folder)  # book.yaml's ``cleaning:`` (analysis.settings)
    rows = [
        (line, row) for line, row in (metadata.rows if readable else []) if row["file"] and _is_plain_name(row["file"])
    ]
    options = {"max_bytes": max_article_bytes, "rules": rules, "keep_embeds": keep_embeds, "cleaning": cleaning}
    load = partial(_load_article, folder, resolved={}, **options)  # resolved: folders' real paths, found once
    cleaned = []
    for article, more in _each_article(load, rows, jobs=jobs):
        problems += more
        if article is not None:
            cleaned.append(article)
    if problems:
        raise CorpusError(problems)
    table = _metadata_frame(metadata.rows).merge(pd.DataFrame(cleaned), on="id", how="left", validate="one_to_one")
    table["crisis_label"] = table["crisis"].map(dict(zip(crises["key"], crises["label"])))
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


def date_audit(corpus: pd.DataFrame, crises: pd.DataFrame) -> pd.DataFrame:
    """Articles published outside their crisis's window (``start`` to ``end`` in ``crises.csv``).

    Not an error: an analysis may follow a crisis by weeks. A ``YYYY-MM``
    date is outside only when no day of that month is inside the window, and
    is counted from the month's nearest day.

    ``corpus`` needs ``id``, ``published``, ``date``, ``date_precision`` and
    ``crisis`` (as from :func:`load_corpus`); ``crises`` needs ``key``,
    ``start`` and ``end`` (as from :func:`load_crises`).

    Returns columns ``id``, ``published``, ``crisis``, ``start``, ``end``,
    ``days_outside`` (negative before the start, positive after the end) and
    ``note`` (a sentence saying so); one row per article outside, in corpus order.

    Example
    -------
    >>> crises = pd.DataFrame({"key": ["k"], "start": pd.to_datetime(["2024-01-16"]), "end": pd.to_datetime(["2024-01-18"])})
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "published": ["2024-01-17", "2024-01-20"], "crisis": ["k", "k"],
    ...                        "date": pd.to_datetime(["2024-01-17", "2024-01-20"]), "date_precision": ["day", "day"]})
    >>> date_audit(corpus, crises)[["id", "days_outside", "note"]].values.tolist()
    [['b', 2, 'published 2024-01-20, 2 days after the end of k (2024-01-16 to 2024-01-18)']]
    """
    require_columns(corpus, ["id", "published", "date", "date_precision", "crisis"], "date_audit", "corpus")
    require_columns(crises, ["key", "start", "end"], "date_audit", "crises")
    windows = {row.key: (row.start, row.end) for row in crises.itertuples(index=False)}
    rows = []
    for art in corpus.itertuples(index=False):
        if art.crisis not in windows:
            continue
        start, end = (pd.Timestamp(d).date() for d in windows[art.crisis])
        first = last = pd.Timestamp(art.date).date()
        if art.date_precision == "month":
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if last < start:
            days, side = -(start - last).days, "before the start"
        elif first > end:
            days, side = (first - end).days, "after the end"
        else:
            continue
        note = f"published {art.published}, {count_noun(abs(days), 'day')} {side} of {art.crisis} ({start} to {end})"
        rows.append((art.id, art.published, art.crisis, *windows[art.crisis], days, note))
    return pd.DataFrame(rows, columns=["id", "published", "crisis", "start", "end", "days_outside", "note"])


def corpus_checksums(corpus_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """SHA-256 and size of every file in the corpus folder (articles and tables).

    Only regular files inside the folder are read: a link leaving the folder,
    a device or a FIFO is a :class:`~analysis.errors.CorpusError`.

    Returns columns ``file`` (path relative to the corpus folder), ``bytes``,
    ``sha256``, sorted by ``file``.

    Example
    -------
    >>> sums = corpus_checksums()
    >>> bool(sums["file"].str.startswith("articles/").any())
    True
    """
    folder = resolve_corpus_dir(corpus_dir)
    rows, problems, resolved = [], [], {}  # resolved: each folder's real path, found once
    try:
        paths = sorted(p for p in folder.rglob("*") if not p.is_dir())
    except OSError as exc:
        raise CorpusError(Problem(str(folder), None, None, f"cannot be read ({exc.strerror or exc})")) from None
    for path in paths:
        name = path.relative_to(folder).as_posix()
        data, reason = read_inside(path, folder=folder, max_bytes=MAX_CHECKSUM_BYTES, resolved=resolved)
        if data is None:
            problems.append(Problem(name, None, None, reason))
            continue
        rows.append((name, len(data), hashlib.sha256(data).hexdigest()))
    if problems:
        raise CorpusError(problems)
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
