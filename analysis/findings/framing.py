"""Sentences about the framing measure, chosen from computed conditions: terms, frames, balance, genres, shared terms.

The sentences about the dictionaries' validation are in ``analysis.findings.frame_validation``,
except :func:`describe_balance_check` and :func:`describe_recall_tilt`, which read one evidence table each.
"""

from __future__ import annotations

import pandas as pd

from analysis.formatting import RATE, count_noun, format_number, format_share, join_words, signed
from analysis.framing.frames import FramesArg, resolve_frames
from analysis.framing.keyness import over_used
from analysis.framing.summaries import frame_term_counts, index_key, smallest_group


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
            f"{labels.get(i, i)} ({signed(c)} by sentences, {signed(w)} by words)"
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
        f"The dictionaries find {format_share(esc)} of the sentences coded as escalation and "
        f"{format_share(de)} of those coded as de-escalation, {tilt}."
    )


def balance_text(value) -> str:
    """An escalation balance for prose: signed, two decimals, or "undefined (no hits)".

    Example
    -------
    >>> balance_text(0.5), balance_text(float("nan"))
    ('+0.50', 'undefined (no hits)')
    """
    return "undefined (no hits)" if pd.isna(value) else signed(value)


def describe_top_terms(table: pd.DataFrame, *, k: int = 5, min_count: int = 2) -> str:
    """The ``k`` most over-used terms of each group of a keyness table, with their counts.

    ``table`` comes from :func:`~analysis.framing.keyness.keyness` (``min_count``
    is the one it was computed with, named when no term is left).

    Example
    -------
    >>> t = pd.DataFrame({"group": ["A", "A", "B"], "term": ["war", "calm", "talks"], "count": [3, 1, 2],
    ...                   "z": [2.5, -1.0, -0.5]})
    >>> describe_top_terms(t)
    'A: war (3); B: none'
    >>> describe_top_terms(t.iloc[0:0], min_count=3)
    'none (no term occurs 3 times or more)'
    """
    over = over_used(table, top=k)
    parts = []
    for group in pd.unique(table["group"]):
        part = over[over["group"] == group]
        terms = ", ".join(f"{t} ({c})" for t, c in zip(part["term"], part["count"])) or "none"
        parts.append(f"{group}: {terms}")
    return "; ".join(parts) or f"none (no term occurs {min_count} times or more)"


def one_group_note(what: str) -> str:
    """What a chart comparing groups says when the corpus has only one group of ``what``.

    Example
    -------
    >>> one_group_note("crisis")
    'The corpus has one crisis: there is nothing to compare.'
    """
    return f"The corpus has one {what}: there is nothing to compare."


def describe_crisis_terms(table: pd.DataFrame, *, n_crises: int, min_count: int = 2) -> str:
    """The paragraph on the crises' distinctive terms: the top five of each, and how many pairs reach z > 1.96.

    ``table`` comes from :func:`~analysis.framing.keyness.group_keyness` by
    crisis (groups as they should read); ``n_crises`` is the corpus's number
    of crises (with one, there is nothing to compare).

    Example
    -------
    >>> t = pd.DataFrame({"group": ["A", "B"], "term": ["war", "war"], "count": [3, 0], "z": [2.5, -2.5]})
    >>> describe_crisis_terms(t, n_crises=2)
    'The most over-used terms of each crisis, with their counts, are: A: war (3); B: none. Of 1 terms scored, 1 (term, crisis) pairs reach z > 1.96, before any correction for the number of terms tested (see the cross-checks below).'
    >>> describe_crisis_terms(t.iloc[0:0], n_crises=1)[:34]
    'The corpus has one crisis, so ther'
    """
    if n_crises < 2:
        return (
            "The corpus has one crisis, so there is no other crisis to compare it with; "
            "the outlet comparison below still applies."
        )
    return (
        f"The most over-used terms of each crisis, with their counts, are: "
        f"{describe_top_terms(table, min_count=min_count)}. Of {table['term'].nunique()} terms scored, "
        f"{int((table['z'] > 1.96).sum())} (term, crisis) pairs reach z > 1.96, before any correction for the "
        "number of terms tested (see the cross-checks below)."
    )


def describe_outlet_terms(table: pd.DataFrame, *, n_outlets: int, min_count: int = 2) -> str:
    """The four most over-used terms of each outlet, or why there are none to give.

    Example
    -------
    >>> t = pd.DataFrame({"group": ["X", "Y"], "term": ["war", "war"], "count": [3, 0], "z": [2.5, -2.5]})
    >>> describe_outlet_terms(t, n_outlets=2), describe_outlet_terms(t.iloc[0:0], n_outlets=1)
    ('X: war (3); Y: none', 'no comparison (one outlet)')
    """
    if n_outlets < 2:
        return "no comparison (one outlet)"
    return describe_top_terms(table, k=4, min_count=min_count)


def describe_dominant_frames(
    dominant: pd.DataFrame,
    *,
    by: str = "group",
    labels: dict | None = None,
    family: str | None = None,
    rates: bool = True,
) -> str:
    """The dominant frame of each group (:func:`~analysis.framing.summaries.dominant_frames`), as one list.

    ``dominant`` is that function's table (key column ``by``); ``family`` is
    the one it was restricted to, if any (named when a group has no hit);
    ``rates`` adds the hits per 1,000 words to the count. A tie is said.

    Example
    -------
    >>> d = pd.DataFrame({"group": ["k", "m"], "dominant_frame": ["conflict", ""],
    ...                   "dominant_frame_label": ["Conflict", "none"], "dominant_frame_hits": [5, 0],
    ...                   "dominant_frame_per_1000": [10.0, 0.0], "frames_tied": [1, 0]})
    >>> describe_dominant_frames(d, labels={"k": "Crisis K"})
    'Crisis K: conflict (5 hits, 10.0 per 1,000 words; tied with 1 other frame); m: no frame hits'
    >>> describe_dominant_frames(d, family="generic", rates=False)
    'k: conflict (5 hits; tied with 1 other frame); m: no generic-frame hits'
    """
    labels = labels or {}
    none = "no frame hits" if family is None else f"no {family}-frame hits"
    parts = []
    for g, label, h, r, tied in zip(
        dominant[by],
        dominant["dominant_frame_label"],
        dominant["dominant_frame_hits"],
        dominant["dominant_frame_per_1000"],
        dominant["frames_tied"],
    ):
        if not h:
            parts.append(f"{labels.get(g, g)}: {none}")
            continue
        numbers = (
            f"{count_noun(int(h), 'hit')}, {format_number(r, RATE)} per 1,000 words"
            if rates
            else count_noun(int(h), "hit")
        )
        if tied:
            numbers += f"; tied with {tied} other frame{'s' if tied > 1 else ''}"
        parts.append(f"{labels.get(g, g)}: {label.lower()} ({numbers})")
    return "; ".join(parts)


def describe_genre_mix(genres: dict[str, list[str]]) -> str:
    """Whether the later articles are of other genres than the first-date ones (``analysis.framing.summaries.period_genres``).

    Example
    -------
    >>> describe_genre_mix({"first date": ["news"], "later": ["analysis", "news"]})
    'The later articles also include other kinds of text (analysis and news, against news on the first date), which the next section compares.'
    >>> describe_genre_mix({"first date": ["news"], "later": []})
    'The first-date and later articles are of the same genres.'
    """
    first, later = genres["first date"], genres["later"]
    if later and later != first:
        return (
            f"The later articles also include other kinds of text ({join_words(later)}, against "
            f"{join_words(first)} on the first date), which the next section compares."
        )
    return "The first-date and later articles are of the same genres."


def describe_genre_scope(within, *, labels: dict | None = None) -> str:
    """Where genres are compared (``analysis.framing.summaries.genre_scope``): within a crisis, or across the corpus.

    Example
    -------
    >>> describe_genre_scope("k", labels={"k": "Crisis K"}), describe_genre_scope(None)
    ('within Crisis K', 'across the whole corpus')
    """
    if within is None:
        return "across the whole corpus"
    return f"within {(labels or {}).get(within, within)}"


def describe_genre_counts(scope: pd.DataFrame) -> str:
    """How many articles of each genre the comparison holds, genres in alphabetical order.

    Example
    -------
    >>> describe_genre_counts(pd.DataFrame({"genre": ["news", "analysis", "news"]}))
    '1 analysis and 2 news'
    """
    return join_words([f"{n} {g}" for g, n in scope["genre"].value_counts().sort_index().items()])


def describe_genres(
    pooled: pd.DataFrame, terms: pd.DataFrame, spread: pd.DataFrame, frames: FramesArg = None, *, min_count: int = 2
) -> dict[str, str]:
    """What the genres of the comparison's articles are like: balance, over-used terms, frames.

    ``pooled`` is :func:`~analysis.framing.frames.pooled_balance` by genre (one
    row per genre compared), ``terms`` :func:`~analysis.framing.keyness.group_keyness`
    by genre and ``spread`` ``analysis.framing.summaries.frame_spread`` of the
    frame scores by genre. Which genre leans more to escalation is not said
    here: that is a contrast with its interval
    (:func:`analysis.findings.verdicts.describe_contrasts`).

    Returns a dict of texts: ``balance``, ``terms``, ``frames``,
    ``paragraph`` (the three as one paragraph) and ``note`` (how this relates
    to Lee, Maslog & Kim 2006). With one genre, ``paragraph`` and ``note`` say
    so and the others are empty.

    Example
    -------
    >>> pooled = pd.DataFrame({"group": ["analysis", "news"], "n_articles": [1, 3], "esc": [2, 9], "deesc": [2, 1],
    ...                        "balance": [0.0, 0.8]})
    >>> spread = pd.DataFrame({"analysis": [6.0], "news": [28.0]}, index=pd.Index(["conflict"], name="frame"))
    >>> said = describe_genres(pooled, pd.DataFrame(columns=["group", "term", "count", "z"]), spread)
    >>> said["frames"]
    'conflict (analysis 6.0, news 28.0 per 1,000 words)'
    >>> describe_genres(pooled.head(1), None, None)["paragraph"]
    'With one genre, there is nothing to set it against.'
    """
    if len(pooled) < 2:
        return {
            **dict.fromkeys(("balance", "terms", "frames"), ""),
            "paragraph": "With one genre, there is nothing to set it against.",
            "note": "This corpus has one genre, so it cannot even illustrate that.",
        }
    table = resolve_frames(frames)
    name = dict(zip(table["key"], table["label"]))
    said = {
        "balance": "; ".join(
            f"{g}: {e} escalation and {d} de-escalation hits, balance {balance_text(b)}"
            for g, e, d, b in zip(pooled["group"], pooled["esc"], pooled["deesc"], pooled["balance"])
        ),
        "terms": describe_top_terms(terms, k=6, min_count=min_count),
        "frames": "; ".join(
            f"{name[f].lower()} ("
            + ", ".join(f"{g} {format_number(spread.loc[f, g], RATE)}" for g in spread.columns)
            + " per 1,000 words)"
            for f in spread.index
        )
        or "none (no frame hit)",
        "note": "This corpus has too few articles to test that, only to illustrate it. A genre represented by "
        "one article is that article: its author's style cannot be told apart from the genre.",
    }
    said["paragraph"] = (
        f"Escalation balance per genre: {said['balance']}. Most over-used terms: {said['terms']}. "
        f"Frames whose rates differ most: {said['frames']}."
    )
    return said


def describe_shared_terms(
    shared: pd.DataFrame,
    *,
    corpus: pd.DataFrame,
    frames: FramesArg = None,
    outlets: pd.DataFrame | None = None,
    breakdown: pd.DataFrame | None = None,
    labels: dict | None = None,
) -> str:
    """The paragraph on what the crises' framings share: the smallest crisis, the shared terms, the shared de-escalation.

    ``shared`` comes from ``analysis.framing.summaries.terms_shared_by_groups``
    by crisis; ``outlets`` from :func:`~analysis.corpus.load_outlets` (their
    descriptions name the smallest crisis's sources); ``breakdown`` is a
    :func:`~analysis.framing.collocations.kwic` table of the phrases "breakdown
    of diplomacy" and "failure of diplomacy". With one crisis, says that nothing
    can be compared.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "crisis": ["k", "m"], "outlet": ["X", "Y"]})
    >>> shared = pd.DataFrame({"frame": ["de-escalation"], "term": ["restraint"], "hits": [3], "min_hits": [1],
    ...                        "k": [2], "m": [1]})
    >>> print(describe_shared_terms(shared, corpus=corpus, labels={"k": "K", "m": "M"}))  # doctest: +NORMALIZE_WHITESPACE
    The smallest crisis, K, has 1 article, from X. 1 dictionary terms occur in the coverage of every crisis.
    The commonest are restraint (de-escalation (peace journalism)). By frame, they belong to: de-escalation (peace
    journalism) (1). The shared de-escalation terms, with their counts per crisis, are: restraint (K 2, M 1). The
    table shows the shared terms with their counts in each crisis. Below it are the sentences in which the words
    'diplomacy' and 'restraint' occur, in every crisis. The phrase 'breakdown of diplomacy' does not occur in this
    corpus.
    """
    if corpus["crisis"].nunique() < 2:
        return "The corpus has one crisis, so nothing can be compared across crises."
    labels = labels or {}
    table = resolve_frames(frames)
    name = dict(zip(table["key"], table["label"]))
    crisis_of = corpus.set_index("id")["crisis"]
    crises = set(corpus["crisis"])
    columns = [c for c in shared.columns if c in crises]
    deesc = shared[shared["frame"] == index_key(table, "de-escalation")]
    shared_deesc = (
        "; ".join(
            f"{r['term']} (" + ", ".join(f"{labels.get(c, c)} {r[c]}" for c in columns) + ")"
            for _, r in deesc.iterrows()
        )
        or "none"
    )
    smallest = smallest_group(corpus, by="crisis")
    in_smallest = corpus["crisis"] == smallest
    notes = {} if outlets is None else outlets.set_index("outlet")["description"].to_dict()
    sources = join_words(
        [f"{o} ({notes[o].rstrip('.')})" if o in notes else o for o in corpus.loc[in_smallest, "outlet"].unique()]
    )
    if breakdown is not None and len(breakdown):
        where = join_words(sorted({labels.get(crisis_of[i], crisis_of[i]) for i in breakdown["id"]}))
        breakdown_text = (
            f"The phrases 'breakdown of diplomacy' and 'failure of diplomacy' occur {count_noun(len(breakdown), 'time')}, in the "
            f"coverage of {where}. They blame the crisis on diplomacy's absence, which is the same "
            f"de-escalation vocabulary as the calls for restraint and dialogue."
        )
    else:
        breakdown_text = "The phrase 'breakdown of diplomacy' does not occur in this corpus."
    where = (
        f"The smallest crisis, {labels.get(smallest, smallest)}, has {count_noun(int(in_smallest.sum()), 'article')}, "
        f"from {sources}."
    )
    if shared.empty:
        return f"{where} No dictionary term occurs in the coverage of every crisis. {breakdown_text}"
    commonest = ", ".join(f"{t} ({name[f].lower()})" for f, t in zip(shared.head(8)["frame"], shared.head(8)["term"]))
    per_frame = ", ".join(f"{name[f].lower()} ({n})" for f, n in frame_term_counts(shared).head(4).items())
    return (
        f"{where} {len(shared)} dictionary terms occur in the coverage of every crisis. The commonest are "
        f"{commonest or 'none'}. By frame, they belong to: {per_frame or 'none'}. "
        f"The shared de-escalation terms, with their counts per crisis, are: {shared_deesc}. "
        f"The table shows the shared terms with their counts in each crisis. Below it are the sentences in "
        f"which the words 'diplomacy' and 'restraint' occur, in every crisis. {breakdown_text}"
    )


def article_names(corpus: pd.DataFrame) -> dict[str, str]:
    """How prose names each article: its outlet when the outlet has one article, else "outlet (id)".

    Example
    -------
    >>> article_names(pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]}))
    {'a': 'X (a)', 'b': 'X (b)', 'c': 'Y'}
    """
    per_outlet = corpus["outlet"].value_counts()
    return {i: o if per_outlet[o] == 1 else f"{o} ({i})" for i, o in zip(corpus["id"], corpus["outlet"])}


def describe_actor_overlap(overlap: pd.DataFrame, by_frame: pd.DataFrame) -> str:
    """How many frame hits fall inside an actor's name, per frame, with one example each.

    ``overlap`` from :func:`~analysis.framing.summaries.actor_overlap` and
    ``by_frame`` from :func:`~analysis.framing.summaries.overlap_by_frame`.
    Frames are listed most overlapping hits first (file order breaks ties).

    Example
    -------
    >>> o = pd.DataFrame({"frame": ["morality"], "matched": ["Justice"], "mention": ["Army of Justice"]})
    >>> f = pd.DataFrame({"frame": ["morality", "conflict"], "label": ["Morality", "Conflict"], "hits": [4, 6],
    ...                   "in_actor": [1, 0]})
    >>> print(describe_actor_overlap(o, f))
    The dictionaries hold no actor name, but 1 of their 10 hits in this corpus (10%) still falls inside an actor mention of the actors chapter, so it counts part of a name as frame evidence: morality 1 of 4 (“Justice” in “Army of Justice”).
    >>> describe_actor_overlap(o.iloc[0:0], f.assign(in_actor=0))
    "No frame hit falls inside an actor mention, so no frame counts an actor's name as its evidence."
    """
    total, inside = int(by_frame["hits"].sum()), int(by_frame["in_actor"].sum())
    if total == 0:
        return "The dictionaries find no hit in this corpus, so none can fall inside an actor's name."
    if inside == 0:
        return "No frame hit falls inside an actor mention, so no frame counts an actor's name as its evidence."
    shown = by_frame[by_frame["in_actor"] > 0].reset_index(drop=True)
    shown = shown.assign(_o=range(len(shown))).sort_values(["in_actor", "_o"], ascending=[False, True])
    parts = []
    for f, label, k, n in zip(shown["frame"], shown["label"], shown["in_actor"], shown["hits"]):
        first = overlap[overlap["frame"] == f].iloc[0]
        parts.append(f"{label.lower()} {k} of {n} (“{first['matched']}” in “{first['mention']}”)")
    verb = "falls" if inside == 1 else "fall"
    return (
        f"The dictionaries hold no actor name, but {inside} of their {total:,} hits in this corpus "
        f"({format_share(inside / total)}) still {verb} inside an actor mention of the actors chapter, so "
        f"{'it counts' if inside == 1 else 'they count'} part of a name as frame evidence: {'; '.join(parts)}."
    )
