"""Figures of the sentiment measure: document tone with intervals, sentiment arcs, confusion matrices."""

from __future__ import annotations

import pandas as pd

from analysis.figures.limits import MAX_PANELS, MAX_ROWS, cap_text, note_cap
from analysis.figures.theme import MAX_WIDTH
from analysis.vocabulary import TONE_MEASURES


def document_tone_figure(
    docs: pd.DataFrame, labels: dict, colors: dict, *, max_rows: int = MAX_ROWS, order: str = "in corpus order"
):
    """Dot-and-interval chart of document tone, one panel per measure; the first ``max_rows`` documents.

    ``docs`` from :func:`~analysis.sentiment.documents.score_documents` (by ``id``); ``labels`` maps id to
    the text shown on the axis; ``colors`` maps id to a colour. With more than
    ``max_rows`` documents, the first ``max_rows`` (in the order of ``docs``,
    which ``order`` names) are drawn and the figure says so at its top.

    Example
    -------
    >>> d = pd.DataFrame({"id": ["a", "a"], "measure": ["vader_compound", "tb_polarity"], "mean": [0.1, 0.0],
    ...                   "mean_lo": [-0.1, -0.1], "mean_hi": [0.3, 0.1]})
    >>> fig = document_tone_figure(d, {"a": "A"}, {"a": "#000000"})
    >>> len(fig.axes)
    2
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    >>> two = pd.concat([d, d.assign(id="b")])
    >>> fig = document_tone_figure(two, {}, {"a": "#000000", "b": "#000000"}, max_rows=1)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], fig.texts[0].get_text()
    (['a'], 'The first 1 of 2 articles, in corpus order.')
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    measures = [m for m in TONE_MEASURES if m in set(docs["measure"])]
    ids = list(dict.fromkeys(docs["id"]))
    total = len(ids)
    ids = ids[:max_rows]
    fig, axes = plt.subplots(1, len(measures), figsize=(MAX_WIDTH, 0.5 * len(ids) + 1.4), sharey=True, squeeze=False)
    for ax, measure in zip(axes[0], measures):
        part = docs[docs["measure"] == measure].set_index("id").reindex(ids)
        for y, aid in enumerate(ids):
            row = part.loc[aid]
            ax.plot([row["mean_lo"], row["mean_hi"]], [y, y], color=colors[aid], lw=2.5, alpha=0.7)
            ax.plot(row["mean"], y, "o", color=colors[aid], markeredgecolor="black", markeredgewidth=0.5, ms=7)
        ax.axvline(0, color="black", lw=0.7)
        ax.set_title(TONE_MEASURES[measure])
        ax.set_xlim(-1, 1)
        ax.set_yticks(range(len(ids)), [labels.get(i, i) for i in ids])
        ax.set_xlabel("mean sentence score (95% CI)")
    axes[0][0].invert_yaxis()
    if total > max_rows:
        note_cap(fig, cap_text(shown=max_rows, total=total, how=order))
    fig.tight_layout()
    return fig


def arcs_figure(
    arcs: pd.DataFrame,
    labels: dict,
    colors: dict,
    *,
    ncols: int = 3,
    max_panels: int = MAX_PANELS,
    order: str = "in corpus order",
):
    """Small multiples of :func:`~analysis.sentiment.documents.sentiment_arcs`: sentence scores (dots) and rolling mean (line).

    One panel per article, for the first ``max_panels`` articles of ``arcs``
    (in its order, which ``order`` names); with more, the figure says so at its
    top.

    Example
    -------
    >>> a = pd.DataFrame({"id": ["a", "a"], "position": [0.2, 0.8], "value": [0.5, -0.5], "smoothed": [0.0, 0.0]})
    >>> fig = arcs_figure(a, {"a": "A"}, {"a": "#000000"})
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    >>> fig = arcs_figure(pd.concat([a, a.assign(id="b")]), {}, {"a": "#000000", "b": "#000000"}, max_panels=1)
    >>> [ax.get_title() for ax in fig.axes if ax.get_visible()], fig.texts[0].get_text()
    (['a'], 'The first 1 of 2 articles, in corpus order.')
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    ids = list(dict.fromkeys(arcs["id"]))
    total = len(ids)
    ids = ids[:max_panels]
    ncols = max(1, min(ncols, len(ids)))
    nrows = max(1, -(-len(ids) // ncols))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(3.0 * ncols + 0.6, 2.3 * nrows + 0.4), sharex=True, sharey=True, squeeze=False
    )
    for ax in axes.flat[len(ids) :]:
        ax.set_visible(False)
    for ax, aid in zip(axes.flat, ids):
        part = arcs[arcs["id"] == aid]
        ax.axhline(0, color="black", lw=0.6)
        ax.scatter(part["position"], part["value"], s=14, color=colors[aid], alpha=0.6, edgecolor="none")
        ax.plot(part["position"], part["smoothed"], color=colors[aid], lw=2)
        ax.set_title(labels.get(aid, aid), fontsize=9)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlim(0, 1)
    for ax in axes[-1]:
        ax.set_xlabel("position in article")
    for ax in axes[:, 0]:
        ax.set_ylabel("VADER compound")
    if total > max_panels:
        note_cap(fig, cap_text(shown=max_panels, total=total, how=order))
    fig.tight_layout()
    return fig


def confusion_figure(matrices: dict):
    """Heatmaps of confusion matrices side by side (``{title: DataFrame}`` from :func:`~analysis.evidence.sentiment.confusion_matrix`).

    Example
    -------
    >>> from analysis.evidence import confusion_matrix
    >>> fig = confusion_figure({"X": confusion_matrix(["positive"], ["neutral"])})
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    fig, axes = plt.subplots(1, len(matrices), figsize=(3.6 * len(matrices) + 0.4, 3.3), squeeze=False)
    for ax, (title, cm) in zip(axes[0], matrices.items()):
        sns.heatmap(cm, annot=True, fmt="d", cmap="Blues", cbar=False, ax=ax, linewidths=0.5, linecolor="white")
        ax.set_title(title)
        ax.set_xlabel("predicted (±0.05)")
        ax.set_ylabel("hand label")
    fig.tight_layout()
    return fig
