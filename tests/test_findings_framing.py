"""Tests for analysis.findings.framing: the sentences of the framing chapter, on every branch.

Each expected sentence is written out by hand from the small tables below,
including the corpora with one crisis, one outlet or one genre.
"""

from __future__ import annotations

import pandas as pd

from analysis.findings import (
    article_names,
    balance_text,
    describe_crisis_terms,
    describe_dominant_frames,
    describe_genre_counts,
    describe_genre_mix,
    describe_genre_scope,
    describe_genres,
    describe_keyness_checks,
    describe_outlet_terms,
    describe_shared_terms,
    describe_top_terms,
    one_group_note,
)
from analysis.framing import KeynessChecks

TERMS = pd.DataFrame(
    {
        "group": ["A"] * 4 + ["B"] * 2,
        "term": ["war", "strike", "calm", "talks", "talks", "war"],
        "count": [5, 3, 1, 0, 4, 1],
        "z": [2.5, 2.0, 0.3, -1.0, 2.1, -2.5],
    }
)


def test_top_terms_lists_over_used_terms_with_counts():
    assert describe_top_terms(TERMS, k=2) == "A: war (5), strike (3); B: talks (4)"
    assert describe_top_terms(TERMS.assign(z=-1.0)) == "A: none; B: none"
    assert describe_top_terms(TERMS.iloc[0:0], min_count=2) == "none (no term occurs 2 times or more)"


def test_crisis_and_outlet_terms_with_one_group_or_more():
    # 4 distinct terms; pairs with z > 1.96: A war, A strike, B talks
    assert describe_crisis_terms(TERMS, n_crises=2) == (
        "The most over-used terms of each crisis, with their counts, are: A: war (5), strike (3), calm (1); "
        "B: talks (4). Of 4 terms scored, 3 (term, crisis) pairs reach z > 1.96, before any correction for the "
        "number of terms tested (see the cross-checks below)."
    )
    assert describe_crisis_terms(TERMS.iloc[0:0], n_crises=1) == (
        "The corpus has one crisis, so there is no other crisis to compare it with; "
        "the outlet comparison below still applies."
    )
    assert describe_outlet_terms(TERMS, n_outlets=2) == "A: war (5), strike (3), calm (1); B: talks (4)"
    assert describe_outlet_terms(TERMS.iloc[0:0], n_outlets=1) == "no comparison (one outlet)"
    assert one_group_note("outlet") == "The corpus has one outlet: there is nothing to compare."


def checks(*, shares, shared_top, top=10, spearman=(0.99, 0.97), p=(0.01, 0.03, 0.2)):
    g2 = pd.DataFrame({"group": ["k"] * len(p), "p": list(p)})
    overlap = pd.DataFrame({"group": ["k", "m"], "top": [10, 10], "share": list(shares)})
    stab = pd.DataFrame(
        {"group": ["k", "m"], "alpha0": [10.0, 1000.0], "shared_top": list(shared_top), "top": [top, top]}
    )
    return KeynessChecks("crisis", 2, g2, overlap, stab.assign(spearman=list(spearman)))


def test_keyness_checks_similar_and_stable():
    said = describe_keyness_checks(checks(shares=(0.8, 0.7), shared_top=(9, 7)))
    assert said == {
        "by": "crisis",
        "overlap": "70%",
        "verdict": "G² with Log Ratio gives a similar ranking",
        "n_significant": "2",  # p = 0.01 and 0.03 are below 0.05
        "min_shared": "7",
        "stability": "Changing the prior's size barely changes the ranking",
        "min_rho": "0.97",
    }


def test_keyness_checks_different_and_reshuffled():
    said = describe_keyness_checks(checks(shares=(0.9, 0.6), shared_top=(9, 4)), labels={"m": "Crisis M"})
    assert said["verdict"] == "G² with Log Ratio ranks the terms differently for at least one group"
    assert said["stability"] == (
        "Changing the prior's size reshuffles the top of the list for at least one group "
        "(Crisis M at α0 = 1000), while the order of all terms stays almost the same"
    )
    empty = describe_keyness_checks(checks(shares=(0.9, 0.6), shared_top=(0, 0), top=0, spearman=(None, None)))
    assert empty["stability"] == "No term reaches the minimum count, so the prior's size cannot be checked"
    assert empty["min_rho"] == "n/a"


def test_keyness_checks_with_one_group():
    one = KeynessChecks("outlet", 1, pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    said = describe_keyness_checks(one)
    assert said.pop("by") == "(one group only)"
    assert set(said.values()) == {"n/a"}


DOMINANT = pd.DataFrame(
    {
        "group": ["k", "m"],
        "dominant_frame": ["conflict", ""],
        "dominant_frame_label": ["Conflict", "none"],
        "dominant_frame_hits": [2, 0],
        "dominant_frame_per_1000": [4.0, 0.0],
        "frames_tied": [0, 0],
    }
)


def test_dominant_frames_sentence():
    assert describe_dominant_frames(DOMINANT, labels={"k": "Crisis K", "m": "Crisis M"}) == (
        "Crisis K: conflict (2 hits, 4.0 per 1,000 words); Crisis M: no frame hits"
    )
    assert describe_dominant_frames(DOMINANT, family="generic", rates=False) == (
        "k: conflict (2 hits); m: no generic-frame hits"
    )
    tied = DOMINANT.assign(frames_tied=[2, 0])
    assert describe_dominant_frames(tied, rates=False).startswith("k: conflict (2 hits; tied with 2 other frames)")


def test_balance_text():
    assert balance_text(-0.25) == "-0.25"
    assert balance_text(float("nan")) == "undefined (no hits)"


def test_genre_sentences():
    assert describe_genre_mix({"first date": ["news"], "later": ["news"]}) == (
        "The first-date and later articles are of the same genres."
    )
    assert describe_genre_mix({"first date": ["news"], "later": ["analysis", "opinion"]}) == (
        "The later articles also include other kinds of text (analysis and opinion, against news on the "
        "first date), which the next section compares."
    )
    assert describe_genre_scope("k", labels={"k": "Crisis K"}) == "within Crisis K"
    assert describe_genre_scope(None) == "across the whole corpus"
    assert describe_genre_counts(pd.DataFrame({"genre": ["opinion", "news", "news"]})) == "2 news and 1 opinion"


POOLED = pd.DataFrame(
    {
        "group": ["analysis", "news"],
        "n_articles": [1, 3],
        "esc": [28, 43],
        "deesc": [19, 14],
        "balance": [9 / 47, 29 / 57],
    }
)


def test_genres_compared():
    spread = pd.DataFrame(
        {"analysis": [6.1, 0.0], "news": [28.0, 9.9]}, index=pd.Index(["diplomacy", "human-interest"], name="frame")
    )
    said = describe_genres(POOLED, TERMS.assign(group=["analysis"] * 4 + ["news"] * 2), spread, min_count=2)
    # balances: (28 - 19)/47 = +0.19 ; (43 - 14)/57 = +0.51
    assert said["balance"] == (
        "analysis: 28 escalation and 19 de-escalation hits, balance +0.19; "
        "news: 43 escalation and 14 de-escalation hits, balance +0.51"
    )
    assert said["terms"] == "analysis: war (5), strike (3), calm (1); news: talks (4)"
    assert said["frames"] == (
        "regional and great-power diplomacy (analysis 6.1, news 28.0 per 1,000 words); "
        "human interest (analysis 0.0, news 9.9 per 1,000 words)"
    )
    assert said["note"].startswith("This corpus has too few articles to test that, only to illustrate it.")


def test_genres_paragraph_and_one_genre():
    spread = pd.DataFrame({"analysis": [6.1], "news": [28.0]}, index=pd.Index(["diplomacy"], name="frame"))
    said = describe_genres(POOLED, TERMS.iloc[0:0], spread, min_count=2)
    assert said["paragraph"] == (
        "Escalation balance per genre: analysis: 28 escalation and 19 de-escalation hits, balance +0.19; news: 43 "
        "escalation and 14 de-escalation hits, balance +0.51. Most over-used terms: none (no term occurs 2 times or "
        "more). Frames whose rates differ most: regional and great-power diplomacy (analysis 6.1, news 28.0 per "
        "1,000 words)."
    )
    assert "lean" not in said["paragraph"]  # which genre leans more is a contrast, said elsewhere
    one = describe_genres(POOLED.head(1), None, None)
    assert one["paragraph"] == "With one genre, there is nothing to set it against."
    assert "n/a" not in " ".join(one.values())
    no_hits = POOLED.assign(esc=[0, 43], deesc=[0, 14], balance=[float("nan"), 29 / 57])
    assert (
        "analysis: 0 escalation and 0 de-escalation hits, balance undefined (no hits)"
        in describe_genres(no_hits, TERMS.iloc[0:0], pd.DataFrame(), min_count=2)["balance"]
    )


CORPUS = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d"],
        "crisis": ["k", "k", "k", "m"],
        "outlet": ["X", "X", "Y", "Pakistan Standard"],
        "text": [""] * 4,
    }
)
SHARED = pd.DataFrame(
    {
        "frame": ["escalation", "de-escalation", "de-escalation"],
        "term": ["attack", "restraint", "dialogue"],
        "hits": [11, 5, 3],
        "min_hits": [5, 2, 1],
        "k": [6, 3, 2],
        "m": [5, 2, 1],
    }
)


def test_shared_terms_paragraph():
    outlets = pd.DataFrame({"outlet": ["Pakistan Standard"], "kind": ["news"], "description": ["A news site."]})
    breakdown = pd.DataFrame({"id": ["d", "a"], "left": ["", ""], "match": ["x", "y"], "right": ["", ""]})
    text = describe_shared_terms(
        SHARED, corpus=CORPUS, outlets=outlets, breakdown=breakdown, labels={"k": "Crisis K", "m": "Crisis M"}
    )
    assert text == (
        "The smallest crisis, Crisis M, has 1 article, from Pakistan Standard (A news site). "
        "3 dictionary terms occur in the coverage of every crisis. The commonest are attack (escalation (war "
        "journalism)), restraint (de-escalation (peace journalism)), dialogue (de-escalation (peace journalism)). "
        "By frame, they belong to: de-escalation (peace journalism) (2), escalation (war journalism) (1). "
        "The shared de-escalation terms, with their counts per crisis, are: restraint (Crisis K 3, Crisis M 2); "
        "dialogue (Crisis K 2, Crisis M 1). The table shows the shared terms with their counts in each crisis. "
        "Below it are the sentences in which the words 'diplomacy' and 'restraint' occur, in every crisis. "
        "The phrases 'breakdown of diplomacy' and 'failure of diplomacy' occur 2 times, in the coverage of "
        "Crisis K and Crisis M. They blame the crisis on diplomacy's absence, which is the same de-escalation "
        "vocabulary as the calls for restraint and dialogue."
    )


def test_shared_terms_with_none_shared_or_one_crisis():
    empty = SHARED.iloc[0:0]
    text = describe_shared_terms(empty, corpus=CORPUS)
    assert "No dictionary term occurs in the coverage of every crisis." in text and "The commonest" not in text
    assert text.endswith("The phrase 'breakdown of diplomacy' does not occur in this corpus.")
    assert describe_shared_terms(empty, corpus=CORPUS.assign(crisis="k")) == (
        "The corpus has one crisis, so nothing can be compared across crises."
    )


def test_article_names():
    assert article_names(CORPUS) == {"a": "X (a)", "b": "X (b)", "c": "Y", "d": "Pakistan Standard"}


def test_describe_actor_overlap_names_each_frame_with_an_example_and_says_when_there_is_none():
    from analysis.findings import describe_actor_overlap

    overlap = pd.DataFrame(
        {
            "frame": ["diplomacy", "morality", "diplomacy"],
            "matched": ["Foreign Ministry", "Justice", "Foreign Ministry"],
            "mention": ["Pakistan's Foreign Ministry", "Army of Justice", "Chinese Foreign Ministry"],
        }
    )
    by_frame = pd.DataFrame(
        {
            "frame": ["morality", "diplomacy", "conflict"],
            "label": ["Morality", "Regional diplomacy", "Conflict"],
            "hits": [5, 10, 25],
            "in_actor": [1, 2, 0],
        }
    )
    # 3 of 40 hits = 7.5%, shown as 8%; diplomacy (2) before morality (1)
    assert describe_actor_overlap(overlap, by_frame) == (
        "The dictionaries hold no actor name, but 3 of their 40 hits in this corpus (8%) still fall inside an "
        "actor mention of the actors chapter, so they count part of a name as frame evidence: regional diplomacy "
        "2 of 10 (“Foreign Ministry” in “Pakistan's Foreign Ministry”); morality 1 of 5 (“Justice” in “Army of "
        "Justice”)."
    )
    none = by_frame.assign(in_actor=0)
    assert describe_actor_overlap(overlap.iloc[0:0], none).startswith("No frame hit falls inside an actor mention")
    assert "no hit" in describe_actor_overlap(overlap.iloc[0:0], none.assign(hits=0))
