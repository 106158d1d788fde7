"""Gold belongs to one version of each article: ``gold/articles.sha256`` ties them.

The manifest has one line per coded article, ``<sha256 of the article file>  <article id>``
(the layout of ``sha256sum``), written when the article was coded. When an article
file is edited after its coding, every offset and sentence of its gold may be
wrong; instead of one error per gold row, :func:`check_versions` gives one clear
message per article: the gold is for another version of it.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from pathlib import Path

from analysis.corpus import load_metadata, resolve_corpus_dir
from analysis.errors import CorpusError, DataFileError, Problem
from analysis.files import MAX_ARTICLE_BYTES, read_inside

#: The manifest's name in a corpus's ``gold/`` folder.
MANIFEST = "articles.sha256"
_LINE = re.compile(r"^(?P<sha>[0-9a-f]{64}) [ *](?P<id>\S+)$")


def article_hashes(corpus_dir: str | os.PathLike | None = None) -> dict[str, str]:
    """The SHA-256 of each article file, by article id.

    Example
    -------
    >>> len(article_hashes()), len(next(iter(article_hashes().values())))
    (5, 64)
    """
    folder = resolve_corpus_dir(corpus_dir)
    out = {}
    for ident, name in zip(load_metadata(folder)["id"], load_metadata(folder)["file"], strict=True):
        data, reason = read_inside(folder / "articles" / name, folder=folder, max_bytes=MAX_ARTICLE_BYTES)
        if data is None:
            raise CorpusError(Problem(f"articles/{name}", None, None, reason))
        out[ident] = hashlib.sha256(data).hexdigest()
    return out


def read_manifest(corpus_dir: str | os.PathLike | None = None) -> dict[str, tuple[int, str]]:
    """The manifest: article id to (line, SHA-256); empty when the corpus has none.

    Example
    -------
    >>> sorted(read_manifest())[:1]
    ['diplomat-2024-02']
    """
    path = resolve_corpus_dir(corpus_dir) / "gold" / MANIFEST
    if not path.is_file():
        return {}
    out, problems = {}, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        m = _LINE.match(line.strip())
        if m is None:
            problems.append(Problem(f"gold/{MANIFEST}", number, None, "expected '<sha256>  <article id>'"))
            continue
        out[m["id"]] = (number, m["sha"])
    if problems:
        raise DataFileError(problems)
    return out


def gold_ids(path: Path) -> list[str]:
    """The article ids a gold file codes (its ``id`` column), in first-seen order.

    Example
    -------
    >>> from analysis.evidence.gold import gold_path
    >>> len(gold_ids(gold_path("sentiment")))
    5
    """
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return list(dict.fromkeys(row.get("id", "") for row in csv.DictReader(fh) if row.get("id")))


def check_versions(ids, *, gold_file: str, corpus_dir: str | os.PathLike | None = None) -> None:
    """Refuse gold whose articles changed since they were coded: one problem per article.

    Articles the manifest does not list are not checked (their rows are still
    validated against the text by each gold reader).

    Example
    -------
    >>> check_versions(["mixedtimes-2024-01-17"], gold_file="gold/sentiment_labels.csv")
    """
    manifest = read_manifest(corpus_dir)
    wanted = [i for i in ids if i in manifest]
    if not wanted:
        return
    current = article_hashes(corpus_dir)
    problems = [
        Problem(
            gold_file,
            None,
            "id",
            f"gold is for another version of article {i!r}: it was coded on sha256 {manifest[i][1][:12]}…, "
            f"the article file now has {current[i][:12]}… (recode it, then update gold/{MANIFEST} line "
            f"{manifest[i][0]})",
        )
        for i in wanted
        if i in current and current[i] != manifest[i][1]
    ]
    if problems:
        raise CorpusError(problems)


def stamp_articles(ids, *, corpus_dir: str | os.PathLike | None = None) -> Path:
    """Add the current SHA-256 of each article in ``ids`` that the manifest does not list yet.

    Lines already in the manifest are never changed.

    Example
    -------
    >>> import shutil, tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "c"
    >>> _ = shutil.copytree(resolve_corpus_dir(), folder)
    >>> (folder / "gold" / MANIFEST).unlink()
    >>> stamp_articles(["rangeinn-2024-01-19"], corpus_dir=folder).read_text().split()[1]
    'rangeinn-2024-01-19'
    """
    folder = resolve_corpus_dir(corpus_dir)
    path = folder / "gold" / MANIFEST
    known = read_manifest(folder)
    hashes = article_hashes(folder)
    new = [f"{hashes[i]}  {i}\n" for i in dict.fromkeys(ids) if i not in known and i in hashes]
    path.parent.mkdir(exist_ok=True)
    with path.open("a", encoding="utf-8", newline="\n") as fh:
        fh.writelines(new)
    return path
