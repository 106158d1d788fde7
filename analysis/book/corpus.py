"""Display tables of the corpus chapter."""

from __future__ import annotations

import pandas as pd


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
