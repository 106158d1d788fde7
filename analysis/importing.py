"""Bring saved web pages into a corpus folder: body, title, date and author extracted offline.

:func:`add_page` reads a saved HTML file (the page as a browser saves it),
extracts the article with trafilatura (Barbaresi 2021) — offline, from the
file only — and adds it to the corpus: ``articles/<id>.txt`` and one row of
``metadata.csv``. The corpus is validated with the new article exactly as the
book loads it (:func:`analysis.corpus.load_corpus`); if that fails, nothing is
left behind: the new file is removed and ``metadata.csv`` is restored byte for
byte. An article whose text is already in the corpus (same SHA-256) is
refused, and no existing file is ever overwritten.

The extracted text is written as the article's raw text: the title on the
first line, then the paragraphs separated by blank lines. What trafilatura
kept of the page furniture is removed by the book's cleaning like any other.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.corpus import load_corpus, resolve_corpus_dir
from analysis.errors import AnalysisError, CorpusError, Problem

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Extracted:
    """What was read from a saved page: ``text`` (title line, blank line, paragraphs), ``title``,
    ``published`` (``YYYY-MM-DD`` or empty), ``author``, ``outlet`` (the site's name) and ``url``."""

    text: str
    title: str
    published: str
    author: str
    outlet: str
    url: str


def extract_page(html: str, *, source: str = "page") -> Extracted:
    """The article of a saved HTML page, with its metadata (trafilatura, offline).

    Raises :class:`~analysis.errors.CorpusError` naming ``source`` when no article text is found.

    Example
    -------
    >>> page = ("<html><head><title>X</title><meta property='og:site_name' content='Daily X'></head><body>"
    ...         "<article><h1>Talks resume</h1><p>Envoys met in Doha on Monday to resume the talks that "
    ...         "broke down last month, officials said.</p></article></body></html>")
    >>> e = extract_page(page)
    >>> e.title, e.outlet, e.text.splitlines()[0]
    ('Talks resume', 'Daily X', 'Talks resume')
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    body = (data.get("text") or "").strip()
    if not body:
        raise CorpusError(Problem(source, None, None, "no article text found in the page"))
    title = " ".join((data.get("title") or "").split())
    paragraphs = [" ".join(p.split()) for p in body.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n"
    return Extracted(
        text=text,
        title=title,
        published=(data.get("date") or "")[:10],
        author=" ".join((data.get("author") or "").split()),
        outlet=" ".join((data.get("sitename") or data.get("hostname") or "").split()),
        url=data.get("url") or "",
    )


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:40] or "article"


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh), [])


def add_page(
    page: str | os.PathLike,
    *,
    crisis: str,
    corpus_dir: str | os.PathLike | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
    genre: str = "news",
) -> dict:
    """Add one saved page to the corpus folder; return the metadata row written.

    ``outlet``, ``url``, ``published`` and ``title`` override what the page says; the
    page must yield an outlet and a date one way or the other. The id is
    ``<outlet>-<date>``, with ``-2``, ``-3``… when taken.

    Raises
    ------
    analysis.errors.CorpusError
        Naming the page and the field: no text, no outlet or date, a
        duplicate of an article already in the corpus, or any problem the
        corpus loader finds with the new row (the folder is then left as it was).

    Example
    -------
    >>> import shutil, tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "corpus"
    >>> _ = shutil.copytree(resolve_corpus_dir(), folder, ignore=shutil.ignore_patterns("gold"))
    >>> page = folder.parent / "page.html"
    >>> _ = page.write_text("<html><head><meta property='og:site_name' content='Daily X'></head><body><article>"
    ...     "<h1>Talks resume</h1><p>Envoys met in Doha on Monday to resume talks that broke down, officials "
    ...     "said.</p></article></body></html>", encoding="utf-8")
    >>> add_page(page, crisis="iran-israel-2024-04", published="2024-04-15", corpus_dir=folder)["id"]
    'daily-x-2024-04-15'
    """
    page = Path(page)
    source = str(page)
    try:
        html = page.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CorpusError(Problem(source, None, None, f"cannot be read ({exc.strerror or exc})")) from None
    found = extract_page(html, source=source)
    folder = resolve_corpus_dir(corpus_dir)
    meta_path, articles = folder / "metadata.csv", folder / "articles"
    row = {
        "outlet": outlet or found.outlet,
        "title": title or found.title,
        "url": url or found.url,
        "published": published or found.published,
        "author": found.author,
        "crisis": crisis,
        "genre": genre,
        "notes": f"Added with `python -m analysis add` from {page.name} (text extracted by trafilatura).",
    }
    missing = [k for k in ("outlet", "published", "title") if not row[k]]
    if missing:
        raise CorpusError([Problem(source, None, k, "not found in the page; give it with --" + k) for k in missing])
    data = found.text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    for existing in sorted(articles.glob("*")) if articles.is_dir() else []:
        if existing.is_file() and hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            raise CorpusError(Problem(source, None, None, f"its text is already in the corpus as {existing.name}"))
    header = _header(meta_path)
    with meta_path.open(encoding="utf-8-sig", newline="") as fh:
        taken = {r.get("id") for r in csv.DictReader(fh)}
    base = f"{_slug(row['outlet'])}-{row['published']}"
    ident, k = base, 1
    while ident in taken or (articles / f"{ident}.txt").exists():
        k += 1
        ident = f"{base}-{k}"
    row = {"id": ident, "file": f"{ident}.txt", **row}
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([row.get(c, "") for c in header])
    before = meta_path.read_bytes()
    target = articles / row["file"]
    articles.mkdir(exist_ok=True)
    with target.open("xb") as fh:  # never overwrite
        fh.write(data)
    try:
        with meta_path.open("ab") as fh:
            if before and not before.endswith(b"\n"):
                fh.write(b"\n")
            fh.write(line.getvalue().encode("utf-8"))
        load_corpus(folder)
    except AnalysisError:
        target.unlink()
        meta_path.write_bytes(before)
        raise
    return {k: row.get(k, "") for k in header}
