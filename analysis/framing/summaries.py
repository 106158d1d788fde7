"""Summaries of the framing tables: which group is largest, which frame dominates, which frames differ most.

Each function reads a table that :mod:`analysis.framing.frames` (or the
corpus) already holds and picks or counts from it, so that the sentences and
tables a page shows are chosen in code, not in the page. Ties are broken in
a fixed order, documented with each function.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.framing.frames import FRAME_INDICES, FramesArg, resolve_frames, shared_frame_terms
from analysis.stats import articles_needed
from analysis.types import group_labels

PERIODS = ("first date", "later")


def single_article_groups(corpus: pd.DataFrame, *, by: str = "outlet") -> int:
    """How many groups of ``by`` hold exactly one article.

    Example
    -------
    >>> single_article_groups(pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]}))
    1
    """
    return int((group_labels(corpus, by, "single_article_groups").value_counts() == 1).sum())


def pattern_count(frames: FramesArg = None) -> int:
    """The number of patterns in the frame dictionaries, over all frames.

    Example
    -------
    >>> pattern_count(pd.DataFrame({"key": ["a", "b"], "family": ["generic"] * 2, "index": ["", ""],
    ...                             "regex": ["x", "y"], "patterns": [("war", "strike*"), ("talks",)]}))
    3
    """
    return int(resolve_frames(frames)["patterns"].map(len).sum())


def _sizes(corpus: pd.DataFrame, by: str, func: str) -> pd.Series:
    labels = group_labels(corpus, by, func)
    if labels.empty:
        raise AnalysisInputError(Problem(f"{func}()", None, "corpus", "no articles"))
    return labels.value_counts().sort_index()


def largest_group(corpus: pd.DataFrame, *, by: str = "crisis"):
    """The group of ``by`` with the most articles; a tie goes to the group that sorts first.

    Example
    -------
    >>> largest_group(pd.DataFrame({"id": ["a", "b", "c", "d"], "crisis": ["y", "y", "x", "x"]}))
    'x'
    """
    return _sizes(corpus, by, "largest_group").sort_values(ascending=False, kind="mergesort").index[0]


def smallest_group(corpus: pd.DataFrame, *, by: str = "crisis"):
    """The group of ``by`` with the fewest articles; a tie goes to the group that sorts first.

    Example
    -------
    >>> smallest_group(pd.DataFrame({"id": ["a", "b", "c"], "crisis": ["y", "x", "x"]}))
    'y'
    """
    return _sizes(corpus, by, "smallest_group").sort_values(kind="mergesort").index[0]


def index_key(frames: FramesArg, index: str) -> str:
    """The key of the frame that serves as the ``escalation`` or ``de-escalation`` index.

    Example
    -------
    >>> index_key(None, "de-escalation")
    'de-escalation'
    """
    if index not in FRAME_INDICES:
        raise AnalysisInputError(Problem("index_key()", None, "index", f"{index!r} is not one of {FRAME_INDICES}"))
    table = resolve_frames(frames)
    found = table.loc[table["index"] == index, "key"]
    if found.empty:
        raise AnalysisInputError(Problem("index_key()", None, "frames", f"no frame has index {index!r}"))
    return found.iloc[0]


#: The columns of :func:`dominant_frames` after the key column.
DOMINANT_COLUMNS = [
    "dominant_frame",
    "dominant_frame_label",
    "dominant_frame_hits",
    "dominant_frame_per_1000",
    "frames_tied",
]


def dominant_frames(
    scores: pd.DataFrame, frames: FramesArg = None, *, by: str = "group", family: str | None = None
) -> pd.DataFrame:
    """The dominant frame of each article or group: the book's one definition of it.

    The *dominant frame* is the frame with most hits among the frames that are
    not the escalation or de-escalation index (those two are read together as
    the escalation balance); a tie goes to the frame listed first in the frames
    file, and the number of other frames with as many hits is reported. Within
    an article or group every frame has the same word count, so "most hits"
    and "most hits per 1,000 words" pick the same frame. ``family`` restricts
    the candidates to one family (``"generic"``: the dominant generic frame).

    Parameters
    ----------
    scores
        From :func:`~analysis.framing.frames.frame_scores`: per article (``by="id"``)
        or per group (``by="group"``).
    frames
        The frames table the scores were computed with (default: the shipped file).

    Returns
    -------
    DataFrame with ``by`` and :data:`DOMINANT_COLUMNS`: ``dominant_frame``
    (key; ``""`` when the article or group has no hit of any candidate),
    ``dominant_frame_label`` (``"none"`` then), ``dominant_frame_hits``,
    ``dominant_frame_per_1000``, ``frames_tied``; one row per article or group,
    in the order of ``scores``.

    Example
    -------
    >>> s = pd.DataFrame({"group": ["A"] * 3 + ["B"] * 3, "frame": ["conflict", "escalation", "diplomacy"] * 2,
    ...                   "hits": [2, 9, 2, 0, 4, 1], "per_1000": [2.0, 9.0, 2.0, 0.0, 4.0, 1.0]})
    >>> dominant_frames(s)[["group", "dominant_frame", "dominant_frame_hits", "frames_tied"]].values.tolist()
    [['A', 'conflict', 2, 1], ['B', 'diplomacy', 1, 0]]
    >>> dominant_frames(s, family="generic")["dominant_frame"].tolist()
    ['conflict', '']
    """
    require_columns(scores, [by, "frame", "hits", "per_1000"], "dominant_frames()", "scores")
    table = resolve_frames(frames)
    candidates = table[table["index"].fillna("") == ""]
    if family is not None:
        candidates = candidates[candidates["family"] == family]
    order = {k: j for j, k in enumerate(table["key"])}
    labels = dict(zip(table["key"], table["label"]))
    sub = scores[scores["frame"].isin(set(candidates["key"]))].assign(_f=lambda d: d["frame"].map(order))
    rows = []
    for group in pd.unique(scores[by]):
        part = sub[sub[by] == group].sort_values(["hits", "_f"], ascending=[False, True], kind="mergesort")
        if part.empty or part["hits"].iloc[0] == 0:
            rows.append((group, "", "none", 0, 0.0, 0))
            continue
        best = part.iloc[0]
        per_1000 = float(best["per_1000"]) if pd.notna(best["per_1000"]) else float("nan")
        tied = int((part["hits"] == best["hits"]).sum()) - 1
        rows.append((group, best["frame"], labels[best["frame"]], int(best["hits"]), per_1000, tied))
    return pd.DataFrame(rows, columns=[by, *DOMINANT_COLUMNS])


def frame_spread(scores: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """The ``top`` frames whose rate differs most between groups (largest minus smallest).

    ``scores`` comes from :func:`~analysis.framing.frames.frame_scores` with
    ``by`` set. Returns a wide table: one row per frame (index ``frame``,
    widest spread first), one column per group (sorted), values hits per
    1,000 words.

    Example
    -------
    >>> s = pd.DataFrame({"group": ["A", "A", "B", "B"], "frame": ["war", "talks", "war", "talks"],
    ...                   "per_1000": [1.0, 4.0, 2.0, 0.5]})
    >>> frame_spread(s, top=1).reset_index().values.tolist()
    [['talks', 4.0, 0.5]]
    """
    require_columns(scores, ["group", "frame", "per_1000"], "frame_spread()", "scores")
    wide = scores.pivot(index="frame", columns="group", values="per_1000")
    spread = (wide.max(axis=1) - wide.min(axis=1)).sort_values(ascending=False).head(top)
    return wide.loc[spread.index]


def genre_scope(corpus: pd.DataFrame, *, crisis) -> tuple[pd.DataFrame, object]:
    """Where to compare genres: within one crisis when it has two or more genres, else across the corpus.

    Comparing genres within one crisis keeps topic and genre apart. Returns
    the articles to compare and the crisis they belong to (``None`` when the
    whole corpus is used).

    Example
    -------
    >>> c = pd.DataFrame({"id": list("abc"), "crisis": ["k", "k", "m"], "genre": ["news", "analysis", "news"]})
    >>> scope, within = genre_scope(c, crisis="k")
    >>> scope["id"].tolist(), within
    (['a', 'b'], 'k')
    >>> genre_scope(c, crisis="m")[1] is None
    True
    """
    require_columns(corpus, ["id", "crisis", "genre"], "genre_scope()", "corpus")
    scope = corpus[corpus["crisis"] == crisis]
    if scope["genre"].nunique() < 2:
        return corpus, None
    return scope, crisis


def _in_period(balance: pd.DataFrame, period: str, func: str) -> pd.Series:
    if period not in PERIODS:
        raise AnalysisInputError(Problem(f"{func}()", None, "period", f"{period!r} is not one of {PERIODS}"))
    require_columns(balance, ["id", "date"], f"{func}()", "balance")
    first = balance["date"].min()
    return balance["date"] == first if period == "first date" else balance["date"] > first


def period_ids(balance: pd.DataFrame, period: str) -> pd.Series:
    """The ids of the articles of the first publication date, or of the later ones.

    ``balance`` holds the articles of one crisis (from
    :func:`~analysis.framing.frames.escalation_balance`), as for
    :func:`~analysis.framing.frames.period_balance`; ``period`` is ``"first date"``
    or ``"later"``.

    Example
    -------
    >>> b = pd.DataFrame({"id": ["a", "b", "c"], "date": pd.to_datetime(["2024-01-02", "2024-01-01", "2024-01-05"])})
    >>> period_ids(b, "first date").tolist(), period_ids(b, "later").tolist()
    (['b'], ['a', 'c'])
    """
    return balance.loc[_in_period(balance, period, "period_ids"), "id"]


def period_genres(balance: pd.DataFrame) -> dict[str, list[str]]:
    """The genres of the first-date articles and of the later ones, each sorted.

    ``balance`` as for :func:`period_ids`, with a ``genre`` column. Returns
    ``{"first date": [...], "later": [...]}`` (``later`` empty when every
    article shares one date).

    Example
    -------
    >>> b = pd.DataFrame({"id": ["a", "b", "c"], "genre": ["news", "news", "analysis"],
    ...                   "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-05"])})
    >>> period_genres(b)
    {'first date': ['news'], 'later': ['analysis']}
    """
    require_columns(balance, ["genre"], "period_genres()", "balance")
    return {p: sorted(set(balance.loc[_in_period(balance, p, "period_genres"), "genre"])) for p in PERIODS}


def period_hits(
    hits: pd.DataFrame, balance: pd.DataFrame, *, frame: str, period: str, limit: int | None = 10
) -> pd.DataFrame:
    """The hits of one frame in the articles of one period, in the order of ``hits``, at most ``limit``.

    ``hits`` from :func:`~analysis.framing.frames.frame_hits`; ``balance`` and
    ``period`` as for :func:`period_ids`. Returns rows of ``hits``.

    Example
    -------
    >>> b = pd.DataFrame({"id": ["a", "b"], "date": pd.to_datetime(["2024-01-01", "2024-01-03"])})
    >>> h = pd.DataFrame({"id": ["a", "b", "b"], "frame": ["escalation"] * 3, "matched": ["strike", "missile", "war"]})
    >>> period_hits(h, b, frame="escalation", period="later", limit=1)["matched"].tolist()
    ['missile']
    """
    require_columns(hits, ["id", "frame"], "period_hits()", "hits")
    part = hits[(hits["frame"] == frame) & hits["id"].isin(period_ids(balance, period))]
    return part if limit is None else part.head(limit)


def terms_shared_by_groups(hits: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "crisis") -> pd.DataFrame:
    """:func:`~analysis.framing.frames.shared_frame_terms` over the groups of ``by``, when there are two or more.

    With one group, every term would be "shared", which says nothing: the
    table is then empty, with columns ``frame``, ``term``, ``hits``,
    ``min_hits``.

    Example
    -------
    >>> c = pd.DataFrame({"id": ["a", "b"], "crisis": ["x", "y"]})
    >>> h = pd.DataFrame({"id": ["a", "b"], "frame": ["de-escalation"] * 2, "term": ["calm"] * 2})
    >>> terms_shared_by_groups(h, c)[["term", "x", "y"]].values.tolist()
    [['calm', 1, 1]]
    >>> terms_shared_by_groups(h, c.assign(crisis="x")).empty
    True
    """
    labels = group_labels(corpus, by, "terms_shared_by_groups")
    if labels.nunique() < 2:
        return pd.DataFrame(columns=["frame", "term", "hits", "min_hits"])
    return shared_frame_terms(hits, labels)


def frame_term_counts(shared: pd.DataFrame) -> pd.Series:
    """How many terms of a :func:`terms_shared_by_groups` table each frame holds, most first.

    Example
    -------
    >>> t = pd.DataFrame({"frame": ["war", "talks", "war"], "term": ["strike", "calm", "attack"]})
    >>> frame_term_counts(t).to_dict()
    {'war': 2, 'talks': 1}
    """
    require_columns(shared, ["frame", "term"], "frame_term_counts()", "shared")
    return shared.groupby("frame").size().sort_values(ascending=False)


#: The columns of :func:`actor_overlap`.
OVERLAP_COLUMNS = ["id", "frame", "start", "end", "matched", "actor", "mention"]


def actor_overlap(hits: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The frame hits that fall inside, or across, an actor mention: a frame counting part of a name.

    The frame dictionaries hold no actor name (``analysis/data/frames.yaml``),
    but a pattern can still match a word of one ("justice" in "Army of
    Justice"). Such a hit counts a name as frame evidence; this finds them.

    Parameters
    ----------
    hits
        From :func:`~analysis.framing.frames.frame_hits`: ``id``, ``frame``,
        ``start``, ``end``, ``matched`` (offsets into the article's body text).
    mentions
        From :func:`analysis.actors.matching.find_mentions` (or
        :meth:`analysis.pipeline.Analysis.body_mentions`): ``id``, ``actor``,
        ``start``, ``end``, ``matched``; rows whose ``source`` is not
        ``body`` are left out, since frame hits are only found in the body.

    Returns
    -------
    DataFrame with :data:`OVERLAP_COLUMNS`: one row per overlapping hit (the
    first mention it overlaps, by position), in the order of ``hits``;
    ``actor`` and ``mention`` are the mention's actor id and text.

    Example
    -------
    >>> hits = pd.DataFrame({"id": ["a", "a"], "frame": ["morality", "escalation"], "start": [8, 20],
    ...                      "end": [15, 26], "matched": ["Justice", "struck"]})
    >>> mentions = pd.DataFrame({"id": ["a"], "actor": ["jaish"], "start": [0], "end": [15],
    ...                          "matched": ["Army of Justice"]})
    >>> actor_overlap(hits, mentions)[["frame", "matched", "mention"]].values.tolist()
    [['morality', 'Justice', 'Army of Justice']]
    """
    require_columns(hits, ["id", "frame", "start", "end", "matched"], "actor_overlap()", "hits")
    require_columns(mentions, ["id", "actor", "start", "end", "matched"], "actor_overlap()", "mentions")
    if "source" in mentions.columns:
        mentions = mentions[mentions["source"] == "body"]
    left = hits[["id", "frame", "start", "end", "matched"]].reset_index(drop=True).reset_index(names="_hit")
    right = mentions[["id", "actor", "start", "end", "matched"]].rename(
        columns={"start": "m_start", "end": "m_end", "matched": "mention"}
    )
    pairs = left.merge(right, on="id", how="inner")
    pairs = pairs[(pairs["start"] < pairs["m_end"]) & (pairs["end"] > pairs["m_start"])]
    pairs = pairs.sort_values(["_hit", "m_start"], kind="mergesort").drop_duplicates("_hit")
    return pairs[OVERLAP_COLUMNS].reset_index(drop=True)


def overlap_by_frame(hits: pd.DataFrame, overlap: pd.DataFrame, frames: FramesArg = None) -> pd.DataFrame:
    """Per frame: its hits, how many of them fall inside an actor mention (:func:`actor_overlap`), and the share.

    Returns
    -------
    DataFrame with ``frame``, ``label``, ``hits``, ``in_actor``, ``share``
    (NaN with no hit), one row per frame in file order.

    Example
    -------
    >>> h = pd.DataFrame({"frame": ["morality", "morality", "escalation"]})
    >>> t = overlap_by_frame(h, pd.DataFrame({"frame": ["morality"]}))
    >>> row = t.set_index("frame").loc["morality"]
    >>> int(row["hits"]), int(row["in_actor"]), float(row["share"])
    (2, 1, 0.5)
    """
    require_columns(hits, ["frame"], "overlap_by_frame()", "hits")
    require_columns(overlap, ["frame"], "overlap_by_frame()", "overlap")
    table = resolve_frames(frames)
    counts, inside = hits.groupby("frame").size(), overlap.groupby("frame").size()
    out = pd.DataFrame({"frame": table["key"], "label": table["label"]})
    out["hits"] = out["frame"].map(counts).fillna(0).astype("int64")
    out["in_actor"] = out["frame"].map(inside).fillna(0).astype("int64")
    out["share"] = out["in_actor"] / out["hits"].where(out["hits"] > 0)
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class TrendSample:
    """Whether a crisis's articles can carry a trend over time (:func:`trend_sample`).

    Attributes
    ----------
    needed
        The fewest articles each period needs (:func:`analysis.stats.articles_needed`).
    periods
        One row per period (``first date``, ``later``): ``period``,
        ``n_articles`` (all), ``n_dated`` (publication day known),
        ``n_counted`` (dated, from an outlet present in both periods) and
        ``outlets`` (the period's outlets, sorted).
    outlets
        The outlets with a dated article in both periods, sorted.
    ids
        Article id to period, for the counted articles only.
    """

    needed: int
    periods: pd.DataFrame
    outlets: list
    ids: dict

    @property
    def enough(self) -> bool:
        """Each of the two periods has at least :attr:`needed` counted articles."""
        counted = self.periods["n_counted"]
        return len(self.periods) == 2 and bool((counted >= self.needed).all())


def trend_sample(articles: pd.DataFrame, *, alpha: float = 0.05) -> TrendSample:
    """The articles that can carry a trend: per period, those dated to the day and from outlets in both periods.

    A difference between the first date's articles and the later ones is a
    trend only if the same outlets are on both sides (otherwise it is a
    difference between outlets) and each side has enough articles for a test
    over articles to be able to reject chance at all. That floor is
    :func:`analysis.stats.articles_needed`: with fewer articles per period an
    exact permutation test cannot reach p < ``alpha`` whatever the data (Good
    2005). Periods are those of :func:`~analysis.framing.frames.period_balance`
    (the earliest publication date, and after it); an article dated by month
    only is in a period but not counted.

    ``articles`` holds one crisis's rows with ``id``, ``outlet``, ``date`` and,
    optionally, ``date_precision`` (``day`` when absent).

    Example
    -------
    >>> a = pd.DataFrame({"id": list("abcde"), "outlet": ["X", "Y", "X", "Z", "Y"],
    ...                   "date": pd.to_datetime(["2024-01-01"] * 2 + ["2024-01-03", "2024-01-04", "2024-02-01"]),
    ...                   "date_precision": ["day"] * 4 + ["month"]})
    >>> t = trend_sample(a)
    >>> t.needed, t.outlets, t.periods["n_counted"].tolist(), t.enough
    (4, ['X'], [1, 1], False)
    """
    require_columns(articles, ["id", "outlet", "date"], "trend_sample()", "articles")
    if articles.empty:
        raise AnalysisInputError(Problem("trend_sample()", None, "articles", "no articles"))
    precision = articles["date_precision"] if "date_precision" in articles.columns else "day"
    table = articles.assign(_dated=pd.Series(precision, index=articles.index).eq("day"))
    first = table["date"].min()
    table["_period"] = table["date"].map(lambda d: "first date" if d == first else "later")
    dated = table[table["_dated"]]
    both = sorted(
        set(dated.loc[dated["_period"] == "first date", "outlet"])
        & set(dated.loc[dated["_period"] == "later", "outlet"])
    )
    counted = dated[dated["outlet"].isin(both)]
    rows = []
    for period in PERIODS:
        part = table[table["_period"] == period]
        if part.empty:
            continue
        rows.append(
            {
                "period": period,
                "n_articles": len(part),
                "n_dated": int(part["_dated"].sum()),
                "n_counted": int((counted["_period"] == period).sum()),
                "outlets": sorted(set(part["outlet"])),
            }
        )
    periods = pd.DataFrame(rows, columns=["period", "n_articles", "n_dated", "n_counted", "outlets"])
    return TrendSample(
        needed=articles_needed(alpha=alpha),
        periods=periods,
        outlets=both,
        ids=dict(zip(counted["id"], counted["_period"])),
    )
