"""Helpers that publish results into the book's pages (glue and downloads).

Chapters hold calls, figures and narrative; these helpers keep the glue calls
short and identical across chapters:

- :func:`glue_text` glues a value as text for the ``{glue:text}`` role,
  formatted in Python (so the page shows ``0.42``, not ``np.float64(0.42)``;
  myst-nb removes the string's quotes when it pastes it);
- :func:`glue_figure` glues a figure and closes it;
- :func:`glue_table` glues a DataFrame;
- :func:`html_table` shows a table with every cell HTML-escaped;
- :func:`export_csv` writes a chapter's table as a byte-stable CSV download.
"""

from __future__ import annotations

import numbers
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

__all__ = ["format_value", "join_words", "glue_text", "glue_figure", "glue_table", "html_table", "export_csv", "package_versions", "data_sources"]


def format_value(value, fmt: str | None = None) -> str:
    """Format a value for prose: ``fmt`` if given, else ints with thousands separators.

    Example
    -------
    >>> format_value(1234), format_value(0.4567, "{:.0%}"), format_value("x")
    ('1,234', '46%', 'x')
    """
    if fmt is not None:
        return fmt.format(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        return f"{float(value):.2f}"
    return str(value)


def join_words(items: list[str]) -> str:
    """Join phrases for prose: "a", "a and b", "a, b and c" (empty phrases are dropped).

    Example
    -------
    >>> join_words(["Iran", "", "Pakistan", "China"])
    'Iran, Pakistan and China'
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def glue_text(key: str, value, fmt: str | None = None, *, display: bool = False) -> str:
    """Glue ``value`` as plain text under ``key``; returns the text glued.

    Example
    -------
    >>> glue_text("n-articles", 5)
    '5'
    """
    from myst_nb import glue

    text = format_value(value, fmt)
    glue(key, text, display=display)
    return text


def glue_figure(key: str, fig) -> None:
    """Glue a matplotlib figure under ``key`` and close it.

    Example
    -------
    >>> fig, ax = plt.subplots()
    >>> glue_figure("fig-example", fig)
    >>> plt.fignum_exists(fig.number)
    False
    """
    from myst_nb import glue

    glue(key, fig, display=False)
    plt.close(fig)


def glue_table(key: str, table: pd.DataFrame) -> None:
    """Glue a DataFrame under ``key`` (shown with ``{glue:figure}`` or ``{glue}``).

    Example
    -------
    >>> glue_table("tbl-example", pd.DataFrame({"a": [1]}))
    """
    from myst_nb import glue

    glue(key, table, display=False)


def html_table(table: pd.DataFrame, *, links: dict[str, str] | None = None, caption: str | None = None):
    """Render a DataFrame as an HTML table with every cell HTML-escaped.

    ``links`` maps a display column to the column holding its URL; that cell
    becomes a link (the URL is escaped too, and only ``http(s)`` URLs are
    linked). The URL columns themselves are not shown. Article text can hold
    anything, including ``<script>``: it always appears as text.

    Returns an ``IPython.display.HTML`` object.

    Example
    -------
    >>> out = html_table(pd.DataFrame({"title": ["<b>x</b>"], "url": ["https://a.example/?q=1&r=2"]}),
    ...                  links={"title": "url"})
    >>> "&lt;b&gt;x&lt;/b&gt;" in out.data and 'href="https://a.example/?q=1&amp;r=2"' in out.data
    True
    """
    from html import escape

    from IPython.display import HTML

    links = links or {}
    shown = [c for c in table.columns if c not in set(links.values())]
    head = "".join(f"<th>{escape(str(c))}</th>" for c in shown)
    rows = []
    for record in table.to_dict("records"):
        cells = []
        for col in shown:
            value = record[col]
            text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else format_value(value)
            cell = escape(text)
            url = str(record.get(links[col], "") or "") if col in links else ""
            if url.startswith(("http://", "https://")):
                cell = f'<a href="{escape(url, quote=True)}">{cell}</a>'
            cells.append(f"<td>{cell}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return HTML(f'<table class="table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def export_csv(table: pd.DataFrame, name: str, *, folder: str | Path = "downloads", float_format: str = "%.6g") -> Path:
    """Write a table as a deterministic CSV for download from a chapter; returns its path.

    The file is written next to the executing chapter (``folder`` relative to
    the working directory, which is the chapter's folder during a build), so a
    chapter links it with ``{download}`downloads/<name>.csv```. Writing the
    same table twice gives byte-identical files: no index, no timestamps,
    UTF-8, ``\\n`` line endings, fixed float formatting, rows in the order given.

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
    folder = Path(folder)
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

    path = Path(requirements) if requirements else Path(__file__).resolve().parent.parent / "requirements.txt"
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
    header comment of the stopword list) and the entries of
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
            rows.append((entry.name.removesuffix(".yaml"), f"analysis/data/{entry.name}", " ".join(str(data.get("source", "")).split()),
                         str(data.get("licence", "MIT (this project)")), str(data.get("citation", ""))))
        elif entry.name.endswith(".txt"):
            header = [line.lstrip("# ").strip() for line in entry.read_text(encoding="utf-8").splitlines()
                      if line.startswith("#")]
            rows.append((entry.name.removesuffix(".txt"), f"analysis/data/{entry.name}", " ".join(header), "", ""))
    external = yaml.safe_load((folder / "external_lexicons.yaml").read_text(encoding="utf-8"))
    for lex in external["lexicons"]:
        rows.append((lex["name"], f"{lex['file']} (package {lex['package']})", external["source"], lex["licence"],
                     lex.get("citation", "")))
    return pd.DataFrame(rows, columns=["name", "file", "source", "licence", "citation"])
