"""How the tests build the book: the command `make book` runs, the strict flags, and the environment.

Each build goes to a temporary folder with ``--path-output`` so that the tests never touch ``_build``.
The session-wide build of the seed corpus (the ``seed_book`` fixture in ``tests/conftest.py``) is shared
by the build, page and link tests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
JB = Path(sys.executable).parent / "jupyter-book"
# The flags `make book` uses (checked against the Makefile in test_build.py), plus the strict ones.
BOOK_FLAGS = ["--all"]
STRICT_FLAGS = ["-W", "-n", "--keep-going"]


def book_env(*, corpus_dir: Path | None = None) -> dict[str, str]:
    """The environment of a build: the Makefile's (IPYTHONDIR, the project's kernel profile) and the corpus."""
    env = {k: v for k, v in os.environ.items() if k != "CORPUS_DIR"}
    env["IPYTHONDIR"] = str(REPO / ".ipython")
    if corpus_dir is not None:
        env["CORPUS_DIR"] = str(corpus_dir)
    return env


def build(out: Path, *, corpus_dir: Path | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    cmd = [str(JB), "build", ".", *BOOK_FLAGS, *(STRICT_FLAGS if strict else []), "--path-output", str(out)]
    return subprocess.run(
        cmd, cwd=REPO, env=book_env(corpus_dir=corpus_dir), capture_output=True, text=True, timeout=1800
    )


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
