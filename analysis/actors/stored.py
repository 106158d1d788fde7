"""The package's gazetteer, built once per version of the package and kept in the user's cache folder.

Building the package's gazetteer (reading ``actors.yaml`` and ``world.yaml``,
checking every alias, reading the beginnings of some 3,000 expressions for the
scanner) takes about a second, and every process that finds mentions needs it:
each chapter's kernel, each batch worker started afresh, each command. So the
built gazetteer, scanner included, is written once to a file of the user's
cache folder and read back by the next process (about a fifth of the time).

- **Where:** ``$ANALYSIS_GAZETTEER_CACHE`` when set (``off`` keeps nothing),
  else ``$XDG_CACHE_HOME/crisis-coverage``, else ``~/.cache/crisis-coverage``.
- **When it is used:** the file's name is a hash (:func:`stored_key`) of every
  source file of the package, its two gazetteer files, and the versions of
  Python, pandas and this file format. Any change to one of them names another
  file, so a kept gazetteer is never stale. The :data:`KEEP` files of a name
  used last stay (one per version of the package in use: a user may run two
  checkouts); older ones are deleted when a new one is written.
- **When it is not:** a file that is missing or cannot be read as a gazetteer
  is built again as before; a folder that cannot be written keeps nothing. No
  error is raised either way: the cache only saves time.

The file is a pickle, as Python's own caches are: it is read only from the
user's own cache folder, which only the user can write. The aliases' compiled
expressions are left out of it (an alias keeps its pattern and is compiled
again when first used); the scanner's are compiled as the file is read.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from analysis.files import digest, files_fingerprint

__all__ = ["CACHE_VARIABLE", "KEEP", "cache_folder", "kept", "stored_key"]

#: The environment variable that names the folder of the kept gazetteer (``off``: keep none).
CACHE_VARIABLE = "ANALYSIS_GAZETTEER_CACHE"

#: How many files of one name (versions of the package) the cache folder keeps, those used last.
KEEP = 4

# Raised when what is stored changes shape (the objects pickled), so that old files are not read.
_FORMAT = 1

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def cache_folder(*, environ: Mapping[str, str] | None = None) -> Path | None:
    """The folder that keeps the built gazetteer, or ``None`` when ``$ANALYSIS_GAZETTEER_CACHE`` is ``off``.

    ``environ`` defaults to ``os.environ``.

    Example
    -------
    >>> cache_folder(environ={"ANALYSIS_GAZETTEER_CACHE": "off"}) is None
    True
    >>> cache_folder(environ={"XDG_CACHE_HOME": "/var/cache/me"}).as_posix()
    '/var/cache/me/crisis-coverage'
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get(CACHE_VARIABLE, "")
    if chosen.strip().lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "crisis-coverage"


def stored_key(*, package_dir: str | os.PathLike = _PACKAGE_DIR) -> str:
    """SHA-256 of the package's source and gazetteer files, and the versions of Python, pandas and the file format.

    Example
    -------
    >>> len(stored_key()), stored_key() == stored_key()
    (64, True)
    """
    folder = Path(package_dir)
    files = sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)
    files += [folder / "data" / "actors.yaml", folder / "data" / "world.yaml"]
    versions = f"format {_FORMAT}; python {sys.version}; pandas {pd.__version__}".encode()
    return digest(versions, files_fingerprint(files, root=folder).encode())


def _read(path: Path, kind: type):
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # missing, unreadable, cut short or from other code: build it again
        return None
    return found if isinstance(found, kind) else None


def _used(path: Path) -> None:
    """Mark a kept file as just used (its modification time), so that :func:`_prune` keeps it."""
    try:
        os.utime(path)
    except OSError:  # read-only: it may then be pruned, and is built again when next needed
        return


def _prune(folder: Path, name: str) -> None:
    """Delete the files of ``name`` in ``folder`` but the :data:`KEEP` used last."""
    try:
        found = [(p.stat().st_mtime, p) for p in folder.glob(f"{name}-*.pickle")]
    except OSError:
        return
    for _, path in sorted(found, reverse=True)[KEEP:]:
        try:
            path.unlink()
        except OSError:  # gone already, or another process's to delete
            continue


def _write(path: Path, value) -> None:
    """Write ``value`` to ``path`` whole or not at all (another process may read or write it meanwhile)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:  # a folder that cannot be written: keep nothing
        return


def kept(name: str, build: Callable, *, kind: type, folder: Path | None = None, key: str | None = None):
    """``build()``, or what an earlier process kept of it in ``folder`` under this ``key``.

    ``folder`` defaults to :func:`cache_folder` and ``key`` to :func:`stored_key`.
    What is read must be an instance of ``kind``; anything else is built again.

    Example
    -------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> kept("numbers", lambda: [1, 2], kind=list, folder=folder, key="k")
    [1, 2]
    >>> kept("numbers", lambda: [3], kind=list, folder=folder, key="k")  # kept from the first call
    [1, 2]
    >>> kept("numbers", lambda: [3], kind=list, folder=folder, key="other")
    [3]
    """
    folder = cache_folder() if folder is None else folder
    if folder is None:
        return build()
    path = folder / f"{name}-{stored_key() if key is None else key}.pickle"
    found = _read(path, kind)
    if found is not None:
        _used(path)
        return found
    value = build()
    _write(path, value)
    _prune(folder, name)
    return value
