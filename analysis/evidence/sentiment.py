"""The tone tools against hand labels: the gold reader, predictions on labelled sentences, confusion and metrics, and a second reader."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import AnalysisInputError, Problem, require_columns
from analysis.evidence.agreement import agreement_table, pair_codings
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


_KEYS = ["id", "source", "text"]
#: The two tools as :func:`gold_predictions` names their classes.
TOOLS = {"TextBlob": "tb_label", "VADER": "vader_label"}


@dataclass(frozen=True, eq=False)
class ToneValidation:
    """The tone tools against one reader's labels of a corpus. Build it with :func:`tone_validation`.

    Attributes
    ----------
    n_file
        Sentences in the corpus's label file (0 when it has none).
    labels
        The labels of the corpus's own articles (columns of :func:`read_sentiment_gold`).
    predictions
        :func:`gold_predictions` of ``labels`` (empty without labels).
    metrics
        :func:`evaluate` of ``predictions``, indexed by ``tool`` (empty without labels).
    matrices
        ``{"TextBlob": ..., "VADER": ...}``, each tool's :func:`confusion_matrix` (empty without labels).
    majority_label
        The commonest hand label (``None`` without labels).
    majority_share
        Its share of the labels (NaN without labels).
    n_neutral
        Neutral hand labels.
    neutral_as_negative
        How many of the neutral hand labels VADER calls negative.
    worst_neutral
        The neutral-labelled sentence VADER scores lowest, a row of
        ``predictions`` (``None`` when no sentence is labelled neutral).
    """

    n_file: int
    labels: pd.DataFrame
    predictions: pd.DataFrame
    metrics: pd.DataFrame
    matrices: dict = field(default_factory=dict)
    majority_label: str | None = None
    majority_share: float = np.nan
    n_neutral: int = 0
    neutral_as_negative: int = 0
    worst_neutral: pd.Series | None = None

    @property
    def labelled(self) -> bool:
        """Whether any sentence of the corpus is labelled."""
        return len(self.labels) > 0


def _corpus_rows(gold: pd.DataFrame, ids: Iterable[str] | None) -> pd.DataFrame:
    return gold if ids is None else gold[gold["id"].isin(set(ids))]


def tone_validation(
    sentences: pd.DataFrame, gold: pd.DataFrame | None, *, ids: Iterable[str] | None = None, threshold: float = 0.05
) -> ToneValidation:
    """Score both tools against one reader's labels, on the labelled sentences of the corpus's articles.

    ``sentences`` from :func:`~analysis.sentiment.scoring.score_sentences`;
    ``gold`` from ``load_gold("sentiment")`` (:func:`read_sentiment_gold`), or
    ``None`` when the corpus has no label file; ``ids`` the corpus's article
    ids (labels of other articles are left out; ``None`` keeps all).

    Example
    -------
    >>> from analysis.sentiment import score_table
    >>> s = score_table(pd.DataFrame({"id": ["a", "a"], "source": ["body"] * 2, "sentence": [0, 1],
    ...                               "text": ["A great win.", "Troops were killed."], "in_quote": [False] * 2}))
    >>> g = pd.DataFrame({"line": [2, 3], "id": ["a", "a"], "source": ["body"] * 2,
    ...                   "text": ["A great win.", "Troops were killed."], "label": ["positive", "neutral"]})
    >>> v = tone_validation(s, g)
    >>> float(v.metrics.loc["VADER", "accuracy"]), v.neutral_as_negative, v.worst_neutral["text"]
    (0.5, 1, 'Troops were killed.')
    >>> tone_validation(s, None).labelled
    False
    """
    columns = ["line", "id", "source", "text", "label"]
    labels = pd.DataFrame(columns=columns) if gold is None else _corpus_rows(gold, ids)
    n_file = 0 if gold is None else len(gold)
    if labels.empty:
        empty = pd.DataFrame(columns=["tool", "n", "accuracy", "macro_f1"]).set_index("tool")
        return ToneValidation(n_file, labels, pd.DataFrame(columns=[*columns, *TOOLS.values()]), empty)
    predictions = gold_predictions(sentences, labels, threshold=threshold)
    matrices = {tool: confusion_matrix(predictions["label"], predictions[col]) for tool, col in TOOLS.items()}
    counts = labels["label"].value_counts()
    neutral = predictions[predictions["label"] == "neutral"]
    return ToneValidation(
        n_file=n_file,
        labels=labels,
        predictions=predictions,
        metrics=evaluate(predictions).set_index("tool"),
        matrices=matrices,
        majority_label=counts.idxmax(),
        majority_share=counts.max() / counts.sum(),
        n_neutral=int(counts.get("neutral", 0)),
        neutral_as_negative=int(matrices["VADER"].loc["neutral", "negative"]),
        worst_neutral=neutral.sort_values("vader_compound").iloc[0] if len(neutral) else None,
    )


@dataclass(frozen=True, eq=False)
class ReaderAgreement:
    """Two readers' labels of the same sentences, beside each other and beside the tools. Build it with :func:`reader_agreement`.

    Attributes
    ----------
    names
        The two readers' column names, ``("reader 1", "reader 2")``.
    pairs
        One row per sentence: ``id``, ``source``, ``text``, the two readers' labels and the
        tools' classes (columns ``TextBlob`` and ``VADER``).
    table
        :func:`~analysis.evidence.agreement.agreement_table` over the readers and the tools:
        ``first``, ``second``, ``measure``, ``n``, ``value``, ``ci_low``, ``ci_high``.
    consensus
        :func:`evaluate` of the tools on the sentences both readers label alike, indexed by ``tool``.
    n_consensus
        How many sentences that is.
    splits
        The disagreements between the readers: columns ``reader 1``, ``reader 2``, ``n``,
        commonest first (ties in order of the labels).
    """

    names: tuple
    pairs: pd.DataFrame
    table: pd.DataFrame
    consensus: pd.DataFrame
    n_consensus: int
    splits: pd.DataFrame

    def coefficient(self, first: str, second: str, measure: str) -> tuple[float, float, float]:
        """``(value, ci_low, ci_high)`` of one measure for one pair of columns.

        Example
        -------
        >>> t = pd.DataFrame({"first": ["reader 1"], "second": ["VADER"], "measure": ["cohen_kappa"],
        ...                   "n": [4], "value": [0.5], "ci_low": [0.1], "ci_high": [0.9]})
        >>> ReaderAgreement((), pd.DataFrame(), t, pd.DataFrame(), 0, pd.DataFrame()).coefficient(
        ...     "reader 1", "VADER", "cohen_kappa")
        (0.5, 0.1, 0.9)
        """
        t = self.table
        row = t[(t["first"] == first) & (t["second"] == second) & (t["measure"] == measure)]
        if row.empty:
            raise AnalysisInputError(
                Problem("ReaderAgreement", None, "measure", f"no {measure} for {first} – {second}")
            )
        r = row.iloc[0]
        return float(r["value"]), float(r["ci_low"]), float(r["ci_high"])

    def best_tool_kappa(self) -> float:
        """The highest Cohen's κ between a reader and a tool.

        Example
        -------
        >>> t = pd.DataFrame({"first": ["r1", "r1", "r2", "r2"], "second": ["TextBlob", "VADER"] * 2,
        ...                   "measure": ["cohen_kappa"] * 4, "n": [4] * 4, "value": [0.1, 0.2, 0.3, 0.25],
        ...                   "ci_low": [0.0] * 4, "ci_high": [0.5] * 4})
        >>> ReaderAgreement(("r1", "r2"), pd.DataFrame(), t, pd.DataFrame(), 0, pd.DataFrame()).best_tool_kappa()
        0.3
        """
        return max(self.coefficient(r, t, "cohen_kappa")[0] for r in self.names for t in TOOLS)


def reader_agreement(
    validation: ToneValidation,
    second: pd.DataFrame | None,
    *,
    ids: Iterable[str] | None = None,
    n_boot: int = 2000,
    seed: int = 2024,
) -> ReaderAgreement | None:
    """How far a second reader agrees with the first, and how far each tool agrees with either.

    ``validation`` from :func:`tone_validation` (the first reader); ``second``
    from ``load_gold("sentiment", coder=2)``, or ``None`` when the corpus has
    no second reading; ``ids`` the corpus's article ids, as for
    :func:`tone_validation`. The readers must have labelled the same sentences
    (:func:`~analysis.evidence.agreement.pair_codings` refuses otherwise).
    Agreement is measured with :func:`~analysis.evidence.agreement.agreement_table`
    (ordinal α in the order of :data:`~analysis.sentiment.scoring.LABELS`).

    Returns ``None`` when either reading has no sentence of the corpus.

    Example
    -------
    >>> from analysis.sentiment import score_table
    >>> texts = ["A great win.", "Troops were killed.", "Talks resumed."]
    >>> s = score_table(pd.DataFrame({"id": ["a"] * 3, "source": ["body"] * 3, "sentence": [0, 1, 2],
    ...                               "text": texts, "in_quote": [False] * 3}))
    >>> one = pd.DataFrame({"line": [2, 3, 4], "id": ["a"] * 3, "source": ["body"] * 3, "text": texts,
    ...                     "label": ["positive", "neutral", "neutral"]})
    >>> two = one.assign(label=["positive", "negative", "neutral"])
    >>> r = reader_agreement(tone_validation(s, one), two, n_boot=0)
    >>> r.coefficient("reader 1", "reader 2", "agreement")[0], r.n_consensus, r.splits.values.tolist()
    (0.6666666666666666, 2, [['neutral', 'negative', 1]])
    >>> reader_agreement(tone_validation(s, one), None) is None
    True
    """
    if not validation.labelled or second is None:
        return None
    second = _corpus_rows(second, ids)
    if second.empty:
        return None
    names = ("reader 1", "reader 2")
    pairs = pair_codings(validation.labels, second, keys=_KEYS, value="label", names=names, what="sentiment labels")
    tools = validation.predictions[[*_KEYS, *TOOLS.values()]]
    pairs = pairs.merge(tools, on=_KEYS).rename(columns={col: tool for tool, col in TOOLS.items()})
    table = agreement_table(pairs, columns=[*names, *TOOLS], order=LABELS, n_boot=n_boot, seed=seed)
    both = validation.predictions.merge(pairs[[*_KEYS, *names]], on=_KEYS)
    both = both[both[names[0]] == both[names[1]]]
    split = pairs[pairs[names[0]] != pairs[names[1]]]
    splits = split.groupby(list(names)).size().sort_values(ascending=False, kind="mergesort")
    return ReaderAgreement(
        names=names,
        pairs=pairs,
        table=table,
        consensus=evaluate(both).set_index("tool"),
        n_consensus=len(both),
        splits=splits.rename("n").reset_index(),
    )
