"""Tests for analysis.compare.

A four-article corpus is written to a tmp dir (tests/synthetic.write_corpus),
with its own small gazetteer and frame dictionary, so that every count can be
worked out by hand; the hand computation is written next to each check. Tone
is checked against TextBlob and vaderSentiment called directly on the
sentence strings, and every summary column is checked against the function of
the actors, framing or sentiment module it comes from.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

from analysis.actors import actor_summary, dominant_actors, find_mentions, load_gazetteer
from analysis.book import summary_display
from analysis.compare import (
    article_actors,
    article_summary,
    comparison_scope,
    country_profile,
    group_profile,
    median_sizes,
    reversal_thresholds,
)
from analysis.corpus import load_corpus
from analysis.errors import AnalysisInputError
from analysis.figures import dashboard_figure
from analysis.findings import (
    describe_articles,
    describe_country,
    describe_groups,
    describe_reversals,
    describe_tone_validation,
    limits,
    what_would_change,
)
from analysis.framing import escalation_balance, frame_scores, load_frames, pooled_balance
from analysis.pipeline import analyse
from analysis.sentiment import score_documents, score_sentences
from tests.synthetic import CRISES, write_corpus

# id, outlet, crisis, published, genre, title, text
ARTICLES = [
    (
        "a1",
        "North Post",
        "alpha-2023",
        "2023-03-02",
        "news",
        "Clash at the border",
        "Iran fired missiles at Pakistan after a border clash. Pakistan promised a strike in return. "
        "Iran and China urged restraint.\n",
    ),
    (
        "a2",
        "North Post",
        "beta-2023",
        "2023-06-11",
        "analysis",
        "Talks resume",
        "Tehran and Islamabad held talks. The envoys met again for talks in China.\n",
    ),
    ("a3", "South Daily", "alpha-2023", "2023-03-03", "news", "Missiles", "Missiles fell. Nobody spoke.\n"),
    ("a4", "East Wire", "alpha-2023", "2023-03-04", "news", "Quiet", "Calm returned.\n"),
]

GAZETTEER = {
    "source": "test gazetteer",
    "actors": [
        {
            "id": "iran",
            "label": "Iran",
            "type": "state",
            "country": "IR",
            "aliases": ["Iran", {"pattern": "Tehran", "kind": "capital"}],
        },
        {
            "id": "pakistan",
            "label": "Pakistan",
            "type": "state",
            "country": "PK",
            "aliases": ["Pakistan", {"pattern": "Islamabad", "kind": "capital"}],
        },
        {"id": "china", "label": "China", "type": "state", "country": "CN", "aliases": ["China"]},
    ],
}

FRAMES = {
    "source": "test frames",
    "frames": [
        {
            "key": "conflict",
            "label": "Conflict",
            "family": "generic",
            "citation": "x",
            "reference": "x",
            "definition": "Disagreement.",
            "patterns": ["clash*"],
        },
        {
            "key": "escalation",
            "label": "Escalation",
            "family": "war-peace",
            "index": "escalation",
            "citation": "x",
            "reference": "x",
            "definition": "Violence.",
            "patterns": ["strike*", "missile*"],
        },
        {
            "key": "de-escalation",
            "label": "De-escalation",
            "family": "war-peace",
            "index": "de-escalation",
            "citation": "x",
            "reference": "x",
            "definition": "Calming.",
            "patterns": ["restraint", "talks"],
        },
        {
            "key": "diplomacy",
            "label": "Diplomacy",
            "family": "crisis",
            "citation": "x",
            "reference": "x",
            "definition": "Diplomacy.",
            "patterns": ["envoy*", "talks"],
        },
    ],
}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    write_corpus(root / "corpus", articles=ARTICLES, crises=CRISES)
    (root / "gaz.yaml").write_text(yaml.safe_dump(GAZETTEER), encoding="utf-8")
    (root / "frames.yaml").write_text(yaml.safe_dump(FRAMES), encoding="utf-8")
    corpus = load_corpus(root / "corpus")
    gaz = load_gazetteer(root / "gaz.yaml")
    frames = load_frames(root / "frames.yaml")
    analysed = analyse(corpus, gazetteer=gaz, frames=frames)
    return {"corpus": corpus, "gaz": gaz, "frames": frames, "analysed": analysed}


@pytest.fixture(scope="module")
def summary(setup):
    return article_summary(setup["analysed"], n_boot=200).set_index("id")


def test_corpus_text_is_as_written(setup):
    # the hand counts below assume the cleaning keeps these bodies unchanged
    texts = setup["corpus"].set_index("id")["text"]
    assert texts["a3"].strip() == "Missiles fell. Nobody spoke."
    assert list(setup["corpus"]["id"]) == ["a1", "a3", "a4", "a2"]  # date order


def test_article_summary_one_row_per_article_in_corpus_order(setup, summary):
    assert list(summary.index) == list(setup["corpus"]["id"])
    assert summary.loc["a1", "outlet"] == "North Post"
    assert summary.loc["a2", "crisis"] == "beta-2023"


def test_top_actors_by_hand(summary):
    # a1: Iran ×2 (Iran, Iran), Pakistan ×2, China ×1 -> ranks 1, 1, 3; ties in rank go by actor id
    assert summary.loc["a1", "top_actors"] == "Iran (2), Pakistan (2), China (1)"
    assert summary.loc["a1", "actor_mentions"] == 5
    # a2: Tehran (Iran), Islamabad (Pakistan), China: one each, all rank 1, order by id
    assert summary.loc["a2", "top_actors"] == "China (1), Iran (1), Pakistan (1)"
    # a3, a4: no actor
    assert summary.loc["a3", "top_actors"] == "none"
    assert summary.loc["a3", "actor_mentions"] == 0


def test_top_actors_counts_ties_beyond_the_cut(setup):
    s = article_summary(setup["analysed"], top=2, n_boot=20).set_index("id")
    # a2 with top=2: China, Iran shown; Pakistan ties with Iran (1 mention) -> "+1 tied"
    assert s.loc["a2", "top_actors"] == "China (1), Iran (1) (+1 tied)"
    assert s.loc["a2", "actors_tied"] == 1
    # a1 with top=2: Iran, Pakistan (2 each); China (1) does not tie
    assert s.loc["a1", "actors_tied"] == 0


def test_frames_and_balance_by_hand(summary):
    # a1: missiles, strike -> esc 2; restraint -> deesc 1; balance (2-1)/(2+1) = 1/3; clash -> conflict 1
    assert (summary.loc["a1", "esc"], summary.loc["a1", "deesc"]) == (2, 1)
    assert summary.loc["a1", "balance"] == pytest.approx(1 / 3)
    assert summary.loc["a1", "dominant_frame"] == "conflict"
    assert summary.loc["a1", "dominant_frame_hits"] == 1
    # a2: talks ×2 -> deesc 2, esc 0 -> balance (0-2)/2 = -1; diplomacy: envoys + talks ×2 = 3 hits
    assert summary.loc["a2", "balance"] == pytest.approx(-1.0)
    assert summary.loc["a2", "dominant_frame"] == "diplomacy"
    assert summary.loc["a2", "dominant_frame_hits"] == 3
    # a3: Missiles -> esc 1 -> balance +1; no non-index frame hit
    assert summary.loc["a3", "balance"] == pytest.approx(1.0)
    assert summary.loc["a3", "dominant_frame_label"] == "none"
    # a4: nothing -> NaN balance, flagged
    assert math.isnan(summary.loc["a4", "balance"]) and bool(summary.loc["a4", "no_hits"])


def test_dominant_frame_ties_go_to_file_order(setup):
    corpus = pd.DataFrame({"id": ["t"], "text": ["A clash, then an envoy."], "quoted_text": [""]})
    s = article_summary(analyse(corpus, frames=setup["frames"], gazetteer=setup["gaz"]), n_boot=20)
    # conflict 1 (clash) and diplomacy 1 (envoy): conflict is listed first in the file; one frame tied
    assert s.loc[0, "dominant_frame"] == "conflict"
    assert s.loc[0, "frames_tied"] == 1


def test_tone_equals_the_libraries_for_a_one_sentence_article(setup, summary):
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = "Calm returned."
    assert summary.loc["a4", "n_sentences"] == 1
    assert summary.loc["a4", "vader_mean"] == pytest.approx(
        SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    )
    assert summary.loc["a4", "tb_mean"] == pytest.approx(TextBlob(text).sentiment.polarity)


def test_summary_equals_the_module_functions(setup, summary):
    corpus, gaz, frames = setup["corpus"], setup["gaz"], setup["frames"]
    bal = escalation_balance(corpus, frames).set_index("id")
    for col in ("esc", "deesc"):
        assert summary[col].to_dict() == bal[col].to_dict()
    pd.testing.assert_series_equal(summary["balance"], bal["balance"].reindex(summary.index), check_names=False)
    docs = score_documents(score_sentences(corpus), by="id", n_boot=200)
    for measure, prefix in (("vader_compound", "vader"), ("tb_polarity", "tb")):
        d = docs[docs["measure"] == measure].set_index("id")
        for stat in ("mean", "lo", "hi"):
            source = "mean" if stat == "mean" else f"mean_{stat}"
            assert summary[f"{prefix}_{stat}"].to_dict() == pytest.approx(d[source].to_dict())
    dom = dominant_actors(actor_summary(find_mentions(corpus, gaz), corpus, by="id", gazetteer=gaz), by="id")
    for aid, part in dom.groupby("id"):
        assert summary.loc[aid, "top_actors"].startswith(f"{part.iloc[0]['label']} ({part.iloc[0]['mentions']})")
    hits = frame_scores(corpus, frames).query("frame == 'diplomacy'").set_index("id")["hits"]
    assert summary.loc["a2", "dominant_frame_hits"] == hits["a2"]


def test_article_actors_shares(setup):
    t = article_actors(setup["analysed"])
    a1 = t[t["id"] == "a1"]
    # shares of a1's 5 mentions: 2/5, 2/5, 1/5
    assert a1["share"].tolist() == pytest.approx([0.4, 0.4, 0.2])
    assert a1["order"].tolist() == [1, 2, 3]
    assert set(t["id"]) == {"a1", "a2"}


def test_group_profile_by_crisis_by_hand(setup):
    p = group_profile(setup["analysed"], by="crisis", n_boot=50).set_index("group")
    # alpha = a1 + a3 + a4: esc 2+1+0 = 3, deesc 1 -> pooled (3-1)/4 = 0.5; beta = a2: (0-2)/2 = -1
    assert (p.loc["alpha-2023", "esc"], p.loc["alpha-2023", "deesc"]) == (3, 1)
    assert p.loc["alpha-2023", "balance"] == pytest.approx(0.5)
    assert p.loc["beta-2023", "balance"] == pytest.approx(-1.0)
    assert p.loc["alpha-2023", "n_articles"] == 3
    assert p.loc["alpha-2023", "top_actors"] == "Iran (2), Pakistan (2), China (1)"
    assert p.loc["alpha-2023", "dominant_frame"] == "conflict"
    # alpha sentences: a1 3 + a3 2 + a4 1 = 6
    assert p.loc["alpha-2023", "n_sentences"] == 6
    # pooled with framing.pooled_balance
    pooled = pooled_balance(escalation_balance(setup["corpus"], setup["frames"]), by="crisis").set_index("group")
    assert p["balance"].to_dict() == pytest.approx(pooled["balance"].to_dict())


def test_group_profile_unknown_column(setup):
    with pytest.raises(AnalysisInputError):
        group_profile(setup["analysed"], by="nope")


def test_country_profile_by_hand(setup):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    p = country_profile(setup["analysed"], "PK", by="crisis", n_boot=50).set_index("group")
    # alpha: Pakistan ×2 of 5 actor mentions -> 0.4; beta: Islamabad, 1 of 3
    assert p.loc["alpha-2023", "mentions"] == 2
    assert p.loc["alpha-2023", "share"] == pytest.approx(0.4)
    assert p.loc["beta-2023", "share"] == pytest.approx(1 / 3)
    # alpha: a1's sentences 0 (missiles) and 1 (strike) name Pakistan -> 2 sentences, esc 2, deesc 0
    assert p.loc["alpha-2023", "n_sentences"] == 2
    assert (p.loc["alpha-2023", "esc"], p.loc["alpha-2023", "deesc"]) == (2, 0)
    assert p.loc["alpha-2023", "balance"] == pytest.approx(1.0)
    # beta: "Tehran and Islamabad held talks." -> deesc 1
    assert (p.loc["beta-2023", "esc"], p.loc["beta-2023", "deesc"]) == (0, 1)
    vader = SentimentIntensityAnalyzer()
    expected = (
        vader.polarity_scores("Iran fired missiles at Pakistan after a border clash.")["compound"]
        + vader.polarity_scores("Pakistan promised a strike in return.")["compound"]
    ) / 2
    assert p.loc["alpha-2023", "vader_mean"] == pytest.approx(expected)


def test_country_not_named(setup):
    p = country_profile(setup["analysed"], "IL", by="crisis", n_boot=20)
    assert p["mentions"].sum() == 0
    assert (
        describe_country(p, name="Israel")
        == "No actor belonging to Israel is named in this corpus, so its role cannot be read."
    )


def test_describe_country_describes_without_a_verdict():
    p = pd.DataFrame(
        {
            "group": ["A", "B"],
            "mentions": [90, 4],
            "share": [0.4, 0.07],
            "state_rank": [1, 4],
            "quoted_share": [0.08, 0.5],
            "first_in": [2, 1],
            "articles": [4, 1],
            "n_sentences": [50, 3],
            "vader_mean": [-0.2, 0.1],
            "tb_mean": [0.0, 0.0],
            "esc": [30, 1],
            "deesc": [10, 2],
            "balance": [0.5, -0.33],
        }
    )
    text = describe_country(p, name="P")
    assert "In A (4 articles), P's actors take 40% of actor mentions (90), rank 1 among countries" in text
    assert "party" not in text  # the verdict on roles is describe_country_role's, from tested signs
    assert "With one group only" in describe_country(p.head(1), name="P")


def _profile(**over):
    base = {
        "group": ["A", "B"],
        "n_articles": [3, 1],
        "n_words": [900, 300],
        "top_actors": ["x (1)", "y (1)"],
        "dominant_frame_label": ["Conflict", "Conflict"],
        "dominant_frame_hits": [2, 1],
        "esc": [3, 0],
        "deesc": [1, 2],
        "balance": [0.5, -1.0],
        "no_hits": [False, False],
        "n_sentences": [6, 2],
        "vader_mean": [-0.5, 0.4],
        "vader_lo": [-0.6, 0.3],
        "vader_hi": [-0.4, 0.5],
        "tb_mean": [-0.2, 0.1],
        "tb_lo": [-0.3, 0.0],
        "tb_hi": [-0.1, 0.2],
    }
    base.update(over)
    return pd.DataFrame(base)


def test_describe_groups_states_no_direction():
    # The order of groups is a verdict (tested in test_findings_verdicts.py); the description only describes.
    text = describe_groups(_profile(), what="crisis")
    assert "B rests on a single article" in text
    assert "mean sentence tone -0.50 (VADER) and -0.20 (TextBlob) over 6 sentences" in text
    for verdict in ("reads more negative", "weighs most", "order the groups"):
        assert verdict not in text


def test_word_counts_say_what_they_count():
    """The comparison counts body words; the tone chapter counts body and embedded posts: each says which."""
    from analysis.book import profile_display, tone_display

    profile = _profile()
    text = describe_groups(profile, what="crisis")
    assert f"{int(profile['n_words'].iloc[0]):,} words of body text)" in text
    assert "body words" in profile_display(profile.assign(frames_tied=0)).columns
    docs = pd.DataFrame(
        {"crisis": ["k", "k"], "measure": ["vader_compound", "tb_polarity"], "n_sentences": [4, 4], "n_words": [40, 40],
         "mean": [-0.2, 0.0], "mean_lo": [-0.4, -0.1], "mean_hi": [0.03, 0.1], "wmean": [-0.25, 0.0],
         "wmean_lo": [-0.5, -0.1], "wmean_hi": [0.0, 0.1], "share_neg": [0.5, 0.25], "share_neu": [0.25, 0.5],
         "share_pos": [0.25, 0.25]}
    )  # fmt: skip
    assert "words incl. posts" in tone_display(docs, by="crisis").columns


def test_describe_groups_one_group():
    assert describe_groups(_profile().head(1), what="outlet", labels={"A": "Alpha"}) == (
        "The corpus holds one outlet (Alpha), so there is nothing to set it against."
    )


def test_reversal_thresholds_by_hand():
    p = _profile()
    r = reversal_thresholds(p, hits_per_article=2, sentences_per_article=2).set_index("measure")
    # balance: A 0.5 (esc 3, deesc 1: total 4, net 2), B -1 (total 2, net -2), h = 2
    # one A article to reach -1: x = (-1·(4+2) − 2)/2 = −4  (impossible)
    # one B article to reach 0.5: x = (0.5·(2+2) − (−2))/2 = 2  (impossible)
    assert r.loc["balance", "add_to_high"] == pytest.approx(-4.0)
    assert r.loc["balance", "add_to_low"] == pytest.approx(2.0)
    assert not r.loc["balance", "feasible_high"] and not r.loc["balance", "feasible_low"]
    # vader: high B 0.4 (n 2), low A −0.5 (n 6), k = 2
    # B to reach −0.5: y = (−0.5·4 − 2·0.4)/2 = −1.4 (impossible); A to reach 0.4: y = (0.4·8 − 6·(−0.5))/2 = 3.1
    assert r.loc["vader_mean", "high"] == "B"
    assert r.loc["vader_mean", "add_to_high"] == pytest.approx(-1.4)
    assert r.loc["vader_mean", "add_to_low"] == pytest.approx(3.1)
    # tb: high B 0.1, low A −0.2; B to reach −0.2: y = (−0.2·4 − 0.2)/2 = −0.5; A: y = (0.1·8 + 1.2)/2 = 1.0
    assert r.loc["tb_mean", "add_to_high"] == pytest.approx(-0.5)
    assert r.loc["tb_mean", "add_to_low"] == pytest.approx(1.0)
    assert r.loc["tb_mean", "feasible_high"] and r.loc["tb_mean", "feasible_low"]
    text = describe_reversals(r.reset_index(), what="crisis", hits_per_article=2, sentences_per_article=2)
    assert text[0].startswith("Escalation balance: A (+0.50) is above B (-1.00). No single added article")
    assert "with a mean TextBlob score of +1.00 or more would close the gap; so would one more B article" in text[2]


def test_reversal_pooling_check():
    # adding the threshold article really closes the gap: B (esc 0, deesc 2) + an article of h=4 hits at x
    p = _profile(esc=[3, 0], deesc=[1, 2], balance=[0.5, -1.0])
    x = (
        reversal_thresholds(p, hits_per_article=4, sentences_per_article=2)
        .set_index("measure")
        .loc["balance", "add_to_low"]
    )
    # x = (0.5·6 + 2)/4 = 1.25; the new pooled balance is (−2 + 1.25·4)/(2 + 4) = 3/6 = 0.5
    assert x == pytest.approx(1.25)
    assert (-2 + x * 4) / (2 + 4) == pytest.approx(0.5)


def test_what_would_change_and_median_sizes(setup, summary):
    # hits per article: a1 3, a3 1, a4 0, a2 2 -> median 1.5; sentences 3, 2, 1, 2 -> median 2
    assert median_sizes(summary.reset_index()) == {"hits": 1.5, "sentences": 2.0}
    p = group_profile(setup["analysed"], by="crisis", n_boot=20)
    text = what_would_change(p, summary.reset_index(), what="crisis")
    assert text.startswith("Escalation balance: alpha-2023 (+0.50) is above beta-2023 (-1.00).")
    assert what_would_change(p.head(1), summary.reset_index(), what="crisis") == (
        "With one crisis, there is no order between crises to reverse."
    )


def test_comparison_scope(setup):
    # alpha (3 articles) is all news, so genres are compared across the corpus
    scope = comparison_scope(setup["corpus"])
    assert scope["scope"] == "corpus" and scope["n_groups"] == 2
    one = setup["corpus"][setup["corpus"]["genre"] == "news"]
    assert comparison_scope(one)["scope"] == "none"


def test_limits_sentences(setup):
    outlets = pd.DataFrame(
        {
            "outlet": ["South Daily", "Other"],
            "kind": ["news site (possible re-publisher)", "x"],
            "description": ["", "may republish"],
        }
    )
    lim = limits(setup["corpus"], outlets=outlets)
    assert lim["crises"].startswith("Articles per crisis: alpha-2023: 3; beta-2023: 1. beta-2023 rests on a single")
    assert lim["genres"].startswith(
        "Outlets differ in genre: analysis: North Post; news: East Wire, North Post and South Daily."
    )
    # "Other" is flagged too but has no article here
    assert lim["republishers"].startswith("South Daily may re-publish")
    assert "No outlet" in limits(setup["corpus"])["republishers"]


def test_single_crisis_single_outlet_corpus_does_not_crash(tmp_path):
    write_corpus(tmp_path / "c", articles=[ARTICLES[0]], crises=CRISES)
    corpus = load_corpus(tmp_path / "c")
    analysed = analyse(corpus)
    s = article_summary(analysed, n_boot=20)
    p = group_profile(analysed, by="crisis", n_boot=20)
    assert len(s) == 1 and len(p) == 1
    assert "one crisis" in describe_groups(p, what="crisis")
    assert "With one group only" in describe_country(country_profile(analysed, "PK", n_boot=20), name="Pakistan")
    assert limits(corpus)["crises"].startswith("The corpus holds one crisis")
    fig = dashboard_figure(s, article_actors(analysed))
    plt.close(fig)


def test_displays(setup, summary):
    shown = summary_display(summary.reset_index())
    assert shown.set_index("article").loc["a4", "escalation balance (esc/de-esc)"] == "no hits"
    assert shown.set_index("article").loc["a1", "escalation balance (esc/de-esc)"] == "+0.33 (2/1)"
    assert len(shown) == 4


def test_dashboard_has_one_row_per_article(setup, summary):
    s = summary.reset_index()
    fig = dashboard_figure(s, article_actors(setup["analysed"]))
    assert len(fig.axes) == 4
    assert len(fig.axes[0].get_yticklabels()) == len(s)
    plt.close(fig)


def test_describe_articles_by_hand(summary):
    text = describe_articles(summary.reset_index())
    # balances: a1 +0.33, a2 −1, a3 +1, a4 none; North Post has two articles, so ids are added
    assert text.startswith("The escalation balance runs from -1.00 (North Post a2) to +1.00 (South Daily a3).")
    # dominant frames: a1 conflict, a2 diplomacy (one each), a3 and a4 none
    assert text.endswith("No single frame dominates more articles than every other.")


def test_tone_validation_against_the_library(setup):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    gold = pd.DataFrame(
        {"line": [2], "id": ["a4"], "source": ["body"], "text": ["Calm returned."], "label": ["positive"]}
    )
    text = describe_tone_validation(setup["corpus"], setup["analysed"].sentences, gold=gold)
    compound = SentimentIntensityAnalyzer().polarity_scores("Calm returned.")["compound"]
    # one sentence: VADER's accuracy is 1 if its class (±0.05) is "positive", else 0
    expected = 1.0 if compound >= 0.05 else 0.0
    assert text.startswith("Against one reader's labels for 1 of this corpus's sentences")
    assert f"and {expected:.2f} (VADER)" in text
    other = setup["corpus"].assign(id=lambda d: "x" + d["id"])
    assert describe_tone_validation(other, setup["analysed"].sentences, gold=gold).startswith(
        "No hand-labelled sentence"
    )
