"""Tests for analysis.findings.verdicts and the comparison sentences built on it: each verdict is rendered
one way, the other way and as "no detectable difference", with its checks."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.findings import (
    contrast_finding,
    contrast_findings,
    describe_contrasts,
    describe_country_role,
    findings_table,
    summary_paragraph,
    what_would_change,
)


def _row(direction, **over):
    row = {
        "a": "A",
        "b": "B",
        "value_a": 0.5,
        "value_b": 0.1,
        "difference": 0.4,
        "low": 0.1,
        "high": 0.7,
        "p": float("nan"),
        "direction": direction,
        "articles_a": 3,
        "articles_b": 3,
        "units_a": 30,
        "units_b": 30,
        "criterion": "95% interval of the difference excludes 0",
        "loo_checked": True,
        "loo_changes": "",
    }
    row.update(over)
    return row


WORDS = {"label": "escalation balance", "higher": "leans more to escalation than", "lower": "leans less to it than"}


@pytest.mark.parametrize(
    "direction, claim",
    [
        (1, "By the escalation balance, A leans more to escalation than B (+0.50 against +0.10; "),
        (-1, "By the escalation balance, A leans less to it than B (+0.50 against +0.10; "),
        (0, "By the escalation balance, there is no detectable difference between A and B (+0.50 against +0.10; "),
    ],
)
def test_contrast_finding_states_each_direction(direction, claim):
    f = contrast_finding(_row(direction), **WORDS)
    assert f.claim.startswith(claim)
    assert f.direction == direction
    assert f.numbers["difference"] == 0.4 and f.criterion.startswith("95% interval")
    assert "Leaving out any one article does not change this." in f.text


def test_leave_one_out_sentence_says_when_only_the_most_moving_articles_were_tried():
    # a mean contrast over 1,000 articles re-bootstraps only the 40 whose removal moves the difference most
    big = contrast_finding(_row(1, articles_a=600, articles_b=400), **WORDS)
    assert (
        "Leaving out any one article does not change this (tried for the 40 articles whose removal moves the "
        "difference most, of the 1,000 in the two groups)." in big.text
    )
    fragile = contrast_finding(_row(1, articles_a=30, articles_b=20, loo_changes="x1"), **WORDS)
    assert "Leaving out the article x1 alone would remove the direction (tried for the 40 articles" in fragile.text
    # up to 40 articles every one is tried, and a share contrast (no interval) tries every article at any size
    assert (
        "Leaving out any one article does not change this."
        in contrast_finding(_row(1, articles_a=20, articles_b=20), **WORDS).text
    )
    share = _row(1, low=float("nan"), high=float("nan"), p=0.01, articles_a=600, articles_b=400)
    assert "Leaving out any one article does not change this." in contrast_finding(share, **WORDS).text


def test_contrast_finding_checks():
    single = contrast_finding(_row(1, articles_b=1), **WORDS, labels={"B": "Bee"})
    assert "Bee is a single article, so the claim rests on that one text." in single.text
    both = contrast_finding(_row(1, articles_a=1, articles_b=1), **WORDS)
    assert "Each side is a single article" in both.text
    fragile = contrast_finding(_row(1, loo_changes="x1, x2"), **WORDS)
    assert "Leaving out the articles x1 and x2 alone would remove the direction." in fragile.text
    hidden = contrast_finding(_row(0, loo_changes="x1"), **WORDS)
    assert "Leaving out the article x1 alone would make the difference detectable." in hidden.text
    agrees = contrast_finding(_row(1), **WORDS, hand=_row(1, value_a=0.3, value_b=0.0))
    assert "The hand coding, which measures the same quantity, points the same way (+0.30 against 0.00)." in agrees.text
    disagrees = contrast_finding(_row(1), **WORDS, hand=_row(-1, value_a=0.07, value_b=0.15))
    assert "does not agree: it puts B higher, the other way (+0.07 against +0.15;" in disagrees.text
    undetected = contrast_finding(_row(1), **WORDS, hand=_row(0))
    assert "does not agree: it finds no detectable difference" in undetected.text


def test_shares_are_rendered_with_the_exact_test():
    f = contrast_finding(_row(1, value_a=0.4, value_b=0.07, p=0.0012, criterion="Fisher"), **WORDS)
    # p-values have one precision in the book (analysis.formatting.format_p): three decimals
    assert "(40% against 7%; Fisher's exact test p = 0.001)" in f.claim
    tiny = contrast_finding(_row(1, value_a=0.4, value_b=0.07, p=0.0004, criterion="Fisher"), **WORDS)
    assert "(40% against 7%; Fisher's exact test p < 0.001)" in tiny.claim


def _signs(share, first, quoted):
    rows = []
    for measure, d in (
        ("share of actor mentions", share),
        ("share of articles naming it first", first),
        ("share of its mentions inside quotations", quoted),
    ):
        rows.append({**_row(d, p=0.01 if d else 0.5, criterion="Fisher"), "measure": measure})
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    "signs, verdict",
    [
        ((1, 1, -1), "the coverage casts P as a party to A and a commentator on B."),
        ((-1, -1, 1), "the coverage casts P as a party to B and a commentator on A."),
        ((1, 0, 0), "1 of the three signs clears its test (share of actor mentions), so between A and B"),
        ((1, 1, 1), "All three signs clear their tests but point different ways"),  # quotations: the other way
        ((1, -1, 0), "2 of the three signs clear their tests (share of actor mentions and share of articles"),
        ((0, 0, 0), "None of the three signs clears its test, so between A and B the counts do not separate"),
    ],
)
def test_country_role_reports_every_sign_and_states_a_role_only_when_all_agree(signs, verdict):
    text = describe_country_role(_signs(*signs), name="P")
    assert verdict in text
    assert text.count("For P, ") == 3  # every sign is reported, whichever way it points


def _contrasts(vader, textblob, balance, hand_balance=None):
    rows = [
        {**_row(vader, value_a=-0.2, value_b=-0.21, difference=0.01), "source": "tool", "key": "vader"},
        {**_row(textblob, value_a=-0.02, value_b=0.0, difference=-0.02), "source": "tool", "key": "textblob"},
        {**_row(balance, value_a=0.5, value_b=0.37, difference=0.13), "source": "tool", "key": "balance"},
    ]
    if hand_balance is not None:
        rows.append(
            {**_row(hand_balance, value_a=0.07, value_b=0.15, difference=-0.08), "source": "hand", "key": "balance"}
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    "vader, textblob, sentence",
    [
        (
            0,
            0,
            "Neither tone tool finds a detectable difference in tone between the crises (VADER +0.01, TextBlob -0.02)",
        ),
        (-1, -1, "Both tone tools agree: by the mean VADER sentence score, A reads more negative than B"),
        (-1, 1, "The two tone tools do not agree on a direction, so the book draws no conclusion about tone."),
    ],
)
def test_summary_paragraph_follows_the_verdicts(vader, textblob, sentence):
    by_crisis = pd.DataFrame({"group": ["A", "B"], "n_articles": [4, 1]})
    text = summary_paragraph(
        by_crisis, _contrasts(vader, textblob, 0, hand_balance=-1), _signs(-1, 0, 0), country_name="P"
    )
    assert sentence in text
    assert "For P, A gives its actors a smaller share of actor mentions than B" in text
    assert "the counts do not separate a party from a commentator." in text
    assert "By the escalation balance, there is no detectable difference between A and B" in text
    assert "The hand coding of sentences, which measures the same quantity, does not agree: it puts B higher" in text
    assert text.endswith("B rests on a single article: all of this describes texts, not patterns of coverage.")


def test_describe_contrasts_for_many_groups_lists_only_directions():
    t = pd.concat(
        [_contrasts(0, 0, 1), _contrasts(0, 0, 0).assign(a="A", b="C"), _contrasts(0, 0, 0).assign(a="B", b="C")],
        ignore_index=True,
    )
    text = describe_contrasts(t, what="outlet")
    assert text.startswith("Across the 3 pairs of outlets, 1 of the 9 contrasts of tone and escalation balance clear")
    assert "By the escalation balance, A leans more to escalation vocabulary than B" in text
    assert "between A and C" not in text
    none = describe_contrasts(
        _contrasts(0, 0, 0).assign(a="A", b="C").pipe(lambda d: pd.concat([d, _contrasts(0, 0, 0)])), what="outlet"
    )
    assert none.endswith("No pair differs detectably on any of these measures.")


def test_what_would_change_skips_contrasts_without_a_direction():
    profile = pd.DataFrame(
        {
            "group": ["A", "B"],
            "esc": [3, 0],
            "deesc": [1, 2],
            "balance": [0.5, -1.0],
            "n_sentences": [6, 2],
            "vader_mean": [-0.5, 0.4],
            "tb_mean": [-0.2, 0.1],
        }
    )
    summary = pd.DataFrame({"esc": [3, 0], "deesc": [1, 2], "n_sentences": [6, 2]})
    text = what_would_change(profile, summary, what="crisis", contrasts=_contrasts(0, 0, 1))
    assert text.startswith("On the VADER compound and TextBlob polarity, the crises show no detectable difference")
    assert "Escalation balance: A (+0.50) is above B (-1.00)." in text
    assert "VADER compound: " not in text


def test_findings_table_has_one_row_per_finding():
    t = findings_table(contrast_findings(_contrasts(1, 0, -1)))
    assert t["finding"].tolist() == ["vader:A|B", "textblob:A|B", "balance:A|B"]
    assert t["direction"].tolist() == [1, 0, -1]
    assert t.columns[-1] == "text"


def test_limits_of_a_one_crisis_one_article_corpus_count_in_the_singular():
    from analysis.findings import limits

    c = pd.DataFrame({"id": ["a"], "crisis": ["x"], "outlet": ["P"], "genre": ["news"]})
    assert limits(c)["crises"] == "The corpus holds one crisis (x: 1 article), so crises cannot be compared at all."
