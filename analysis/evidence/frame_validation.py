"""The frame dictionaries against one corpus's hand coding: which coding it has, and every figure drawn from it.

Two kinds of gold check the dictionaries (rules in ``corpus/gold/README.md``):

- checked hits (``frame_hits``): each hit marked correct or not, which gives
  precision per frame (:func:`check_hits`);
- coded sentences (``frame_sentences``): every sentence of some articles
  marked for the frames it carries, which gives recall and the escalation
  balance by sentences (:func:`check_sentences`).

A second reader's coding of the same units, when the corpus has one, adds
agreement between readers and the same figures by the second reading.
:func:`validate_hits` and :func:`validate_sentences` read the corpus's own gold
(:func:`~analysis.evidence.gold.load_gold`) and return ``None`` when it has none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.evidence.agreement import agreement_table, pair_codings
from analysis.evidence.framing import balance_check, frame_detection, frame_precision, frame_recall
from analysis.evidence.gold import has_gold, load_gold
from analysis.framing.frames import FramesArg

#: The names of the two readers' columns in the paired codings.
READERS = ("reader 1", "reader 2")


@dataclass(frozen=True)
class HitCheck:
    """Precision of the dictionaries on checked hits (from :func:`check_hits`).

    ``precision`` is :func:`~analysis.evidence.framing.frame_precision` of the
    first reader's judgements (``gold``); ``n_checked``, ``n_correct`` and
    ``overall`` (their ratio, NaN with no hit) pool every frame; ``weakest`` is
    the checked frame of lowest precision (fewest checked hits first on a
    tie; ``None`` when no hit was checked); ``n_negated`` and ``n_names`` count
    the judgements whose ``note`` says ``negated`` or ``name``.

    With a second reader: ``pairs`` (both judgements per hit, from
    :func:`~analysis.evidence.agreement.pair_codings`), ``agreement``
    (:func:`~analysis.evidence.agreement.agreement_table` indexed by
    ``measure``), ``n_split`` (hits judged differently), ``precision_2`` and
    ``overall_2``, and ``moved``: the checked frames whose precision differs
    between the readers (``frame``, ``label``, ``precision``,
    ``precision_2``). Without one these are ``None`` (``moved`` empty).
    """

    gold: pd.DataFrame
    precision: pd.DataFrame
    n_checked: int
    n_correct: int
    overall: float
    weakest: pd.Series | None
    n_negated: int
    n_names: int
    pairs: pd.DataFrame | None = None
    agreement: pd.DataFrame | None = None
    n_split: int | None = None
    precision_2: pd.DataFrame | None = None
    overall_2: float | None = None
    moved: pd.DataFrame | None = None


def _ratio(num, den) -> float:
    return float(num) / float(den) if den else float("nan")


def _notes(gold: pd.DataFrame, word: str) -> int:
    if "note" not in gold.columns:
        return 0
    return int(gold["note"].fillna("").astype(str).str.contains(word).sum())


def check_hits(
    gold: pd.DataFrame, gold_2: pd.DataFrame | None = None, *, frames: FramesArg = None, n_boot: int = 2000
) -> HitCheck:
    """Precision per frame on hand-checked hits, and agreement with a second reader when there is one.

    ``gold`` and ``gold_2`` as from ``load_gold("frame_hits")`` and
    ``load_gold("frame_hits", coder=2)``: ``id``, ``frame``, ``start``, ``end``,
    ``correct`` (1 or 0) and, optionally, ``note``. The second reader must have
    judged the same hits (else :func:`~analysis.evidence.agreement.pair_codings`
    raises). ``n_boot`` resamples give κ's interval.

    Returns a :class:`HitCheck`.

    Example
    -------
    >>> g = pd.DataFrame({"id": ["a", "a", "b"], "frame": ["escalation", "morality", "morality"], "start": [0, 5, 0],
    ...                   "end": [4, 9, 4], "correct": [1, 1, 0], "note": ["", "", "a name"]})
    >>> c = check_hits(g, g.assign(correct=[1, 0, 0]), n_boot=0)
    >>> c.n_checked, c.n_correct, c.weakest["frame"], c.n_names, c.n_split, c.moved["frame"].tolist()
    (3, 2, 'morality', 1, 1, ['morality'])
    """
    require_columns(gold, ["frame", "correct"], "check_hits()", "gold")
    precision = frame_precision(gold, frames)
    checked = precision[precision["checked"] > 0]
    n_checked, n_correct = int(precision["checked"].sum()), int(precision["correct"].sum())
    base = {
        "gold": gold,
        "precision": precision,
        "n_checked": n_checked,
        "n_correct": n_correct,
        "overall": _ratio(n_correct, n_checked),
        "weakest": checked.sort_values(["precision", "checked"]).iloc[0] if len(checked) else None,
        "n_negated": _notes(gold, "negated"),
        "n_names": _notes(gold, "name"),
    }
    if gold_2 is None:
        return HitCheck(**base)
    pairs = pair_codings(
        gold, gold_2, keys=["id", "frame", "start", "end"], value="correct", names=READERS, what="frame-hit judgements"
    )
    agreement = agreement_table(pairs, columns=list(READERS), n_boot=n_boot).set_index("measure")
    precision_2 = frame_precision(gold_2, frames)
    both = precision[["frame", "label", "checked", "precision"]].merge(
        precision_2[["frame", "precision"]].rename(columns={"precision": "precision_2"}), on="frame"
    )
    moved = both[(both["checked"] > 0) & (both["precision"] != both["precision_2"])]
    return HitCheck(
        **base,
        pairs=pairs,
        agreement=agreement,
        n_split=int((pairs[READERS[0]] != pairs[READERS[1]]).sum()),
        precision_2=precision_2,
        overall_2=_ratio(precision_2["correct"].sum(), precision_2["checked"].sum()),
        moved=moved[["frame", "label", "precision", "precision_2"]].reset_index(drop=True),
    )


def validate_hits(
    frames: FramesArg = None, *, corpus_dir: str | os.PathLike | None = None, n_boot: int = 2000
) -> HitCheck | None:
    """:func:`check_hits` on the corpus's own checked hits (and the second reader's, when present).

    Returns ``None`` when the corpus has no ``gold/frame_hits.csv``: its
    dictionaries' precision is then unknown, and a page says so.

    Example
    -------
    >>> check = validate_hits(n_boot=0)
    >>> check.n_checked >= check.n_correct > 0, check.pairs is not None
    (True, True)
    """
    if not has_gold("frame_hits", corpus_dir=corpus_dir):
        return None
    gold = load_gold("frame_hits", corpus_dir=corpus_dir)
    gold_2 = None
    if has_gold("frame_hits", coder=2, corpus_dir=corpus_dir):
        gold_2 = load_gold("frame_hits", coder=2, corpus_dir=corpus_dir)
    return check_hits(gold, gold_2, frames=frames, n_boot=n_boot)


@dataclass(frozen=True)
class SentenceCheck:
    """The dictionaries against sentences coded by hand (from :func:`check_sentences`).

    ``coded`` holds the first reader's codings of this corpus's articles
    (``n_sentences`` sentences of ``n_articles`` articles); ``detection`` is
    :func:`~analysis.evidence.framing.frame_detection`, ``recall``
    :func:`~analysis.evidence.framing.frame_recall` (``overall`` its ``all``
    row, ``per_frame`` its rows of frames coded at least once), ``weakest``
    the frame of lowest recall (the most coded first on a tie), ``missed`` the
    sentences carrying that frame that no hit found, and ``balance`` the
    :func:`~analysis.evidence.framing.balance_check`.

    With a second reader: ``readers`` (both codings per sentence and frame),
    ``agreement`` (overall, indexed by ``measure``), ``kappa_by_frame`` (κ per
    frame; empty without a second reader), ``recall_2`` and ``overall_2``,
    ``balance_2``, and ``same_flips`` (whether the second reading gives the
    same articles a balance of the other sign than the words).
    """

    coded: pd.DataFrame
    n_sentences: int
    n_articles: int
    detection: pd.DataFrame
    recall: pd.DataFrame
    overall: pd.Series
    per_frame: pd.DataFrame
    weakest: pd.Series | None
    missed: pd.DataFrame
    balance: pd.DataFrame
    kappa_by_frame: pd.Series
    readers: pd.DataFrame | None = None
    agreement: pd.DataFrame | None = None
    recall_2: pd.DataFrame | None = None
    overall_2: pd.Series | None = None
    balance_2: pd.DataFrame | None = None
    same_flips: bool | None = None


def _of_corpus(coded: pd.DataFrame | None, corpus: pd.DataFrame) -> pd.DataFrame | None:
    if coded is None:
        return None
    require_columns(coded, ["id", "text", "frame", "present"], "check_sentences()", "coded")
    mine = coded[coded["id"].isin(set(corpus["id"]))]
    return mine if len(mine) else None


def check_sentences(
    corpus: pd.DataFrame,
    coded: pd.DataFrame,
    balance: pd.DataFrame,
    coded_2: pd.DataFrame | None = None,
    *,
    frames: FramesArg = None,
    n_boot: int = 2000,
) -> SentenceCheck:
    """Recall of the dictionaries on sentences coded by hand, the balance check, and a second reader's agreement.

    ``coded`` and ``coded_2`` as from ``load_gold("frame_sentences", frames=...)``
    (and ``coder=2``); codings of articles not in ``corpus`` are left out, and
    at least one must remain. Both escalation and de-escalation must be coded
    (for the balance). ``balance`` comes from
    :func:`~analysis.framing.frames.escalation_balance`. ``n_boot`` resamples
    give the interval of the overall κ (κ per frame has none).

    Returns a :class:`SentenceCheck`.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran fired missiles. Talks went well."]})
    >>> coded = pd.DataFrame({"line": [2, 3, 4, 5], "id": ["a"] * 4,
    ...     "text": ["Iran fired missiles.", "Talks went well."] * 2,
    ...     "frame": ["escalation"] * 2 + ["de-escalation"] * 2, "present": [1, 1, 0, 1]})
    >>> c = check_sentences(corpus, coded, pd.DataFrame({"id": ["a"], "balance": [0.0]}), n_boot=0)
    >>> c.overall["recall"], c.weakest["frame"], c.missed["text"].tolist()
    (np.float64(0.6666666666666666), 'escalation', ['Talks went well.'])
    """
    mine = _of_corpus(coded, corpus)
    if mine is None:
        raise AnalysisInputError(Problem("check_sentences()", None, "coded", "no coded sentence of this corpus"))
    detection = frame_detection(corpus, mine, frames)
    recall = frame_recall(detection, frames)
    per_frame = recall[(recall["frame"] != "all") & (recall["coded"] > 0)]
    weakest = per_frame.sort_values(["recall", "coded"], ascending=[True, False]).iloc[0] if len(per_frame) else None
    missed = detection.iloc[0:0]
    if weakest is not None:
        missed = detection[
            (detection["frame"] == weakest["frame"]) & (detection["present"] == 1) & ~detection["detected"]
        ]
    check = balance_check(detection, balance)
    base = {
        "coded": mine,
        "n_sentences": int(mine[["id", "text"]].drop_duplicates().shape[0]),
        "n_articles": int(mine["id"].nunique()),
        "detection": detection,
        "recall": recall,
        "overall": recall[recall["frame"] == "all"].iloc[0],
        "per_frame": per_frame,
        "weakest": weakest,
        "missed": missed,
        "balance": check,
        "kappa_by_frame": pd.Series(dtype=float),
    }
    mine_2 = _of_corpus(coded_2, corpus)
    if mine_2 is None:
        return SentenceCheck(**base)
    readers = pair_codings(
        mine, mine_2, keys=["id", "text", "frame"], value="present", names=READERS, what="frame sentence codings"
    )
    by_frame = agreement_table(readers, columns=list(READERS), by="frame", n_boot=0)
    detection_2 = frame_detection(corpus, mine_2, frames)
    recall_2 = frame_recall(detection_2, frames)
    check_2 = balance_check(detection_2, balance)
    flips = set(check.loc[check["sign_differs"], "id"])
    return SentenceCheck(
        **{**base, "kappa_by_frame": by_frame[by_frame["measure"] == "cohen_kappa"].set_index("frame")["value"]},
        readers=readers,
        agreement=agreement_table(readers, columns=list(READERS), n_boot=n_boot).set_index("measure"),
        recall_2=recall_2,
        overall_2=recall_2[recall_2["frame"] == "all"].iloc[0],
        balance_2=check_2,
        same_flips=flips == set(check_2.loc[check_2["sign_differs"], "id"]),
    )


def validate_sentences(
    corpus: pd.DataFrame,
    balance: pd.DataFrame,
    frames: FramesArg = None,
    *,
    corpus_dir: str | os.PathLike | None = None,
    n_boot: int = 2000,
) -> SentenceCheck | None:
    """:func:`check_sentences` on the corpus's own coded sentences (and the second reader's, when present).

    Returns ``None`` when the corpus has no ``gold/frame_sentences.csv`` or
    none of its rows belongs to an article of ``corpus``.

    Example
    -------
    >>> from analysis.corpus import load_corpus
    >>> from analysis.framing import escalation_balance
    >>> corpus = load_corpus()
    >>> check = validate_sentences(corpus, escalation_balance(corpus), n_boot=0)
    >>> check.n_articles == corpus["id"].nunique(), check.readers is not None
    (True, True)
    """
    if not has_gold("frame_sentences", corpus_dir=corpus_dir):
        return None
    coded = _of_corpus(load_gold("frame_sentences", frames=frames, corpus_dir=corpus_dir), corpus)
    if coded is None:
        return None
    coded_2 = None
    if has_gold("frame_sentences", coder=2, corpus_dir=corpus_dir):
        coded_2 = load_gold("frame_sentences", coder=2, frames=frames, corpus_dir=corpus_dir)
    return check_sentences(corpus, coded, balance, coded_2, frames=frames, n_boot=n_boot)
