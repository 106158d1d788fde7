"""Distinctive terms for any grouping: weighted log-odds with an informative Dirichlet prior, or G² with Log Ratio.

Each group is compared with all the others pooled: :func:`keyness`
(Monroe, Colaresi & Quinn 2008; Rayson & Garside 2000 with Hardie's 2014 Log
Ratio) and :func:`keyness_stability` (is the ranking fragile to the prior's
size?). Terms come from :func:`analysis.text.doc_term_counts` (stopwords
dropped, n-grams inside sentences).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem
from analysis.stats import benjamini_hochberg
from analysis.text import doc_term_counts
from analysis.types import group_labels, groups_in_order

DEFAULT_ALPHA0 = 100.0

#: The columns of a :func:`keyness` table, in order.
KEYNESS_COLUMNS = (
    "group",
    "term",
    "count",
    "count_rest",
    "total",
    "total_rest",
    "rate",
    "rate_rest",
    "n_docs",
    "n_docs_group",
    "score",
    "z",
    "p",
    "log_ratio",
)

#: The columns of a :func:`keyness_stability` table, in order.
STABILITY_COLUMNS = ("group", "alpha0", "top_terms", "shared_top", "top", "spearman")


def _erfc(x: np.ndarray) -> np.ndarray:
    """math.erfc of every element of a 1-d array (numpy has no erfc, and scipy is not a dependency).

    Computed once per run of equal neighbours: in a table sorted by z, the
    terms of equal counts sit together and share their value.
    """
    x = np.asarray(x, dtype=float)
    if len(x) == 0:
        return x.copy()
    starts = np.flatnonzero(np.concatenate(([True], x[1:] != x[:-1])))
    values = np.array([math.erfc(v) for v in x[starts].tolist()])
    return np.repeat(values, np.diff(np.append(starts, len(x))))


def _descending_order(z: np.ndarray, *, codes=None, distinct=None) -> np.ndarray:
    """``np.argsort(-z, axis=1, kind="stable")`` of a 2-d float array, faster: each row's positions, z descending.

    A stable sort of floats is a slow merge sort. But z has few distinct values
    (most terms are rare): a hash table numbers them (``codes``, ``distinct``:
    ``pd.factorize(z.ravel(), use_na_sentinel=False)``, if already made), they
    are ranked, and a stable sort of 16-bit ranks is a radix sort. Equal values
    (0.0 and -0.0, NaN and NaN) share a rank, so keep their order, as the
    stable sort does. Beyond 65,536 distinct values, the plain sort.

    Example
    -------
    >>> _descending_order(np.array([[1.0, 3.0, -0.0, np.nan, 3.0, 0.0, np.nan]])).tolist()
    [[1, 4, 0, 2, 5, 3, 6]]
    """
    if codes is None or distinct is None:
        codes, distinct = pd.factorize(z.ravel(), use_na_sentinel=False)
    if len(distinct) > 1 << 16:
        return np.argsort(-z, axis=-1, kind="stable")
    rank = np.empty(len(distinct), dtype=np.uint16)
    rank[np.argsort(-distinct, kind="stable")] = np.arange(len(distinct), dtype=np.uint16)  # NaN last, as -NaN
    return np.argsort(rank[codes].reshape(z.shape), axis=-1, kind="stable")


def _dictionary(values: pd.Series):
    """pyarrow's dictionary encoding of text: ``(indices, distinct values)``, both pyarrow arrays.

    Text kept by pyarrow (pandas' default string storage when pyarrow is
    installed) is encoded without a copy; other text is handed over once.
    """
    import pyarrow as pa

    arrow = values.dtype == "str" and getattr(values.dtype, "storage", None) == "pyarrow"
    array = pa.array(values) if arrow else pa.array(values.to_numpy(dtype=object), type=pa.string())
    encoded = (array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array).dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary


def _encode_sorted(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(values, sort=True)`` for text, faster: int64 codes, and the distinct values sorted.

    The distinct values come as an Index of the values' own dtype, sorted by
    code point (as Python and pandas sort text: UTF-8 byte order is code
    point order).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    codes, distinct = _dictionary(values)
    order = pc.sort_indices(distinct).to_numpy().astype(np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    distinct = distinct.take(pa.array(order))
    if values.dtype != "str" or getattr(values.dtype, "storage", None) != "pyarrow":
        distinct = distinct.to_pylist()
    return rank[codes], pd.Index(pd.array(distinct, dtype=values.dtype))


def _run_starts(values: pd.Series) -> np.ndarray:
    """Where each run of equal neighbours begins (positions, the first always 0) in non-empty text."""
    if values.dtype == "str" and getattr(values.dtype, "storage", None) == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        array = pa.array(values)
        array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
        changes = pc.not_equal(array.slice(1), array.slice(0, len(array) - 1))
        changes = changes.to_numpy(zero_copy_only=False)
    else:
        text = values.to_numpy(dtype=object)
        changes = text[1:] != text[:-1]
    return np.flatnonzero(np.concatenate(([True], changes)))


def _group_codes(ids: pd.Series, labels: pd.Series, groups: list) -> np.ndarray:
    """The position in ``groups`` of each row's article (``labels`` maps article ids to groups).

    Looked up once per run of rows of the same article: the per-article counts
    come sorted by ``id``, so there are as many runs as articles.
    """
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = _run_starts(ids)
    heads = ids.take(starts).to_numpy(dtype=object)
    of_run = pd.Categorical(labels.reindex(heads).to_numpy(), categories=groups).codes.astype(np.int64)
    return np.repeat(of_run, np.diff(np.append(starts, len(ids))))


def _term_group_counts(counts: pd.DataFrame, labels: pd.Series, groups: list) -> tuple:
    """Groups × terms matrices of counts and of articles using the term, from long per-article counts.

    ``counts`` has one row per article and term (``id``, ``term``, ``count``,
    as :func:`analysis.text.doc_term_counts` gives). Returns ``(y, docs,
    terms)``: ``y`` (float) and ``docs`` (int64) are groups × terms, rows in
    the order of ``groups`` and columns in the order of ``terms`` (an Index of
    the distinct terms, sorted).
    """
    term_codes, terms = _encode_sorted(counts["term"])
    cells = _group_codes(counts["id"], labels, groups) * len(terms) + term_codes
    size = len(terms) * len(groups)
    y = np.bincount(cells, weights=counts["count"].to_numpy(dtype=float), minlength=size)
    docs = np.bincount(cells, minlength=size).astype("int64", copy=False)
    return y.reshape(len(groups), len(terms)), docs.reshape(len(groups), len(terms)), terms


def keyness(
    corpus: pd.DataFrame,
    *,
    by: str = "crisis",
    method: str = "log_odds",
    ngram: int = 1,
    min_count: int = 2,
    alpha0: float = DEFAULT_ALPHA0,
    counts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Distinctive terms of each group against all the other groups pooled.

    Counts come from :func:`analysis.text.doc_term_counts` (stopwords dropped,
    n-grams within sentences). For term w and group i, with j = all other groups:

    ``log_odds`` (Monroe, Colaresi & Quinn 2008, informative Dirichlet prior
    from the whole corpus, α_w = α0 · y_w / N)::

        δ = log[(y_i + α_w) / (n_i + α0 − y_i − α_w)] − log[(y_j + α_w) / (n_j + α0 − y_j − α_w)]
        σ² ≈ 1/(y_i + α_w) + 1/(y_j + α_w);   z = δ / σ;   p = erfc(|z| / √2)

    ``g2`` (Rayson & Garside 2000)::

        E_i = n_i (y_i + y_j) / (n_i + n_j), E_j likewise
        G² = 2 Σ O ln(O / E)   (a zero count contributes 0)
        score = ±G² (+ when the group over-uses the term); z = ±√G²;
        p = erfc(√(G²/2))   (chi-square, one degree of freedom)

    Both report Hardie's (2014) Log Ratio, log2((y_i/n_i) / (y_j/n_j)), with a
    zero count replaced by 0.5.

    Parameters
    ----------
    corpus
        Needs ``id``, ``text`` (unless ``counts`` is given) and the ``by`` column.
    by
        Any column of the corpus; every value is a group (two or more needed).
    method
        ``"log_odds"`` or ``"g2"``.
    ngram
        1 for words, 2 for bigrams (3 works too).
    min_count
        Keep terms used at least this often in the whole corpus. Totals and
        the prior are computed before this filter.
    alpha0
        Size of the Dirichlet prior (``log_odds`` only; reported in
        ``DataFrame.attrs``).
    counts
        The articles' term counts when they are already made:
        ``doc_term_counts(corpus, ngram=ngram)`` of these articles, or the
        same rows in any order (``id``, ``term``, ``count``; the batch
        command's workers count their own articles). Default: counted here.
        The table is the same either way.

    Returns
    -------
    DataFrame, one row per group and term (every kept term for every group,
    zero counts included), sorted by group then ``z`` descending:
    ``group``, ``term``, ``count`` (y_i), ``count_rest`` (y_j), ``total``
    (n_i: counted terms in the group), ``total_rest`` (n_j), ``rate`` and
    ``rate_rest`` (per 1,000 counted terms), ``n_docs`` (articles of the group
    using the term: a term carried by one article is not a mark of its group,
    Gries 2008), ``n_docs_group`` (articles in the group), ``score`` (δ or
    signed G²), ``z``, ``p`` and ``log_ratio``.

    Raises
    ------
    AnalysisInputError
        Unknown ``by`` column or ``method``, missing group labels, fewer than
        two groups, a group with no counted terms.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> top = keyness(corpus, by="outlet", min_count=1).groupby("group").head(1)
    >>> top[["group", "term", "count"]].to_dict("list")
    {'group': ['X', 'Y', 'Z'], 'term': ['strike', 'talks', 'calm'], 'count': [2, 1, 2]}
    >>> counts = doc_term_counts(corpus)
    >>> keyness(corpus.drop(columns="text"), by="outlet", min_count=1, counts=counts).equals(
    ...     keyness(corpus, by="outlet", min_count=1))
    True
    """
    labels = group_labels(corpus, by, "keyness")
    if method not in ("log_odds", "g2"):
        raise AnalysisInputError(Problem("keyness()", None, "method", f"{method!r}: use 'log_odds' or 'g2'"))
    if not (isinstance(ngram, int) and 1 <= ngram <= 3):
        raise AnalysisInputError(Problem("keyness()", None, "ngram", f"{ngram!r}: use 1, 2 or 3"))
    if alpha0 <= 0:
        raise AnalysisInputError(Problem("keyness()", None, "alpha0", "the prior's size must be positive"))
    groups = groups_in_order(labels)
    if len(groups) < 2:
        raise AnalysisInputError(
            Problem("keyness()", None, "by", f"column {by!r} has {len(groups)} group(s); keyness needs two or more")
        )
    if counts is None:
        counts = doc_term_counts(corpus, ngram=ngram)
    y, docs, terms = _term_group_counts(counts, labels, groups)
    totals = y.sum(axis=1)
    empty = [str(g) for g, n in zip(groups, totals, strict=True) if n == 0]
    if empty:
        raise AnalysisInputError(
            Problem("keyness()", None, "by", f"group(s) {', '.join(empty)} have no counted terms (only stopwords?)")
        )
    grand = float(totals.sum())
    term_total = y.sum(axis=0)
    prior = alpha0 * term_total / grand
    keep = term_total >= min_count
    y, docs, terms, term_total, prior = (
        y.compress(keep, axis=1),  # C-contiguous, as every matrix below and its ravel (no copy)
        docs.compress(keep, axis=1),
        terms[keep],
        term_total[keep],
        prior[keep],
    )

    # groups × terms matrices: every group against all the others pooled, in one pass
    y_i = y
    y_j = term_total[None, :] - y_i
    n_i = totals.astype(float)[:, None]
    n_j = grand - n_i
    prior = prior[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 when one term is all there is: NaN, as before
        if method == "log_odds":
            score = np.log((y_i + prior) / (n_i + alpha0 - y_i - prior)) - np.log(
                (y_j + prior) / (n_j + alpha0 - y_j - prior)
            )
            z = score / np.sqrt(1.0 / (y_i + prior) + 1.0 / (y_j + prior))
        else:
            both = y_i + y_j
            e_i = n_i * both / (n_i + n_j)
            e_j = n_j * both / (n_i + n_j)
            part_i = np.where(y_i > 0, y_i * np.log(y_i / e_i), 0.0)
            part_j = np.where(y_j > 0, y_j * np.log(y_j / e_j), 0.0)
            g2 = np.maximum(2.0 * (part_i + part_j), 0.0)
            sign = np.where(y_i / n_i >= y_j / n_j, 1.0, -1.0)
            score = sign * g2
            z = sign * np.sqrt(g2)

    # one row per group and term: group by group (in ``groups`` order), z descending, then term (the rows'
    # order: the terms are sorted, and a stable sort keeps that order among equal z)
    n_groups, n_terms = shape = y.shape  # n_i and n_j (groups × 1) broadcast over rows of this shape
    # z has few distinct values: a small hash table to start with (pandas sizes it for every value otherwise)
    codes, distinct = pd.factorize(z.ravel(), use_na_sentinel=False, size_hint=n_terms)
    rows = _descending_order(z, codes=codes, distinct=distinct)
    flat = (rows + (np.arange(n_groups, dtype=rows.dtype) * n_terms)[:, None]).ravel()  # positions in a raveled matrix

    def ordered(matrix: np.ndarray) -> np.ndarray:
        return np.ravel(matrix).take(flat)

    def each_group(values) -> np.ndarray:
        return np.repeat(np.asarray(values), n_terms)

    docs_in_group = labels.value_counts()
    count, count_rest, score, z = ordered(y_i), ordered(y_j), ordered(score), ordered(z)
    if method == "log_odds":  # p (the same arithmetic, element by element) of each distinct z, then of each row
        p = _erfc(np.abs(distinct) / math.sqrt(2)).take(codes.take(flat))
    else:  # from the score: two G² may share one rounded √G²
        p = _erfc(np.sqrt(np.abs(score) / 2.0))

    def rate(values: np.ndarray, total: np.ndarray) -> np.ndarray:  # 1000 · values / total, one new array
        out = np.multiply(1000.0, values)
        return np.divide(out.reshape(shape), total, out=out.reshape(shape)).ravel()

    log_ratio = np.where(count > 0, count, 0.5).reshape(shape) / n_i
    log_ratio = np.log2(log_ratio / (np.where(count_rest > 0, count_rest, 0.5).reshape(shape) / n_j)).ravel()
    columns = {
        "group": pd.Index(groups).repeat(n_terms),  # the labels' own type (text or numbers)
        "term": terms.take(rows.ravel()),
        "count": count.astype("int64"),
        "count_rest": count_rest.astype("int64"),
        "total": each_group(totals.astype("int64")),
        "total_rest": each_group((grand - totals).astype("int64")),
        "rate": rate(count, n_i),
        "rate_rest": rate(count_rest, n_j),
        "n_docs": ordered(docs),
        "n_docs_group": each_group(np.array([docs_in_group[g] for g in groups], dtype="int64")),
        "score": score,
        "z": z,
        "p": p,
        "log_ratio": log_ratio,
    }
    # copy=False: the new arrays as they are, not copied into blocks of one dtype
    out = pd.DataFrame(columns, columns=list(KEYNESS_COLUMNS), copy=False)
    out.attrs.update(
        {
            "method": method,
            "alpha0": alpha0 if method == "log_odds" else None,
            "by": by,
            "ngram": ngram,
            "min_count": min_count,
        }
    )
    return out


def keyness_stability(
    corpus: pd.DataFrame,
    *,
    by: str = "crisis",
    alphas: tuple[float, ...] = (10.0, 100.0, 1000.0),
    reference: float = DEFAULT_ALPHA0,
    top: int = 10,
    ngram: int = 1,
    min_count: int = 2,
) -> pd.DataFrame:
    """How much the log-odds ranking depends on the prior's size α0.

    For each group and each α0, the top ``top`` terms by z are compared with
    the top terms under ``reference``; the rank correlation of z over all
    terms (Spearman: Pearson correlation of the ranks) is also given.

    Returns
    -------
    DataFrame with ``group``, ``alpha0``, ``top_terms`` (comma-separated, best
    first), ``shared_top`` (how many of them are also in the reference top
    list), ``top`` (list length used) and ``spearman``.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> keyness_stability(corpus, by="outlet", alphas=(1, 8), reference=8, top=1, min_count=1)["shared_top"].tolist()
    [1, 1, 1, 1, 1, 1]
    """
    runs = {a: keyness(corpus, by=by, ngram=ngram, min_count=min_count, alpha0=a) for a in (reference, *alphas)}
    ref = runs[reference]
    rows = []
    for g in pd.unique(ref["group"]):
        ref_g = ref[ref["group"] == g].set_index("term")["z"]
        ref_top = list(ref_g.index[:top])
        for a in alphas:
            cur = runs[a][runs[a]["group"] == g].set_index("term")["z"]
            cur_top = list(cur.index[:top])
            both = pd.concat([ref_g.rank(), cur.reindex(ref_g.index).rank()], axis=1)
            rho = both.iloc[:, 0].corr(both.iloc[:, 1]) if len(both) > 1 else float("nan")
            rows.append(
                {
                    "group": g,
                    "alpha0": float(a),
                    "top_terms": ", ".join(cur_top),
                    "shared_top": len(set(cur_top) & set(ref_top)),
                    "top": len(cur_top),
                    "spearman": rho,
                }
            )
    return pd.DataFrame(rows, columns=list(STABILITY_COLUMNS))


def group_keyness(
    corpus: pd.DataFrame,
    *,
    by: str = "crisis",
    method: str = "log_odds",
    ngram: int = 1,
    min_count: int = 2,
    alpha0: float = DEFAULT_ALPHA0,
    counts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`keyness` when ``by`` has two or more groups; an empty table with the same columns when it has one.

    A corpus of one crisis (or one outlet, or one genre) has nothing to compare
    its words with; this lets a page show an empty ranking instead of failing.
    Every other problem (unknown column, a group with no counted terms) raises
    as in :func:`keyness`, which is given ``counts`` (its term counts, when already made).

    Returns the columns of :data:`KEYNESS_COLUMNS`.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "X"], "text": ["Strike.", "Talks."]})
    >>> group_keyness(corpus, by="outlet").empty
    True
    >>> len(group_keyness(corpus.assign(outlet=["X", "Y"]), by="outlet", min_count=1))
    4
    """
    if len(groups_in_order(group_labels(corpus, by, "group_keyness"))) < 2:
        return pd.DataFrame(columns=list(KEYNESS_COLUMNS))
    return keyness(corpus, by=by, method=method, ngram=ngram, min_count=min_count, alpha0=alpha0, counts=counts)


def over_used(table: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """The first ``top`` terms of each group with z > 0: the terms a group uses more than the rest.

    ``table`` comes from :func:`keyness` (sorted by z within each group); rows
    keep its order and columns. A group with no over-used term has no row.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> over_used(keyness(corpus, by="outlet", min_count=1), top=1)[["group", "term"]].values.tolist()
    [['X', 'strike'], ['Y', 'talks'], ['Z', 'calm']]
    """
    return table[table["z"] > 0].groupby("group", sort=False).head(top)


def top_term_overlap(table: pd.DataFrame, other: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """How many of each group's ``top`` over-used terms in ``table`` are also among them in ``other``.

    Both tables come from :func:`keyness` over the same grouping (for
    instance log-odds and G²); the over-used terms are those of
    :func:`over_used`. ``share = shared / top``, and 0 when the group has no
    over-used term in ``table``.

    Returns ``group`` (in the order of ``table``), ``top`` (over-used terms
    of the group in ``table``, at most ``top``), ``shared`` and ``share``.

    Example
    -------
    >>> a = pd.DataFrame({"group": ["X", "X", "X"], "term": ["war", "talks", "calm"], "z": [3.0, 2.0, -1.0]})
    >>> b = pd.DataFrame({"group": ["X", "X", "X"], "term": ["war", "calm", "talks"], "z": [4.0, 1.0, -2.0]})
    >>> top_term_overlap(a, b, top=2).values.tolist()
    [['X', 2, 1, 0.5]]
    """
    mine, theirs = over_used(table, top=top), over_used(other, top=top)
    rows = []
    for group in pd.unique(table["group"]):
        a = set(mine.loc[mine["group"] == group, "term"])
        b = set(theirs.loc[theirs["group"] == group, "term"])
        rows.append({"group": group, "top": len(a), "shared": len(a & b), "share": len(a & b) / max(len(a), 1)})
    return pd.DataFrame(rows, columns=["group", "top", "shared", "share"])


@dataclass(frozen=True)
class KeynessChecks:
    """The cross-checks of a log-odds ranking, from :func:`keyness_checks`.

    ``by`` is the column compared and ``n_groups`` its number of groups; with
    fewer than two, the three tables are empty (with their columns).
    ``g2`` is :func:`keyness` by G²; ``overlap`` is :func:`top_term_overlap`
    of the log-odds ranking with it; ``stability`` is :func:`keyness_stability`;
    ``log_odds`` is the log-odds table itself (``None`` when not kept).
    """

    by: str
    n_groups: int
    g2: pd.DataFrame
    overlap: pd.DataFrame
    stability: pd.DataFrame
    log_odds: pd.DataFrame | None = None


def keyness_checks(
    corpus: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("crisis", "outlet"),
    alpha0: float = DEFAULT_ALPHA0,
    alphas: tuple[float, ...] = (10.0, 1000.0),
    top: int = 10,
    min_count: int = 2,
) -> KeynessChecks:
    """Check the log-odds ranking against G² and against other sizes of its prior.

    ``by`` names the grouping to check, or several in order of preference:
    the first with two or more groups is used (the last when none has). The
    log-odds ranking (prior ``alpha0``) is compared with G² (:func:`top_term_overlap`
    of the ``top`` over-used terms) and with the rankings under each prior
    size in ``alphas`` (:func:`keyness_stability`).

    Returns a :class:`KeynessChecks`.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "crisis": ["k"] * 3, "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> checks = keyness_checks(corpus, alphas=(1.0,), top=1, min_count=1)
    >>> checks.by, checks.n_groups, checks.overlap["share"].tolist()
    ('outlet', 3, [1.0, 1.0, 1.0])
    """
    columns = [by] if isinstance(by, str) else list(by)
    if not columns:
        raise AnalysisInputError(Problem("keyness_checks()", None, "by", "give at least one column"))
    sizes = {c: len(groups_in_order(group_labels(corpus, c, "keyness_checks"))) for c in columns}
    chosen = next((c for c in columns if sizes[c] >= 2), columns[-1])
    if sizes[chosen] < 2:
        empty = pd.DataFrame(columns=list(KEYNESS_COLUMNS))
        return KeynessChecks(
            chosen,
            sizes[chosen],
            empty,
            pd.DataFrame(columns=["group", "top", "shared", "share"]),
            pd.DataFrame(columns=list(STABILITY_COLUMNS)),
        )
    g2 = keyness(corpus, by=chosen, method="g2", min_count=min_count)
    log_odds = keyness(corpus, by=chosen, alpha0=alpha0, min_count=min_count)
    stability = keyness_stability(corpus, by=chosen, alphas=alphas, reference=alpha0, top=top, min_count=min_count)
    return KeynessChecks(chosen, sizes[chosen], g2, top_term_overlap(log_odds, g2, top=top), stability, log_odds)


def significance_counts(checks: KeynessChecks, *, alpha: float = 0.05) -> dict[str, int]:
    """How many (term, group) pairs each keyness statistic calls significant, before and after correction.

    Each group's term is one test, so a table of k groups and t terms makes
    k·t tests (with two groups, a term over-used in one is under-used in the
    other: the same test twice). A count of p < ``alpha`` over hundreds of
    tests includes about ``alpha`` of them by chance; the Benjamini–Hochberg
    adjustment (:func:`analysis.stats.benjamini_hochberg`) over all the pairs
    of a table keeps the expected share of false discoveries below ``alpha``.

    Returns
    -------
    dict of ints: ``n_tests`` (pairs in the G² table), ``g2`` (pairs with
    p < alpha, over- or under-use), ``g2_over`` (of those, over-uses),
    ``g2_over_adjusted`` (over-uses with adjusted p < alpha), and for the
    log-odds table (zero when it was not kept) ``log_odds_over`` (z > 0 with
    p < alpha, that is z > 1.96 at 0.05) and ``log_odds_over_adjusted``.

    Example
    -------
    >>> g2 = pd.DataFrame({"p": [0.001, 0.001, 0.04, 0.04], "score": [9.0, -9.0, 4.0, -4.0]})
    >>> lo = pd.DataFrame({"p": [0.01, 0.01, 0.3, 0.3], "z": [2.6, -2.6, 1.0, -1.0]})
    >>> significance_counts(KeynessChecks("crisis", 2, g2, pd.DataFrame(), pd.DataFrame(), lo))
    {'n_tests': 4, 'g2': 4, 'g2_over': 2, 'g2_over_adjusted': 2, 'log_odds_over': 1, 'log_odds_over_adjusted': 1}
    """
    g2 = checks.g2
    q = benjamini_hochberg(g2["p"]) if len(g2) else np.array([])
    over = (g2["score"] > 0).to_numpy() if len(g2) else np.array([], dtype=bool)
    out = {
        "n_tests": int(g2["p"].notna().sum()) if len(g2) else 0,
        "g2": int((g2["p"] < alpha).sum()) if len(g2) else 0,
        "g2_over": int(((g2["p"] < alpha).to_numpy() & over).sum()) if len(g2) else 0,
        "g2_over_adjusted": int(((q < alpha) & over).sum()),
        "log_odds_over": 0,
        "log_odds_over_adjusted": 0,
    }
    lo = checks.log_odds
    if lo is not None and len(lo):
        lo_q = benjamini_hochberg(lo["p"])
        lo_over = (lo["z"] > 0).to_numpy()
        out["log_odds_over"] = int(((lo["p"] < alpha).to_numpy() & lo_over).sum())
        out["log_odds_over_adjusted"] = int(((lo_q < alpha) & lo_over).sum())
    return out
