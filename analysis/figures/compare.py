"""The comparison dashboard: the three measures per article on one figure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.figures.limits import MAX_ROWS, note_cap
from analysis.figures.theme import MAX_WIDTH, MIN_FONT


def dashboard_figure(
    summary: pd.DataFrame,
    top_actors: pd.DataFrame,
    *,
    colors: dict | None = None,
    labels: dict | None = None,
    max_rows: int = MAX_ROWS,
):
    """Small multiples: one row per article, one panel per measure; at most ``max_rows`` articles.

    Panels, left to right: the share of the article's actor mentions taken by
    its top actors (stacked, labelled); the escalation balance (with its
    counts); the mean VADER compound and the mean TextBlob polarity with their
    95% intervals. Articles are grouped by crisis (a rule between crises) and
    coloured by outlet (``colors``: outlet → hex).

    ``summary`` from :func:`~analysis.compare.article_summary`; ``top_actors`` from
    :func:`~analysis.compare.article_actors`. With more than ``max_rows``
    articles, each crisis keeps its first ``max_rows`` ÷ (number of crises)
    articles, rounded up, in the order of ``summary``, and the figure says so at
    its top. Returns the Figure.

    Example
    -------
    >>> from analysis.compare import article_actors, article_summary
    >>> from analysis.pipeline import analyse
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a"], "outlet": ["X"], "crisis": ["k"], "quoted_text": [""],
    ...     "text": ["Iran fired missiles. Pakistan urged restraint."]})
    >>> analysed = analyse(corpus)
    >>> fig = dashboard_figure(article_summary(analysed, n_boot=20), article_actors(analysed))
    >>> len(fig.axes)
    4
    >>> plt.close(fig)
    >>> many = pd.concat([article_summary(analysed, n_boot=20)] * 3, ignore_index=True)
    >>> fig = dashboard_figure(many, article_actors(analysed), max_rows=2)
    >>> len(fig.axes[0].get_yticklabels()), fig.texts[0].get_text()
    (2, 'The first 2 articles of each crisis (3 articles in all), in the order given.')
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    colors = colors or {}
    labels = labels or {}
    data = summary.copy()
    if "crisis" in data.columns:
        first = {c: k for k, c in enumerate(pd.unique(data["crisis"]))}
        data = data.assign(_c=data["crisis"].map(first)).sort_values("_c", kind="mergesort").reset_index(drop=True)
    total = len(data)
    if total > max_rows:
        per = -(-max_rows // (data["crisis"].nunique() if "crisis" in data.columns else 1))
        data = (
            data.groupby("crisis", sort=False).head(per) if "crisis" in data.columns else data.head(per)
        ).reset_index(drop=True)
    n = len(data)
    fig, axes = plt.subplots(
        1, 4, figsize=(MAX_WIDTH, 0.62 * n + 1.8), sharey=True, gridspec_kw={"width_ratios": [1.6, 1, 1, 1]}
    )
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
                ax.text(left + r.share / 2, y, name, ha="center", va="center", fontsize=MIN_FONT)
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
        ax.text(
            0.05 if right else -0.05,
            y,
            f"{r['esc']}/{r['deesc']}",
            ha="left" if right else "right",
            va="center",
            fontsize=MIN_FONT,
        )
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
    if total > max_rows:
        which = "of each crisis " if "crisis" in data.columns else ""
        note_cap(fig, f"The first {per:,} articles {which}({total:,} articles in all), in the order given.")
    fig.tight_layout()
    return fig
