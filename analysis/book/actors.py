"""Display tables of the actors chapter."""

from __future__ import annotations

import pandas as pd

from analysis.formatting import DECIMAL, METRIC, format_number, format_share


def first_actors_table(
    prom: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict[str, str], top: int = 3
) -> pd.DataFrame:
    """The first ``top`` actors named in each article, for display.

    ``prom`` comes from :func:`analysis.actors.counts.prominence`; ``labels``
    maps actor ids to their labels (ids without a label are shown as they are).

    Returns
    -------
    DataFrame with ``article``, ``outlet``, ``order``, ``actor`` (label),
    ``first sentence no.``, ``first position (0-1)`` (text, two decimals) and ``mentions``.

    Example
    -------
    >>> prom = pd.DataFrame({"id": ["a", "a"], "actor": ["iran", "xx"], "first_rank": [1, 2],
    ...                      "first_sentence": [0, 2], "first_position": [0.0, 0.51234], "mentions": [3, 1]})
    >>> first_actors_table(prom, pd.DataFrame({"id": ["a"], "outlet": ["X"]}), labels={"iran": "Iran"}).values.tolist()
    [['a', 'X', 1, 'Iran', 0, '0.00', 3], ['a', 'X', 2, 'xx', 2, '0.51', 1]]
    """
    firsts = prom[prom["first_rank"] <= top].merge(corpus[["id", "outlet"]], on="id")
    firsts = firsts.assign(
        actor=[labels.get(a, a) for a in firsts["actor"]],
        first_position=[format_number(v, DECIMAL) for v in firsts["first_position"]],
    )
    columns = ["id", "outlet", "first_rank", "actor", "first_sentence", "first_position", "mentions"]
    return firsts[columns].rename(
        columns={
            "id": "article",
            "first_rank": "order",
            "first_sentence": "first sentence no.",
            "first_position": "first position (0-1)",
        }
    )


def quoted_table(by_crisis: pd.DataFrame, *, crisis_labels: dict[str, str], min_mentions: int) -> pd.DataFrame:
    """Mentions inside quotations per crisis, for actors mentioned at least ``min_mentions`` times there.

    ``by_crisis`` comes from :func:`analysis.actors.counts.actor_summary` with ``by="crisis"``.

    Returns
    -------
    DataFrame with ``crisis`` (label), ``actor`` (label), ``mentions``,
    ``in quotations`` and ``share in quotations`` (text, a whole percentage as in the prose).

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["k", "k"], "label": ["Iran", "China"], "mentions": [4, 1],
    ...                   "quoted_mentions": [1, 1], "quoted_share": [0.25, 1.0]})
    >>> quoted_table(s, crisis_labels={"k": "Crisis K"}, min_mentions=3).values.tolist()
    [['Crisis K', 'Iran', 4, 1, '25%']]
    """
    quoted = by_crisis[by_crisis["mentions"] >= min_mentions]
    quoted = quoted.assign(
        crisis=quoted["crisis"].map(crisis_labels), quoted_share=quoted["quoted_share"].map(format_share)
    )
    return quoted[["crisis", "label", "mentions", "quoted_mentions", "quoted_share"]].rename(
        columns={"label": "actor", "quoted_mentions": "in quotations", "quoted_share": "share in quotations"}
    )


def validation_display(table: pd.DataFrame | None) -> pd.DataFrame | None:
    """A table of :func:`analysis.evidence.actors.validate_mentions` for display: ``id`` shown as
    ``article``, scores as text with three decimals as in the prose (:data:`analysis.formatting.METRIC`);
    ``None`` stays ``None``.

    Example
    -------
    >>> validation_display(pd.DataFrame({"id": ["a"], "precision": [0.98765]})).values.tolist()
    [['a', '0.988']]
    """
    if table is None:
        return None
    scores = [c for c in ("precision", "recall", "f1") if c in table.columns]
    shown = table.assign(**{c: [format_number(v, METRIC, missing="") for v in table[c]] for c in scores})
    return shown.rename(columns={"id": "article"})
