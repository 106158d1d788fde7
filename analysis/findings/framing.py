"""Sentences about the framing measure and its validation, chosen from computed conditions."""

from __future__ import annotations

import pandas as pd


def describe_balance_check(check: pd.DataFrame, *, labels: dict | None = None) -> str:
    """One or two sentences on :func:`~analysis.evidence.framing.balance_check`: how many articles lean to escalation each way, and which differ.

    Example
    -------
    >>> t = pd.DataFrame({"id": ["a", "b"], "balance_coded": [0.5, -0.1], "balance_words": [0.6, 0.2],
    ...                   "sign_differs": [False, True]})
    >>> print(describe_balance_check(t, labels={"b": "Outlet B"}))
    By the hand coding, 1 of these 2 articles have more escalation than de-escalation sentences, against 2 by the dictionaries' word counts. The sign differs for Outlet B (-0.10 by sentences, +0.20 by words).
    """
    if check.empty:
        return "No article has both a hand-coded and a dictionary balance, so the two cannot be compared."
    labels = labels or {}
    text = (
        f"By the hand coding, {int((check['balance_coded'] > 0).sum())} of these {len(check)} articles have more "
        f"escalation than de-escalation sentences, against {int((check['balance_words'] > 0).sum())} by the "
        f"dictionaries' word counts."
    )
    flips = check[check["sign_differs"]]
    if flips.empty:
        return text + " The two agree in sign for every article."
    return (
        text
        + " The sign differs for "
        + "; ".join(
            f"{labels.get(i, i)} ({c:+.2f} by sentences, {w:+.2f} by words)"
            for i, c, w in zip(flips["id"], flips["balance_coded"], flips["balance_words"])
        )
        + "."
    )


def describe_recall_tilt(recall: pd.DataFrame, *, margin: float = 0.05) -> str:
    """Whether the dictionaries find escalation or de-escalation sentences more readily (:func:`~analysis.evidence.framing.frame_recall`).

    Example
    -------
    >>> r = pd.DataFrame({"frame": ["escalation", "de-escalation"], "recall": [0.84, 0.63]})
    >>> describe_recall_tilt(r)
    'The dictionaries find 84% of the sentences coded as escalation and 63% of those coded as de-escalation, so the word-level balance leans towards escalation.'
    """
    r = recall.set_index("frame")["recall"]
    if not {"escalation", "de-escalation"} <= set(r.index) or r[["escalation", "de-escalation"]].isna().any():
        return "The sentence coding does not cover both escalation and de-escalation."
    esc, de = r["escalation"], r["de-escalation"]
    tilt = (
        "so the word-level balance leans towards escalation"
        if esc > de + margin
        else "so the word-level balance leans towards de-escalation"
        if de > esc + margin
        else "so neither side of the balance is found much more readily"
    )
    return (
        f"The dictionaries find {esc:.0%} of the sentences coded as escalation and "
        f"{de:.0%} of those coded as de-escalation, {tilt}."
    )
