"""Verdicts: every comparative claim as a structured finding, and the sentence rendered from it.

A :class:`Finding` carries the claim, the numbers behind it, the criterion
and its threshold, and its result under each robustness check that applies:

- *single article*: a group of one article is named, and the claim is said to rest on it;
- *leave one out*: the articles whose removal alone would change the direction (for a mean
  contrast over more than :data:`analysis.contrasts.LOO_ALL_UP_TO` articles, the sentence says
  that only that many were tried);
- *hand coding*: where a hand coding measures the same quantity, whether its
  own contrast, under the same criterion, points the same way.

A direction ("A reads more negative than B") is stated only when the
criterion clears (:mod:`analysis.contrasts`); otherwise the sentence says
"no detectable difference" and gives the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.contrasts import LOO_ALL_UP_TO
from analysis.formatting import count_noun, format_p, format_share, join_words, plural, sentence_start, signed


@dataclass(frozen=True)
class Finding:
    """One verdict of the book.

    Attributes
    ----------
    claim
        The first sentence: the direction, or "no detectable difference", with its numbers.
    direction
        +1 (the first group higher), −1 (the second higher) or 0 (no detectable difference).
    numbers
        The values behind the claim (means or shares, difference, interval or p, sizes).
    criterion
        What decides the direction, with its threshold (e.g. "95% interval of the difference excludes 0").
    checks
        Check name to the sentence it adds: ``single article``, ``leave one out``, ``hand coding``.
    """

    claim: str
    direction: int
    numbers: Mapping[str, float] = field(default_factory=dict)
    criterion: str = ""
    checks: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The claim followed by the sentence of each check, as printed on a page."""
        return " ".join([self.claim, *[s for s in self.checks.values() if s]])


def _name(labels: Mapping | None, key) -> str:
    return str((labels or {}).get(key, key))


def _interval(row) -> str:
    return f"difference {signed(row['difference'])}, 95% interval [{signed(row['low'])}, {signed(row['high'])}]"


def _single(row, labels, single: str = "is a single article") -> str:
    singles = [_name(labels, row[g]) for g, k in (("a", "articles_a"), ("b", "articles_b")) if row[k] == 1]
    if len(singles) == 2:
        return f"Each side {single}, so this compares two texts, not two sets of coverage."
    if singles:
        return f"{sentence_start(singles[0])} {single}, so the claim rests on that one text."
    return ""


def _leave_one_out(row, labels) -> str:
    if not row["loo_checked"]:
        return ""
    changes = [c for c in str(row["loo_changes"]).split(", ") if c]
    n = int(row["articles_a"] + row["articles_b"])
    if n <= 2:
        return ""
    scope = ""
    if pd.notna(row.get("low", np.nan)) and n > LOO_ALL_UP_TO:  # a mean contrast re-tests only the most moving articles
        scope = (
            f" (tried for the {LOO_ALL_UP_TO} articles whose removal moves the difference most,"
            f" of the {n:,} in the two groups)"
        )
    if not changes:
        return f"Leaving out any one article does not change this{scope}."
    what = "would remove the direction" if row["direction"] else "would make the difference detectable"
    shown = join_words(changes[:5]) + (f" and {len(changes) - 5} more" if len(changes) > 5 else "")
    article = "article" if len(changes) == 1 else "articles"
    return f"Leaving out the {article} {shown} alone {what}{scope}."


def contrast_finding(
    row: Mapping,
    *,
    label: str,
    higher: str,
    lower: str,
    labels: Mapping | None = None,
    hand: Mapping | None = None,
    hand_label: str = "the hand coding",
    single: str = "is a single article",
) -> Finding:
    """The finding for one row of :func:`analysis.contrasts.mean_contrasts` or ``share_contrasts``.

    Parameters
    ----------
    row
        The contrast (``a``, ``b``, ``value_a``, ``value_b``, ``difference``,
        ``low``/``high`` or ``p``, ``direction``, sizes, leave-one-out).
    label
        The quantity, as a noun phrase ("mean VADER sentence score").
    higher
        Verb phrase for a higher value ("reads more positive than").
    lower
        Verb phrase for a lower value ("reads more negative than").
    labels
        Group keys to names.
    hand
        The same contrast computed on a hand coding of the same quantity, if any.
    single
        How the single-article check says that a group is one article's (for
        groups of sentences rather than of articles: "comes from a single article").

    Example
    -------
    >>> row = {"a": "A", "b": "B", "value_a": 0.5, "value_b": 0.1, "difference": 0.4, "low": 0.1, "high": 0.7,
    ...        "p": float("nan"), "direction": 1, "articles_a": 1, "articles_b": 3, "units_a": 20, "units_b": 60,
    ...        "criterion": "95% interval of the difference excludes 0", "loo_checked": True, "loo_changes": ""}
    >>> print(contrast_finding(row, label="escalation balance", higher="leans more to escalation than",
    ...                        lower="leans less to escalation than").text)
    By the escalation balance, A leans more to escalation than B (+0.50 against +0.10; difference +0.40, 95% interval [+0.10, +0.70]). A is a single article, so the claim rests on that one text. Leaving out any one article does not change this.
    """
    a, b = _name(labels, row["a"]), _name(labels, row["b"])
    shares = not pd.isna(row.get("p", np.nan))
    if shares:
        p = format_p(row["p"])
        numbers = (
            f"{format_share(row['value_a'])} against {format_share(row['value_b'])}; Fisher's exact test p "
            f"{p if p.startswith('<') else '= ' + p}"
            if pd.notna(row["value_a"]) and pd.notna(row["value_b"])
            else "not measurable in both"
        )
    else:
        numbers = f"{signed(row['value_a'])} against {signed(row['value_b'])}; {_interval(row)}"
    if row["direction"] > 0:
        claim = f"By the {label}, {a} {higher} {b} ({numbers})."
    elif row["direction"] < 0:
        claim = f"By the {label}, {a} {lower} {b} ({numbers})."
    else:
        claim = f"By the {label}, there is no detectable difference between {a} and {b} ({numbers})."
    checks = {"single article": _single(row, labels, single), "leave one out": _leave_one_out(row, labels)}
    if hand is not None:
        hand_numbers = f"{signed(hand['value_a'])} against {signed(hand['value_b'])}"
        hand_loo = [c for c in str(hand.get("loo_changes", "")).split(", ") if c]
        fragile = (
            f"; leaving out {join_words(hand_loo[:3])}{' and others' if len(hand_loo) > 3 else ''} alone would "
            "change it"
            if hand_loo and hand["direction"]
            else ""
        )
        if hand["direction"] == row["direction"]:
            same = "also finds no detectable difference" if row["direction"] == 0 else "points the same way"
            checks["hand coding"] = (
                f"{sentence_start(hand_label)}, which measures the same quantity, {same} ({hand_numbers}{fragile})."
            )
        else:
            if hand["direction"] == 0:
                verdict = "finds no detectable difference"
            else:
                verdict = f"puts {a if hand['direction'] > 0 else b} higher" + (
                    ", the other way" if row["direction"] else ""
                )
            checks["hand coding"] = (
                f"{sentence_start(hand_label)}, which measures the same quantity, does not agree: it {verdict} "
                f"({hand_numbers}; {_interval(hand)}{fragile})."
            )
    numbers_out = {
        k: row[k]
        for k in ("value_a", "value_b", "difference", "low", "high", "p", "articles_a", "articles_b")
        if k in row
    }
    return Finding(
        claim=claim, direction=int(row["direction"]), numbers=numbers_out, criterion=row["criterion"], checks=checks
    )


def findings_table(findings: Mapping[str, Finding]) -> pd.DataFrame:
    """Every finding with its numbers, for a download: one row per finding.

    Returns
    -------
    DataFrame with ``finding`` (its key), ``direction``, ``criterion``, the
    numbers (``value_a`` … ``articles_b``), ``text``.

    Example
    -------
    >>> f = Finding("A is higher.", 1, {"difference": 0.4}, "p < 0.05")
    >>> findings_table({"tone": f}).columns.tolist()
    ['finding', 'direction', 'criterion', 'difference', 'text']
    """
    rows = [
        {"finding": k, "direction": f.direction, "criterion": f.criterion, **f.numbers, "text": f.text}
        for k, f in findings.items()
    ]
    front = ["finding", "direction", "criterion"]
    out = pd.DataFrame(rows)
    return out[[*front, *[c for c in out.columns if c not in (*front, "text")], "text"]]


#: How each measure of :func:`analysis.contrasts.group_contrasts` is named and read.
MEASURE_WORDS = {
    "vader": ("mean VADER sentence score", "reads more positive than", "reads more negative than"),
    "textblob": ("mean TextBlob sentence score", "reads more positive than", "reads more negative than"),
    "balance": (
        "escalation balance",
        "leans more to escalation vocabulary than",
        "leans more to de-escalation vocabulary than",
    ),
}
#: How :func:`describe_contrasts` names each measure in its count of contrasts.
_MEASURE_NOUNS = {"vader": "tone", "textblob": "tone", "balance": "escalation balance"}
HAND_WORDS = {
    "vader": "the hand labelling of sentences",
    "textblob": "the hand labelling of sentences",
    "balance": "the hand coding of sentences",
}


def contrast_findings(
    table: pd.DataFrame, *, labels: Mapping | None = None, single: str = "is a single article"
) -> dict[str, Finding]:
    """One :class:`Finding` per tool contrast of :func:`analysis.contrasts.group_contrasts`, with its hand check.

    Keys are ``"<measure key>:<a>|<b>"``.

    Example
    -------
    >>> t = pd.DataFrame([{"source": "tool", "key": "balance", "a": "A", "b": "B", "value_a": 0.2, "value_b": 0.1,
    ...     "difference": 0.1, "low": -0.2, "high": 0.4, "p": float("nan"), "direction": 0, "articles_a": 2,
    ...     "articles_b": 2, "criterion": "95% interval of the difference excludes 0", "loo_checked": True,
    ...     "loo_changes": ""}])
    >>> list(contrast_findings(t))
    ['balance:A|B']
    """
    out = {}
    tools = table[table["source"] == "tool"]
    hands = table[table["source"] == "hand"]
    for row in tools.to_dict("records"):
        label, higher, lower = MEASURE_WORDS[row["key"]]
        match = hands[(hands["key"] == row["key"]) & (hands["a"] == row["a"]) & (hands["b"] == row["b"])]
        hand = match.iloc[0].to_dict() if len(match) else None
        out[f"{row['key']}:{row['a']}|{row['b']}"] = contrast_finding(
            row,
            label=label,
            higher=higher,
            lower=lower,
            labels=labels,
            hand=hand,
            hand_label=HAND_WORDS[row["key"]],
            single=single,
        )
    return out


def describe_contrasts(
    table: pd.DataFrame,
    *,
    what: str,
    labels: Mapping | None = None,
    limit: int = 6,
    listed: str = "the table of verdicts (download below)",
    single: str = "is a single article",
) -> str:
    """The verdicts between groups, as a paragraph: every finding for two groups; for more, those with a direction.

    With more than two groups, at most ``limit`` findings are printed and the
    rest are said to be in ``listed`` (where the page's reader finds them);
    ``single`` is passed to :func:`contrast_finding`.

    Example
    -------
    >>> describe_contrasts(pd.DataFrame(columns=["source", "key", "a", "b", "direction"]), what="crisis")
    'With fewer than two crises there is nothing to contrast.'
    """
    findings = contrast_findings(table, labels=labels, single=single)
    if not findings:
        return f"With fewer than two {plural(what)} there is nothing to contrast."
    pairs = {k.split(":", 1)[1] for k in findings}
    if len(pairs) == 1:
        return " ".join(f.text for f in findings.values())
    singles = table[table["source"] == "tool"]
    all_single = bool(len(singles)) and bool(((singles["articles_a"] == 1) & (singles["articles_b"] == 1)).all())
    if all_single:
        findings = {
            k: Finding(
                f.claim,
                f.direction,
                f.numbers,
                f.criterion,
                {c: t for c, t in f.checks.items() if c != "single article"},
            )
            for k, f in findings.items()
        }
    directed = [f for f in findings.values() if f.direction]
    measured = join_words(list(dict.fromkeys(_MEASURE_NOUNS[k.split(":", 1)[0]] for k in findings)))
    head = (
        f"Across the {len(pairs)} pairs of {plural(what)}, {len(directed)} of the {len(findings)} contrasts of "
        f"{measured} {'clears its' if len(directed) == 1 else 'clear their'} criterion (a 95% interval of the "
        "difference that excludes 0)."
    )
    if all_single:
        head += f" Every {what} here is a single article, so each contrast compares two texts."
    if not directed:
        return head + " No pair differs detectably on any of these measures."
    shown = " ".join(f.text for f in directed[:limit])
    if not limit:
        more = f" {'It is' if len(directed) == 1 else 'They are'} in {listed}."
    elif len(directed) > limit:
        more = f" The other {len(directed) - limit} are in {listed}."
    else:
        more = ""
    return f"{head}{' ' + shown if shown else ''}{more}"


#: The signs of a country's role, as :func:`analysis.contrasts.share_contrasts` names them, with how each reads.
#: The last item is the direction that marks a party: more of the first two, fewer quotations.
SIGN_WORDS = {
    "share of actor mentions": (
        "gives its actors a larger share of actor mentions than",
        "gives its actors a smaller share of actor mentions than",
        1,
    ),
    "share of articles naming it first": (
        "names it first in a larger share of articles than",
        "names it first in a smaller share of articles than",
        1,
    ),
    "share of its mentions inside quotations": (
        "carries more of its mentions inside quotations than",
        "carries fewer of its mentions inside quotations than",
        -1,
    ),
}


def country_findings(signs: pd.DataFrame, *, name: str, labels: Mapping | None = None) -> dict[str, Finding]:
    """One :class:`Finding` per sign and pair of groups, from :func:`analysis.contrasts.share_contrasts`.

    Example
    -------
    >>> s = pd.DataFrame([{"measure": "share of actor mentions", "a": "A", "b": "B", "value_a": 0.4, "value_b": 0.1,
    ...     "difference": 0.3, "low": float("nan"), "high": float("nan"), "p": 0.001, "direction": 1,
    ...     "articles_a": 3, "articles_b": 3, "criterion": "Fisher's exact test, p < 0.05",
    ...     "loo_checked": True, "loo_changes": ""}])
    >>> print(country_findings(s, name="Pakistan")["share of actor mentions:A|B"].claim)
    For Pakistan, A gives its actors a larger share of actor mentions than B (40% against 10%; Fisher's exact test p = 0.001).
    """
    out = {}
    for row in signs.to_dict("records"):
        higher, lower, _ = SIGN_WORDS[row["measure"]]
        f = contrast_finding(row, label=row["measure"], higher=higher, lower=lower, labels=labels)
        claim = f.claim.replace(f"By the {row['measure']}, ", f"For {name}, ", 1)
        if row["direction"] == 0:
            claim = claim.replace(
                "there is no detectable difference", f"no detectable difference in its {row['measure']}"
            )
        out[f"{row['measure']}:{row['a']}|{row['b']}"] = Finding(
            claim=claim, direction=f.direction, numbers=f.numbers, criterion=f.criterion, checks=f.checks
        )
    return out


def describe_country_role(signs: pd.DataFrame, *, name: str, labels: Mapping | None = None) -> str:
    """Every sign of a country's role, whichever way it points, and whether together they separate a party
    from a commentator.

    The verdict "a party to A and a commentator on B" is stated only when all
    three signs clear their test and all point the same way; otherwise the
    sentence says which signs do and which do not.

    Example
    -------
    >>> describe_country_role(pd.DataFrame(columns=["measure", "a", "b"]), name="Pakistan")
    "With fewer than two groups, Pakistan's role cannot be contrasted."
    """
    findings = country_findings(signs, name=name, labels=labels)
    if not findings:
        return f"With fewer than two groups, {name}'s role cannot be contrasted."
    parts = []
    for pair in dict.fromkeys(k.split(":", 1)[1] for k in findings):
        mine = {k.split(":", 1)[0]: f for k, f in findings.items() if k.endswith(":" + pair)}
        a, b = (_name(labels, g) for g in pair.split("|", 1))
        parts += [f.text for f in mine.values()]
        party = [SIGN_WORDS[m][2] * f.direction for m, f in mine.items()]
        if len(party) == len(SIGN_WORDS) and all(p == 1 for p in party):
            parts.append(
                f"All three signs clear their test and agree: the coverage casts {name} as a party to {a} "
                f"and a commentator on {b}."
            )
        elif len(party) == len(SIGN_WORDS) and all(p == -1 for p in party):
            parts.append(
                f"All three signs clear their test and agree: the coverage casts {name} as a party to {b} "
                f"and a commentator on {a}."
            )
        else:
            cleared = [m for m, f in mine.items() if f.direction]
            if len(cleared) == len(SIGN_WORDS):
                head = "All three signs clear their tests but point different ways"
            elif not cleared:
                head = "None of the three signs clears its test"
            elif len(cleared) == 1:
                head = f"1 of the three signs clears its test ({cleared[0]})"
            else:
                head = f"{len(cleared)} of the three signs clear their tests ({join_words(cleared)})"
            parts.append(f"{head}, so between {a} and {b} the counts do not separate a party from a commentator.")
    return " ".join(parts)


#: What one added article holds, by the total of a share (see :data:`analysis.contrasts.COUNTRY_SIGNS`).
_PER_ARTICLE = {
    "share of actor mentions": ("actor mention", ""),
    "share of its mentions inside quotations": ("mention", " of {name}"),
}


def describe_share_thresholds(
    thresholds: pd.DataFrame, signs: pd.DataFrame, *, name: str, labels: Mapping | None = None, limit: int = 100
) -> str:
    """What would change each sign of a country's role: the added articles that would make a contrast undetectable.

    ``thresholds`` from :func:`analysis.compare.share_thresholds` and ``signs``
    from :func:`analysis.contrasts.share_contrasts` (the country's signs). A sign
    without a detectable difference has no order to reverse, and says so.

    Example
    -------
    >>> t = pd.DataFrame({"measure": ["share of actor mentions"], "a": ["A"], "b": ["B"], "added_to": ["B"],
    ...                   "other": ["A"], "other_share": [1.0], "per_article": [10.0], "articles_needed": [3.0]})
    >>> s = pd.DataFrame({"measure": ["share of actor mentions", "share of articles naming it first"],
    ...                   "a": ["A", "A"], "b": ["B", "B"], "direction": [1, 0]})
    >>> print(describe_share_thresholds(t, s, name="Chad"))
    Share of actor mentions: 3 added articles in B of median size (10 actor mentions), each giving Chad the share it has in A (100%), would make the difference undetectable. On the share of articles naming it first there is no detectable difference, so there is no order to reverse.
    """
    if signs.empty:
        return f"With fewer than two groups, {name}'s role has no order to reverse."
    out = []
    for r in thresholds.itertuples(index=False):
        holds = _PER_ARTICLE.get(r.measure)
        size = (
            f" of median size ({count_noun(round(r.per_article), holds[0])}{holds[1].format(name=name)})"
            if holds
            else ""
        )
        if pd.isna(r.articles_needed):
            head = f"more than {limit} added articles in {_name(labels, r.added_to)}{size}"
        else:
            head = f"{count_noun(int(r.articles_needed), 'added article')} in {_name(labels, r.added_to)}{size}"
        out.append(
            f"{sentence_start(r.measure)}: {head}, each giving {name} the share it has in {_name(labels, r.other)} "
            f"({r.other_share:.0%}), would make the difference undetectable."
        )
    flat = list(dict.fromkeys(signs.loc[signs["direction"] == 0, "measure"]))
    if flat:
        out.append(f"On the {join_words(flat)} there is no detectable difference, so there is no order to reverse.")
    return " ".join(out)
