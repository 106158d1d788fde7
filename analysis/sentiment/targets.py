"""Actor-targeted tone: the tone of the sentences that mention each actor."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.formatting import SCORE, interval
from analysis.sentiment.documents import bootstrap_means, drop_quoted
from analysis.types import as_columns


def actor_tone(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    by=("crisis",),
    measure: str = "vader_compound",
    min_count: int = 3,
    exclude_quotes: bool = False,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Tone of the sentences that mention each actor, per actor and group.

    Sentence-level: every sentence that mentions an actor counts once
    for that actor (however often the actor is named in it), and a sentence
    that mentions two actors counts for both. The score is the sentence's
    tone, not the tone *towards* the actor.

    Parameters
    ----------
    sentences
        From :func:`~analysis.sentiment.scoring.score_sentences`, with the ``by`` columns (see
        :func:`~analysis.sentiment.scoring.with_metadata`).
    mentions
        From ``analysis.actors.find_mentions``: needs ``id``, ``actor`` and
        ``sentence`` (the sentence index of :func:`analysis.text.sentence_table`);
        ``actor_type`` is kept when present. With a ``source`` column (mentions
        found with ``include_embeds=True``) mentions join sentences on
        ``(id, source, sentence)``, so posts count with their own sentences;
        without it, mentions are body mentions.
    by
        Columns of ``sentences`` to split each actor by (e.g. ``("crisis",)``
        or ``("outlet",)``).
    min_count
        Cells with fewer sentences are flagged ``too_few`` and shown as
        "too few" in ``cell``.

    Returns
    -------
    One row per actor and group: ``actor``, (``actor_type``), the ``by``
    columns, ``n_sentences``, ``n_articles``, ``mean``, ``mean_lo``,
    ``mean_hi`` (95% bootstrap CI), ``too_few`` and ``cell`` (display text).

    Raises
    ------
    analysis.errors.AnalysisInputError
        If a mention points at a sentence that is not in ``sentences``.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"] * 3, "source": ["body"] * 3, "sentence": [0, 1, 2], "crisis": ["k"] * 3,
    ...                   "vader_compound": [0.4, -0.2, 0.0], "in_quote": [False] * 3})
    >>> m = pd.DataFrame({"id": ["a", "a", "a", "a"], "actor": ["Iran", "Iran", "Iran", "China"],
    ...                   "sentence": [0, 0, 1, 1]})
    >>> actor_tone(s, m, min_count=2, n_boot=100)[["actor", "n_sentences", "mean", "cell"]].to_dict("list")
    {'actor': ['China', 'Iran'], 'n_sentences': [1, 2], 'mean': [-0.2, 0.1], 'cell': ['too few (n=1)', '+0.10 [-0.20, +0.40] (n=2)']}
    """
    by = as_columns(by)
    require_columns(mentions, ["id", "actor", "sentence"], "actor_tone()", "mentions")
    require_columns(sentences, ["id", "sentence", measure, *by], "actor_tone()", "sentences")
    if "source" in mentions.columns and "source" in sentences.columns:
        # Mentions found with include_embeds=True: a post's sentence k is not the body's sentence k.
        keys, known = ["id", "source", "sentence"], sentences
    else:
        keys = ["id", "sentence"]
        known = sentences[sentences["source"] == "body"] if "source" in sentences.columns else sentences
    scored = drop_quoted(known, exclude_quotes=exclude_quotes, where="actor_tone()")
    extra = ["actor_type"] if "actor_type" in mentions.columns else []
    pairs = mentions[[*keys, "actor", *extra]].drop_duplicates([*keys, "actor"])
    check = pairs.merge(known[keys], on=keys, how="left", indicator=True)
    lost = check[check["_merge"] == "left_only"]
    if len(lost):
        raise AnalysisInputError(
            [
                Problem(
                    "actor_tone()", None, "mentions", f"{r.actor!r} in {r.id!r} sentence {r.sentence}: no such sentence"
                )
                for r in lost.itertuples(index=False)
            ]
        )
    cols = [*keys, measure, *[c for c in by if c not in pairs.columns]]
    joined = pairs.merge(scored[cols], on=keys, how="inner")
    rows = []
    for key, part in joined.groupby(["actor", *extra, *by], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        values = part[measure].to_numpy("float64")
        lo, hi, _, _ = bootstrap_means(values, np.ones_like(values), n_boot=n_boot, seed=seed)
        n = len(values)
        mean = float(values.mean())
        too_few = n < min_count
        cell = f"too few (n={n})" if too_few else f"{interval(mean, lo, hi, fmt=SCORE)} (n={n})"
        rows.append((*key, n, part["id"].nunique(), mean, lo, hi, too_few, cell))
    columns = ["actor", *extra, *by, "n_sentences", "n_articles", "mean", "mean_lo", "mean_hi", "too_few", "cell"]
    return pd.DataFrame(rows, columns=columns)


def actor_overview(mentions: pd.DataFrame, tone: pd.DataFrame) -> dict:
    """How actors share sentences, and how many cells of an :func:`actor_tone` table have enough sentences.

    ``mentions`` as for :func:`actor_tone`; ``tone`` its result.

    Returns ``n_actors`` (distinct actors named), ``n_sentences`` (sentences
    naming at least one actor), ``n_pairs`` (actor–sentence pairs), ``n_multi``
    (sentences naming two actors or more), ``n_cells`` (rows of ``tone``) and
    ``n_enough`` (rows not ``too_few``). A sentence is keyed by ``id``,
    ``sentence`` and, when present, ``source``.

    Example
    -------
    >>> m = pd.DataFrame({"id": ["a", "a", "a", "b"], "sentence": [0, 0, 1, 0],
    ...                   "actor": ["iran", "china", "iran", "iran"]})
    >>> t = pd.DataFrame({"actor": ["china", "iran"], "too_few": [True, False]})
    >>> actor_overview(m, t)
    {'n_actors': 2, 'n_sentences': 3, 'n_pairs': 4, 'n_multi': 1, 'n_cells': 2, 'n_enough': 1}
    """
    require_columns(mentions, ["id", "sentence", "actor"], "actor_overview()", "mentions")
    require_columns(tone, ["too_few"], "actor_overview()", "tone")
    keys = ["id", *(["source"] if "source" in mentions.columns else []), "sentence"]
    pairs = mentions[[*keys, "actor"]].drop_duplicates()
    per_sentence = pairs.groupby(keys).size()
    return {
        "n_actors": int(pairs["actor"].nunique()),
        "n_sentences": len(per_sentence),
        "n_pairs": len(pairs),
        "n_multi": int((per_sentence > 1).sum()),
        "n_cells": len(tone),
        "n_enough": int((~tone["too_few"].astype(bool)).sum()),
    }


def actor_tone_wide(tone: pd.DataFrame, *, column: str, top: int = 10) -> pd.DataFrame:
    """The most-mentioned actors of an :func:`actor_tone` table, one row each, one column per group.

    Actors are ranked by their sentences summed over the groups (most first)
    and the first ``top`` kept. Returns columns ``actor``, ``sentences`` (that
    sum) and one column per value of ``column`` (sorted), holding the ``cell``
    text of :func:`actor_tone`, or NaN where the actor is not named in that group.
    An empty ``tone`` gives an empty table with columns ``actor`` and ``sentences``.

    Example
    -------
    >>> t = pd.DataFrame({"actor": ["china", "iran", "iran"], "crisis": ["k", "j", "k"],
    ...                   "n_sentences": [1, 3, 4], "cell": ["too few (n=1)", "+0.10 (n=3)", "-0.20 (n=4)"]})
    >>> actor_tone_wide(t, column="crisis").to_dict("list")
    {'actor': ['iran', 'china'], 'sentences': [7, 1], 'j': ['+0.10 (n=3)', nan], 'k': ['-0.20 (n=4)', 'too few (n=1)']}
    """
    require_columns(tone, ["actor", column, "n_sentences", "cell"], "actor_tone_wide()", "tone")
    if tone.empty:
        return pd.DataFrame({"actor": pd.Series(dtype=object), "sentences": pd.Series(dtype="int64")})
    totals = tone.groupby("actor")["n_sentences"].sum().sort_values(ascending=False)
    keep = totals.index[:top]
    wide = tone[tone["actor"].isin(keep)].pivot(index="actor", columns=column, values="cell")
    wide = wide.reindex(keep)
    wide.insert(0, "sentences", totals.reindex(keep).astype(int))
    wide.columns.name = None
    return wide.rename_axis("actor").reset_index()
