"""Figures of the corpus: the timeline, article lengths, what cleaning removed, the pipeline diagram, and a note figure."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib
import matplotlib.dates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from analysis.figures.limits import MAX_ROWS, article_groups, group_keys, group_label, group_text, note_cap
from analysis.figures.theme import MAX_WIDTH, MIN_FONT, OKABE_ITO, crisis_colors, outlet_colors


def _day_counts(ax, arts: pd.DataFrame, outlet_col: dict) -> None:
    """Articles per day below the axis, as bars stacked by outlet (downwards, scaled into the panel's lower half)."""
    days = arts.assign(day=pd.to_datetime(arts["date"]).dt.normalize())
    table = pd.crosstab(days["day"], days["outlet"])
    scale = 0.9 / max(int(table.sum(axis=1).max()), 1)
    bottom = pd.Series(0.0, index=table.index)
    for outlet in table.columns:
        height = table[outlet] * scale
        ax.bar(
            table.index,
            -height,
            bottom=-bottom - 0.05,
            width=0.8,
            color=outlet_col[outlet],
            label=outlet,
            edgecolor="black",
            lw=0.3,
        )
        bottom = bottom + height
    top = int(table.sum(axis=1).max())
    ax.set_title(f"bars: articles per day (most: {top:,})", loc="right", fontsize=MIN_FONT)


def timeline_figure(crises: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame, *, max_rows: int = MAX_ROWS):
    """Timeline figure: one panel per crisis with its window, events and article dates.

    ``crises`` as from :func:`analysis.corpus.load_crises`; ``events`` as from
    :func:`analysis.corpus.load_events` (may be empty); ``articles`` needs
    ``date``, ``crisis``, ``outlet`` and ``date_precision``. Each panel spans
    the crisis window, its events and its articles, with a few days' margin.
    Events are numbered 1..n in the order of ``events``, across panels. A
    crisis with more than ``max_rows`` articles shows them as articles per day,
    bars stacked by outlet, instead of one marker per article.

    Returns the matplotlib Figure.

    Example
    -------
    >>> from analysis.corpus import load_crises, load_events, load_metadata
    >>> fig = timeline_figure(load_crises(), load_events(), load_metadata())
    >>> len(fig.axes) == len(load_crises())
    True
    >>> plt.close(fig)
    >>> many = pd.concat([load_metadata()] * 10, ignore_index=True)
    >>> fig = timeline_figure(load_crises(), load_events(), many, max_rows=5)
    >>> sum(len(ax.patches) for ax in fig.axes) > 0, [l for ax in fig.axes for l in ax.lines if l.get_marker() == "s"]
    (True, [])
    >>> plt.close(fig)
    """
    keys = list(crises["key"])
    events = events.reset_index(drop=True)  # events are numbered 1..n in this order, across panels
    colours = crisis_colors(keys)
    outlet_col = outlet_colors(sorted(articles["outlet"].unique()))
    fig, axes = plt.subplots(len(keys), 1, figsize=(MAX_WIDTH, 1.9 * len(keys) + 0.6), squeeze=False)
    for ax, crisis in zip(axes[:, 0], crises.itertuples(index=False)):
        ev = events[events["crisis"] == crisis.key] if len(events) else events
        arts = articles[articles["crisis"] == crisis.key]
        dates = [crisis.start, crisis.end, *ev.get("date", []), *arts["date"]]
        lo, hi = min(dates) - pd.Timedelta(days=2), max(dates) + pd.Timedelta(days=2)
        ax.axvspan(
            crisis.start - pd.Timedelta(hours=12),
            crisis.end + pd.Timedelta(hours=12),
            color=colours[crisis.key],
            alpha=0.18,
            lw=0,
        )
        for number, e in zip(ev.index + 1, ev.itertuples(index=False)):
            ax.plot([e.date, e.date], [0, 0.55], color="#444444", lw=0.8)
            ax.plot(e.date, 0.55, "o", color="#444444", ms=3)
            ax.annotate(str(number), (e.date, 0.6), ha="center", va="bottom", fontsize=7)
        if len(arts) > max_rows:
            _day_counts(ax, arts, outlet_col)
        for j, a in enumerate([] if len(arts) > max_rows else arts.itertuples(index=False)):
            marker = "s" if a.date_precision == "day" else ">"
            ax.plot(
                a.date,
                -0.35 - 0.18 * (j % 3),
                marker,
                color=outlet_col[a.outlet],
                ms=8,
                markeredgecolor="black",
                markeredgewidth=0.5,
                label=a.outlet,
            )
        ax.set_xlim(lo, hi)
        ax.set_ylim(-1.0, 1.0)
        ax.set_yticks([])
        ax.set_title(crisis.label, loc="left")
        ax.axhline(0, color="black", lw=0.6)
        handles, labels = ax.get_legend_handles_labels()
        if handles:
            uniq = dict(zip(labels, handles))
            ax.legend(
                uniq.values(), uniq.keys(), loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7, frameon=False
            )
        for label in ax.get_xticklabels():
            label.set_rotation(0)
            label.set_fontsize(8)
        # at most six date labels a panel, so that they never run into each other
        ax.xaxis.set_major_locator(matplotlib.dates.AutoDateLocator(minticks=3, maxticks=6))
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
    fig.tight_layout()
    return fig


def length_figure(corpus: pd.DataFrame, *, max_rows: int = MAX_ROWS, labels: dict | None = None):
    """Horizontal bar chart of words per article, coloured by outlet; grouped past ``max_rows`` articles.

    ``corpus`` needs ``id``, ``outlet`` and ``n_words``. Up to ``max_rows``
    articles, one bar per article. With more, one box plot of words per
    article for each outlet × crisis group (``crisis`` when the corpus has it),
    the ``max_rows`` groups with the most articles, each labelled with its
    article count; the figure says so at its top. ``labels`` maps a crisis key
    to its label (default: the corpus's ``crisis_label``). Returns the Figure.

    Example
    -------
    >>> fig = length_figure(pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "n_words": [120, 300]}))
    >>> [round(p.get_width()) for p in fig.axes[0].patches]
    [120, 300]
    >>> plt.close(fig)
    >>> many = pd.DataFrame({"id": list("abcd"), "outlet": ["X", "X", "X", "Y"], "n_words": [1, 2, 3, 9]})
    >>> fig = length_figure(many, max_rows=3)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['X (3)', 'Y (1)']
    >>> plt.close(fig)
    """
    colours = outlet_colors(sorted(corpus["outlet"].unique()))
    keys = group_keys(corpus)
    if len(corpus) > max_rows and keys:
        if labels is None and "crisis_label" in corpus.columns:
            labels = dict(zip(corpus["crisis"], corpus["crisis_label"]))
        groups = article_groups(corpus, keys, top=max_rows)
        by_group = corpus.groupby(keys, sort=False)["n_words"]
        data = [by_group.get_group(tuple(g[k] for k in keys)).to_numpy() for _, g in groups.iterrows()]
        fig, ax = plt.subplots(figsize=(7, 0.32 * len(groups) + 1.5))
        box = ax.boxplot(data, orientation="horizontal", patch_artist=True, widths=0.6, flierprops={"markersize": 3})
        for patch, outlet in zip(box["boxes"], groups["outlet"]):
            patch.set_facecolor(colours[outlet])
            patch.set_edgecolor("black")
        ax.set_yticks(range(1, len(groups) + 1))
        ax.set_yticklabels(
            [f"{group_label([g[k] for k in keys], labels)} ({g['n']:,})" for _, g in groups.iterrows()], fontsize=8
        )
        ax.invert_yaxis()
        ax.set_xlabel("words in the cleaned body, per article")
        note_cap(fig, group_text(articles=len(corpus), groups=groups.attrs["groups"], keys=keys, top=max_rows))
        fig.tight_layout()
        return fig
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(corpus) + 1.2))
    ax.barh(corpus["id"], corpus["n_words"], color=[colours[o] for o in corpus["outlet"]], edgecolor="black", lw=0.4)
    ax.invert_yaxis()
    ax.set_xlabel("words in the cleaned body")
    ax.set_ylabel("")
    for y, n in enumerate(corpus["n_words"]):
        ax.annotate(f"{n:,}", (n, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    fig.tight_layout()
    return fig


def cleaning_figure(audit: pd.DataFrame, ids: Iterable[str], *, max_rows: int = MAX_ROWS):
    """Stacked bars of removed or separated lines per article and category; the top ``max_rows`` articles past that.

    ``audit`` as from :func:`analysis.clean.cleaning_audit`; ``ids`` gives the
    articles to show (articles with nothing removed show an empty bar). With
    more than ``max_rows`` articles, the ``max_rows`` articles with the most
    lines removed are drawn (ties in the order of ``ids``), and the figure says
    so at its top.

    Example
    -------
    >>> audit = pd.DataFrame({"id": ["a", "a"], "category": ["caption", "byline"]})
    >>> fig = cleaning_figure(audit, ["a", "b"])
    >>> plt.close(fig)
    >>> fig = cleaning_figure(audit, ["b", "a", "c"], max_rows=1)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], fig.texts[0].get_text()[:40]
    (['a'], 'The 1 of 3 articles with the most lines ')
    >>> plt.close(fig)
    """
    ids = list(ids)
    table = pd.crosstab(audit["id"], audit["category"]).reindex(ids, fill_value=0)
    capped = len(ids) > max_rows
    if capped:
        totals = table.sum(axis=1).to_numpy()
        order = sorted(range(len(ids)), key=lambda i: (-totals[i], i))[:max_rows]
        table = table.iloc[order]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(table) + 1.4))
    left = pd.Series(0, index=table.index)
    palette = sns.color_palette("colorblind", n_colors=max(len(table.columns), 1))
    for colour, category in zip(palette, sorted(table.columns)):
        ax.barh(table.index, table[category], left=left, color=colour, label=category, edgecolor="white", lw=0.4)
        left = left + table[category]
    ax.invert_yaxis()
    ax.set_xlabel("lines removed or separated")
    if len(table.columns):
        ax.legend(fontsize=7, ncol=3, loc="lower right")
    if capped:
        note_cap(fig, f"The {max_rows:,} of {len(ids):,} articles with the most lines removed or separated.")
    fig.tight_layout()
    return fig


#: The book's pipeline from the raw file to the page, as (stage, module, what it does) triples.
PIPELINE = [
    ("Raw articles", "corpus/articles", "UTF-8 files, never modified"),
    ("Load & validate", "analysis.corpus", "metadata, crises, dates, files"),
    ("Clean", "analysis.clean", "rules from boilerplate.yaml; audit"),
    ("Sentences & tokens", "analysis.text, punkt", "Punkt + abbreviations; stopwords"),
    ("Measures", "actors, framing, sentiment", "gazetteer; keyness; TextBlob, VADER"),
    ("Validate", "corpus/gold", "hand annotation: P/R, precision, F1"),
    ("Publish", "analysis.book + glue", "figures, tables, numbers in prose"),
]


def pipeline_figure(stages: list[tuple[str, str, str]] | None = None):
    """Draw the pipeline as a column of boxes joined by arrows (default :data:`PIPELINE`).

    Each stage is ``(name, module, detail)``. Returns the Figure.

    Example
    -------
    >>> fig = pipeline_figure([("A", "m.a", "first"), ("B", "m.b", "second")])
    >>> len(fig.axes[0].patches)
    2
    >>> plt.close(fig)
    """
    from matplotlib.patches import FancyBboxPatch

    stages = PIPELINE if stages is None else stages
    n = len(stages)
    fig, ax = plt.subplots(figsize=(7.5, 0.62 * n + 0.3))
    height, gap = 0.42, 0.2
    for i, (name, module, detail) in enumerate(stages):
        y = (n - 1 - i) * (height + gap)
        ax.add_patch(
            FancyBboxPatch(
                (0, y),
                10,
                height,
                boxstyle="round,pad=0.02,rounding_size=0.08",
                facecolor=OKABE_ITO[i % len(OKABE_ITO)],
                alpha=0.35,
                edgecolor="black",
                lw=0.6,
            )
        )
        ax.text(0.2, y + height / 2, name, ha="left", va="center", fontsize=9, weight="bold")
        ax.text(3.0, y + height / 2, module, ha="left", va="center", fontsize=8, family="monospace")
        ax.text(6.0, y + height / 2, detail, ha="left", va="center", fontsize=8)
        if i < n - 1:
            ax.annotate(
                "",
                xy=(1.0, y - gap + 0.01),
                xytext=(1.0, y - 0.01),
                annotation_clip=False,
                arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.2, "shrinkA": 0, "shrinkB": 0},
            )
    ax.set_xlim(-0.1, 10.1)
    ax.set_ylim(-0.1, n * (height + gap))
    ax.axis("off")
    fig.tight_layout()
    return fig


def note_figure(text: str):
    """A small figure that only says why a chart cannot be drawn for this corpus.

    Example
    -------
    >>> fig = note_figure("The corpus has one crisis: nothing to compare.")
    >>> fig.axes[0].texts[0].get_text()
    'The corpus has one crisis: nothing to compare.'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(6, 1.0))
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=9, wrap=True)
    ax.set_axis_off()
    return fig
