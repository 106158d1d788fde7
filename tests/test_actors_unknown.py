"""Tests for analysis.actors.unknown: names the gazetteer does not know (worked out by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.actors import UNKNOWN_COLUMNS, find_mentions, unknown_names
from analysis.errors import AnalysisInputError


def run(texts, **kw):
    corpus = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "text": texts})
    return unknown_names(corpus, find_mentions(corpus), **kw)


def test_names_and_acronyms_used_twice_with_one_concordance_line():
    out = run(
        [
            "The Royal Sea Guard and the RSG flew. Iran protested.",
            "In the Royal Sea Guard, the RSG said. Once only: Blue Peter.",
        ]
    )
    assert list(out.columns) == UNKNOWN_COLUMNS
    # invented names (the Royal Air Force is in the world gazetteer's national bodies)
    # Royal Sea Guard: a0 at 4 and a1 at 7; RSG: a0 at 28 and a1 at 30. Ties sort by name.
    assert out[["name", "kind", "count", "articles", "id"]].values.tolist() == [
        ["RSG", "acronym", 2, 2, "a0"],
        ["Royal Sea Guard", "name", 2, 2, "a0"],
    ]
    row = out.set_index("name").loc["RSG"]
    assert (row["left"], row["match"], row["right"]) == (
        "The Royal Sea Guard and the ",
        "RSG",
        " flew. Iran protested.",
    )


def test_parts_of_a_name_that_are_actors_are_cut_out():
    # "British" is a demonym mention, so "British Prime Minister Jane Roe" leaves "Prime Minister Jane Roe"
    # (an invented name: Rishi Sunak is in the world gazetteer's officials, so he would be cut out too);
    # "Pakistan's Foreign Office" is all actor; "ISLAMABAD" is Pakistan
    out = run(["British Prime Minister Jane Roe spoke. Pakistan's Foreign Office. ISLAMABAD."] * 2)
    assert out["name"].tolist() == ["Prime Minister Jane Roe"]


def test_leading_stopwords_possessives_and_single_words_are_left_out():
    out = run(["The Blue Peter's team. Peter went. In Blue Peter news."] * 2)
    # "The Blue Peter's" -> "Blue Peter" (twice per text, four in all); "Peter" alone is one word
    assert out[["name", "count", "articles"]].values.tolist() == [["Blue Peter", 4, 2]]


def test_min_count_and_bad_options():
    assert run(["Blue Peter."]).empty
    assert run(["Blue Peter."], min_count=1)["name"].tolist() == ["Blue Peter"]
    with pytest.raises(AnalysisInputError, match="min_count"):
        run(["x"], min_count=0)
    with pytest.raises(AnalysisInputError, match="mentions"):
        unknown_names(pd.DataFrame({"id": ["a"], "text": ["x"]}), pd.DataFrame({"id": []}))


def test_embedded_post_mentions_are_not_taken_for_body_spans():
    corpus = pd.DataFrame({"id": ["a"], "text": ["Blue Peter and Blue Peter."]})
    mentions = pd.DataFrame({"id": ["a"], "source": ["embed"], "start": [0], "end": [10]})
    assert unknown_names(corpus, mentions)["count"].tolist() == [2]
