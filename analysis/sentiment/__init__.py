"""Sentiment (a measure): sentence, document and actor-targeted tone with TextBlob and VADER."""

from __future__ import annotations

from analysis.sentiment.documents import (
    bootstrap_means,
    capitalised_hits,
    contributor_summary,
    drop_quoted,
    lexicon_coverage,
    quote_sensitivity,
    score_documents,
    sentiment_arcs,
    tool_agreement,
    top_contributors,
)
from analysis.sentiment.scoring import (
    LABELS,
    SCORE_COLUMNS,
    classify,
    score_sentences,
    score_table,
    textblob_lexicon,
    vader_analyzer,
    with_metadata,
)
from analysis.sentiment.summaries import (
    arc_halves,
    arc_overview,
    capitalised_terms,
    coverage_totals,
    intervals_off_zero,
    quote_overview,
    sentence_overview,
)
from analysis.sentiment.targets import actor_overview, actor_tone, actor_tone_wide

__all__ = [
    "LABELS",
    "SCORE_COLUMNS",
    "actor_overview",
    "actor_tone",
    "actor_tone_wide",
    "arc_halves",
    "arc_overview",
    "bootstrap_means",
    "capitalised_hits",
    "capitalised_terms",
    "classify",
    "contributor_summary",
    "coverage_totals",
    "drop_quoted",
    "intervals_off_zero",
    "lexicon_coverage",
    "quote_overview",
    "quote_sensitivity",
    "score_documents",
    "score_sentences",
    "score_table",
    "sentence_overview",
    "sentiment_arcs",
    "textblob_lexicon",
    "tool_agreement",
    "top_contributors",
    "vader_analyzer",
    "with_metadata",
]
