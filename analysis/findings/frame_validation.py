"""Sentences about the frame dictionaries' validation on one corpus, chosen from its hand coding (or its lack).

Each function returns the texts a page states, keyed by what they say, from
the checks of :mod:`analysis.evidence.frame_validation`. A corpus without
hand coding gets one sentence that says so; its figures read ``n/a`` in the
dicts of figures, which a page never glues into prose (it glues the
paragraphs of :func:`describe_frame_validation` instead).
"""

from __future__ import annotations

import pandas as pd

from analysis.evidence.frame_validation import HitCheck, SentenceCheck
from analysis.findings.framing import describe_balance_check, describe_recall_tilt
from analysis.formatting import DECIMAL, format_share, format_value, interval, join_words

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
            "coded its sentences, so their precision and recall on it are unknown."
        )
    if not hits_checked:
        return "No reader has checked the dictionaries' hits in this corpus, so their precision on it is unknown."
    if not sentences_coded:
        return (
            "No reader has coded this corpus's sentences for their frames, so the dictionaries' recall on it and "
            "the balance by sentences are unknown."
        )
    return ""


def _kappa(row: pd.Series) -> str:
    if pd.isna(row["value"]):
        return NA
    return interval(row["value"], row["ci_low"], row["ci_high"], fmt=DECIMAL)


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
            f"{lab.lower()} {c}/{n} ({format_share(p)})"
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
                f"{lab.lower()} ({format_share(p1)} by the first, {format_share(p2)} by the second)"
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
        "recall": f"{overall['found']} of the {overall['coded']} frames marked ({format_share(overall['recall'])})",
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
        "recall_2": f"{overall_2['found']} of {overall_2['coded']} ({format_share(overall_2['recall'])})",
        "balance_check_2": "The second reader's coding gives the same articles a different sign."
        if check.same_flips
        else "By the second reader's coding: " + describe_balance_check(check.balance_2, labels=names),
    }


def _defined(kappa: str) -> str:
    """κ as text, or why it has no value (both readers put every unit in one class)."""
    return "undefined, as both readers put every unit in one class" if kappa == NA else kappa


def describe_frame_validation(hits: dict[str, str], sentences: dict[str, str]) -> dict[str, str]:
    """The validation of the frame dictionaries as whole paragraphs and sentences, never a figure that is missing.

    ``hits`` from :func:`describe_hit_validation` and ``sentences`` from
    :func:`describe_sentence_validation`, on the same corpus. A corpus without
    a kind of hand coding gets one sentence saying so, in place of the
    paragraph that would report it.

    Returns a dict of texts:

    - ``precision``: the checked hits (or why there are none);
    - ``second_reader``: the second reader's judgements ("" without them);
    - ``recall``: what the coded sentences say the dictionaries miss (or why
      it is unknown; "" when ``precision`` has said there is no coding at all);
    - ``balance``: the escalation balance by words against the hand coding;
    - ``weakest``: a sentence on the weakest dictionary ("" without checked hits);
    - ``limit_words``, ``limit_weakest``: sentences for the chapter's conclusions;
    - ``trust``: one paragraph for another chapter (precision, recall tilt, balance check);
    - ``balance_hand``: the escalation balance against a reading, for the title page;
    - ``summary_hits``, ``summary_sentences``: the results in one sentence each, for the methods page.

    Example
    -------
    >>> said = describe_frame_validation(describe_hit_validation(None, sentences_coded=False),
    ...                                  describe_sentence_validation(None, hits_checked=False))
    >>> said["precision"][:60]
    'No hand coding of the frame dictionaries exists for this cor'
    >>> said["recall"], said["weakest"]
    ('', '')
    >>> said["balance_hand"]
    "The escalation balance counts words; no reader has coded this corpus's sentences, so it cannot be set against a reading."
    """
    has_hits = hits["checked"] != NA
    has_sentences = sentences["sentences"] != NA
    out: dict[str, str] = {}
    if has_hits:
        out["precision"] = (
            f"Of {hits['checked']} checked hits, {hits['correct']} were correct ({hits['precision']}). Per frame: "
            f"{hits['per_frame']}. The weakest is {hits['weakest']}. {hits['negated']} errors are negations and "
            f"{hits['names']} are names. {hits['scope']}"
        )
        out["weakest"] = (
            f"The weakest dictionary in the validation below, {hits['weakest']}, gives a count of words, not of frames."
        )
        out["limit_words"] = (
            f"In the checked sample, {hits['negated']} hits were negated uses. Frame precision on the checked hits: "
            f"{hits['per_frame']}."
        )
        out["limit_weakest"] = f"The weakest dictionary, {hits['weakest']}, does not support any claim about its frame."
        out["summary_hits"] = (
            f"{hits['correct']} of {hits['checked']} checked hits were correct ({hits['precision']}); per frame: "
            f"{hits['per_frame']}."
        )
    else:
        out["precision"] = hits["scope"]
        out["weakest"] = ""
        out["limit_words"] = "No reader has checked their hits in this corpus, so how often they err here is unknown."
        out["limit_weakest"] = "Without checked hits, no dictionary's precision on this corpus is known."
        out["summary_hits"] = "no reader has checked the dictionaries' hits in this corpus."
    if has_hits and hits["agreement"] != NA:
        out["second_reader"] = (
            f"A second reader judged the same {hits['checked']} hits with the same rule, without seeing the first "
            f"reader's judgements (rule in corpus/gold/README.md). The two agree on {hits['agreement']} of them "
            f"({hits['split']} split): Cohen's κ {_defined(hits['kappa'])}, with a bootstrap interval over hits. By the second "
            f"reader's judgements the overall precision is {hits['precision_2']}. {hits['moved']} Because most hits "
            "are correct, κ reacts strongly to each single split."
        )
        out["summary_hits"] = (
            out["summary_hits"].rstrip(".") + f"; two readers' judgements agree with κ {hits['kappa']}."
        )
    else:
        out["second_reader"] = hits["moved"] if has_hits else ""
    if has_sentences:
        agreement = (
            f" They agree on {sentences['agreement']} of the sentence-by-frame decisions (Cohen's κ "
            f"{_defined(sentences['kappa'])}; per frame in the table)."
            if sentences["agreement"] != NA
            else " " + sentences["balance_check_2"]
        )
        second = f" (against the second, {sentences['recall_2']})" if sentences["recall_2"] != NA else ""
        out["recall"] = (
            f"Readers marked the frames that each of {sentences['sentences']} carries, by reading.{agreement} A "
            "sentence counts as found when it holds at least one hit of that frame. Against the first reader, the "
            f"dictionaries find {sentences['recall']}{second}; per frame: {sentences['per_frame']}. The weakest is "
            f"{sentences['weakest']}; one sentence it misses reads {sentences['missed']}"
        )
        checks = " ".join(t for t in (sentences["balance_check"], sentences["balance_check_2"]) if t)
        out["balance"] = f"The escalation balance needs care here. {sentences['tilt']} {checks}".strip()
        out["limit_words"] += f" Recall, against one reader's sentence coding: {sentences['per_frame']}."
        out["balance_hand"] = (
            "The escalation balance counts words, and a sentence-by-sentence reading can tell another story. "
            + sentences["balance_check"]
        )
        out["summary_sentences"] = (
            f"against the first reader's coding of {sentences['sentences']} they find {sentences['recall']}; per "
            f"frame: {sentences['per_frame']}"
            + (
                f"; two readers agree on {sentences['agreement']} of the decisions, κ {_defined(sentences['kappa'])}."
                if sentences["agreement"] != NA
                else "."
            )
        )
        trust_recall = f" {sentences['tilt']} {sentences['balance_check']}"
    else:
        out["recall"] = sentences["balance_check"]  # the missing-coding sentence, or "" when said above
        out["balance"] = ""
        out["balance_hand"] = (
            "The escalation balance counts words; no reader has coded this corpus's sentences, so it cannot be set "
            "against a reading."
        )
        out["summary_sentences"] = "no reader has coded this corpus's sentences for their frames."
        trust_recall = ""
    out["trust"] = (
        f"The frame dictionaries were right on {hits['precision']} of the hits read by hand in this corpus."
        if has_hits
        else "No reader has checked the frame dictionaries' hits in this corpus, so their precision here is unknown."
    ) + trust_recall
    return out
