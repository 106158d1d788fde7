"""The comparison: actors, framing and tone side by side, per article and per group.

Nothing here measures anything new. Every number comes from the three
measure modules, called with their defaults:

- actors: :func:`analysis.actors.matching.find_mentions`, :func:`analysis.actors.counts.actor_summary`,
  :func:`analysis.actors.counts.country_role`;
- framing: :func:`analysis.framing.frames.frame_scores`,
  :func:`analysis.framing.frames.escalation_balance`, :func:`analysis.framing.frames.pooled_balance`,
  :func:`analysis.framing.frames.frame_hits`;
- tone: :func:`analysis.sentiment.scoring.score_sentences` (embedded posts included, as
  in the sentiment chapter), :func:`analysis.sentiment.documents.score_documents`,
  :func:`analysis.sentiment.targets.actor_tone`.

This module only joins their tables, picks the row to report (the top
actors, the dominant frame) and computes the thresholds that would reverse a contrast. The sentences
that report them are in :mod:`analysis.findings.compare`.

Two conventions:

- *dominant frame*: :func:`analysis.framing.summaries.dominant_frames`, the
  book's one definition (the frame with most hits, the escalation and
  de-escalation indices aside; ties to the frame listed first in the frames
  file, with the number of tied frames reported);
- *top actors*: the ``top`` actors with most mentions, in the order of
  :func:`analysis.actors.counts.actor_summary` (rank, then actor id); actors tied
  with the last one shown are counted in ``actors_tied``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.actors.counts import actor_summary, country_role
from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.framing.frames import FRAME_INDICES, escalation_balance, frame_scores, pooled_balance, word_counts
from analysis.framing.summaries import dominant_frames
from analysis.pipeline import Analysis
from analysis.sentiment.documents import score_documents
from analysis.sentiment.scoring import with_metadata
from analysis.sentiment.targets import actor_tone

#: The three per-group numbers compared across groups, with readable names.
PROFILE_MEASURES = {"balance": "escalation balance", "vader_mean": "VADER compound", "tb_mean": "TextBlob polarity"}


_META = ("outlet", "crisis", "crisis_label", "genre", "date", "published", "n_words")


def _top_actors(summary: pd.DataFrame, key: str, top: int) -> list[tuple[object, pd.DataFrame, int]]:
    """Rows of the ``top`` actors per group (actor_summary order), with ties beyond the cut counted."""
    rows = []
    for group, part in summary.groupby(key, sort=False):
        shown = part.head(top)
        last = shown["mentions"].iloc[-1]
        tied = int((part.iloc[len(shown) :]["mentions"] == last).sum())
        rows.append((group, shown, tied))
    return rows


def _actors_text(shown: pd.DataFrame, tied: int) -> str:
    text = ", ".join(f"{r.label} ({r.mentions})" for r in shown.itertuples(index=False))
    if tied:
        text += f" (+{tied} tied)"
    return text


def article_actors(analysis: Analysis, *, top: int = 3) -> pd.DataFrame:
    """The ``top`` most mentioned actors of each article, from :func:`analysis.actors.counts.actor_summary` by ``id``.

    Counts the mentions in the articles' own text (:meth:`~analysis.pipeline.Analysis.body_mentions`).

    Returns
    -------
    DataFrame with ``id``, ``actor``, ``label``, ``mentions``, ``share`` (of
    the article's actor mentions), ``rank`` (as in ``actor_summary``) and
    ``order`` (1..top, the order shown), in corpus order. Articles naming no
    actor have no row.

    Example
    -------
    >>> from analysis.pipeline import analyse
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran, Iran and Pakistan. China too."]})
    >>> article_actors(analyse(corpus), top=2)[["actor", "mentions", "order"]].values.tolist()
    [['iran', 2, 1], ['china', 1, 2]]
    """
    if top < 1:
        raise AnalysisInputError(Problem("article_actors()", None, "top", "must be at least 1"))
    corpus = analysis.corpus
    summary = actor_summary(analysis.body_mentions(), corpus, by="id", gazetteer=analysis.gazetteer)
    columns = ["id", "actor", "label", "mentions", "share", "rank", "order"]
    if summary.empty:
        return pd.DataFrame(columns=columns)
    summary = summary.sort_values(["id", "rank", "actor"], kind="mergesort")
    parts = [shown.assign(order=range(1, len(shown) + 1)) for _, shown, _ in _top_actors(summary, "id", top)]
    out = pd.concat(parts, ignore_index=True)
    order = {i: k for k, i in enumerate(corpus["id"])}
    out = out.assign(_o=out["id"].map(order)).sort_values(["_o", "order"], kind="mergesort", ignore_index=True)
    return out[columns]


def _tone(sentences: pd.DataFrame, key: str, *, n_boot: int, seed: int) -> pd.DataFrame:
    docs = score_documents(sentences, by=key, measures=("vader_compound", "tb_polarity"), n_boot=n_boot, seed=seed)
    out = None
    for measure, prefix in (("vader_compound", "vader"), ("tb_polarity", "tb")):
        part = docs[docs["measure"] == measure][[key, "n_sentences", "mean", "mean_lo", "mean_hi"]]
        part = part.rename(columns={"mean": f"{prefix}_mean", "mean_lo": f"{prefix}_lo", "mean_hi": f"{prefix}_hi"})
        out = part if out is None else out.merge(part.drop(columns="n_sentences"), on=key, how="outer")
    return out


_SUMMARY_TAIL = [
    "top_actors",
    "actor_mentions",
    "actors_tied",
    "dominant_frame",
    "dominant_frame_label",
    "dominant_frame_hits",
    "dominant_frame_per_1000",
    "frames_tied",
    "esc",
    "deesc",
    "balance",
    "no_hits",
    "n_sentences",
    "vader_mean",
    "vader_lo",
    "vader_hi",
    "tb_mean",
    "tb_lo",
    "tb_hi",
]


def _fill(out: pd.DataFrame) -> pd.DataFrame:
    out["top_actors"] = out["top_actors"].fillna("none")
    for c in ("actor_mentions", "actors_tied", "dominant_frame_hits", "frames_tied", "n_sentences"):
        out[c] = out[c].fillna(0).astype("int64")
    out["dominant_frame"] = out["dominant_frame"].fillna("")
    out["dominant_frame_label"] = out["dominant_frame_label"].fillna("none")
    return out


def article_summary(analysis: Analysis, *, top: int = 3, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """One row per article: who is named, how it is framed, how its sentences score.

    Parameters
    ----------
    analysis
        From :func:`analysis.pipeline.analyse`: its corpus's metadata columns
        are carried over; actors are counted in the body text, tone over the
        body and embedded posts, frames in the body.
    top
        Actors listed per article.
    n_boot
        Bootstrap draws for the CIs, passed to :func:`analysis.sentiment.documents.score_documents`.
    seed
        The bootstrap's seed, passed on likewise.

    Returns
    -------
    DataFrame in corpus order with ``id``, the metadata columns present
    among ``outlet``, ``crisis``, ``crisis_label``, ``genre``, ``date``,
    ``published``, ``n_words``; then ``top_actors`` (text: ``label (mentions)``,
    most mentioned first), ``actor_mentions`` (all actor mentions of the
    article), ``actors_tied`` (actors tied with the last one listed, not
    listed); ``dominant_frame`` (key), ``dominant_frame_label``,
    ``dominant_frame_hits``, ``dominant_frame_per_1000``, ``frames_tied``;
    ``esc``, ``deesc``, ``balance`` (NaN with no hits), ``no_hits`` (from
    :func:`analysis.framing.frames.escalation_balance`); ``n_sentences`` and the
    mean sentence tone with its 95% bootstrap CI for each tool:
    ``vader_mean``, ``vader_lo``, ``vader_hi``, ``tb_mean``, ``tb_lo``,
    ``tb_hi`` (from :func:`analysis.sentiment.documents.score_documents`).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "outlet": ["X"], "quoted_text": [""],
    ...     "text": ["Iran fired missiles at Pakistan. Pakistan urged restraint and talks."]})
    >>> from analysis.pipeline import analyse
    >>> row = article_summary(analyse(corpus), n_boot=50).iloc[0]
    >>> row["top_actors"], int(row["esc"]), int(row["deesc"]), round(float(row["balance"]), 3)
    ('Pakistan (2), Iran (1)', 1, 2, -0.333)
    """
    corpus, table, gazetteer = analysis.corpus, analysis.frames, analysis.gazetteer
    mentions, sentences = analysis.body_mentions(), analysis.sentences
    out = corpus[["id", *[c for c in _META if c in corpus.columns]]].reset_index(drop=True).copy()

    summary = actor_summary(mentions, corpus, by="id", gazetteer=gazetteer)
    if len(summary):
        summary = summary.sort_values(["id", "rank", "actor"], kind="mergesort")
        actor_rows = [
            (g, _actors_text(shown, tied), int(summary.loc[summary["id"] == g, "mentions"].sum()), tied)
            for g, shown, tied in _top_actors(summary, "id", top)
        ]
    else:
        actor_rows = []
    out = out.merge(
        pd.DataFrame(actor_rows, columns=["id", "top_actors", "actor_mentions", "actors_tied"]), on="id", how="left"
    )
    out = out.merge(
        dominant_frames(frame_scores(corpus, table, hits=analysis.hits), table, by="id"), on="id", how="left"
    )
    bal = escalation_balance(corpus, table, hits=analysis.hits)[["id", "esc", "deesc", "balance", "no_hits"]]
    out = out.merge(bal, on="id", how="left")
    out = out.merge(_tone(sentences, "id", n_boot=n_boot, seed=seed), on="id", how="left")
    return _fill(out)[[*out.columns[: -len(_SUMMARY_TAIL)], *_SUMMARY_TAIL]]


def group_profile(
    analysis: Analysis, *, by: str = "crisis", top: int = 3, n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """The same measures pooled per group of articles (crisis, outlet, genre...).

    Counts are pooled before any ratio: the balance is
    :func:`analysis.framing.frames.pooled_balance`, the tone is the mean over all
    the group's sentences (:func:`analysis.sentiment.documents.score_documents` by the
    group), the top actors come from :func:`analysis.actors.counts.actor_summary`
    with ``by``.

    Returns
    -------
    DataFrame, one row per group (sorted as text): ``group``,
    ``n_articles``, ``n_words``, then the columns of :func:`article_summary`
    from ``top_actors`` on (``no_hits`` is True when the group has no
    escalation or de-escalation hit).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "crisis": ["k", "k"], "quoted_text": ["", ""],
    ...     "text": ["Iran fired missiles.", "Pakistan urged restraint. Iran agreed."]})
    >>> from analysis.pipeline import analyse
    >>> p = group_profile(analyse(corpus), n_boot=50)
    >>> p[["group", "n_articles", "top_actors", "esc", "deesc"]].values.tolist()
    [['k', 2, 'Iran (2), Pakistan (1)', 1, 1]]
    """
    corpus, table, gazetteer = analysis.corpus, analysis.frames, analysis.gazetteer
    require_columns(corpus, ["id", "text", by], "group_profile", "corpus")
    missing = corpus.loc[corpus[by].isna(), "id"].tolist()
    if missing:
        raise AnalysisInputError(Problem("group_profile()", None, "by", f"column {by!r} is empty for {missing}"))
    mentions, sentences = analysis.body_mentions(), analysis.sentences
    words = corpus["n_words"] if "n_words" in corpus.columns else word_counts(corpus).to_numpy()
    out = (
        corpus.assign(_w=np.asarray(words, dtype="int64"))
        .groupby(by, sort=False)
        .agg(n_articles=("id", "size"), n_words=("_w", "sum"))
        .reset_index()
        .rename(columns={by: "group"})
    )
    out = out.sort_values("group", key=lambda c: c.astype(str), ignore_index=True)

    summary = actor_summary(mentions, corpus, by=by, gazetteer=gazetteer)
    if len(summary):
        summary = summary.sort_values([by, "rank", "actor"], kind="mergesort")
        actor_rows = [
            (g, _actors_text(shown, tied), int(summary.loc[summary[by] == g, "mentions"].sum()), tied)
            for g, shown, tied in _top_actors(summary, by, top)
        ]
    else:
        actor_rows = []
    out = out.merge(
        pd.DataFrame(actor_rows, columns=["group", "top_actors", "actor_mentions", "actors_tied"]),
        on="group",
        how="left",
    )
    scores = frame_scores(corpus, table, by=by, hits=analysis.hits)
    out = out.merge(dominant_frames(scores, table, by="group"), on="group", how="left")
    pooled = pooled_balance(escalation_balance(corpus, table, hits=analysis.hits), by=by)
    pooled = pooled.assign(no_hits=(pooled["esc"] + pooled["deesc"]) == 0)[
        ["group", "esc", "deesc", "balance", "no_hits"]
    ]
    out = out.merge(pooled, on="group", how="left")
    tagged = with_metadata(sentences, corpus, columns=[by]).rename(columns={by: "group"})
    out = out.merge(_tone(tagged, "group", n_boot=n_boot, seed=seed), on="group", how="left")
    return _fill(out)[["group", "n_articles", "n_words", *_SUMMARY_TAIL]]


def country_profile(
    analysis: Analysis, country: str, *, by: str = "crisis", n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """One country's place in each group: how much it is named, and what the sentences naming it say.

    Combines :func:`analysis.actors.counts.country_role` (mentions, share, rank,
    quotations, first actor named) with the tone
    (:func:`analysis.sentiment.targets.actor_tone`, VADER and TextBlob) and the
    escalation and de-escalation hits (:func:`analysis.framing.frames.frame_hits`)
    of the body sentences that name any actor of the country (its state,
    capital, bodies, officials and places, by the gazetteer's ``country``).

    Returns
    -------
    DataFrame, one row per group: the columns of ``country_role`` (the group
    column named ``group``), then ``n_sentences`` (body sentences naming the
    country), ``vader_mean``, ``tb_mean`` (their mean tone; NaN when none),
    ``esc``, ``deesc`` (index hits inside those sentences) and ``balance``
    (NaN with no hit).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "crisis": ["k"], "quoted_text": [""],
    ...     "text": ["Missiles hit Pakistan. Iran spoke."]})
    >>> from analysis.pipeline import analyse
    >>> p = country_profile(analyse(corpus), "PK", n_boot=50)
    >>> p[["group", "mentions", "n_sentences", "esc", "deesc"]].values.tolist()
    [['k', 1, 1, 1, 0]]
    """
    corpus, table, gaz = analysis.corpus, analysis.frames, analysis.gazetteer
    require_columns(corpus, ["id", "text", by], "country_profile", "corpus")
    mentions, sentences = analysis.body_mentions(), analysis.sentences
    role = country_role(mentions, corpus, country, by=by, gazetteer=gaz).rename(columns={by: "group"})
    mine_ids = set(gaz.actors.loc[gaz.actors["country"] == country, "id"])
    keep = ["id", "sentence", "actor", *(["source"] if "source" in mentions.columns else [])]
    mine = mentions.loc[mentions["actor"].isin(mine_ids), keep].assign(actor=country)
    tagged = with_metadata(sentences, corpus, columns=[by])
    tones = None
    for measure, prefix in (("vader_compound", "vader"), ("tb_polarity", "tb")):
        t = actor_tone(tagged, mine, by=(by,), measure=measure, min_count=1, n_boot=n_boot, seed=seed)
        t = t.rename(columns={by: "group", "mean": f"{prefix}_mean"})[["group", "n_sentences", f"{prefix}_mean"]]
        tones = t if tones is None else tones.merge(t.drop(columns="n_sentences"), on="group", how="outer")
    out = role.merge(tones, on="group", how="left")
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    keys = {}
    for index in FRAME_INDICES:
        keys[index] = table.loc[table["index"] == index, "key"].iloc[0]
    hits = analysis.hits[analysis.hits["frame"].isin(set(keys.values()))]
    body = mine[mine["source"] == "body"] if "source" in mine.columns else mine  # frame hits are in the body
    named = body[["id", "sentence"]].drop_duplicates()
    inside = hits.merge(named, on=["id", "sentence"], how="inner").merge(corpus[["id", by]], on="id")
    counts = inside.groupby([by, "frame"]).size()
    out["esc"] = [int(counts.get((g, keys["escalation"]), 0)) for g in out["group"]]
    out["deesc"] = [int(counts.get((g, keys["de-escalation"]), 0)) for g in out["group"]]
    total = out["esc"] + out["deesc"]
    out["balance"] = (out["esc"] - out["deesc"]) / total.where(total > 0)
    return out


def comparison_scope(corpus: pd.DataFrame, *, by: str = "genre", within: str = "crisis") -> dict:
    """Where to compare groups of ``by`` without mixing in ``within``.

    The group of ``within`` with most articles (ties: first by key) is
    used when it holds two or more values of ``by``; else the whole corpus if
    it does; else no comparison is possible.

    Returns a dict: ``ids`` (the articles in scope), ``scope`` (``"within"``,
    ``"corpus"`` or ``"none"``), ``group`` (the key of the ``within`` group,
    or None) and ``n_groups`` (the number of values of ``by`` in scope).

    Example
    -------
    >>> c = pd.DataFrame({"id": ["a", "b", "c"], "crisis": ["x", "x", "y"], "genre": ["news", "analysis", "news"]})
    >>> comparison_scope(c)["ids"], comparison_scope(c)["scope"]
    (['a', 'b'], 'within')
    """
    require_columns(corpus, ["id", by, within], "comparison_scope", "corpus")
    sizes = corpus.groupby(within).size().sort_index()
    main = sizes.sort_values(ascending=False, kind="mergesort").index[0]
    inside = corpus[corpus[within] == main]
    if inside[by].nunique() >= 2:
        return {"ids": list(inside["id"]), "scope": "within", "group": main, "n_groups": inside[by].nunique()}
    if corpus[by].nunique() >= 2:
        return {"ids": list(corpus["id"]), "scope": "corpus", "group": None, "n_groups": corpus[by].nunique()}
    return {"ids": list(corpus["id"]), "scope": "none", "group": None, "n_groups": 1}


def reversal_thresholds(
    profile: pd.DataFrame, *, hits_per_article: float, sentences_per_article: float
) -> pd.DataFrame:
    """For each measure, what one added article would have to score to reverse the groups' order.

    Takes the highest and the lowest group of a :func:`group_profile` on each
    measure of :data:`PROFILE_MEASURES`. A new article of typical size
    (``hits_per_article`` escalation + de-escalation hits, or
    ``sentences_per_article`` sentences) is added to one of them; the value it
    needs to bring that group level with the other follows from pooling::

        balance:  (esc − deesc + x·h) / (esc + deesc + h) = b_other
                  x = (b_other · (esc + deesc + h) − (esc − deesc)) / h
        tone:     (n · m + k · y) / (n + k) = m_other
                  y = (m_other · (n + k) − n · m) / k

    Returns
    -------
    DataFrame, one row per measure with at least two groups scored:
    ``measure``, ``high`` and ``low`` (groups), ``high_value``,
    ``low_value``, ``gap``, ``add_to_high`` (the value an article added to
    the high group needs, at most this, to close the gap), ``add_to_low``
    (at least this, added to the low group), and ``feasible_high``,
    ``feasible_low`` (the value lies within −1 to +1, the measure's range).

    Example
    -------
    >>> p = pd.DataFrame({"group": ["A", "B"], "esc": [30, 6], "deesc": [10, 4], "balance": [0.5, 0.2],
    ...                   "n_sentences": [40, 10], "vader_mean": [-0.2, -0.1], "tb_mean": [0.0, 0.1]})
    >>> r = reversal_thresholds(p, hits_per_article=10, sentences_per_article=10).set_index("measure")
    >>> round(float(r.loc["balance", "add_to_high"]), 2), round(float(r.loc["balance", "add_to_low"]), 2)
    (-1.0, 0.8)
    """
    require_columns(
        profile, ["group", "esc", "deesc", "n_sentences", *PROFILE_MEASURES], "reversal_thresholds", "profile"
    )
    if hits_per_article <= 0 or sentences_per_article <= 0:
        raise AnalysisInputError(
            Problem("reversal_thresholds()", None, "hits_per_article", "typical article sizes must be positive")
        )
    rows = []
    for measure in PROFILE_MEASURES:
        scored = profile.dropna(subset=[measure])
        if len(scored) < 2:
            continue
        ordered = scored.sort_values([measure, "group"], ascending=[False, True], kind="mergesort")
        hi, lo = ordered.iloc[0], ordered.iloc[-1]

        def needed(row, other, measure=measure):
            if measure == "balance":
                h = float(hits_per_article)
                total = float(row["esc"] + row["deesc"])
                return (other * (total + h) - float(row["esc"] - row["deesc"])) / h
            k = float(sentences_per_article)
            n = float(row["n_sentences"])
            return (other * (n + k) - n * float(row[measure])) / k

        to_high, to_low = needed(hi, float(lo[measure])), needed(lo, float(hi[measure]))
        rows.append(
            {
                "measure": measure,
                "high": hi["group"],
                "low": lo["group"],
                "high_value": float(hi[measure]),
                "low_value": float(lo[measure]),
                "gap": float(hi[measure] - lo[measure]),
                "add_to_high": to_high,
                "add_to_low": to_low,
                "feasible_high": bool(to_high >= -1.0),
                "feasible_low": bool(to_low <= 1.0),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "measure",
            "high",
            "low",
            "high_value",
            "low_value",
            "gap",
            "add_to_high",
            "add_to_low",
            "feasible_high",
            "feasible_low",
        ],
    )


def median_sizes(summary: pd.DataFrame) -> dict:
    """Median escalation + de-escalation hits and median sentences per article (at least 1 each).

    Example
    -------
    >>> median_sizes(pd.DataFrame({"esc": [3, 10], "deesc": [1, 2], "n_sentences": [10, 20]}))
    {'hits': 8.0, 'sentences': 15.0}
    """
    hits = float(np.median(summary["esc"] + summary["deesc"])) if len(summary) else 1.0
    sents = float(np.median(summary["n_sentences"])) if len(summary) else 1.0
    return {"hits": max(hits, 1.0), "sentences": max(sents, 1.0)}


#: The columns of :func:`share_thresholds`.
SHARE_THRESHOLD_COLUMNS = ["measure", "a", "b", "added_to", "other", "other_share", "per_article", "articles_needed"]


def share_thresholds(
    units: pd.DataFrame, contrasts: pd.DataFrame, *, signs, alpha: float = 0.05, limit: int = 100
) -> pd.DataFrame:
    """How many added articles of median size would make each detected share contrast undetectable.

    ``units`` has one row per article with ``id``, ``group`` and the count
    columns of ``signs`` (``(measure, count, total)`` triples, ``total`` may be
    ``"articles"``), as from :func:`analysis.contrasts.country_units`;
    ``contrasts`` is :func:`analysis.contrasts.share_contrasts` of the same units
    and signs. For each contrast with a direction, articles are added to the
    group with fewer articles (``b`` on a tie). Each added article holds the
    median ``total`` per article of the corpus (at least 1) and gives the other
    group's share of it; the added counts are rounded to whole units. The
    threshold is the smallest number of such articles after which Fisher's
    exact test gives p ≥ ``alpha``; ``NaN`` when ``limit`` articles do not reach it.

    Returns
    -------
    DataFrame with :data:`SHARE_THRESHOLD_COLUMNS`, one row per contrast with a
    direction: ``added_to`` and ``other`` are groups, ``other_share`` the other
    group's share, ``per_article`` the median total per article, and
    ``articles_needed`` the threshold.

    Example
    -------
    >>> u = pd.DataFrame({"id": ["a", "b"], "group": ["A", "B"], "mentions": [10, 10], "country_mentions": [10, 0]})
    >>> c = pd.DataFrame({"measure": ["share"], "a": ["A"], "b": ["B"], "direction": [1]})
    >>> t = share_thresholds(u, c, signs=[("share", "country_mentions", "mentions")])
    >>> t[["added_to", "other_share", "per_article", "articles_needed"]].values.tolist()
    [['B', 1.0, 10.0, 3.0]]
    """
    from analysis.stats import fisher_exact

    require_columns(units, ["id", "group"], "share_thresholds", "units")
    require_columns(contrasts, ["measure", "a", "b", "direction"], "share_thresholds", "contrasts")
    units = units.assign(articles=1)
    totals = {name: (count, total) for name, count, total in signs}
    sums = units.groupby("group")[sorted({c for pair in totals.values() for c in pair})].sum()
    n_articles = units.groupby("group")["id"].nunique()
    rows = []
    for r in contrasts[contrasts["direction"] != 0].itertuples(index=False):
        count, total = totals[r.measure]
        small, other = (r.a, r.b) if n_articles.get(r.a, 0) < n_articles.get(r.b, 0) else (r.b, r.a)
        share = sums.loc[other, count] / sums.loc[other, total]
        per_article = max(float(units[total].median()), 1.0)
        k0, n0 = int(sums.loc[small, count]), int(sums.loc[small, total])
        k1, n1 = int(sums.loc[other, count]), int(sums.loc[other, total])
        needed = np.nan
        for added in range(1, limit + 1):
            n_add = round(added * per_article)
            if fisher_exact(k0 + round(n_add * share), n0 + n_add, k1, n1) >= alpha:
                needed = float(added)
                break
        rows.append([r.measure, r.a, r.b, small, other, float(share), per_article, needed])
    return pd.DataFrame(rows, columns=SHARE_THRESHOLD_COLUMNS)
