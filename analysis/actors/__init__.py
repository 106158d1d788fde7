"""Actors (a measure): who is mentioned in each article, resolved through a gazetteer of aliases."""

from __future__ import annotations

from analysis.actors.counts import (
    actor_summary,
    cooccurrence,
    country_role,
    dominant_actors,
    exclusive_actors,
    mention_counts,
    mention_sources,
    prominence,
    voice_breakdown,
)
from analysis.actors.gazetteer import (
    Gazetteer,
    GazetteerArg,
    corpus_gazetteer,
    load_gazetteer,
    merge_gazetteers,
    resolve_gazetteer,
)
from analysis.actors.matching import MENTION_COLUMNS, MENTION_DTYPES, SOURCES, find_mentions, prepare_gazetteer
from analysis.actors.unknown import UNKNOWN_COLUMNS, unknown_names

__all__ = [
    "MENTION_COLUMNS",
    "MENTION_DTYPES",
    "SOURCES",
    "UNKNOWN_COLUMNS",
    "Gazetteer",
    "GazetteerArg",
    "actor_summary",
    "cooccurrence",
    "corpus_gazetteer",
    "country_role",
    "dominant_actors",
    "exclusive_actors",
    "find_mentions",
    "load_gazetteer",
    "mention_counts",
    "mention_sources",
    "merge_gazetteers",
    "prepare_gazetteer",
    "prominence",
    "resolve_gazetteer",
    "unknown_names",
    "voice_breakdown",
]
