"""Figures: the shared theme and colours, and every figure the book draws. Each takes DataFrames and returns a Figure."""

from __future__ import annotations

from analysis.figures.actors import actor_heatmap_figure, dispersion_figure, network_figure
from analysis.figures.compare import dashboard_figure
from analysis.figures.corpus import (
    PIPELINE,
    cleaning_figure,
    length_figure,
    note_figure,
    pipeline_figure,
    timeline_figure,
)
from analysis.figures.framing import balance_figure, frame_profile_figure, keyness_figure
from analysis.figures.sentiment import arcs_figure, confusion_figure, document_tone_figure
from analysis.figures.theme import (
    EXTRA,
    MAX_WIDTH,
    MIN_FONT,
    OKABE_ITO,
    RASTER_DPI,
    crisis_colors,
    figure_width,
    outlet_colors,
    set_palette,
    set_theme,
)

__all__ = [
    "EXTRA",
    "MAX_WIDTH",
    "MIN_FONT",
    "OKABE_ITO",
    "PIPELINE",
    "RASTER_DPI",
    "actor_heatmap_figure",
    "arcs_figure",
    "balance_figure",
    "cleaning_figure",
    "confusion_figure",
    "crisis_colors",
    "dashboard_figure",
    "dispersion_figure",
    "document_tone_figure",
    "figure_width",
    "frame_profile_figure",
    "keyness_figure",
    "length_figure",
    "network_figure",
    "note_figure",
    "outlet_colors",
    "pipeline_figure",
    "set_palette",
    "set_theme",
    "timeline_figure",
]
