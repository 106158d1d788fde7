"""Agreement between coders, and between a tool and a coder.

A measure is only as trustworthy as the reading it is checked against, and one
reader's labels say nothing about how far another reader would agree. This
module measures that agreement for any categorical coding: the sentiment
labels, the frame-hit judgements, or a tool's output set beside a coder's.

- :func:`percent_agreement`: the share of units two codings put in the same class.
- :func:`cohen_kappa`: agreement beyond chance for two coders, chance taken from
  each coder's own marginals (Cohen 1960).
- :func:`krippendorff_alpha`: agreement beyond chance for any number of coders,
  with missing values, at the nominal, ordinal, interval or ratio level
  (Krippendorff 2004; Hayes & Krippendorff 2007). It is computed from the
  coincidence matrix: ``α = 1 − D_o / D_e``, the observed over the expected
  disagreement.
- :func:`pair_codings` joins two coders' tables on the unit keys, and refuses
  units that only one of them coded.
- :func:`agreement_table` reports all three for every pair of columns, with
  seeded bootstrap intervals over units (Efron & Tibshirani 1993).

Hand-coded files are read by :func:`analysis.evidence.codings.read_codings` and
found by :func:`analysis.evidence.gold.load_gold`.

Reading the numbers: κ and α are 1 for perfect agreement and 0 for agreement
no better than chance. When one class dominates (most frame hits are correct)
they can be low although the coders rarely disagree, which is why the share of
agreement is always reported beside them.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns

#: Levels of measurement :func:`krippendorff_alpha` knows.
LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


def _two_codings(a, b, func: str) -> tuple[list, list]:
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise AnalysisInputError(Problem(f"{func}()", None, "b", f"{len(b)} values for {len(a)} units in a"))
    if not a:
        raise AnalysisInputError(Problem(f"{func}()", None, "a", "no units to compare"))
    for name, values in (("a", a), ("b", b)):
        gaps = [i for i, v in enumerate(values) if _missing(v)]
        if gaps:
            raise AnalysisInputError(
                Problem(
                    f"{func}()", None, name, f"missing value at position(s) {gaps[:5]}; use krippendorff_alpha for gaps"
                )
            )
    return a, b


def _pair_measures(a, b, func: str) -> dict:
    """Agreement, κ and nominal α of two complete codings, through their confusion matrix."""
    a, b = _two_codings(a, b, func)
    codes, _ = pd.factorize(pd.Series(a + b, dtype=object))
    n = len(a)
    one = np.arange(n)[None, :]
    measures = _measures_from_confusion(_confusions(codes[:n], codes[n:], one), False)
    return {name: float(value[0]) for name, value in measures.items()}


def percent_agreement(a, b) -> float:
    """Share of units on which two codings agree.

    Example
    -------
    >>> percent_agreement(["neg", "neu", "pos", "neu"], ["neg", "neg", "pos", "neu"])
    0.75
    """
    return _pair_measures(a, b, "percent_agreement")["agreement"]


def cohen_kappa(a, b) -> float:
    """Cohen's κ for two complete codings of the same units.

    ``κ = (p_o − p_e) / (1 − p_e)``, with ``p_o`` the share of agreement and
    ``p_e = Σ_c p_a(c) · p_b(c)`` the agreement expected if each coder kept
    their own class proportions but coded at random. Returns NaN when
    ``p_e = 1`` (both coders used one and the same class throughout), where κ
    is undefined.

    Example
    -------
    Cohen's two-by-two case: 20 units both "yes", 15 both "no", 5 and 10 split,
    so ``p_o = 0.7`` and ``p_e = 0.5·0.6 + 0.5·0.4 = 0.5``:

    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 6)
    0.4
    """
    return _pair_measures(a, b, "cohen_kappa")["cohen_kappa"]


def _domain(values: list, level: str, order) -> list:
    if order is not None:
        order = list(order)
        if len(set(order)) != len(order):
            raise AnalysisInputError(Problem("krippendorff_alpha()", None, "order", "values repeat"))
        unknown = ", ".join(sorted(map(repr, set(values) - set(order))))
        if unknown:
            raise AnalysisInputError(
                Problem("krippendorff_alpha()", None, "order", f"value(s) {unknown} are not in order={order}")
            )
        return order
    numeric = all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) for v in values)
    if level != "nominal" and not numeric:
        raise AnalysisInputError(
            Problem(
                "krippendorff_alpha()",
                None,
                "order",
                f"{level} alpha of non-numeric values needs order=[…] (lowest first)",
            )
        )
    try:
        return sorted(set(values))
    except TypeError:
        return list(dict.fromkeys(values))


def _delta(domain: list, totals: np.ndarray, level: str, positions: np.ndarray) -> np.ndarray:
    c, k = np.meshgrid(np.arange(len(domain)), np.arange(len(domain)), indexing="ij")
    if level == "nominal":
        return (c != k).astype(float)
    if level == "ordinal":
        cumulative = np.concatenate([[0.0], np.cumsum(totals)])
        lo, hi = np.minimum(c, k), np.maximum(c, k)
        between = cumulative[hi + 1] - cumulative[lo]
        return (between - (totals[c] + totals[k]) / 2) ** 2
    v = positions
    if level == "interval":
        return (v[c] - v[k]) ** 2
    total = v[c] + v[k]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(total == 0, 0.0, ((v[c] - v[k]) / np.where(total == 0, 1, total)) ** 2)
    return out


def krippendorff_alpha(data, *, level: str = "nominal", order=None) -> float:
    """Krippendorff's α for a units × coders table, missing values allowed.

    Returns NaN when every paired value is the same (no variation, so α is
    undefined).

    Parameters
    ----------
    data
        A DataFrame (or list of rows) with one row per unit and one column per
        coder; ``None``/NaN where a coder gave no value. Units with fewer than
        two values cannot be paired and are left out, as the coefficient
        prescribes.
    level
        One of :data:`LEVELS`. Ordinal uses Krippendorff's rank-based
        difference (it depends on how often each value is used); interval and
        ratio need numbers, or ``order`` to turn labels into positions 0, 1, …
    order
        The values from lowest to highest, for labels such as
        ``["negative", "neutral", "positive"]``. Any value outside it is an error.


    Example
    -------
    Krippendorff's (2011) worked example, 4 coders and 12 units, gives
    α = 0.743 (nominal), 0.815 (ordinal) and 0.849 (interval):

    >>> nan = None
    >>> rows = [[1, 1, nan, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    ...         [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [nan, 5, 5, 5], [nan, nan, 1, 1], [nan, 3, nan, nan]]
    >>> [round(krippendorff_alpha(rows, level=lv), 3) for lv in ("nominal", "ordinal", "interval")]
    [0.743, 0.815, 0.849]
    """
    if level not in LEVELS:
        raise AnalysisInputError(
            Problem("krippendorff_alpha()", None, "level", f"{level!r} is not one of {list(LEVELS)}")
        )
    table = data.to_numpy(dtype=object) if isinstance(data, pd.DataFrame) else np.array(data, dtype=object)
    if table.ndim != 2 or table.shape[0] == 0:
        raise AnalysisInputError(Problem("krippendorff_alpha()", None, "data", "needs a units × coders table"))
    units = [[v for v in row if not _missing(v)] for row in table]
    units = [u for u in units if len(u) >= 2]
    if not units:
        raise AnalysisInputError(Problem("krippendorff_alpha()", None, "data", "no unit has values from two coders"))
    values = [v for u in units for v in u]
    domain = _domain(values, level, order)
    index = {v: i for i, v in enumerate(domain)}
    size = len(domain)
    coincidence = np.zeros((size, size))
    for unit in units:
        counts = np.bincount([index[v] for v in unit], minlength=size).astype(float)
        coincidence += (np.outer(counts, counts) - np.diag(counts)) / (len(unit) - 1)
    totals = coincidence.sum(axis=1)
    n = totals.sum()
    if order is not None:
        positions = np.arange(size, dtype=float)
    else:
        positions = np.array(domain, dtype=float) if level in ("interval", "ratio") else np.arange(size, dtype=float)
    delta = _delta(domain, totals, level, positions)
    expected = (np.outer(totals, totals) - np.diag(totals)) * delta
    if expected.sum() == 0:
        return float("nan")
    return float(1 - (n - 1) * (coincidence * delta).sum() / expected.sum())


def pair_codings(
    first: pd.DataFrame, second: pd.DataFrame, *, keys, value: str, names=("first", "second"), what: str = "codings"
) -> pd.DataFrame:
    """Join two coders' tables on the unit keys into one row per unit.

    Every unit must be coded in both tables, once: a unit in one table only,
    or coded twice, raises :class:`~analysis.errors.AnalysisInputError` naming
    it, so agreement is never computed on a silently smaller set.

    Returns the ``keys`` columns and one column per coder, named by ``names``,
    in the row order of ``first``.

    Example
    -------
    >>> a = pd.DataFrame({"id": ["x", "y"], "label": ["neg", "pos"]})
    >>> b = pd.DataFrame({"id": ["y", "x"], "label": ["pos", "neu"]})
    >>> pair_codings(a, b, keys=["id"], value="label", names=("c1", "c2")).to_dict("list")
    {'id': ['x', 'y'], 'c1': ['neg', 'pos'], 'c2': ['neu', 'pos']}
    """
    keys = list(keys)
    if len(names) != 2 or names[0] == names[1] or set(names) & set(keys):
        raise AnalysisInputError(Problem("pair_codings()", None, "names", "needs two distinct names that are not keys"))
    problems = []
    for name, table in zip(names, (first, second)):
        require_columns(table, [*keys, value], "pair_codings()", name)
        repeated = table[table.duplicated(keys, keep=False)]
        if len(repeated):
            unit = tuple(repeated.iloc[0][keys])
            problems.append(Problem(what, None, name, f"{len(repeated)} rows share their keys, e.g. {unit}"))
    if problems:
        raise AnalysisInputError(problems)
    left = first[[*keys, value]].rename(columns={value: names[0]})
    right = second[[*keys, value]].rename(columns={value: names[1]})
    joined = left.merge(right, on=keys, how="outer", indicator=True, sort=False)
    for side, name in (("left_only", names[1]), ("right_only", names[0])):
        lost = joined[joined["_merge"] == side]
        if len(lost):
            unit = tuple(lost.iloc[0][keys])
            problems.append(Problem(what, None, name, f"{len(lost)} unit(s) not coded here, e.g. {unit}"))
    if problems:
        raise AnalysisInputError(problems)
    order = first[keys].reset_index(drop=True).reset_index().rename(columns={"index": "_row"})
    joined = joined.drop(columns="_merge").merge(order, on=keys).sort_values("_row")
    return joined.drop(columns="_row").reset_index(drop=True)


def _confusions(a: np.ndarray, b: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Confusion matrices (resample × class of a × class of b) of integer-coded ``a`` and ``b``."""
    k = int(max(a.max(), b.max())) + 1
    codes = a * k + b
    offsets = np.arange(len(draws))[:, None] * k * k
    flat = np.bincount((codes[draws] + offsets).ravel(), minlength=len(draws) * k * k)
    return flat.reshape(len(draws), k, k).astype(float)


def _measures_from_confusion(cm: np.ndarray, ordinal: bool) -> dict:
    """Agreement, κ and α for two coders from confusion matrices ``(..., k, k)``.

    For two coders and no gaps, every unit adds one to ``o[a, b]`` and one to
    ``o[b, a]`` of Krippendorff's coincidence matrix, so ``o = cm + cmᵀ``.
    """
    n = cm.sum(axis=(-2, -1))
    size = cm.shape[-1]
    p_o = np.trace(cm, axis1=-2, axis2=-1) / n
    p_e = (cm.sum(axis=-1) * cm.sum(axis=-2)).sum(axis=-1) / n**2
    with np.errstate(invalid="ignore", divide="ignore"):
        kappa = np.where(np.isclose(p_e, 1.0), np.nan, (p_o - p_e) / (1 - p_e))
    o = cm + np.swapaxes(cm, -1, -2)
    totals = o.sum(axis=-1)
    pairs = totals[..., :, None] * totals[..., None, :] - totals[..., :, None] * np.eye(size)
    deltas = {"alpha_nominal": np.broadcast_to(1 - np.eye(size), o.shape)}
    if ordinal:
        cumulative = np.concatenate([np.zeros((*totals.shape[:-1], 1)), np.cumsum(totals, axis=-1)], axis=-1)
        c, k = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
        lo, hi = np.minimum(c, k), np.maximum(c, k)
        between = cumulative[..., hi + 1] - cumulative[..., lo]
        deltas["alpha_ordinal"] = (between - (totals[..., c] + totals[..., k]) / 2) ** 2
    out = {"agreement": p_o, "cohen_kappa": kappa}
    for name, delta in deltas.items():
        expected = (pairs * delta).sum(axis=(-2, -1))
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name] = np.where(expected == 0, np.nan, 1 - (2 * n - 1) * (o * delta).sum(axis=(-2, -1)) / expected)
    return out


def agreement_table(
    codings: pd.DataFrame, *, columns, by: str | None = None, order=None, n_boot: int = 2000, seed: int = 2024
) -> pd.DataFrame:
    """Agreement for every pair of coding columns, with bootstrap intervals.

    ``codings`` has one row per unit and a column per coder or tool (for
    instance from :func:`pair_codings`, or a hand label beside a tool's class).
    For each pair of ``columns`` it reports the share of agreement, Cohen's κ,
    Krippendorff's nominal α and, when ``order`` is given, ordinal α. The
    interval is the 2.5th–97.5th percentile over ``n_boot`` resamples of the
    units (seeded, so the table is the same on every run); a resample in which
    a coefficient is undefined is left out of that coefficient's interval.

    With ``by`` (a column of ``codings``, such as the frame of a
    sentence-by-frame coding), every group is measured on its own and the
    table starts with that column; groups come in order of first appearance.

    Returns columns ``first``, ``second``, ``measure`` (``agreement``,
    ``cohen_kappa``, ``alpha_nominal``, ``alpha_ordinal``), ``n`` (units),
    ``value``, ``ci_low``, ``ci_high``.

    Example
    -------
    >>> t = pd.DataFrame({"c1": ["neg", "neu", "pos", "neu"], "c2": ["neg", "neg", "pos", "neu"]})
    >>> r = agreement_table(t, columns=["c1", "c2"], n_boot=0)
    >>> r.set_index("measure")["value"].round(3).to_dict()
    {'agreement': 0.75, 'cohen_kappa': 0.636, 'alpha_nominal': 0.667}
    """
    columns = list(columns)
    if len(columns) < 2 or len(set(columns)) != len(columns):
        raise AnalysisInputError(Problem("agreement_table()", None, "columns", "needs two or more distinct columns"))
    require_columns(codings, [*columns, *([by] if by is not None else [])], "agreement_table()", "codings")
    for column in columns:
        gaps = codings[column].isna()
        if gaps.any():
            raise AnalysisInputError(
                Problem(
                    "agreement_table()", None, column, f"{int(gaps.sum())} unit(s) have no value; pair_codings() first"
                )
            )
    domain = list(order) if order is not None else None
    if domain is None:
        seen = pd.unique(codings[columns].to_numpy(dtype=object).ravel())
        try:
            domain = sorted(seen)
        except TypeError:
            domain = list(seen)
    coded = {}
    for column in columns:
        outside = ~codings[column].isin(domain)
        if outside.any():
            unknown = ", ".join(sorted(map(repr, set(codings[column][outside]))))
            raise AnalysisInputError(
                Problem("agreement_table()", None, column, f"value(s) {unknown} are not in order={domain}")
            )
        codes = pd.Categorical(codings[column], categories=domain).codes
        coded[column] = codes.astype(np.int64)
    n = len(codings)
    if n == 0:
        raise AnalysisInputError(Problem("agreement_table()", None, "codings", "no units to compare"))
    if by is None:
        groups = [(None, np.arange(n))]
    else:
        labels = codings[by].to_numpy(dtype=object)
        groups = [(g, np.flatnonzero(labels == g)) for g in pd.unique(labels)]
    rng = np.random.default_rng(seed)
    rows = []
    for group, index in groups:
        m = len(index)
        draws = rng.integers(0, m, size=(n_boot, m))
        identity = np.arange(m)[None, :]
        for first, second in combinations(columns, 2):
            a, b = coded[first][index], coded[second][index]
            point = _measures_from_confusion(_confusions(a, b, identity), order is not None)
            boot = _measures_from_confusion(_confusions(a, b, draws), order is not None) if n_boot else {}
            for measure, value in point.items():
                values = boot.get(measure, np.array([]))
                values = values[~np.isnan(values)]
                low, high = np.percentile(values, [2.5, 97.5]) if len(values) else (np.nan, np.nan)
                rows.append(
                    ((group,) if by is not None else ())
                    + (first, second, measure, m, float(value[0]), float(low), float(high))
                )
    return pd.DataFrame(
        rows,
        columns=[*([by] if by is not None else []), "first", "second", "measure", "n", "value", "ci_low", "ci_high"],
    )
