"""Whether the book needs building again: one hash of everything a build reads.

``make book`` builds only when :func:`book_hash` differs from the hash saved
by the last successful build of the same output (``python -m analysis
book-hash --check``/``--save``). The hash covers:

- the corpus folder: its absolute path and every file in it (SHA-256 of the bytes);
- the package: ``analysis/**/*.py`` and ``analysis/data/*``;
- the book: every file under ``chapters/`` but the downloads a build writes
  there (``chapters/downloads/``), ``_config.yml``, ``_toc.yml``,
  ``references.bib``, and the pins ``requirements.txt`` and ``constraints.txt``.

A file that is missing counts as such, so that deleting one changes the hash too.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from analysis.cache import PACKAGE_DIR, package_files
from analysis.corpus import corpus_checksums, resolve_corpus_dir
from analysis.files import digest

#: The book's own files, relative to its root folder.
BOOK_FILES = ("_config.yml", "_toc.yml", "references.bib", "requirements.txt", "constraints.txt")

#: The folders whose every file is an input (hidden files and notebook checkpoints left out).
BOOK_FOLDERS = ("chapters",)

#: What a build writes inside those folders, and so is not an input; the CSV downloads that
#: ``analysis.book.exports.export_csv`` writes next to the chapters.
BUILD_OUTPUTS = ("chapters/downloads",)

#: Raised to rebuild every book once when what the hash covers changes.
HASH_VERSION = "1"

_SKIP = {".ipynb_checkpoints", "__pycache__"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_files(root: Path, name: str) -> list[Path]:
    """The input files under ``root/name``, sorted by path."""
    folder = root / name
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        written = any(path.relative_to(root).as_posix().startswith(f"{out}/") for out in BUILD_OUTPUTS)
        if path.is_file() and not written and not any(p.startswith(".") or p in _SKIP for p in parts):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def book_inputs(
    root: str | os.PathLike,
    *,
    corpus_dir: str | os.PathLike | None = None,
    package_dir: str | os.PathLike = PACKAGE_DIR,
) -> pd.DataFrame:
    """Every input of a book build and its SHA-256: columns ``input`` and ``sha256``, in a fixed order.

    ``input`` is ``corpus:<path>`` (the folder, whose ``sha256`` is of its
    absolute path), ``corpus/<file>``, ``analysis/<file>`` or the file's path
    under ``root``; ``sha256`` is ``missing`` for a book file that is not there.

    Example
    -------
    >>> table = book_inputs(PACKAGE_DIR.parent)
    >>> {"_toc.yml", "chapters/intro.md", "analysis/pipeline.py", "corpus/metadata.csv"} <= set(table["input"])
    True
    """
    root = Path(root)
    folder = resolve_corpus_dir(corpus_dir)
    rows = [(f"corpus:{folder}", hashlib.sha256(str(folder).encode()).hexdigest())]
    rows += [(f"corpus/{r.file}", r.sha256) for r in corpus_checksums(folder).itertuples(index=False)]
    package_dir = Path(package_dir)
    rows += [(f"analysis/{p.relative_to(package_dir).as_posix()}", _sha256(p)) for p in package_files(package_dir)]
    for name in BOOK_FOLDERS:
        rows += [(p.relative_to(root).as_posix(), _sha256(p)) for p in _folder_files(root, name)]
    for name in BOOK_FILES:
        path = root / name
        rows.append((name, _sha256(path) if path.is_file() else "missing"))
    return pd.DataFrame(rows, columns=["input", "sha256"])


def book_hash(
    root: str | os.PathLike,
    *,
    corpus_dir: str | os.PathLike | None = None,
    package_dir: str | os.PathLike = PACKAGE_DIR,
) -> str:
    """One SHA-256 over :func:`book_inputs`: equal exactly when no input changed.

    Example
    -------
    >>> book_hash(PACKAGE_DIR.parent) == book_hash(PACKAGE_DIR.parent)
    True
    """
    table = book_inputs(root, corpus_dir=corpus_dir, package_dir=package_dir)
    parts = [HASH_VERSION.encode()] + [f"{i}\0{h}".encode() for i, h in zip(table["input"], table["sha256"])]
    return digest(*parts)


def results_dir(root: str | os.PathLike, corpus_dir: str | os.PathLike | None = None) -> Path:
    """Where ``make book`` keeps a corpus's batch results: ``_build/results/<name>-<hash of its path>``.

    Two corpus folders never share one, even with the same name.

    Example
    -------
    >>> a, b = results_dir("book", "/data/one/corpus"), results_dir("book", "/data/two/corpus")
    >>> a.parent.as_posix(), a.name.startswith("corpus-"), a == b
    ('book/_build/results', True, False)
    """
    folder = Path(corpus_dir).expanduser().resolve() if corpus_dir is not None else resolve_corpus_dir()
    tag = hashlib.sha256(str(folder).encode()).hexdigest()[:12]
    return Path(root) / "_build" / "results" / f"{folder.name}-{tag}"


def saved_hash(stamp: str | os.PathLike) -> str | None:
    """The hash a build saved in ``stamp``, or ``None`` when there is none.

    Example
    -------
    >>> saved_hash("no-such-file") is None
    True
    """
    try:
        return Path(stamp).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def pending_path(stamp: str | os.PathLike) -> Path:
    """Where the hash of a build in progress waits until the build succeeds.

    Example
    -------
    >>> pending_path("_build/html/.book-inputs").name
    '.book-inputs.pending'
    """
    stamp = Path(stamp)
    return stamp.with_name(stamp.name + ".pending")
