"""Fingerprints and the per-article store that let a run reuse what an earlier run computed.

An article's results (its mentions, scored sentences and frame hits) depend on
its ``id``, ``text`` and ``quoted_text``, on the gazetteer and frame
dictionary used, on the package's code and data files and on the versions of
the libraries that score it. :func:`article_keys` hashes exactly these, so
two articles with the same key have the same results. Under the same code and
data, the text is a function of the article file's bytes and its metadata row
(cleaning reads the title), so an article whose file and row are unchanged
keeps its key.

The store is a folder of Parquet files, one per article and table, named by
the key (``store/ab/abcdef…-mentions.parquet``): :func:`write_entry`,
:func:`read_entry`, :func:`has_entry`. Each file is written under a temporary
name and renamed, so an interrupted run leaves whole files only.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import __version__
from analysis.actors.gazetteer import Gazetteer

#: The three per-article tables, in the order they are written.
TABLES = ("mentions", "sentences", "hits")

#: Raised to invalidate every stored result when the layout or the key's recipe changes.
STORE_VERSION = "1"

#: Libraries whose versions change the results (tokenising, scoring, table types).
LIBRARIES = ("pandas", "numpy", "nltk", "textblob", "vaderSentiment", "PyYAML")

PACKAGE_DIR = Path(__file__).resolve().parent


def digest(*parts: bytes) -> str:
    """SHA-256 (hex) of byte strings, each length-prefixed so that no two lists of parts collide.

    Example
    -------
    >>> digest(b"ab", b"c") == digest(b"a", b"bc")
    False
    """
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "little"))
        sha.update(part)
    return sha.hexdigest()


def package_files(package_dir: str | os.PathLike = PACKAGE_DIR) -> list[Path]:
    """The files that make the package: ``**/*.py`` and ``data/*``, sorted by path.

    Example
    -------
    >>> names = [p.relative_to(PACKAGE_DIR).as_posix() for p in package_files()]
    >>> "pipeline.py" in names, "data/actors.yaml" in names
    (True, True)
    """
    folder = Path(package_dir)
    found = {p for p in folder.rglob("*.py") if "__pycache__" not in p.parts}
    found |= {p for p in (folder / "data").glob("*") if p.is_file()}
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def files_fingerprint(files: Iterable[str | os.PathLike], *, root: str | os.PathLike) -> str:
    """SHA-256 over each file's path (relative to ``root``) and bytes, in the order given.

    Example
    -------
    >>> a = files_fingerprint(package_files(), root=PACKAGE_DIR)
    >>> len(a), a == files_fingerprint(package_files(), root=PACKAGE_DIR)
    (64, True)
    """
    parts = []
    for path in files:
        path = Path(path)
        parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


@lru_cache(maxsize=4)
def code_fingerprint(package_dir: str | os.PathLike = PACKAGE_DIR) -> str:
    """The package's version, code and data files, and the versions of :data:`LIBRARIES`, hashed.

    Read once per process (a process that edits the package should not trust it).

    Example
    -------
    >>> len(code_fingerprint())
    64
    """
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    header = json.dumps({"store": STORE_VERSION, "package": __version__, "libraries": versions})
    return digest(header.encode(), files_fingerprint(package_files(package_dir), root=package_dir).encode())


def gazetteer_fingerprint(gazetteer: Gazetteer) -> str:
    """A hash of everything in a gazetteer that the matcher reads (actors' types, every alias's rule).

    Example
    -------
    >>> from analysis.actors.gazetteer import load_gazetteer
    >>> gazetteer_fingerprint(load_gazetteer()) == gazetteer_fingerprint(load_gazetteer())
    True
    """
    actors = gazetteer.actors[["id", "type"]].to_numpy().tolist()
    aliases = [
        [
            a.actor,
            a.compiled.pattern,
            a.compiled.flags,
            a.kind,
            a.demonym,
            a.order,
            [[name, rx.pattern, rx.flags] for name, rx in a.contexts],
        ]
        for a in gazetteer.aliases
    ]
    return digest(json.dumps([actors, aliases]).encode())


def frames_fingerprint(frames: pd.DataFrame) -> str:
    """A hash of the frame table's columns that :func:`~analysis.framing.frames.frame_hits` reads.

    Example
    -------
    >>> from analysis.framing.frames import resolve_frames
    >>> frames = resolve_frames(None)
    >>> frames_fingerprint(frames) == frames_fingerprint(frames.iloc[:2])
    False
    """
    rows = frames[["key", "family", "regex"]].astype(str).to_numpy().tolist()
    return digest(json.dumps(rows).encode())


def environment_key(gazetteer: Gazetteer, frames: pd.DataFrame) -> str:
    """The part of every article's key shared by all articles: code, libraries, gazetteer, frames.

    Example
    -------
    >>> from analysis.actors.gazetteer import load_gazetteer
    >>> from analysis.framing.frames import resolve_frames
    >>> len(environment_key(load_gazetteer(), resolve_frames(None)))
    64
    """
    parts = (code_fingerprint(), gazetteer_fingerprint(gazetteer), frames_fingerprint(frames))
    return digest(*(p.encode() for p in parts))


def _text(value) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else b""


def article_keys(corpus: pd.DataFrame, environment: str) -> list[str]:
    """One key per row of ``corpus``: its ``id``, ``text`` and ``quoted_text`` under ``environment``.

    A missing ``quoted_text`` column, or a value that is not text, counts as empty text.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": ["Same.", "Same."]})
    >>> a, b = article_keys(corpus, "env")
    >>> a == b, a == article_keys(corpus, "other")[0], a == article_keys(corpus.assign(quoted_text=""), "env")[0]
    (False, False, True)
    """
    quoted = corpus["quoted_text"] if "quoted_text" in corpus.columns else [""] * len(corpus)
    env = environment.encode()
    return [digest(env, _text(i), _text(t), _text(q)) for i, t, q in zip(corpus["id"], corpus["text"], quoted)]


def article_checksums(corpus: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    """SHA-256 of each article file's bytes (``raw_text`` encoded as UTF-8) and its metadata row.

    ``columns`` are the metadata columns hashed, in order. This is the article's
    provenance, written beside the results; it is not part of the key.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "title": ["T"], "raw_text": ["Body."]})
    >>> article_checksums(corpus, ["id", "title"]) == article_checksums(corpus.assign(title="U"), ["id", "title"])
    False
    """
    columns = list(columns)
    rows = corpus[columns].astype(str).to_numpy().tolist()
    return [digest(_text(raw), json.dumps(row).encode()) for raw, row in zip(corpus["raw_text"], rows)]


def store_dir(folder: str | os.PathLike) -> Path:
    """The per-article store inside a results folder.

    Example
    -------
    >>> store_dir("out").as_posix()
    'out/store'
    """
    return Path(folder) / "store"


def table_path(folder: str | os.PathLike, name: str, *, suffix: str = "parquet") -> Path:
    """Where a results folder keeps a whole table (all articles, corpus order).

    Example
    -------
    >>> table_path("out", "mentions").as_posix()
    'out/mentions.parquet'
    """
    return Path(folder) / f"{name}.{suffix}"


def manifest_path(folder: str | os.PathLike) -> Path:
    """The results folder's manifest: what was run, over which articles (their keys, in corpus order).

    Example
    -------
    >>> manifest_path("out").name
    'manifest.json'
    """
    return Path(folder) / "manifest.json"


def read_manifest(folder: str | os.PathLike) -> dict:
    """The results folder's manifest, or an empty mapping when it has none (or one that cannot be read).

    Example
    -------
    >>> read_manifest("no-such-folder")
    {}
    """
    try:
        found = json.loads(manifest_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def entry_path(store: str | os.PathLike, key: str, table: str) -> Path:
    """Where one article's table is kept in a store folder.

    Example
    -------
    >>> entry_path("store", "abcdef", "hits").as_posix()
    'store/ab/abcdef-hits.parquet'
    """
    return Path(store) / key[:2] / f"{key}-{table}.parquet"


def has_entry(store: str | os.PathLike, key: str) -> bool:
    """Whether all of an article's tables are in the store.

    Example
    -------
    >>> has_entry("no-such-folder", "abcdef")
    False
    """
    return all(entry_path(store, key, t).is_file() for t in TABLES)


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write a UTF-8 text file under a temporary name, then rename it into place.

    Example
    -------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "m.json"
    >>> write_text(path, "{}")
    >>> path.read_text()
    '{}'
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def write_parquet(table: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a table to Parquet under a temporary name, then rename it into place.

    Example
    -------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_parquet(pd.DataFrame({"n": [1, 2]}), path)
    >>> read_parquet(path, {"n": "int64"})["n"].tolist()
    [1, 2]
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), partial)
    os.replace(partial, path)


def read_parquet(path: str | os.PathLike, schema: Mapping[str, str]) -> pd.DataFrame:
    """Read a Parquet table and give its columns the dtypes of ``schema`` (column name -> dtype), in that order.

    Parquet keeps values exactly (text, whole numbers, 64-bit floats, booleans);
    the dtype of text columns (``object`` or ``str``) is set from ``schema``.

    Example
    -------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_parquet(pd.DataFrame({"id": ["a"], "x": [0.1]}), path)
    >>> read_parquet(path, {"id": "object", "x": "float64"}).dtypes.astype(str).tolist()
    ['object', 'float64']
    """
    table = pq.read_table(path).to_pandas()
    return table[list(schema)].astype(dict(schema))


def write_entry(store: str | os.PathLike, key: str, tables: Mapping[str, pd.DataFrame]) -> None:
    """Keep one article's tables (one per name in :data:`TABLES`) under its key.

    Example
    -------
    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> write_entry(store, "abcd", {t: pd.DataFrame({"id": ["a"]}) for t in TABLES})
    >>> has_entry(store, "abcd")
    True
    """
    for name in TABLES:
        write_parquet(tables[name], entry_path(store, key, name))


def read_entry(store: str | os.PathLike, key: str, schemas: Mapping[str, Mapping[str, str]]) -> dict[str, pd.DataFrame]:
    """One article's tables from the store, with the dtypes of ``schemas`` (table name -> schema).

    Example
    -------
    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> write_entry(store, "abcd", {t: pd.DataFrame({"id": ["a"]}) for t in TABLES})
    >>> read_entry(store, "abcd", {t: {"id": "object"} for t in TABLES})["hits"]["id"].tolist()
    ['a']
    """
    return {name: read_parquet(entry_path(store, key, name), schemas[name]) for name in TABLES}


def prune_store(store: str | os.PathLike, keep: Iterable[str]) -> int:
    """Delete the entries of keys not in ``keep`` (and stray partial files); return how many files went.

    Example
    -------
    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> for key in ("aaaa", "bbbb"):
    ...     write_entry(store, key, {t: pd.DataFrame({"id": ["a"]}) for t in TABLES})
    >>> prune_store(store, ["aaaa"]), has_entry(store, "aaaa"), has_entry(store, "bbbb")
    (3, True, False)
    """
    folder = Path(store)
    if not folder.is_dir():
        return 0
    wanted = {entry_path(folder, key, t).name for key in keep for t in TABLES}
    removed = 0
    for path in folder.glob("*/*"):
        if path.is_file() and path.name not in wanted:
            path.unlink()
            removed += 1
    for sub in folder.iterdir():
        if sub.is_dir() and not any(sub.iterdir()):
            sub.rmdir()
    return removed
