"""The framing chapter's tables as the book shows them, and its two charts that depend on the corpus's shape.

Each ``*_display`` function takes a table from the measures or the evidence
and returns a DataFrame ready for :func:`~analysis.book.tables.html_table`:
columns renamed for readers, numbers formatted as text, groups named by
their labels. They compute nothing the measures have not.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.book.tables import MISSING
from analysis.evidence.frame_validation import HitCheck, SentenceCheck
from analysis.figures import crisis_colors, keyness_figure, note_figure
from analysis.findings.framing import one_group_note
from analysis.formatting import DECIMAL, format_number, format_p, format_share
from analysis.framing.collocations import collocation_ranks
from analysis.framing.keyness import over_used

#: Columns of :func:`recall_display`.
RECALL_COLUMNS = ["label", "coded", "found", "missed", "extra", "recall", "precision", "κ between readers"]

#: Columns of :func:`balance_check_display`.
BALANCE_CHECK_COLUMNS = [
    "article",
    "escalation sentences",
    "de-escalation sentences",
    "balance by sentences",
    "balance by words",
]


def _named(values: pd.Series, labels: dict | None) -> list:
    labels = labels or {}
    return [labels.get(v, v) for v in values]


def crisis_label_colors(labels: dict) -> dict[str, str]:
    """The fixed colour of each crisis (:func:`~analysis.figures.theme.crisis_colors`), keyed by its label.

    For charts whose groups are named by label rather than by key.

    Example
    -------
    >>> crisis_label_colors({"iran-israel-2024-04": "Iran's attack on Israel"})
    {"Iran's attack on Israel": '#CC79A7'}
    """
    return {labels[k]: c for k, c in crisis_colors(sorted(labels)).items()}


def keyness_chart(table: pd.DataFrame, *, n_groups: int, what: str, top: int = 8, colors: dict | None = None) -> Figure:
    """The dot chart of over-used terms (:func:`~analysis.figures.framing.keyness_figure`), or a note with one group.

    ``n_groups`` is the number of groups of ``what`` (``"crisis"``,
    ``"outlet"``) in the corpus; with fewer than two, the figure only says
    there is nothing to compare. Returns a matplotlib Figure.

    Example
    -------
    >>> import matplotlib.pyplot as plt
    >>> fig = keyness_chart(pd.DataFrame(columns=["group", "term", "z"]), n_groups=1, what="crisis")
    >>> fig.axes[0].texts[0].get_text()
    'The corpus has one crisis: there is nothing to compare.'
    >>> plt.close(fig)
    """
    if n_groups < 2:
        return note_figure(one_group_note(what))
    return keyness_figure(table, top=top, colors=colors)


def frames_display(frames: pd.DataFrame) -> pd.DataFrame:
    """The frame dictionaries as listed in the book: ``key``, ``label``, ``reference``, ``definition``, ``patterns`` (how many).

    ``frames`` comes from :func:`~analysis.framing.frames.load_frames`.

    Example
    -------
    >>> f = pd.DataFrame({"key": ["war"], "label": ["War"], "reference": ["X (2000)"], "definition": ["Fighting."],
    ...                   "patterns": [("war", "strike*")]})
    >>> frames_display(f).values.tolist()
    [['war', 'War', 'X (2000)', 'Fighting.', 2]]
    """
    return frames.assign(patterns=frames["patterns"].map(len))[["key", "label", "reference", "definition", "patterns"]]


def g2_display(g2: pd.DataFrame, *, labels: dict | None = None, top: int = 6) -> pd.DataFrame:
    """The ``top`` over-used terms of each group by G², as the book shows them.

    ``g2`` comes from :func:`~analysis.framing.keyness.keyness` with
    ``method="g2"``; ``labels`` names the groups. Returns ``group``, ``term``,
    ``count in group``, ``count in rest``, ``G² (signed)`` and ``Log Ratio``
    (two decimals) and ``p`` (three decimals, or "< 0.001").

    Example
    -------
    >>> g = pd.DataFrame({"group": ["k", "k"], "term": ["war", "calm"], "count": [7, 0], "count_rest": [2, 3],
    ...                   "score": [14.391, -3.2], "z": [3.79, -1.79], "p": [0.0001, 0.07], "log_ratio": [3.881, -2.0]})
    >>> g2_display(g, labels={"k": "Crisis K"}).values.tolist()
    [['Crisis K', 'war', 7, 2, '14.39', '< 0.001', '3.88']]
    """
    shown = over_used(g2, top=top)
    shown = shown.assign(
        group=_named(shown["group"], labels),
        score=[format_number(v, DECIMAL) for v in shown["score"]],
        p=shown["p"].map(format_p),
        log_ratio=[format_number(v, DECIMAL) for v in shown["log_ratio"]],
    )
    return shown[["group", "term", "count", "count_rest", "score", "p", "log_ratio"]].rename(
        columns={
            "count": "count in group",
            "count_rest": "count in rest",
            "score": "G² (signed)",
            "log_ratio": "Log Ratio",
        }
    )


def stability_display(stability: pd.DataFrame, *, labels: dict | None = None) -> pd.DataFrame:
    """A :func:`~analysis.framing.keyness.keyness_stability` table as the book shows it: groups named, α0 and ρ as text.

    Example
    -------
    >>> s = pd.DataFrame({"group": ["k"], "alpha0": [10.0], "top_terms": ["war, calm"], "shared_top": [2],
    ...                   "top": [2], "spearman": [0.98621]})
    >>> stability_display(s, labels={"k": "K"}).values.tolist()
    [['K', '10', 'war, calm', 2, 2, '0.99']]
    """
    return stability.assign(
        group=_named(stability["group"], labels),
        alpha0=stability["alpha0"].map("{:g}".format),
        spearman=[format_number(v, DECIMAL, missing=MISSING) for v in stability["spearman"]],
    )


def collocations_display(pmi: pd.DataFrame, llr: pd.DataFrame, *, labels: dict | None = None) -> pd.DataFrame:
    """Collocations by PMI and by likelihood ratio side by side (:func:`~analysis.framing.collocations.collocation_ranks`).

    Returns ``group`` (named), ``ngram``, ``freq``, ``rank (PMI)`` and
    ``rank (LR)`` (blank when the n-gram is not in that ranking), sorted by
    group, then PMI rank, then likelihood-ratio rank.

    Example
    -------
    >>> pmi = pd.DataFrame({"group": ["k"] * 2, "ngram": ["deep concern", "calm talks"], "freq": [2, 3],
    ...                     "score": [5.0, 4.0], "rank": [1, 2]})
    >>> lr = pd.DataFrame({"group": ["k"], "ngram": ["calm talks"], "freq": [3], "score": [9.0], "rank": [1]})
    >>> collocations_display(pmi, lr, labels={"k": "K"}).values.tolist()
    [['K', 'deep concern', 2, '1', ''], ['K', 'calm talks', 3, '2', '1']]
    """
    ranks = collocation_ranks({"pmi": pmi, "lr": llr}).rename(
        columns={"rank_pmi": "rank (PMI)", "rank_lr": "rank (LR)"}
    )
    ranks = ranks.assign(group=_named(ranks["group"], labels)).sort_values(["group", "rank (PMI)", "rank (LR)"])
    for column in ("rank (PMI)", "rank (LR)"):
        ranks[column] = ranks[column].map(lambda v: "" if pd.isna(v) else str(int(v)))
    return ranks[["group", "ngram", "freq", "rank (PMI)", "rank (LR)"]]


def shared_terms_display(shared: pd.DataFrame, *, labels: dict | None = None, top: int = 15) -> pd.DataFrame:
    """The first ``top`` terms shared by every crisis, with each crisis's column named by its label.

    ``shared`` comes from ``analysis.framing.summaries.terms_shared_by_groups``.

    Example
    -------
    >>> t = pd.DataFrame({"frame": ["de-escalation"], "term": ["calm"], "hits": [3], "min_hits": [1], "k": [2], "m": [1]})
    >>> shared_terms_display(t, labels={"k": "K", "m": "M"}).columns.tolist()
    ['frame', 'term', 'hits', 'min_hits', 'K', 'M']
    """
    return shared.rename(columns=labels or {}).head(top)


def kwic_display(table: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict | None = None) -> pd.DataFrame:
    """Keyword-in-context lines (:func:`~analysis.framing.collocations.kwic`) with the crisis of each article.

    Returns ``crisis`` (named), ``id``, ``left``, ``match``, ``right``.

    Example
    -------
    >>> k = pd.DataFrame({"id": ["a"], "left": ["urged"], "match": ["restraint"], "right": ["."]})
    >>> kwic_display(k, pd.DataFrame({"id": ["a"], "crisis": ["k"]}), labels={"k": "K"}).values.tolist()
    [['K', 'a', 'urged', 'restraint', '.']]
    """
    crisis = table["id"].map(corpus.set_index("id")["crisis"])
    return table.assign(crisis=_named(crisis, labels))[["crisis", "id", "left", "match", "right"]]


def hits_display(hits: pd.DataFrame) -> pd.DataFrame:
    """Frame hits as evidence: ``id``, ``left``, ``matched``, ``right``.

    Example
    -------
    >>> h = pd.DataFrame({"id": ["a"], "frame": ["escalation"], "left": ["Iran"], "matched": ["fired"], "right": ["."]})
    >>> hits_display(h).columns.tolist()
    ['id', 'left', 'matched', 'right']
    """
    return hits[["id", "left", "matched", "right"]]


def precision_display(check: HitCheck | None) -> pd.DataFrame:
    """Precision per frame on checked hits, as a percentage (blank for a frame with none checked).

    ``check`` from :func:`~analysis.evidence.frame_validation.validate_hits`;
    with ``None`` (no checked hits), an empty table. Columns ``frame``,
    ``label``, ``checked``, ``correct``, ``precision``.

    Example
    -------
    >>> from analysis.evidence import check_hits
    >>> g = pd.DataFrame({"frame": ["escalation"] * 3, "correct": [1, 1, 0]})
    >>> precision_display(check_hits(g)).set_index("frame").loc[["conflict", "escalation"], "precision"].tolist()
    ['', '67%']
    >>> precision_display(None).empty
    True
    """
    if check is None:
        return pd.DataFrame(columns=["frame", "label", "checked", "correct", "precision"])
    prec = check.precision
    return prec.assign(precision=[format_share(p, missing="") for p in prec["precision"]])


def recall_display(check: SentenceCheck | None) -> pd.DataFrame:
    """Sentence-level recall and precision of each coded frame, with κ between the readers.

    ``check`` from :func:`~analysis.evidence.frame_validation.validate_sentences`;
    with ``None``, an empty table. Columns :data:`RECALL_COLUMNS` (κ reads
    — without a second reader).

    Example
    -------
    >>> from analysis.evidence import check_sentences
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran fired missiles. Talks went well."]})
    >>> coded = pd.DataFrame({"line": [2, 3, 4, 5], "id": ["a"] * 4,
    ...     "text": ["Iran fired missiles.", "Talks went well."] * 2,
    ...     "frame": ["escalation"] * 2 + ["de-escalation"] * 2, "present": [1, 1, 0, 1]})
    >>> check = check_sentences(corpus, coded, pd.DataFrame({"id": ["a"], "balance": [0.0]}), n_boot=0)
    >>> recall_display(check)[["coded", "recall", "precision", "κ between readers"]].values.tolist()
    [[2, '50%', '100%', '—'], [1, '100%', '100%', '—']]
    """
    if check is None:
        return pd.DataFrame(columns=RECALL_COLUMNS)
    per = check.per_frame
    shown = per.assign(
        recall=per["recall"].map(format_share),
        precision=[format_share(v, missing="") for v in per["precision"]],
        kappa=[format_number(v, DECIMAL, missing=MISSING) for v in per["frame"].map(check.kappa_by_frame)],
    )
    return shown.rename(columns={"kappa": "κ between readers"})[RECALL_COLUMNS]


def balance_check_display(check: SentenceCheck | None, *, names: dict | None = None) -> pd.DataFrame:
    """The escalation balance per article by coded sentences beside the balance by dictionary words, to two decimals.

    ``check`` as for :func:`recall_display`; ``names`` names the articles
    (``analysis.findings.framing.article_names``). Columns
    :data:`BALANCE_CHECK_COLUMNS`; empty with ``None``.

    Example
    -------
    >>> from analysis.evidence import check_sentences
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran fired missiles. Talks went well."]})
    >>> coded = pd.DataFrame({"line": [2, 3, 4, 5], "id": ["a"] * 4,
    ...     "text": ["Iran fired missiles.", "Talks went well."] * 2,
    ...     "frame": ["escalation"] * 2 + ["de-escalation"] * 2, "present": [1, 1, 0, 1]})
    >>> check = check_sentences(corpus, coded, pd.DataFrame({"id": ["a"], "balance": [0.5]}), n_boot=0)
    >>> balance_check_display(check, names={"a": "Outlet A"}).values.tolist()
    [['Outlet A', 2.0, 1.0, 0.33, 0.5]]
    """
    if check is None:
        return pd.DataFrame(columns=BALANCE_CHECK_COLUMNS).round(2)
    table = check.balance
    shown = table.assign(article=_named(table["id"], names))
    shown = shown[["article", "esc_coded", "deesc_coded", "balance_coded", "balance_words"]]
    shown.columns = BALANCE_CHECK_COLUMNS
    return shown.round(2)
