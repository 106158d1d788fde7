"""The comparison: actors, framing and tone side by side, per article and per group.

Nothing here measures anything new. Every number comes from the three
measure modules, called with their defaults:

- actors: :func:`analysis.actors.find_mentions`, :func:`analysis.actors.actor_summary`,
  :func:`analysis.actors.country_role`;
- framing: :func:`analysis.framing.frame_scores`,
  :func:`analysis.framing.escalation_balance`, :func:`analysis.framing.pooled_balance`,
  :func:`analysis.framing.frame_hits`;
- tone: :func:`analysis.sentiment.score_sentences` (embedded posts included, as
  in the sentiment chapter), :func:`analysis.sentiment.score_documents`,
  :func:`analysis.sentiment.actor_tone`.

This module only joins their tables, picks the row to report (the top
actors, the dominant frame) and chooses the sentence the book prints from
computed conditions (``describe_*``), so that a claim made for the seed corpus
is not printed for a corpus where it does not hold.

Two conventions:

- *dominant frame*: the frame with most hits among the frames that are not
  the escalation or de-escalation index (those two are reported together as
  the escalation balance); a tie goes to the frame listed first in the frames
  file, and the number of tied frames is reported;
- *top actors*: the ``top`` actors with most mentions, in the order of
  :func:`analysis.actors.actor_summary` (rank, then actor id); actors tied
  with the last one shown are counted in ``actors_tied``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import actors as _actors
from . import framing as _framing
from . import sentiment as _sentiment
from .book import join_words
from .errors import AnalysisInputError, Problem, require_columns

__all__ = [
    "MEASURES",
    "measure_inputs",
    "article_actors",
    "article_summary",
    "group_profile",
    "country_profile",
    "comparison_scope",
    "reversal_thresholds",
    "median_sizes",
    "describe_articles",
    "describe_groups",
    "describe_country",
    "describe_reversals",
    "tone_validation",
    "limits",
    "summary_display",
    "profile_display",
    "country_display",
    "what_would_change",
    "summary_paragraph",
    "dashboard_figure",
]

#: The three per-group numbers compared across groups, with readable names.
MEASURES = {"balance": "escalation balance", "vader_mean": "VADER compound", "tb_mean": "TextBlob polarity"}

_META = ("outlet", "crisis", "crisis_label", "genre", "date", "published", "n_words")


# --------------------------------------------------------------------------- inputs


def measure_inputs(corpus: pd.DataFrame, *, mentions=None, sentences=None, gazetteer=None) -> dict:
    """The per-mention and per-sentence tables the comparison is built from.

    Returns ``{"mentions": ..., "sentences": ...}``: ``mentions`` from
    :func:`analysis.actors.find_mentions` and ``sentences`` from
    :func:`analysis.sentiment.score_sentences` (embedded posts included), each
    computed only when not given; computed mentions are of the body text only
    (the default of ``find_mentions``). Compute them once and pass them to every
    function of this module; rows of articles not in ``corpus`` are dropped,
    so the tables of the whole corpus can be passed with a subset of it.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran struck."], "quoted_text": [""]})
    >>> inputs = measure_inputs(corpus)
    >>> len(inputs["mentions"]), len(inputs["sentences"])
    (1, 1)
    """
    require_columns(corpus, ["id", "text"], "measure_inputs", "corpus")
    ids = set(corpus["id"])
    if mentions is not None:
        mentions = mentions[mentions["id"].isin(ids)]
    if sentences is not None:
        sentences = sentences[sentences["id"].isin(ids)]
    if mentions is None:
        mentions = _actors.find_mentions(corpus, gazetteer)
    if sentences is None:
        if "quoted_text" not in corpus.columns:
            corpus = corpus.assign(quoted_text="")
        sentences = _sentiment.score_sentences(corpus)
    return {"mentions": mentions, "sentences": sentences}


def _top_actors(summary: pd.DataFrame, key: str, top: int) -> pd.DataFrame:
    """Rows of the ``top`` actors per group (actor_summary order), with ties beyond the cut counted."""
    rows = []
    for group, part in summary.groupby(key, sort=False):
        shown = part.head(top)
        last = shown["mentions"].iloc[-1]
        tied = int((part.iloc[len(shown):]["mentions"] == last).sum())
        rows.append((group, shown, tied))
    return rows


def _actors_text(shown: pd.DataFrame, tied: int) -> str:
    text = ", ".join(f"{r.label} ({r.mentions})" for r in shown.itertuples(index=False))
    if tied:
        text += f" (+{tied} tied)"
    return text


def article_actors(corpus: pd.DataFrame, *, mentions=None, gazetteer=None, top: int = 3) -> pd.DataFrame:
    """The ``top`` most mentioned actors of each article, from :func:`analysis.actors.actor_summary` by ``id``.

    Returns
    -------
    DataFrame with ``id``, ``actor``, ``label``, ``mentions``, ``share`` (of
    the article's actor mentions), ``rank`` (as in ``actor_summary``) and
    ``order`` (1..top, the order shown), in corpus order. Articles naming no
    actor have no row.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran, Iran and Pakistan. China too."]})
    >>> article_actors(corpus, top=2)[["actor", "mentions", "order"]].values.tolist()
    [['iran', 2, 1], ['china', 1, 2]]
    """
    require_columns(corpus, ["id", "text"], "article_actors", "corpus")
    if top < 1:
        raise AnalysisInputError(Problem("article_actors()", None, "top", "must be at least 1"))
    mentions = _actors.find_mentions(corpus, gazetteer) if mentions is None else mentions
    summary = _actors.actor_summary(mentions, corpus, by="id", gazetteer=gazetteer)
    columns = ["id", "actor", "label", "mentions", "share", "rank", "order"]
    if summary.empty:
        return pd.DataFrame(columns=columns)
    summary = summary.sort_values(["id", "rank", "actor"], kind="mergesort")
    parts = [shown.assign(order=range(1, len(shown) + 1)) for _, shown, _ in _top_actors(summary, "id", top)]
    out = pd.concat(parts, ignore_index=True)
    order = {i: k for k, i in enumerate(corpus["id"])}
    out = out.assign(_o=out["id"].map(order)).sort_values(["_o", "order"], kind="mergesort", ignore_index=True)
    return out[columns]


def _dominant_frames(scores: pd.DataFrame, key: str, frames: pd.DataFrame) -> pd.DataFrame:
    """Per group: the non-index frame with most hits (file order breaks ties) and how many tie."""
    plain = frames.loc[frames["index"].fillna("") == "", "key"].tolist()
    order = {k: j for j, k in enumerate(frames["key"])}
    labels = dict(zip(frames["key"], frames.get("label", frames["key"])))
    sub = scores[scores["frame"].isin(plain)].assign(_f=lambda d: d["frame"].map(order))
    rows = []
    for group, part in sub.groupby(key, sort=False):
        part = part.sort_values(["hits", "_f"], ascending=[False, True], kind="mergesort")
        best = part.iloc[0]
        if best["hits"] == 0:
            rows.append((group, "", "none", 0, 0.0, 0))
            continue
        tied = int((part["hits"] == best["hits"]).sum()) - 1
        rows.append((group, best["frame"], labels[best["frame"]], int(best["hits"]),
                     float(best["per_1000"]) if pd.notna(best["per_1000"]) else float("nan"), tied))
    return pd.DataFrame(rows, columns=[key, "dominant_frame", "dominant_frame_label", "dominant_frame_hits",
                                       "dominant_frame_per_1000", "frames_tied"])


def _tone(sentences: pd.DataFrame, key: str, *, n_boot: int, seed: int) -> pd.DataFrame:
    docs = _sentiment.score_documents(sentences, by=key, measures=("vader_compound", "tb_polarity"),
                                      n_boot=n_boot, seed=seed)
    out = None
    for measure, prefix in (("vader_compound", "vader"), ("tb_polarity", "tb")):
        part = docs[docs["measure"] == measure][[key, "n_sentences", "mean", "mean_lo", "mean_hi"]]
        part = part.rename(columns={"mean": f"{prefix}_mean", "mean_lo": f"{prefix}_lo", "mean_hi": f"{prefix}_hi"})
        out = part if out is None else out.merge(part.drop(columns="n_sentences"), on=key, how="outer")
    return out


_SUMMARY_TAIL = ["top_actors", "actor_mentions", "actors_tied", "dominant_frame", "dominant_frame_label",
                 "dominant_frame_hits", "dominant_frame_per_1000", "frames_tied", "esc", "deesc", "balance",
                 "no_hits", "n_sentences", "vader_mean", "vader_lo", "vader_hi", "tb_mean", "tb_lo", "tb_hi"]


def _fill(out: pd.DataFrame) -> pd.DataFrame:
    out["top_actors"] = out["top_actors"].fillna("none")
    for c in ("actor_mentions", "actors_tied", "dominant_frame_hits", "frames_tied", "n_sentences"):
        out[c] = out[c].fillna(0).astype("int64")
    out["dominant_frame"] = out["dominant_frame"].fillna("")
    out["dominant_frame_label"] = out["dominant_frame_label"].fillna("none")
    return out


def article_summary(corpus: pd.DataFrame, *, mentions=None, sentences=None, frames=None, gazetteer=None,
                    top: int = 3, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """One row per article: who is named, how it is framed, how its sentences score.

    Parameters
    ----------
    corpus
        Needs ``id`` and ``text`` (``quoted_text`` for the embedded posts);
        the metadata columns present are carried over.
    mentions, sentences
        As from :func:`measure_inputs` (computed when not given).
    frames, gazetteer
        Passed to the framing and actors functions (default: the shipped files).
    top
        Actors listed per article.
    n_boot, seed
        Passed to :func:`analysis.sentiment.score_documents` (bootstrap CIs).

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
    :func:`analysis.framing.escalation_balance`); ``n_sentences`` and the
    mean sentence tone with its 95% bootstrap CI for each tool:
    ``vader_mean``, ``vader_lo``, ``vader_hi``, ``tb_mean``, ``tb_lo``,
    ``tb_hi`` (from :func:`analysis.sentiment.score_documents`).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "outlet": ["X"], "quoted_text": [""],
    ...     "text": ["Iran fired missiles at Pakistan. Pakistan urged restraint and talks."]})
    >>> row = article_summary(corpus, n_boot=50).iloc[0]
    >>> row["top_actors"], int(row["esc"]), int(row["deesc"]), round(float(row["balance"]), 3)
    ('Pakistan (2), Iran (1)', 1, 2, -0.333)
    """
    require_columns(corpus, ["id", "text"], "article_summary", "corpus")
    table = _framing._resolve_frames(frames)
    inputs = measure_inputs(corpus, mentions=mentions, sentences=sentences, gazetteer=gazetteer)
    mentions, sentences = inputs["mentions"], inputs["sentences"]
    out = corpus[["id", *[c for c in _META if c in corpus.columns]]].reset_index(drop=True).copy()

    summary = _actors.actor_summary(mentions, corpus, by="id", gazetteer=gazetteer)
    if len(summary):
        summary = summary.sort_values(["id", "rank", "actor"], kind="mergesort")
        actor_rows = [(g, _actors_text(shown, tied), int(summary.loc[summary["id"] == g, "mentions"].sum()), tied)
                      for g, shown, tied in _top_actors(summary, "id", top)]
    else:
        actor_rows = []
    out = out.merge(pd.DataFrame(actor_rows, columns=["id", "top_actors", "actor_mentions", "actors_tied"]),
                    on="id", how="left")
    out = out.merge(_dominant_frames(_framing.frame_scores(corpus, table), "id", table), on="id", how="left")
    bal = _framing.escalation_balance(corpus, table)[["id", "esc", "deesc", "balance", "no_hits"]]
    out = out.merge(bal, on="id", how="left")
    out = out.merge(_tone(sentences, "id", n_boot=n_boot, seed=seed), on="id", how="left")
    return _fill(out)[[*out.columns[: -len(_SUMMARY_TAIL)], *_SUMMARY_TAIL]]


def group_profile(corpus: pd.DataFrame, *, by: str = "crisis", mentions=None, sentences=None, frames=None,
                  gazetteer=None, top: int = 3, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """The same measures pooled per group of articles (crisis, outlet, genre...).

    Counts are pooled before any ratio: the balance is
    :func:`analysis.framing.pooled_balance`, the tone is the mean over all
    the group's sentences (:func:`analysis.sentiment.score_documents` by the
    group), the top actors come from :func:`analysis.actors.actor_summary`
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
    >>> p = group_profile(corpus, n_boot=50)
    >>> p[["group", "n_articles", "top_actors", "esc", "deesc"]].values.tolist()
    [['k', 2, 'Iran (2), Pakistan (1)', 1, 1]]
    """
    require_columns(corpus, ["id", "text", by], "group_profile", "corpus")
    missing = corpus.loc[corpus[by].isna(), "id"].tolist()
    if missing:
        raise AnalysisInputError(Problem("group_profile()", None, "by", f"column {by!r} is empty for {missing}"))
    table = _framing._resolve_frames(frames)
    inputs = measure_inputs(corpus, mentions=mentions, sentences=sentences, gazetteer=gazetteer)
    mentions, sentences = inputs["mentions"], inputs["sentences"]
    words = corpus["n_words"] if "n_words" in corpus.columns else _framing._word_counts(corpus).to_numpy()
    out = (corpus.assign(_w=np.asarray(words, dtype="int64")).groupby(by, sort=False)
           .agg(n_articles=("id", "size"), n_words=("_w", "sum")).reset_index().rename(columns={by: "group"}))
    out = out.sort_values("group", key=lambda c: c.astype(str), ignore_index=True)

    summary = _actors.actor_summary(mentions, corpus, by=by, gazetteer=gazetteer)
    if len(summary):
        summary = summary.sort_values([by, "rank", "actor"], kind="mergesort")
        actor_rows = [(g, _actors_text(shown, tied), int(summary.loc[summary[by] == g, "mentions"].sum()), tied)
                      for g, shown, tied in _top_actors(summary, by, top)]
    else:
        actor_rows = []
    out = out.merge(pd.DataFrame(actor_rows, columns=["group", "top_actors", "actor_mentions", "actors_tied"]),
                    on="group", how="left")
    scores = _framing.frame_scores(corpus, table, by=by)
    out = out.merge(_dominant_frames(scores, "group", table), on="group", how="left")
    pooled = _framing.pooled_balance(_framing.escalation_balance(corpus, table), by=by)
    pooled = pooled.assign(no_hits=(pooled["esc"] + pooled["deesc"]) == 0)[["group", "esc", "deesc", "balance",
                                                                            "no_hits"]]
    out = out.merge(pooled, on="group", how="left")
    tagged = _sentiment.with_metadata(sentences, corpus, columns=[by]).rename(columns={by: "group"})
    out = out.merge(_tone(tagged, "group", n_boot=n_boot, seed=seed), on="group", how="left")
    return _fill(out)[["group", "n_articles", "n_words", *_SUMMARY_TAIL]]


def country_profile(corpus: pd.DataFrame, country: str, *, by: str = "crisis", mentions=None, sentences=None,
                    frames=None, gazetteer=None, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """One country's place in each group: how much it is named, and what the sentences naming it say.

    Combines :func:`analysis.actors.country_role` (mentions, share, rank,
    quotations, first actor named) with the tone
    (:func:`analysis.sentiment.actor_tone`, VADER and TextBlob) and the
    escalation and de-escalation hits (:func:`analysis.framing.frame_hits`)
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
    >>> p = country_profile(corpus, "PK", n_boot=50)
    >>> p[["group", "mentions", "n_sentences", "esc", "deesc"]].values.tolist()
    [['k', 1, 1, 1, 0]]
    """
    require_columns(corpus, ["id", "text", by], "country_profile", "corpus")
    table = _framing._resolve_frames(frames)
    gaz = _actors._as_gazetteer(gazetteer)
    inputs = measure_inputs(corpus, mentions=mentions, sentences=sentences, gazetteer=gaz)
    mentions, sentences = inputs["mentions"], inputs["sentences"]
    role = _actors.country_role(mentions, corpus, country, by=by, gazetteer=gaz).rename(columns={by: "group"})
    mine_ids = set(gaz.actors.loc[gaz.actors["country"] == country, "id"])
    keep = ["id", "sentence", "actor", *(["source"] if "source" in mentions.columns else [])]
    mine = mentions.loc[mentions["actor"].isin(mine_ids), keep].assign(actor=country)
    tagged = _sentiment.with_metadata(sentences, corpus, columns=[by])
    tones = None
    for measure, prefix in (("vader_compound", "vader"), ("tb_polarity", "tb")):
        t = _sentiment.actor_tone(tagged, mine, by=(by,), measure=measure, min_count=1, n_boot=n_boot, seed=seed)
        t = t.rename(columns={by: "group", "mean": f"{prefix}_mean"})[["group", "n_sentences", f"{prefix}_mean"]]
        tones = t if tones is None else tones.merge(t.drop(columns="n_sentences"), on="group", how="outer")
    out = role.merge(tones, on="group", how="left")
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    keys = {}
    for index in _framing.FRAME_INDICES:
        keys[index] = table.loc[table["index"] == index, "key"].iloc[0]
    hits = _framing.frame_hits(corpus, table.loc[table["key"].isin(keys.values())])
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

    Returns ``{"ids": [...], "scope": "within" | "corpus" | "none",
    "group": key of the ``within`` group or None, "n_groups": values of
    ``by`` in scope}``.

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


# --------------------------------------------------------------------------- what would change the conclusions


def reversal_thresholds(profile: pd.DataFrame, *, hits_per_article: float, sentences_per_article: float) -> pd.DataFrame:
    """For each measure, what one added article would have to score to reverse the groups' order.

    Takes the highest and the lowest group of a :func:`group_profile` on each
    measure of :data:`MEASURES`. A new article of typical size
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
    require_columns(profile, ["group", "esc", "deesc", "n_sentences", *MEASURES], "reversal_thresholds", "profile")
    if hits_per_article <= 0 or sentences_per_article <= 0:
        raise AnalysisInputError(Problem("reversal_thresholds()", None, "hits_per_article",
                                         "typical article sizes must be positive"))
    rows = []
    for measure in MEASURES:
        scored = profile.dropna(subset=[measure])
        if len(scored) < 2:
            continue
        ordered = scored.sort_values([measure, "group"], ascending=[False, True], kind="mergesort")
        hi, lo = ordered.iloc[0], ordered.iloc[-1]

        def needed(row, other):
            if measure == "balance":
                h = float(hits_per_article)
                total = float(row["esc"] + row["deesc"])
                return (other * (total + h) - float(row["esc"] - row["deesc"])) / h
            k = float(sentences_per_article)
            n = float(row["n_sentences"])
            return (other * (n + k) - n * float(row[measure])) / k

        to_high, to_low = needed(hi, float(lo[measure])), needed(lo, float(hi[measure]))
        rows.append({"measure": measure, "high": hi["group"], "low": lo["group"], "high_value": float(hi[measure]),
                     "low_value": float(lo[measure]), "gap": float(hi[measure] - lo[measure]),
                     "add_to_high": to_high, "add_to_low": to_low,
                     "feasible_high": bool(to_high >= -1.0), "feasible_low": bool(to_low <= 1.0)})
    return pd.DataFrame(rows, columns=["measure", "high", "low", "high_value", "low_value", "gap", "add_to_high",
                                       "add_to_low", "feasible_high", "feasible_low"])


# --------------------------------------------------------------------------- prose (chosen from computed conditions)


def _n(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _signed(x) -> str:
    return "n/a" if x is None or pd.isna(x) else f"{x:+.2f}"


def _overlap(a, b, prefix: str) -> bool:
    return not (a[f"{prefix}_lo"] > b[f"{prefix}_hi"] or b[f"{prefix}_lo"] > a[f"{prefix}_hi"])


def describe_articles(summary: pd.DataFrame) -> str:
    """Sentences on the articles at the ends of each measure, from :func:`article_summary`.

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
        parts.append(f"The escalation balance runs from {_signed(summary.loc[lo, 'balance'])} ({who[lo]}) to "
                     f"{_signed(summary.loc[hi, 'balance'])} ({who[hi]}).")
    elif len(scored) == 1:
        i = scored.index[0]
        parts.append(f"Only {who[i]} has escalation or de-escalation words (balance {_signed(summary.loc[i, 'balance'])}).")
    else:
        parts.append("No article has escalation or de-escalation words.")
    tone = summary.dropna(subset=["vader_mean", "tb_mean"])
    if len(tone) >= 2:
        v_lo, v_hi = tone["vader_mean"].idxmin(), tone["vader_mean"].idxmax()
        t_lo = tone["tb_mean"].idxmin()
        parts.append(f"By VADER, the most negative article is {who[v_lo]} ({_signed(summary.loc[v_lo, 'vader_mean'])}) "
                     f"and the highest-scoring {who[v_hi]} ({_signed(summary.loc[v_hi, 'vader_mean'])}).")
        if t_lo == v_lo:
            parts.append("TextBlob picks the same most negative article.")
        else:
            parts.append(f"TextBlob picks another as the most negative: {who[t_lo]} "
                         f"({_signed(summary.loc[t_lo, 'tb_mean'])}).")
        below = int((tone["vader_hi"] < 0).sum())
        parts.append(f"{below} of the {n} articles {'has' if below == 1 else 'have'} a VADER interval wholly "
                     "below zero.")
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
    """A few sentences setting the groups of a :func:`group_profile` against each other.

    The sentences are chosen from the numbers: with one group there is no
    comparison; a difference in tone is called one only when the 95%
    intervals of the group means do not overlap and both tools order the
    groups alike; a group of one article is named as such.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["A"], "n_articles": [1]})
    >>> describe_groups(p, what="crisis")
    'The corpus holds one crisis (A), so there is nothing to set it against.'
    """
    labels = labels or {}
    name = lambda g: labels.get(g, g)  # noqa: E731
    if profile.empty:
        return f"The corpus holds no {what}."
    if len(profile) < 2:
        return f"The corpus holds one {what} ({name(profile['group'].iloc[0])}), so there is nothing to set it against."
    parts = []
    for r in profile.itertuples(index=False):
        frame = (f"its densest frame is {r.dominant_frame_label.lower()} ({r.dominant_frame_hits} hits)"
                 if r.dominant_frame_hits else "no frame word occurs")
        bal = (f"escalation balance {_signed(r.balance)} ({r.esc} escalation against {r.deesc} de-escalation hits)"
               if not r.no_hits else "no escalation or de-escalation hit")
        parts.append(f"{name(r.group)} ({_n(r.n_articles, 'article')}, {r.n_words:,} words): most named "
                     f"{r.top_actors}; {frame}; {bal}; mean sentence tone {_signed(r.vader_mean)} (VADER) and "
                     f"{_signed(r.tb_mean)} (TextBlob) over {_n(r.n_sentences, 'sentence')}.")
    scored = profile.dropna(subset=["balance"])
    if len(scored) >= 2:
        hi = scored.loc[scored["balance"].idxmax()]
        lo = scored.loc[scored["balance"].idxmin()]
        if hi["balance"] > lo["balance"]:
            parts.append(f"Escalation vocabulary weighs most in {name(hi['group'])} and least in {name(lo['group'])}.")
        else:
            parts.append("The escalation balance is the same in every group.")
    tone = profile.dropna(subset=["vader_mean", "tb_mean"])
    if len(tone) >= 2:
        v_order = list(tone.sort_values("vader_mean", kind="mergesort")["group"])
        t_order = list(tone.sort_values("tb_mean", kind="mergesort")["group"])
        v_lo, v_hi = tone.loc[tone["vader_mean"].idxmin()], tone.loc[tone["vader_mean"].idxmax()]
        separated = not _overlap(v_lo, v_hi, "vader")
        if separated and v_order == t_order:
            parts.append(f"By both tools, {name(v_lo['group'])} reads more negative than {name(v_hi['group'])}, "
                         "and the VADER intervals of the two do not overlap.")
        elif v_order != t_order:
            parts.append("The two tone tools order the groups differently, so not even the direction of a "
                         "difference in tone can be read from them.")
        else:
            parts.append("The tone intervals overlap: the sentences show no difference in tone that the "
                         "bootstrap can tell from chance.")
    single = [name(g) for g, k in zip(profile["group"], profile["n_articles"]) if k == 1]
    if single:
        parts.append(f"{join_words(single)} {'rests' if len(single) == 1 else 'each rest'} on a single article, so "
                     "a difference here is a difference between texts, not between kinds of coverage.")
    return " ".join(parts)


def describe_country(profile: pd.DataFrame, *, name: str, labels: dict | None = None) -> str:
    """Whether the counts cast a country as a party in one group and a commentator in another.

    A *party* is named often, ranked first among countries and mostly in the
    reporter's own words; a *commentator* is named less, ranked lower and
    more through quotations. The function compares the group where the
    country's share of mentions is highest with the one where it is lowest
    and says which of the three signs agree.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["A", "B"], "mentions": [90, 4], "share": [0.4, 0.07], "state_rank": [1, 4],
    ...                   "quoted_share": [0.08, 0.5], "first_in": [2, 1], "articles": [4, 1], "n_sentences": [50, 3],
    ...                   "vader_mean": [-0.2, 0.1], "tb_mean": [0.0, 0.0], "esc": [30, 1], "deesc": [10, 2],
    ...                   "balance": [0.5, -0.33]})
    >>> describe_country(p, name="Pakistan").split(". ")[-1]
    'All three signs agree: the coverage casts Pakistan as a party to A and as a commentator on B.'
    """
    labels = labels or {}
    g = lambda k: labels.get(k, k)  # noqa: E731
    if profile.empty or profile["mentions"].sum() == 0:
        return f"No actor belonging to {name} is named in this corpus, so its role cannot be read."
    out = []
    for r in profile.itertuples(index=False):
        if r.mentions == 0:
            out.append(f"In {g(r.group)} ({_n(r.articles, 'article')}) {name} is not named.")
            continue
        tone = (f"the {_n(r.n_sentences, 'sentence')} naming it average{'s' if r.n_sentences == 1 else ''} "
                f"{_signed(r.vader_mean)} (VADER) and "
                f"{_signed(r.tb_mean)} (TextBlob) and hold{'s' if r.n_sentences == 1 else ''} {r.esc} escalation "
                f"and {r.deesc} de-escalation hits")
        out.append(f"In {g(r.group)} ({_n(r.articles, 'article')}), {name}'s actors take {r.share:.0%} of actor "
                   f"mentions ({r.mentions}), rank {r.state_rank} among countries, with {r.quoted_share:.0%} of "
                   f"their mentions inside quotations; {tone}.")
    if len(profile) < 2:
        out.append(f"With one group only, {name}'s role cannot be contrasted.")
        return " ".join(out)
    hi = profile.loc[profile["share"].idxmax()]
    lo = profile.loc[profile["share"].idxmin()]
    if hi["share"] == lo["share"]:
        out.append(f"{name} takes the same share of mentions in every group, so no contrast of roles shows.")
        return " ".join(out)
    signs = {
        "a larger share of mentions": True,
        "a higher rank among countries": lo["state_rank"] == 0 or hi["state_rank"] < lo["state_rank"],
        "fewer of its mentions in quotations": lo["mentions"] == 0 or hi["quoted_share"] < lo["quoted_share"],
    }
    agree = [k for k, v in signs.items() if v]
    if len(agree) == 3:
        out.append(f"All three signs agree: the coverage casts {name} as a party to {g(hi['group'])} and as a "
                   f"commentator on {g(lo['group'])}.")
    else:
        out.append(f"Only {join_words(agree)} point{'s' if len(agree) == 1 else ''} to {name} as a party to "
                   f"{g(hi['group'])} rather than {g(lo['group'])}; the other signs do not, so the counts do not "
                   "separate a party from a commentator cleanly.")
    return " ".join(out)


def describe_reversals(thresholds: pd.DataFrame, *, what: str, labels: dict | None = None,
                       hits_per_article: float | None = None, sentences_per_article: float | None = None) -> list[str]:
    """One checkable sentence per measure: what an added article would need to score to reverse the order.

    ``thresholds`` from :func:`reversal_thresholds`. Returns a list of
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
    g = lambda k: labels.get(k, k)  # noqa: E731
    short = {"balance": "balance", "vader_mean": "mean VADER score", "tb_mean": "mean TextBlob score"}
    out = []
    for r in thresholds.itertuples(index=False):
        label = MEASURES[r.measure]
        head = f"{label[0].upper()}{label[1:]}: {g(r.high)} ({_signed(r.high_value)}) is above {g(r.low)} ({_signed(r.low_value)})."
        size = ""
        if r.measure == "balance" and hits_per_article:
            size = f" ({hits_per_article:g} escalation and de-escalation hits, the median per article)"
        elif r.measure != "balance" and sentences_per_article:
            size = f" ({sentences_per_article:g} sentences, the median per article)"
        parts = []
        if r.feasible_low:
            parts.append(f"One more {g(r.low)} article of typical size{size} with a {short[r.measure]} of "
                         f"{_signed(r.add_to_low)} or more would close the gap")
        if r.feasible_high:
            if parts:
                parts.append(f"so would one more {g(r.high)} article with a {short[r.measure]} of "
                             f"{_signed(r.add_to_high)} or less")
            else:
                parts.append(f"One more {g(r.high)} article of typical size{size} with a {short[r.measure]} of "
                             f"{_signed(r.add_to_high)} or less would close the gap")
        if not parts:
            out.append(f"{head} No single added article of typical size{size} could close the gap (it would need a "
                       f"{short[r.measure]} beyond the scale's −1 to +1); it would take several.")
            continue
        text = f"{head} {'; '.join(parts)}."
        if r.feasible_low != r.feasible_high:
            side, value = (g(r.low), r.add_to_low) if not r.feasible_low else (g(r.high), r.add_to_high)
            text += f" No single {side} article could (it would need {_signed(value)}, beyond the scale's −1 to +1)."
        out.append(text)
    return out


def tone_validation(corpus: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame | None = None) -> str:
    """One sentence on how the tone tools fare against the hand labels that cover this corpus.

    Uses :func:`analysis.sentiment.load_gold` (the shipped labels unless
    ``gold`` is given), :func:`analysis.sentiment.gold_predictions` and
    :func:`analysis.sentiment.evaluate`, on the labelled sentences of the
    articles in ``corpus`` only.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["zz"], "text": ["Calm."], "quoted_text": [""]})
    >>> tone_validation(corpus, pd.DataFrame(columns=["id"]))
    'No hand-labelled sentence belongs to this corpus, so the tone tools cannot be checked on it.'
    """
    gold = _sentiment.load_gold() if gold is None else gold
    gold = gold[gold["id"].isin(set(corpus["id"]))]
    if gold.empty:
        return "No hand-labelled sentence belongs to this corpus, so the tone tools cannot be checked on it."
    result = _sentiment.evaluate(_sentiment.gold_predictions(sentences, gold)).set_index("tool")
    return (f"Against one reader's labels for {len(gold)} of this corpus's sentences, the tone tools reach an accuracy of "
            f"{result.loc['TextBlob', 'accuracy']:.2f} (TextBlob) and {result.loc['VADER', 'accuracy']:.2f} (VADER), "
            f"with macro-F1 {result.loc['TextBlob', 'macro_f1']:.2f} and {result.loc['VADER', 'macro_f1']:.2f}.")


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
        crises = f"The corpus holds one crisis ({listing} articles), so crises cannot be compared at all."
    elif len(singles) == len(sizes):
        crises = f"Each crisis rests on a single article ({listing}): a crisis here is one text."
    elif singles:
        crises = (f"Articles per crisis: {listing}. {join_words(singles)} {'rests' if len(singles) == 1 else 'each rest'} "
                  "on a single article, so every contrast with it sets one text, by one outlet, against the rest.")
    else:
        crises = (f"Articles per crisis: {listing}. Every crisis has more than one article, but too few for a "
                  "difference to be more than a description of these texts.")
    genres = corpus.groupby("genre")["outlet"].agg(lambda s: sorted(set(s)))
    if len(genres) == 1:
        genre_text = f"Every article is of one genre ({genres.index[0]}), so genre does not confound the outlets here."
    else:
        genre_text = ("Outlets differ in genre: " + "; ".join(f"{g}: {join_words(list(o))}" for g, o in genres.items())
                      + ". A difference between outlets may be a difference between genres.")
    repub = []
    if outlets is not None and len(outlets):
        notes = outlets.assign(_t=(outlets["kind"].fillna("") + " " + outlets["description"].fillna("")).str.lower())
        flagged = notes[notes["_t"].str.contains("re-publish|republish", regex=True)]
        repub = [o for o in flagged["outlet"] if o in set(corpus["outlet"])]
    if repub:
        republishers = (f"{join_words(repub)} may re-publish others' reporting (outlets.csv), so "
                        f"{'its' if len(repub) == 1 else 'their'} article is evidence of what the site published, "
                        "not of how its own newsroom wrote: a re-publisher is not an author.")
    else:
        republishers = ("No outlet in this corpus is noted as a possible re-publisher in outlets.csv; a site that "
                        "re-publishes others' text would be evidence of what it published, not of how it writes.")
    return {"crises": crises, "genres": genre_text, "republishers": republishers}


# --------------------------------------------------------------------------- table and figure


def summary_display(summary: pd.DataFrame, *, labels: dict | None = None) -> pd.DataFrame:
    """The summary table as shown in the book: one readable row per article.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"], "outlet": ["X"], "crisis": ["k"], "published": ["2024-01-17"],
    ...     "top_actors": ["Iran (3)"], "dominant_frame_label": ["Conflict"], "dominant_frame_hits": [2],
    ...     "frames_tied": [0], "balance": [0.5], "esc": [3], "deesc": [1], "no_hits": [False],
    ...     "vader_mean": [-0.2], "vader_lo": [-0.3], "vader_hi": [-0.1], "tb_mean": [0.0], "tb_lo": [-0.1],
    ...     "tb_hi": [0.1], "n_sentences": [9]})
    >>> summary_display(s).iloc[0]["escalation balance (esc/de-esc)"]
    '+0.50 (3/1)'
    """
    labels = labels or {}
    when = summary["published"] if "published" in summary.columns else summary.get("date", pd.Series([""] * len(summary)))

    def frame(r):
        if not r["dominant_frame_hits"]:
            return "none"
        tie = f", tied with {r['frames_tied']}" if r["frames_tied"] else ""
        return f"{r['dominant_frame_label']} ({r['dominant_frame_hits']}{tie})"

    def ci(m, lo, hi):
        return "n/a" if pd.isna(m) else f"{m:+.2f} [{lo:+.2f}, {hi:+.2f}]"

    return pd.DataFrame({
        "article": summary["id"],
        "outlet": summary.get("outlet", ""),
        "crisis": summary["crisis"].map(lambda k: labels.get(k, k)) if "crisis" in summary.columns else "",
        "date": when.astype(str),
        "top three actors (mentions)": summary["top_actors"],
        "dominant frame (hits)": [frame(r) for _, r in summary.iterrows()],
        "escalation balance (esc/de-esc)": ["no hits" if r["no_hits"] else f"{r['balance']:+.2f} ({r['esc']}/{r['deesc']})"
                                            for _, r in summary.iterrows()],
        "VADER mean [95% CI]": [ci(m, lo, hi) for m, lo, hi in zip(summary["vader_mean"], summary["vader_lo"], summary["vader_hi"])],
        "TextBlob mean [95% CI]": [ci(m, lo, hi) for m, lo, hi in zip(summary["tb_mean"], summary["tb_lo"], summary["tb_hi"])],
        "sentences": summary["n_sentences"],
    })


def profile_display(profile: pd.DataFrame, *, group: str = "group", labels: dict | None = None) -> pd.DataFrame:
    """A :func:`group_profile` as shown in the book: one readable row per group.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["k"], "n_articles": [2], "n_words": [900], "top_actors": ["Iran (3)"],
    ...     "dominant_frame_label": ["Conflict"], "dominant_frame_hits": [2], "frames_tied": [0], "balance": [0.5],
    ...     "esc": [3], "deesc": [1], "no_hits": [False], "vader_mean": [-0.2], "vader_lo": [-0.3],
    ...     "vader_hi": [-0.1], "tb_mean": [0.0], "tb_lo": [-0.1], "tb_hi": [0.1], "n_sentences": [9]})
    >>> row = profile_display(p, group="crisis", labels={"k": "Crisis K"}).iloc[0]
    >>> row["crisis"], int(row["articles"]), row["escalation balance (esc/de-esc)"]
    ('Crisis K', 2, '+0.50 (3/1)')
    """
    labels = labels or {}
    shown = summary_display(profile.rename(columns={"group": "id"}))
    shown = shown.drop(columns=["article", "outlet", "crisis", "date"])
    shown.insert(0, group, [labels.get(g, g) for g in profile["group"]])
    shown.insert(1, "articles", profile["n_articles"].to_numpy())
    shown.insert(2, "words", profile["n_words"].to_numpy())
    return shown


def country_display(profile: pd.DataFrame, *, group: str = "crisis", labels: dict | None = None) -> pd.DataFrame:
    """A :func:`country_profile` as shown in the book.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["k"], "articles": [1], "mentions": [4], "share": [0.07], "state_rank": [4],
    ...     "quoted_share": [0.5], "first_in": [1], "n_sentences": [3], "vader_mean": [float("nan")],
    ...     "tb_mean": [0.1], "esc": [2], "deesc": [2], "balance": [0.0]})
    >>> country_display(p).iloc[0][["share of mentions", "VADER mean"]].tolist()
    ['7%', 'n/a']
    """
    labels = labels or {}
    return pd.DataFrame({
        group: [labels.get(g, g) for g in profile["group"]],
        "articles": profile["articles"],
        "mentions": profile["mentions"],
        "share of mentions": profile["share"].map("{:.0%}".format),
        "rank among countries": profile["state_rank"],
        "in quotations": profile["quoted_share"].map("{:.0%}".format),
        "articles naming it first": profile["first_in"],
        "sentences naming it": profile["n_sentences"],
        "VADER mean": profile["vader_mean"].map(_signed),
        "TextBlob mean": profile["tb_mean"].map(_signed),
        "escalation / de-escalation hits": [f"{e} / {d}" for e, d in zip(profile["esc"], profile["deesc"])],
        "balance": profile["balance"].map(_signed),
    })


def summary_paragraph(summary: pd.DataFrame, by_crisis: pd.DataFrame, country: pd.DataFrame, *,
                      country_name: str = "Pakistan", labels: dict | None = None) -> str:
    """A short paragraph of the book's main findings, for its title page.

    ``summary`` from :func:`article_summary`, ``by_crisis`` from
    :func:`group_profile` with ``by="crisis"``, ``country`` from
    :func:`country_profile` with ``by="crisis"``. Each sentence is chosen from
    the values: the country's share of actor mentions per crisis, how many
    articles lean to escalation vocabulary, whether the two tone tools order
    the crises the same way, and what the smallest crisis rests on.

    Example
    -------
    >>> summary = pd.DataFrame({"balance": [0.5, -0.2], "crisis": ["a", "b"]})
    >>> crises = pd.DataFrame({"group": ["a", "b"], "n_articles": [1, 1], "vader_mean": [-0.3, 0.1],
    ...                        "tb_mean": [0.2, 0.0]})
    >>> country = pd.DataFrame({"group": ["a", "b"], "mentions": [9, 1], "share": [0.45, 0.05],
    ...                         "quoted_share": [0.1, 1.0]})
    >>> print(summary_paragraph(summary, crises, country, country_name="X"))
    X's actors take 45% of actor mentions in a but 5% in b, where 100% of those mentions are quotations. Escalation vocabulary outweighs de-escalation vocabulary in 1 of 2 articles (balance from -0.20 to +0.50). The two sentiment tools disagree on which crisis reads more negative, so the book draws no conclusion about tone. Every crisis here rests on a single article: all of this describes texts, not patterns of coverage.
    """
    labels = labels or {}
    name = lambda key: labels.get(key, key)  # noqa: E731
    parts = []
    named = country[country["mentions"] > 0].sort_values("share", ascending=False)
    if len(named) >= 2:
        hi, lo = named.iloc[0], named.iloc[-1]
        parts.append(f"{country_name}'s actors take {hi['share']:.0%} of actor mentions in {name(hi['group'])} but "
                     f"{lo['share']:.0%} in {name(lo['group'])}, where {lo['quoted_share']:.0%} of those mentions "
                     "are quotations.")
    elif len(named) == 1:
        row = named.iloc[0]
        parts.append(f"{country_name}'s actors take {row['share']:.0%} of actor mentions in {name(row['group'])}.")
    balances = summary["balance"].dropna()
    if len(balances):
        parts.append(f"Escalation vocabulary outweighs de-escalation vocabulary in {int((balances > 0).sum())} of "
                     f"{_n(len(balances), 'article')} (balance from {balances.min():+.2f} to {balances.max():+.2f}).")
    crises = by_crisis.dropna(subset=["vader_mean", "tb_mean"])
    if len(crises) >= 2:
        darkest_vader = crises.loc[crises["vader_mean"].idxmin(), "group"]
        darkest_tb = crises.loc[crises["tb_mean"].idxmin(), "group"]
        if darkest_vader == darkest_tb:
            parts.append(f"Both sentiment tools score {name(darkest_vader)} as the most negative crisis, a matter of "
                         "wording, not of stance.")
        else:
            parts.append("The two sentiment tools disagree on which crisis reads more negative, so the book draws "
                         "no conclusion about tone.")
    sizes = by_crisis["n_articles"]
    if len(sizes) and (sizes == 1).all():
        parts.append("Every crisis here rests on a single article: all of this describes texts, not patterns of "
                     "coverage.")
    elif len(sizes) and sizes.min() == 1:
        single = by_crisis.loc[sizes == 1, "group"].map(name).tolist()
        parts.append(f"{join_words(single)} {'rests' if len(single) == 1 else 'rest'} on a single article: all of this "
                     "describes texts, not patterns of coverage.")
    else:
        parts.append(f"With {_n(int(sizes.sum()), 'article')} in all, these describe texts, not patterns of coverage.")
    return " ".join(parts)


def what_would_change(profile: pd.DataFrame, summary: pd.DataFrame, *, what: str, labels: dict | None = None) -> str:
    """The reversal thresholds of a :func:`group_profile` as prose, for an article of median size.

    Chains :func:`median_sizes`, :func:`reversal_thresholds` and
    :func:`describe_reversals`; with fewer than two groups it says so.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["A"], "esc": [3], "deesc": [1], "balance": [0.5], "n_sentences": [4],
    ...                   "vader_mean": [0.1], "tb_mean": [0.0]})
    >>> what_would_change(p, pd.DataFrame({"esc": [3], "deesc": [1], "n_sentences": [4]}), what="crisis")
    'With one crisis, there is no order between crises to reverse.'
    """
    plural = {"crisis": "crises", "genre": "genres", "outlet": "outlets"}.get(what, what + "s")
    if len(profile) < 2:
        return f"With one {what}, there is no order between {plural} to reverse."
    sizes = median_sizes(summary)
    t = reversal_thresholds(profile, hits_per_article=sizes["hits"], sentences_per_article=sizes["sentences"])
    if t.empty:
        return f"No measure scores two {plural}, so there is no order to reverse."
    return " ".join(describe_reversals(t, what=what, labels=labels, hits_per_article=sizes["hits"],
                                       sentences_per_article=sizes["sentences"]))


def dashboard_figure(summary: pd.DataFrame, top_actors: pd.DataFrame, *, colors: dict | None = None,
                     labels: dict | None = None):
    """Small multiples: one row per article, one panel per measure.

    Panels, left to right: the share of the article's actor mentions taken by
    its top actors (stacked, labelled); the escalation balance (with its
    counts); the mean VADER compound and the mean TextBlob polarity with their
    95% intervals. Articles are grouped by crisis (a rule between crises) and
    coloured by outlet (``colors``: outlet → hex).

    ``summary`` from :func:`article_summary`; ``top_actors`` from
    :func:`article_actors`. Returns the Figure.

    Example
    -------
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a"], "outlet": ["X"], "crisis": ["k"], "quoted_text": [""],
    ...     "text": ["Iran fired missiles. Pakistan urged restraint."]})
    >>> fig = dashboard_figure(article_summary(corpus, n_boot=20), article_actors(corpus))
    >>> len(fig.axes)
    4
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    colors = colors or {}
    labels = labels or {}
    data = summary.copy()
    if "crisis" in data.columns:
        first = {c: k for k, c in enumerate(pd.unique(data["crisis"]))}
        data = data.assign(_c=data["crisis"].map(first)).sort_values("_c", kind="mergesort").reset_index(drop=True)
    n = len(data)
    fig, axes = plt.subplots(1, 4, figsize=(11, 0.62 * n + 1.8), sharey=True,
                             gridspec_kw={"width_ratios": [1.6, 1, 1, 1]})
    ys = np.arange(n)
    outlet = data["outlet"] if "outlet" in data.columns else pd.Series([""] * n)
    colour = [colors.get(o, "#0072B2") for o in outlet]
    when = data["published"].astype(str) if "published" in data.columns else data["id"].astype(str)
    ticks = [f"{o} · {w}" if o else w for o, w in zip(outlet, when)]
    if "crisis" in data.columns:
        ticks = [f"{t}\n{labels.get(c, c)}" for t, c in zip(ticks, data["crisis"])]

    ax = axes[0]
    for y, (aid, c) in enumerate(zip(data["id"], colour)):
        part = top_actors[top_actors["id"] == aid]
        left = 0.0
        for k, r in enumerate(part.itertuples(index=False)):
            ax.barh(y, r.share, left=left, color=c, alpha=1.0 - 0.28 * k, edgecolor="black", lw=0.4, height=0.65)
            if r.share >= 0.12:
                name = str(r.label) if len(str(r.label)) <= 10 else str(r.label)[:9] + "…"
                ax.text(left + r.share / 2, y, name, ha="center", va="center", fontsize=6.5)
            left += r.share
        if part.empty:
            ax.text(0.02, y, "no actor named", va="center", fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_title("Top actors\n(share of mentions)", fontsize=9)
    ax.set_xlabel("share of the article's actor mentions", fontsize=8)

    ax = axes[1]
    for y, r, c in zip(ys, data.to_dict("records"), colour):
        if r["no_hits"]:
            ax.text(0, y, "no hits", ha="center", va="center", fontsize=7)
            continue
        ax.barh(y, r["balance"], color=c, edgecolor="black", lw=0.4, height=0.65)
        right = r["balance"] < 0
        ax.text(0.05 if right else -0.05, y, f"{r['esc']}/{r['deesc']}", ha="left" if right else "right",
                va="center", fontsize=6.5)
    ax.set_xlim(-1.05, 1.05)
    ax.axvline(0, color="black", lw=0.7)
    ax.set_title("Escalation balance\n(esc/de-esc hits)", fontsize=9)
    ax.set_xlabel("(esc − de-esc)/(esc + de-esc)", fontsize=8)

    for ax, prefix, title in ((axes[2], "vader", "VADER compound"), (axes[3], "tb", "TextBlob polarity")):
        for y, r, c in zip(ys, data.to_dict("records"), colour):
            if pd.isna(r[f"{prefix}_mean"]):
                ax.text(0, y, "no sentences", ha="center", va="center", fontsize=7)
                continue
            ax.plot([r[f"{prefix}_lo"], r[f"{prefix}_hi"]], [y, y], color=c, lw=2.5, alpha=0.7)
            ax.plot(r[f"{prefix}_mean"], y, "o", color=c, markeredgecolor="black", markeredgewidth=0.5, ms=6)
        ax.axvline(0, color="black", lw=0.7)
        ax.set_xlim(-0.8, 0.8)
        ax.set_title(f"{title}\n(mean, 95% CI)", fontsize=9)
        ax.set_xlabel("mean sentence score", fontsize=8)

    axes[0].set_yticks(ys)
    axes[0].set_yticklabels(ticks, fontsize=7)
    axes[0].set_ylim(n - 0.5, -0.5)
    if "crisis" in data.columns:
        crises = list(data["crisis"])
        for y in range(1, n):
            if crises[y] != crises[y - 1]:
                for ax in axes:
                    ax.axhline(y - 0.5, color="black", lw=1.0)
    fig.tight_layout()
    return fig


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

