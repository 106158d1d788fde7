"""Tests for the summaries of analysis.sentiment.targets (actor_tone itself is tested in test_sentiment.py)."""

from __future__ import annotations

import math

import pandas as pd

from analysis.sentiment import actor_overview, actor_tone_wide


def test_actor_overview_by_hand():
    mentions = pd.DataFrame(
        {
            "id": ["a", "a", "a", "a", "b", "b"],
            "sentence": [0, 0, 0, 1, 0, 0],
            "actor": ["iran", "iran", "china", "iran", "iran", "pakistan"],
        }
    )
    tone = pd.DataFrame({"actor": ["china", "iran", "iran", "pakistan"], "too_few": [True, False, True, True]})
    # pairs: (a,0,iran) (a,0,china) (a,1,iran) (b,0,iran) (b,0,pakistan) -> 5, in sentences a0, a1, b0;
    # a0 and b0 name two actors each
    assert actor_overview(mentions, tone) == {
        "n_actors": 3,
        "n_sentences": 3,
        "n_pairs": 5,
        "n_multi": 2,
        "n_cells": 4,
        "n_enough": 1,
    }


def test_actor_overview_keeps_a_post_sentence_apart_from_the_body_sentence():
    mentions = pd.DataFrame(
        {"id": ["a", "a"], "source": ["body", "embed"], "sentence": [0, 0], "actor": ["iran", "china"]}
    )
    o = actor_overview(mentions, pd.DataFrame({"too_few": pd.Series([], dtype=bool)}))
    assert (o["n_sentences"], o["n_multi"], o["n_cells"], o["n_enough"]) == (2, 0, 0, 0)


def _tone():
    return pd.DataFrame(
        {
            "actor": ["china", "china", "iran", "iran", "pakistan", "usa"],
            "outlet": ["P", "Q", "P", "Q", "Q", "P"],
            "n_sentences": [1, 1, 5, 2, 4, 3],
            "cell": ["c-P", "c-Q", "i-P", "i-Q", "p-Q", "u-P"],
        }
    )


def test_actor_tone_wide_ranks_by_total_sentences_and_keeps_the_top():
    wide = actor_tone_wide(_tone(), column="outlet", top=3)
    # totals: iran 7, pakistan 4, usa 3, china 2 -> top three
    assert wide["actor"].tolist() == ["iran", "pakistan", "usa"]
    assert wide["sentences"].tolist() == [7, 4, 3]
    assert wide.columns.tolist() == ["actor", "sentences", "P", "Q"]
    assert wide["Q"].tolist()[:2] == ["i-Q", "p-Q"]
    assert math.isnan(wide.loc[1, "P"])  # pakistan is not named in P


def test_actor_tone_wide_with_one_outlet():
    one = _tone()[_tone()["outlet"] == "P"]
    wide = actor_tone_wide(one, column="outlet")
    assert wide.columns.tolist() == ["actor", "sentences", "P"]
    assert wide["actor"].tolist() == ["iran", "usa", "china"]


def test_actor_tone_wide_of_nothing_is_empty():
    wide = actor_tone_wide(_tone().iloc[:0], column="outlet")
    assert wide.empty and wide.columns.tolist() == ["actor", "sentences"]
