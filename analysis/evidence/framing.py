"""The frame dictionaries against hand coding: precision on checked hits, recall on coded sentences, the balance check."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, DataFileError, Problem, require_columns
from analysis.evidence.codings import read_codings
from analysis.framing.frames import FRAME_INDICES, FramesArg, frame_hits, resolve_frames
from analysis.text import sentence_table


def frame_precision(gold: pd.DataFrame, frames: FramesArg = None) -> pd.DataFrame:
    """Precision of each frame's dictionary on hand-checked hits.

    ``gold`` needs ``frame`` and ``correct`` (1 or 0). Frames with no checked
    hit get NaN precision.

    Returns
    -------
    DataFrame with ``frame``, ``label``, ``checked``, ``correct``,
    ``precision``, in frame file order.

    Example
    -------
    >>> gold = pd.DataFrame({"frame": ["escalation"] * 4, "correct": [1, 1, 1, 0]})
    >>> frame_precision(gold).set_index("frame").loc["escalation", "precision"]
    np.float64(0.75)
    """
    table = resolve_frames(frames)
    bad = sorted(set(gold["frame"]) - set(table["key"]))
    if bad:
        raise AnalysisInputError(Problem("frame_precision()", None, "frame", f"unknown frame(s) {', '.join(bad)}"))
    values = set(pd.unique(gold["correct"]))
    if not values <= {0, 1}:
        raise AnalysisInputError(
            Problem("frame_precision()", None, "correct", f"values must be 0 or 1, got {sorted(values)}")
        )
    agg = gold.groupby("frame")["correct"].agg(["size", "sum"])
    out = pd.DataFrame({"frame": table["key"], "label": table.get("label", table["key"])})
    out["checked"] = out["frame"].map(agg["size"]).fillna(0).astype("int64")
    out["correct"] = out["frame"].map(agg["sum"]).fillna(0).astype("int64")
    out["precision"] = out["correct"] / out["checked"].where(out["checked"] > 0)
    return out


_GOLD_COLUMNS = ("id", "frame", "start", "end", "matched", "correct")


def read_frame_hits(path: str | Path) -> pd.DataFrame:
    """Read and validate hand-checked frame hits from one CSV file.

    ``load_gold("frame_hits", coder=n)`` finds the corpus's own: ``coder=1`` the
    reference judgements (``gold/frame_hits.csv``), ``coder=2`` an independent second
    reading of the same hits with the same rule (``gold/frame_hits_coder2.csv``).
    Columns ``line`` (in the file), ``id``, ``frame``, ``start``, ``end``
    (offsets into the cleaned text), ``matched``, ``correct`` (1 or 0), and any
    other column of the file (``note``); a hit (``id``, ``frame``, ``start``,
    ``end``) may appear once only.

    Raises
    ------
    analysis.errors.DataFileError
        Naming the file, the line (header = line 1) and the field of every problem.

    Example
    -------
    >>> from analysis.evidence import gold_path
    >>> gold = read_frame_hits(gold_path("frame_hits"))
    >>> sorted(gold["correct"].unique().tolist()), gold.columns[:7].tolist()
    ([0, 1], ['line', 'id', 'frame', 'start', 'end', 'matched', 'correct'])
    """
    path = Path(path)

    def check(rec):
        offsets = []
        for field in ("start", "end"):
            value = rec[field].strip()
            if value and not value.isdigit():
                yield field, f"{value!r} is not a character offset"
            offsets.append(int(value) if value.isdigit() else None)
        if None not in offsets and offsets[0] >= offsets[1]:
            yield "end", f"end {offsets[1]} is not after start {offsets[0]}"
        if rec["correct"].strip() not in ("", "0", "1"):
            yield "correct", f"{rec['correct']!r} is not 0 or 1"

    gold = read_codings(
        path, columns=_GOLD_COLUMNS, keys=["id", "frame", "start", "end"], check=check, what="frame gold file"
    )
    for field in ("start", "end", "correct"):
        gold[field] = gold[field].astype("int64")
    return gold


def read_frame_sentences(path: str | Path, *, frames: FramesArg = None) -> pd.DataFrame:
    """Read sentences coded by hand for the frames they carry, in long form.

    The file (``load_gold("frame_sentences", coder=n)`` finds the corpus's own:
    ``gold/frame_sentences.csv``, or the second reader's ``frame_sentences_coder2.csv``) has ``id``,
    ``sentence``, ``text`` (the sentence exactly as split) and one column per
    frame key holding 1 (the sentence carries the frame) or 0. Every frame
    column must name a frame of ``frames``; a sentence (``id``, ``text``) may
    be coded once only.

    Returns ``line``, ``id``, ``text``, ``frame``, ``present`` (0/1): one row
    per coded sentence and frame, in file order.

    Example
    -------
    >>> from analysis.evidence import gold_path
    >>> coded = read_frame_sentences(gold_path("frame_sentences"))
    >>> coded.columns.tolist(), sorted(coded["present"].unique().tolist())
    (['line', 'id', 'text', 'frame', 'present'], [0, 1])
    """
    table = resolve_frames(frames)
    path = Path(path)
    if not path.is_file():
        raise DataFileError(Problem(str(path), None, None, "frame sentence file does not exist"))
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh), [])
    coded = [c for c in header if c not in ("id", "sentence", "text")]
    if not coded:
        raise DataFileError(Problem(path.name, 1, None, "no frame column"))
    unknown = [c for c in coded if c not in set(table["key"])]
    if unknown:
        raise DataFileError([Problem(path.name, 1, c, "not a frame key of the frame dictionary") for c in unknown])

    def check(rec):
        for frame in coded:
            if rec[frame].strip() not in ("", "0", "1"):
                yield frame, f"{rec[frame]!r} is not 0 or 1"

    wide = read_codings(
        path, columns=["id", "text", *coded], keys=["id", "text"], check=check, what="frame sentence file"
    )
    long = wide.melt(id_vars=["line", "id", "text"], value_vars=coded, var_name="frame", value_name="present")
    long["present"] = long["present"].astype("int64")
    return long.sort_values(["line"], kind="mergesort", ignore_index=True)


def frame_detection(corpus: pd.DataFrame, coded: pd.DataFrame, frames: FramesArg = None) -> pd.DataFrame:
    """Set the dictionaries' hits beside sentences coded by hand.

    ``coded`` comes from :func:`read_frame_sentences` (or ``load_gold("frame_sentences")``). Each coded sentence is
    found among the corpus's sentences by article id and text, never by
    index; a coded sentence that is not there raises
    :class:`~analysis.errors.AnalysisInputError` naming its line.

    Returns ``id``, ``sentence``, ``text``, ``frame``, ``present`` (the coder's
    0/1), ``n_hits`` (dictionary hits of that frame in the sentence) and
    ``detected`` (``n_hits > 0``).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Tempers rose in Tehran. Iran fired missiles."]})
    >>> coded = pd.DataFrame({"line": [2, 3], "id": ["a", "a"], "text": ["Tempers rose in Tehran.", "Iran fired missiles."],
    ...                       "frame": ["escalation"] * 2, "present": [1, 1]})
    >>> frame_detection(corpus, coded)[["sentence", "present", "detected"]].values.tolist()
    [[0, 1, False], [1, 1, True]]
    """
    require_columns(coded, ["id", "text", "frame", "present"], "frame_detection()", "coded")
    table = resolve_frames(frames)
    unknown = sorted(set(coded["frame"]) - set(table["key"]))
    if unknown:
        raise AnalysisInputError(Problem("frame_detection()", None, "frame", f"unknown frame(s) {', '.join(unknown)}"))
    sentences = sentence_table(corpus)[["id", "sentence", "text"]].drop_duplicates(["id", "text"])
    out = coded.merge(sentences, on=["id", "text"], how="left")
    lost = out[out["sentence"].isna()].drop_duplicates(["id", "text"])
    if len(lost):
        raise AnalysisInputError(
            [
                Problem(
                    "frame sentence codings",
                    int(r.line) if "line" in out.columns else None,
                    "text",
                    f"no sentence of {r.id!r} reads {r.text[:60]!r}",
                )
                for r in lost.itertuples(index=False)
            ]
        )
    hits = frame_hits(corpus, table)
    counts = hits.groupby(["id", "sentence_text", "frame"]).size().rename("n_hits").reset_index()
    out = out.merge(counts.rename(columns={"sentence_text": "text"}), on=["id", "text", "frame"], how="left")
    out["n_hits"] = out["n_hits"].fillna(0).astype("int64")
    out["sentence"] = out["sentence"].astype("int64")
    out["present"] = out["present"].astype("int64")
    out["detected"] = out["n_hits"] > 0
    return out[["id", "sentence", "text", "frame", "present", "n_hits", "detected"]]


def frame_recall(detection: pd.DataFrame, frames: FramesArg = None) -> pd.DataFrame:
    """Sentence-level recall and precision of each frame's dictionary.

    From :func:`frame_detection`: ``coded`` sentences carry the frame by hand,
    ``found`` of them have a hit, ``missed`` have none, ``extra`` sentences have
    a hit but not the frame. ``recall = found / coded``;
    ``precision = found / (found + extra)`` (NaN when undefined). The last row,
    ``frame = "all"``, pools every frame (micro-average).

    Returns ``frame``, ``label``, ``coded``, ``found``, ``missed``, ``extra``,
    ``recall``, ``precision``, in frame file order.

    Example
    -------
    >>> d = pd.DataFrame({"frame": ["escalation"] * 4, "present": [1, 1, 0, 0], "detected": [True, False, True, False]})
    >>> r = frame_recall(d).set_index("frame").loc["escalation"]
    >>> int(r["found"]), int(r["missed"]), int(r["extra"]), float(r["recall"]), float(r["precision"])
    (1, 1, 1, 0.5, 0.5)
    """
    require_columns(detection, ["frame", "present", "detected"], "frame_recall()", "detection")
    table = resolve_frames(frames)
    labels = dict(zip(table["key"], table.get("label", table["key"])))
    rows = []
    groups = [(k, detection[detection["frame"] == k]) for k in table["key"] if k in set(detection["frame"])]
    for key, part in [*groups, ("all", detection)]:
        present, detected = part["present"].astype(bool), part["detected"].astype(bool)
        found, missed, extra = (
            int((present & detected).sum()),
            int((present & ~detected).sum()),
            int((~present & detected).sum()),
        )
        rows.append(
            (
                key,
                labels.get(key, "All frames"),
                found + missed,
                found,
                missed,
                extra,
                found / (found + missed) if found + missed else np.nan,
                found / (found + extra) if found + extra else np.nan,
            )
        )
    return pd.DataFrame(rows, columns=["frame", "label", "coded", "found", "missed", "extra", "recall", "precision"])


def coded_balance(detection: pd.DataFrame) -> pd.DataFrame:
    """Escalation balance per article by sentences, as coded by hand and as the dictionaries find them.

    From :func:`frame_detection` with both ``escalation`` and ``de-escalation``
    coded. A sentence counts once per frame however many words it has, so
    this balance weighs sentences, where :func:`~analysis.framing.frames.escalation_balance` weighs
    words. ``balance = (esc − deesc) / (esc + deesc)``, NaN when both are 0.

    Returns ``id``, ``esc_coded``, ``deesc_coded``, ``balance_coded``,
    ``esc_found``, ``deesc_found``, ``balance_found``, in order of first appearance.

    Example
    -------
    >>> d = pd.DataFrame({"id": ["a"] * 4, "frame": ["escalation", "de-escalation"] * 2,
    ...                   "present": [1, 1, 0, 1], "detected": [True, False, True, False]})
    >>> coded_balance(d)[["esc_coded", "deesc_coded", "balance_coded", "balance_found"]].values.tolist()
    [[1.0, 2.0, -0.3333333333333333, 1.0]]
    """
    require_columns(detection, ["id", "frame", "present", "detected"], "coded_balance()", "detection")
    lacking = [k for k in FRAME_INDICES if k not in set(detection["frame"])]
    if lacking:
        raise AnalysisInputError(Problem("coded_balance()", None, "frame", f"no coding for {', '.join(lacking)}"))
    part = detection[detection["frame"].isin(FRAME_INDICES)].assign(
        present=lambda t: t["present"].astype("int64"), detected=lambda t: t["detected"].astype("int64")
    )
    ids = list(dict.fromkeys(part["id"]))
    out = pd.DataFrame({"id": ids})
    for column, suffix in (("present", "coded"), ("detected", "found")):
        sums = part.groupby(["id", "frame"])[column].sum().unstack(fill_value=0)
        esc, deesc = sums["escalation"].reindex(ids).to_numpy(float), sums["de-escalation"].reindex(ids).to_numpy(float)
        out[f"esc_{suffix}"], out[f"deesc_{suffix}"] = esc, deesc
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"balance_{suffix}"] = np.where(esc + deesc > 0, (esc - deesc) / (esc + deesc), np.nan)
    return out[["id", "esc_coded", "deesc_coded", "balance_coded", "esc_found", "deesc_found", "balance_found"]]


def balance_check(detection: pd.DataFrame, balance: pd.DataFrame) -> pd.DataFrame:
    """The escalation balance by hand-coded sentences beside the balance by dictionary words.

    ``detection`` from :func:`frame_detection`, ``balance`` from
    :func:`~analysis.framing.frames.escalation_balance`. Articles where either balance is undefined
    are left out.

    Returns ``id``, ``esc_coded``, ``deesc_coded``, ``balance_coded``,
    ``balance_words`` and ``sign_differs`` (the two balances fall on different
    sides of 0, counting 0 as its own side).

    Example
    -------
    >>> d = pd.DataFrame({"id": ["a"] * 2, "frame": ["escalation", "de-escalation"],
    ...                   "present": [0, 1], "detected": [True, False]})
    >>> balance_check(d, pd.DataFrame({"id": ["a"], "balance": [1.0]}))[["balance_coded", "sign_differs"]].values.tolist()
    [[-1.0, True]]
    """
    require_columns(balance, ["id", "balance"], "balance_check()", "balance")
    table = coded_balance(detection).merge(balance[["id", "balance"]], on="id")
    table = table.rename(columns={"balance": "balance_words"}).dropna(subset=["balance_coded", "balance_words"])
    table["sign_differs"] = np.sign(table["balance_coded"]) != np.sign(table["balance_words"])
    return table[["id", "esc_coded", "deesc_coded", "balance_coded", "balance_words", "sign_differs"]].reset_index(
        drop=True
    )
