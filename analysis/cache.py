"""Fingerprints and the store of article partitions that let a run reuse what an earlier run computed.

An article's results (its mentions, scored sentences, frame hits and term counts) depend on
its ``id``, ``text`` and ``quoted_text``, on the gazetteer and frame
dictionary used, on the package's code and data files and on the versions of
the libraries that score it. :func:`article_keys` hashes exactly these, so
two articles with the same key have the same results. Under the same code and
data, the text is a function of the article file's bytes and its metadata row
(cleaning reads the title), so an article whose file and row are unchanged
keeps its key.

The store is a folder of partitions: the articles one task computed together,
kept as one Parquet file per table (``store/ab/abcdef…-mentions.parquet``,
rows in article order) and an index, ``abcdef…-index.json``, that lists each
article's ``id`` and key (:func:`write_partition`). The index is written last,
so a partition without one is not whole and is not read. An article is found
by its key in the indexes (:func:`read_index`); :func:`gather_tables` reads the
partitions that hold a list of keys, few files for many articles, and gives
their rows in the order of that list. Each file is written under a temporary
name and renamed, so an interrupted run leaves whole files only.
:func:`prune_store` deletes what a run did not use, rewriting a partition of
which only some articles are still used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis import __version__
from analysis.actors.gazetteer import Gazetteer
from analysis.files import digest, files_fingerprint

#: The three per-article tables, in the order they are written.
TABLES = ("mentions", "sentences", "hits")

#: The tables a partition keeps, those of :data:`analysis.cache.TABLES` then ``terms`` (each article's term
#: counts, ``id``, ``term``, ``count``, as :func:`analysis.text.doc_term_counts` gives them), which the keyness
#: tables are summed from.
PARTITION_TABLES = (*TABLES, "terms")

#: Raised to invalidate every stored result when the layout or the key's recipe changes.
STORE_VERSION = "3"

#: Libraries whose versions change the results (tokenising, scoring, table types).
LIBRARIES = ("pandas", "numpy", "nltk", "textblob", "vaderSentiment", "PyYAML")

PACKAGE_DIR = Path(__file__).resolve().parent


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
            *a.expression,  # the compiled pattern and flags, without compiling a literal alias
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
    """The store of partitions inside a results folder.

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


def _replace(path: Path, write) -> None:
    """Call ``write(temporary path)``, then rename the file into ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    write(partial)
    os.replace(partial, path)


def parquet_bytes(table: pd.DataFrame | pa.Table) -> bytes:
    """A table as the bytes of a Parquet file (a pandas table without its index).

    Example
    -------
    >>> parquet_bytes(pd.DataFrame({"n": [1, 2]}))[:4]
    b'PAR1'
    """
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(table, preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def write_parquet(table: pd.DataFrame | pa.Table | bytes, path: str | os.PathLike) -> None:
    """Write a table (pandas, Arrow, or the bytes of :func:`parquet_bytes`) to Parquet under a temporary name, then rename it.

    Example
    -------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_parquet(pd.DataFrame({"n": [1, 2]}), path)
    >>> read_parquet(path, {"n": "int64"})["n"].tolist()
    [1, 2]
    """
    if isinstance(table, bytes):
        _replace(Path(path), lambda p: p.write_bytes(table))
        return
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(table, preserve_index=False)
    _replace(Path(path), lambda p: pq.write_table(table, p))


def read_table(path: str | os.PathLike) -> pa.Table:
    """One Parquet file as an Arrow table.

    Read as one file (``ParquetFile``), not through ``pyarrow.parquet.read_table``, whose
    dataset layer costs about 0.35 s to import on first use and a few milliseconds
    more per file: a run reads four files per partition.

    Example
    -------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_parquet(pd.DataFrame({"n": [1, 2]}), path)
    >>> read_table(path).to_pydict()
    {'n': [1, 2]}
    """
    with pq.ParquetFile(path) as file:
        return file.read()


def to_frame(table: pa.Table, schema: Mapping[str, str]) -> pd.DataFrame:
    """An Arrow table as pandas, with the columns of ``schema`` (column name -> dtype), in that order.

    Parquet and Arrow keep values exactly (text, whole numbers, 64-bit floats,
    booleans); the dtype of text columns (``object`` or ``str``) is set from ``schema``.

    Example
    -------
    >>> to_frame(pa.table({"x": [0.5], "id": ["a"]}), {"id": "object", "x": "float64"}).columns.tolist()
    ['id', 'x']
    """
    frame = table.to_pandas()
    return frame[list(schema)].astype(dict(schema))


def read_parquet(path: str | os.PathLike, schema: Mapping[str, str]) -> pd.DataFrame:
    """Read a Parquet table and give its columns the dtypes of ``schema`` (column name -> dtype), in that order.

    Example
    -------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_parquet(pd.DataFrame({"id": ["a"], "x": [0.1]}), path)
    >>> read_parquet(path, {"id": "object", "x": "float64"}).dtypes.astype(str).tolist()
    ['object', 'float64']
    """
    return to_frame(read_table(path), schema)


def partition_id(keys: Iterable[str]) -> str:
    """The name of the partition of these article keys, in this order.

    Example
    -------
    >>> partition_id(["ab", "c"]) == partition_id(["a", "bc"]), len(partition_id(["ab"]))
    (False, 64)
    """
    return digest(*(k.encode() for k in keys))


def partition_path(store: str | os.PathLike, pid: str, name: str) -> Path:
    """Where a partition keeps a table (a name of :data:`analysis.cache.PARTITION_TABLES`) or its index (``"index"``).

    Example
    -------
    >>> partition_path("store", "abcdef", "hits").as_posix(), partition_path("store", "abcdef", "index").name
    ('store/ab/abcdef-hits.parquet', 'abcdef-index.json')
    """
    suffix = "json" if name == "index" else "parquet"
    return Path(store) / pid[:2] / f"{pid}-{name}.{suffix}"


def write_partition(
    store: str | os.PathLike,
    ids: list[str],
    keys: list[str],
    tables: Mapping[str, pd.DataFrame | pa.Table | bytes],
) -> str:
    """Keep the tables of several articles (one per name of :data:`analysis.cache.PARTITION_TABLES`), their index last; return its name.

    ``ids`` and ``keys`` are the articles' ids and keys, in the order of the tables' rows.

    Example
    -------
    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> pid = write_partition(store, ["a"], ["k1"], {t: pd.DataFrame({"id": ["a"]}) for t in PARTITION_TABLES})
    >>> read_index(store) == {pid: [("a", "k1")]}
    True
    """
    if len(ids) != len(keys):
        raise ValueError(f"{len(ids)} ids for {len(keys)} keys")
    pid = partition_id(keys)
    for name in PARTITION_TABLES:
        write_parquet(tables[name], partition_path(store, pid, name))
    write_text(partition_path(store, pid, "index"), json.dumps({"ids": list(ids), "keys": list(keys)}))
    return pid


def _read_one_index(path: Path) -> list[tuple[str, str]] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        pairs = list(zip(found["ids"], found["keys"], strict=True))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return [(str(i), str(k)) for i, k in pairs]


def read_index(store: str | os.PathLike) -> dict[str, list[tuple[str, str]]]:
    """Every whole partition of a store (its index and all its tables are there): name -> its ``(id, key)`` pairs.

    Partitions are sorted by name. An index that cannot be read counts as missing.

    Example
    -------
    >>> read_index("no-such-folder")
    {}
    """
    folder = Path(store)
    out = {}
    for path in sorted(folder.glob("*/*-index.json")):
        pid = path.name.removesuffix("-index.json")
        pairs = _read_one_index(path)
        if pairs is not None and all(partition_path(folder, pid, t).is_file() for t in PARTITION_TABLES):
            out[pid] = pairs
    return out


def key_locations(index: Mapping[str, list[tuple[str, str]]]) -> dict[str, str]:
    """Each article key of a store index, and the partition it is read from (the first by name that holds it).

    Example
    -------
    >>> key_locations({"p1": [("a", "k1")], "p2": [("a", "k1"), ("b", "k2")]})
    {'k1': 'p1', 'k2': 'p2'}
    """
    found: dict[str, str] = {}
    for pid, pairs in index.items():
        for _, key in pairs:
            found.setdefault(key, pid)
    return found


def _rows_of(table: pa.Table, ids: Iterable[str]) -> pa.Table:
    """The rows of ``table`` whose ``id`` is one of ``ids``."""
    return table.filter(pc.is_in(table["id"], value_set=pa.array(list(ids), pa.string())))


def _empty(schema: Mapping[str, str]) -> pa.Table:
    frame = pd.DataFrame({c: pd.Series(dtype=d) for c, d in schema.items()})
    return pa.Table.from_pandas(frame, preserve_index=False)


def gather_tables(
    store: str | os.PathLike,
    keys: list[str],
    ids: list[str],
    schemas: Mapping[str, Mapping[str, str]],
    *,
    index: Mapping[str, list[tuple[str, str]]] | None = None,
) -> tuple[dict[str, pa.Table], list[bool]]:
    """The stored rows of the articles with these keys (and these unique ids), in their order, and which were found.

    Reads each partition that holds one of the keys once, per table asked:
    the names of ``schemas`` (some of :data:`analysis.cache.PARTITION_TABLES`). Returns
    Arrow tables (one per name; ``schemas`` gives the columns of an empty
    one) and, per key, whether the store had it.

    Example
    -------
    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> _ = write_partition(store, ["a", "b"], ["ka", "kb"], {t: pd.DataFrame({"id": ["a", "b"]}) for t in PARTITION_TABLES})
    >>> tables, found = gather_tables(store, ["kb", "kc"], ["b", "c"], {t: {"id": "str"} for t in TABLES})
    >>> tables["hits"]["id"].to_pylist(), found
    (['b'], [True, False])
    """
    index = read_index(store) if index is None else index
    where = key_locations(index)
    found = [k in where for k in keys]
    wanted: dict[str, set[str]] = {}
    for key, doc_id, there in zip(keys, ids, found):
        if there:
            wanted.setdefault(where[key], set()).add(doc_id)
    order = pa.array([i for i, there in zip(ids, found) if there], pa.string())
    tables = {}
    for name in schemas:
        parts = []
        for pid, want in wanted.items():
            part = read_table(partition_path(store, pid, name))
            parts.append(part if len(want) == len(index[pid]) else _rows_of(part, want))
        if not parts:
            tables[name] = _empty(schemas[name])
            continue
        table = pa.concat_tables(parts, promote_options="permissive")
        rank = pc.index_in(table["id"], value_set=order)
        if len(table) > 1 and not pc.all(pc.greater_equal(rank[1:], rank[:-1])).as_py():
            table = table.take(pc.sort_indices(rank))
        tables[name] = table
    return tables, found


def prune_store(store: str | os.PathLike, keep: Iterable[str]) -> int:
    """Keep only the articles of ``keys`` in ``keep``; return how many files went.

    A partition none of whose articles is kept is deleted; one with some is
    written again with only those (under a new name); so are partial files and
    the files of partitions that are not whole.

    Example
    -------
    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> _ = write_partition(store, ["a", "b"], ["ka", "kb"], {t: pd.DataFrame({"id": ["a", "b"]}) for t in PARTITION_TABLES})
    >>> _ = write_partition(store, ["c"], ["kc"], {t: pd.DataFrame({"id": ["c"]}) for t in PARTITION_TABLES})
    >>> prune_store(store, ["kb"]), list(read_index(store).values())
    (10, [[('b', 'kb')]])
    """
    folder = Path(store)
    if not folder.is_dir():
        return 0
    keep = set(keep)
    index = read_index(folder)
    where = key_locations(index)
    whole = set()
    for pid, pairs in index.items():
        kept = [(i, k) for i, k in pairs if k in keep and where[k] == pid]
        if len(kept) == len(pairs):
            whole.add(pid)
        elif kept:
            ids = [i for i, _ in kept]
            tables = {t: _rows_of(read_table(partition_path(folder, pid, t)), ids) for t in PARTITION_TABLES}
            whole.add(write_partition(folder, ids, [k for _, k in kept], tables))
    removed = 0
    for path in folder.glob("*/*"):
        if path.is_file() and path.name.split("-", 1)[0] not in whole:
            path.unlink()
            removed += 1
    for sub in folder.iterdir():
        if sub.is_dir() and not any(sub.iterdir()):
            sub.rmdir()
    return removed
