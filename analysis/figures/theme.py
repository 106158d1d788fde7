"""The book's one figure theme and its colours: Okabe–Ito, distinct per outlet and per crisis."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import matplotlib.pyplot as plt
import seaborn as sns

#: The Okabe–Ito palette without black (reserved for text and reference lines).
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]


#: Dots per inch of anything drawn as pixels (PNG files, raster parts of an SVG), twice a 100-dpi screen.
RASTER_DPI = 200

#: The widest a figure is drawn in inches, 740 px at 96 px per inch, the widest a figure is shown in a
#: 1280 px window (``_static/book.css``), so that it is never scaled down there.
MAX_WIDTH = 7.7
#: The smallest text of any figure in points (7 pt is 9.3 px at 96 px per inch).
MIN_FONT = 7


def figure_width(width: float) -> float:
    """A figure width in inches, capped at :data:`MAX_WIDTH` so that its text keeps its size on the page.

    Example
    -------
    >>> figure_width(5.0), figure_width(11.0)
    (5.0, 7.7)
    """
    return min(float(width), MAX_WIDTH)


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
            "text.parse_math": False,  # names and titles are text: "$x$ News" must not be read as mathtext
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


#: After Okabe–Ito, further distinct colours for corpora with many outlets (Tableau 20's, Okabe–Ito-like ones left
#: out); beyond these, evenly spaced hues are generated.
EXTRA = [
    "#1F77B4", "#AEC7E8", "#FF7F0E", "#FFBB78", "#2CA02C", "#98DF8A", "#D62728", "#FF9896",
    "#9467BD", "#C5B0D5", "#8C564B", "#C49C94", "#E377C2", "#F7B6D2", "#7F7F7F", "#BCBD22", "#17BECF",
]  # fmt: skip

#: The book's palette for this kernel: crisis and outlet colours registered by :func:`set_palette`.
_PALETTE: dict[str, dict[str, str]] = {"crises": {}, "outlets": {}}


def _hues(n: int) -> list[str]:
    """``n`` further colours at evenly spaced hues (medium lightness and saturation)."""
    import colorsys

    out = []
    for k in range(n):
        r, g, b = colorsys.hls_to_rgb((k * 0.618034) % 1.0, 0.45, 0.65)
        out.append(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")
    return out


def _assign(names: Iterable[str], fixed: dict[str, str], taken: Iterable[str] = ()) -> dict[str, str]:
    """A colour per name: the fixed one if given, else a free one, never one already taken.

    Each unfixed name starts its search at a place in the palette set by a hash of the name, so that a
    name keeps its colour when other names come and go, as far as the palette allows.
    """
    names = list(dict.fromkeys(names))
    used = {c.upper() for c in taken}
    result = {}
    for n in names:
        if n in fixed and fixed[n].upper() not in used:
            result[n] = fixed[n].upper()
            used.add(result[n])
    palette = OKABE_ITO + EXTRA
    free = len(names) - len(result)
    if free > len([c for c in palette if c not in used]):
        palette = palette + _hues(free + len(used))
    for name in sorted(n for n in names if n not in result):
        start = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % len(OKABE_ITO)
        order = palette[start : len(OKABE_ITO)] + palette[:start] + palette[len(OKABE_ITO) :]
        colour = next(c for c in order if c not in used)
        result[name] = colour
        used.add(colour)
    return {n: result[n] for n in names}


def set_palette(*, crises: Iterable[str], outlets: Iterable[str], fixed_crises=None, fixed_outlets=None) -> None:
    """Register the corpus's crises and outlets, so that every figure of the book colours them alike.

    Crises are coloured first; no outlet ever takes a crisis's colour, and no two outlets share one,
    whatever their number. ``fixed_*`` map names to ``#RRGGBB`` (from the corpus's ``book.yaml``,
    :class:`analysis.settings.BookSettings`); the others are assigned.

    Example
    -------
    >>> set_palette(crises=["k1", "k2"], outlets=[f"Outlet {i}" for i in range(12)])
    >>> colours = list(crisis_colors(["k1", "k2"]).values()) + list(outlet_colors([f"Outlet {i}" for i in range(12)]).values())
    >>> len(colours), len(set(colours))
    (14, 14)
    >>> set_palette(crises=[], outlets=[])
    """
    _PALETTE["crises"] = _assign(crises, dict(fixed_crises or {}))
    _PALETTE["outlets"] = _assign(outlets, dict(fixed_outlets or {}), taken=_PALETTE["crises"].values())


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """A colour per outlet name: the registered one (:func:`set_palette`), else a free one.

    Example
    -------
    >>> outlet_colors(["Newsweek", "Some New Outlet"])["Newsweek"].startswith("#")
    True
    """
    outlets = list(outlets)
    known = {o: _PALETTE["outlets"][o] for o in outlets if o in _PALETTE["outlets"]}
    rest = _assign(
        [o for o in outlets if o not in known], {}, taken=[*_PALETTE["crises"].values(), *_PALETTE["outlets"].values()]
    )
    return {o: known.get(o, rest.get(o)) for o in outlets}


def crisis_colors(crises: Iterable[str]) -> dict[str, str]:
    """A colour per crisis key: the registered one (:func:`set_palette`), else a free one.

    Example
    -------
    >>> set_palette(crises=["iran-israel-2024-04"], outlets=[], fixed_crises={"iran-israel-2024-04": "#CC79A7"})
    >>> crisis_colors(["iran-israel-2024-04"])
    {'iran-israel-2024-04': '#CC79A7'}
    >>> set_palette(crises=[], outlets=[])
    """
    crises = list(crises)
    known = {c: _PALETTE["crises"][c] for c in crises if c in _PALETTE["crises"]}
    rest = _assign(
        [c for c in crises if c not in known], {}, taken=[*_PALETTE["crises"].values(), *_PALETTE["outlets"].values()]
    )
    return {c: known.get(c, rest.get(c)) for c in crises}
