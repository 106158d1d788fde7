"""Downloads and provenance: byte-stable CSV files, the package versions of a build, the data files' sources."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

#: The environment variable that names the folder a build publishes its CSV downloads in. ``python -m
#: analysis book`` (``make book``) and the tests set it to ``<output>/_build/html/_downloads``, so that the
#: files are written into the build's own output, never into the source tree, and chapters link them with
#: a plain relative link, ``../_downloads/<name>.csv``.
DOWNLOADS_ENV = "ANALYSIS_DOWNLOADS"


def downloads_folder(*, environ: Mapping[str, str] | None = None) -> Path:
    """Where :func:`export_csv` writes by default: ``$ANALYSIS_DOWNLOADS``, else ``downloads`` here.

    ``environ`` defaults to ``os.environ``. The fallback (a folder in the working directory)
    is for a chapter run by hand in Jupyter; every build sets the variable.

    Example
    -------
    >>> downloads_folder(environ={DOWNLOADS_ENV: "/tmp/out/_build/html/_downloads"}).as_posix()
    '/tmp/out/_build/html/_downloads'
    >>> downloads_folder(environ={}).as_posix()
    'downloads'
    """
    environ = os.environ if environ is None else environ
    return Path(environ.get(DOWNLOADS_ENV) or "downloads")


def export_csv(table: pd.DataFrame, name: str, *, folder: str | Path | None = None, float_format: str = "%.6g") -> Path:
    """Write a table as a deterministic CSV for download from a chapter; returns its path.

    The file goes to ``folder``, by default :func:`downloads_folder`: during a build, the
    ``_downloads`` folder of the build's HTML output, so a chapter links it with
    ``<a href="../_downloads/<name>.csv" download>``. Writing the same table twice gives
    byte-identical files: no index, no timestamps, UTF-8, ``\\n`` line endings, fixed float
    formatting, rows in the order given.

    Example
    -------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = export_csv(pd.DataFrame({"a": [1.0 / 3]}), "x", folder=d)
    ...     path.read_text()
    'a\\n0.333333\\n'
    """
    if not name or Path(name).name != name or "\\" in name or name.startswith("."):
        raise ValueError(f"export_csv: {name!r} is not a plain file name")
    folder = Path(folder) if folder is not None else downloads_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    text = table.to_csv(index=False, lineterminator="\n", float_format=float_format)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def package_versions(requirements: str | Path | None = None) -> pd.DataFrame:
    """Installed versions of the book's direct dependencies, read at build time.

    The names come from ``requirements`` (default: the ``requirements.txt``
    beside the package, else the installed package's own requirements). A
    package that is not installed shows ``not installed``.

    Returns columns ``package``, ``pinned`` (the version pinned in the file, or
    empty) and ``installed``, sorted by package name.

    Example
    -------
    >>> versions = package_versions()
    >>> bool((versions["package"] == "pandas").any())
    True
    """
    import re
    from importlib import metadata

    path = Path(requirements) if requirements else Path(__file__).resolve().parents[2] / "requirements.txt"
    pins: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(?:==\s*([^\s;]+))?", line)
            if m:
                pins[m.group(1)] = m.group(2) or ""
    else:
        for req in metadata.requires("crisis-coverage") or []:
            m = re.match(r"^([A-Za-z0-9_.\-]+)", req)
            if m:
                pins[m.group(1)] = ""
    rows = []
    for name, pinned in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        rows.append((name, pinned, installed))
    out = pd.DataFrame(rows, columns=["package", "pinned", "installed"])
    return out.sort_values("package", key=lambda s: s.str.lower(), ignore_index=True)


def data_sources() -> pd.DataFrame:
    """Every data file the package ships, and every lexicon it uses from other packages, with its source.

    Reads the ``source`` field of each YAML file in ``analysis/data`` (the
    header comment of the stopword list and of the CSV tables) and the entries of
    ``external_lexicons.yaml``.

    Returns columns ``name``, ``file``, ``source``, ``licence``, ``citation``
    (empty where the file does not give one), data files first.

    Example
    -------
    >>> sources = data_sources()
    >>> bool(sources["source"].str.len().gt(0).all())
    True
    """
    from importlib import resources

    import yaml

    folder = resources.files("analysis") / "data"
    rows = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml") and entry.name != "external_lexicons.yaml":
            data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
            rows.append(
                (
                    entry.name.removesuffix(".yaml"),
                    f"analysis/data/{entry.name}",
                    " ".join(str(data.get("source", "")).split()),
                    str(data.get("licence", "MIT (this project)")),
                    str(data.get("citation", "")),
                )
            )
        elif entry.name.endswith((".txt", ".csv")):
            header = [
                line.lstrip("# ").strip()
                for line in entry.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")
            ]
            rows.append((entry.name.rsplit(".", 1)[0], f"analysis/data/{entry.name}", " ".join(header), "", ""))
    external = yaml.safe_load((folder / "external_lexicons.yaml").read_text(encoding="utf-8"))
    for lex in external["lexicons"]:
        rows.append(
            (
                lex["name"],
                f"{lex['file']} (package {lex['package']})",
                external["source"],
                lex["licence"],
                lex.get("citation", ""),
            )
        )
    return pd.DataFrame(rows, columns=["name", "file", "source", "licence", "citation"])
