"""Sentences about the corpus itself: its size and what it can support."""

from __future__ import annotations

import pandas as pd

from analysis.corpus import group_sizes
from analysis.formatting import format_share


def sample_size_note(corpus: pd.DataFrame, *, by: str = "crisis", labels: dict[str, str] | None = None) -> str:
    """One honest sentence about the smallest group's size, for the book's prose.

    Example
    -------
    >>> sample_size_note(pd.DataFrame({"crisis": ["a", "a", "b"], "n_words": [10, 20, 5]}))
    'The smallest crisis group, b, has a single article: a contrast with it compares one text with the rest, not two sets of coverage.'
    """
    sizes = group_sizes(corpus, by=by)
    smallest = sizes.iloc[0]
    name = (labels or {}).get(smallest["group"], smallest["group"])
    if len(sizes) == 1:
        return f"All articles belong to one {by} ({name}), so no {by} comparison is possible."
    if smallest["n_articles"] == 1:
        return (
            f"The smallest {by} group, {name}, has a single article: a contrast with it compares one text "
            "with the rest, not two sets of coverage."
        )
    return (
        f"The smallest {by} group, {name}, has {smallest['n_articles']} articles: too few for differences "
        "between groups to be more than descriptive."
    )


def describe_overview(overview: str, crises: pd.DataFrame, corpus: pd.DataFrame) -> str:
    """The opening paragraph: the corpus's own ``overview`` (``book.yaml``), else one built from ``crises.csv``.

    Only crises that have articles in the corpus are named. Nothing is said
    about a crisis that its row does not say.

    Example
    -------
    >>> crises = pd.DataFrame({"key": ["k"], "label": ["A flood"], "start": pd.to_datetime(["2023-05-01"]),
    ...                        "end": pd.to_datetime(["2023-05-03"]), "description": ["Rivers rose."]})
    >>> describe_overview("", crises, pd.DataFrame({"crisis": ["k", "k"], "outlet": ["X", "Y"]}))
    'This book compares how 2 outlets covered one crisis: A flood (1–3 May 2023; Rivers rose).'
    """
    if overview:
        return overview
    shown = crises[crises["key"].isin(set(corpus["crisis"]))]
    parts = []
    for r in shown.itertuples(index=False):
        when = _span(r.start, r.end)
        about = (
            f"; {r.description.strip().rstrip('.')}" if isinstance(r.description, str) and r.description.strip() else ""
        )
        parts.append(f"{r.label} ({when}{about})")
    n_out = corpus["outlet"].nunique()
    outlets = "one outlet" if n_out == 1 else f"{n_out} outlets"
    crises_text = "one crisis" if len(parts) == 1 else f"{len(parts)} crises"
    return f"This book compares how {outlets} covered {crises_text}: {'; '.join(parts)}."


def _span(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {end:%B %Y}" if start.day != end.day else f"{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def describe_cleaning_transfer(table: pd.DataFrame | None, *, goals: dict) -> str:
    """How the cleaning rules do on the transfer set (pages from other outlets), against their goals.

    ``table`` from :func:`analysis.evidence.transfer.cleaning_transfer_table`
    (one row per ``split``: ``all``, ``dev``, ``held-out``), or ``None`` when the
    project's transfer set is not there; ``goals`` maps ``"furniture removed"``
    and ``"body kept"`` to their goal shares.

    Example
    -------
    >>> t = pd.DataFrame({"split": ["all", "held-out"], "pages": [40, 20], "outlets": [25, 12],
    ...                   "furniture_lines": [400, 200], "furniture_removed": [0.946, 0.904],
    ...                   "body_lines": [900, 450], "body_kept": [0.998, 0.996]})
    >>> print(describe_cleaning_transfer(t, goals={"furniture removed": 0.95, "body kept": 0.995}).split(". ")[1])
    On that set, not on this corpus, they remove 94.6% of 400 furniture lines, short of the goal of 95.0%, and keep 99.8% of 900 lines of article text, meeting the goal of 99.5%
    >>> describe_cleaning_transfer(None, goals={}).startswith("The transfer set")
    True
    """
    if table is None or table.empty:
        return (
            "The transfer set (tests/transfer in the project's repository) is not in this copy of the project, "
            "so the rules' figures on pages from other outlets cannot be shown here."
        )
    rows = table.set_index("split")

    def against(value, goal, of: str) -> str:
        met = "meeting" if value >= goal else "short of"
        return f"{format_share(value, digits=1)} of {of}, {met} the goal of {format_share(goal, digits=1)}"

    whole = rows.loc["all"]
    removed = against(
        whole["furniture_removed"], goals["furniture removed"], f"{int(whole['furniture_lines']):,} furniture lines"
    )
    kept = against(whole["body_kept"], goals["body kept"], f"{int(whole['body_lines']):,} lines of article text")
    text = (
        f"The rules were also scored on the project's transfer set (tests/transfer): {int(whole['pages'])} pages "
        f"from {int(whole['outlets'])} outlets, each line labelled by reading. On that set, not on this corpus, "
        f"they remove {removed}, and keep {kept}."
    )
    if "held-out" in rows.index:
        held = rows.loc["held-out"]
        text += (
            " The set is split in two by outlet: the rules were first tuned on the errors of one half; on the other, "
            f"held out, they remove {format_share(held['furniture_removed'], digits=1)} of the furniture and keep "
            f"{format_share(held['body_kept'], digits=1)} of the text. Its pages had been read once before the split "
            "was made, and the latest rules were written from the errors of both halves, so the held-out figure "
            "flatters the rules."
        )
    return text
