"""Names shared by the measures, the figures and the prose: actor types and tone measures.

They live here, in the base layer, so that a figure can order and label what a
measure produced without importing the measure.
"""

from __future__ import annotations

#: The actor types a gazetteer may use, in the order figures show them.
ACTOR_TYPES = (
    "state",
    "government body",
    "official",
    "military or armed group",
    "international body",
    "ethnic or regional group",
    "place",
)

#: The sentence-level tone measures, with their human labels.
TONE_MEASURES = {"vader_compound": "VADER compound", "tb_polarity": "TextBlob polarity"}
