"""Figures of the framing measure: distinctive-term dot charts, frame heat maps, the escalation balance."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.figures.corpus import note_figure
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


def balance_figure(balance: pd.DataFrame, *, colors: dict | None = None):
    """Escalation balance per article, in date order (top = earliest), with its counts.

    ``balance`` comes from :func:`~analysis.framing.frames.escalation_balance`; ``colors`` maps outlet
    to colour. An article with no hit of either index shows "no hits" and no bar.

    Example
    -------
    >>> from analysis.framing import escalation_balance
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Missiles. Talks.", "Nothing."]})
    >>> fig = balance_figure(escalation_balance(corpus))
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(balance) + 1.4))
    ys = np.arange(len(balance))
    for y, r in zip(ys, balance.to_dict("records")):
        colour = (colors or {}).get(r.get("outlet"), "#0072B2")
        note = f"esc {r['esc']} / de-esc {r['deesc']}"
        if r["no_hits"]:
            ax.annotate("no hits", (0, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7)
            continue
        ax.barh(y, r["balance"], color=colour, edgecolor="black", lw=0.4, height=0.6)
        ax.annotate(note, (1.02, y), xycoords=("axes fraction", "data"), va="center", fontsize=7)
    when = balance["published"] if "published" in balance.columns else balance.get("date", balance["id"])
    who = balance["outlet"] if "outlet" in balance.columns else balance["id"]
    which = balance["crisis"].astype(str) if "crisis" in balance.columns else pd.Series([""] * len(balance))
    ax.set_yticks(ys)
    ax.set_yticklabels(
        [f"{w} · {o}" + (f"\n{c}" if c else "") for w, o, c in zip(when.astype(str), who, which)], fontsize=8
    )
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(
        "← de-escalation words      balance (esc − de-esc)/(esc + de-esc)      escalation words →", fontsize=8
    )
    fig.tight_layout()
    return fig
