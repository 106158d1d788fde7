"""Sentences of the comparison chapter and the title page, each chosen from computed conditions.

A claim made for the seed corpus is never printed for a corpus where it does
not hold: every sentence here is built from the tables of
:mod:`analysis.compare` and the measures.
"""

from __future__ import annotations

import pandas as pd

from analysis.compare import PROFILE_MEASURES, median_sizes, reversal_thresholds
from analysis.errors import require_columns
from analysis.evidence import evaluate, gold_predictions
from analysis.findings.framing import describe_dominant_frames
from analysis.findings.verdicts import contrast_findings, country_findings, describe_contrasts, describe_country_role
from analysis.formatting import (
    DECIMAL,
    count_noun,
    format_number,
    format_share,
    join_words,
    plural,
    sentence_start,
    signed,
)


def _overlap(a, b, prefix: str) -> bool:
    return not (a[f"{prefix}_lo"] > b[f"{prefix}_hi"] or b[f"{prefix}_lo"] > a[f"{prefix}_hi"])


def describe_articles(summary: pd.DataFrame) -> str:
    """Sentences on the articles at the ends of each measure, from :func:`~analysis.compare.article_summary`.

    Names the article with the highest and the lowest escalation balance and
    mean VADER and TextBlob tone, says whether the two tools pick the same
    most negative article, how many articles have a VADER interval wholly
    below zero, and how many share the commonest dominant frame.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "balance": [0.5, -0.2], "no_hits": [False, False],
    ...     "vader_mean": [-0.3, 0.1], "vader_lo": [-0.5, -0.1], "vader_hi": [-0.1, 0.3], "tb_mean": [-0.1, 0.0],
    ...     "dominant_frame_label": ["Conflict", "Conflict"], "dominant_frame_hits": [3, 1]})
    >>> print(describe_articles(s).split(". ")[0])
    The escalation balance runs from -0.20 (Y) to +0.50 (X)
    """
    if summary.empty:
        return "The corpus has no article."
    who = (summary["outlet"] if "outlet" in summary.columns else summary["id"]).astype(str)
    if who.duplicated().any():
        who = who + " " + summary["id"].astype(str)
    who = pd.Series(who.to_numpy(), index=summary.index)
    n = len(summary)
    parts = []
    scored = summary[~summary["no_hits"].astype(bool)].dropna(subset=["balance"])
    if len(scored) >= 2:
        lo, hi = scored["balance"].idxmin(), scored["balance"].idxmax()
        parts.append(
            f"The escalation balance runs from {signed(summary.loc[lo, 'balance'])} ({who[lo]}) to "
            f"{signed(summary.loc[hi, 'balance'])} ({who[hi]})."
        )
    elif len(scored) == 1:
        i = scored.index[0]
        parts.append(
            f"Only {who[i]} has escalation or de-escalation words (balance {signed(summary.loc[i, 'balance'])})."
        )
    else:
        parts.append("No article has escalation or de-escalation words.")
    tone = summary.dropna(subset=["vader_mean", "tb_mean"])
    if len(tone) >= 2:
        v_lo, v_hi = tone["vader_mean"].idxmin(), tone["vader_mean"].idxmax()
        t_lo = tone["tb_mean"].idxmin()
        parts.append(
            f"By VADER, the most negative article is {who[v_lo]} ({signed(summary.loc[v_lo, 'vader_mean'])}) "
            f"and the highest-scoring {who[v_hi]} ({signed(summary.loc[v_hi, 'vader_mean'])})."
        )
        if t_lo == v_lo:
            parts.append("TextBlob picks the same most negative article.")
        else:
            parts.append(
                f"TextBlob picks another as the most negative: {who[t_lo]} ({signed(summary.loc[t_lo, 'tb_mean'])})."
            )
        below = int((tone["vader_hi"] < 0).sum())
        parts.append(
            f"{below} of the {n} articles {'has' if below == 1 else 'have'} a VADER interval wholly below zero."
        )
    framed = summary[summary["dominant_frame_hits"] > 0]
    if len(framed):
        common = framed["dominant_frame_label"].value_counts()
        top_label, k = common.index[0], int(common.iloc[0])
        if k >= 2 and (len(common) == 1 or int(common.iloc[1]) < k):
            parts.append(f"The commonest dominant frame is {top_label.lower()}, in {k} of the {n} articles.")
        else:
            parts.append("No single frame dominates more articles than every other.")
    return " ".join(parts)


def describe_groups(profile: pd.DataFrame, *, what: str, labels: dict | None = None) -> str:
    """A few sentences setting the groups of a :func:`~analysis.compare.group_profile` against each other.

    Describes each group with its numbers, and names a group of one article
    as such. Whether two groups differ is not said here: that is the verdict
    of :func:`analysis.findings.verdicts.describe_contrasts`, which has the
    intervals to decide it.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["A"], "n_articles": [1]})
    >>> describe_groups(p, what="crisis")
    'The corpus holds one crisis (A), so there is nothing to set it against.'
    """
    labels = labels or {}

    def name(g):
        return labels.get(g, g)

    if profile.empty:
        return f"The corpus holds no {what}."
    if len(profile) < 2:
        return f"The corpus holds one {what} ({name(profile['group'].iloc[0])}), so there is nothing to set it against."
    parts = []
    for r in profile.itertuples(index=False):
        frame = (
            f"its dominant frame is {r.dominant_frame_label.lower()} ({count_noun(r.dominant_frame_hits, 'hit')})"
            if r.dominant_frame_hits
            else "no frame word occurs"
        )
        bal = (
            f"escalation balance {signed(r.balance)} ({r.esc} escalation against {r.deesc} de-escalation hits)"
            if not r.no_hits
            else "no escalation or de-escalation hit"
        )
        parts.append(
            f"{sentence_start(str(name(r.group)))} ({count_noun(r.n_articles, 'article')}, {r.n_words:,} words of body "
            "text): most named "
            f"{r.top_actors}; {frame}; {bal}; mean sentence tone {signed(r.vader_mean)} (VADER) and "
            f"{signed(r.tb_mean)} (TextBlob) over {count_noun(r.n_sentences, 'sentence')}."
        )
    single = [name(g) for g, k in zip(profile["group"], profile["n_articles"]) if k == 1]
    if single:
        parts.append(
            f"{sentence_start(join_words(single))} {'rests' if len(single) == 1 else 'each rest'} on a single "
            "article, so a difference here is a difference between texts, not between kinds of coverage."
        )
    return " ".join(parts)


def describe_dominant_by_group(profile: pd.DataFrame, *, what: str, labels: dict | None = None) -> str:
    """One sentence: the dominant frame of each group of a :func:`~analysis.compare.group_profile`.

    The dominant frame is :func:`analysis.framing.summaries.dominant_frames`'s,
    the one definition the book uses on every page.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["k"], "dominant_frame_label": ["Conflict"], "dominant_frame_hits": [4],
    ...                   "dominant_frame_per_1000": [8.0], "frames_tied": [0]})
    >>> describe_dominant_by_group(p, what="crisis", labels={"k": "Crisis K"})
    "The dominant frame (the frame with most dictionary hits, the escalation indices aside) of each crisis's coverage is: Crisis K: conflict (4 hits)."
    """
    if profile.empty:
        return f"The corpus holds no {what}, so no frame dominates."
    listing = describe_dominant_frames(profile, labels=labels, rates=False)
    return (
        "The dominant frame (the frame with most dictionary hits, the escalation indices aside) of each "
        f"{what}'s coverage is: {listing}."
    )


def describe_country(profile: pd.DataFrame, *, name: str, labels: dict | None = None) -> str:
    """How a country figures in each group: its share of mentions, rank, quotations, and the sentences naming it.

    Describes each group with its numbers. Whether the signs separate a party
    from a commentator is the verdict of
    :func:`analysis.findings.verdicts.describe_country_role`, which tests each sign.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["A", "B"], "mentions": [90, 4], "share": [0.4, 0.07], "state_rank": [1, 4],
    ...                   "quoted_share": [0.08, 0.5], "first_in": [2, 1], "articles": [4, 1], "n_sentences": [50, 3],
    ...                   "vader_mean": [-0.2, 0.1], "tb_mean": [0.0, 0.0], "esc": [30, 1], "deesc": [10, 2],
    ...                   "balance": [0.5, -0.33]})
    >>> describe_country(p, name="Pakistan").split(";")[0]
    "In A (4 articles), Pakistan's actors take 40% of actor mentions (90), rank 1 among countries, with 8% of their mentions inside quotations"
    """
    labels = labels or {}

    def g(k):
        return labels.get(k, k)

    if profile.empty or profile["mentions"].sum() == 0:
        return f"No actor belonging to {name} is named in this corpus, so its role cannot be read."
    out = []
    for r in profile.itertuples(index=False):
        if r.mentions == 0:
            out.append(f"In {g(r.group)} ({count_noun(r.articles, 'article')}) {name} is not named.")
            continue
        tone = (
            f"the {count_noun(r.n_sentences, 'sentence')} naming it average{'s' if r.n_sentences == 1 else ''} "
            f"{signed(r.vader_mean)} (VADER) and "
            f"{signed(r.tb_mean)} (TextBlob) and hold{'s' if r.n_sentences == 1 else ''} {r.esc} escalation "
            f"and {r.deesc} de-escalation hits"
        )
        out.append(
            f"In {g(r.group)} ({count_noun(r.articles, 'article')}), {name}'s actors take {format_share(r.share)} of actor "
            f"mentions ({r.mentions}), rank {r.state_rank} among countries, with {format_share(r.quoted_share)} of "
            f"their mentions inside quotations; {tone}."
        )
    if len(profile) < 2:
        out.append(f"With one group only, {name}'s role cannot be contrasted.")
        return " ".join(out)
    return " ".join(out)


def describe_reversals(
    thresholds: pd.DataFrame,
    *,
    what: str,
    labels: dict | None = None,
    hits_per_article: float | None = None,
    sentences_per_article: float | None = None,
) -> list[str]:
    """One checkable sentence per measure: what an added article would need to score to reverse the order.

    ``thresholds`` from :func:`~analysis.compare.reversal_thresholds`. Returns a list of
    sentences (empty when fewer than two groups could be scored).

    Example
    -------
    >>> t = pd.DataFrame({"measure": ["balance"], "high": ["A"], "low": ["B"], "high_value": [0.5], "low_value": [0.2],
    ...                   "gap": [0.3], "add_to_high": [-1.0], "add_to_low": [0.8], "feasible_high": [True],
    ...                   "feasible_low": [True]})
    >>> print(describe_reversals(t, what="crisis")[0])
    Escalation balance: A (+0.50) is above B (+0.20). One more B article of typical size with a balance of +0.80 or more would close the gap; so would one more A article with a balance of -1.00 or less.
    """
    labels = labels or {}

    def g(k):
        return labels.get(k, k)

    short = {"balance": "balance", "vader_mean": "mean VADER score", "tb_mean": "mean TextBlob score"}
    out = []
    for r in thresholds.itertuples(index=False):
        label = PROFILE_MEASURES[r.measure]
        head = f"{label[0].upper()}{label[1:]}: {g(r.high)} ({signed(r.high_value)}) is above {g(r.low)} ({signed(r.low_value)})."
        size = ""
        if r.measure == "balance" and hits_per_article:
            size = f" ({hits_per_article:g} escalation and de-escalation hits, the median per article)"
        elif r.measure != "balance" and sentences_per_article:
            size = f" ({sentences_per_article:g} sentences, the median per article)"
        parts = []
        if r.feasible_low:
            parts.append(
                f"One more {g(r.low)} article of typical size{size} with a {short[r.measure]} of "
                f"{signed(r.add_to_low)} or more would close the gap"
            )
        if r.feasible_high:
            if parts:
                parts.append(
                    f"so would one more {g(r.high)} article with a {short[r.measure]} of "
                    f"{signed(r.add_to_high)} or less"
                )
            else:
                parts.append(
                    f"One more {g(r.high)} article of typical size{size} with a {short[r.measure]} of "
                    f"{signed(r.add_to_high)} or less would close the gap"
                )
        if not parts:
            out.append(
                f"{head} No single added article of typical size{size} could close the gap (it would need a "
                f"{short[r.measure]} beyond the scale's −1 to +1); it would take several."
            )
            continue
        text = f"{head} {'; '.join(parts)}."
        if r.feasible_low != r.feasible_high:
            side, value = (g(r.low), r.add_to_low) if not r.feasible_low else (g(r.high), r.add_to_high)
            text += f" No single {side} article could (it would need {signed(value)}, beyond the scale's −1 to +1)."
        out.append(text)
    return out


def describe_tone_validation(corpus: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame | None) -> str:
    """One sentence on how the tone tools fare against the hand labels that cover this corpus.

    ``gold`` is the corpus's sentiment labels
    (``load_gold("sentiment")``, :func:`analysis.evidence.gold.load_gold`), or
    ``None`` when the corpus has none. Scored with
    :func:`analysis.evidence.sentiment.gold_predictions` and
    :func:`analysis.evidence.sentiment.evaluate`, on the labelled sentences of the
    articles in ``corpus`` only.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["zz"], "text": ["Calm."], "quoted_text": [""]})
    >>> describe_tone_validation(corpus, pd.DataFrame(columns=["id"]), None)
    'No hand-labelled sentence belongs to this corpus, so the tone tools cannot be checked on it.'
    """
    if gold is None:
        return "No hand-labelled sentence belongs to this corpus, so the tone tools cannot be checked on it."
    gold = gold[gold["id"].isin(set(corpus["id"]))]
    if gold.empty:
        return "No hand-labelled sentence belongs to this corpus, so the tone tools cannot be checked on it."
    result = evaluate(gold_predictions(sentences, gold)).set_index("tool")
    return (
        f"Against one reader's labels for {len(gold)} of this corpus's sentences, the tone tools reach an accuracy of "
        f"{format_number(result.loc['TextBlob', 'accuracy'], DECIMAL)} (TextBlob) and {format_number(result.loc['VADER', 'accuracy'], DECIMAL)} (VADER), "
        f"with macro-F1 {format_number(result.loc['TextBlob', 'macro_f1'], DECIMAL)} and {format_number(result.loc['VADER', 'macro_f1'], DECIMAL)}."
    )


def limits(corpus: pd.DataFrame, *, outlets: pd.DataFrame | None = None, labels: dict | None = None) -> dict:
    """The three limits of any comparison in this corpus, as sentences chosen from its metadata.

    Returns ``{"crises": ..., "genres": ..., "republishers": ...}``:
    the size of the smallest crisis; which outlets wrote which genres; and the
    outlets whose ``outlets.csv`` kind or description says they may
    re-publish (matched on "re-publish"/"republish").

    Example
    -------
    >>> c = pd.DataFrame({"id": ["a", "b"], "crisis": ["x", "y"], "outlet": ["P", "Q"], "genre": ["news", "news"]})
    >>> limits(c)["crises"]
    'Each crisis rests on a single article (x: 1; y: 1): a crisis here is one text.'
    """
    require_columns(corpus, ["id", "crisis", "outlet", "genre"], "limits", "corpus")
    labels = labels or {}
    sizes = corpus.groupby("crisis").size().sort_index()
    listing = "; ".join(f"{labels.get(k, k)}: {n}" for k, n in sizes.items())
    singles = [labels.get(k, k) for k, n in sizes.items() if n == 1]
    if len(sizes) == 1:
        only, n = next(iter(sizes.items()))
        crises = (
            f"The corpus holds one crisis ({labels.get(only, only)}: {count_noun(int(n), 'article')}), "
            "so crises cannot be compared at all."
        )
    elif len(singles) == len(sizes):
        crises = f"Each crisis rests on a single article ({listing}): a crisis here is one text."
    elif singles:
        crises = (
            f"Articles per crisis: {listing}. {join_words(singles)} {'rests' if len(singles) == 1 else 'each rest'} "
            "on a single article, so every contrast with it sets one text, by one outlet, against the rest."
        )
    else:
        crises = (
            f"Articles per crisis: {listing}. Every crisis has more than one article, but too few for a "
            "difference to be more than a description of these texts."
        )
    genres = corpus.groupby("genre")["outlet"].agg(lambda s: sorted(set(s)))
    if len(genres) == 1:
        genre_text = f"Every article is of one genre ({genres.index[0]}), so genre does not confound the outlets here."
    else:
        genre_text = (
            "Outlets differ in genre: "
            + "; ".join(f"{g}: {join_words(list(o))}" for g, o in genres.items())
            + ". A difference between outlets may be a difference between genres."
        )
    repub = []
    if outlets is not None and len(outlets):
        notes = outlets.assign(_t=(outlets["kind"].fillna("") + " " + outlets["description"].fillna("")).str.lower())
        flagged = notes[notes["_t"].str.contains("re-publish|republish", regex=True)]
        repub = [o for o in flagged["outlet"] if o in set(corpus["outlet"])]
    if repub:
        republishers = (
            f"{join_words(repub)} may re-publish others' reporting (outlets.csv), so "
            f"{'its' if len(repub) == 1 else 'their'} article is evidence of what the site published, "
            "not of how its own newsroom wrote: a re-publisher is not an author."
        )
    else:
        republishers = (
            "No outlet in this corpus is noted as a possible re-publisher in outlets.csv; a site that "
            "re-publishes others' text would be evidence of what it published, not of how it writes."
        )
    return {"crises": crises, "genres": genre_text, "republishers": republishers}


def summary_paragraph(
    by_crisis: pd.DataFrame,
    contrasts: pd.DataFrame,
    signs: pd.DataFrame,
    *,
    country_name: str | None = None,
    labels: dict | None = None,
) -> str:
    """A short paragraph of the book's main findings, for its title page.

    ``by_crisis`` from :func:`~analysis.compare.group_profile` with ``by="crisis"``;
    ``contrasts`` from :func:`~analysis.contrasts.group_contrasts` and ``signs``
    from :func:`~analysis.contrasts.share_contrasts` over the crises. With two
    crises it gives the verdicts on the role of the country ``country_name`` (left out
    when it is ``None``: the corpus names no focus country), the escalation balance
    (with the hand coding's check) and tone; with more it counts the
    contrasts that clear their criterion. Every verdict keeps its direction
    only where its test clears.

    Example
    -------
    >>> crises = pd.DataFrame({"group": ["a"], "n_articles": [2]})
    >>> print(summary_paragraph(crises, pd.DataFrame(columns=["source", "key", "a", "b", "direction"]),
    ...                         pd.DataFrame(columns=["measure", "a", "b"]), country_name="X"))
    With one crisis, nothing is contrasted. With 2 articles in all, these describe texts, not patterns of coverage.
    """
    labels = labels or {}

    def name(key):
        return labels.get(key, key)

    parts = []
    found = contrast_findings(contrasts, labels=labels)
    pairs = list(dict.fromkeys(k.split(":", 1)[1] for k in found))
    if not pairs:
        parts.append("With one crisis, nothing is contrasted.")
    elif len(pairs) > 1:
        parts.append(
            describe_contrasts(
                contrasts, what="crisis", labels=labels, limit=0, listed="the comparison chapter's table of verdicts"
            )
        )
    else:
        pair = pairs[0]
        role = country_findings(signs, name=country_name, labels=labels) if country_name else {}
        share = role.get(f"share of actor mentions:{pair}")
        if share is not None:
            parts.append(share.claim)
            parts.append(
                describe_country_role(signs, name=country_name, labels=labels).split(". ")[-1].rstrip(".") + "."
            )
        balance = found.get(f"balance:{pair}")
        if balance is not None:
            parts += [balance.claim, balance.checks.get("hand coding", "")]
        vader, textblob = found.get(f"vader:{pair}"), found.get(f"textblob:{pair}")
        if vader is not None and textblob is not None:
            if vader.direction == textblob.direction == 0:
                parts.append(
                    "Neither tone tool finds a detectable difference in tone between the crises "
                    f"(VADER {signed(vader.numbers['difference'])}, TextBlob "
                    f"{signed(textblob.numbers['difference'])}), so the book draws no conclusion about tone."
                )
            elif vader.direction == textblob.direction:
                parts.append(f"Both tone tools agree: {vader.claim[0].lower()}{vader.claim[1:]}")
            else:
                parts.append(
                    "The two tone tools do not agree on a direction, so the book draws no conclusion about tone."
                )
    sizes = by_crisis["n_articles"]
    if len(sizes) > 1 and (sizes == 1).all():
        parts.append(
            "Every crisis here rests on a single article: all of this describes texts, not patterns of coverage."
        )
    elif len(sizes) > 1 and sizes.min() == 1:
        single = by_crisis.loc[sizes == 1, "group"].map(name).tolist()
        parts.append(
            f"{join_words(single)} {'rests' if len(single) == 1 else 'rest'} on a single article: all of this "
            "describes texts, not patterns of coverage."
        )
    else:
        parts.append(
            f"With {count_noun(int(sizes.sum()), 'article')} in all, these describe texts, not patterns of coverage."
        )
    return " ".join(p for p in parts if p)


def what_would_change(
    profile: pd.DataFrame,
    summary: pd.DataFrame,
    *,
    what: str,
    labels: dict | None = None,
    contrasts: pd.DataFrame | None = None,
) -> str:
    """The reversal thresholds of a :func:`~analysis.compare.group_profile` as prose, for an article of median size.

    Chains :func:`~analysis.compare.median_sizes`, :func:`~analysis.compare.reversal_thresholds` and
    :func:`describe_reversals`; with fewer than two groups it says so. With
    ``contrasts`` (:func:`~analysis.contrasts.group_contrasts` of the same
    groups by the tools), a measure whose contrast between the two extreme
    groups has no detectable direction has no order to reverse, and says so
    instead of a threshold.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["A"], "esc": [3], "deesc": [1], "balance": [0.5], "n_sentences": [4],
    ...                   "vader_mean": [0.1], "tb_mean": [0.0]})
    >>> what_would_change(p, pd.DataFrame({"esc": [3], "deesc": [1], "n_sentences": [4]}), what="crisis")
    'With one crisis, there is no order between crises to reverse.'
    """
    whats = plural(what)
    if len(profile) < 2:
        return f"With one {what}, there is no order between {whats} to reverse."
    sizes = median_sizes(summary)
    t = reversal_thresholds(profile, hits_per_article=sizes["hits"], sentences_per_article=sizes["sentences"])
    if t.empty:
        return f"No measure scores two {whats}, so there is no order to reverse."
    undecided = []
    if contrasts is not None and len(contrasts):
        tools = contrasts[contrasts["source"] == "tool"]
        keys = {"balance": "balance", "vader_mean": "vader", "tb_mean": "textblob"}
        for r in t.itertuples(index=False):
            pair = tools[
                (tools["key"] == keys[r.measure]) & tools["a"].isin([r.high, r.low]) & tools["b"].isin([r.high, r.low])
            ]
            if len(pair) and (pair["direction"] == 0).all():
                undecided.append(PROFILE_MEASURES[r.measure])
        t = t[~t["measure"].map(lambda m: PROFILE_MEASURES[m] in undecided)]
    sentences = []
    if undecided:
        sentences.append(
            f"On the {join_words(undecided)}, the {whats} show no detectable difference, so there is no order "
            "to reverse: one more article could as well open a gap as close one."
        )
    if t.empty:
        return " ".join(sentences)
    return (
        " ".join(sentences)
        + (" " if sentences else "")
        + " ".join(
            describe_reversals(
                t, what=what, labels=labels, hits_per_article=sizes["hits"], sentences_per_article=sizes["sentences"]
            )
        )
    )


def describe_genre_comparison(
    scope: dict, profile: pd.DataFrame, contrasts: pd.DataFrame, *, labels: dict | None = None
) -> str:
    """Where genres are compared (:func:`~analysis.compare.comparison_scope`), what each holds, and the verdicts.

    ``profile`` and ``contrasts`` are :func:`~analysis.compare.group_profile` and
    :func:`~analysis.contrasts.group_contrasts` by genre over the articles in scope.

    Example
    -------
    >>> describe_genre_comparison({"scope": "none"}, pd.DataFrame(), pd.DataFrame())
    'Every article in this corpus is of one genre, so genres cannot be compared.'
    """
    labels = labels or {}
    if scope["scope"] == "none":
        return "Every article in this corpus is of one genre, so genres cannot be compared."
    if scope["scope"] == "within":
        where = (
            f"within {labels.get(scope['group'], scope['group'])}, the crisis with most articles, so that the "
            "crisis does not differ along with the genre"
        )
    else:
        where = "across the whole corpus, since no single crisis holds two genres; crisis and genre are mixed"
    return (
        f"The comparison is made {where}. {describe_groups(profile, what='genre')} "
        f"{describe_contrasts(contrasts, what='genre')}"
    )
