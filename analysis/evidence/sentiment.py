"""The tone tools against hand labels: the gold reader, predictions on labelled sentences, confusion and metrics."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.evidence.codings import read_codings
from analysis.sentiment.scoring import LABELS, classify


def read_sentiment_gold(path: str | Path) -> pd.DataFrame:
    """Read and validate hand sentiment labels from one CSV file: columns ``line``, ``id``, ``source``, ``text``, ``label``.

    ``load_gold("sentiment", coder=n)`` finds the corpus's own.

    ``label`` is one of :data:`~analysis.sentiment.scoring.LABELS`; ``source`` is ``body`` or ``embed``;
    a sentence (``id``, ``source``, ``text``) may be labelled once only.

    Raises
    ------
    analysis.errors.DataFileError
        Naming the file, the line (header = line 1) and the field of every problem.

    Example
    -------
    >>> from analysis.evidence import gold_path
    >>> gold = read_sentiment_gold(gold_path("sentiment"))
    >>> sorted(gold["label"].unique())
    ['negative', 'neutral', 'positive']
    """

    def check(rec):
        if rec["label"] and rec["label"] not in LABELS:
            yield "label", f"{rec['label']!r} is not one of {list(LABELS)}"
        if rec["source"] and rec["source"] not in ("body", "embed"):
            yield "source", f"{rec['source']!r} is not 'body' or 'embed'"

    path = Path(path)
    gold = read_codings(
        path,
        columns=["id", "source", "text", "label"],
        keys=["id", "source", "text"],
        check=check,
        what="gold label file",
    )
    return gold[["line", "id", "source", "text", "label"]]


def gold_predictions(sentences: pd.DataFrame, gold: pd.DataFrame, *, threshold: float = 0.05) -> pd.DataFrame:
    """Join hand labels to scored sentences by article id, source and sentence text.

    Every gold sentence must be found: if the splitter or the cleaning changes
    a sentence, the join fails loudly rather than shifting labels.

    Returns the gold rows with ``sentence``, ``in_quote``, ``tb_polarity``,
    ``vader_compound`` and the predicted classes ``tb_label`` and
    ``vader_label`` (:func:`~analysis.sentiment.scoring.classify`).

    Example
    -------
    >>> from analysis.sentiment import score_table
    >>> s = score_table(pd.DataFrame({"id": ["a"], "source": ["body"], "sentence": [0],
    ...                               "text": ["A great win."], "in_quote": [False]}))
    >>> g = pd.DataFrame({"line": [2], "id": ["a"], "source": ["body"], "text": ["A great win."], "label": ["positive"]})
    >>> gold_predictions(s, g)[["label", "vader_label", "tb_label"]].to_dict("list")
    {'label': ['positive'], 'vader_label': ['positive'], 'tb_label': ['positive']}
    """
    keys = ["id", "source", "text"]
    require_columns(
        sentences, [*keys, "sentence", "in_quote", "tb_polarity", "vader_compound"], "gold_predictions()", "sentences"
    )
    require_columns(gold, [*keys, "label"], "gold_predictions()", "gold")
    scored = sentences[[*keys, "sentence", "in_quote", "tb_polarity", "vader_compound"]].drop_duplicates(keys)
    out = gold.merge(scored, on=keys, how="left", validate="one_to_one")
    lost = out[out["sentence"].isna()]
    if len(lost):
        problems = [
            Problem(
                "gold labels",
                int(r.line) if "line" in out.columns else None,
                "text",
                f"no sentence of {r.id!r} ({r.source}) reads {r.text[:60]!r}",
            )
            for r in lost.itertuples(index=False)
        ]
        raise AnalysisInputError(problems)
    out["sentence"] = out["sentence"].astype("int64")
    out["tb_label"] = classify(out["tb_polarity"], threshold=threshold)
    out["vader_label"] = classify(out["vader_compound"], threshold=threshold)
    return out


def confusion_matrix(true, pred, *, labels=LABELS) -> pd.DataFrame:
    """Counts of (hand label, predicted label): rows are the hand labels, columns the predictions.

    Example
    -------
    >>> confusion_matrix(["positive", "neutral", "neutral"], ["positive", "negative", "neutral"]).values.tolist()
    [[0, 0, 0], [1, 1, 0], [0, 0, 1]]
    """
    table = pd.crosstab(
        pd.Categorical(list(true), categories=labels), pd.Categorical(list(pred), categories=labels), dropna=False
    )
    table = table.reindex(index=list(labels), columns=list(labels), fill_value=0).astype("int64")
    table.index.name, table.columns.name = "hand label", "predicted"
    return table


def classification_metrics(true, pred, *, labels=LABELS) -> dict:
    """Accuracy, macro-F1 and per-class precision, recall and F1.

    Macro-F1 is the unweighted mean of the per-class F1 over the classes that
    occur in the hand labels or the predictions; a class's F1 is 0 when its
    precision and recall are both 0 (or undefined).

    Example
    -------
    >>> m = classification_metrics(["positive", "neutral", "neutral", "negative"],
    ...                            ["positive", "negative", "neutral", "negative"])
    >>> m["accuracy"], round(m["macro_f1"], 4)
    (0.75, 0.7778)
    """
    cm = confusion_matrix(true, pred, labels=labels).to_numpy()
    n = cm.sum()
    per_class = {}
    f1s = []
    for i, label in enumerate(labels):
        tp = cm[i, i]
        predicted, actual = cm[:, i].sum(), cm[i, :].sum()
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": float(precision),
            "recall": float(recall),
            "f1": float(f1),
            "support": int(actual),
        }
        if predicted or actual:
            f1s.append(f1)
    return {
        "n": int(n),
        "accuracy": float(np.trace(cm) / n) if n else np.nan,
        "macro_f1": float(np.mean(f1s)) if f1s else np.nan,
        "per_class": per_class,
    }


def evaluate(predictions: pd.DataFrame) -> pd.DataFrame:
    """Accuracy and macro-F1 of each tool against the hand labels.

    ``predictions`` from :func:`gold_predictions`. Returns columns ``tool``,
    ``n``, ``accuracy``, ``macro_f1``, and the recall of each class
    (``recall_negative``, ``recall_neutral``, ``recall_positive``).

    Example
    -------
    >>> p = pd.DataFrame({"label": ["positive", "negative"], "tb_label": ["positive", "neutral"],
    ...                   "vader_label": ["positive", "negative"]})
    >>> evaluate(p)[["tool", "accuracy", "macro_f1"]].round(4).to_dict("list")
    {'tool': ['TextBlob', 'VADER'], 'accuracy': [0.5, 1.0], 'macro_f1': [0.3333, 1.0]}
    """
    require_columns(predictions, ["label", "tb_label", "vader_label"], "evaluate()", "predictions")
    rows = []
    for tool, column in (("TextBlob", "tb_label"), ("VADER", "vader_label")):
        m = classification_metrics(predictions["label"], predictions[column])
        rows.append((tool, m["n"], m["accuracy"], m["macro_f1"], *(m["per_class"][c]["recall"] for c in LABELS)))
    return pd.DataFrame(rows, columns=["tool", "n", "accuracy", "macro_f1", *(f"recall_{c}" for c in LABELS)])
