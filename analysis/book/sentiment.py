"""The tone chapter's display forms: article labels and colours, and its tables as shown (cells as text).

Each ``*_display`` function takes a table a measure or the evidence returned
and gives the table :func:`~analysis.book.tables.html_table` prints: readable
column names, one text cell per figure, — for a missing number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from matplotlib.figure import Figure

from analysis.book.tables import MISSING, signed_or_missing
from analysis.errors import require_columns
from analysis.evidence.sentiment import ReaderAgreement, ToneValidation
from analysis.figures import confusion_figure, note_figure, outlet_colors
from analysis.formatting import DECIMAL, format_number, format_share, interval

#: The columns of :func:`tone_display` after the group (and ``articles``).
TONE_COLUMNS = [
    "sentences",
    "words incl. posts",
    "VADER mean [95% CI]",
    "VADER word-weighted",
    "VADER neg / neu / pos",
    "TextBlob mean [95% CI]",
    "TextBlob neg / neu / pos",
]
#: The columns of :func:`reader_agreement_display`.
READER_COLUMNS = ["pair", "units", "agreement", "Cohen's κ [95% CI]", "ordinal α [95% CI]"]


def format_day(date, precision: str) -> str:
    """A publication date as precise as the metadata gives it: ``YYYY-MM-DD`` for a day, else ``YYYY-MM``.

    Example
    -------
    >>> format_day(pd.Timestamp("2024-01-17"), "day"), format_day(pd.Timestamp("2024-02-01"), "month")
    ('2024-01-17', '2024-02')
    """
    return date.strftime("%Y-%m-%d") if precision == "day" else date.strftime("%Y-%m")


def article_labels(corpus: pd.DataFrame) -> dict[str, str]:
    """A short label per article id: ``outlet, date`` (:func:`format_day`), or ``outlet, id`` when two would read alike.

    ``corpus`` needs ``id``, ``outlet``, ``date`` and ``date_precision`` (:func:`analysis.corpus.load_corpus`).

    Example
    -------
    >>> c = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "date": pd.to_datetime(["2024-01-17", "2024-02-01"]),
    ...                   "date_precision": ["day", "month"]})
    >>> article_labels(c)
    {'a': 'X, 2024-01-17', 'b': 'Y, 2024-02'}
    >>> article_labels(c.assign(outlet="X", date_precision="month", date=pd.Timestamp("2024-01-01")))
    {'a': 'X, a', 'b': 'X, b'}
    """
    require_columns(corpus, ["id", "outlet", "date", "date_precision"], "article_labels()", "corpus")
    rows = list(corpus[["id", "outlet", "date", "date_precision"]].itertuples(index=False, name=None))
    labels = {aid: f"{outlet}, {format_day(date, precision)}" for aid, outlet, date, precision in rows}
    if len(set(labels.values())) < len(labels):
        labels = {aid: f"{outlet}, {aid}" for aid, outlet, _, _ in rows}
    return labels


def article_colors(corpus: pd.DataFrame) -> dict[str, str]:
    """Each article's colour: its outlet's (:func:`~analysis.figures.theme.outlet_colors`).

    Example
    -------
    >>> article_colors(pd.DataFrame({"id": ["a", "b"], "outlet": ["Newsweek", "Newsweek"]}))
    {'a': '#0072B2', 'b': '#0072B2'}
    """
    require_columns(corpus, ["id", "outlet"], "article_colors()", "corpus")
    colors = outlet_colors(sorted(corpus["outlet"].unique()))
    return {aid: colors[outlet] for aid, outlet in zip(corpus["id"], corpus["outlet"])}


def in_article_order(table: pd.DataFrame, ids: Iterable[str], *, then: Iterable[str] = ()) -> pd.DataFrame:
    """The rows of ``table`` in the order of the articles in ``ids`` (the corpus order), then by ``then``.

    Figures draw articles in the order their rows come. Rows of an article not in ``ids`` come last.

    Example
    -------
    >>> t = pd.DataFrame({"id": ["b", "a", "b"], "sentence": [1, 0, 0]})
    >>> in_article_order(t, ["b", "a"], then=["sentence"]).values.tolist()
    [['b', 0], ['b', 1], ['a', 0]]
    """
    require_columns(table, ["id", *then], "in_article_order()", "table")
    position = {aid: i for i, aid in enumerate(ids)}
    order = table["id"].map(position).fillna(len(position))
    keys = table.assign(_order=order).sort_values(["_order", *then], kind="stable").index
    return table.loc[keys].reset_index(drop=True)


def _shares(row: pd.Series) -> str:
    return " / ".join(format_share(row[c], missing=MISSING) for c in ("share_neg", "share_neu", "share_pos"))


def tone_display(
    docs: pd.DataFrame, *, by: str, articles: Mapping | None = None, name: str | None = None
) -> pd.DataFrame:
    """Tone per group as shown: both tools' mean with its interval, VADER's word-weighted mean, class shares.

    ``docs`` from :func:`~analysis.sentiment.documents.score_documents` grouped
    by ``by``, with both ``vader_compound`` and ``tb_polarity``; ``articles``
    maps a group to its number of articles (the column is left out without it);
    ``name`` renames the ``by`` column.

    Returns one row per group, in the order of ``docs``: ``by`` (or ``name``),
    ``articles``, ``sentences``, ``words incl. posts`` (the words of the scored sentences: body and embedded posts,
    so more than the body counts of the corpus and framing chapters), ``VADER mean [95% CI]``, ``VADER
    word-weighted``, ``VADER neg / neu / pos``, ``TextBlob mean [95% CI]``,
    ``TextBlob neg / neu / pos``.

    Example
    -------
    >>> d = pd.DataFrame({"outlet": ["X", "X"], "measure": ["vader_compound", "tb_polarity"],
    ...     "n_sentences": [4, 4], "n_words": [40, 40], "mean": [-0.2, 0.0], "mean_lo": [-0.4, -0.1],
    ...     "mean_hi": [0.03, 0.1], "wmean": [-0.25, 0.0], "wmean_lo": [-0.5, -0.1], "wmean_hi": [0.0, 0.1],
    ...     "share_neg": [0.5, 0.25], "share_neu": [0.25, 0.5], "share_pos": [0.25, 0.25]})
    >>> tone_display(d, by="outlet", articles={"X": 1}).values.tolist()[0]
    ['X', 1, 4, 40, '-0.20 [-0.40, +0.03]', '-0.25 [-0.50, 0.00]', '50% / 25% / 25%', '0.00 [-0.10, +0.10]', '25% / 50% / 25%']
    """
    require_columns(docs, [by, "measure", "n_sentences", "n_words", "mean", "wmean"], "tone_display()", "docs")
    rows = []
    for (key,), part in docs.groupby([by], sort=False):
        vader = part[part["measure"] == "vader_compound"].iloc[0]
        textblob = part[part["measure"] == "tb_polarity"].iloc[0]
        rows.append(
            {
                by: key,
                "sentences": int(vader["n_sentences"]),
                "words incl. posts": int(vader["n_words"]),
                "VADER mean [95% CI]": interval(vader["mean"], vader["mean_lo"], vader["mean_hi"], missing=MISSING),
                "VADER word-weighted": interval(vader["wmean"], vader["wmean_lo"], vader["wmean_hi"], missing=MISSING),
                "VADER neg / neu / pos": _shares(vader),
                "TextBlob mean [95% CI]": interval(
                    textblob["mean"], textblob["mean_lo"], textblob["mean_hi"], missing=MISSING
                ),
                "TextBlob neg / neu / pos": _shares(textblob),
            }
        )
    table = pd.DataFrame(rows, columns=[by, *TONE_COLUMNS])
    if articles is not None:
        table.insert(1, "articles", [int(articles[k]) for k in table[by]])
    return table.rename(columns={by: name}) if name else table


def actor_tone_display(wide: pd.DataFrame, *, labels: Mapping | None = None) -> pd.DataFrame:
    """An :func:`~analysis.sentiment.targets.actor_tone_wide` table as shown: actor labels, ``not mentioned`` for a gap.

    ``labels`` maps actor id to label (``Gazetteer.labels()``). An empty
    table becomes one row saying that no actor is mentioned.

    Example
    -------
    >>> w = pd.DataFrame({"actor": ["iran"], "sentences": [7], "j": [float("nan")], "k": ["-0.20 (n=4)"]})
    >>> actor_tone_display(w, labels={"iran": "Iran"}).values.tolist()
    [['Iran', 7, 'not mentioned', '-0.20 (n=4)']]
    >>> actor_tone_display(w.iloc[:0]).values.tolist()
    [['(no actor mentioned in a body sentence)']]
    """
    require_columns(wide, ["actor", "sentences"], "actor_tone_display()", "wide")
    if wide.empty:
        return pd.DataFrame({"actor": ["(no actor mentioned in a body sentence)"]})
    labels = labels or {}
    shown = wide.copy()
    groups = [c for c in shown.columns if c not in ("actor", "sentences")]
    shown[groups] = shown[groups].astype(object).fillna("not mentioned")
    shown["actor"] = [labels.get(a, a) for a in shown["actor"]]
    return shown


def tool_agreement_display(agree: pd.DataFrame) -> pd.DataFrame:
    """A :func:`~analysis.sentiment.documents.tool_agreement` table as shown.

    Returns columns ``sentences of``, ``sentences``, ``Spearman ρ`` (two
    decimals, — when undefined), ``same class`` (percent), ``opposite signs``.

    Example
    -------
    >>> a = pd.DataFrame({"group": ["all"], "n_sentences": [2], "spearman": [float("nan")],
    ...                   "sign_agreement": [0.5], "n_opposite": [1]})
    >>> tool_agreement_display(a).values.tolist()
    [['all', 2, '—', '50%', 1]]
    """
    require_columns(
        agree, ["group", "n_sentences", "spearman", "sign_agreement", "n_opposite"], "tool_agreement_display()", "agree"
    )
    shown = agree.assign(
        spearman=agree["spearman"].map(lambda v: format_number(v, missing=MISSING)),
        sign_agreement=[format_share(v) for v in agree["sign_agreement"]],
    )
    return shown.rename(
        columns={
            "group": "sentences of",
            "n_sentences": "sentences",
            "spearman": "Spearman ρ",
            "sign_agreement": "same class",
            "n_opposite": "opposite signs",
        }
    )


def _count_share(counts: pd.Series, shares: pd.Series) -> list[str]:
    return [f"{k} ({format_share(s, missing=MISSING)})" for k, s in zip(counts, shares)]


def coverage_display(cover: pd.DataFrame, *, labels: Mapping) -> pd.DataFrame:
    """A :func:`~analysis.sentiment.documents.lexicon_coverage` table (by ``id``) as shown, one row per article.

    Returns columns ``article`` (from ``labels``), ``tokens``, ``TextBlob: in
    lexicon``, ``TextBlob: rated ≠ 0``, ``VADER: in lexicon`` (count and share).

    Example
    -------
    >>> c = pd.DataFrame({"id": ["a"], "n_tokens": [8], "tb_known": [2], "tb_polar": [1], "vader_known": [0],
    ...                   "tb_known_share": [0.25], "tb_polar_share": [0.125], "vader_known_share": [0.0]})
    >>> coverage_display(c, labels={"a": "X, 2024-01-17"}).values.tolist()
    [['X, 2024-01-17', 8, '2 (25%)', '1 (12%)', '0 (0%)']]
    """
    require_columns(cover, ["id", "n_tokens", "tb_known", "tb_polar", "vader_known"], "coverage_display()", "cover")
    return pd.DataFrame(
        {
            "article": cover["id"].map(labels),
            "tokens": cover["n_tokens"],
            "TextBlob: in lexicon": _count_share(cover["tb_known"], cover["tb_known_share"]),
            "TextBlob: rated ≠ 0": _count_share(cover["tb_polar"], cover["tb_polar_share"]),
            "VADER: in lexicon": _count_share(cover["vader_known"], cover["vader_known_share"]),
        }
    )


def contributors_display(summary: pd.DataFrame, *, labels: Mapping) -> pd.DataFrame:
    """A :func:`~analysis.sentiment.documents.contributor_summary` table (by ``id``) as shown.

    Returns columns ``article`` (from ``labels``), ``tool``, ``pulls down (term
    ×count, total)`` and ``pushes up (term ×count, total)``.

    Example
    -------
    >>> s = pd.DataFrame({"id": ["a"], "tool": ["VADER"], "negative": ["loss (×1, -1.3)"], "positive": ["—"]})
    >>> contributors_display(s, labels={"a": "X"}).columns.tolist()
    ['article', 'tool', 'pulls down (term ×count, total)', 'pushes up (term ×count, total)']
    """
    require_columns(summary, ["id", "tool", "negative", "positive"], "contributors_display()", "summary")
    shown = summary.drop(columns=["id"])
    shown.insert(0, "article", summary["id"].map(labels))
    return shown.rename(
        columns={"negative": "pulls down (term ×count, total)", "positive": "pushes up (term ×count, total)"}
    )


def quote_display(sensitivity: pd.DataFrame, *, labels: Mapping) -> pd.DataFrame:
    """A :func:`~analysis.sentiment.documents.quote_sensitivity` table (by ``id``) as shown.

    Returns columns ``article``, ``sentences``, ``quoted``, ``all sentences``,
    ``quotes only``, ``without quotes [95% CI]`` and ``shift`` (signed, two
    decimals; — where there is no such sentence).

    Example
    -------
    >>> q = pd.DataFrame({"id": ["a"], "n_sentences": [3], "n_quoted": [0], "mean_all": [0.1],
    ...                   "mean_quotes": [float("nan")], "mean_no_quotes": [0.1], "no_quotes_lo": [-0.2],
    ...                   "no_quotes_hi": [0.4], "shift": [0.0]})
    >>> quote_display(q, labels={"a": "X"}).values.tolist()
    [['X', 3, 0, '+0.10', '—', '+0.10 [-0.20, +0.40]', '0.00']]
    """
    require_columns(
        sensitivity,
        ["id", "n_sentences", "n_quoted", "mean_all", "mean_quotes", "mean_no_quotes", "shift"],
        "quote_display()",
        "sensitivity",
    )
    s = sensitivity
    return pd.DataFrame(
        {
            "article": s["id"].map(labels),
            "sentences": s["n_sentences"],
            "quoted": s["n_quoted"],
            "all sentences": s["mean_all"].map(signed_or_missing),
            "quotes only": s["mean_quotes"].map(signed_or_missing),
            "without quotes [95% CI]": [
                interval(m, lo, hi, missing=MISSING)
                for m, lo, hi in zip(s["mean_no_quotes"], s["no_quotes_lo"], s["no_quotes_hi"])
            ],
            "shift": s["shift"].map(signed_or_missing),
        }
    )


def reader_agreement_display(agreement: ReaderAgreement | None) -> pd.DataFrame:
    """A :func:`~analysis.evidence.sentiment.reader_agreement` as shown: one row per pair of readers or tools.

    Returns columns :data:`READER_COLUMNS`: ``pair`` ("reader 1 – VADER"),
    ``units``, ``agreement`` (percent), ``Cohen's κ [95% CI]`` and ``ordinal α
    [95% CI]``; no row without a second reading (``None``).

    Example
    -------
    >>> rows = [("reader 1", "reader 2", m, 4, v, v - 0.1, v + 0.05)
    ...         for m, v in (("agreement", 0.75), ("cohen_kappa", 0.6), ("alpha_ordinal", 0.7))]
    >>> t = pd.DataFrame(rows, columns=["first", "second", "measure", "n", "value", "ci_low", "ci_high"])
    >>> r = ReaderAgreement(("reader 1", "reader 2"), pd.DataFrame(), t, pd.DataFrame(), 0, pd.DataFrame())
    >>> reader_agreement_display(r).values.tolist()
    [['reader 1 – reader 2', 4, '75%', '0.60 [0.50, 0.65]', '0.70 [0.60, 0.75]']]
    >>> len(reader_agreement_display(None))
    0
    """
    if agreement is None:
        return pd.DataFrame(columns=READER_COLUMNS)
    pairs = agreement.table.drop_duplicates(["first", "second"])
    rows = []
    for first, second, n in zip(pairs["first"], pairs["second"], pairs["n"]):
        rows.append(
            (
                f"{first} – {second}",
                int(n),
                format_share(agreement.coefficient(first, second, "agreement")[0]),
                interval(*agreement.coefficient(first, second, "cohen_kappa"), fmt=DECIMAL),
                interval(*agreement.coefficient(first, second, "alpha_ordinal"), fmt=DECIMAL),
            )
        )
    return pd.DataFrame(rows, columns=READER_COLUMNS)


def validation_figure(validation: ToneValidation) -> Figure:
    """The confusion matrices of both tools against the hand labels, or a note where the corpus has none.

    Example
    -------
    >>> from analysis.evidence import tone_validation
    >>> fig = validation_figure(tone_validation(pd.DataFrame(), None))
    >>> fig.axes[0].texts[0].get_text()
    'No confusion matrix (see the text above).'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    if not validation.labelled:
        return note_figure("No confusion matrix (see the text above).")
    return confusion_figure(validation.matrices)


def accuracy_display(validation: ToneValidation) -> pd.DataFrame:
    """Each tool against one reader's labels, as shown: accuracy, macro-F1 and recall of *neutral*; no row without labels.

    Example
    -------
    >>> from analysis.evidence import tone_validation
    >>> accuracy_display(tone_validation(pd.DataFrame(), None)).columns.tolist()
    ['tool', 'accuracy', 'macro-F1', 'recall of neutral']
    """
    columns = ["tool", "accuracy", "macro-F1", "recall of neutral"]
    if not validation.labelled:
        return pd.DataFrame(columns=columns)
    m = validation.metrics
    return pd.DataFrame(
        [
            (tool, format_number(m.loc[tool, "accuracy"]), format_number(m.loc[tool, "macro_f1"]),
             format_share(m.loc[tool, "recall_neutral"]))
            for tool in ("TextBlob", "VADER")
        ],
        columns=columns,
    )  # fmt: skip
