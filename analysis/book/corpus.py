"""Display tables of the corpus chapter."""

from __future__ import annotations

import pandas as pd

from analysis.formatting import format_share


def outlet_table(corpus: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: its kind and description (from ``outlets.csv``), articles and genres.

    Outlets that ``outlets`` does not describe get kind ``not described`` and
    an empty description.

    Returns
    -------
    DataFrame with ``outlet``, ``kind``, ``articles``, ``genres`` (sorted,
    comma-separated) and ``description``, in outlet order.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "X"], "genre": ["news", "analysis"]})
    >>> outlet_table(corpus, pd.DataFrame(columns=["outlet", "kind", "description"])).values.tolist()
    [['X', 'not described', 2, 'analysis, news', '']]
    """
    genres = corpus.groupby("outlet")["genre"].agg(lambda g: ", ".join(sorted(set(g))))
    table = corpus.groupby("outlet", as_index=False).agg(articles=("id", "size"))
    table["genres"] = table["outlet"].map(genres)
    table = table.merge(outlets, on="outlet", how="left").fillna({"kind": "not described", "description": ""})
    return table[["outlet", "kind", "articles", "genres", "description"]]


def cleaning_transfer_display(table: pd.DataFrame | None) -> pd.DataFrame | None:
    """The transfer-set table of the cleaning rules for display: readable headers, shares to one decimal.

    ``table`` from :func:`analysis.evidence.transfer.cleaning_transfer_table`, or ``None`` (then ``None``).

    Example
    -------
    >>> t = pd.DataFrame({"split": ["all"], "pages": [40], "outlets": [25], "furniture_lines": [400],
    ...                   "furniture_removed": [0.946], "body_lines": [900], "body_kept": [0.998]})
    >>> cleaning_transfer_display(t).iloc[0].map(str).tolist()
    ['all', '40', '25', '400', '94.6%', '900', '99.8%']
    """
    if table is None:
        return None
    shown = table.assign(
        furniture_removed=table["furniture_removed"].map(lambda v: format_share(v, digits=1)),
        body_kept=table["body_kept"].map(lambda v: format_share(v, digits=1)),
    )
    return shown.rename(
        columns={
            "split": "half of the transfer set",
            "furniture_lines": "furniture lines",
            "furniture_removed": "furniture removed",
            "body_lines": "text lines",
            "body_kept": "text kept",
        }
    )
