"""Tests for analysis.evidence.frame_validation: the dictionaries against a corpus's own hand coding.

Each test writes a small ``gold/`` folder for a corpus, so that every path is
exercised: no gold, one reader, two readers, codings of other articles.
Precision, recall, agreement and Cohen's κ are worked out by hand in comments.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import AnalysisInputError
from analysis.evidence import check_hits, check_sentences, validate_hits, validate_sentences

HITS_1 = """id,frame,start,end,matched,correct,note
a,escalation,0,5,strike,1,
a,escalation,10,15,strike,1,
a,morality,20,25,moral,0,negated use
b,morality,0,4,moral,1,
b,conflict,5,9,White House,0,a name
"""
# The second reader differs on the last hit only.
HITS_2 = HITS_1.replace("White House,0,a name", "White House,1,")

CORPUS = pd.DataFrame(
    {"id": ["a", "b"], "text": ["Iran fired missiles. Talks went well. The sky was blue.", "Missiles struck again."]}
)
SENTENCES_1 = """id,sentence,text,escalation,de-escalation
a,0,Iran fired missiles.,1,0
a,1,Talks went well.,0,1
a,2,The sky was blue.,1,0
b,0,Missiles struck again.,1,0
c,0,An article of another corpus.,1,0
"""
# The second reader does not see escalation in "The sky was blue."
SENTENCES_2 = SENTENCES_1.replace("The sky was blue.,1,0", "The sky was blue.,0,0")
WORDS = pd.DataFrame({"id": ["a", "b"], "balance": [-0.5, 1.0]})


def corpus_dir(tmp_path, **files) -> str:
    folder = tmp_path / "corpus"
    (folder / "gold").mkdir(parents=True)
    for name, text in files.items():
        (folder / "gold" / f"{name}.csv").write_text(text, encoding="utf-8")
    return str(folder)


def test_a_corpus_without_gold_has_no_check(tmp_path):
    folder = corpus_dir(tmp_path)
    assert validate_hits(corpus_dir=folder) is None
    assert validate_sentences(CORPUS, WORDS, corpus_dir=folder) is None


def test_precision_with_one_reader_by_hand(tmp_path):
    check = validate_hits(corpus_dir=corpus_dir(tmp_path, frame_hits=HITS_1), n_boot=0)
    p = check.precision.set_index("frame")
    # escalation 2/2, morality 1/2, conflict 0/1; pooled 3 of 5
    assert p.loc["escalation", "precision"] == 1.0 and p.loc["morality", "precision"] == 0.5
    assert (check.n_checked, check.n_correct, check.overall) == (5, 3, 0.6)
    assert check.weakest["frame"] == "conflict"
    # notes: "negated use" is a negation; "a name" a name
    assert (check.n_negated, check.n_names) == (1, 1)
    # no second reader
    assert check.pairs is None and check.agreement is None and check.moved is None


def test_agreement_with_a_second_reader_by_hand(tmp_path):
    folder = corpus_dir(tmp_path, frame_hits=HITS_1, frame_hits_coder2=HITS_2)
    check = validate_hits(corpus_dir=folder, n_boot=0)
    # reader 1: 1 1 0 1 0 ; reader 2: 1 1 0 1 1 -> one split, agreement 4/5
    assert check.n_split == 1
    assert check.agreement.loc["agreement", "value"] == pytest.approx(0.8)
    # κ: p_o = 0.8; p_e = (3/5)(4/5) + (2/5)(1/5) = 0.56; κ = 0.24 / 0.44
    assert check.agreement.loc["cohen_kappa", "value"] == pytest.approx(0.24 / 0.44)
    assert check.overall_2 == pytest.approx(4 / 5)
    # only conflict moves: 0/1 by the first reader, 1/1 by the second
    assert check.moved[["frame", "precision", "precision_2"]].values.tolist() == [["conflict", 0.0, 1.0]]


def test_weakest_frame_ties_go_to_the_fewest_checked():
    gold = pd.DataFrame({"frame": ["morality"] * 2 + ["conflict"] * 4, "correct": [1, 0, 1, 1, 0, 0]})
    # morality 1/2 and conflict 2/4 are both 50%: morality, checked on fewer hits, is named
    check = check_hits(gold)
    assert check.weakest["frame"] == "morality"
    assert (check.n_negated, check.n_names) == (0, 0)  # no note column: nothing counted


def test_recall_and_balance_with_one_reader_by_hand(tmp_path):
    folder = corpus_dir(tmp_path, frame_sentences=SENTENCES_1)
    check = validate_sentences(CORPUS, WORDS, corpus_dir=folder, n_boot=0)
    # article c is not in this corpus: its coding is left out
    assert (check.n_sentences, check.n_articles) == (4, 2)
    rec = check.recall.set_index("frame")
    # escalation coded in a0, a2, b0; hits ("missiles", "struck") in a0 and b0 -> 2 of 3
    assert rec.loc["escalation", ["coded", "found", "missed", "extra"]].tolist() == [3, 2, 1, 0]
    # de-escalation coded in a1 ("Talks") -> 1 of 1; pooled 3 of 4
    assert rec.loc["de-escalation", "recall"] == 1.0
    assert check.overall["recall"] == 0.75
    assert check.per_frame["frame"].tolist() == ["escalation", "de-escalation"]
    assert check.weakest["frame"] == "escalation"
    assert check.missed["text"].tolist() == ["The sky was blue."]
    # by sentences: a = (2 - 1)/3 against -0.5 by words (sign differs); b = 1 against 1
    b = check.balance.set_index("id")
    assert b.loc["a", "balance_coded"] == pytest.approx(1 / 3) and b.loc["a", "sign_differs"]
    assert not b.loc["b", "sign_differs"]
    assert check.readers is None and check.kappa_by_frame.empty and check.same_flips is None


def test_agreement_on_sentences_with_a_second_reader_by_hand(tmp_path):
    folder = corpus_dir(tmp_path, frame_sentences=SENTENCES_1, frame_sentences_coder2=SENTENCES_2)
    check = validate_sentences(CORPUS, WORDS, corpus_dir=folder, n_boot=0)
    # 8 sentence-frame decisions, one differs (a2, escalation): agreement 7/8
    assert check.agreement.loc["agreement", "value"] == pytest.approx(7 / 8)
    # κ: reader 1 marks 4 of 8, reader 2 marks 3 of 8: p_e = (4/8)(3/8) + (4/8)(5/8) = 0.5 -> (0.875 - 0.5)/0.5
    assert check.agreement.loc["cohen_kappa", "value"] == pytest.approx(0.75)
    # per frame: escalation, reader 1 = [1, 0, 1, 1], reader 2 = [1, 0, 0, 1]:
    #   p_o = 3/4, p_e = (3/4)(2/4) + (1/4)(2/4) = 1/2 -> κ = 1/2 ; de-escalation identical -> κ = 1
    assert check.kappa_by_frame.to_dict() == pytest.approx({"escalation": 0.5, "de-escalation": 1.0})
    # the second reading: escalation in a0 and b0, both found; de-escalation a1 found -> 3 of 3
    assert check.overall_2["recall"] == 1.0
    # a: 1 escalation and 1 de-escalation sentence -> 0, against -0.5 by words: differs, as by the first reader
    assert check.same_flips is True


def test_same_flips_is_false_when_the_readers_disagree_on_signs(tmp_path):
    folder = corpus_dir(tmp_path, frame_sentences=SENTENCES_1, frame_sentences_coder2=SENTENCES_2)
    # words +0.5 for a: reader 1's +1/3 agrees in sign, reader 2's 0 does not
    check = validate_sentences(CORPUS, WORDS.assign(balance=[0.5, 1.0]), corpus_dir=folder, n_boot=0)
    assert check.balance["sign_differs"].tolist() == [False, False]
    assert check.balance_2.set_index("id").loc["a", "sign_differs"]
    assert check.same_flips is False


def test_codings_of_other_articles_only(tmp_path):
    only_c = "id,sentence,text,escalation,de-escalation\nc,0,An article of another corpus.,1,0\n"
    assert validate_sentences(CORPUS, WORDS, corpus_dir=corpus_dir(tmp_path, frame_sentences=only_c)) is None
    coded = pd.DataFrame({"id": ["c"], "text": ["x"], "frame": ["escalation"], "present": [1]})
    with pytest.raises(AnalysisInputError, match="no coded sentence of this corpus"):
        check_sentences(CORPUS, coded, WORDS)


def test_overall_precision_is_nan_without_checked_hits():
    check = check_hits(pd.DataFrame({"frame": pd.Series([], dtype=object), "correct": pd.Series([], dtype="int64")}))
    assert check.n_checked == 0 and math.isnan(check.overall) and check.weakest is None
