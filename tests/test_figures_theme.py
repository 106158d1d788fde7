"""Tests for analysis.figures.theme: the theme's output (raster at 2x, SVG in a kernel, byte-stable), and one
palette per book, distinct for any number of outlets, never a crisis's colour, fixed colours from the corpus folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import matplotlib.pyplot as plt
import pytest

from analysis.figures import OKABE_ITO, crisis_colors, outlet_colors
from analysis.figures.theme import RASTER_DPI, set_palette, set_theme

from .books import REPO


def test_raster_output_is_twice_a_100_dpi_screen():
    set_theme()
    assert RASTER_DPI == 200
    assert plt.rcParams["savefig.dpi"] == 200
    # figure.dpi only names a figure's pixel size in its text form, which the seed-book snapshot records
    assert plt.rcParams["figure.dpi"] == 100


_IN_A_SHELL = """
import base64, io, json, re, struct
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
from analysis.figures.theme import set_theme
set_theme()
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(7.5, 4))   # the first figure: the inline backend starts here
ax.set_title("t", fontsize=7)
ax.plot([0, 1], [0, 1], rasterized=True)   # drawn as pixels inside the SVG
first = shell.display_formatter.format(fig)[0]
second = shell.display_formatter.format(fig)[0]
svg = first.get("image/svg+xml", "")

def raster_width(svg):
    png = base64.b64decode(re.search(r"data:image/png;base64,([A-Za-z0-9+/=\\s]+)", svg).group(1))
    return struct.unpack(">I", png[16:20])[0]

at_100 = io.StringIO()
fig.savefig(at_100, format="svg", dpi=100)
print(json.dumps({"formats": sorted(first), "same": first == second, "svg": svg[:400],
                  "raster": raster_width(svg), "raster_at_100": raster_width(at_100.getvalue())}))
"""


def _child(code: str) -> dict:
    env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_in_a_kernel_figures_are_displayed_as_svg_even_after_the_backend_starts():
    shown = _child(_IN_A_SHELL)
    assert shown["formats"] == ["image/svg+xml", "text/plain"]
    # 7.5 inches = 540 pt: the page shows the figure at 540 * 4/3 = 720 CSS px (before tight cropping)
    assert 'width="' in shown["svg"] and "pt" in shown["svg"]


def test_what_an_svg_draws_as_pixels_has_twice_the_resolution_of_a_100_dpi_screen():
    shown = _child(_IN_A_SHELL)
    assert abs(shown["raster"] - 2 * shown["raster_at_100"]) <= 2


def test_the_svg_is_the_same_bytes_each_time():
    """No date in the file (and a fixed hash salt for its ids): a rebuild writes the same image."""
    shown = _child(_IN_A_SHELL)
    assert shown["same"] is True
    assert "<dc:date>" not in shown["svg"]


def test_outside_a_kernel_set_theme_starts_no_shell():
    code = (
        "import json\nfrom analysis.figures.theme import set_theme\nset_theme()\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "print(json.dumps({'shell': InteractiveShell.initialized()}))"
    )
    assert _child(code) == {"shell": False}


SEED_OUTLETS = ["Pakistan Standard", "Mixed Times", "Newsweek", "The Diplomat", "Rangeinn"]


@pytest.fixture(autouse=True)
def _fresh_palette():
    set_palette(crises=[], outlets=[])
    yield
    set_palette(crises=[], outlets=[])


@pytest.mark.parametrize("n_outlets", [1, 5, 12, 40])
def test_any_number_of_outlets_gets_distinct_colours_none_a_crisis_colour(n_outlets):
    outlets = [f"Outlet {i}" for i in range(n_outlets)]
    crises = ["k1", "k2", "k3"]
    set_palette(crises=crises, outlets=outlets)
    out, cri = outlet_colors(outlets), crisis_colors(crises)
    assert len(set(out.values())) == n_outlets
    assert len(set(cri.values())) == 3
    assert not set(out.values()) & set(cri.values())
    assert all(len(c) == 7 and c.startswith("#") for c in [*out.values(), *cri.values()])


def test_fixed_colours_come_from_the_caller_and_a_clash_with_a_crisis_is_refused():
    set_palette(
        crises=["k1"],
        outlets=["Newsweek", "Dawn"],
        fixed_crises={"k1": "#0072B2"},
        fixed_outlets={"Newsweek": "#0072B2", "Dawn": "#D55E00"},
    )
    assert crisis_colors(["k1"]) == {"k1": "#0072B2"}
    assert outlet_colors(["Dawn"]) == {"Dawn": "#D55E00"}
    assert outlet_colors(["Newsweek"])["Newsweek"] != "#0072B2"  # the crisis has it


def test_a_names_colour_does_not_depend_on_the_call_or_the_order():
    set_palette(crises=[], outlets=SEED_OUTLETS)
    assert outlet_colors(["Newsweek", "Dawn"])["Newsweek"] == outlet_colors(["Newsweek"])["Newsweek"]
    assert outlet_colors(["Dawn", "Newsweek"]) == {
        k: outlet_colors(["Newsweek", "Dawn"])[k] for k in ["Dawn", "Newsweek"]
    }
    first = outlet_colors(SEED_OUTLETS)
    set_palette(crises=[], outlets=list(reversed(SEED_OUTLETS)))
    assert outlet_colors(SEED_OUTLETS) == first


def test_unregistered_names_avoid_the_registered_colours():
    set_palette(crises=["k1"], outlets=SEED_OUTLETS[:3])
    taken = {*crisis_colors(["k1"]).values(), *outlet_colors(SEED_OUTLETS[:3]).values()}
    assert outlet_colors(["A new outlet"])["A new outlet"] not in taken


def test_the_first_colours_are_okabe_ito():
    outlets = [f"O{i}" for i in range(len(OKABE_ITO))]
    set_palette(crises=[], outlets=outlets)
    assert set(outlet_colors(outlets).values()) == set(OKABE_ITO)
