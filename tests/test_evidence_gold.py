"""Tests for analysis.evidence.gold.load_gold_if_any: a corpus without gold is normal, a bad gold file is not."""

from __future__ import annotations

import pytest

from analysis.errors import DataFileError
from analysis.evidence import load_gold_if_any


def test_no_gold_folder_gives_none(tmp_path):
    assert load_gold_if_any("sentiment", corpus_dir=tmp_path) is None
    assert load_gold_if_any("sentiment", coder=2, corpus_dir=tmp_path) is None


def test_a_gold_file_is_read(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "sentiment_labels_coder2.csv").write_text(
        "id,source,text,label\na,body,One.,positive\n", encoding="utf-8"
    )
    assert load_gold_if_any("sentiment", corpus_dir=tmp_path) is None  # coder 1 has no file
    gold = load_gold_if_any("sentiment", coder=2, corpus_dir=tmp_path)
    assert gold[["id", "label"]].values.tolist() == [["a", "positive"]]


def test_a_bad_gold_file_still_fails(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "sentiment_labels.csv").write_text("id,source,text,label\na,body,One.,happy\n")
    with pytest.raises(DataFileError, match="field 'label'"):
        load_gold_if_any("sentiment", corpus_dir=tmp_path)
