"""What a benchmark ran on: the machine, the versions, the commit; saved with every result."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = ("numpy", "pandas", "pyarrow", "nltk", "textblob", "vaderSentiment", "jupyter-book", "matplotlib", "psutil")
REPO = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def describe() -> dict:
    """``machine``, ``versions`` and ``git`` of this run.

    Example
    -------
    >>> d = describe()
    >>> sorted(d), d["machine"]["cpus"] >= 1
    (['git', 'machine', 'versions'], True)
    """
    import psutil

    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "machine": {
            "platform": platform.platform(),
            "cpu": _cpu_model(),
            "cpus": os.cpu_count() or 1,
            "memory_gb": round(psutil.virtual_memory().total / 1e9, 1),
        },
        "versions": versions,
        "git": {
            "commit": _git("rev-parse", "HEAD"),
            "dirty": bool(_git("status", "--porcelain", "--", "analysis", "benchmarks", "chapters")),
        },
    }
