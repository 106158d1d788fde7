"""analysis.figures.theme.set_theme: the figure format and resolution of the book's figures.

The display tests run in a child Python with an IPython shell and the inline backend, as a chapter's
kernel has (the shell is a process-wide singleton, which the rest of the suite must not inherit).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import matplotlib.pyplot as plt

from analysis.figures.theme import RASTER_DPI, set_theme

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
