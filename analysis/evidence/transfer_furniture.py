"""Transfer, the cleaning half: how well the cleaning rules carry over to pages from other outlets.

The cleaner (:func:`analysis.clean.classify_lines`) is run on the transfer set's
labelled pages (:mod:`analysis.evidence.transfer_set`) and compared with the labels:
:func:`furniture_scores` (share of furniture lines removed and of body lines kept,
per kind), :func:`furniture_errors`, and, for a rule-writing process that does not
grade itself on the lines it was written from, :func:`split_furniture_scores` over
two halves of the set split by outlet (:func:`outlet_split`): rules are tuned on
``dev`` and checked on ``held-out``. :func:`cleaning_transfer_table` gives the
figures a book page shows. :mod:`analysis.evidence.transfer` re-exports all of it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.clean import Rule, classify_lines
from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.evidence.transfer_set import BODY_KINDS, FURNITURE_KINDS, load_transfer_lines, load_transfer_pages

__all__ = [
    "SPLITS",
    "classify_transfer_lines",
    "cleaning_transfer_table",
    "default_transfer_dir",
    "furniture_errors",
    "furniture_scores",
    "outlet_split",
    "retrieval_batch",
    "set_splits",
    "split_furniture_scores",
]

#: The two halves of the transfer set's pages (rules are tuned on ``dev`` and checked on ``held-out``).
SPLITS = ("dev", "held-out")


def outlet_split(outlet: str) -> str:
    """The half of the transfer set an outlet's pages belong to: ``"dev"`` or ``"held-out"``.

    Deterministic and decided by the outlet alone (the parity of the SHA-256 of its
    name, trimmed and lower-cased), so every page of one outlet falls in the same
    half and a rule tuned on the ``dev`` pages meets the ``held-out`` outlets for
    the first time.

    Example
    -------
    >>> outlet_split("Axios"), outlet_split("CNN"), outlet_split(" axios ")
    ('dev', 'held-out', 'dev')
    """
    digest = hashlib.sha256(str(outlet).strip().lower().encode("utf-8")).digest()
    return SPLITS[digest[-1] % 2]


def retrieval_batch(retrieved_from: str) -> str:
    """The batch a transfer-set row was added in: ``"retrieved YYYY-MM-DD"``, the last date its ``retrieved_from`` names.

    Rows were added in batches, each retrieved on one day, so the rows of a later
    batch (outlets the rules had never met when they were written) can be scored
    alone. A second batch retrieved on the same day names its session right after
    the date, ``"2026-12-02 (session 6)"``, and is its own batch,
    ``"retrieved 2026-12-02 (session 6)"``. A ``retrieved_from`` without a date
    gives ``"retrieved (no date)"``.

    Example
    -------
    >>> retrieval_batch("search tool, corpus 'pages' (stored public copy), 2026-12-02")
    'retrieved 2026-12-02'
    >>> retrieval_batch("search tool, corpus 'pages' (stored public copy), 2026-12-02 (session 6)")
    'retrieved 2026-12-02 (session 6)'
    >>> retrieval_batch("stored copy")
    'retrieved (no date)'
    """
    dates = re.findall(r"\b(\d{4}-\d{2}-\d{2})\b(?:\s*(\(session\s+\d+\)))?", str(retrieved_from))
    if not dates:
        return "retrieved (no date)"
    date, session = dates[-1]
    return f"retrieved {date} {session}" if session else f"retrieved {date}"


def set_splits(table: pd.DataFrame) -> dict[str, pd.Series]:
    """Masks of the parts of the set a figure is reported on, in report order.

    ``table`` needs ``outlet`` and ``retrieved_from`` (a page or article list).
    Returns ``{"dev": mask, "held-out": mask, "retrieved <date>": mask, ...,
    "all": mask}``: the two halves by outlet (:func:`outlet_split`), each
    batch (:func:`retrieval_batch`, in date order) and everything.

    Example
    -------
    >>> t = pd.DataFrame({"outlet": ["Axios", "CNN"], "retrieved_from": ["x, 2026-12-01", "x, 2026-12-02"]})
    >>> {k: v.tolist() for k, v in set_splits(t).items()}
    {'dev': [True, False], 'held-out': [False, True], 'retrieved 2026-12-01': [True, False], \
'retrieved 2026-12-02': [False, True], 'all': [True, True]}
    """
    require_columns(table, ["outlet", "retrieved_from"], "set_splits()", "table")
    halves = table["outlet"].map(outlet_split)
    batches = table["retrieved_from"].map(retrieval_batch)
    out = {split: halves == split for split in SPLITS}
    out.update({batch: batches == batch for batch in sorted(batches.unique())})
    out["all"] = pd.Series(True, index=table.index)
    return out


def classify_transfer_lines(
    pages: pd.DataFrame, lines: pd.DataFrame, *, use_title: bool = True, rules: tuple[Rule, ...] | None = None
) -> pd.DataFrame:
    """The cleaner's verdict on every labelled line: :func:`analysis.clean.classify_lines` on each page.

    ``pages`` needs ``id`` and ``raw_text`` (and ``title``, passed to the
    cleaner as the metadata title when ``use_title`` and not empty);
    ``lines`` needs ``page``, ``line``, ``label``, ``kind`` and ``text``
    (as from :func:`analysis.evidence.transfer_set.load_transfer_lines`). ``rules`` as in
    :func:`analysis.clean.load_rules` (default: the shipped rules).

    Returns the rows of ``lines`` with ``category`` and ``rule`` from the
    cleaner, ``removed`` (the cleaner did not keep the line as body) and
    ``correct`` (removed exactly when labelled furniture).

    Example
    -------
    >>> pages = pd.DataFrame({"id": ["p"], "title": ["Big News"], "raw_text": ["Big News\\nThe minister spoke."]})
    >>> lines = pd.DataFrame({"page": ["p", "p"], "line": [1, 2], "label": ["furniture", "body"],
    ...                       "kind": ["headline", "text"], "text": ["Big News", "The minister spoke."]})
    >>> classify_transfer_lines(pages, lines)[["line", "category", "removed", "correct"]].values.tolist()
    [[1, 'headline', True, True], [2, 'body', False, True]]
    """
    require_columns(pages, ["id", "raw_text"], "classify_transfer_lines()", "pages")
    require_columns(lines, ["page", "line", "label", "kind", "text"], "classify_transfer_lines()", "lines")
    titles = pages["title"] if "title" in pages.columns else pd.Series([""] * len(pages))
    parts = []
    for page, raw, title in zip(pages["id"], pages["raw_text"], titles.fillna("")):
        title = str(title).strip() if use_title else ""
        verdict = classify_lines(raw, title=title or None, rules=rules)
        parts.append(verdict[["line", "category", "rule"]].assign(page=page))
    verdicts = (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["page", "line", "category", "rule"])
    )
    out = lines[["page", "line", "label", "kind", "text"]].merge(verdicts, on=["page", "line"], how="left")
    missing = out["category"].isna()
    if missing.any():
        first = out[missing].iloc[0]
        raise AnalysisInputError(
            Problem(
                "classify_transfer_lines()",
                None,
                "lines",
                f"line {first['line']} of {first['page']!r} is not on the page",
            )
        )
    out["removed"] = out["category"] != "body"
    out["correct"] = out["removed"] == (out["label"] == "furniture")
    return out


def _shares(verdicts: pd.DataFrame, label: str, kinds: tuple[str, ...], measure: str) -> list[tuple]:
    part = verdicts[verdicts["label"] == label]
    hit = part["removed"] if label == "furniture" else ~part["removed"]
    rows = [(measure, "all", len(part), int(hit.sum()))]
    rows += [(measure, k, int((part["kind"] == k).sum()), int(hit[part["kind"] == k].sum())) for k in kinds]
    return [r for r in rows if r[2] > 0 or r[1] == "all"]


def _furniture_shares(verdicts: pd.DataFrame) -> pd.DataFrame:
    rows = _shares(verdicts, "furniture", FURNITURE_KINDS, "furniture removed")
    rows += _shares(verdicts, "body", BODY_KINDS, "body kept")
    out = pd.DataFrame(rows, columns=["measure", "kind", "lines", "hits"])
    out["share"] = np.where(out["lines"] > 0, out["hits"] / out["lines"].where(out["lines"] > 0, 1), np.nan)
    return out


def furniture_scores(
    pages: pd.DataFrame, lines: pd.DataFrame, *, use_title: bool = True, rules: tuple[Rule, ...] | None = None
) -> pd.DataFrame:
    """Share of furniture lines the cleaner removes and of body lines it keeps, overall and per kind.

    Runs :func:`classify_transfer_lines` (same arguments). A line is removed
    when the cleaner gives it any category but ``body`` (embedded posts are
    separated, so they count as removed).

    Returns
    -------
    DataFrame with ``measure`` (``"furniture removed"`` or ``"body kept"``),
    ``kind`` (``"all"``, then each kind present, in the order of
    ``FURNITURE_KINDS`` / ``BODY_KINDS``), ``lines`` (labelled lines),
    ``hits`` (of those, removed for furniture, kept for body) and ``share``
    (``hits / lines``; NaN when there are no lines).

    Example
    -------
    >>> pages = pd.DataFrame({"id": ["p"], "title": [""], "raw_text": ["Subscribe\\nThe minister spoke."]})
    >>> lines = pd.DataFrame({"page": ["p", "p"], "line": [1, 2], "label": ["furniture", "body"],
    ...                       "kind": ["share", "text"], "text": ["Subscribe", "The minister spoke."]})
    >>> furniture_scores(pages, lines)[["measure", "kind", "lines", "hits"]].values.tolist()
    [['furniture removed', 'all', 1, 1], ['furniture removed', 'share', 1, 1], ['body kept', 'all', 1, 1], ['body kept', 'text', 1, 1]]
    """
    return _furniture_shares(classify_transfer_lines(pages, lines, use_title=use_title, rules=rules))


def split_furniture_scores(pages: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """Furniture removed and body kept on each half of the set (:func:`outlet_split`) and on all of it.

    ``pages`` needs ``id`` and ``outlet``; ``verdicts`` as from
    :func:`classify_transfer_lines`. Returns ``split`` (``"dev"``,
    ``"held-out"``, ``"all"``; with a ``retrieved_from`` column in ``pages``,
    each batch too, before ``"all"``: :func:`set_splits`), ``measure``,
    ``lines``, ``hits`` and ``share``, as the ``"all"`` rows of
    :func:`furniture_scores`.

    Example
    -------
    >>> pages = pd.DataFrame({"id": ["p", "q"], "outlet": ["Axios", "CNN"]})
    >>> v = pd.DataFrame({"page": ["p", "q"], "line": [1, 1], "label": ["furniture", "furniture"],
    ...                   "kind": ["share", "share"], "removed": [True, False]})
    >>> out = split_furniture_scores(pages, v)
    >>> out[out["measure"] == "furniture removed"][["split", "lines", "hits"]].values.tolist()
    [['dev', 1, 1], ['held-out', 1, 0], ['all', 2, 1]]
    """
    require_columns(pages, ["id", "outlet"], "split_furniture_scores()", "pages")
    require_columns(verdicts, ["page", "label", "kind", "removed"], "split_furniture_scores()", "verdicts")
    if "retrieved_from" in pages.columns:
        masks = set_splits(pages)
    else:
        halves = pages["outlet"].map(outlet_split)
        masks = {**{split: halves == split for split in SPLITS}, "all": pd.Series(True, index=pages.index)}
    parts = []
    for split, mask in masks.items():
        part = verdicts[verdicts["page"].isin(set(pages.loc[mask, "id"]))]
        shares = _furniture_shares(part)
        parts.append(shares[shares["kind"] == "all"].drop(columns="kind").assign(split=split))
    out = pd.concat(parts, ignore_index=True)
    return out[["split", "measure", "lines", "hits", "share"]]


def default_transfer_dir() -> Path | None:
    """The repository's transfer set, ``tests/transfer`` beside the package; ``None`` when this copy has none.

    Example
    -------
    >>> d = default_transfer_dir()
    >>> d is None or (d / "pages.csv").is_file()
    True
    """
    folder = Path(__file__).resolve().parents[2] / "tests" / "transfer"
    return folder if (folder / "pages.csv").is_file() else None


def cleaning_transfer_table(directory, *, rules: tuple[Rule, ...] | None = None) -> pd.DataFrame:
    """The cleaning's transfer figures for a book page: each half of the set and all of it.

    Loads the set in ``directory`` and scores the rules (default: the shipped ones) with the
    page titles passed, as the corpus loader passes metadata titles.

    Returns one row per ``split`` (``"dev"``, ``"held-out"``, ``"all"``) with ``pages``,
    ``outlets``, ``furniture_lines``, ``furniture_removed`` (share), ``body_lines`` and
    ``body_kept`` (share).

    Example
    -------
    >>> d = default_transfer_dir()
    >>> d is None or cleaning_transfer_table(d)["split"].tolist() == ["dev", "held-out", "all"]
    True
    """
    pages = load_transfer_pages(directory)
    lines = load_transfer_lines(directory, pages=pages)
    scores = split_furniture_scores(pages, classify_transfer_lines(pages, lines, rules=rules))
    halves = pages["outlet"].map(outlet_split)
    rows = []
    for split in (*SPLITS, "all"):
        part = pages if split == "all" else pages[halves == split]
        got = scores[scores["split"] == split].set_index("measure")
        rows.append(
            {
                "split": split,
                "pages": len(part),
                "outlets": part["outlet"].nunique(),
                "furniture_lines": int(got.loc["furniture removed", "lines"]),
                "furniture_removed": float(got.loc["furniture removed", "share"]),
                "body_lines": int(got.loc["body kept", "lines"]),
                "body_kept": float(got.loc["body kept", "share"]),
            }
        )
    return pd.DataFrame(rows)


def furniture_errors(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The lines the cleaner gets wrong: furniture kept as body, and body removed.

    ``verdicts`` as from :func:`classify_transfer_lines`. Returns its wrong
    rows with an ``error`` column (``"furniture kept"`` or ``"body removed"``)
    first, in page and line order.

    Example
    -------
    >>> v = pd.DataFrame({"page": ["p", "p"], "line": [1, 2], "label": ["furniture", "body"], "kind": ["share", "text"],
    ...                   "text": ["Share", "Hi."], "category": ["body", "body"], "rule": ["", ""],
    ...                   "removed": [False, False], "correct": [False, True]})
    >>> furniture_errors(v)[["error", "line", "kind"]].values.tolist()
    [['furniture kept', 1, 'share']]
    """
    require_columns(verdicts, ["page", "line", "label", "removed", "correct"], "furniture_errors()", "verdicts")
    wrong = verdicts[~verdicts["correct"]].copy()
    wrong.insert(0, "error", np.where(wrong["label"] == "furniture", "furniture kept", "body removed"))
    return wrong.sort_values(["page", "line"], ignore_index=True)
