"""Figures of the framing measure: distinctive-term dot charts, frame heat maps, the escalation balance."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.figures.corpus import note_figure
from analysis.figures.limits import MAX_ROWS, article_groups, group_keys, group_label, group_text, note_cap
from analysis.figures.theme import figure_width


def keyness_figure(table: pd.DataFrame, *, top: int = 8, colors: dict | None = None, ncols: int = 2):
    """Dot chart of the most over-used terms per group: z with counts, one panel per group.

    ``table`` comes from :func:`~analysis.framing.keyness.keyness`. Each dot is a term's z; the label
    beside it gives the term's count in the group and how many of the group's
    articles use it. The band ``|z| < 1.96`` is shaded (not distinguishable from
    chance at the 5% level). ``colors`` maps group to colour.

    Returns the matplotlib Figure.

    Example
    -------
    >>> from analysis.framing import keyness
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> fig = keyness_figure(keyness(corpus, by="outlet", min_count=1), top=2)
    >>> len(fig.axes)
    3
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    groups = list(pd.unique(table["group"]))
    if not groups:
        return note_figure("No term reaches the minimum count: there is nothing to rank.")
    ncols = max(1, min(ncols, len(groups)))
    nrows = math.ceil(len(groups) / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(figure_width(3.6 * ncols), (0.3 * top + 1.3) * nrows), squeeze=False
    )
    zmax = max(2.5, float(table["z"].max()) * 1.45 if len(table) else 2.5)
    for ax in axes.flat[len(groups) :]:
        fig.delaxes(ax)
    for ax, g in zip(axes.flat, groups):
        part = table[(table["group"] == g) & (table["z"] > 0)].head(top).iloc[::-1]
        colour = (colors or {}).get(g, "#0072B2")
        ax.axvspan(0, 1.96, color="#DDDDDD", alpha=0.6, lw=0)
        ys = np.arange(len(part))
        ax.hlines(ys, 0, part["z"], color=colour, lw=1.2)
        ax.plot(part["z"], ys, "o", color=colour, markeredgecolor="black", markeredgewidth=0.5)
        for y, r in zip(ys, part.itertuples(index=False)):
            docs = f"{r.n_docs}/{r.n_docs_group} art."
            ax.annotate(
                f"{r.count} ({docs})", (r.z, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7
            )
        ax.set_yticks(ys)
        ax.set_yticklabels(part["term"], fontsize=8)
        ax.set_xlim(0, zmax)
        ax.set_ylim(-0.7, max(top, 1) - 0.3)
        ax.set_title(str(g), loc="left", fontsize=9)
        ax.set_xlabel("z", fontsize=8)
        if part.empty:
            ax.text(0.5, 0.5, "no over-used term", transform=ax.transAxes, ha="center", fontsize=8)
    fig.tight_layout()
    return fig


def frame_profile_figure(scores: pd.DataFrame, frames: pd.DataFrame):
    """Heat map of frame hits per 1,000 words (hit counts in brackets), groups by frames.

    ``scores`` comes from :func:`~analysis.framing.frames.frame_scores` with ``by`` set. Returns the Figure.

    Example
    -------
    >>> from analysis.framing import frame_scores, load_frames
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Missiles.", "Talks."]})
    >>> fig = frame_profile_figure(frame_scores(corpus, by="outlet"), load_frames())
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    table = frames
    labels = dict(zip(table["key"], table["label"]))
    order = [k for k in table["key"] if k in set(scores["frame"])]
    rate = scores.pivot(index="group", columns="frame", values="per_1000").reindex(columns=order)
    hits = scores.pivot(index="group", columns="frame", values="hits").reindex(columns=order)
    annot = rate.round(1).astype(str) + "\n(" + hits.astype(int).astype(str) + ")"
    fig, ax = plt.subplots(figsize=(figure_width(1.0 * len(order) + 2.6), 0.6 * len(rate) + 2.2))
    sns.heatmap(
        rate,
        annot=annot.to_numpy(),
        fmt="",
        cmap="Blues",
        cbar_kws={"label": "hits per 1,000 words"},
        linewidths=0.5,
        linecolor="white",
        annot_kws={"fontsize": 7},
        ax=ax,
    )
    ax.set_xticklabels([labels.get(k, k) for k in order], rotation=35, ha="right", fontsize=8)
    ax.set_yticklabels([str(g) for g in rate.index], rotation=0, fontsize=8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.tight_layout()
    return fig


def _pooled_balance(balance: pd.DataFrame, keys: list[str], *, top: int) -> pd.DataFrame:
    """Per group of ``keys``: articles ``n``, summed ``esc`` and ``deesc``, and the pooled balance (``no_hits`` when none)."""
    groups = article_groups(balance, keys, top=top)
    sums = balance.groupby(keys, sort=False)[["esc", "deesc"]].sum().reset_index()
    out = groups.merge(sums, on=keys, how="left", sort=False)
    both = out["esc"] + out["deesc"]
    out["no_hits"] = both == 0
    out["balance"] = ((out["esc"] - out["deesc"]) / both.where(both > 0)).fillna(0.0)
    out.attrs["groups"] = groups.attrs["groups"]
    return out


def balance_figure(balance: pd.DataFrame, *, colors: dict | None = None, max_rows: int = MAX_ROWS):
    """Escalation balance per article, in date order (top = earliest), with its counts; per group past ``max_rows``.

    ``balance`` comes from :func:`~analysis.framing.frames.escalation_balance`; ``colors`` maps outlet
    to colour. An article with no hit of either index shows "no hits" and no bar.
    With more than ``max_rows`` articles and an ``outlet`` (or ``crisis``)
    column, one bar per outlet × crisis group instead: the pooled balance
    (Σesc − Σde-esc)/(Σesc + Σde-esc) of its articles, with its summed counts
    and article count, for the ``max_rows`` groups with the most articles; the
    figure says so at its top.

    Example
    -------
    >>> from analysis.framing import escalation_balance
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Missiles. Talks.", "Nothing."]})
    >>> fig = balance_figure(escalation_balance(corpus))
    >>> plt.close(fig)
    >>> b = pd.DataFrame({"id": list("abc"), "outlet": ["X", "X", "Y"], "esc": [3, 0, 0], "deesc": [1, 0, 0],
    ...                   "balance": [0.5, 0.0, 0.0], "no_hits": [False, True, True]})
    >>> fig = balance_figure(b, max_rows=2)
    >>> [float(p.get_width()) for p in fig.axes[0].patches], [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ([0.5], ['X (2 articles)', 'Y (1 article)'])
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    keys = group_keys(balance)
    grouped = len(balance) > max_rows and bool(keys)
    if grouped:
        rows = _pooled_balance(balance, keys, top=max_rows)
        names = dict(zip(balance["crisis"], balance["crisis_label"])) if "crisis_label" in balance.columns else {}
        ticks = [
            f"{group_label([r[k] for k in keys], names)} ({r['n']:,} article{'s' if r['n'] != 1 else ''})"
            for r in rows.to_dict("records")
        ]
    else:
        rows = balance
        when = balance["published"] if "published" in balance.columns else balance.get("date", balance["id"])
        who = balance["outlet"] if "outlet" in balance.columns else balance["id"]
        which = balance["crisis"].astype(str) if "crisis" in balance.columns else pd.Series([""] * len(balance))
        ticks = [f"{w} · {o}" + (f"\n{c}" if c else "") for w, o, c in zip(when.astype(str), who, which)]
    fig, ax = plt.subplots(figsize=(7.5, (0.4 if grouped else 0.6) * len(rows) + 1.4))
    ys = np.arange(len(rows))
    for y, r in zip(ys, rows.to_dict("records")):
        colour = (colors or {}).get(r.get("outlet"), "#0072B2")
        note = f"esc {r['esc']} / de-esc {r['deesc']}"
        if r["no_hits"]:
            ax.annotate("no hits", (0, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7)
            continue
        ax.barh(y, r["balance"], color=colour, edgecolor="black", lw=0.4, height=0.6)
        ax.annotate(note, (1.02, y), xycoords=("axes fraction", "data"), va="center", fontsize=7)
    ax.set_yticks(ys)
    ax.set_yticklabels(ticks, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(
        "← de-escalation words      balance (esc − de-esc)/(esc + de-esc)      escalation words →", fontsize=8
    )
    if grouped:
        note_cap(fig, group_text(articles=len(balance), groups=rows.attrs["groups"], keys=keys, top=max_rows))
    fig.tight_layout()
    return fig
