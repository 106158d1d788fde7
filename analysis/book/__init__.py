"""Book: glue, HTML tables and downloads for the chapters."""

from __future__ import annotations

from analysis.book.exports import data_sources, export_csv, package_versions
from analysis.book.framing import (
    balance_check_display,
    collocations_display,
    crisis_label_colors,
    frames_display,
    g2_display,
    hits_display,
    keyness_chart,
    kwic_display,
    precision_display,
    recall_display,
    shared_terms_display,
    stability_display,
)
from analysis.book.glue import glue_figure, glue_table, glue_text
from analysis.book.tables import country_display, html_table, profile_display, summary_display

__all__ = [
    "balance_check_display",
    "collocations_display",
    "country_display",
    "crisis_label_colors",
    "data_sources",
    "export_csv",
    "frames_display",
    "g2_display",
    "glue_figure",
    "glue_table",
    "glue_text",
    "hits_display",
    "html_table",
    "keyness_chart",
    "kwic_display",
    "package_versions",
    "precision_display",
    "profile_display",
    "recall_display",
    "shared_terms_display",
    "stability_display",
    "summary_display",
]
