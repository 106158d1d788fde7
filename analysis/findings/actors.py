"""Sentences about the actors measure, chosen from computed conditions."""

from __future__ import annotations

import pandas as pd

from analysis.actors.counts import exclusive_actors, mention_sources
from analysis.errors import require_columns
from analysis.formatting import METRIC, count_noun, format_number, format_share, join_words


def describe_dominant(
    summary: pd.DataFrame, *, by: str = "crisis", top: int = 3, group_labels: dict[str, str] | None = None
) -> str:
    """One sentence per group naming its most mentioned actors, with counts and shares.

    ``summary`` as from :func:`~analysis.actors.counts.actor_summary` with the same ``by``.

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["A", "A"], "label": ["Iran", "Pakistan"], "mentions": [6, 2],
    ...                   "share": [0.75, 0.25], "rank": [1, 2], "group_articles": [2, 2]})
    >>> describe_dominant(s, top=1)
    'In A (2 articles, 8 mentions), the most mentioned is Iran (6 mentions, 75%).'
    """
    if summary.empty:
        return "No actor from the gazetteer is mentioned in this corpus."
    group_labels = group_labels or {}
    parts = []
    for group, sub in summary.groupby(by, sort=True):
        sub = sub.sort_values(["rank", "label"])
        lead = sub[sub["rank"] <= top]
        items = [
            f"{r.label} ({r.mentions} mention{'s' if r.mentions != 1 else ''}, {format_share(r.share)})"
            for r in lead.itertuples()
        ]
        n_art = int(sub["group_articles"].iloc[0])
        head = (
            f"In {group_labels.get(group, group)} ({n_art} article{'s' if n_art != 1 else ''}, "
            f"{int(sub['mentions'].sum())} mentions), the most mentioned "
            f"{'is' if len(items) == 1 else 'are'} "
        )
        parts.append(head + join_words(items) + ".")
    return " ".join(parts)


def describe_exclusive(
    summary: pd.DataFrame, *, by: str = "crisis", limit: int = 8, group_labels: dict[str, str] | None = None
) -> str:
    """Which actors appear in only one group (most mentioned first, at most ``limit`` per group).

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["A", "A", "B"], "actor": ["iran", "india", "iran"],
    ...                   "label": ["Iran", "India", "Iran"], "mentions": [5, 1, 2]})
    >>> describe_exclusive(s)
    'Only in A: India (1). Every actor named in B is also named elsewhere.'
    """
    if summary.empty:
        return "No actor from the gazetteer is mentioned in this corpus."
    groups = sorted(summary[by].unique())
    if len(groups) < 2:
        return f"The corpus has fewer than two groups by {by}, so no actor can be told apart as exclusive to one."
    group_labels = group_labels or {}
    only = exclusive_actors(summary, by=by)
    parts = []
    for group in groups:
        sub = only[only[by] == group]
        name = group_labels.get(group, group)
        if sub.empty:
            parts.append(f"Every actor named in {name} is also named elsewhere.")
            continue
        items = [f"{r.label} ({r.mentions})" for r in sub.head(limit).itertuples()]
        more = f", and {len(sub) - limit} more" if len(sub) > limit else ""
        parts.append(f"Only in {name}: {', '.join(items)}{more}.")
    return " ".join(parts)


def describe_first(prom: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict[str, str] | None = None) -> str:
    """Which actor each article names first, summarised.

    ``prom`` as from :func:`~analysis.actors.counts.prominence`.

    Example
    -------
    >>> prom = pd.DataFrame({"id": ["a", "b"], "actor": ["iran", "iran"], "first_rank": [1, 1]})
    >>> describe_first(prom, pd.DataFrame({"id": ["a", "b"]}))
    'The first actor named is iran in 2 of 2 articles.'
    """
    labels = labels or {}
    n = len(corpus)
    first = prom[prom["first_rank"] == 1]["actor"].value_counts()
    if first.empty:
        return "No article names an actor from the gazetteer."
    items = [f"{labels.get(a, a)} in {k} of {n} article{'s' if n != 1 else ''}" for a, k in first.items()]
    none = n - int(first.sum())
    tail = f"; {none} name no actor" if none else ""
    return f"The first actor named is {join_words(items)}{tail}."


def describe_role(
    role: pd.DataFrame, *, name: str, by: str = "crisis", group_labels: dict[str, str] | None = None
) -> str:
    """Sentences on one country's place in each group, from :func:`~analysis.actors.counts.country_role`.

    With two or more groups, a last sentence compares the group where the
    country's share of mentions is highest with the one where it is lowest.

    Example
    -------
    >>> role = pd.DataFrame({"crisis": ["A", "B"], "mentions": [30, 2], "share": [0.5, 0.1],
    ...                      "state_rank": [1, 3], "via_bodies": [3, 1], "quoted_share": [0.1, 0.5],
    ...                      "first_in": [2, 0], "articles": [3, 1]})
    >>> print(describe_role(role, name="Pakistan").split(". ")[-1])
    In B it is the 3rd most named country, and a larger share of its mentions (50% against 10%) sits inside quotations.
    """
    group_labels = group_labels or {}
    if role.empty or role["mentions"].sum() == 0:
        return f"No actor belonging to {name} is mentioned in this corpus."
    out = []
    for r in role.itertuples(index=False):
        g = group_labels.get(getattr(r, by), getattr(r, by))
        if r.mentions == 0:
            out.append(f"In {g} ({r.articles} article{'s' if r.articles != 1 else ''}), {name} is not mentioned.")
            continue
        out.append(
            f"In {g} ({r.articles} article{'s' if r.articles != 1 else ''}), actors belonging to {name} "
            f"account for {r.mentions} mention{'s' if r.mentions != 1 else ''} ({format_share(r.share)} of all actor mentions; "
            f"rank {r.state_rank} among countries); {r.via_bodies} of them name{'s' if r.via_bodies == 1 else ''} "
            f"its government bodies or officials, "
            f"{format_share(r.quoted_share)} lie inside quotations, and it is the first actor named in {r.first_in} of "
            f"{r.articles} article{'s' if r.articles != 1 else ''}."
        )
    if len(role) >= 2:
        hi = role.loc[role["share"].idxmax()]
        lo = role.loc[role["share"].idxmin()]
        if hi["share"] > lo["share"] and lo["mentions"] > 0:
            ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(int(lo["state_rank"]), f"{int(lo['state_rank'])}th")
            sentence = (
                f"{name} is most present in {group_labels.get(hi[by], hi[by])} "
                f"({format_share(hi['share'])} of mentions) and least in {group_labels.get(lo[by], lo[by])} "
                f"({format_share(lo['share'])}). In {group_labels.get(lo[by], lo[by])} it is the {ordinal} most "
                "named country"
            )
            if lo["quoted_share"] > hi["quoted_share"]:
                sentence += (
                    f", and a larger share of its mentions ({format_share(lo['quoted_share'])} against "
                    f"{format_share(hi['quoted_share'])}) sits inside quotations"
                )
            out.append(sentence + ".")
    return " ".join(out)


def describe_voices(breakdown: pd.DataFrame, *, actors: list[str], labels: dict[str, str] | None = None) -> str:
    """One clause per actor: its mentions, and how many come through direct quotations and embedded posts.

    ``breakdown`` from :func:`~analysis.actors.counts.voice_breakdown` of a one-group summary (one
    row per actor); ``actors`` in the order to report them (actors absent
    from ``breakdown`` are skipped). Actors with neither are named together
    at the end. The text ends without a full stop.

    Example
    -------
    >>> b = pd.DataFrame({"actor": ["iran", "china", "iraq"], "label": ["Iran", "China", "Iraq"],
    ...                   "mentions": [10, 2, 1], "direct_mentions": [3, 0, 0], "embed_mentions": [1, 1, 0],
    ...                   "direct_share": [0.3, 0.0, 0.0], "embed_share": [0.1, 0.5, 0.0]})
    >>> describe_voices(b, actors=["iran", "china", "iraq"])
    'Iran, 3 of 10 mentions (30%) in direct quotations and 1 (10%) in embedded posts; China, none of 2 in direct quotations and 1 (50%) in embedded posts; Iraq, none in either'
    """
    require_columns(
        breakdown,
        ["actor", "mentions", "direct_mentions", "embed_mentions", "direct_share", "embed_share"],
        "describe_voices",
        "breakdown",
    )
    labels = labels or {}
    rows = breakdown.drop_duplicates("actor").set_index("actor")
    parts, neither = [], []
    for actor in actors:
        if actor not in rows.index:
            continue
        r = rows.loc[actor]
        name = r["label"] if "label" in rows.columns else labels.get(actor, actor)
        n = int(r["mentions"])
        if not r["direct_mentions"] and not r["embed_mentions"]:
            neither.append(name)
            continue
        direct = (
            f"{int(r['direct_mentions'])} of {n} mention{'s' if n != 1 else ''} ({format_share(r['direct_share'])})"
            if r["direct_mentions"]
            else f"none of {n}"
        )
        embed = f"{int(r['embed_mentions'])} ({format_share(r['embed_share'])})" if r["embed_mentions"] else "none"
        parts.append(f"{name}, {direct} in direct quotations and {embed} in embedded posts")
    if neither:
        parts.append(f"{join_words(neither)}, none in either")
    if not parts:
        return "none of these actors is mentioned"
    return "; ".join(parts)


def describe_embeds(mentions: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict[str, str] | None = None) -> str:
    """How many mentions the embedded posts add to the body's, in one or two sentences.

    ``mentions`` from ``find_mentions(..., include_embeds=True)``; ``corpus``
    needs ``id`` and ``quoted_text`` (an article embeds posts when its
    ``quoted_text`` is not blank). The last sentence names the actors that
    only the posts name (none in any article's body), if any.

    Example
    -------
    >>> from analysis.actors import find_mentions
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": ["Iran spoke.", "Calm."],
    ...                        "quoted_text": ["Iran and China agree.", ""]})
    >>> describe_embeds(find_mentions(corpus, include_embeds=True), corpus, labels={"china": "China"})
    '1 of the 2 articles embeds social-media posts; the posts of 1 of them name actors 2 times, against 1 mention in the body texts, so the posts hold 67% of all mentions. Only the posts name China.'
    """
    require_columns(mentions, ["id", "actor"], "describe_embeds", "mentions")
    require_columns(corpus, ["id", "quoted_text"], "describe_embeds", "corpus")
    labels = labels or {}
    n = len(corpus)
    with_posts = int(corpus["quoted_text"].map(lambda t: isinstance(t, str) and bool(t.strip())).sum())
    src = mention_sources(mentions)
    body, embed = mentions[src == "body"], mentions[src == "embed"]
    if with_posts == 0:
        return (
            f"None of the {n} article{'s' if n != 1 else ''} embeds a social-media post, so the posts add no mention."
        )
    verb = "embeds" if with_posts == 1 else "embed"
    head = f"{with_posts} of the {n} article{'s' if n != 1 else ''} {verb} social-media posts"
    if embed.empty:
        return head + ", but the posts name no actor from the gazetteer."
    k = embed["id"].nunique()
    share = len(embed) / (len(embed) + len(body))
    out = (
        f"{head}; the posts of {k} of them name actors {len(embed)} time{'s' if len(embed) != 1 else ''}, "
        f"against {len(body)} mention{'s' if len(body) != 1 else ''} in the body texts, so the posts hold "
        f"{format_share(share)} of all mentions."
    )
    only = [a for a in dict.fromkeys(embed["actor"]) if a not in set(body["actor"])]
    if only:
        out += f" Only the posts name {join_words([labels.get(a, a) for a in only])}."
    return out


def describe_mention_validation(scores: pd.DataFrame | None, errors: pd.DataFrame | None) -> dict[str, str]:
    """The sentences of the actors chapter's check against hand annotation.

    ``scores`` and ``errors`` from :func:`analysis.evidence.actors.validate_mentions`
    (``None`` when the corpus has no annotation of its articles). Returns
    ``about`` (how the gold was made, or that there is none), ``result``
    (precision and recall) and ``trust`` (a clause for other pages).

    Example
    -------
    >>> describe_mention_validation(None, None)["trust"]
    'they have not been checked against a hand reading of this corpus'
    """
    if scores is None:
        return {
            "about": "This corpus has no hand annotation of the actor mentions in its articles (a "
            "`gold/actor_mentions.csv` in its folder), so the matcher's precision and recall cannot be measured "
            "on it.",
            "result": "",
            "trust": "they have not been checked against a hand reading of this corpus",
        }
    total = scores.set_index("id").loc["all"]
    per = scores[scores["id"] != "all"]
    n_err = 0 if errors is None else len(errors)
    disagreements = (
        f"The second table lists the {count_noun(n_err, 'disagreement')}."
        if n_err
        else "The matcher and the hand annotation agree on every mention."
    )
    return {
        "about": f"The gold standard (`gold/actor_mentions.csv` in the corpus folder; the rules are in "
        f"`corpus/gold/README.md`) was made by reading the {count_noun(len(per), 'article')} it covers and "
        "writing down every actor mention, without running the matcher.",
        "result": f"It holds {int(total['gold'])} mentions. Overall precision is {format_number(total['precision'], METRIC)} and "
        f"recall {format_number(total['recall'], METRIC)} (F1 {format_number(total['f1'], METRIC)}); the lowest per-article precision is "
        f"{format_number(per['precision'].min(), METRIC)} and the lowest recall {format_number(per['recall'].min(), METRIC)}. {disagreements}",
        "trust": f"the check against a hand reading (precision {format_number(total['precision'], METRIC)}, recall "
        f"{format_number(total['recall'], METRIC)}) says they are what a careful reader would count by the rules above",
    }


def describe_embed_validation(embed_scores: pd.DataFrame | None) -> str:
    """One sentence on the matcher against the hand annotation of the embedded posts.

    ``embed_scores`` from :func:`analysis.evidence.actors.score_mentions` with
    ``source="embed"``, or ``None`` when the corpus has no annotation.

    Example
    -------
    >>> describe_embed_validation(None).startswith("No post in this corpus is covered by the hand annotation")
    True
    """
    if embed_scores is None or int(embed_scores.set_index("id").loc["all", "gold"]) == 0:
        return (
            "No post in this corpus is covered by the hand annotation, so the mentions found in the posts "
            "have not been checked."
        )
    e = embed_scores.set_index("id").loc["all"]
    return (
        f"Checked against the hand annotation of the posts ({int(e['gold'])} mentions), the matcher's precision "
        f"on the posts is {format_number(e['precision'], METRIC)} and its recall {format_number(e['recall'], METRIC)}."
    )


def describe_top_pair(pairs: pd.DataFrame, *, labels: dict[str, str] | None = None) -> str:
    """The pair of actors named together most often, from :func:`~analysis.actors.counts.cooccurrence`.

    ``pairs`` has ``actor_a``, ``actor_b``, ``weight`` (shared sentences) and
    ``articles``, strongest first.

    Example
    -------
    >>> p = pd.DataFrame({"actor_a": ["iran"], "actor_b": ["pakistan"], "weight": [1], "articles": [2]})
    >>> describe_top_pair(p, labels={"iran": "Iran"}), describe_top_pair(p.iloc[:0])
    ('Iran and pakistan share 1 sentence in 2 articles', 'no two actors share a sentence')
    """
    if pairs.empty:
        return "no two actors share a sentence"
    labels = labels or {}
    top = pairs.iloc[0]
    return (
        f"{labels.get(top.actor_a, top.actor_a)} and {labels.get(top.actor_b, top.actor_b)} share "
        f"{count_noun(int(top.weight), 'sentence')} in {count_noun(int(top.articles), 'article')}"
    )


def describe_most_quoted(summary: pd.DataFrame, *, min_mentions: int) -> str:
    """The actor, among those with at least ``min_mentions`` mentions, most present through quotations.

    ``summary`` from :func:`~analysis.actors.counts.actor_summary` (``label``,
    ``mentions``, ``quoted_mentions``, ``quoted_share``); ties go to the actor with more mentions.

    Example
    -------
    >>> s = pd.DataFrame({"label": ["Iran", "Chad"], "mentions": [10, 2], "quoted_mentions": [3, 2],
    ...                   "quoted_share": [0.3, 1.0]})
    >>> describe_most_quoted(s, min_mentions=5), describe_most_quoted(s, min_mentions=50)
    ('Iran: 3 of its 10 mentions (30%) are inside quotations', 'none (no actor reaches that number)')
    """
    frequent = summary[summary["mentions"] >= min_mentions].sort_values(
        ["quoted_share", "mentions"], ascending=[False, False]
    )
    if frequent.empty:
        return "none (no actor reaches that number)"
    q = frequent.iloc[0]
    return (
        f"{q.label}: {int(q.quoted_mentions)} of its {int(q.mentions)} mentions "
        f"({format_share(q.quoted_share)}) are inside quotations"
    )
