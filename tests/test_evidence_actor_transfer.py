"""Tests for analysis.evidence.actor_transfer and analysis.findings.actor_transfer (worked out by hand)."""

from __future__ import annotations

import pandas as pd

from analysis.evidence.actor_transfer import (
    TRANSFER_LABEL,
    actor_transfer_agreement,
    actor_transfer_figures,
    default_transfer_dir,
)
from analysis.findings.actor_transfer import describe_actor_transfer, describe_reader_agreement, transfer_type_table

HEADER = "article,start,end,matched,actor,actor_type,is_demonym,in_gazetteer\n"


def write_set(folder, text, mentions):
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "a.txt").write_text(text, encoding="utf-8")
    (folder / "actor_articles.csv").write_text(
        "id,file,outlet,url,crisis,retrieved_from,note\n"
        "a,articles/a.txt,Some Outlet,https://example.org/a,iran-pakistan-2024-01,by hand,test\n",
        encoding="utf-8",
    )
    (folder / "actor_mentions.csv").write_text(HEADER + "".join(mentions), encoding="utf-8")


def test_figures_on_a_small_set(tmp_path):
    # "Jordan and Iran met in Davos." Jordan 0-6, Iran 11-15, Davos 23-28 annotated; the matcher finds all three,
    # plus nothing else: precision 3/3, recall 3/3
    write_set(
        tmp_path,
        "Jordan and Iran met in Davos.",
        [
            "a,0,6,Jordan,jordan,state,false,false\n",
            "a,11,15,Iran,iran,state,false,true\n",
            "a,23,28,Davos,davos,place,false,false\n",
        ],
    )
    scores, n = actor_transfer_figures(tmp_path)
    total = scores.set_index("group").loc["all"]
    assert (n, total["gold"], total["correct"], total["precision"], total["recall"]) == (1, 3, 3, 1.0, 1.0)


def test_absent_set_is_none_and_said_once(tmp_path):
    assert actor_transfer_figures(tmp_path) is None
    text = describe_actor_transfer(None, label=TRANSFER_LABEL, goal=0.95)
    assert text.count("not with this copy") == 1 and TRANSFER_LABEL in text


def test_the_repository_set_is_found_and_labelled():
    assert (default_transfer_dir() / "actor_articles.csv").is_file()
    figures = actor_transfer_figures()
    sentence = describe_actor_transfer(figures, label=TRANSFER_LABEL, goal=0.95)
    # 18 + 6 + 5 articles and 437 + 202 + 163 mentions (tests/transfer/README.md: three batches)
    assert sentence.startswith("On the transfer set (articles from other outlets), 29 articles with 802 annotated")


def test_sentence_and_table_by_hand():
    t = pd.DataFrame(
        {
            "group": ["all", "type: state", "in gazetteer"],
            "gold": [4, 4, 3],
            "predicted": [2, 2, pd.NA],
            "correct": [2, 2, 2],
            "precision": [1.0, 1.0, float("nan")],
            "recall": [0.5, 0.5, 2 / 3],
        }
    )
    text = describe_actor_transfer((t, 1), label="set", goal=0.95)
    assert "1 article with 4 annotated mentions" in text and "precision 1.000 and recall 0.500" in text
    assert text.endswith("so recall falls short.")
    assert transfer_type_table(t)["group"].tolist() == ["all", "state", "in gazetteer"]
    assert transfer_type_table(t)["recall"].tolist() == [0.5, 0.5, 0.667]


def test_agreement_of_a_second_reader_on_a_small_set(tmp_path):
    # "Jordan and Iran met in Davos." Reader 1: Jordan, Iran, Davos. Reader 2: Jordan, and Iran as another actor.
    # Span and actor: 1 agreed; P 1/2, R 1/3, F1 = 2PR/(P+R) = (1/3)/(5/6) = 0.4. Spans: 2 agreed; P 1, R 2/3, F1 0.8.
    write_set(
        tmp_path,
        "Jordan and Iran met in Davos.",
        [
            "a,0,6,Jordan,jordan,state,false,false\n",
            "a,11,15,Iran,iran,state,false,true\n",
            "a,23,28,Davos,davos,place,false,false\n",
        ],
    )
    assert actor_transfer_agreement(tmp_path) is None  # no second reader yet
    (tmp_path / "actor_mentions_coder2.csv").write_text(
        HEADER + "a,0,6,Jordan,jordan,state,false,false\na,11,15,Iran,pakistan,state,false,true\n", encoding="utf-8"
    )
    table = actor_transfer_agreement(tmp_path).set_index("match")
    assert table.loc["span and actor", ["first", "second", "agreed"]].tolist() == [3, 2, 1]
    assert abs(table.loc["span and actor", "f1"] - 0.4) < 1e-12
    assert abs(table.loc["span only", "f1"] - 0.8) < 1e-12
    sentence = describe_reader_agreement(table.reset_index())
    assert (
        "agree on 1 mention, actor included, of 3 by the first reader and 2 by the second (F1 0.400; 0.800 on the spans alone)"
        in sentence
    )


def test_one_reader_is_said_once():
    assert (
        describe_reader_agreement(None) == "One reader annotated the transfer set; there is no agreement figure for it."
    )
