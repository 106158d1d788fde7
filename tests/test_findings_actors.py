"""Tests for the actor sentences of analysis.findings.actors that the actors chapter glues."""

from __future__ import annotations

import pandas as pd

from analysis.findings import describe_most_quoted, describe_top_pair


def test_top_pair_names_the_first_pair_with_counted_nouns():
    pairs = pd.DataFrame({"actor_a": ["a", "c"], "actor_b": ["b", "d"], "weight": [3, 1], "articles": [1, 1]})
    assert (
        describe_top_pair(pairs, labels={"a": "Alpha", "b": "Beta"}) == "Alpha and Beta share 3 sentences in 1 article"
    )


def test_most_quoted_prefers_the_larger_share_then_more_mentions():
    s = pd.DataFrame(
        {
            "label": ["A", "B", "C", "D"],
            "mentions": [10, 20, 4, 20],
            "quoted_mentions": [5, 10, 4, 2],
            "quoted_share": [0.5, 0.5, 1.0, 0.1],
        }
    )
    # C has the largest share but only 4 mentions; A and B tie at 50%, and B has more mentions
    assert describe_most_quoted(s, min_mentions=5) == "B: 10 of its 20 mentions (50%) are inside quotations"
    assert describe_most_quoted(s, min_mentions=4).startswith("C: 4 of its 4 mentions (100%)")
    assert describe_most_quoted(s, min_mentions=21) == "none (no actor reaches that number)"
