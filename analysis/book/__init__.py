"""Book: glue, HTML tables and downloads for the chapters."""

from __future__ import annotations

from analysis.book.actors import first_actors_table, quoted_table
from analysis.book.chapter import prepare
from analysis.book.corpus import outlet_table
from analysis.book.exports import data_sources, export_csv, package_versions
from analysis.book.glue import glue_figure, glue_table, glue_text
from analysis.book.tables import country_display, html_table, profile_display, summary_display, verdicts_download

__all__ = [
    "country_display",
    "data_sources",
    "export_csv",
    "first_actors_table",
    "glue_figure",
    "glue_table",
    "glue_text",
    "html_table",
    "outlet_table",
    "package_versions",
    "prepare",
    "profile_display",
    "quoted_table",
    "summary_display",
    "verdicts_download",
]
