"""Findings: every verdict and sentence the book states, rendered from the measures' tables."""

from __future__ import annotations

from analysis.findings.actors import (
    describe_dominant,
    describe_embeds,
    describe_exclusive,
    describe_first,
    describe_role,
    describe_voices,
)
from analysis.findings.compare import (
    describe_articles,
    describe_country,
    describe_groups,
    describe_reversals,
    limits,
    summary_paragraph,
    tone_validation,
    what_would_change,
)
from analysis.findings.corpus import sample_size_note
from analysis.findings.frame_validation import (
    describe_hit_validation,
    describe_missing_coding,
    describe_sentence_validation,
)
from analysis.findings.framing import (
    article_names,
    balance_text,
    describe_balance_check,
    describe_crisis_terms,
    describe_densest_frames,
    describe_genre_counts,
    describe_genre_mix,
    describe_genre_scope,
    describe_genres,
    describe_keyness_checks,
    describe_outlet_terms,
    describe_periods,
    describe_recall_tilt,
    describe_shared_terms,
    describe_top_terms,
    one_group_note,
)

__all__ = [
    "article_names",
    "balance_text",
    "describe_articles",
    "describe_balance_check",
    "describe_country",
    "describe_crisis_terms",
    "describe_densest_frames",
    "describe_dominant",
    "describe_embeds",
    "describe_exclusive",
    "describe_first",
    "describe_genre_counts",
    "describe_genre_mix",
    "describe_genre_scope",
    "describe_genres",
    "describe_groups",
    "describe_hit_validation",
    "describe_keyness_checks",
    "describe_missing_coding",
    "describe_outlet_terms",
    "describe_periods",
    "describe_recall_tilt",
    "describe_reversals",
    "describe_role",
    "describe_sentence_validation",
    "describe_shared_terms",
    "describe_top_terms",
    "describe_voices",
    "limits",
    "one_group_note",
    "sample_size_note",
    "summary_paragraph",
    "tone_validation",
    "what_would_change",
]
