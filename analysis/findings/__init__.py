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
from analysis.findings.framing import describe_balance_check, describe_recall_tilt
from analysis.findings.sentiment import (
    NO_LABELS,
    NO_LABELS_HERE,
    NO_SECOND_READER,
    describe_capitalised,
    describe_crisis_difference,
    describe_crisis_tone,
    describe_quotes,
    describe_rank_strength,
    describe_readers,
    describe_tool_agreement,
    describe_validation,
)

__all__ = [
    "NO_LABELS",
    "NO_LABELS_HERE",
    "NO_SECOND_READER",
    "describe_articles",
    "describe_balance_check",
    "describe_capitalised",
    "describe_country",
    "describe_crisis_difference",
    "describe_crisis_tone",
    "describe_dominant",
    "describe_embeds",
    "describe_exclusive",
    "describe_first",
    "describe_groups",
    "describe_quotes",
    "describe_rank_strength",
    "describe_readers",
    "describe_recall_tilt",
    "describe_reversals",
    "describe_role",
    "describe_tool_agreement",
    "describe_validation",
    "describe_voices",
    "limits",
    "sample_size_note",
    "summary_paragraph",
    "tone_validation",
    "what_would_change",
]
