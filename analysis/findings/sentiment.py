"""Sentences about the tone measure, chosen from computed numbers: tool agreement, quotes, crises, validation.

Every function takes what a measure or the evidence computed and returns the
text the book states. The validation pair (:func:`describe_validation`,
:func:`describe_readers`) returns a dict of texts, one per figure the chapter
names; when the corpus has no hand labels every figure reads ``n/a`` and one
sentence (:data:`NO_LABELS`) says why, once. A page glues the paragraphs of
:func:`describe_sentiment_validation`, never a figure that reads ``n/a``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.errors import require_columns
from analysis.evidence.sentiment import TOOLS, ReaderAgreement, ToneValidation
from analysis.findings.verdicts import describe_contrasts
from analysis.formatting import DECIMAL, SCORE, count_noun, format_number, format_share, format_value, interval, signed

#: What the validation says when the corpus has no sentiment labels at all.
NO_LABELS = (
    "This corpus has no hand sentiment labels (no gold/sentiment_labels.csv in its folder), so neither tool "
    "can be checked against a human reading here."
)
#: What it says when the corpus's label file labels none of its articles.
NO_LABELS_HERE = "None of the hand-labelled articles is in this corpus, so no figure below could be computed."
#: What the readers' section says when only one reader labelled the corpus.
NO_SECOND_READER = "No second reading covers the articles of this corpus, so no agreement can be computed."

_NA = "n/a"


def describe_rank_strength(rho: float) -> str:
    """How strong a rank correlation is, as a predicate: ``is weak`` (``|ρ| < 0.3``), ``is moderate`` (< 0.6), ``is strong``.

    Example
    -------
    >>> describe_rank_strength(0.25), describe_rank_strength(-0.7), describe_rank_strength(float("nan"))
    ('is weak', 'is strong', 'cannot be measured')
    """
    if pd.isna(rho):
        return "cannot be measured"
    return "is weak" if abs(rho) < 0.3 else "is moderate" if abs(rho) < 0.6 else "is strong"


def describe_tool_agreement(rho: float, sign_agreement: float) -> str:
    """Whether the two tools agree enough for either to stand for the tone.

    They do not when the rank correlation is below 0.6 (or cannot be measured)
    or they put fewer than 80% of the sentences in the same class.

    Example
    -------
    >>> describe_tool_agreement(0.25, 0.45)
    'When two tools built for the same job disagree this often, neither can be read as the tone.'
    >>> describe_tool_agreement(0.8, 0.9)
    'The tools mostly agree here, but agreement between two lexicons is not evidence that either reads tone correctly.'
    """
    if pd.isna(rho) or abs(rho) < 0.6 or sign_agreement < 0.8:
        return "When two tools built for the same job disagree this often, neither can be read as the tone."
    return (
        "The tools mostly agree here, but agreement between two lexicons is not evidence that either reads "
        "tone correctly."
    )


def describe_capitalised(terms: pd.DataFrame) -> str:
    """The capitalised lexicon hits as a list: “term” (count×), or ``none``.

    ``terms`` from :func:`~analysis.sentiment.summaries.capitalised_terms`.

    Example
    -------
    >>> describe_capitalised(pd.DataFrame({"token": ["United", "Justice"], "count": [4, 1]}))
    '“United” (4×), “Justice” (1×)'
    >>> describe_capitalised(pd.DataFrame({"token": [], "count": []}))
    'none'
    """
    require_columns(terms, ["token", "count"], "describe_capitalised()", "terms")
    return ", ".join(f"“{t}” ({n}×)" for t, n in zip(terms["token"], terms["count"])) or "none"


#: How the groups of :func:`analysis.contrasts.quote_contrasts` are named in a sentence.
QUOTE_NAMES = {"quoted": "quoted material", "own": "the outlets' own sentences"}


def describe_quotes(overview: dict, contrasts: pd.DataFrame) -> str:
    """Quoted sentences against the outlets' own: their means, and whether they differ by the contrast's criterion.

    ``overview`` from :func:`~analysis.sentiment.summaries.quote_overview`;
    ``contrasts`` from :func:`~analysis.contrasts.quote_contrasts` (with the
    hand labels' contrast when the corpus has them). A direction is said only
    when the 95% interval of the difference excludes 0
    (:func:`~analysis.findings.verdicts.describe_contrasts`).

    Example
    -------
    >>> o = {"n_quoted": 0, "n_unquoted": 9, "vader_quoted": float("nan"), "vader_unquoted": 0.1,
    ...      "tb_quoted": float("nan"), "tb_unquoted": 0.0, "n_articles": 0, "n_lower": 0}
    >>> describe_quotes(o, pd.DataFrame())
    'This corpus has no quoted sentence, so the effect of quotes cannot be measured here.'
    """
    if overview["n_quoted"] == 0:
        return "This corpus has no quoted sentence, so the effect of quotes cannot be measured here."
    if overview["n_unquoted"] == 0:
        return "Every sentence of this corpus is quoted, so there are no sentences of the outlets' own to compare."
    n_articles, n_lower = overview["n_articles"], overview["n_lower"]
    return (
        f"The {count_noun(overview['n_quoted'], 'quoted sentence')} average {signed(overview['vader_quoted'])} "
        f"(VADER) and {signed(overview['tb_quoted'])} (TextBlob); the other "
        f"{count_noun(overview['n_unquoted'], 'sentence')} average {signed(overview['vader_unquoted'])} and "
        f"{signed(overview['tb_unquoted'])}. "
        + describe_contrasts(
            contrasts, what="kind of sentence", labels=QUOTE_NAMES, single="comes from a single article"
        )
        + " "
        + _quote_articles(n_articles, n_lower)
    )


def _quote_articles(n_articles: int, n_lower: int) -> str:
    if n_articles == 1:
        falls = "falls" if n_lower else "does not fall"
        return f"Quoted material appears in 1 article, whose mean VADER score {falls} once the quotes are left out."
    return (
        f"Quoted material appears in {n_articles} articles; in {n_lower} of them the mean VADER score falls once the "
        "quotes are left out."
    )


def _vader_and_textblob(docs: pd.DataFrame, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    require_columns(docs, [by, "measure", "mean", "mean_lo", "mean_hi", "n_sentences"], "describe_crises()", "docs")
    vader = docs[docs["measure"] == "vader_compound"].set_index(by)
    textblob = docs[docs["measure"] == "tb_polarity"].set_index(by)
    return vader, textblob


def describe_crisis_tone(docs: pd.DataFrame, articles: Mapping, *, by: str = "crisis_label") -> str:
    """Each crisis's mean VADER score with its interval, sentences and articles, as one list.

    ``docs`` from :func:`~analysis.sentiment.documents.score_documents` grouped
    by ``by``; ``articles`` maps each group to its number of articles.

    Example
    -------
    >>> d = pd.DataFrame({"crisis": ["A", "B"], "measure": ["vader_compound"] * 2, "mean": [-0.2, 0.1],
    ...                   "mean_lo": [-0.4, 0.0], "mean_hi": [0.03, 0.2], "n_sentences": [17, 1]})
    >>> describe_crisis_tone(d, {"A": 1, "B": 3}, by="crisis")
    'A: -0.20 [-0.40, +0.03] over 17 sentences in 1 article; B: +0.10 [0.00, +0.20] over 1 sentence in 3 articles'
    """
    vader, _ = _vader_and_textblob(docs, by)
    return "; ".join(
        f"{name}: {interval(r['mean'], r['mean_lo'], r['mean_hi'])} over "
        f"{count_noun(int(r['n_sentences']), 'sentence')} in {count_noun(int(articles[name]), 'article')}"
        for name, r in vader.iterrows()
    )


def describe_crisis_difference(contrasts: pd.DataFrame, *, labels: Mapping | None = None) -> str:
    """Whether the crises differ in tone, by each tool, with the hand labels' check: the verdicts of the contrasts.

    ``contrasts`` from :func:`~analysis.contrasts.group_contrasts` by crisis
    with ``measures=("vader", "textblob")`` (and the hand labels, when the
    corpus has them). Between two crises every verdict is given; a direction
    only where the 95% interval excludes 0, otherwise "no detectable
    difference".

    Example
    -------
    >>> describe_crisis_difference(pd.DataFrame(columns=["source", "key", "a", "b", "direction"]))
    'With fewer than two crises there is nothing to contrast.'
    """
    return describe_contrasts(
        contrasts, what="crisis", labels=labels, listed="the comparison chapter's table of verdicts"
    )


def _baseline(best: float, base: float) -> str:
    if best <= base:
        return "Neither tool does better than that baseline."
    points = f"{(best - base) * 100:.0f} percentage points of accuracy"
    if best - base < 0.15:
        return f"The better tool beats that baseline by {points}."
    return f"The better tool beats that baseline by {points}, a clear margin."


_VALIDATION_KEYS = (
    "n",
    "scope",
    "n_file",
    "coverage",
    "accuracy_textblob",
    "f1_textblob",
    "accuracy_vader",
    "f1_vader",
    "neutral_recall_textblob",
    "neutral_recall_vader",
    "majority",
    "majority_label",
    "neutral_as_negative",
    "n_neutral",
    "worst_text",
    "worst_score",
    "baseline",
)


def describe_validation(validation: ToneValidation, *, n_sentences: int) -> dict[str, str]:
    """What the book says about the tools against one reader's labels, figure by figure.

    ``validation`` from :func:`~analysis.evidence.sentiment.tone_validation`;
    ``n_sentences`` the corpus's scored sentences (to say whether the labels cover them all).

    Returns a dict of texts: ``n`` (labelled sentences of the corpus),
    ``scope`` ("112 sentences from 5 articles"), ``n_file`` (sentences in the
    label file), ``coverage`` (a sentence), ``accuracy_textblob``,
    ``f1_textblob``, ``accuracy_vader``, ``f1_vader`` (two decimals),
    ``neutral_recall_textblob``, ``neutral_recall_vader``, ``majority``
    (percent), ``majority_label``, ``neutral_as_negative``, ``n_neutral``,
    ``worst_text``, ``worst_score`` (the neutral sentence VADER scores
    lowest) and ``baseline`` (a sentence on the majority-label baseline).
    Without labels, ``coverage`` is :data:`NO_LABELS` (no file) or
    :data:`NO_LABELS_HERE` (a file that labels other articles), and every
    other text is ``n/a``.

    Example
    -------
    >>> from analysis.evidence import tone_validation
    >>> from analysis.sentiment import score_table
    >>> s = score_table(pd.DataFrame({"id": ["a", "a"], "source": ["body"] * 2, "sentence": [0, 1],
    ...                               "text": ["A great win.", "Troops were killed."], "in_quote": [False] * 2}))
    >>> g = pd.DataFrame({"line": [2, 3], "id": ["a", "a"], "source": ["body"] * 2,
    ...                   "text": ["A great win.", "Troops were killed."], "label": ["positive", "neutral"]})
    >>> t = describe_validation(tone_validation(s, g), n_sentences=2)
    >>> t["scope"], t["accuracy_vader"], t["majority"], t["worst_score"], t["baseline"]
    ('2 sentences from 1 article', '0.50', '50%', '-0.67', 'Neither tool does better than that baseline.')
    >>> describe_validation(tone_validation(s, None), n_sentences=2)["accuracy_vader"]
    'n/a'
    """
    if not validation.labelled:
        texts = dict.fromkeys(_VALIDATION_KEYS, _NA)
        texts["coverage"] = NO_LABELS_HERE if validation.n_file else NO_LABELS
        return texts
    labels, metrics = validation.labels, validation.metrics
    n_articles = labels["id"].nunique()
    worst = validation.worst_neutral
    best = max(metrics.loc["TextBlob", "accuracy"], metrics.loc["VADER", "accuracy"])
    texts = {
        "n": format_value(len(labels)),
        "scope": f"{len(labels):,} sentence{'' if len(labels) == 1 else 's'} from {count_noun(n_articles, 'article')}",
        "n_file": format_value(validation.n_file),
        "coverage": "The labels cover every sentence of the corpus."
        if len(labels) == n_sentences
        else "The labels cover part of the corpus's sentences.",
        "majority": format_share(validation.majority_share),
        "majority_label": str(validation.majority_label),
        "neutral_as_negative": format_value(validation.neutral_as_negative),
        "n_neutral": format_value(validation.n_neutral),
        "worst_text": "—" if worst is None else str(worst["text"]),
        "worst_score": _NA if worst is None else format_number(worst["vader_compound"], SCORE),
        "baseline": _baseline(best, validation.majority_share),
    }
    for tool in TOOLS:
        key = tool.lower()
        texts[f"accuracy_{key}"] = format_number(metrics.loc[tool, "accuracy"])
        texts[f"f1_{key}"] = format_number(metrics.loc[tool, "macro_f1"])
        texts[f"neutral_recall_{key}"] = format_share(metrics.loc[tool, "recall_neutral"])
    return {key: texts[key] for key in _VALIDATION_KEYS}


_READER_KEYS = (
    "second_reader",
    "pct_readers",
    "k_readers",
    "a_readers",
    "top_disagreement",
    "tools_vs_readers",
    "k_vader",
    "k_textblob",
    "n_consensus",
    "acc_vader_consensus",
    "acc_textblob_consensus",
    "consensus",
)


def _top_disagreement(splits: pd.DataFrame) -> str:
    if splits.empty:
        return "The readers never disagree."
    first = splits.iloc[0]
    return (
        f"The commonest split, {int(first['n'])} of the {int(splits['n'].sum())} disagreements, is a sentence "
        f"reader 1 called {first['reader 1']} and reader 2 {first['reader 2']}."
    )


def _consensus(gain: float) -> str:
    if gain <= 0:
        return (
            "no higher than their accuracy on all sentences, so the tools' errors are not the sentences "
            "that people also find hard."
        )
    if gain < 0.1:
        return (
            "barely above their accuracy on all sentences, so the tools' errors are not mostly the sentences "
            "that people also find hard."
        )
    return (
        "clearly above their accuracy on all sentences, so part of the tools' errors fall on sentences "
        "that people also find hard."
    )


def describe_readers(agreement: ReaderAgreement | None, validation: ToneValidation) -> dict[str, str]:
    """What the book says about two readers' agreement, and the tools' against each reader.

    ``agreement`` from :func:`~analysis.evidence.sentiment.reader_agreement`
    (``None`` without a second reading); ``validation`` the first reader's
    :func:`~analysis.evidence.sentiment.tone_validation`.

    Returns a dict of texts: ``second_reader`` (a sentence on the second
    reading), ``pct_readers`` (percent alike), ``k_readers`` and ``a_readers``
    (κ and ordinal α with intervals), ``top_disagreement`` (a sentence),
    ``tools_vs_readers`` (a sentence ending in a colon), ``k_vader`` and
    ``k_textblob`` (κ against reader 1 and reader 2), ``n_consensus``,
    ``acc_vader_consensus``, ``acc_textblob_consensus`` (accuracy on the
    sentences both readers label alike) and ``consensus`` (how that compares
    with accuracy on all sentences, a clause). Without a second reading every
    text is ``n/a``, and ``second_reader`` is :data:`NO_SECOND_READER`, or
    empty when there are no labels at all (:func:`describe_validation` said so).

    Example
    -------
    >>> from analysis.evidence import reader_agreement, tone_validation
    >>> from analysis.sentiment import score_table
    >>> texts = ["A great win.", "Troops were killed.", "Talks resumed."]
    >>> s = score_table(pd.DataFrame({"id": ["a"] * 3, "source": ["body"] * 3, "sentence": [0, 1, 2],
    ...                               "text": texts, "in_quote": [False] * 3}))
    >>> one = pd.DataFrame({"line": [2, 3, 4], "id": ["a"] * 3, "source": ["body"] * 3, "text": texts,
    ...                     "label": ["positive", "neutral", "neutral"]})
    >>> v = tone_validation(s, one)
    >>> t = describe_readers(reader_agreement(v, one.assign(label=["positive", "negative", "neutral"]), n_boot=0), v)
    >>> t["pct_readers"], t["top_disagreement"]
    ('67%', 'The commonest split, 1 of the 1 disagreements, is a sentence reader 1 called neutral and reader 2 negative.')
    >>> describe_readers(None, v)["second_reader"]
    'No second reading covers the articles of this corpus, so no agreement can be computed.'
    """
    if agreement is None:
        texts = dict.fromkeys(_READER_KEYS, _NA)
        texts["second_reader"] = NO_SECOND_READER if validation.labelled else ""
        return texts
    r1, r2 = agreement.names

    def kappa(reader: str, tool: str) -> str:
        return format_number(agreement.coefficient(reader, tool, "cohen_kappa")[0])

    readers_kappa = agreement.coefficient(r1, r2, "cohen_kappa")
    gain = max(agreement.consensus.loc[t, "accuracy"] - validation.metrics.loc[t, "accuracy"] for t in TOOLS)
    texts = {
        "second_reader": "A second reader labelled the same sentences with the same written rule, without seeing "
        "the first reader's labels or any tool's scores.",
        "pct_readers": format_share(agreement.coefficient(r1, r2, "agreement")[0]),
        "k_readers": interval(*readers_kappa, fmt=DECIMAL),
        "a_readers": interval(*agreement.coefficient(r1, r2, "alpha_ordinal"), fmt=DECIMAL),
        "top_disagreement": _top_disagreement(agreement.splits),
        "tools_vs_readers": "The tools sit further from either reader than the readers sit from each other:"
        if agreement.best_tool_kappa() < readers_kappa[1]
        else "At least one tool agrees with a reader about as well as the readers agree with each other:",
        "k_vader": f"{kappa(r1, 'VADER')} and {kappa(r2, 'VADER')}",
        "k_textblob": f"{kappa(r1, 'TextBlob')} and {kappa(r2, 'TextBlob')}",
        "n_consensus": format_value(agreement.n_consensus),
        "acc_vader_consensus": format_number(agreement.consensus.loc["VADER", "accuracy"]),
        "acc_textblob_consensus": format_number(agreement.consensus.loc["TextBlob", "accuracy"]),
        "consensus": _consensus(gain),
    }
    return texts


def describe_sentiment_validation(said: Mapping[str, str], readers: Mapping[str, str]) -> dict[str, str]:
    """The validation of the tone tools as whole paragraphs and sentences, never a figure that is missing.

    ``said`` from :func:`describe_validation` and ``readers`` from
    :func:`describe_readers`, on the same corpus. Without labels, each text
    is the one sentence saying so (or empty where another text has said it).

    Returns a dict of texts: ``labels`` (who labelled what), ``baseline``
    (the majority baseline and VADER's commonest error), ``readers`` (the
    second reading), ``limit_accuracy`` and ``limit_validation`` (for the
    chapter's conclusions) and ``summary`` (for the methods page).

    Example
    -------
    >>> said = dict.fromkeys(_VALIDATION_KEYS, _NA) | {"coverage": NO_LABELS}
    >>> texts = describe_sentiment_validation(said, dict.fromkeys(_READER_KEYS, _NA) | {"second_reader": ""})
    >>> texts["labels"] == NO_LABELS, texts["baseline"], texts["readers"]
    (True, '', '')
    """
    if said["n"] == _NA:
        return {
            "labels": said["coverage"],
            "baseline": "",
            "readers": "",
            "limit_accuracy": "With no hand labels for this corpus, their accuracy on it is unknown.",
            "limit_validation": "No reader has labelled this corpus's sentences, so neither tool is checked on it.",
            "summary": "no reader has labelled this corpus's sentences.",
        }
    out = {
        "labels": f"One reader labelled {said['scope']} as negative, neutral or positive ({said['n_file']} in the "
        f"label file; the rule is in corpus/gold/README.md). {said['coverage']}",
        "baseline": f"Always guessing the most common label ({said['majority_label']}) would be right "
        f"{said['majority']} of the time. {said['baseline']} VADER calls {said['neutral_as_negative']} of the "
        f"{said['n_neutral']} neutral sentences negative"
        + (
            f"; the most negative of them ({said['worst_score']}) reads: “{said['worst_text']}”"
            if said["worst_score"] != _NA
            else "."
        ),
        "limit_accuracy": f"Against one careful reading they reach accuracy {said['accuracy_textblob']} (TextBlob) "
        f"and {said['accuracy_vader']} (VADER).",
        "summary": f"{said['scope']}: accuracy {said['accuracy_textblob']} and macro-F1 {said['f1_textblob']} for "
        f"TextBlob, accuracy {said['accuracy_vader']} and macro-F1 {said['f1_vader']} for VADER, where always "
        f"guessing the most common label scores {said['majority']}",
    }
    if readers["pct_readers"] == _NA:
        out["readers"] = readers["second_reader"]
        out["limit_validation"] = (
            f"One reader labelled {said['scope']}; with no second reading, how far the labels depend on the reader "
            "is unknown."
        )
        out["summary"] += "."
        return out
    out["readers"] = (
        f"{readers['second_reader']} The two readers give the same label to {readers['pct_readers']} of the "
        f"sentences: Cohen's κ {readers['k_readers']} and Krippendorff's ordinal α {readers['a_readers']}. "
        f"{readers['top_disagreement']} {readers['tools_vs_readers']} κ {readers['k_vader']} for VADER against "
        f"readers 1 and 2, {readers['k_textblob']} for TextBlob. On the {readers['n_consensus']} sentences both "
        f"readers label alike, accuracy is {readers['acc_vader_consensus']} for VADER and "
        f"{readers['acc_textblob_consensus']} for TextBlob, {readers['consensus']}"
    )
    out["limit_validation"] = (
        f"Two readers labelled {said['scope']} ({readers['pct_readers']} agreement, κ {readers['k_readers']}), with "
        "a rule whose examples come from the seed articles; the labels cover this corpus only."
    )
    out["summary"] += f"; two readers agree with Cohen's κ {readers['k_readers']} (ordinal α {readers['a_readers']})."
    return out
