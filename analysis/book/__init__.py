"""Book: glue, HTML tables and downloads for the chapters."""

from __future__ import annotations

from analysis.book.actors import first_actors_table, quoted_table, validation_display
from analysis.book.chapter import prepare
from analysis.book.corpus import outlet_table
from analysis.book.exports import data_sources, export_csv, package_versions
from analysis.book.glue import glue_figure, glue_table, glue_text
from analysis.book.sentiment import (
    READER_COLUMNS,
    TONE_COLUMNS,
    actor_tone_display,
    article_colors,
    article_labels,
    contributors_display,
    coverage_display,
    format_day,
    in_article_order,
    quote_display,
    reader_agreement_display,
    tone_display,
    tool_agreement_display,
    validation_figure,
)
from analysis.book.tables import (
    country_display,
    html_table,
    html_table_if_rows,
    profile_display,
    summary_display,
    verdicts_download,
)

__all__ = [
    "READER_COLUMNS",
    "TONE_COLUMNS",
    "actor_tone_display",
    "article_colors",
    "article_labels",
    "contributors_display",
    "country_display",
    "coverage_display",
    "data_sources",
    "export_csv",
    "first_actors_table",
    "format_day",
    "glue_figure",
    "glue_table",
    "glue_text",
    "html_table",
    "html_table_if_rows",
    "in_article_order",
    "outlet_table",
    "package_versions",
    "prepare",
    "profile_display",
    "quote_display",
    "quoted_table",
    "reader_agreement_display",
    "summary_display",
    "tone_display",
    "tool_agreement_display",
    "validation_display",
    "validation_figure",
    "verdicts_download",
]
