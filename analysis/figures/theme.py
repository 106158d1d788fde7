"""The book's one figure theme and its colours: Okabe–Ito, distinct per outlet and per crisis."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import matplotlib.pyplot as plt
import seaborn as sns
import yaml

from analysis.errors import DataFileError, Problem

#: The Okabe–Ito palette without black (reserved for text and reference lines).
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]


#: Dots per inch of anything drawn as pixels (PNG files, raster parts of an SVG), twice a 100-dpi screen.
RASTER_DPI = 200


def set_theme() -> None:
    """Apply the book's one seaborn theme and figure format (call once at the top of each chapter).

    In a notebook kernel the figures are displayed as SVG: drawings the browser renders sharp at
    any size, zoom and pixel density (PNGs at 100 dpi were scaled down on the page and their text
    blurred). An SVG's size is the figure's own, in points, so the page shows it at 96 CSS pixels per
    inch of ``figsize``: 7-point text is 9.3 px tall when the figure is not scaled down. The SVG
    carries no date, so a rebuild writes the same bytes. Raster output (``savefig`` to PNG, or an
    artist rasterized inside an SVG) uses :data:`RASTER_DPI`. ``figure.dpi`` stays at 100: it no
    longer sets what the page shows, only the pixel size a figure's text form names. Outside a
    kernel nothing displays figures and only the matplotlib settings apply.

    Example
    -------
    >>> set_theme()
    >>> plt.rcParams["savefig.dpi"], plt.rcParams["figure.dpi"]
    (200.0, 100.0)
    """
    sns.set_theme(context="notebook", style="whitegrid", font_scale=0.95)
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": RASTER_DPI,
            "savefig.bbox": "tight",
            "axes.titleweight": "bold",
            "axes.titlesize": 11,
            "figure.figsize": (7.5, 4.0),
            "svg.hashsalt": "crisis-coverage",  # deterministic SVG output
        }
    )
    _display_figures_as_svg()


def _display_figures_as_svg() -> None:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:  # not in a kernel or shell: nothing displays figures
        return
    from IPython.core.pylabtools import select_figure_formats
    from matplotlib_inline.config import InlineBackend

    # The inline backend resets the formats to its configuration when a chapter draws its first
    # figure, so the configuration itself changes, and the formatters are set for figures already open.
    backend = InlineBackend.instance()
    backend.print_figure_kwargs = {**backend.print_figure_kwargs, "metadata": {"Date": None}, "dpi": RASTER_DPI}
    backend.figure_formats = {"svg"}
    select_figure_formats(shell, {"svg"}, **backend.print_figure_kwargs)


@lru_cache(maxsize=1)
def _fixed() -> dict:
    name = "analysis/data/colors.yaml"
    data = yaml.safe_load((resources.files("analysis") / "data" / "colors.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data.get("source"):
        raise DataFileError(Problem(name, None, "source", "the file must name its source"))
    out = {}
    for section in ("outlets", "crises"):
        mapping = data.get(section) or {}
        for i, (key, colour) in enumerate(mapping.items(), start=1):
            if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
                raise DataFileError(Problem(name, i, section, f"{key!r}: colour must be '#RRGGBB'"))
        out[section] = dict(mapping)
    return out


def _assign(names: Iterable[str], fixed: dict[str, str]) -> dict[str, str]:
    names = list(dict.fromkeys(names))
    result = {n: fixed[n] for n in names if n in fixed}
    used = set(result.values())
    for name in sorted(n for n in names if n not in result):
        start = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % len(OKABE_ITO)
        for step in range(len(OKABE_ITO)):
            colour = OKABE_ITO[(start + step) % len(OKABE_ITO)]
            if colour not in used:
                break
        result[name] = colour
        used.add(colour)
    return {n: result[n] for n in names}


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """A fixed colour per outlet name.

    Example
    -------
    >>> outlet_colors(["Newsweek", "Some New Outlet"])["Newsweek"]
    '#0072B2'
    """
    return _assign(outlets, _fixed()["outlets"])


def crisis_colors(crises: Iterable[str]) -> dict[str, str]:
    """A fixed colour per crisis key.

    Example
    -------
    >>> crisis_colors(["iran-israel-2024-04"])
    {'iran-israel-2024-04': '#CC79A7'}
    """
    return _assign(crises, _fixed()["crises"])
