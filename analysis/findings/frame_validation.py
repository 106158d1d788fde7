"""Sentences about the frame dictionaries' validation on one corpus, chosen from its hand coding (or its lack).

Each function returns the texts a page states, keyed by what they say, from
the checks of :mod:`analysis.evidence.frame_validation`. A corpus without
hand coding gets one sentence that says so, and ``n/a`` for every figure.
"""

from __future__ import annotations

import pandas as pd

from analysis.evidence.frame_validation import HitCheck, SentenceCheck
from analysis.findings.framing import describe_balance_check, describe_recall_tilt
from analysis.formatting import format_value, join_words

NA = "n/a"


def describe_missing_coding(*, hits_checked: bool, sentences_coded: bool) -> str:
    """The one sentence a page states when the corpus lacks hand coding of its frames ("" when it has both kinds).

    ``hits_checked``: the corpus has checked dictionary hits
    (``gold/frame_hits.csv``); ``sentences_coded``: it has sentences coded for
    their frames (``gold/frame_sentences.csv``).

    Example
    -------
    >>> describe_missing_coding(hits_checked=False, sentences_coded=False)[:60]
    'No hand coding of the frame dictionaries exists for this cor'
    >>> describe_missing_coding(hits_checked=True, sentences_coded=True)
    ''
    """
    if not hits_checked and not sentences_coded:
        return (
            "No hand coding of the frame dictionaries exists for this corpus: no reader has checked their hits or "
            "coded its sentences, so their precision and recall on it are unknown, and the figures of this "
            "section and the next read n/a."
        )
    if not hits_checked:
        return (
            "No reader has checked the dictionaries' hits in this corpus, so their precision on it is unknown, "
            "and the figures above read n/a."
        )
    if not sentences_coded:
        return (
            "No reader has coded this corpus's sentences for their frames, so the dictionaries' recall on it and "
            "the balance by sentences are unknown, and the figures above read n/a."
        )
    return ""


def _kappa(row: pd.Series) -> str:
    if pd.isna(row["value"]):
        return NA
    return f"{row['value']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]"


def _percent(value) -> str:
    return NA if value is None or pd.isna(value) else format_value(value, "{:.0%}")


def describe_hit_validation(check: HitCheck | None, *, sentences_coded: bool = True) -> dict[str, str]:
    """What the checked hits say about the dictionaries' precision, and how far a second reader agrees.

    ``check`` comes from :func:`~analysis.evidence.frame_validation.validate_hits`
    (``None`` when the corpus has no checked hits); ``sentences_coded`` says
    whether it has coded sentences (so that a corpus with no coding at all is
    told so once, here).

    Returns a dict of texts: ``checked``, ``correct``, ``precision`` (overall),
    ``per_frame``, ``weakest``, ``negated`` and ``names`` (errors of each kind),
    ``scope`` (on which corpus the figures were measured, or the sentence of
    :func:`describe_missing_coding`); for the second reader ``precision_2``,
    ``agreement``, ``split``, ``kappa`` (with its interval) and ``moved`` (the
    frames whose precision changes with the reader). Figures that cannot be
    given read ``n/a``.

    Example
    -------
    >>> from analysis.evidence import check_hits
    >>> g = pd.DataFrame({"id": ["a", "a", "b"], "frame": ["escalation", "morality", "morality"], "start": [0, 5, 0],
    ...                   "end": [4, 9, 4], "correct": [1, 1, 0], "note": ["", "", "negated"]})
    >>> said = describe_hit_validation(check_hits(g))
    >>> said["precision"], said["per_frame"], said["weakest"], said["negated"]
    ('67%', 'morality 1/2 (50%); escalation (war journalism) 1/1 (100%)', 'morality (1/2)', '1')
    >>> said["moved"]
    'No second reader judged these hits, so the precision rests on one reading.'
    >>> describe_hit_validation(None)["checked"]
    'n/a'
    """
    if check is None:
        return {
            **dict.fromkeys(("checked", "correct", "precision", "per_frame", "weakest", "negated", "names"), NA),
            **dict.fromkeys(("precision_2", "agreement", "split", "kappa"), NA),
            "scope": describe_missing_coding(hits_checked=False, sentences_coded=sentences_coded),
            "moved": "",
        }
    checked = check.precision[check.precision["checked"] > 0]
    weakest = check.weakest
    said = {
        "checked": format_value(check.n_checked),
        "correct": format_value(check.n_correct),
        "precision": _percent(check.overall),
        "per_frame": "; ".join(
            f"{lab.lower()} {c}/{n} ({p:.0%})"
            for lab, c, n, p in zip(checked["label"], checked["correct"], checked["checked"], checked["precision"])
        ),
        "weakest": NA if weakest is None else f"{weakest['label'].lower()} ({weakest['correct']}/{weakest['checked']})",
        "negated": format_value(check.n_negated),
        "names": format_value(check.n_names),
        "scope": "These figures were measured on this corpus.",
    }
    if check.pairs is None:
        return {
            **said,
            **dict.fromkeys(("precision_2", "agreement", "split", "kappa"), NA),
            "moved": "No second reader judged these hits, so the precision rests on one reading.",
        }
    moved = check.moved
    return {
        **said,
        "precision_2": _percent(check.overall_2),
        "agreement": _percent(check.agreement.loc["agreement", "value"]),
        "split": format_value(check.n_split),
        "kappa": _kappa(check.agreement.loc["cohen_kappa"]),
        "moved": "No frame's precision changes with the reader."
        if moved.empty
        else "Precision changes with the reader for "
        + join_words(
            [
                f"{lab.lower()} ({p1:.0%} by the first, {p2:.0%} by the second)"
                for lab, p1, p2 in zip(moved["label"], moved["precision"], moved["precision_2"])
            ]
        )
        + ".",
    }


def describe_sentence_validation(
    check: SentenceCheck | None, *, names: dict | None = None, hits_checked: bool = True
) -> dict[str, str]:
    """What the coded sentences say about the dictionaries' recall and the escalation balance.

    ``check`` comes from :func:`~analysis.evidence.frame_validation.validate_sentences`
    (``None`` when no sentence of the corpus is coded); ``names`` names the
    articles (``analysis.findings.framing.article_names``); ``hits_checked``
    says whether the corpus has checked hits (when it has none either,
    :func:`describe_hit_validation` has already said there is no coding, and
    this says nothing more).

    Returns a dict of texts: ``sentences`` (what was coded), ``recall``
    (overall), ``per_frame``, ``weakest``, ``missed`` (a sentence the weakest
    frame misses, quoted), ``tilt`` (:func:`~analysis.findings.framing.describe_recall_tilt`),
    ``balance_check`` (:func:`~analysis.findings.framing.describe_balance_check`);
    for the second reader ``agreement``, ``kappa``, ``recall_2`` and
    ``balance_check_2``. Figures that cannot be given read ``n/a``.

    Example
    -------
    >>> from analysis.evidence import check_sentences
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran fired missiles. Talks went well."]})
    >>> coded = pd.DataFrame({"line": [2, 3, 4, 5], "id": ["a"] * 4,
    ...     "text": ["Iran fired missiles.", "Talks went well."] * 2,
    ...     "frame": ["escalation"] * 2 + ["de-escalation"] * 2, "present": [1, 1, 0, 1]})
    >>> check = check_sentences(corpus, coded, pd.DataFrame({"id": ["a"], "balance": [0.0]}), n_boot=0)
    >>> said = describe_sentence_validation(check)
    >>> said["sentences"], said["recall"], said["weakest"], said["missed"]
    ('the 2 sentences of 1 article', '2 of the 3 frames marked (67%)', 'escalation (war journalism) (1 of 2 sentences)', '“Talks went well.”')
    >>> said["balance_check_2"]
    'No second reading of these sentences exists, so this rests on one reader.'
    >>> describe_sentence_validation(None, hits_checked=False)["balance_check"]
    ''
    """
    second = ("agreement", "kappa", "recall_2")
    if check is None:
        return {
            **dict.fromkeys(("sentences", "recall", "per_frame", "weakest", "missed", *second), NA),
            "tilt": "",
            "balance_check": describe_missing_coding(hits_checked=True, sentences_coded=False) if hits_checked else "",
            "balance_check_2": "",
        }
    names = names or {}
    overall, per, weakest = check.overall, check.per_frame, check.weakest
    said = {
        "sentences": f"the {check.n_sentences} sentences of {check.n_articles} "
        f"article{'s' if check.n_articles != 1 else ''}",
        "recall": f"{overall['found']} of the {overall['coded']} frames marked ({overall['recall']:.0%})",
        "per_frame": "; ".join(f"{lab.lower()} {f}/{c}" for lab, f, c in zip(per["label"], per["found"], per["coded"])),
        "weakest": NA
        if weakest is None
        else f"{weakest['label'].lower()} ({weakest['found']} of {weakest['coded']} sentences)",
        "missed": f"“{check.missed['text'].iloc[0]}”" if len(check.missed) else "none",
        "tilt": describe_recall_tilt(check.recall),
        "balance_check": describe_balance_check(check.balance, labels=names),
    }
    if check.readers is None:
        return {
            **said,
            **dict.fromkeys(second, NA),
            "balance_check_2": "No second reading of these sentences exists, so this rests on one reader.",
        }
    overall_2 = check.overall_2
    return {
        **said,
        "agreement": _percent(check.agreement.loc["agreement", "value"]),
        "kappa": _kappa(check.agreement.loc["cohen_kappa"]),
        "recall_2": f"{overall_2['found']} of {overall_2['coded']} ({overall_2['recall']:.0%})",
        "balance_check_2": "The second reader's coding gives the same articles a different sign."
        if check.same_flips
        else "By the second reader's coding: " + describe_balance_check(check.balance_2, labels=names),
    }
