"""Sentences about the cross-checks of the distinctive-term ranking: G², the prior's size, and significance counts.

Split from :mod:`analysis.findings.framing`; the framing chapter glues these.
"""

from __future__ import annotations

from analysis.formatting import DECIMAL, format_share, format_value
from analysis.framing.keyness import KeynessChecks, significance_counts


def describe_keyness_checks(
    checks: KeynessChecks, *, labels: dict | None = None, similar: float = 0.7, stable: int = 7
) -> dict[str, str]:
    """What the cross-checks of the log-odds ranking say (:func:`~analysis.framing.keyness.keyness_checks`).

    G² "gives a similar ranking" when, for every group, at least ``similar``
    of the log-odds top terms are also G²'s; the prior's size "barely
    changes the ranking" when every other size keeps at least ``stable`` of
    them. ``labels`` names the groups (a group not in it is named as is).

    Returns a dict of texts: ``by`` (the grouping compared), ``overlap`` (the
    smallest share of shared top terms), ``verdict``, ``n_significant``
    ((term, group) pairs with p < 0.05 under G²), ``min_shared`` (fewest top
    terms kept by another prior size), ``stability`` (verdict) and
    ``min_rho`` (smallest rank correlation). With fewer than two groups every
    one is ``n/a`` and ``by`` is "(one group only)".

    Example
    -------
    >>> import pandas as pd
    >>> from analysis.framing import KeynessChecks
    >>> g2 = pd.DataFrame({"group": ["k", "m"], "p": [0.01, 0.2]})
    >>> overlap = pd.DataFrame({"group": ["k", "m"], "top": [10, 10], "shared": [9, 6], "share": [0.9, 0.6]})
    >>> stab = pd.DataFrame({"group": ["k", "m"], "alpha0": [10.0, 10.0], "shared_top": [9, 5], "top": [10, 10],
    ...                      "spearman": [0.99, 0.95]})
    >>> said = describe_keyness_checks(KeynessChecks("crisis", 2, g2, overlap, stab), labels={"m": "Crisis M"})
    >>> said["overlap"], said["verdict"], said["n_significant"], said["min_rho"]
    ('60%', 'G² with Log Ratio ranks the terms differently for at least one group', '1', '0.95')
    >>> said["stability"]
    "Changing the prior's size reshuffles the top of the list for at least one group (Crisis M at α0 = 10), while the order of all terms stays almost the same"
    """
    keys = ("overlap", "verdict", "n_significant", "min_shared", "stability", "min_rho")
    if checks.n_groups < 2:
        return {"by": "(one group only)", **dict.fromkeys(keys, "n/a")}
    labels = labels or {}
    shares, stab = checks.overlap["share"], checks.stability
    if stab.empty or stab["top"].min() == 0:
        stability = "No term reaches the minimum count, so the prior's size cannot be checked"
    elif stab["shared_top"].min() >= stable:
        stability = "Changing the prior's size barely changes the ranking"
    else:
        worst = stab.sort_values("shared_top").iloc[0]
        stability = (
            "Changing the prior's size reshuffles the top of the list for at least one group "
            f"({labels.get(worst['group'], worst['group'])} at α0 = {worst['alpha0']:g}), "
            "while the order of all terms stays almost the same"
        )
    return {
        "by": checks.by,
        "overlap": format_share(shares.min()) if len(shares) else "n/a",
        "verdict": "G² with Log Ratio gives a similar ranking"
        if len(shares) and shares.min() >= similar
        else "G² with Log Ratio ranks the terms differently for at least one group",
        "n_significant": format_value(int((checks.g2["p"] < 0.05).sum())),
        "min_shared": format_value(int(stab["shared_top"].min())) if len(stab) else "n/a",
        "stability": stability,
        "min_rho": format_value(float(stab["spearman"].min()), DECIMAL) if stab["spearman"].notna().any() else "n/a",
    }


def _uses(k: int, *, of: bool = True) -> str:
    if of:
        return f"of which {'1 is an over-use' if k == 1 else f'{k} are over-uses'}"
    return "1 over-use" if k == 1 else f"{k} over-uses"


def describe_significance(counts: dict[str, int], *, n_groups: int) -> str:
    """Why G² and log-odds z call different numbers of terms significant, and what survives a correction.

    ``counts`` from :func:`~analysis.framing.keyness.significance_counts`;
    ``n_groups`` the groups compared.

    Example
    -------
    >>> c = {"n_tests": 504, "g2": 48, "g2_over": 24, "g2_over_adjusted": 3, "log_odds_over": 5,
    ...      "log_odds_over_adjusted": 0}
    >>> print(describe_significance(c, n_groups=2))
    G² gives p < 0.05 to 48 of the 504 (term, group) pairs it tests, of which 24 are over-uses; log-odds z exceeds 1.96 for 5 over-uses. G² counts under-use as well as over-use (with two groups, a term over-used in one is under-used in the other: the same test twice), and it has no prior to shrink rare terms, so it calls more terms significant. Neither count is corrected for the 504 tests: after the Benjamini–Hochberg correction (false discovery rate 5%), 3 over-uses remain under G² and none under log-odds z.
    """
    if counts["n_tests"] == 0:
        return "No term reaches the minimum count, so no term can be tested."
    twice = (
        " (with two groups, a term over-used in one is under-used in the other: the same test twice)"
        if n_groups == 2
        else ""
    )

    kept, kept_lo = counts["g2_over_adjusted"], counts["log_odds_over_adjusted"]
    remain = "no over-use remains" if kept == 0 else "1 over-use remains" if kept == 1 else f"{kept} over-uses remain"
    return (
        f"G² gives p < 0.05 to {counts['g2']} of the {counts['n_tests']} (term, group) pairs it tests, "
        f"{_uses(counts['g2_over'])}; log-odds z exceeds 1.96 for {_uses(counts['log_odds_over'], of=False)}. "
        f"G² counts under-use as well as over-use{twice}, and it has no prior to shrink rare terms, so it calls "
        f"more terms significant. Neither count is corrected for the {counts['n_tests']} tests: after the "
        f"Benjamini–Hochberg correction (false discovery rate 5%), {remain} under G² and "
        f"{'none' if kept_lo == 0 else kept_lo} under log-odds z."
    )


def describe_keyness_paragraphs(checks: KeynessChecks, *, labels: dict | None = None) -> dict[str, str]:
    """The cross-checks of the log-odds ranking as whole paragraphs, or one sentence each when there is nothing to check.

    Returns a dict of texts: ``g2`` (how far G² agrees, and how many terms
    each statistic calls significant, before and after correction:
    :func:`describe_significance`), ``stability`` (other prior sizes) and
    ``limit`` (a clause for the chapter's conclusions).

    Example
    -------
    >>> import pandas as pd
    >>> from analysis.framing import KeynessChecks
    >>> one = KeynessChecks("outlet", 1, pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    >>> describe_keyness_paragraphs(one)["g2"]
    'The corpus has one group of each kind, so there is no ranking of terms to cross-check.'
    """
    if checks.n_groups < 2:
        return {
            "g2": "The corpus has one group of each kind, so there is no ranking of terms to cross-check.",
            "stability": "",
            "limit": "with one group, no term is distinctive, so there is no ranking whose stability matters.",
        }
    said = describe_keyness_checks(checks, labels=labels)
    counts = significance_counts(checks)
    overlap = (
        f"{said['verdict']}: for every group, at least {said['overlap']} of the ten log-odds terms with the highest "
        "z are also among G²'s top ten."
        if len(checks.overlap)
        else "No term is over-used in any group, so the two rankings cannot be compared."
    )
    stab = checks.stability
    if stab.empty or stab["top"].min() == 0:
        stability = said["stability"] + "."
        limit = "no term reaches the minimum count, so the prior's size could not be checked."
    else:
        stability = (
            f"{said['stability']}: the other prior sizes keep at least {said['min_shared']} of each group's ten "
            f"top terms, and the rank correlation of z over all terms is at least {said['min_rho']}."
        )
        limit = f"the top ten terms keep at least {said['min_shared']} of ten under other prior sizes."
    return {
        "g2": f"The comparison is by {checks.by}. {overlap} {describe_significance(counts, n_groups=checks.n_groups)}",
        "stability": stability,
        "limit": limit,
    }
