"""Sentences about the escalation balance over time: a trend is stated only where the articles can carry one.

The first date's articles and the later ones of a crisis are contrasted (the
contrast of :func:`analysis.contrasts.trend_contrasts`) only when each period
has enough articles dated to the day from outlets that appear in both
(:func:`analysis.framing.summaries.trend_sample`); otherwise the page says
that no trend can be stated, and why, with the numbers.
"""

from __future__ import annotations

import pandas as pd

from analysis.findings.verdicts import HAND_WORDS, contrast_finding
from analysis.formatting import count_noun, join_words, signed
from analysis.framing.summaries import TrendSample

#: How the two periods are named in a contrast's sentence.
PERIOD_NAMES = {"first date": "the first date's articles", "later": "the later articles"}


def _balance(value) -> str:
    return "undefined (no hits)" if pd.isna(value) else signed(value)


def _numbers(periods: pd.DataFrame) -> str:
    first = periods.iloc[0]
    n = int(first["n_articles"])
    text = (
        f"The {count_noun(n, 'article')} of {first['first_date'].day} {first['first_date']:%B %Y} "
        f"{'has' if n == 1 else 'have'} {int(first['esc'])} escalation and {int(first['deesc'])} de-escalation hits "
        f"(pooled balance {_balance(first['balance'])})"
    )
    if len(periods) < 2:
        return text + "."
    later = periods.iloc[1]
    k = int(later["n_articles"])
    return text + (
        f"; the {count_noun(k, 'later article')} {'has' if k == 1 else 'have'} {int(later['esc'])} and "
        f"{int(later['deesc'])} (balance {_balance(later['balance'])})."
    )


def _why_not(sample: TrendSample) -> str:
    per = sample.periods.set_index("period")
    first, later = per.loc["first date"], per.loc["later"]
    if not sample.outlets:
        where = (
            f"no outlet has an article dated to the day in both periods (the first date's articles are from "
            f"{join_words(first['outlets'])}, the later ones from {join_words(later['outlets'])})"
        )
    else:
        where = (
            f"the {count_noun(len(sample.outlets), 'outlet')} with a dated article in both periods "
            f"({join_words(sample.outlets)}) give {int(first['n_counted'])} on the first date and "
            f"{int(later['n_counted'])} later"
        )
    undated = int(per["n_articles"].sum() - per["n_dated"].sum())
    month = (
        f"; {count_noun(undated, 'article')} {'is' if undated == 1 else 'are'} dated by month only" if undated else ""
    )
    return (
        "No trend over time can be stated from these numbers. A trend needs, in each period, at least "
        f"{sample.needed} articles dated to the day from outlets that appear in both periods: with fewer, an exact "
        "permutation test over articles cannot reach p < 0.05 whatever the data, and with different outlets a "
        f"change over time cannot be told from a difference between outlets. Here {where}{month}."
    )


def describe_trend(sample: TrendSample, periods: pd.DataFrame, contrasts: pd.DataFrame | None, *, name: str) -> str:
    """The escalation balance of a crisis's first date against its later articles, and whether it is a trend.

    ``sample`` from :func:`~analysis.framing.summaries.trend_sample` and
    ``periods`` from :func:`~analysis.framing.frames.period_balance`, both over
    the crisis's articles; ``contrasts`` from
    :func:`~analysis.contrasts.trend_contrasts` over the counted articles
    (``None`` or empty below the floor); ``name`` names the crisis.

    Example
    -------
    >>> from analysis.framing.summaries import trend_sample
    >>> a = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "date": pd.to_datetime(["2024-01-17", "2024-01-19"])})
    >>> p = pd.DataFrame({"period": ["first date", "later"], "n_articles": [1, 1],
    ...     "first_date": pd.to_datetime(["2024-01-17", "2024-01-19"]), "esc": [4, 1], "deesc": [0, 3],
    ...     "balance": [1.0, -0.5]})
    >>> print(describe_trend(trend_sample(a), p, None, name="Crisis K"))  # doctest: +NORMALIZE_WHITESPACE
    Crisis K has the most articles (2). The 1 article of 17 January 2024 has 4 escalation and 0 de-escalation hits
    (pooled balance +1.00); the 1 later article has 1 and 3 (balance -0.50). No trend over time can be stated from
    these numbers. A trend needs, in each period, at least 4 articles dated to the day from outlets that appear in
    both periods: with fewer, an exact permutation test over articles cannot reach p < 0.05 whatever the data, and
    with different outlets a change over time cannot be told from a difference between outlets. Here no outlet has
    an article dated to the day in both periods (the first date's articles are from X, the later ones from Y).
    """
    head = f"{name} has the most articles ({int(periods['n_articles'].sum())}). {_numbers(periods)}"
    if len(periods) < 2:
        return head + " All its articles share one date, so no change over time can be seen."
    if not sample.enough or contrasts is None or contrasts.empty:
        return f"{head} {_why_not(sample)}"
    tools = contrasts[contrasts["source"] == "tool"]
    hands = contrasts[contrasts["source"] == "hand"]
    row = tools.iloc[0].to_dict()
    hand = hands.iloc[0].to_dict() if len(hands) else None
    finding = contrast_finding(
        row,
        label="escalation balance",
        higher="lean more to escalation vocabulary than",
        lower="lean more to de-escalation vocabulary than",
        labels=PERIOD_NAMES,
        hand=hand,
        hand_label=HAND_WORDS["balance"],
    )
    per = sample.periods.set_index("period")
    counted = (
        f"Counting only the articles dated to the day from the {count_noun(len(sample.outlets), 'outlet')} in both "
        f"periods ({join_words(sample.outlets)}: {int(per.loc['first date', 'n_counted'])} on the first date, "
        f"{int(per.loc['later', 'n_counted'])} later), at least {sample.needed} each, a trend can be tested."
    )
    return f"{head} {counted} {finding.text}"
