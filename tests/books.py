"""How the tests build the book: the command `make book` runs, the strict flags, and the environment.

Each build goes to a temporary folder with ``--path-output`` so that the tests never touch ``_build``, and
its CSV downloads into that folder's ``_build/html/_downloads`` (``$ANALYSIS_DOWNLOADS``, as ``python -m
analysis book`` sets it), so that no build writes into the source tree. The session-wide build of the seed corpus (the ``seed_book`` fixture in ``tests/conftest.py``) is shared
by the build, page and link tests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from analysis.book.exports import DOWNLOADS_ENV
from analysis.cli import BOOK_BUILD_FLAGS

REPO = Path(__file__).resolve().parent.parent
JB = Path(sys.executable).parent / "jupyter-book"
# The flags `make book` uses (`python -m analysis book`, analysis/cli.py), plus the strict ones.
BOOK_FLAGS = list(BOOK_BUILD_FLAGS)
STRICT_FLAGS = ["-W", "-n", "--keep-going"]


def book_env(*, corpus_dir: Path | None = None, out: Path | None = None, tmpdir: Path | None = None) -> dict[str, str]:
    """The environment of a build: the Makefile's (IPYTHONDIR, the project's kernel profile), the corpus,
    where the CSV downloads go (``<out>/_build/html/_downloads``) and, if given, the temporary folder."""
    env = {k: v for k, v in os.environ.items() if k not in {"CORPUS_DIR", DOWNLOADS_ENV, "ANALYSIS_CACHE"}}
    env["IPYTHONDIR"] = str(REPO / ".ipython")
    if corpus_dir is not None:
        env["CORPUS_DIR"] = str(corpus_dir)
    if out is not None:
        env[DOWNLOADS_ENV] = str(Path(out) / "_build" / "html" / "_downloads")
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return env


def build(
    out: Path, *, corpus_dir: Path | None = None, strict: bool = True, tmpdir: Path | None = None
) -> subprocess.CompletedProcess:
    """Build the book into ``out`` (``--path-output``); ``tmpdir``, if given, is the build's TMPDIR."""
    cmd = [str(JB), "build", ".", *BOOK_FLAGS, *(STRICT_FLAGS if strict else []), "--path-output", str(out)]
    env = book_env(corpus_dir=corpus_dir, out=out, tmpdir=tmpdir)
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)


#: What a build or a test may leave in the source tree: caches, the kernels' IPython runtime files
#: (``.ipython/profile_default/{log,pid,security,startup}``, git-ignored), and the build outputs.
_NOT_SOURCE = {
    ".git",
    ".venv",
    "_build",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".import_linter_cache",
    ".ipython",
    ".hypothesis",
}


def source_state(root: Path = REPO) -> dict[str, tuple[int, int]]:
    """Every file of the source tree (``_NOT_SOURCE`` left out) with its size and modification time, and
    each line of ``git status --porcelain --ignored``: two states differ when a file was written."""
    state: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _NOT_SOURCE and not d.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            stat = path.lstat()
            state[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=root, capture_output=True, text=True, check=False
    ).stdout
    for line in status.splitlines():
        if not any(part in _NOT_SOURCE for part in line[3:].split("/")):
            state[f"git status: {line}"] = (0, 0)
    return state


def changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """The paths whose state differs between two :func:`source_state` results (added, removed or written)."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


#: Lines of the Jupyter client's own transport log, not of the book: tornado reports a ZMQ message that
#: arrives after a kernel has been shut down (seen once in three clean-clone runs, with the build's exit
#: status 0 and no Sphinx warning). Only this exact line is passed over.
TRANSPORT_NOISE = ("ERROR:tornado.general:Uncaught exception in ZMQStream callback",)


def sphinx_warnings(result: subprocess.CompletedProcess) -> list[str]:
    """Every line of a build's output that warns or errs: Sphinx's, and the kernels' own log."""
    text = result.stdout + result.stderr
    return [
        line
        for line in text.splitlines()
        if re.search(r"(WARNING|ERROR|CRITICAL)", line) and line.strip() not in TRANSPORT_NOISE
    ]
