"""Tests for analysis.sentiment.

Expected values are worked out by hand (in the comments) or taken from the
tools' own published lexicons/outputs, never from this module's output.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.corpus import load_corpus
from analysis.errors import AnalysisInputError, DataFileError
from analysis.evidence import (
    classification_metrics,
    confusion_matrix,
    evaluate,
    gold_predictions,
    load_gold,
    read_sentiment_gold,
)
from analysis.sentiment import (
    LABELS,
    SCORE_COLUMNS,
    actor_tone,
    capitalised_hits,
    classify,
    lexicon_coverage,
    quote_sensitivity,
    score_documents,
    score_sentences,
    sentiment_arcs,
    tool_agreement,
    top_contributors,
    with_metadata,
)
from analysis.text import sentence_table
from tests.synthetic import write_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def scored(corpus):
    return with_metadata(score_sentences(corpus), corpus)


# --- scoring equals the libraries ---------------------------------------------------------------


def test_scores_equal_the_libraries_called_directly(scored):
    fresh = SentimentIntensityAnalyzer()  # a new instance, not the module's cached one
    assert len(scored) > 0
    for row in scored.itertuples(index=False):
        tb = TextBlob(row.text).sentiment
        vd = fresh.polarity_scores(row.text)
        assert row.tb_polarity == tb.polarity, row.text
        assert row.tb_subjectivity == tb.subjectivity, row.text
        assert row.vader_compound == vd["compound"], row.text
        assert (row.vader_pos, row.vader_neu, row.vader_neg) == (vd["pos"], vd["neu"], vd["neg"]), row.text


def test_score_sentences_keeps_the_sentence_table(corpus, scored):
    table = sentence_table(corpus, include_embeds=True)
    assert len(scored) == len(table)
    pd.testing.assert_frame_equal(scored[table.columns].reset_index(drop=True), table)
    for column in SCORE_COLUMNS:
        assert column in scored.columns
    body_only = score_sentences(corpus, include_embeds=False)
    assert set(body_only["source"]) == {"body"}


def test_parallel_scoring_equals_serial(corpus):
    serial = score_sentences(corpus)
    parallel = score_sentences(corpus, n_jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)


def test_bad_n_jobs_is_refused(corpus):
    with pytest.raises(AnalysisInputError, match="n_jobs"):
        score_sentences(corpus, n_jobs=0)


def test_works_on_another_corpus(tmp_path):
    other = load_corpus(write_corpus(tmp_path / "c"))
    scored = with_metadata(score_sentences(other), other)
    docs = score_documents(scored, by="crisis", n_boot=50)
    assert set(docs["crisis"]) == set(other["crisis"])
    agreement = tool_agreement(scored, by="crisis")
    assert agreement["n_sentences"].sum() == len(scored)


# --- classes and document tone ------------------------------------------------------------------


def test_classify_uses_the_vader_convention():
    # >= +0.05 positive, <= -0.05 negative, strictly between: neutral
    assert classify([0.05, 0.0499, -0.0499, -0.05, 1, -1]).tolist() == [
        "positive",
        "neutral",
        "neutral",
        "negative",
        "positive",
        "negative",
    ]


def _toy():
    # article a: scores 0.6 (2 words), -0.3 (4 words, quoted), 0.0 (4 words)
    # article b: one sentence 0.2 (5 words)
    return pd.DataFrame(
        {
            "id": ["a", "a", "a", "b"],
            "outlet": ["X", "X", "X", "Y"],
            "vader_compound": [0.6, -0.3, 0.0, 0.2],
            "tb_polarity": [0.1, 0.1, -0.5, 0.0],
            "n_words": [2, 4, 4, 5],
            "in_quote": [False, True, False, False],
        }
    )


def test_score_documents_means_weights_and_shares():
    d = score_documents(_toy(), n_boot=100).set_index(["id", "measure"])
    a = d.loc[("a", "vader_compound")]
    # mean = (0.6 - 0.3 + 0.0) / 3 = 0.1 ; weighted = (0.6*2 - 0.3*4 + 0*4) / 10 = 0.0
    assert a["mean"] == pytest.approx(0.1)
    assert a["wmean"] == pytest.approx(0.0)
    assert a["n_sentences"] == 3 and a["n_words"] == 10
    # classes: 0.6 positive, -0.3 negative, 0.0 neutral -> a third each
    assert (a["share_neg"], a["share_neu"], a["share_pos"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    t = d.loc[("a", "tb_polarity")]
    # 0.1, 0.1, -0.5 -> mean -0.1; two positive, one negative
    assert t["mean"] == pytest.approx(-0.1)
    assert t["share_pos"] == pytest.approx(2 / 3)


def test_score_documents_excluding_quotes():
    d = score_documents(_toy(), measures=["vader_compound"], exclude_quotes=True, n_boot=100).set_index("id")
    # without the quoted -0.3: mean (0.6 + 0.0) / 2 = 0.3 ; weighted (1.2 + 0) / 6 = 0.2
    assert d.loc["a", "mean"] == pytest.approx(0.3)
    assert d.loc["a", "wmean"] == pytest.approx(0.2)


def test_a_group_with_only_quotes_keeps_its_row():
    s = _toy()
    s.loc[3, "in_quote"] = True
    d = score_documents(s, measures=["vader_compound"], exclude_quotes=True, n_boot=10).set_index("id")
    assert d.loc["b", "n_sentences"] == 0
    assert math.isnan(d.loc["b", "mean"])


def test_bootstrap_ci_is_seeded_and_sensible():
    rng = np.random.default_rng(1)
    s = pd.DataFrame({"id": "a", "vader_compound": rng.uniform(-1, 1, 40), "n_words": 10, "in_quote": False})
    one = score_documents(s, measures=["vader_compound"], n_boot=500, seed=3)
    two = score_documents(s, measures=["vader_compound"], n_boot=500, seed=3)
    other = score_documents(s, measures=["vader_compound"], n_boot=500, seed=4)
    pd.testing.assert_frame_equal(one, two)
    assert one.loc[0, "mean_lo"] != other.loc[0, "mean_lo"]
    row = one.iloc[0]
    assert row["mean_lo"] < row["mean"] < row["mean_hi"]
    # the CI half-width is close to 1.96 * sd / sqrt(n) (normal approximation)
    half = 1.96 * s["vader_compound"].std(ddof=0) / math.sqrt(40)
    assert (row["mean_hi"] - row["mean_lo"]) / 2 == pytest.approx(half, rel=0.25)
    # equal weights: the weighted mean and its CI equal the plain ones
    assert row["wmean"] == pytest.approx(row["mean"])
    assert row["wmean_lo"] == pytest.approx(row["mean_lo"])


def test_single_sentence_ci_collapses_to_the_value():
    d = score_documents(_toy(), measures=["vader_compound"], n_boot=50).set_index("id")
    assert d.loc["b", "mean_lo"] == d.loc["b", "mean_hi"] == pytest.approx(0.2)


def test_score_documents_by_several_columns_and_unknown_column():
    d = score_documents(_toy(), by=["outlet", "id"], measures=["tb_polarity"], n_boot=10)
    assert d[["outlet", "id"]].values.tolist() == [["X", "a"], ["Y", "b"]]
    with pytest.raises(AnalysisInputError, match="colour"):
        score_documents(_toy(), by="colour")


def test_with_metadata_refuses_unknown_ids():
    with pytest.raises(AnalysisInputError, match="zzz"):
        with_metadata(pd.DataFrame({"id": ["zzz"]}), pd.DataFrame({"id": ["a"], "outlet": ["X"], "crisis": ["k"]}))


# --- diagnostics --------------------------------------------------------------------------------


def test_tool_agreement_spearman_and_signs():
    # TextBlob ranks 1 2 3 4, VADER ranks 1 3 2 4: d^2 = 0+1+1+0 = 2,
    # rho = 1 - 6*2 / (4*(16-1)) = 0.8
    # classes: TB neg, neu, pos, pos ; VADER neg, pos, neu(0.01), pos -> 2 of 4 agree, none opposite
    s = pd.DataFrame(
        {"tb_polarity": [-0.5, 0.0, 0.2, 0.9], "vader_compound": [-0.9, 0.3, 0.01, 0.8], "crisis": ["k", "k", "k", "k"]}
    )
    out = tool_agreement(s).iloc[0]
    assert out["spearman"] == pytest.approx(0.8)
    assert out["sign_agreement"] == pytest.approx(0.5)
    assert out["n_opposite"] == 0
    assert tool_agreement(s, by="crisis")["group"].tolist() == ["k"]


def test_spearman_with_ties_and_constant_input():
    # x ranks 1.5 1.5 3 4 ; y ranks 1 2 3 4 -> Pearson of the ranks
    rx, ry = np.array([1.5, 1.5, 3, 4]), np.array([1, 2, 3, 4])
    expected = np.sum((rx - rx.mean()) * (ry - ry.mean())) / math.sqrt(
        np.sum((rx - rx.mean()) ** 2) * np.sum((ry - ry.mean()) ** 2)
    )  # = 0.9487
    s = pd.DataFrame({"tb_polarity": [0.1, 0.1, 0.2, 0.3], "vader_compound": [0.1, 0.2, 0.3, 0.4]})
    assert tool_agreement(s).loc[0, "spearman"] == pytest.approx(expected)
    flat = pd.DataFrame({"tb_polarity": [0.0, 0.0, 0.0], "vader_compound": [0.1, 0.2, 0.3]})
    assert math.isnan(tool_agreement(flat).loc[0, "spearman"])


def test_opposite_signs_are_counted():
    s = pd.DataFrame({"tb_polarity": [0.5, -0.5], "vader_compound": [-0.5, 0.5]})
    out = tool_agreement(s).iloc[0]
    assert out["n_opposite"] == 2 and out["sign_agreement"] == 0


def test_lexicon_coverage_counts():
    # tokens: the, talks, were, good, but, the, war, was, terrible -> 9
    # VADER lexicon has "good" (1.9), "war" (-2.9), "terrible" (-2.1) -> 3 known
    # Pattern lexicon rates "good" (+0.7) and "terrible" (-1.0) -> at least 2 polar
    s = pd.DataFrame({"id": ["a", "a"], "text": ["The talks were good.", "But the war was terrible."]})
    out = lexicon_coverage(s).iloc[0]
    assert out["n_tokens"] == 9
    assert out["vader_known"] == 3
    assert out["vader_known_share"] == pytest.approx(3 / 9)
    assert out["tb_polar"] == 2


def test_top_contributors_use_lexicon_values():
    s = pd.DataFrame({"id": ["a", "a"], "text": ["Peace is good.", "A terrible failure, and peace."]})
    top = top_contributors(s, n=2)
    vader = top[top.tool == "VADER"].set_index("term")
    # VADER lexicon file: peace +2.5, good +1.9, terrible -2.1, failure -2.3
    assert vader.loc["peace", "count"] == 2 and vader.loc["peace", "total"] == pytest.approx(5.0)
    assert vader.loc["failure", "rank"] == 1 and vader.loc["terrible", "rank"] == 2  # -2.3 before -2.1
    assert vader.loc["good", "direction"] == "positive"
    tb = top[top.tool == "TextBlob"].set_index("term")
    # TextBlob assessment of "terrible" is -1.0 (Pattern lexicon)
    assert tb.loc["terrible", "total"] == pytest.approx(-1.0)


def test_quote_sensitivity_by_hand():
    q = quote_sensitivity(_toy(), n_boot=20).set_index("id")
    # a: all (0.6-0.3+0)/3 = 0.1 ; without quotes 0.3 ; quotes only -0.3 ; shift 0.2
    assert q.loc["a", "mean_all"] == pytest.approx(0.1)
    assert q.loc["a", "mean_no_quotes"] == pytest.approx(0.3)
    assert q.loc["a", "mean_quotes"] == pytest.approx(-0.3)
    assert q.loc["a", "shift"] == pytest.approx(0.2)
    assert q.loc["b", "n_quoted"] == 0 and math.isnan(q.loc["b", "mean_quotes"])


# --- validation ---------------------------------------------------------------------------------


def test_metrics_by_hand():
    true = ["negative", "negative", "neutral", "neutral", "positive", "positive"]
    pred = ["negative", "neutral", "neutral", "negative", "positive", "negative"]
    cm = confusion_matrix(true, pred)
    assert cm.loc["negative"].tolist() == [1, 1, 0]
    assert cm.loc["neutral"].tolist() == [1, 1, 0]
    assert cm.loc["positive"].tolist() == [1, 0, 1]
    m = classification_metrics(true, pred)
    # accuracy 3/6. negative: P 1/3 R 1/2 F1 0.4 ; neutral: P 1/2 R 1/2 F1 0.5 ; positive: P 1 R 1/2 F1 2/3
    assert m["accuracy"] == pytest.approx(0.5)
    assert m["macro_f1"] == pytest.approx((0.4 + 0.5 + 2 / 3) / 3)
    assert m["per_class"]["negative"]["precision"] == pytest.approx(1 / 3)


def test_gold_file_covers_every_seed_sentence(corpus):
    gold = load_gold("sentiment")
    table = sentence_table(corpus, include_embeds=True)
    # The seed corpus has fewer than 120 sentences in all, so every one is labelled.
    assert len(gold) == len(table) >= 100
    assert set(zip(gold.id, gold.source, gold.text)) == set(zip(table.id, table.source, table.text))
    crisis_b = corpus.loc[corpus["crisis"] == "iran-israel-2024-04", "id"].tolist()
    assert crisis_b and set(crisis_b) <= set(gold["id"])
    assert set(gold["label"]) == set(LABELS)


def test_second_coder_labels_the_same_sentences():
    first, second = load_gold("sentiment"), load_gold("sentiment", coder=2)
    # same units, each once: agreement is computed on the whole file, not on a silently smaller set
    assert sorted(zip(first.id, first.source, first.text)) == sorted(zip(second.id, second.source, second.text))
    assert set(second["label"]) == set(LABELS)
    # the readings are independent: they are not a copy of each other
    pairs = first.merge(second, on=["id", "source", "text"], suffixes=("_1", "_2"))
    assert (pairs["label_1"] != pairs["label_2"]).any()
    with pytest.raises(AnalysisInputError, match="coder"):
        load_gold("sentiment", coder=3)


def test_evaluation_runs_on_the_gold(scored):
    gold = load_gold("sentiment")
    predictions = gold_predictions(scored, gold)
    assert len(predictions) == len(gold)
    result = evaluate(predictions)
    assert result["tool"].tolist() == ["TextBlob", "VADER"]
    assert result["n"].tolist() == [len(gold)] * 2
    assert result["accuracy"].between(0, 1).all() and result["macro_f1"].between(0, 1).all()
    # accuracy equals the diagonal of the confusion matrix over n
    cm = confusion_matrix(predictions["label"], predictions["vader_label"])
    assert result.loc[1, "accuracy"] == pytest.approx(np.trace(cm.values) / len(gold))


def test_gold_that_no_longer_matches_fails_loudly(scored):
    gold = load_gold("sentiment").head(2).copy()
    gold.loc[1, "text"] = gold.loc[1, "text"] + " (edited)"
    with pytest.raises(AnalysisInputError, match="row 3"):
        gold_predictions(scored, gold)


def test_load_gold_reports_line_and_field(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(
        "id,source,text,label\na,body,One.,positive\na,body,Two.,happy\na,body,One.,neutral\na,,Three.,neutral\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        read_sentiment_gold(path)
    text = str(err.value)
    assert "row 3, field 'label'" in text
    assert "row 4, field 'text'" in text and "line 2" in text
    assert "row 5, field 'source'" in text
    (tmp_path / "bad.csv").write_text("id,text\na,b\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing column"):
        read_sentiment_gold(tmp_path / "bad.csv")


# --- actor-targeted tone ------------------------------------------------------------------------


def _actor_data():
    sentences = pd.DataFrame(
        {
            "id": ["a", "a", "a", "a", "b", "b"],
            "source": ["body", "body", "body", "embed", "body", "body"],
            "sentence": [0, 1, 2, 0, 0, 1],
            "crisis": ["k1", "k1", "k1", "k1", "k2", "k2"],
            "vader_compound": [0.4, -0.2, 0.6, 0.9, -0.8, 0.0],
            "in_quote": [False, True, False, True, False, False],
        }
    )
    mentions = pd.DataFrame(
        {
            "id": ["a", "a", "a", "a", "a", "b", "b"],
            "actor": ["Iran", "Iran", "Iran", "China", "Iran", "Iran", "China"],
            "actor_type": ["state"] * 7,
            "matched": ["Iran", "Tehran", "Iran", "China", "Iran", "Iran", "China"],
            "start": [0, 10, 50, 55, 90, 0, 20],
            "end": [4, 16, 54, 60, 94, 4, 25],
            "sentence": [0, 0, 1, 1, 2, 0, 0],
            "position": [0.1, 0.1, 0.5, 0.5, 0.9, 0.2, 0.2],
            "in_quote": [False, False, True, True, False, False, False],
        }
    )
    return sentences, mentions


def test_actor_tone_counts_each_sentence_once_per_actor():
    sentences, mentions = _actor_data()
    out = actor_tone(sentences, mentions, min_count=2, n_boot=100).set_index(["actor", "crisis"])
    # Iran in k1: sentences 0 (twice named, counted once), 1, 2 -> n 3, mean (0.4 - 0.2 + 0.6)/3 = 0.2667
    assert out.loc[("Iran", "k1"), "n_sentences"] == 3
    assert out.loc[("Iran", "k1"), "mean"] == pytest.approx(0.8 / 3)
    # China in k1: sentence 1 only (the sentence shared with Iran counts for both) -> -0.2, too few
    assert out.loc[("China", "k1"), "mean"] == pytest.approx(-0.2)
    assert bool(out.loc[("China", "k1"), "too_few"]) and out.loc[("China", "k1"), "cell"] == "too few (n=1)"
    # China in k2 shares sentence 0 with Iran: both get -0.8
    assert out.loc[("China", "k2"), "mean"] == pytest.approx(-0.8)
    assert out.loc[("Iran", "k2"), "mean"] == pytest.approx(-0.8)
    assert not out.loc[("Iran", "k1"), "too_few"]
    assert out.loc[("Iran", "k1"), "cell"].startswith("+0.27 [")
    assert "actor_type" in out.reset_index().columns


def test_actor_tone_never_uses_embed_rows_and_can_drop_quotes():
    sentences, mentions = _actor_data()
    out = actor_tone(sentences, mentions, min_count=1, exclude_quotes=True, n_boot=10).set_index(["actor", "crisis"])
    # Iran in k1 without the quoted sentence 1: (0.4 + 0.6)/2 = 0.5 ; the embed row (0.9) is never used
    assert out.loc[("Iran", "k1"), "mean"] == pytest.approx(0.5)
    assert ("China", "k1") not in out.index


def test_actor_tone_refuses_mentions_of_unknown_sentences():
    sentences, mentions = _actor_data()
    mentions.loc[0, "sentence"] = 99
    with pytest.raises(AnalysisInputError, match="sentence 99"):
        actor_tone(sentences, mentions)
    with pytest.raises(AnalysisInputError, match="actor"):
        actor_tone(sentences, mentions.drop(columns=["actor"]))


# --- arcs and capitalised hits ------------------------------------------------------------------


def test_sentiment_arcs_smooth_body_sentences_only():
    s = pd.DataFrame(
        {
            "id": ["a"] * 5,
            "source": ["body"] * 4 + ["embed"],
            "sentence": [3, 0, 1, 2, 0],
            "position": [0.9, 0.1, 0.4, 0.6, 0.5],
            "vader_compound": [0.8, -0.4, 0.0, 0.2, 0.9],
        }
    )
    arcs = sentiment_arcs(s, window=3)
    # body sentences in order: -0.4, 0.0, 0.2, 0.8 ; centred means over 3 (2 at the ends):
    # (-0.4+0)/2 = -0.2 ; (-0.4+0+0.2)/3 = -0.0667 ; (0+0.2+0.8)/3 = 0.3333 ; (0.2+0.8)/2 = 0.5
    assert arcs["sentence"].tolist() == [0, 1, 2, 3]
    assert arcs["smoothed"].tolist() == pytest.approx([-0.2, -0.2 / 3, 1 / 3, 0.5])
    with pytest.raises(AnalysisInputError, match="window"):
        sentiment_arcs(s, window=0)


def test_capitalised_hits_skip_the_first_word():
    # "Peace" opens the sentence (skipped); "Justice" inside it is rated by VADER (+2.4); "war" is lower case
    s = pd.DataFrame({"id": ["a"], "sentence": [0], "text": ["Peace, said the Army of Justice, ends war."]})
    hits = capitalised_hits(s)
    assert hits["token"].tolist() == ["Justice"]
    assert hits["valence"].tolist() == [2.4]


def test_unknown_measure_is_refused():
    with pytest.raises(AnalysisInputError, match="measures"):
        score_documents(_toy(), measures=["happiness"])


def test_actor_tone_keeps_post_sentences_apart_from_body_sentences():
    # Body sentence 0 scores -0.5, post sentence 0 scores +0.5. A mention in the post must take
    # the post's score: joining on (id, sentence) alone would give -0.5 to both actors.
    s = pd.DataFrame(
        {
            "id": ["a", "a"],
            "source": ["body", "embed"],
            "sentence": [0, 0],
            "crisis": ["k", "k"],
            "vader_compound": [-0.5, 0.5],
            "in_quote": [False, True],
        }
    )
    m = pd.DataFrame({"id": ["a", "a"], "source": ["body", "embed"], "actor": ["iran", "usa"], "sentence": [0, 0]})
    out = actor_tone(s, m, min_count=1, n_boot=10).set_index("actor")
    assert out.loc["iran", "mean"] == -0.5
    assert out.loc["usa", "mean"] == 0.5


@pytest.mark.parametrize("count", [0, 1, 7])
def test_score_table_equals_a_table_of_score_rows_joined_on(count):
    # the scores' table is built from one float array; it equals the table of row tuples it replaced
    from analysis.sentiment.scoring import SCORE_COLUMNS, score_table

    texts = ["A good deal.", "A terrible failure.", "", "Neutral words here.", "Great!!! :)", "No.", "Bad, bad."]
    sentences = pd.DataFrame({"id": list("abcdefg")[:count], "text": texts[:count]}, index=range(40, 40 + 3 * count, 3))
    blob, vader = [TextBlob(t).sentiment for t in texts[:count]], SentimentIntensityAnalyzer()
    rows = [
        (*b, *(vader.polarity_scores(t)[k] for k in ("compound", "pos", "neu", "neg"))) for b, t in zip(blob, texts)
    ]
    scores = pd.DataFrame(rows, columns=SCORE_COLUMNS, index=sentences.index, dtype="float64")
    pd.testing.assert_frame_equal(score_table(sentences), pd.concat([sentences, scores], axis=1), check_exact=True)
