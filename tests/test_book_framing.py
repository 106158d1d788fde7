"""Tests for analysis.book.framing: the framing chapter's tables as shown, and its charts for one group or more."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.book import (
    balance_check_display,
    collocations_display,
    crisis_label_colors,
    frames_display,
    g2_display,
    hits_display,
    keyness_chart,
    kwic_display,
    precision_display,
    recall_display,
    shared_terms_display,
    stability_display,
)
from analysis.evidence import check_hits, check_sentences
from analysis.figures import crisis_colors

LABELS = {"k": "Crisis K", "m": "Crisis M"}


def test_crisis_label_colors_keep_each_crisis_colour():
    keys = crisis_colors(["k", "m"])
    assert crisis_label_colors(LABELS) == {"Crisis K": keys["k"], "Crisis M": keys["m"]}


def test_keyness_chart_draws_panels_or_a_note():
    table = pd.DataFrame(
        {
            "group": ["A", "B"],
            "term": ["war", "calm"],
            "count": [3, 2],
            "n_docs": [1, 1],
            "n_docs_group": [1, 1],
            "z": [2.5, 2.0],
        }
    )
    fig = keyness_chart(table, n_groups=2, what="outlet")
    assert sum(ax.get_visible() for ax in fig.axes) == 2  # one panel per outlet
    plt.close(fig)
    fig = keyness_chart(table.iloc[0:0], n_groups=1, what="outlet")
    assert fig.axes[0].texts[0].get_text() == "The corpus has one outlet: there is nothing to compare."
    plt.close(fig)


def test_frames_display_counts_patterns():
    frames = pd.DataFrame(
        {
            "key": ["war", "calm"],
            "label": ["War", "Calm"],
            "family": ["generic"] * 2,
            "reference": ["A (2000)", "B (2001)"],
            "definition": ["Fighting.", "Quiet."],
            "patterns": [("war", "strike*", "attack"), ("calm",)],
        }
    )
    shown = frames_display(frames)
    assert shown.columns.tolist() == ["key", "label", "reference", "definition", "patterns"]
    assert shown["patterns"].tolist() == [3, 1]


def test_g2_display_formats_and_names_groups():
    g2 = pd.DataFrame(
        {
            "group": ["k", "k", "k", "X"],
            "term": ["war", "calm", "talks", "war"],
            "count": [7, 4, 0, 2],
            "count_rest": [2, 1, 3, 1],
            "score": [14.391, 2.004, -3.2, 1.5],
            "z": [3.79, 1.42, -1.79, 1.2],
            "p": [0.0002, 0.01234, 0.07, 0.2],
            "log_ratio": [3.8812, 1.0, -2.0, 0.5],
        }
    )
    shown = g2_display(g2, labels=LABELS, top=2)
    assert shown.columns.tolist() == [
        "group",
        "term",
        "count in group",
        "count in rest",
        "G² (signed)",
        "p",
        "Log Ratio",
    ]
    # talks is under-used (z < 0): not shown; X is not a crisis key, so it keeps its name
    assert shown.values.tolist() == [
        ["Crisis K", "war", 7, 2, "14.39", "< 0.001", "3.88"],
        ["Crisis K", "calm", 4, 1, "2.00", "0.012", "1.00"],
        ["X", "war", 2, 1, "1.50", "0.200", "0.50"],
    ]


def test_stability_display():
    stab = pd.DataFrame(
        {
            "group": ["k", "m"],
            "alpha0": [10.0, 1000.0],
            "top_terms": ["a, b", "c"],
            "shared_top": [2, 1],
            "top": [2, 1],
            "spearman": [0.98765, float("nan")],
        }
    )
    shown = stability_display(stab, labels=LABELS)
    assert shown[["group", "alpha0", "spearman"]].values.tolist() == [
        ["Crisis K", "10", "0.99"],
        ["Crisis M", "1000", "—"],  # one precision for ρ, as in the prose; a missing ρ is "—", not "nan",
    ]


def test_collocations_display_sorts_by_label_then_ranks():
    def ranking(group, ngrams, freqs):
        n = len(ngrams)
        return pd.DataFrame(
            {"group": [group] * n, "ngram": ngrams, "freq": freqs, "score": [1.0] * n, "rank": list(range(1, n + 1))}
        )

    pmi = pd.concat([ranking("m", ["air strike"], [4]), ranking("k", ["deep concern", "calm talks"], [2, 3])])
    lr = ranking("k", ["calm talks", "middle east"], [3, 5])
    # "Crisis K" sorts before "Crisis M"; within K: PMI rank 1, 2, then the LR-only pair (blank PMI rank) last
    assert collocations_display(pmi, lr, labels=LABELS).values.tolist() == [
        ["Crisis K", "deep concern", 2, "1", ""],
        ["Crisis K", "calm talks", 3, "2", "1"],
        ["Crisis K", "middle east", 5, "", "2"],
        ["Crisis M", "air strike", 4, "1", ""],
    ]


def test_shared_kwic_and_hits_displays():
    shared = pd.DataFrame(
        {"frame": ["f"] * 20, "term": [f"t{i}" for i in range(20)], "hits": [2] * 20, "min_hits": [1] * 20}
    ).assign(k=1, m=1)
    shown = shared_terms_display(shared, labels=LABELS)
    assert len(shown) == 15 and shown.columns.tolist()[-2:] == ["Crisis K", "Crisis M"]
    lines = pd.DataFrame({"id": ["b", "a"], "left": ["l", "l"], "match": ["calm", "restraint"], "right": ["r", "r"]})
    corpus = pd.DataFrame({"id": ["a", "b"], "crisis": ["k", "m"]})
    assert kwic_display(lines, corpus, labels=LABELS)[["crisis", "id"]].values.tolist() == [
        ["Crisis M", "b"],
        ["Crisis K", "a"],
    ]
    hits = lines.rename(columns={"match": "matched"}).assign(frame="escalation", sentence=0)
    assert hits_display(hits).columns.tolist() == ["id", "left", "matched", "right"]


def test_validation_displays_with_and_without_gold():
    gold = pd.DataFrame({"frame": ["escalation"] * 3 + ["morality"], "correct": [1, 1, 0, 1]})
    prec = precision_display(check_hits(gold)).set_index("frame")["precision"]
    # escalation 2 of 3 -> 67%; morality 1 of 1 -> 100%; conflict unchecked -> blank
    assert (prec["escalation"], prec["morality"], prec["conflict"]) == ("67%", "100%", "")
    assert precision_display(None).columns.tolist() == ["frame", "label", "checked", "correct", "precision"]
    assert precision_display(None).empty

    corpus = pd.DataFrame({"id": ["a"], "text": ["Iran fired missiles. Talks went well."]})
    texts = ["Iran fired missiles.", "Talks went well."]
    coded = pd.DataFrame(
        {
            "line": [2, 3, 4, 5],
            "id": ["a"] * 4,
            "text": texts * 2,
            "frame": ["escalation"] * 2 + ["de-escalation"] * 2,
            "present": [1, 1, 0, 1],
        }
    )
    second = coded.assign(present=[1, 0, 0, 1])
    check = check_sentences(corpus, coded, pd.DataFrame({"id": ["a"], "balance": [0.6]}), second, n_boot=0)
    shown = recall_display(check)
    # escalation: coded 2, found 1 (missiles) -> 50%, precision 1/1; readers 1 1 / 1 0: κ = 0 (p_o = p_e = 1/2)
    # de-escalation: coded 1, found 1; readers agree on 0 1 / 0 1: κ = 1
    assert shown.values.tolist() == [
        ["Escalation (war journalism)", 2, 1, 1, 0, "50%", "100%", "0.00"],
        ["De-escalation (peace journalism)", 1, 1, 0, 0, "100%", "100%", "1.00"],
    ]
    assert recall_display(None).empty and "κ between readers" in recall_display(None).columns
    # by sentences: (2 - 1)/3 = 0.33 ; by words 0.6
    assert balance_check_display(check, names={"a": "Outlet A"}).values.tolist() == [["Outlet A", 2.0, 1.0, 0.33, 0.6]]
    assert balance_check_display(None).columns.tolist() == [
        "article",
        "escalation sentences",
        "de-escalation sentences",
        "balance by sentences",
        "balance by words",
    ]
