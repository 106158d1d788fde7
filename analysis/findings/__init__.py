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

__all__ = [
    "describe_articles",
    "describe_balance_check",
    "describe_country",
    "describe_dominant",
    "describe_embeds",
    "describe_exclusive",
    "describe_first",
    "describe_groups",
    "describe_recall_tilt",
    "describe_reversals",
    "describe_role",
    "describe_voices",
    "limits",
    "sample_size_note",
    "summary_paragraph",
    "tone_validation",
    "what_would_change",
]
