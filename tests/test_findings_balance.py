"""Tests for analysis.findings.balance: a trend is stated one way, the other way, as "no detectable difference",
or refused below the floor, with the reason and the numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.contrasts import trend_contrasts
from analysis.findings import describe_trend
from analysis.framing import escalation_balance, period_balance, trend_sample
from analysis.pipeline import analyse

WAR = "Missiles struck the depot. Bombs fell and drones attacked. The army warned of retaliation."
PEACE = "Both sides called for calm and restraint. Talks and dialogue resumed. Mediation helped."
MIXED = "Missiles struck the depot. Talks resumed after calm returned."


def _corpus(first: str, later: str, *, per_outlet: int = 2, outlets=("X", "Y"), later_outlets=None) -> pd.DataFrame:
    rows = []
    for period, text, date, names in (
        ("f", first, "2024-01-01", outlets),
        ("l", later, "2024-01-05", later_outlets or outlets),
    ):
        for outlet in names:
            for k in range(per_outlet):
                # vary each article a little so the bootstrap sees spread between articles
                extra = " A drone was seen." if k % 2 else " Calm held."
                rows.append(
                    {
                        "id": f"{outlet}-{period}{k}",
                        "outlet": outlet,
                        "crisis": "c",
                        "genre": "news",
                        "date": pd.Timestamp(date),
                        "date_precision": "day",
                        "text": text + extra,
                    }
                )
    return pd.DataFrame(rows)


def _said(corpus: pd.DataFrame) -> str:
    analysed = analyse(corpus)
    sample = trend_sample(corpus)
    periods = period_balance(escalation_balance(corpus, hits=analysed.hits))
    contrasts = (
        trend_contrasts(analysed, sample.ids, order=["first date", "later"], n_boot=400) if sample.enough else None
    )
    return describe_trend(sample, periods, contrasts, name="Crisis C")


@pytest.mark.parametrize(
    "first, later, verdict",
    [
        (
            WAR,
            PEACE,
            "By the escalation balance, the first date's articles lean more to escalation vocabulary than "
            "the later articles (",
        ),
        (
            PEACE,
            WAR,
            "By the escalation balance, the first date's articles lean more to de-escalation vocabulary "
            "than the later articles (",
        ),
        (
            MIXED,
            MIXED,
            "By the escalation balance, there is no detectable difference between the first date's "
            "articles and the later articles (",
        ),
    ],
)
def test_trend_is_a_contrast_at_or_above_the_floor(first, later, verdict):
    text = _said(_corpus(first, later))
    assert (
        "Counting only the articles dated to the day from the 2 outlets in both periods (X and Y: 4 on the "
        "first date, 4 later), at least 4 each, a trend can be tested." in text
    )
    assert verdict in text
    assert "moved" not in text


def test_below_the_floor_no_trend_is_stated_and_the_page_says_why():
    # 3 articles per period from the same outlets: one short of the floor (2 / C(6, 3) = 0.1 >= 0.05)
    text = _said(_corpus(WAR, PEACE, per_outlet=1, outlets=("X", "Y", "Z")))
    assert "No trend over time can be stated from these numbers. A trend needs, in each period, at least 4 " in text
    assert (
        "Here the 3 outlets with a dated article in both periods (X, Y and Z) give 3 on the first date and 3 "
        "later." in text
    )
    assert "lean more" not in text


def test_different_outlets_in_each_period_are_not_a_trend_however_many():
    text = _said(_corpus(WAR, PEACE, per_outlet=4, outlets=("X",), later_outlets=("Y",)))
    assert (
        "Here no outlet has an article dated to the day in both periods (the first date's articles are from X, "
        "the later ones from Y)." in text
    )
    assert "lean more" not in text


def test_month_dated_articles_are_in_a_period_but_not_counted():
    corpus = _corpus(WAR, PEACE)
    corpus.loc[corpus["id"] == "Y-l1", "date_precision"] = "month"
    text = _said(corpus)
    assert "give 4 on the first date and 3 later; 1 article is dated by month only." in text


def test_one_date_only():
    corpus = _corpus(WAR, PEACE).assign(date=pd.Timestamp("2024-01-01"))
    assert _said(corpus).endswith("All its articles share one date, so no change over time can be seen.")
