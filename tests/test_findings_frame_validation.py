"""Tests for analysis.findings.frame_validation: what the validation sections say, with and without hand coding.

The checks come from small tables whose precision, recall and agreement are
worked out by hand (see tests/test_evidence_frame_validation.py for the same
arithmetic); here the point is the wording on each path: no gold, one reader,
two readers.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evidence import check_hits, check_sentences
from analysis.findings import describe_hit_validation, describe_missing_coding, describe_sentence_validation

GOLD = pd.DataFrame(
    {
        "id": ["a", "a", "a", "b", "b"],
        "frame": ["escalation", "escalation", "morality", "morality", "conflict"],
        "start": [0, 10, 20, 0, 5],
        "end": [5, 15, 25, 4, 9],
        "correct": [1, 1, 0, 1, 0],
        "note": ["", "", "negated use", "", "a name"],
    }
)
CORPUS = pd.DataFrame(
    {"id": ["a", "b"], "text": ["Iran fired missiles. Talks went well. The sky was blue.", "Missiles struck again."]}
)
TEXTS = ["Iran fired missiles.", "Talks went well.", "The sky was blue.", "Missiles struck again."]
CODED = pd.DataFrame(
    {
        "line": range(2, 10),
        "id": ["a", "a", "a", "b"] * 2,
        "text": TEXTS * 2,
        "frame": ["escalation"] * 4 + ["de-escalation"] * 4,
        "present": [1, 0, 1, 1, 0, 1, 0, 0],
    }
)
WORDS = pd.DataFrame({"id": ["a", "b"], "balance": [-0.5, 1.0]})
NAMES = {"a": "Outlet A", "b": "Outlet B"}

FIGURES = ("checked", "correct", "precision", "per_frame", "weakest", "negated", "names")
SECOND = ("precision_2", "agreement", "split", "kappa")


def test_precision_with_one_reader():
    said = describe_hit_validation(check_hits(GOLD))
    # conflict 0/1, morality 1/2, escalation 2/2 (frame file order); pooled 3 of 5
    assert [said[k] for k in FIGURES] == [
        "5",
        "3",
        "60%",
        "conflict 0/1 (0%); morality 1/2 (50%); escalation (war journalism) 2/2 (100%)",
        "conflict (0/1)",
        "1",
        "1",
    ]
    assert said["scope"] == "These figures were measured on this corpus."
    assert [said[k] for k in SECOND] == ["n/a"] * 4
    assert said["moved"] == "No second reader judged these hits, so the precision rests on one reading."


def test_precision_with_a_second_reader():
    said = describe_hit_validation(check_hits(GOLD, GOLD.assign(correct=[1, 1, 0, 1, 1]), n_boot=0))
    # agreement 4/5; κ = (0.8 - 0.56)/0.44 = 0.545...; no interval with n_boot=0
    assert [said[k] for k in ("precision_2", "agreement", "split")] == ["80%", "80%", "1"]
    assert said["kappa"] == "0.55"
    assert said["moved"] == "Precision changes with the reader for conflict (0% by the first, 100% by the second)."
    same = describe_hit_validation(check_hits(GOLD, GOLD, n_boot=0))
    assert same["moved"] == "No frame's precision changes with the reader."
    # every hit judged correct by both: κ is undefined
    all_correct = GOLD.assign(correct=1)
    assert describe_hit_validation(check_hits(all_correct, all_correct, n_boot=0))["kappa"] == "n/a"


def test_recall_with_one_reader():
    check = check_sentences(CORPUS, CODED, WORDS, n_boot=0)
    said = describe_sentence_validation(check, names=NAMES)
    assert said["sentences"] == "the 4 sentences of 2 articles"
    # escalation 2 of 3 found, de-escalation 1 of 1 -> 3 of 4
    assert said["recall"] == "3 of the 4 frames marked (75%)"
    assert said["per_frame"] == "escalation (war journalism) 2/3; de-escalation (peace journalism) 1/1"
    assert said["weakest"] == "escalation (war journalism) (2 of 3 sentences)"
    assert said["missed"] == "“The sky was blue.”"
    assert said["tilt"].startswith("The dictionaries find 67% of the sentences coded as escalation and 100%")
    # a: +1/3 by sentences, -0.5 by words
    assert said["balance_check"].endswith("The sign differs for Outlet A (+0.33 by sentences, -0.50 by words).")
    assert [said[k] for k in ("agreement", "kappa", "recall_2")] == ["n/a"] * 3
    assert said["balance_check_2"] == "No second reading of these sentences exists, so this rests on one reader."


def test_recall_with_a_second_reader():
    second = CODED.assign(present=[1, 0, 0, 1, 0, 1, 0, 0])
    said = describe_sentence_validation(check_sentences(CORPUS, CODED, WORDS, second, n_boot=0), names=NAMES)
    # 7 of 8 decisions agree; κ = 0.75 (worked out in the evidence tests)
    assert (said["agreement"], said["kappa"]) == ("88%", "0.75")
    assert said["recall_2"] == "3 of 3 (100%)"
    assert said["balance_check_2"] == "The second reader's coding gives the same articles a different sign."
    # with +0.5 by words for a, only the second reading (0 by sentences) differs in sign
    other = describe_sentence_validation(
        check_sentences(CORPUS, CODED, WORDS.assign(balance=[0.5, 1.0]), second, n_boot=0), names=NAMES
    )
    assert other["balance_check_2"].startswith("By the second reader's coding: By the hand coding, 1 of these 2")
    assert other["balance_check_2"].endswith("The sign differs for Outlet A (0.00 by sentences, +0.50 by words).")


def test_a_corpus_with_no_gold_is_told_once():
    hits = describe_hit_validation(None, sentences_coded=False)
    sentences = describe_sentence_validation(None, hits_checked=False)
    assert all(hits[k] == "n/a" for k in (*FIGURES, *SECOND))
    assert all(sentences[k] == "n/a" for k in ("sentences", "recall", "per_frame", "weakest", "missed"))
    said = [t for t in (*hits.values(), *sentences.values()) if t not in ("", "n/a")]
    assert said == [describe_missing_coding(hits_checked=False, sentences_coded=False)]
    assert said[0].startswith("No hand coding of the frame dictionaries exists for this corpus")


@pytest.mark.parametrize("hits_checked, sentences_coded", [(True, False), (False, True)])
def test_a_corpus_with_one_kind_of_gold_is_told_what_is_missing(hits_checked, sentences_coded):
    hits = describe_hit_validation(check_hits(GOLD) if hits_checked else None, sentences_coded=sentences_coded)
    check = check_sentences(CORPUS, CODED, WORDS, n_boot=0) if sentences_coded else None
    sentences = describe_sentence_validation(check, hits_checked=hits_checked)
    missing = describe_missing_coding(hits_checked=hits_checked, sentences_coded=sentences_coded)
    texts = [*hits.values(), *sentences.values()]
    assert texts.count(missing) == 1
    if hits_checked:
        assert "recall" in missing and sentences["balance_check"] == missing and sentences["tilt"] == ""
    else:
        assert "precision" in missing and hits["scope"] == missing and hits["moved"] == ""


# ----------------------------------------------------------------------------- the paragraphs a page glues


def _paragraphs(hits_checked: bool, sentences_coded: bool, *, second: bool = False):
    from analysis.findings import describe_frame_validation

    hit_check = check_hits(GOLD, GOLD.assign(correct=[1, 1, 0, 1, 1]) if second else None, n_boot=0)
    second_coding = CODED.assign(present=[1, 0, 0, 1, 0, 1, 0, 0]) if second else None
    sentence_check = check_sentences(CORPUS, CODED, WORDS, second_coding, n_boot=0)
    return describe_frame_validation(
        describe_hit_validation(hit_check if hits_checked else None, sentences_coded=sentences_coded),
        describe_sentence_validation(
            sentence_check if sentences_coded else None, names=NAMES, hits_checked=hits_checked
        ),
    )


@pytest.mark.parametrize("hits_checked, sentences_coded", [(True, True), (True, False), (False, True), (False, False)])
def test_frame_validation_paragraphs_never_print_a_missing_figure(hits_checked, sentences_coded):
    said = _paragraphs(hits_checked, sentences_coded)
    assert not any("n/a" in t or "nan" in t for t in said.values()), said
    if hits_checked:
        assert said["precision"].startswith("Of 5 checked hits, 3 were correct (60%). Per frame: conflict 0/1")
        assert said["weakest"].startswith("The weakest dictionary in the validation below, conflict (0/1)")
        assert said["trust"].startswith(
            "The frame dictionaries were right on 60% of the hits read by hand in this corpus."
        )
        assert said["second_reader"] == "No second reader judged these hits, so the precision rests on one reading."
    else:
        assert said["precision"] == describe_missing_coding(hits_checked=False, sentences_coded=sentences_coded)
        assert said["weakest"] == "" and said["second_reader"] == ""
        assert said["trust"].startswith("No reader has checked the frame dictionaries' hits in this corpus")
    if sentences_coded:
        assert said["recall"].startswith("Readers marked the frames that each of the 4 sentences of 2 articles carries")
        assert "Against the first reader, the dictionaries find 3 of the 4 frames marked (75%)" in said["recall"]
        assert said["balance_hand"].startswith(
            "The escalation balance counts words, and a sentence-by-sentence reading can tell another story. By the "
            "hand coding, "
        )
        assert "The sign differs for Outlet A" in said["trust"]
    else:
        assert said["balance"] == "" and "no reader has coded this corpus's sentences" in said["balance_hand"]
        assert said["summary_sentences"] == "no reader has coded this corpus's sentences for their frames."
    # a corpus without any coding says so once, in the precision paragraph
    if not hits_checked and not sentences_coded:
        assert said["recall"] == ""


def test_frame_validation_paragraphs_with_second_readers():
    said = _paragraphs(True, True, second=True)
    assert "The two agree on 80% of them (1 split): Cohen's κ 0.55" in said["second_reader"]
    assert "They agree on 88% of the sentence-by-frame decisions (Cohen's κ 0.75" in said["recall"]
    assert "(against the second, 3 of 3 (100%))" in said["recall"]
    assert said["summary_hits"].endswith("two readers' judgements agree with κ 0.55.")
