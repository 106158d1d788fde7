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
    describe_genre_comparison,
    describe_groups,
    describe_reversals,
    limits,
    summary_paragraph,
    tone_validation,
    what_would_change,
)
from analysis.findings.corpus import describe_overview, sample_size_note
from analysis.findings.framing import describe_balance_check, describe_recall_tilt
from analysis.findings.verdicts import (
    HAND_WORDS,
    MEASURE_WORDS,
    SIGN_WORDS,
    Finding,
    contrast_finding,
    contrast_findings,
    country_findings,
    describe_contrasts,
    describe_country_role,
    findings_table,
)

__all__ = [
    "HAND_WORDS",
    "MEASURE_WORDS",
    "SIGN_WORDS",
    "Finding",
    "contrast_finding",
    "contrast_findings",
    "country_findings",
    "describe_articles",
    "describe_balance_check",
    "describe_contrasts",
    "describe_country",
    "describe_country_role",
    "describe_dominant",
    "describe_embeds",
    "describe_exclusive",
    "describe_first",
    "describe_genre_comparison",
    "describe_groups",
    "describe_overview",
    "describe_recall_tilt",
    "describe_reversals",
    "describe_role",
    "describe_voices",
    "findings_table",
    "limits",
    "sample_size_note",
    "summary_paragraph",
    "tone_validation",
    "what_would_change",
]
