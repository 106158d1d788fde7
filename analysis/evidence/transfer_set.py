"""The transfer set: page excerpts and crisis articles from other outlets, read and validated.

A transfer set is a folder (the repository keeps one in ``tests/transfer``,
with its sources and labelling rules in its ``README.md``) holding:

- ``pages.csv`` and ``pages/<id>.txt``: short excerpts of real news pages,
  furniture and all, as a user would paste them into an article file;
- ``furniture_lines.csv``: every non-blank line of every page labelled
  ``body`` or ``furniture``, with a kind;
- ``actor_articles.csv`` and ``articles/<id>.txt``: body excerpts of crisis
  articles from outlets outside the seed corpus;
- ``actor_mentions.csv``: every actor mention in them, with character offsets,
  including actors the gazetteer lacks (``in_gazetteer`` false);
- ``actor_mentions_coder2.csv`` (optional): a second reader's annotation of
  some or all of the articles, in the same columns, to measure how far two
  readers agree (the first file stays the reference).

Each loader reads one file, checks every row and raises
:class:`~analysis.errors.DataFileError` naming the file, row (header = row 1)
and field of every problem. :mod:`analysis.evidence.transfer` scores the
cleaner and the matcher on the set.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from analysis.actors.gazetteer import GazetteerArg, resolve_gazetteer
from analysis.errors import AnalysisInputError, DataFileError, Problem, require_columns
from analysis.evidence.codings import read_codings
from analysis.vocabulary import ACTOR_TYPES

__all__ = [
    "BODY_KINDS",
    "FURNITURE_KINDS",
    "MENTIONS_FILE",
    "SECOND_READER_FILE",
    "TOPICS",
    "load_transfer_articles",
    "load_transfer_lines",
    "load_transfer_mentions",
    "load_transfer_pages",
]

#: Topics of the pages, the two crises or any other news.
TOPICS = ("iran-pakistan-2024-01", "iran-israel-2024-04", "other")

#: Kinds of furniture lines, in the order tables show them (definitions in the set's README).
FURNITURE_KINDS = (
    "headline",
    "byline",
    "caption",
    "related",
    "share",
    "navigation",
    "embed",
    "source",
    "video",
    "note",
    "translation",
    "other",
)

#: Kinds of body lines, running text and headings inside the article.
BODY_KINDS = ("text", "crosshead")

#: The actor annotation the matcher is scored against (the first reader's).
MENTIONS_FILE = "actor_mentions.csv"
#: A second reader's actor annotation of the same articles (or of some of them), for agreement.
SECOND_READER_FILE = "actor_mentions_coder2.csv"

_PAGE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ACTOR_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_BOOL = {"true": True, "false": False}


def _folder(directory: str | os.PathLike) -> Path:
    folder = Path(directory)
    if not folder.is_dir():
        raise AnalysisInputError(Problem(str(folder), None, None, "the transfer set folder does not exist"))
    return folder


def _read_texts(folder: Path, table: pd.DataFrame, name: str, subfolder: str) -> tuple[list, list[Problem]]:
    """The text of each row's ``file`` (which must be ``<subfolder>/<id>.txt``), and the problems found."""
    texts, problems = [], []
    for row in table.itertuples(index=False):
        text = None
        if row.file != f"{subfolder}/{row.id}.txt":
            problems.append(Problem(name, row.line, "file", f"{row.file!r} must be '{subfolder}/{row.id}.txt'"))
        elif not (folder / row.file).is_file():
            problems.append(Problem(name, row.line, "file", f"{row.file!r} does not exist"))
        else:
            try:
                text = (folder / row.file).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                problems.append(Problem(name, row.line, "file", f"{row.file!r} is not UTF-8 text"))
        texts.append(text)
    return texts, problems


def _check_source(rec: dict, *, topics: tuple[str, ...], topic_field: str):
    if rec["id"] and not _PAGE_ID.match(rec["id"]):
        yield "id", f"{rec['id']!r} is not a lower-case id (letters, digits, hyphens)"
    if rec["url"] and not rec["url"].startswith(("http://", "https://")):
        yield "url", f"{rec['url']!r} is not an http(s) address"
    if rec[topic_field] and rec[topic_field] not in topics:
        yield topic_field, f"{rec[topic_field]!r} is not one of {list(topics)}"


def load_transfer_pages(directory: str | os.PathLike) -> pd.DataFrame:
    """The page excerpts of the furniture set, validated (``pages.csv`` and ``pages/<id>.txt``).

    Returns one row per page: ``id``, ``file``, ``outlet``, ``url``, ``topic``
    (one of ``TOPICS``), ``title`` (the page's headline as it appears on a
    line of the excerpt, or ``""``), ``retrieved_from``, ``note`` and
    ``raw_text`` (the excerpt exactly as stored).

    Example
    -------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "pages").mkdir()
    >>> _ = (d / "pages" / "p.txt").write_text("Big News\\n\\nThe minister spoke.\\n", encoding="utf-8")
    >>> _ = (d / "pages.csv").write_text("id,file,outlet,url,topic,title,retrieved_from\\n"
    ...     "p,pages/p.txt,Daily,https://example.org/a,other,Big News,stored copy\\n", encoding="utf-8")
    >>> load_transfer_pages(d)[["id", "outlet", "title"]].values.tolist()
    [['p', 'Daily', 'Big News']]
    """
    folder = _folder(directory)
    pages = read_codings(
        folder / "pages.csv",
        columns=["id", "file", "outlet", "url", "topic", "retrieved_from"],
        keys=["id"],
        check=lambda rec: _check_source(rec, topics=TOPICS, topic_field="topic"),
        what="transfer page list",
    )
    texts, problems = _read_texts(folder, pages, "pages.csv", "pages")
    for row, text in zip(pages.itertuples(index=False), texts):
        title = str(getattr(row, "title", "")).strip()
        if text is not None and title and title not in {line.strip() for line in text.split("\n")}:
            problems.append(Problem("pages.csv", row.line, "title", f"{title!r} is not a line of {row.file}"))
    if problems:
        raise DataFileError(problems)
    columns = ["id", "file", "outlet", "url", "topic", "title", "retrieved_from", "note"]
    return pages.reindex(columns=columns, fill_value="").assign(raw_text=texts).reset_index(drop=True)


def _page_lines(text: str) -> list[str]:
    """The lines of a page as :func:`analysis.clean.classify_lines` numbers them (1-based), stripped."""
    return [line.rstrip("\r").strip() for line in text.split("\n")]


def load_transfer_lines(directory: str | os.PathLike, *, pages: pd.DataFrame | None = None) -> pd.DataFrame:
    """The line labels of the furniture set, validated against the pages (``furniture_lines.csv``).

    The file has ``page``, ``line_number`` (1-based, as
    :func:`analysis.clean.classify_lines` numbers lines), ``label`` and
    ``kind``. Every non-blank line of every page must have exactly one row and
    no blank line may have one. ``label`` is ``furniture`` (``kind`` one of
    ``FURNITURE_KINDS``) or ``body`` (``kind`` one of ``BODY_KINDS``).

    Returns ``page``, ``line`` (the line number), ``label``, ``kind`` and
    ``text`` (the line, stripped), in file order.

    Example
    -------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "pages").mkdir()
    >>> _ = (d / "pages" / "p.txt").write_text("Big News\\n\\nThe minister spoke.\\n", encoding="utf-8")
    >>> _ = (d / "pages.csv").write_text("id,file,outlet,url,topic,title,retrieved_from\\n"
    ...     "p,pages/p.txt,Daily,https://example.org/a,other,Big News,stored copy\\n", encoding="utf-8")
    >>> _ = (d / "furniture_lines.csv").write_text("page,line_number,label,kind\\np,1,furniture,headline\\n"
    ...     "p,3,body,text\\n", encoding="utf-8")
    >>> load_transfer_lines(d)[["line", "label", "kind"]].values.tolist()
    [[1, 'furniture', 'headline'], [3, 'body', 'text']]
    >>> _ = (d / "furniture_lines.csv").write_text("page,line_number,label,kind\\np,1,furniture,headline\\n"
    ...     "p,3,body,caption\\n", encoding="utf-8")
    >>> load_transfer_lines(d)
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: furniture_lines.csv, row 3, field 'kind': 'caption' is not a kind of body line (text, crosshead)
    """
    folder = _folder(directory)
    pages = load_transfer_pages(folder) if pages is None else pages
    require_columns(pages, ["id", "raw_text"], "load_transfer_lines()", "pages")

    def check(rec):
        if rec["line_number"] and not (rec["line_number"].isdigit() and int(rec["line_number"]) >= 1):
            yield "line_number", f"{rec['line_number']!r} is not a line number (1, 2, ...)"
        kinds = {"furniture": FURNITURE_KINDS, "body": BODY_KINDS}.get(rec["label"])
        if rec["label"] and kinds is None:
            yield "label", f"{rec['label']!r} is not 'body' or 'furniture'"
        elif rec["kind"] and kinds is not None and rec["kind"] not in kinds:
            yield "kind", f"{rec['kind']!r} is not a kind of {rec['label']} line ({', '.join(kinds)})"

    name = "furniture_lines.csv"
    table = read_codings(
        folder / name,
        columns=["page", "line_number", "label", "kind"],
        keys=["page", "line_number"],
        check=check,
        what="line labels",
    )
    page_lines = {p: _page_lines(t) for p, t in zip(pages["id"], pages["raw_text"])}
    problems, texts, labelled = [], [], set()
    for row in table.itertuples(index=False):
        lines, n = page_lines.get(row.page), int(row.line_number)
        text = lines[n - 1] if lines is not None and n <= len(lines) else ""
        if lines is None:
            problems.append(Problem(name, row.line, "page", f"{row.page!r} is not a page in pages.csv"))
        elif n > len(lines):
            problems.append(Problem(name, row.line, "line_number", f"page {row.page!r} has only {len(lines)} lines"))
        elif not text:
            problems.append(
                Problem(name, row.line, "line_number", f"line {n} of {row.page!r} is blank: blank lines carry no label")
            )
        texts.append(text)
        labelled.add((row.page, n))
    problems += [
        Problem(name, None, "line_number", f"line {n} of {page!r} is not labelled")
        for page, lines in page_lines.items()
        for n, text in enumerate(lines, start=1)
        if text and (page, n) not in labelled
    ]
    if problems:
        raise DataFileError(problems)
    out = pd.DataFrame(
        {
            "page": table["page"],
            "line": table["line_number"].astype(int),
            "label": table["label"],
            "kind": table["kind"],
            "text": texts,
        }
    )
    return out.reset_index(drop=True)


def load_transfer_articles(directory: str | os.PathLike) -> pd.DataFrame:
    """The crisis articles of the actor set, validated (``actor_articles.csv`` and ``articles/<id>.txt``).

    Returns one row per article: ``id``, ``file``, ``outlet``, ``url``,
    ``crisis`` (one of the two crisis keys of ``TOPICS``),
    ``retrieved_from``, ``note`` and ``text`` (the body excerpt the mentions'
    offsets point into).

    Example
    -------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "articles").mkdir()
    >>> _ = (d / "articles" / "a.txt").write_text("Iran and Jordan met.", encoding="utf-8")
    >>> _ = (d / "actor_articles.csv").write_text("id,file,outlet,url,crisis,retrieved_from\\n"
    ...     "a,articles/a.txt,Daily,https://example.org/a,iran-israel-2024-04,stored copy\\n", encoding="utf-8")
    >>> load_transfer_articles(d)[["id", "crisis", "text"]].values.tolist()
    [['a', 'iran-israel-2024-04', 'Iran and Jordan met.']]
    """
    folder = _folder(directory)
    articles = read_codings(
        folder / "actor_articles.csv",
        columns=["id", "file", "outlet", "url", "crisis", "retrieved_from"],
        keys=["id"],
        check=lambda rec: _check_source(rec, topics=TOPICS[:2], topic_field="crisis"),
        what="transfer article list",
    )
    texts, problems = _read_texts(folder, articles, "actor_articles.csv", "articles")
    if problems:
        raise DataFileError(problems)
    columns = ["id", "file", "outlet", "url", "crisis", "retrieved_from", "note"]
    return articles.reindex(columns=columns, fill_value="").assign(text=texts).reset_index(drop=True)


def load_transfer_mentions(
    directory: str | os.PathLike,
    *,
    articles: pd.DataFrame | None = None,
    gazetteer: GazetteerArg = None,
    file: str = MENTIONS_FILE,
) -> pd.DataFrame:
    """The annotated actor mentions of the actor set, validated (``actor_mentions.csv``, or ``file``).

    Columns ``article``, ``start``, ``end`` (character offsets into the
    article's ``text``), ``matched`` (the text at those offsets: checked, row by
    row), ``actor`` (a gazetteer id, or a new id for an actor the gazetteer
    lacks), ``actor_type`` (one of :data:`analysis.vocabulary.ACTOR_TYPES`),
    ``is_demonym`` and ``in_gazetteer`` (``true``/``false``: whether the
    gazetteer had the actor when the set was annotated). A row with
    ``in_gazetteer`` true must name an actor of ``gazetteer`` (default: the
    shipped one) with that type; an actor has one type; mentions in one
    article never overlap; every article is one of ``actor_articles.csv``.
    ``file`` names another mention file of the folder in the same format, such
    as a second reader's (:data:`~analysis.evidence.transfer_set.SECOND_READER_FILE`), which may cover only
    some of the articles; its errors name that file.

    Example
    -------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "articles").mkdir()
    >>> _ = (d / "articles" / "a.txt").write_text("Iran and Jordan met.", encoding="utf-8")
    >>> _ = (d / "actor_articles.csv").write_text("id,file,outlet,url,crisis,retrieved_from\\n"
    ...     "a,articles/a.txt,Daily,https://example.org/a,iran-israel-2024-04,stored copy\\n", encoding="utf-8")
    >>> head = "article,start,end,matched,actor,actor_type,is_demonym,in_gazetteer\\n"
    >>> _ = (d / "actor_mentions.csv").write_text(head + "a,0,4,Iran,iran,state,false,true\\n"
    ...     "a,9,15,Jordan,jordan,state,false,false\\n", encoding="utf-8")
    >>> load_transfer_mentions(d)[["matched", "actor", "in_gazetteer"]].values.tolist()
    [['Iran', 'iran', True], ['Jordan', 'jordan', False]]
    >>> _ = (d / "actor_mentions.csv").write_text(head + "a,0,5,Iran,iran,state,false,true\\n", encoding="utf-8")
    >>> load_transfer_mentions(d)
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: actor_mentions.csv, row 2, field 'matched': 'Iran' is not at 0-5 of 'a' (found 'Iran ')
    >>> _ = (d / "second.csv").write_text(head + "b,0,4,Iran,iran,state,false,true\\n", encoding="utf-8")
    >>> load_transfer_mentions(d, file="second.csv")
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: second.csv, row 2, field 'article': 'b' is not an article in actor_articles.csv
    """
    folder = _folder(directory)
    articles = load_transfer_articles(folder) if articles is None else articles
    require_columns(articles, ["id", "text"], "load_transfer_mentions()", "articles")
    actors = resolve_gazetteer(gazetteer).actors
    types = dict(zip(actors["id"], actors["type"]))

    def check(rec):
        for field in ("start", "end"):
            if rec[field] and not rec[field].isdigit():
                yield field, f"{rec[field]!r} is not a character offset (0, 1, ...)"
        if rec["start"].isdigit() and rec["end"].isdigit() and int(rec["end"]) <= int(rec["start"]):
            yield "end", "must be after start"
        if rec["actor"] and not _ACTOR_ID.match(rec["actor"]):
            yield "actor", f"{rec['actor']!r} is not an actor id (lower case, digits, underscores)"
        if rec["actor_type"] and rec["actor_type"] not in ACTOR_TYPES:
            yield "actor_type", f"{rec['actor_type']!r} is not one of {list(ACTOR_TYPES)}"
        for field in ("is_demonym", "in_gazetteer"):
            if rec[field] and rec[field].lower() not in _BOOL:
                yield field, f"{rec[field]!r} is not true or false"
        if rec["in_gazetteer"].lower() == "true" and rec["actor"]:
            if rec["actor"] not in types:
                yield "actor", f"{rec['actor']!r} is marked in_gazetteer but the gazetteer has no such actor"
            elif rec["actor_type"] and types[rec["actor"]] != rec["actor_type"]:
                yield "actor_type", f"the gazetteer types {rec['actor']!r} as {types[rec['actor']]!r}"

    name = Path(file).name
    columns = ["article", "start", "end", "matched", "actor", "actor_type", "is_demonym", "in_gazetteer"]
    table = read_codings(
        folder / file, columns=columns, keys=["article", "start", "end"], check=check, what="mention file"
    )
    texts = dict(zip(articles["id"], articles["text"]))
    problems, type_of, last_end = [], {}, {}
    for row in table.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        text = texts.get(row.article)
        if text is None:
            problems.append(
                Problem(name, row.line, "article", f"{row.article!r} is not an article in actor_articles.csv")
            )
        elif text[start:end] != row.matched:
            problems.append(
                Problem(
                    name,
                    row.line,
                    "matched",
                    f"{row.matched!r} is not at {start}-{end} of {row.article!r} (found {text[start:end]!r})",
                )
            )
        first = type_of.setdefault(row.actor, (row.actor_type, row.line))
        if first[0] != row.actor_type:
            problems.append(
                Problem(name, row.line, "actor_type", f"{row.actor!r} is typed {first[0]!r} on line {first[1]}")
            )
        if start < last_end.get(row.article, 0):
            problems.append(
                Problem(name, row.line, "start", "overlaps the mention before it (rows in text order, no nesting)")
            )
        last_end[row.article] = max(end, last_end.get(row.article, 0))
    if problems:
        raise DataFileError(problems)
    out = table[columns].astype({"start": "int64", "end": "int64"})
    for field in ("is_demonym", "in_gazetteer"):
        out[field] = out[field].str.lower().map(_BOOL).astype(bool)
    return out.reset_index(drop=True)
