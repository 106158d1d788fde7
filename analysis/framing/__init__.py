"""Framing (a measure): distinctive terms, collocations, keyword-in-context and frame dictionaries."""

from __future__ import annotations

from analysis.framing.collocations import collocations, find_pattern, kwic, pattern_regex
from analysis.framing.frames import (
    FRAME_FAMILIES,
    FRAME_INDICES,
    FramesArg,
    escalation_balance,
    frame_hits,
    frame_scores,
    load_frames,
    period_balance,
    pooled_balance,
    resolve_frames,
    shared_frame_terms,
    word_counts,
)
from analysis.framing.keyness import DEFAULT_ALPHA0, keyness, keyness_stability

__all__ = [
    "DEFAULT_ALPHA0",
    "FRAME_FAMILIES",
    "FRAME_INDICES",
    "FramesArg",
    "collocations",
    "escalation_balance",
    "find_pattern",
    "frame_hits",
    "frame_scores",
    "keyness",
    "keyness_stability",
    "kwic",
    "load_frames",
    "pattern_regex",
    "period_balance",
    "pooled_balance",
    "resolve_frames",
    "shared_frame_terms",
    "word_counts",
]
