"""Tests for analysis.evidence.transfer_furniture: the dev / held-out split and the book's transfer table."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.evidence.transfer_furniture import (
    SPLITS,
    cleaning_transfer_table,
    default_transfer_dir,
    outlet_split,
    split_furniture_scores,
)


@pytest.mark.parametrize("outlet", ["Axios", "CNN", "Dawn", "The Straits Times"])
def test_outlet_split_is_the_parity_of_the_names_hash(outlet):
    last_byte = hashlib.sha256(outlet.lower().encode("utf-8")).digest()[-1]
    assert outlet_split(outlet) == ("dev" if last_byte % 2 == 0 else "held-out")
    assert outlet_split(f"  {outlet.upper()} ") == outlet_split(outlet)


def test_split_scores_count_each_half_and_the_whole():
    pages = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["Axios", "CNN", "Axios"]})  # Axios dev, CNN held-out
    assert [outlet_split(o) for o in ["Axios", "CNN"]] == list(SPLITS)
    verdicts = pd.DataFrame(
        {
            "page": ["a", "a", "b", "b", "c"],
            "label": ["furniture", "body", "furniture", "body", "furniture"],
            "kind": ["share", "text", "caption", "text", "byline"],
            "removed": [True, False, False, True, False],
        }
    )
    got = split_furniture_scores(pages, verdicts).set_index(["split", "measure"])
    # dev: pages a and c -> furniture 1 of 2 removed, body 1 of 1 kept; held-out: page b -> 0 of 1, 0 of 1
    assert got.loc[("dev", "furniture removed"), ["lines", "hits"]].tolist() == [2, 1]
    assert got.loc[("dev", "body kept"), ["lines", "hits"]].tolist() == [1, 1]
    assert got.loc[("held-out", "furniture removed"), ["lines", "hits"]].tolist() == [1, 0]
    assert got.loc[("held-out", "body kept"), ["lines", "hits"]].tolist() == [1, 0]
    assert got.loc[("all", "furniture removed"), "share"] == pytest.approx(1 / 3)


def test_the_repository_set_is_found_and_scored_by_half():
    folder = default_transfer_dir()
    assert folder is not None and folder.name == "transfer"
    table = cleaning_transfer_table(folder)
    assert table["split"].tolist() == ["dev", "held-out", "all"]
    halves, whole = table.iloc[:2], table.iloc[2]
    assert halves["pages"].sum() == whole["pages"]
    assert halves["furniture_lines"].sum() == whole["furniture_lines"]
    assert halves["body_lines"].sum() == whole["body_lines"]
    assert table[["furniture_removed", "body_kept"]].stack().between(0, 1).all()


def test_set_splits_give_halves_by_outlet_and_batches_by_retrieval_date():
    from analysis.evidence.transfer_furniture import retrieval_batch, set_splits

    assert retrieval_batch("stored copy, read 2026-12-01, checked 2026-12-02") == "retrieved 2026-12-02"
    # a second batch of the same day is told apart by the session named after its date
    assert retrieval_batch("stored copy, 2026-12-02, session 6") == "retrieved 2026-12-02, session 6"
    assert retrieval_batch("session 5 notes, stored copy, 2026-12-02") == "retrieved 2026-12-02"
    table = pd.DataFrame(
        {"outlet": ["Axios", "CNN", "Axios"], "retrieved_from": ["a, 2026-12-02", "a, 2026-12-01", "no date"]}
    )
    got = {k: v.tolist() for k, v in set_splits(table).items()}
    # Axios is dev and CNN held-out (test above); batches sorted by name, "(no date)" first
    assert list(got) == [
        "dev",
        "held-out",
        "retrieved (no date)",
        "retrieved 2026-12-01",
        "retrieved 2026-12-02",
        "all",
    ]
    assert got["dev"] == [True, False, True] and got["retrieved 2026-12-02"] == [True, False, False]
    assert got["all"] == [True, True, True]


def test_a_second_session_on_the_same_day_is_its_own_batch_after_the_first():
    from analysis.evidence.transfer_furniture import retrieval_batch, set_splits

    assert retrieval_batch("copy, 2026-12-02, session 6") == "retrieved 2026-12-02, session 6"
    assert retrieval_batch("copy, 2026-12-02, session 6, checked 2026-12-03") == "retrieved 2026-12-03"
    table = pd.DataFrame({"outlet": ["Axios", "CNN"], "retrieved_from": ["a, 2026-12-02, session 6", "a, 2026-12-02"]})
    got = {k: v.tolist() for k, v in set_splits(table).items()}
    assert list(got) == ["dev", "held-out", "retrieved 2026-12-02", "retrieved 2026-12-02, session 6", "all"]
    assert got["retrieved 2026-12-02, session 6"] == [True, False]


def test_split_furniture_scores_report_each_batch_alone():
    pages = pd.DataFrame(
        {"id": ["a", "b"], "outlet": ["Axios", "Axios"], "retrieved_from": ["x, 2026-12-01", "x, 2026-12-02"]}
    )
    v = pd.DataFrame(
        {
            "page": ["a", "b", "b"],
            "line": [1, 1, 2],
            "label": ["furniture"] * 3,
            "kind": ["share"] * 3,
            "removed": [True, False, True],
        }
    )
    got = split_furniture_scores(pages, v)
    got = got[got["measure"] == "furniture removed"].set_index("split")
    # by hand: the second batch removes 1 of its 2 furniture lines; the first 1 of 1
    assert got.loc["retrieved 2026-12-02", ["lines", "hits"]].tolist() == [2, 1]
    assert got.loc["retrieved 2026-12-01", ["lines", "hits"]].tolist() == [1, 1]
    assert got.loc["all", ["lines", "hits"]].tolist() == [3, 2]
