"""HTML tables for the chapters: every cell escaped, links only to http(s), and the display forms of the comparison tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.formatting import SCORE, format_column, format_count, format_share, interval, signed

if TYPE_CHECKING:
    from IPython.display import HTML

#: What a table cell shows for a number that does not exist (no such sentence, no second reader).
MISSING = "—"


def signed_or_missing(value) -> str:
    return MISSING if value is None or pd.isna(value) else signed(value)


#: Rows a table shows on a page at most (:func:`inline_rows`).
MAX_ROWS = 25


def inline_rows(table: pd.DataFrame, *, csv: str | None = None, max_rows: int = MAX_ROWS) -> tuple[pd.DataFrame, str]:
    """The one rule for every table on a page: at most ``max_rows`` rows inline.

    A table of ``max_rows`` rows or fewer is shown whole. A longer one shows its
    first ``max_rows`` rows (so sort it, most important first) and a note that
    says how many rows it has and, when ``csv`` names the chapter's CSV download
    holding every row, where they are.

    Returns ``(rows, note)``: the rows to show and the note (``""`` for a whole table).

    Example
    -------
    >>> rows, note = inline_rows(pd.DataFrame({"a": range(30)}), csv="x.csv")
    >>> len(rows), note
    (25, 'The first 25 of 30 rows; all 30 are in the download x.csv.')
    >>> inline_rows(pd.DataFrame({"a": range(3)}))[1]
    ''
    """
    if max_rows < 1:
        raise ValueError("inline_rows: max_rows must be at least 1")
    n = len(table)
    if n <= max_rows:
        return table, ""
    where = f"; all {format_count(n)} are in the download {csv}." if csv else "."
    return table.head(max_rows), f"The first {format_count(max_rows)} of {format_count(n)} rows{where}"


def _spans(values: list[str]) -> list[int]:
    """Row spans for a column whose repeated neighbours are merged: the run length on its first row, 0 below it."""
    spans = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            spans[start] = i - start
            start = i
    return spans


def html_table(
    table: pd.DataFrame,
    *,
    links: dict[str, str] | None = None,
    caption: str | None = None,
    csv: str | None = None,
    group: str | None = None,
    max_rows: int = MAX_ROWS,
) -> HTML:
    """Render a DataFrame as an HTML table with every cell HTML-escaped.

    ``links`` maps a display column to the column holding its URL; that cell
    becomes a link (the URL is escaped too, and only ``http(s)`` URLs are
    linked). The URL columns themselves are not shown. Article text can hold
    anything, including ``<script>``: it always appears as text.

    Numbers are formatted per column (:func:`analysis.formatting.format_column`):
    counts as integers, other numbers with two decimals. A long table shows
    only its first rows, by :func:`inline_rows` (``csv``, ``max_rows``). With
    ``group``, that column's repeated neighbours are one cell spanning their
    rows, so a group's name appears once.

    Returns an ``IPython.display.HTML`` object.

    Example
    -------
    >>> out = html_table(pd.DataFrame({"title": ["<b>x</b>"], "url": ["https://a.example/?q=1&r=2"]}),
    ...                  links={"title": "url"})
    >>> "&lt;b&gt;x&lt;/b&gt;" in out.data and 'href="https://a.example/?q=1&amp;r=2"' in out.data
    True
    >>> out = html_table(pd.DataFrame({"g": ["A", "A", "B"], "n": [1.0, 2.0, 3.0]}), group="g")
    >>> out.data.count('rowspan="2"'), out.data.count("<td>A</td>"), "<td>2</td>" in out.data
    (1, 0, True)
    """
    from html import escape

    from IPython.display import HTML

    links = links or {}
    table, note = inline_rows(table, csv=csv, max_rows=max_rows)
    shown = [c for c in table.columns if c not in set(links.values())]
    if group is not None and group not in shown:
        raise ValueError(f"html_table: group column {group!r} is not a shown column")
    head = "".join(f"<th>{escape(str(c))}</th>" for c in shown)
    # one format per column (analysis.formatting.format_column): counts as integers, others two decimals
    texts = {col: format_column(table[col].tolist()) for col in shown}
    spans = _spans(texts[group]) if group is not None else None
    rows = []
    for i, record in enumerate(table.to_dict("records")):
        cells = []
        for col in shown:
            if col == group and spans[i] == 0:
                continue
            cell = escape(texts[col][i])
            url = str(record.get(links[col], "") or "") if col in links else ""
            if url.startswith(("http://", "https://")):
                cell = f'<a href="{escape(url, quote=True)}">{cell}</a>'
            span = f' rowspan="{spans[i]}"' if col == group and spans[i] > 1 else ""
            cells.append(f"<td{span}>{cell}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    text = " ".join(t for t in (caption, note) if t)
    cap = f"<caption>{escape(text)}</caption>" if text else ""
    return HTML(f'<table class="table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def summary_display(summary: pd.DataFrame, *, labels: dict | None = None) -> pd.DataFrame:
    """The summary table as shown in the book: one readable row per article.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"], "outlet": ["X"], "crisis": ["k"], "published": ["2024-01-17"],
    ...     "top_actors": ["Iran (3)"], "dominant_frame_label": ["Conflict"], "dominant_frame_hits": [2],
    ...     "frames_tied": [0], "balance": [0.5], "esc": [3], "deesc": [1], "no_hits": [False],
    ...     "vader_mean": [-0.2], "vader_lo": [-0.3], "vader_hi": [-0.1], "tb_mean": [0.0], "tb_lo": [-0.1],
    ...     "tb_hi": [0.1], "n_sentences": [9]})
    >>> summary_display(s).iloc[0]["escalation balance (esc/de-esc)"]
    '+0.50 (3/1)'
    """
    labels = labels or {}
    when = (
        summary["published"] if "published" in summary.columns else summary.get("date", pd.Series([""] * len(summary)))
    )

    def frame(r):
        if not r["dominant_frame_hits"]:
            return "none"
        tie = f", tied with {r['frames_tied']}" if r["frames_tied"] else ""
        return f"{r['dominant_frame_label']} ({r['dominant_frame_hits']}{tie})"

    def ci(m, lo, hi):
        return interval(m, lo, hi, fmt=SCORE, missing=MISSING)

    return pd.DataFrame(
        {
            "article": summary["id"],
            "outlet": summary.get("outlet", ""),
            "crisis": summary["crisis"].map(lambda k: labels.get(k, k)) if "crisis" in summary.columns else "",
            "date": when.astype(str),
            "top three actors (mentions)": summary["top_actors"],
            "dominant frame (hits)": [frame(r) for _, r in summary.iterrows()],
            "escalation balance (esc/de-esc)": [
                "no hits" if r["no_hits"] else f"{signed(r['balance'])} ({r['esc']}/{r['deesc']})"
                for _, r in summary.iterrows()
            ],
            "VADER mean [95% CI]": [
                ci(m, lo, hi) for m, lo, hi in zip(summary["vader_mean"], summary["vader_lo"], summary["vader_hi"])
            ],
            "TextBlob mean [95% CI]": [
                ci(m, lo, hi) for m, lo, hi in zip(summary["tb_mean"], summary["tb_lo"], summary["tb_hi"])
            ],
            "sentences": summary["n_sentences"],
        }
    )


def profile_display(profile: pd.DataFrame, *, group: str = "group", labels: dict | None = None) -> pd.DataFrame:
    """A :func:`~analysis.compare.group_profile` as shown in the book: one readable row per group.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["k"], "n_articles": [2], "n_words": [900], "top_actors": ["Iran (3)"],
    ...     "dominant_frame_label": ["Conflict"], "dominant_frame_hits": [2], "frames_tied": [0], "balance": [0.5],
    ...     "esc": [3], "deesc": [1], "no_hits": [False], "vader_mean": [-0.2], "vader_lo": [-0.3],
    ...     "vader_hi": [-0.1], "tb_mean": [0.0], "tb_lo": [-0.1], "tb_hi": [0.1], "n_sentences": [9]})
    >>> row = profile_display(p, group="crisis", labels={"k": "Crisis K"}).iloc[0]
    >>> row["crisis"], int(row["articles"]), row["escalation balance (esc/de-esc)"]
    ('Crisis K', 2, '+0.50 (3/1)')
    """
    labels = labels or {}
    shown = summary_display(profile.rename(columns={"group": "id"}))
    shown = shown.drop(columns=["article", "outlet", "crisis", "date"])
    shown.insert(0, group, [labels.get(g, g) for g in profile["group"]])
    shown.insert(1, "articles", profile["n_articles"].to_numpy())
    shown.insert(2, "body words", profile["n_words"].to_numpy())
    return shown


def country_display(profile: pd.DataFrame, *, group: str = "crisis", labels: dict | None = None) -> pd.DataFrame:
    """A :func:`~analysis.compare.country_profile` as shown in the book.

    Example
    -------
    >>> p = pd.DataFrame({"group": ["k"], "articles": [1], "mentions": [4], "share": [0.07], "state_rank": [4],
    ...     "quoted_share": [0.5], "first_in": [1], "n_sentences": [3], "vader_mean": [float("nan")],
    ...     "tb_mean": [0.1], "esc": [2], "deesc": [2], "balance": [0.0]})
    >>> country_display(p).iloc[0][["share of mentions", "VADER mean"]].tolist()
    ['7%', '—']
    """
    labels = labels or {}
    return pd.DataFrame(
        {
            group: [labels.get(g, g) for g in profile["group"]],
            "articles": profile["articles"],
            "mentions": profile["mentions"],
            "share of mentions": profile["share"].map(format_share),
            "rank among countries": profile["state_rank"],
            "in quotations": profile["quoted_share"].map(format_share),
            "articles naming it first": profile["first_in"],
            "sentences naming it": profile["n_sentences"],
            "VADER mean": profile["vader_mean"].map(signed_or_missing),
            "TextBlob mean": profile["tb_mean"].map(signed_or_missing),
            "escalation / de-escalation hits": [f"{e} / {d}" for e, d in zip(profile["esc"], profile["deesc"])],
            "balance": profile["balance"].map(signed_or_missing),
        }
    )


def verdicts_download(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every contrast of a chapter in one table, for a CSV download: a ``grouping`` column, then the contrasts.

    ``tables`` maps a grouping name (``crisis``, ``outlet``...) to a table of
    :func:`analysis.contrasts.group_contrasts` or
    :func:`analysis.contrasts.share_contrasts`; columns missing from one table
    are left empty.

    Example
    -------
    >>> t = pd.DataFrame({"measure": ["m"], "a": ["A"], "b": ["B"], "direction": [0]})
    >>> verdicts_download({"crisis": t}).columns.tolist()
    ['grouping', 'measure', 'a', 'b', 'direction']
    """
    parts = [t.assign(grouping=name) for name, t in tables.items() if len(t)]
    if not parts:
        return pd.DataFrame(columns=["grouping"])
    out = pd.concat(parts, ignore_index=True)
    return out[["grouping", *[c for c in out.columns if c != "grouping"]]]


def html_table_if_rows(table: pd.DataFrame | None, *, caption: str, **options) -> HTML | None:
    """:func:`html_table` of ``table`` (``options`` passed on), or nothing (``None``, so the cell shows no output) when it has no rows.

    A page never shows a table of headers only.

    Example
    -------
    >>> html_table_if_rows(pd.DataFrame(columns=["a"]), caption="x") is None
    True
    """
    if table is None or table.empty:
        return None
    return html_table(table, caption=caption, **options)
