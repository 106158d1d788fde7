"""Figures of the actors measure: the mention heat map, the dispersion plot and the co-occurrence network."""

from __future__ import annotations

import pandas as pd

from analysis.figures.corpus import note_figure
from analysis.figures.limits import cap_text, note_cap
from analysis.figures.theme import MAX_WIDTH, figure_width
from analysis.vocabulary import ACTOR_TYPES


def actor_heatmap_figure(
    counts: pd.DataFrame,
    *,
    columns: list[str],
    labels: dict[str, str] | None = None,
    top: int = 15,
    column_names: dict | None = None,
):
    """Heat map of actors (rows) by group (columns), coloured by rate, annotated with counts.

    ``counts`` from :func:`~analysis.actors.counts.mention_counts` with ``by=columns``; the ``top``
    actors by total mentions are shown, most mentioned first. Each cell reads
    "rate (count)". ``column_names`` maps a group tuple to its axis label.

    Example
    -------
    >>> c = pd.DataFrame({"outlet": ["X", "Y"], "actor": ["iran", "iran"], "mentions": [2, 0], "rate": [4.0, 0.0]})
    >>> fig = actor_heatmap_figure(c, columns=["outlet"])
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    if counts.empty or counts["mentions"].sum() == 0:
        return note_figure("No actor mentions to show.")
    labels = labels or {}
    column_names = column_names or {}
    totals = counts.groupby("actor")["mentions"].sum().sort_values(ascending=False, kind="stable")
    keep = [a for a in totals.index if totals[a] > 0][:top]
    sub = counts[counts["actor"].isin(keep)].copy()
    sub["_col"] = [tuple(r) for r in sub[columns].itertuples(index=False)]
    rate = sub.pivot_table(index="actor", columns="_col", values="rate", aggfunc="sum").reindex(keep)
    n = sub.pivot_table(index="actor", columns="_col", values="mentions", aggfunc="sum").reindex(keep)
    annot = rate.round(1).astype(str) + "\n(" + n.astype(int).astype(str) + ")"
    fig, ax = plt.subplots(figsize=(figure_width(1.3 * rate.shape[1] + 3.2), 0.42 * len(keep) + 1.6))
    sns.heatmap(
        rate,
        annot=annot.to_numpy(),
        fmt="",
        cmap="Blues",
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"label": "mentions per 1,000 words"},
        annot_kws={"fontsize": 7},
        ax=ax,
    )
    ax.set_yticklabels([labels.get(a, a) for a in rate.index], rotation=0)
    ax.set_xticklabels(
        [column_names.get(c, " / ".join(map(str, c))) for c in rate.columns],
        rotation=30,
        ha="right",
        rotation_mode="anchor",
        fontsize=8,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.tight_layout()
    return fig


def dispersion_figure(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    actors: list[str],
    labels: dict[str, str] | None = None,
    colors: dict[str, str] | None = None,
    max_articles: int = 20,
):
    """Lexical-dispersion ("x-ray") plot: one panel per article, one row per actor.

    Each mention is a tick at its ``position`` (0 = start, 1 = end of the
    article); mentions inside quotations are drawn as open circles. Ticks take
    the article's outlet colour from ``colors`` (outlet → hex). At most
    ``max_articles`` articles (corpus order); with more, the figure says so at
    its top. Only body mentions are drawn: embedded posts have no position in
    the body text.

    Example
    -------
    >>> from analysis.actors import find_mentions
    >>> corpus = pd.DataFrame({"id": ["a"], "outlet": ["X"], "text": ["Iran and Pakistan. “Iran!”"]})
    >>> fig = dispersion_figure(find_mentions(corpus), corpus, actors=["iran", "pakistan"])
    >>> len(fig.axes)
    1
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    if mentions.empty or not actors:
        return note_figure("No actor mentions to show.")
    labels = labels or {}
    colors = colors or {}
    docs = corpus.head(max_articles)
    fig, axes = plt.subplots(
        len(docs), 1, figsize=(7.5, (0.22 * len(actors) + 0.55) * len(docs) + 0.6), sharex=True, squeeze=False
    )
    for ax, doc in zip(axes[:, 0], docs.itertuples(index=False)):
        sub = mentions[
            (mentions["id"] == doc.id)
            & mentions["actor"].isin(actors)
            & (mentions["source"] == "body" if "source" in mentions.columns else True)
        ]
        colour = colors.get(getattr(doc, "outlet", ""), "#333333")
        for y, actor in enumerate(actors):
            rows = sub[sub["actor"] == actor]
            own, quoted = rows[~rows["in_quote"]], rows[rows["in_quote"]]
            ax.plot(own["position"], [y] * len(own), "|", color=colour, ms=9, mew=1.6)
            ax.plot(quoted["position"], [y] * len(quoted), "o", mfc="none", color=colour, ms=5, mew=1.2)
        ax.set_yticks(range(len(actors)))
        ax.set_yticklabels([labels.get(a, a) for a in actors], fontsize=7)
        ax.set_ylim(len(actors) - 0.5, -0.5)
        ax.set_xlim(-0.01, 1.01)
        ax.set_title(f"{doc.id}" + (f" ({doc.outlet})" if hasattr(doc, "outlet") else ""), loc="left", fontsize=8)
        ax.grid(axis="y", lw=0.3)
    axes[-1, 0].set_xlabel("position in the article (0 = first word, 1 = last)")
    if len(corpus) > max_articles:
        note_cap(fig, cap_text(shown=max_articles, total=len(corpus), how="in corpus order"))
    fig.tight_layout()
    return fig


def network_figure(
    pairs: pd.DataFrame, summary: pd.DataFrame, *, labels: dict[str, str] | None = None, top: int = 15, seed: int = 7
):
    """Co-occurrence network of the ``top`` most mentioned actors, drawn with networkx.

    ``pairs`` from :func:`~analysis.actors.counts.cooccurrence`; ``summary`` needs ``actor``,
    ``actor_type`` and ``mentions`` (node size). Edge width is the pair's
    weight; node colour its type (legend). The layout is a seeded spring
    layout, so the drawing is the same on every build.

    Example
    -------
    >>> pairs = pd.DataFrame({"actor_a": ["iran"], "actor_b": ["pakistan"], "weight": [3], "articles": [1]})
    >>> summ = pd.DataFrame({"actor": ["iran", "pakistan"], "actor_type": ["state", "state"], "mentions": [4, 3]})
    >>> fig = network_figure(pairs, summ)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from analysis.figures.theme import OKABE_ITO

    labels = labels or {}
    if pairs.empty:
        return note_figure("No two actors share a sentence.")
    totals = summary.groupby("actor")["mentions"].sum().sort_values(ascending=False, kind="stable")
    types = summary.drop_duplicates("actor").set_index("actor")["actor_type"].to_dict()
    keep = set(totals.index[:top])
    edges = pairs[pairs["actor_a"].isin(keep) & pairs["actor_b"].isin(keep)]
    if edges.empty:
        return note_figure("No two of the most mentioned actors share a sentence.")
    graph = nx.Graph()
    for r in edges.itertuples(index=False):
        graph.add_edge(r.actor_a, r.actor_b, weight=int(r.weight))
    nodes = sorted(graph.nodes)
    pos = nx.spring_layout(graph.subgraph(nodes), seed=seed, weight="weight", k=1.6 / max(len(nodes), 1) ** 0.5)
    type_colour = {t: OKABE_ITO[i % len(OKABE_ITO)] for i, t in enumerate(ACTOR_TYPES)}
    fig, ax = plt.subplots(figsize=(MAX_WIDTH, 6))
    max_w = max(d["weight"] for _, _, d in graph.edges(data=True))
    nx.draw_networkx_edges(
        graph,
        pos,
        ax=ax,
        width=[0.6 + 5 * d["weight"] / max_w for _, _, d in graph.edges(data=True)],
        edge_color="#888888",
        alpha=0.6,
    )
    max_n = max(float(totals.get(n, 1)) for n in nodes)
    sizes = {n: 120 + 1400 * float(totals.get(n, 1)) / max_n for n in nodes}
    nx.draw_networkx_nodes(
        graph,
        pos,
        nodelist=nodes,
        ax=ax,
        node_size=[sizes[n] for n in nodes],
        node_color=[type_colour.get(types.get(n), "#999999") for n in nodes],
        edgecolors="black",
        linewidths=0.5,
    )
    for n in nodes:
        x, y = pos[n]
        ax.annotate(
            labels.get(n, n),
            (x, y),
            xytext=(0, sizes[n] ** 0.5 / 2 + 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    used = [t for t in ACTOR_TYPES if t in {types.get(n) for n in nodes}]
    ax.legend(
        handles=[Line2D([], [], marker="o", ls="", color=type_colour[t], mec="black", label=t) for t in used],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.02),
        ncol=min(len(used), 4),
        fontsize=7,
        frameon=False,
    )
    ax.margins(0.18)
    ax.set_axis_off()
    fig.tight_layout()
    return fig
