"""Counting actor mentions: rates per group, co-occurrence, prominence, summaries and roles.

Every function takes the mentions table of
:func:`~analysis.actors.matching.find_mentions` (and the corpus, for word
counts and grouping columns) and returns a tidy table; none of them draws or
writes prose.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from analysis.actors.gazetteer import GazetteerArg, resolve_gazetteer
from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.text import tokenize
from analysis.types import Columns, require_by


def mention_sources(mentions: pd.DataFrame) -> pd.Series:
    """The ``source`` of each mention; tables without the column are body mentions."""
    if "source" in mentions.columns:
        return mentions["source"]
    return pd.Series("body", index=mentions.index, dtype="object")


def _n_words(corpus: pd.DataFrame) -> pd.Series:
    if "n_words" in corpus.columns:
        return corpus["n_words"].astype("int64")
    return corpus["text"].map(lambda t: len(tokenize(t or ""))).astype("int64")


def _with_meta(mentions: pd.DataFrame, corpus: pd.DataFrame, cols: list[str], func: str) -> pd.DataFrame:
    require_columns(mentions, ["id", "actor", "in_quote", "is_demonym"], func, "mentions")
    unknown = sorted(set(mentions["id"]) - set(corpus["id"]))
    if unknown:
        raise AnalysisInputError(Problem(f"{func}()", None, "mentions", f"ids not in the corpus: {unknown[:5]}"))
    return mentions.merge(corpus[["id", *[c for c in cols if c != "id"]]], on="id", how="left")


def mention_counts(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: Columns = "outlet",
    per: int = 1000,
    actors: list[str] | None = None,
) -> pd.DataFrame:
    """Mentions per actor and group, with rates per ``per`` words.

    Parameters
    ----------
    mentions
        From :func:`~analysis.actors.matching.find_mentions`.
    corpus
        The corpus the mentions came from (needs ``id``, the ``by`` columns and
        ``n_words`` or ``text``).
    by
        A corpus column, or a list of columns (``["crisis", "outlet"]``; ``"id"``
        gives one group per article).
    per
        Rate denominator in words.
    actors
        Actors to report (default: every actor in ``mentions``). Every group
        × actor pair appears, with zeros where there is no mention.

    Returns
    -------
    DataFrame with the ``by`` columns, ``actor``, ``mentions``,
    ``demonym_mentions``, ``quoted_mentions`` (``in_quote``),
    ``embed_mentions`` (``source == "embed"``), ``n_articles`` and
    ``n_words`` (of the group), ``rate`` (``mentions / n_words * per``),
    sorted by group then actor.

    Embedded posts: when ``mentions`` come from
    ``find_mentions(..., include_embeds=True)``, embed mentions count in
    ``mentions`` (and, being ``in_quote``, in ``quoted_mentions``) and in
    ``embed_mentions``, but ``n_words`` stays the body's word count, so
    ``rate`` is then mentions (body and posts) per ``per`` words of body
    text. ``embed_mentions`` is 0 for body-only mentions.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "n_words": [500, 200]})
    >>> m = pd.DataFrame({"id": ["a", "a"], "actor": ["iran", "iran"], "in_quote": [True, False],
    ...                   "is_demonym": [False, True]})
    >>> mention_counts(m, corpus)[["outlet", "actor", "mentions", "rate"]].values.tolist()
    [['X', 'iran', 2, 4.0], ['Y', 'iran', 0, 0.0]]
    """
    cols = require_by(by, corpus, "mention_counts")
    if per <= 0:
        raise AnalysisInputError(Problem("mention_counts()", None, "per", "must be positive"))
    data = _with_meta(mentions, corpus, cols, "mention_counts")
    actors = list(dict.fromkeys(actors if actors is not None else sorted(mentions["actor"].unique())))
    words = corpus[cols].copy()
    words["n_words"] = _n_words(corpus).to_numpy()
    groups = (
        words.groupby(cols, sort=True, dropna=False)
        .agg(n_articles=("n_words", "size"), n_words=("n_words", "sum"))
        .reset_index()
    )
    grid = groups.merge(pd.DataFrame({"actor": pd.Series(actors, dtype="object")}), how="cross")
    counts = (
        data.assign(
            demonym_mentions=data["is_demonym"].astype(int),
            quoted_mentions=data["in_quote"].astype(int),
            embed_mentions=(mention_sources(data) == "embed").astype(int),
        )
        .groupby([*cols, "actor"], dropna=False)
        .agg(
            mentions=("actor", "size"),
            demonym_mentions=("demonym_mentions", "sum"),
            quoted_mentions=("quoted_mentions", "sum"),
            embed_mentions=("embed_mentions", "sum"),
        )
        .reset_index()
    )
    out = grid.merge(counts, on=[*cols, "actor"], how="left")
    for c in ("mentions", "demonym_mentions", "quoted_mentions", "embed_mentions"):
        out[c] = out[c].fillna(0).astype("int64")
    out["rate"] = np.where(out["n_words"] > 0, out["mentions"] / out["n_words"].where(out["n_words"] > 0, 1) * per, 0.0)
    out = out[
        [
            *cols,
            "actor",
            "mentions",
            "demonym_mentions",
            "quoted_mentions",
            "embed_mentions",
            "n_articles",
            "n_words",
            "rate",
        ]
    ]
    return out.sort_values([*cols, "actor"], ignore_index=True)


def cooccurrence(mentions: pd.DataFrame, *, unit: str = "sentence") -> pd.DataFrame:
    """Weighted pairs of actors mentioned in the same sentence (or article).

    Each unit counts once per pair, however often the two are named in it;
    an actor is never paired with itself. When ``mentions`` has a
    ``source`` column, a sentence is ``(id, source, sentence)``: a body
    sentence and an embedded post's sentence with the same number are
    different sentences. An article unit takes its body and its posts together.

    Parameters
    ----------
    mentions
        From :func:`~analysis.actors.matching.find_mentions` (needs ``id``, ``actor`` and, for
        ``unit="sentence"``, ``sentence``).
    unit
        ``"sentence"`` or ``"article"``.

    Returns
    -------
    DataFrame with ``actor_a``, ``actor_b`` (``actor_a < actor_b``),
    ``weight`` (units naming both) and ``articles`` (articles with such a
    unit), sorted by weight (descending) then names.

    Example
    -------
    >>> m = pd.DataFrame({"id": ["a"] * 4, "sentence": [0, 0, 0, 1], "actor": ["iran", "pakistan", "iran", "iran"]})
    >>> cooccurrence(m).values.tolist()
    [['iran', 'pakistan', 1, 1]]
    """
    if unit not in ("sentence", "article"):
        raise AnalysisInputError(Problem("cooccurrence()", None, "unit", f"{unit!r}: use 'sentence' or 'article'"))
    keys = ["id", "sentence"] if unit == "sentence" else ["id"]
    require_columns(mentions, [*keys, "actor"], "cooccurrence", "mentions")
    if unit == "sentence" and "source" in mentions.columns:
        keys = ["id", "source", "sentence"]
    pairs: dict[tuple[str, str], list] = {}
    for key, group in mentions.groupby(keys, sort=True):
        doc = key[0] if isinstance(key, tuple) else key
        for a, b in combinations(sorted(set(group["actor"])), 2):
            entry = pairs.setdefault((a, b), [0, set()])
            entry[0] += 1
            entry[1].add(doc)
    rows = [(a, b, w, len(docs)) for (a, b), (w, docs) in pairs.items()]
    out = pd.DataFrame(rows, columns=["actor_a", "actor_b", "weight", "articles"])
    out = out.astype({"actor_a": "object", "actor_b": "object", "weight": "int64", "articles": "int64"})
    return out.sort_values(["weight", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def _first_paragraph_end(text: str) -> int:
    text = text or ""
    stripped = len(text) - len(text.lstrip("\n"))
    cut = text.find("\n\n", stripped)
    return len(text) if cut < 0 else cut


def prominence(mentions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Where each actor first appears in each article.

    Returns
    -------
    DataFrame, one row per article and actor mentioned in it: ``id``,
    ``actor``, ``mentions``, ``first_start`` (offset), ``first_sentence``,
    ``first_position`` (0–1), ``first_rank`` (1 = the first actor named in
    the article, 2 = the second new actor, …) and ``in_first_paragraph``
    (the first mention lies in the first paragraph of ``text``). Sorted by
    article (corpus order) then ``first_rank``.

    Only body mentions are used (rows with ``source == "embed"`` are
    ignored): an embedded post has no place in the body text, so it can be
    neither first nor in the first paragraph.

    Example
    -------
    >>> from analysis.actors import find_mentions
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran hit Pakistan.\\n\\nChina spoke. Iran replied."]})
    >>> prominence(find_mentions(corpus), corpus)[["actor", "mentions", "first_rank", "in_first_paragraph"]].values.tolist()
    [['iran', 2, 1, True], ['pakistan', 1, 2, True], ['china', 1, 3, False]]
    """
    require_columns(mentions, ["id", "actor", "start", "sentence", "position"], "prominence", "mentions")
    require_columns(corpus, ["id", "text"], "prominence", "corpus")
    cols = [
        "id",
        "actor",
        "mentions",
        "first_start",
        "first_sentence",
        "first_position",
        "first_rank",
        "in_first_paragraph",
    ]
    mentions = mentions[mention_sources(mentions) == "body"]
    if mentions.empty:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(cols, ["object", "object", "int64", "int64", "int64", "float64", "int64", "bool"])
            }
        )
    para_end = {i: _first_paragraph_end(t) for i, t in zip(corpus["id"], corpus["text"])}
    order = {i: k for k, i in enumerate(corpus["id"])}
    m = mentions.sort_values(["id", "start"])
    first = m.groupby(["id", "actor"], sort=False).agg(mentions=("actor", "size"), first_start=("start", "min"))
    firsts = m.drop_duplicates(["id", "actor"]).set_index(["id", "actor"])
    out = first.join(firsts[["sentence", "position"]]).reset_index()
    out = out.rename(columns={"sentence": "first_sentence", "position": "first_position"})
    out["first_rank"] = out.groupby("id")["first_start"].rank(method="first").astype("int64")
    out["in_first_paragraph"] = [s < para_end.get(i, 0) for i, s in zip(out["id"], out["first_start"])]
    out["_order"] = out["id"].map(order)
    out = out.sort_values(["_order", "first_rank"], ignore_index=True)
    return out[cols].astype({"mentions": "int64", "first_start": "int64", "first_sentence": "int64"})


def actor_summary(
    mentions: pd.DataFrame, corpus: pd.DataFrame, *, by: Columns = "crisis", gazetteer: GazetteerArg = None
) -> pd.DataFrame:
    """One row per group and actor: how much, how spread, how first, how quoted.

    Returns
    -------
    DataFrame with the ``by`` columns, ``actor``, ``label``, ``actor_type``,
    ``mentions``, ``share`` (of all mentions in the group), ``rank`` (1 = most
    mentioned in the group; ties share the rank), ``articles`` (articles
    naming it), ``group_articles``, ``first_in`` (articles in which it is
    the first actor named), ``quoted_mentions``, ``quoted_share`` (share of
    its mentions inside quotations), ``demonym_mentions`` and
    ``embed_mentions`` (mentions in embedded posts; 0 unless ``mentions``
    came from ``find_mentions(..., include_embeds=True)``, and then they
    count in ``mentions``, ``share``, ``rank`` and, being ``in_quote``, in
    ``quoted_mentions``). Only actors mentioned in the group appear. Sorted
    by group then rank. ``first_in`` uses body mentions only
    (:func:`prominence`).

    Example
    -------
    >>> from analysis.actors import find_mentions
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "crisis": ["c1", "c1"],
    ...                        "text": ["Iran and “Pakistan” met.", "Pakistan spoke."]})
    >>> s = actor_summary(find_mentions(corpus), corpus)
    >>> s[["actor", "mentions", "rank", "first_in", "quoted_share"]].values.tolist()
    [['pakistan', 2, 1, 1, 0.5], ['iran', 1, 2, 1, 0.0]]
    """
    cols = require_by(by, corpus, "actor_summary")
    gaz = resolve_gazetteer(gazetteer)
    data = _with_meta(mentions, corpus, cols, "actor_summary")
    out_cols = [
        *cols,
        "actor",
        "label",
        "actor_type",
        "mentions",
        "share",
        "rank",
        "articles",
        "group_articles",
        "first_in",
        "quoted_mentions",
        "quoted_share",
        "demonym_mentions",
        "embed_mentions",
    ]
    if data.empty:
        return pd.DataFrame(columns=out_cols)
    prom = prominence(mentions, corpus)
    firsts = prom[prom["first_rank"] == 1].merge(corpus[["id", *[c for c in cols if c != "id"]]], on="id")
    first_in = firsts.groupby([*cols, "actor"]).size().rename("first_in")
    data["_embed"] = (mention_sources(data) == "embed").astype("int64")
    g = data.groupby([*cols, "actor"])
    out = (
        pd.DataFrame(
            {
                "mentions": g.size(),
                "articles": g["id"].nunique(),
                "quoted_mentions": g["in_quote"].sum().astype("int64"),
                "demonym_mentions": g["is_demonym"].sum().astype("int64"),
                "embed_mentions": g["_embed"].sum().astype("int64"),
            }
        )
        .join(first_in)
        .reset_index()
    )
    out["first_in"] = out["first_in"].fillna(0).astype("int64")
    total = out.groupby(cols)["mentions"].transform("sum")
    out["share"] = out["mentions"] / total
    out["rank"] = out.groupby(cols)["mentions"].rank(method="min", ascending=False).astype("int64")
    group_articles = corpus.groupby(cols).size().rename("group_articles").reset_index()
    out = out.merge(group_articles, on=cols, how="left")
    out["quoted_share"] = out["quoted_mentions"] / out["mentions"]
    labels = gaz.labels()
    types = dict(zip(gaz.actors["id"], gaz.actors["type"]))
    out["label"] = out["actor"].map(lambda a: labels.get(a, a))
    out["actor_type"] = out["actor"].map(lambda a: types.get(a, ""))
    return out.sort_values([*cols, "rank", "actor"], ignore_index=True)[out_cols]


def dominant_actors(summary: pd.DataFrame, *, by: Columns = "crisis", top: int = 3) -> pd.DataFrame:
    """The ``top`` most mentioned actors of each group, from :func:`actor_summary`.

    Ties at the cut-off are all kept (so a group can list more than ``top``).

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["c"] * 3, "actor": ["a", "b", "c"], "rank": [1, 2, 2]})
    >>> dominant_actors(s, top=1)["actor"].tolist()
    ['a']
    """
    cols = [by] if isinstance(by, str) else list(by)
    require_columns(summary, [*cols, "actor", "rank"], "dominant_actors", "summary")
    return summary[summary["rank"] <= top].sort_values([*cols, "rank", "actor"], ignore_index=True)


def exclusive_actors(summary: pd.DataFrame, *, by: str = "crisis") -> pd.DataFrame:
    """Actors mentioned in exactly one group, from :func:`actor_summary`.

    Returns the summary rows of those actors (one per actor), sorted by
    group then mentions (descending). With one group, every actor is
    exclusive to it.

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["A", "A", "B"], "actor": ["iran", "india", "iran"], "mentions": [5, 1, 2]})
    >>> exclusive_actors(s)[["crisis", "actor"]].values.tolist()
    [['A', 'india']]
    """
    require_columns(summary, [by, "actor", "mentions"], "exclusive_actors", "summary")
    n_groups = summary.groupby("actor")[by].nunique()
    only = n_groups[n_groups == 1].index
    out = summary[summary["actor"].isin(only)]
    return out.sort_values([by, "mentions", "actor"], ascending=[True, False, True], ignore_index=True)


def country_role(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    country: str,
    *,
    by: Columns = "crisis",
    gazetteer: GazetteerArg = None,
) -> pd.DataFrame:
    """How one country's actors (its state, bodies, officials, places) figure in each group.

    Actors belong to the country through the gazetteer's ``country`` field.

    Returns
    -------
    DataFrame, one row per group (every group of the corpus): the ``by``
    columns, ``mentions`` (all mentions of the country's actors),
    ``share`` (of all actor mentions in the group), ``state_rank`` (rank of
    the country among countries by mentions; 0 if not mentioned),
    ``via_bodies`` (mentions of its government bodies and officials),
    ``quoted_share`` (share of its mentions inside quotations),
    ``first_in`` (articles whose first actor belongs to it) and
    ``articles`` (articles in the group).

    Embed mentions, if ``mentions`` include them, count like body mentions
    (and as quoted); ``first_in`` uses body mentions only.

    Example
    -------
    >>> from analysis.actors import find_mentions
    >>> corpus = pd.DataFrame({"id": ["a"], "crisis": ["c"], "text": ["Pakistan's Foreign Office and Iran."]})
    >>> country_role(find_mentions(corpus), corpus, "PK")[["mentions", "via_bodies", "state_rank", "first_in"]].values.tolist()
    [[1, 1, 1, 1]]
    """
    cols = require_by(by, corpus, "country_role")
    gaz = resolve_gazetteer(gazetteer)
    countries = dict(zip(gaz.actors["id"], gaz.actors["country"]))
    data = _with_meta(mentions, corpus, cols, "country_role")
    data["country"] = data["actor"].map(countries)
    data["is_body"] = data["actor_type"].isin(["government body", "official"]) if "actor_type" in data else False
    prom = prominence(mentions, corpus)
    first_actor = prom[prom["first_rank"] == 1].set_index("id")["actor"].map(countries)
    rows = []
    for key, docs in corpus.groupby(cols, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        sub = data[data["id"].isin(docs["id"])]
        mine = sub[sub["country"] == country]
        per_country = sub.dropna(subset=["country"]).groupby("country").size()
        ranks = per_country.rank(method="min", ascending=False)
        rows.append(
            (
                *key,
                len(mine),
                len(mine) / len(sub) if len(sub) else 0.0,
                int(ranks.get(country, 0)),
                int(mine["is_body"].sum()),
                float(mine["in_quote"].mean()) if len(mine) else 0.0,
                int((first_actor.reindex(docs["id"]) == country).sum()),
                len(docs),
            )
        )
    return pd.DataFrame(
        rows, columns=[*cols, "mentions", "share", "state_rank", "via_bodies", "quoted_share", "first_in", "articles"]
    )


def voice_breakdown(summary: pd.DataFrame) -> pd.DataFrame:
    """Split each actor's mentions by whose words carry it: the reporter, a direct quotation, an embedded post.

    ``summary`` as from :func:`actor_summary` (needs ``mentions``,
    ``quoted_mentions`` and ``embed_mentions``); to see embedded posts at
    all, build it from ``find_mentions(..., include_embeds=True)``.

    Returns
    -------
    The summary's rows and columns plus ``reporter_mentions`` (body, outside
    quotations), ``direct_mentions`` (body, inside direct quotations:
    ``quoted_mentions - embed_mentions``), and ``reporter_share``,
    ``direct_share``, ``embed_share`` (each over ``mentions``; the three
    add up to 1).

    Example
    -------
    >>> s = pd.DataFrame({"actor": ["iran"], "mentions": [10], "quoted_mentions": [4], "embed_mentions": [1]})
    >>> voice_breakdown(s)[["reporter_mentions", "direct_mentions", "direct_share", "embed_share"]].values.tolist()
    [[6.0, 3.0, 0.3, 0.1]]
    """
    require_columns(summary, ["mentions", "quoted_mentions", "embed_mentions"], "voice_breakdown", "summary")
    out = summary.copy()
    out["direct_mentions"] = (out["quoted_mentions"] - out["embed_mentions"]).astype("int64")
    out["reporter_mentions"] = (out["mentions"] - out["quoted_mentions"]).astype("int64")
    total = out["mentions"].where(out["mentions"] > 0)
    for part in ("reporter", "direct", "embed"):
        out[f"{part}_share"] = (out[f"{part}_mentions"] / total).fillna(0.0)
    return out
