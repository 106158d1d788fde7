"""Tests for analysis.evidence.transfer: the cleaning and actor scores on the transfer set.

Every expected value is counted by hand in the comments, on pages, articles and
annotations written here; the cleaner's verdicts they rely on follow from the
rules as documented in analysis/data/boilerplate.yaml (named in the comments).
No test asserts the goals: the report states the gap.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import AnalysisInputError
from analysis.evidence.transfer import (
    GOALS,
    actor_miss_summary,
    actor_transfer_errors,
    actor_transfer_scores,
    classify_transfer_lines,
    furniture_errors,
    furniture_scores,
    reader_agreement,
    reader_disagreements,
    transfer_report,
    transfer_summary,
)

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- furniture

# Page p1 (title "Big News"):
#   1 "Big News"                        labelled furniture/headline; cleaner: headline (title)      -> removed
#   2 "Photo of a rally"                labelled body/text (on purpose); cleaner: caption-lead-word -> removed
#   3 "The minister spoke on Monday."   labelled body/text; a sentence no rule matches               -> kept
#   4 "Subscribe"                       labelled furniture/share; cleaner: paywall-prompt            -> removed
# Page p2 (no title):
#   1 "Officials met again in the capital."      labelled furniture/other (on purpose); a sentence -> kept
#   2 "Read more: Iran summons Pakistani envoy"  labelled furniture/related; read-more-link        -> removed
#   3 "The talks ended late."                    labelled body/text; a sentence                    -> kept
PAGES = pd.DataFrame(
    {
        "id": ["p1", "p2"],
        "title": ["Big News", ""],
        "raw_text": [
            "Big News\nPhoto of a rally\nThe minister spoke on Monday.\nSubscribe",
            "Officials met again in the capital.\nRead more: Iran summons Pakistani envoy\nThe talks ended late.",
        ],
    }
)
LINES = pd.DataFrame(
    [
        ("p1", 1, "furniture", "headline", "Big News"),
        ("p1", 2, "body", "text", "Photo of a rally"),
        ("p1", 3, "body", "text", "The minister spoke on Monday."),
        ("p1", 4, "furniture", "share", "Subscribe"),
        ("p2", 1, "furniture", "other", "Officials met again in the capital."),
        ("p2", 2, "furniture", "related", "Read more: Iran summons Pakistani envoy"),
        ("p2", 3, "body", "text", "The talks ended late."),
    ],
    columns=["page", "line", "label", "kind", "text"],
)


def test_classify_transfer_lines_gives_the_cleaners_verdict_per_labelled_line():
    v = classify_transfer_lines(PAGES, LINES)
    assert v["removed"].tolist() == [True, True, False, True, False, True, False]
    # correct: removed exactly when labelled furniture -> p1 line 2 (body removed) and p2 line 1 (furniture kept) are wrong
    assert v["correct"].tolist() == [True, False, True, True, False, True, True]
    assert v["category"].tolist()[:4] == ["headline", "caption", "body", "promotion"]


def test_furniture_scores_count_by_hand():
    s = furniture_scores(PAGES, LINES).set_index(["measure", "kind"])
    # furniture: 4 lines (p1:1, p1:4, p2:1, p2:2), 3 removed
    assert s.loc[("furniture removed", "all"), ["lines", "hits"]].tolist() == [4, 3]
    assert s.loc[("furniture removed", "all"), "share"] == pytest.approx(3 / 4)
    assert s.loc[("furniture removed", "other"), ["lines", "hits"]].tolist() == [1, 0]
    assert s.loc[("furniture removed", "related"), "share"] == 1.0
    # body: 3 lines (p1:2, p1:3, p2:3), 2 kept
    assert s.loc[("body kept", "all"), ["lines", "hits"]].tolist() == [3, 2]
    assert s.loc[("body kept", "all"), "share"] == pytest.approx(2 / 3)
    # kinds without lines are left out; "all" rows come first
    assert "video" not in s.loc["furniture removed"].index
    assert s.index.tolist()[0] == ("furniture removed", "all")


def test_a_title_lets_the_cleaner_find_the_headline():
    # A headline ending with a period is no "fragment", so without the title the cleaner keeps it.
    pages = pd.DataFrame(
        {
            "id": ["p"],
            "title": ["Iran and Pakistan agree to talks."],
            "raw_text": ["Iran and Pakistan agree to talks.\nBoth sides met."],
        }
    )
    lines = pd.DataFrame(
        [
            ("p", 1, "furniture", "headline", "Iran and Pakistan agree to talks."),
            ("p", 2, "body", "text", "Both sides met."),
        ],
        columns=["page", "line", "label", "kind", "text"],
    )
    with_title = furniture_scores(pages, lines).set_index(["measure", "kind"])
    without = furniture_scores(pages, lines, use_title=False).set_index(["measure", "kind"])
    assert with_title.loc[("furniture removed", "headline"), "share"] == 1.0
    assert without.loc[("furniture removed", "headline"), "share"] == 0.0


def test_furniture_errors_lists_the_two_wrong_lines():
    errors = furniture_errors(classify_transfer_lines(PAGES, LINES))
    assert errors[["error", "page", "line"]].values.tolist() == [["body removed", "p1", 2], ["furniture kept", "p2", 1]]


def test_a_label_for_a_line_that_is_not_on_the_page_is_refused():
    lines = pd.concat([LINES, pd.DataFrame([("p2", 9, "body", "text", "?")], columns=LINES.columns)])
    with pytest.raises(AnalysisInputError, match="line 9 of 'p2' is not on the page"):
        classify_transfer_lines(PAGES, lines)


# ---------------------------------------------------------------- actors

# "Iran and Jordan met in Islamabad. Anwaar Kakar spoke."
#  Iran 0-4, Jordan 9-15, Islamabad 23-32, Anwaar Kakar 34-46 (Kakar 41-46)
ARTICLES = pd.DataFrame({"id": ["a"], "text": ["Iran and Jordan met in Islamabad. Anwaar Kakar spoke."]})
GOLD = pd.DataFrame(
    [
        ("a", 0, 4, "Iran", "iran", "state", False, True),
        ("a", 9, 15, "Jordan", "jordan", "state", False, False),
        ("a", 23, 32, "Islamabad", "pakistan", "state", False, True),
        ("a", 34, 46, "Anwaar Kakar", "kakar", "official", False, True),
    ],
    columns=["article", "start", "end", "matched", "actor", "actor_type", "is_demonym", "in_gazetteer"],
)
GAZETTEER = {
    "source": "written for this test",
    "actors": [
        {"id": "iran", "label": "Iran", "type": "state", "country": "IR", "aliases": ["Iran"]},
        {
            "id": "pakistan",
            "label": "Pakistan",
            "type": "state",
            "country": "PK",
            "aliases": [{"pattern": "Islamabad", "kind": "capital"}],
        },
        {
            "id": "kakar",
            "label": "Kakar",
            "type": "official",
            "country": "PK",
            "aliases": [{"pattern": "Kakar", "kind": "surname"}],
        },
    ],
}


def test_actor_scores_count_by_hand():
    # The matcher finds Iran (right), Islamabad -> pakistan (right) and "Kakar" 41-46 (a span the gold does not have).
    s = actor_transfer_scores(ARTICLES, GOLD, gazetteer=GAZETTEER).set_index("group")
    assert s.loc["all", ["gold", "predicted", "correct"]].tolist() == [4, 3, 2]
    assert s.loc["all", "precision"] == pytest.approx(2 / 3)
    assert s.loc["all", "recall"] == pytest.approx(2 / 4)
    # states: gold Iran, Jordan, Islamabad; predicted Iran, Islamabad
    assert s.loc["type: state", ["gold", "predicted", "correct"]].tolist() == [3, 2, 2]
    assert s.loc["type: state", "recall"] == pytest.approx(2 / 3)
    # officials: gold Anwaar Kakar, predicted Kakar: nothing right
    assert s.loc["type: official", ["precision", "recall"]].tolist() == [0.0, 0.0]
    # in the gazetteer: Iran, Islamabad, Anwaar Kakar (2 found); not: Jordan (0 found)
    assert s.loc["in gazetteer", "recall"] == pytest.approx(2 / 3)
    assert s.loc["not in gazetteer", ["gold", "correct", "recall"]].tolist() == [1, 0, 0.0]
    assert pd.isna(s.loc["not in gazetteer", "precision"])


def test_actor_scores_take_predictions_given():
    predicted = pd.DataFrame(
        [("a", 0, 4, "Iran", "iran", "state"), ("a", 9, 15, "Jordan", "iraq", "state")],
        columns=["id", "start", "end", "matched", "actor", "actor_type"],
    )
    s = actor_transfer_scores(ARTICLES, GOLD, predicted=predicted).set_index("group")
    # 1 of 2 predictions right (Jordan is given the wrong actor); 1 of 4 gold found
    assert s.loc["all", ["precision", "recall"]].tolist() == [0.5, 0.25]


def test_actor_errors_give_the_reason_of_each_error():
    predicted = pd.DataFrame(
        [
            ("a", 0, 4, "Iran", "iraq", "state"),  # same span, other actor
            ("a", 23, 32, "Islamabad", "pakistan", "state"),  # right
            ("a", 41, 46, "Kakar", "kakar", "official"),  # inside "Anwaar Kakar"
            ("a", 47, 52, "spoke", "iran", "state"),  # overlaps no annotation
        ],
        columns=["id", "start", "end", "matched", "actor", "actor_type"],
    )
    errors = actor_transfer_errors(ARTICLES, GOLD, predicted=predicted)
    got = sorted(zip(errors["matched"], errors["error"], errors["reason"]))
    assert got == [
        ("Anwaar Kakar", "missed", "span differs"),
        ("Iran", "wrong actor", "wrong actor"),
        ("Jordan", "missed", "actor not in gazetteer"),
        ("Kakar", "spurious", "span differs"),
        ("spoke", "spurious", "not a mention"),
    ]


def test_a_gazetteer_actor_nothing_overlaps_is_a_missing_alias():
    gold = pd.DataFrame(
        [("a", 23, 32, "Islamabad", "pakistan", "state", False, True)],
        columns=["article", "start", "end", "matched", "actor", "actor_type", "is_demonym", "in_gazetteer"],
    )
    predicted = pd.DataFrame(columns=["id", "start", "end", "matched", "actor", "actor_type"])
    errors = actor_transfer_errors(ARTICLES, gold, predicted=predicted)
    assert errors[["matched", "reason"]].values.tolist() == [["Islamabad", "alias missing"]]


def test_miss_summary_counts_and_orders_the_reasons():
    errors = pd.DataFrame(
        {
            "error": ["missed", "missed", "missed", "spurious"],
            "reason": ["actor not in gazetteer", "actor not in gazetteer", "alias missing", "not a mention"],
            "matched": ["Jordan", "Jordan", "FO", "US"],
        }
    )
    summary = actor_miss_summary(errors)
    assert summary[["error", "reason", "count", "examples"]].values.tolist() == [
        ["missed", "actor not in gazetteer", 2, "Jordan"],
        ["missed", "alias missing", 1, "FO"],
        ["spurious", "not a mention", 1, "US"],
    ]


# ---------------------------------------------------------------- summary and command


def test_goals_are_the_issues():
    assert GOALS == {"furniture removed": 0.95, "body kept": 0.995, "actor precision": 0.95, "actor recall": 0.95}


def test_summary_gaps_are_value_minus_goal():
    furniture = pd.DataFrame(
        {
            "measure": ["furniture removed", "furniture removed", "body kept"],
            "kind": ["all", "caption", "all"],
            "share": [0.5, 0.2, 0.99],
        }
    )
    actors = pd.DataFrame({"group": ["all", "type: state"], "precision": [0.9, 1.0], "recall": [0.8, 1.0]})
    s = transfer_summary(furniture, actors).set_index("measure")
    assert s["value"].tolist() == [0.5, 0.99, 0.9, 0.8]
    # 0.5 - 0.95, 0.99 - 0.995, 0.9 - 0.95, 0.8 - 0.95
    assert s["gap"].tolist() == pytest.approx([-0.45, -0.005, -0.05, -0.15])


def test_the_command_prints_the_four_figures_for_the_repositorys_set():
    result = subprocess.run(
        [sys.executable, "-m", "analysis.evidence.transfer", "tests/transfer"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for measure in GOALS:
        assert measure in result.stdout
    assert "Agreement of two readers (actors)" in result.stdout


# ---------------------------------------------------------------- two readers

# "Iran and Jordan met Iranian envoys."  Iran 0-4, Jordan 9-15, met 16-19, Iranian 20-27, Iranian envoys 20-34.
# The first reader annotates article a (Iran, Jordan, Iranian) and article b (Iraq); the second reads a only.
COLUMNS = ["article", "start", "end", "matched", "actor", "actor_type", "is_demonym", "in_gazetteer"]
FIRST = pd.DataFrame(
    [
        ("a", 0, 4, "Iran", "iran", "state", False, True),
        ("a", 9, 15, "Jordan", "jordan", "state", False, True),
        ("a", 20, 27, "Iranian", "iran", "state", True, True),
        ("b", 0, 4, "Iraq", "iraq", "state", False, True),
    ],
    columns=COLUMNS,
)
SECOND = pd.DataFrame(
    [
        ("a", 0, 4, "Iran", "iran", "state", False, True),  # agrees
        ("a", 9, 15, "Jordan", "jordan_valley", "place", False, True),  # same span, other actor
        ("a", 16, 19, "met", "ruritania", "state", False, False),  # overlaps nothing of the first's
        ("a", 20, 34, "Iranian envoys", "iran", "state", False, True),  # overlaps "Iranian", another span
    ],
    columns=COLUMNS,
)


def test_reader_agreement_counts_by_hand_on_the_second_readers_articles():
    table = reader_agreement(FIRST, SECOND).set_index("match")
    # article b is left out: the first reader has 3 mentions in a, the second 4
    # span and actor: Iran only -> precision 1/4, recall 1/3, F1 2*(1/12)/(7/12) = 2/7
    exact = table.loc["span and actor"]
    assert exact[["articles", "first", "second", "agreed"]].tolist() == [1, 3, 4, 1]
    assert exact[["precision", "recall", "f1"]].tolist() == pytest.approx([1 / 4, 1 / 3, 2 / 7])
    # span only: Iran and Jordan -> precision 2/4, recall 2/3, F1 2*(1/3)/(7/6) = 4/7
    span = table.loc["span only"]
    assert span[["first", "second", "agreed"]].tolist() == [3, 4, 2]
    assert span[["precision", "recall", "f1"]].tolist() == pytest.approx([1 / 2, 2 / 3, 4 / 7])


def test_two_identical_readings_agree_fully():
    table = reader_agreement(FIRST, FIRST)
    assert table["agreed"].tolist() == [4, 4] and table["f1"].tolist() == [1.0, 1.0]


def test_reader_disagreements_give_the_kind_of_each():
    got = reader_disagreements(FIRST, SECOND)
    rows = sorted(map(tuple, got[["matched", "error", "reason", "gold_actor", "predicted_actor"]].values.tolist()))
    assert rows == [
        ("Iranian", "first reader only", "span differs", "iran", ""),
        ("Iranian envoys", "second reader only", "span differs", "", "iran"),
        ("Jordan", "other actor", "other actor", "jordan", "jordan_valley"),
        ("met", "second reader only", "no overlapping mention", "", "ruritania"),
    ]


def _tiny_set(folder: Path) -> Path:
    (folder / "pages").mkdir()
    (folder / "articles").mkdir()
    (folder / "pages" / "p.txt").write_text("The minister spoke.\n", encoding="utf-8")
    (folder / "pages.csv").write_text(
        "id,file,outlet,url,topic,title,retrieved_from\np,pages/p.txt,Daily,https://example.org/p,other,,stored copy\n",
        encoding="utf-8",
    )
    (folder / "furniture_lines.csv").write_text("page,line_number,label,kind\np,1,body,text\n", encoding="utf-8")
    (folder / "articles" / "a.txt").write_text("Iran and Jordan met Iranian envoys.", encoding="utf-8")
    (folder / "actor_articles.csv").write_text(
        "id,file,outlet,url,crisis,retrieved_from\n"
        "a,articles/a.txt,Daily,https://example.org/a,iran-israel-2024-04,stored copy\n",
        encoding="utf-8",
    )
    FIRST[FIRST["article"] == "a"].to_csv(folder / "actor_mentions.csv", index=False)
    return folder


def test_the_report_has_the_agreement_only_when_a_second_reader_exists(tmp_path):
    folder = _tiny_set(tmp_path)
    assert "reader_agreement" not in transfer_report(folder)
    SECOND.to_csv(folder / "actor_mentions_coder2.csv", index=False)
    tables = transfer_report(folder)
    assert tables["reader_agreement"]["agreed"].tolist() == [1, 2]
    # one "other actor", two "span differs" (one each way), one "no overlapping mention"
    assert tables["reader_disagreements"]["count"].sum() == 4
