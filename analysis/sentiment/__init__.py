"""Sentiment (a measure): sentence, document and actor-targeted tone with TextBlob and VADER."""

from __future__ import annotations

from analysis.sentiment.documents import (
    capitalised_hits,
    contributor_summary,
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
    vader_analyzer,
    with_metadata,
)
from analysis.sentiment.targets import actor_tone

__all__ = [
    "LABELS",
    "SCORE_COLUMNS",
    "actor_tone",
    "capitalised_hits",
    "classify",
    "contributor_summary",
    "lexicon_coverage",
    "quote_sensitivity",
    "score_documents",
    "score_sentences",
    "score_table",
    "sentiment_arcs",
    "tool_agreement",
    "top_contributors",
    "vader_analyzer",
    "with_metadata",
]
