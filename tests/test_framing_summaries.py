"""Tests for analysis.framing.summaries: which group is largest or smallest, which frame dominates, periods, genres."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from analysis.errors import AnalysisInputError
from analysis.framing import (
    dominant_frames,
    frame_spread,
    frame_term_counts,
    genre_scope,
    index_key,
    largest_group,
    load_frames,
    pattern_count,
    period_genres,
    period_hits,
    period_ids,
    single_article_groups,
    smallest_group,
    terms_shared_by_groups,
)
from analysis.framing.frames import _default_frames_path

CORPUS = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d", "e"],
        "outlet": ["X", "X", "Y", "Z", "Z"],
        "crisis": ["m", "m", "k", "k", "j"],
        "genre": ["news", "analysis", "news", "news", "opinion"],
    }
)

BALANCE = pd.DataFrame(
    {
        "id": ["a", "b", "c"],
        "genre": ["news", "news", "analysis"],
        "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-04"]),
    }
)


def test_single_article_groups():
    # X has a, b; Y has c; Z has d, e -> only Y holds one article
    assert single_article_groups(CORPUS, by="outlet") == 1
    # by crisis: m (a, b), k (c, d), j (e) -> one
    assert single_article_groups(CORPUS, by="crisis") == 1


def test_pattern_count_counts_every_pattern():
    table = pd.DataFrame(
        {
            "key": ["a", "b"],
            "family": ["generic"] * 2,
            "index": ["", ""],
            "regex": ["x", "y"],
            "patterns": [("war", "strike*", "attack"), ("talks",)],
        }
    )
    assert pattern_count(table) == 4
    shipped = yaml.safe_load(_default_frames_path().read_text(encoding="utf-8"))
    assert pattern_count(load_frames()) == sum(len(f["patterns"]) for f in shipped["frames"])


def test_largest_and_smallest_group_break_ties_by_name():
    # crises: m 2, k 2, j 1 -> largest is a tie between k and m: k sorts first
    assert largest_group(CORPUS, by="crisis") == "k"
    assert smallest_group(CORPUS, by="crisis") == "j"
    # outlets: X 2, Y 1, Z 2 -> largest X (before Z), smallest Y
    assert largest_group(CORPUS, by="outlet") == "X"
    assert smallest_group(CORPUS, by="outlet") == "Y"
    assert smallest_group(CORPUS.iloc[[2, 4]], by="crisis") == "j"  # j and k one each: j first
    with pytest.raises(AnalysisInputError, match="no articles"):
        largest_group(CORPUS.iloc[0:0], by="crisis")


def test_index_key():
    assert index_key(None, "escalation") == "escalation"
    frames = load_frames()
    renamed = frames.assign(key=frames["key"].replace({"de-escalation": "calm-words"}))
    assert index_key(renamed, "de-escalation") == "calm-words"
    with pytest.raises(AnalysisInputError, match="no frame has index"):
        index_key(frames.assign(index=""), "escalation")
    with pytest.raises(AnalysisInputError, match="is not one of"):
        index_key(frames, "neutral")


SCORES = pd.DataFrame(
    {
        "group": ["A"] * 3 + ["B"] * 3,
        "frame": ["war", "talks", "calm"] * 2,
        "family": ["generic", "crisis", "generic"] * 2,
        "hits": [1, 4, 2, 2, 1, 2],
        "per_1000": [1.0, 4.0, 2.0, 2.0, 0.5, 2.5],
    }
)
# Frames in file order: war (an index), talks, calm; war is not a candidate for the dominant frame.
FRAMES = pd.DataFrame(
    {
        "key": ["war", "talks", "calm"],
        "label": ["War", "Talks", "Calm"],
        "family": ["war-peace", "crisis", "generic"],
        "index": ["escalation", "", ""],
        "patterns": [("war",), ("talks",), ("calm",)],
        "regex": ["war", "talks", "calm"],
    }
)


def test_dominant_frame_is_the_non_index_frame_with_most_hits_ties_to_file_order():
    d = dominant_frames(SCORES, FRAMES)
    # A: talks 4 > calm 2 (war is an index); B: war 2 is left out, calm 2 > talks 1
    assert d[
        ["group", "dominant_frame", "dominant_frame_label", "dominant_frame_hits", "frames_tied"]
    ].values.tolist() == [
        ["A", "talks", "Talks", 4, 0],
        ["B", "calm", "Calm", 2, 0],
    ]
    tie = SCORES.assign(hits=[9, 3, 3, 0, 0, 0])
    # A: talks 3 and calm 3 tie; talks comes first in the file; one other frame is tied. B: no hit at all.
    assert dominant_frames(tie, FRAMES)[["dominant_frame", "dominant_frame_hits", "frames_tied"]].values.tolist() == [
        ["talks", 3, 1],
        ["", 0, 0],
    ]
    assert dominant_frames(tie, FRAMES)["dominant_frame_label"].tolist()[1] == "none"
    # restricted to the generic family: calm only
    assert dominant_frames(SCORES, FRAMES, family="generic")["dominant_frame"].tolist() == ["calm", "calm"]


def test_dominant_frames_per_article():
    per_article = SCORES.rename(columns={"group": "id"})
    assert dominant_frames(per_article, FRAMES, by="id")["id"].tolist() == ["A", "B"]


def test_frame_spread_by_hand():
    # spread = max - min over groups: war |1 - 2| = 1, talks |4 - 0.5| = 3.5, calm |2 - 2.5| = 0.5
    wide = frame_spread(SCORES, top=2)
    assert wide.index.tolist() == ["talks", "war"]
    assert wide.columns.tolist() == ["A", "B"]
    assert wide.loc["talks"].tolist() == [4.0, 0.5]


def test_genre_scope_within_a_crisis_when_it_holds_two_genres():
    scope, within = genre_scope(CORPUS, crisis="m")  # a news, b analysis
    assert (scope["id"].tolist(), within) == (["a", "b"], "m")
    scope, within = genre_scope(CORPUS, crisis="k")  # c and d are both news
    assert within is None and scope["id"].tolist() == CORPUS["id"].tolist()


def test_periods_by_hand():
    assert period_ids(BALANCE, "first date").tolist() == ["a", "b"]
    assert period_ids(BALANCE, "later").tolist() == ["c"]
    assert period_genres(BALANCE) == {"first date": ["news"], "later": ["analysis"]}
    assert period_genres(BALANCE.iloc[:2]) == {"first date": ["news"], "later": []}
    with pytest.raises(AnalysisInputError, match="is not one of"):
        period_ids(BALANCE, "middle")
    hits = pd.DataFrame(
        {"id": ["a", "c", "b", "c", "c"], "frame": ["escalation", "escalation", "escalation", "de-escalation", "x"]}
    )
    first = period_hits(hits, BALANCE, frame="escalation", period="first date")
    assert first["id"].tolist() == ["a", "b"]
    assert period_hits(hits, BALANCE, frame="escalation", period="first date", limit=1)["id"].tolist() == ["a"]
    assert period_hits(hits, BALANCE, frame="de-escalation", period="later")["id"].tolist() == ["c"]


def test_terms_shared_by_groups_needs_two_groups():
    hits = pd.DataFrame(
        {
            "id": ["a", "c", "c", "e"],
            "frame": ["de-escalation", "de-escalation", "escalation", "de-escalation"],
            "term": ["calm", "calm", "strike", "calm"],
        }
    )
    shared = terms_shared_by_groups(hits, CORPUS, by="crisis")
    # "calm" is in m (a), k (c) and j (e); "strike" only in k
    assert shared[["term", "hits", "min_hits", "j", "k", "m"]].values.tolist() == [["calm", 3, 1, 1, 1, 1]]
    one = terms_shared_by_groups(hits, CORPUS.assign(crisis="m"), by="crisis")
    assert one.empty and one.columns.tolist() == ["frame", "term", "hits", "min_hits"]


def test_frame_term_counts():
    shared = pd.DataFrame({"frame": ["war", "calm", "war", "war"], "term": ["a", "b", "c", "d"]})
    assert frame_term_counts(shared).to_dict() == {"war": 3, "calm": 1}


# ----------------------------------------------------------------------------- frame hits inside actor names

HITS = pd.DataFrame(
    {
        "id": ["a", "a", "a", "b"],
        "frame": ["morality", "escalation", "diplomacy", "diplomacy"],
        "start": [8, 20, 40, 0],
        "end": [15, 26, 56, 10],
        "matched": ["Justice", "struck", "Foreign Ministry", "diplomatic"],
    }
)
# "Army of Justice" spans 0-15 in a; "Pakistan's Foreign Ministry" 29-56 in a; the hit at 40-56 ends with it.
# b's mention (12-20) starts after the hit (0-10) ends; an embedded-post mention at 0-15 in b is not body text.
MENTIONS = pd.DataFrame(
    {
        "id": ["a", "a", "b", "b"],
        "source": ["body", "body", "body", "embed"],
        "actor": ["jaish", "pk_fo", "china", "china"],
        "start": [0, 29, 12, 0],
        "end": [15, 56, 20, 15],
        "matched": ["Army of Justice", "Pakistan's Foreign Ministry", "Beijing", "Beijing and co"],
    }
)


def test_actor_overlap_finds_the_hits_inside_a_name_and_only_those():
    from analysis.framing import actor_overlap

    out = actor_overlap(HITS, MENTIONS)
    assert out[["frame", "matched", "actor", "mention"]].values.tolist() == [
        ["morality", "Justice", "jaish", "Army of Justice"],
        ["diplomacy", "Foreign Ministry", "pk_fo", "Pakistan's Foreign Ministry"],
    ]
    # touching is not overlapping: a hit ending where a mention starts is outside it
    touching = MENTIONS.assign(start=[26, 56, 10, 10], end=[28, 60, 20, 20])
    assert actor_overlap(HITS, touching).empty


def test_overlap_by_frame_counts_per_frame_in_file_order():
    from analysis.framing import actor_overlap, overlap_by_frame

    table = overlap_by_frame(HITS, actor_overlap(HITS, MENTIONS)).set_index("frame")
    assert table.index.tolist()[:2] == ["conflict", "human-interest"]  # file order
    assert table.loc["diplomacy", ["hits", "in_actor"]].tolist() == [2, 1]
    assert table.loc["diplomacy", "share"] == 0.5  # 1 of 2
    assert table.loc["morality", "share"] == 1.0 and table.loc["escalation", "share"] == 0.0
    assert pd.isna(table.loc["conflict", "share"])  # no hit: no share


# ----------------------------------------------------------------------------- can the articles carry a trend?


def _dated(outlets_first, outlets_later, *, month=()):
    rows = [(f"f{k}", o, "2024-01-01") for k, o in enumerate(outlets_first)]
    rows += [(f"l{k}", o, "2024-01-09") for k, o in enumerate(outlets_later)]
    out = pd.DataFrame(rows, columns=["id", "outlet", "date"]).assign(date=lambda d: pd.to_datetime(d["date"]))
    return out.assign(date_precision=["month" if i in month else "day" for i in out["id"]])


def test_trend_sample_counts_dated_articles_of_outlets_in_both_periods():
    from analysis.framing import trend_sample

    # X and Y appear in both periods; Z only first, W only later. Counted: X, X, Y first; X, Y, Y later.
    t = trend_sample(_dated(["X", "X", "Y", "Z"], ["X", "Y", "Y", "W"]))
    assert t.outlets == ["X", "Y"]
    assert t.periods[["period", "n_articles", "n_dated", "n_counted"]].values.tolist() == [
        ["first date", 4, 4, 3],
        ["later", 4, 4, 3],
    ]
    assert t.needed == 4 and not t.enough  # 3 < 4: 2 / C(6, 3) = 0.1 is the smallest p possible
    assert sorted(t.ids) == ["f0", "f1", "f2", "l0", "l1", "l2"] and t.ids["l1"] == "later"


def test_trend_sample_floor_is_reached_at_four_per_period_and_month_dates_do_not_count():
    from analysis.framing import trend_sample

    four = trend_sample(_dated(["X", "X", "Y", "Y"], ["X", "X", "Y", "Y"]))
    assert four.enough  # 2 / C(8, 4) = 0.029 < 0.05
    dated_by_month = trend_sample(_dated(["X", "X", "Y", "Y"], ["X", "X", "Y", "Y"], month=("l3",)))
    assert not dated_by_month.enough
    assert dated_by_month.periods["n_counted"].tolist() == [4, 3]
    # an outlet whose only later article is dated by month is not in both periods
    assert trend_sample(_dated(["X", "Y"], ["X", "Y"], month=("l1",))).outlets == ["X"]
    one_date = trend_sample(_dated(["X", "Y"], []))
    assert one_date.periods["period"].tolist() == ["first date"] and not one_date.enough
