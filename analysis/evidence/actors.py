"""The actor matcher against hand-annotated mentions: the gold reader, precision and recall, and the errors."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.actors.matching import SOURCES
from analysis.errors import AnalysisInputError, DataFileError, Problem, require_columns


def read_mention_gold(
    path: str | os.PathLike, *, corpus: pd.DataFrame | None = None, include_embeds: bool = False
) -> pd.DataFrame:
    """Hand-annotated actor mentions from one CSV file (``load_gold("mentions")`` finds the corpus's own).

    Columns ``id``, ``source`` (``body`` or ``embed``; a file without the
    column is all ``body``), ``actor``, ``start``, ``end``, ``matched``,
    ``is_demonym``. Embed rows (mentions in the embedded posts,
    ``quoted_text``) are returned only with ``include_embeds``, so that
    ``read_mention_gold(path, include_embeds=x)`` is the gold for
    ``find_mentions(..., include_embeds=x)``. With ``corpus``, only the gold
    rows of articles in the corpus are returned, and each is checked:
    ``text[start:end]`` (``quoted_text`` for embeds) must equal ``matched``
    (else :class:`~analysis.errors.DataFileError` naming the CSV line), so
    offsets never silently drift from the text.

    Example
    -------
    >>> from analysis.corpus import load_corpus
    >>> from analysis.evidence import gold_path
    >>> gold = read_mention_gold(gold_path("mentions"), corpus=load_corpus())
    >>> set(gold.columns) >= {"id", "source", "actor", "start", "end"}, set(gold["source"])
    (True, {'body'})
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DataFileError(Problem(str(path), None, None, "gold file not found"))
    gold = pd.read_csv(path, dtype={"id": str, "actor": str, "matched": str, "source": str}, keep_default_na=False)
    need = ["id", "actor", "start", "end", "matched", "is_demonym"]
    missing = [c for c in need if c not in gold.columns]
    if missing:
        raise DataFileError([Problem(name, 1, c, "missing column") for c in missing])
    if "source" not in gold.columns:
        gold.insert(1, "source", "body")
    gold["is_demonym"] = gold["is_demonym"].astype(str).str.lower().map({"true": True, "false": False})
    problems = [
        Problem(name, i + 2, "is_demonym", "must be true or false") for i in np.flatnonzero(gold["is_demonym"].isna())
    ]
    problems += [
        Problem(name, i + 2, "source", f"{gold['source'].iloc[i]!r} is not one of {list(SOURCES)}")
        for i in np.flatnonzero(~gold["source"].isin(SOURCES))
    ]
    if not include_embeds:
        gold = gold[gold["source"] != "embed"]
    if corpus is not None:
        columns = {"body": "text", "embed": "quoted_text"}
        gold = gold[gold["id"].isin(set(corpus["id"]))]
        if (gold["source"] == "embed").any():
            require_columns(corpus, ["quoted_text"], "read_mention_gold", "corpus")
        texts = {
            (i, src): t
            for src, col in columns.items()
            if col in corpus.columns
            for i, t in zip(corpus["id"], corpus[col])
        }
        for i, row in gold.iterrows():
            text = texts.get((row["id"], row["source"]))
            if not isinstance(text, str) or text[row["start"] : row["end"]] != row["matched"]:
                problems.append(
                    Problem(
                        name,
                        int(i) + 2,
                        "matched",
                        f"{row['matched']!r} is not at {row['start']}-{row['end']} of {row['id']!r} "
                        f"({columns.get(row['source'], row['source'])})",
                    )
                )
    if problems:
        raise DataFileError(problems)
    return gold.reset_index(drop=True).astype({"start": "int64", "end": "int64", "is_demonym": "bool"})


_KEY = ["id", "source", "start", "end", "actor"]


def _keyed(frame: pd.DataFrame, func: str, arg: str, extra: tuple = ()) -> pd.DataFrame:
    """``frame`` with a ``source`` column (``body`` where missing), after checking the key columns."""
    require_columns(frame, [c for c in (*_KEY, *extra) if c != "source"], func, arg)
    return frame if "source" in frame.columns else frame.assign(source="body")


def score_mentions(predicted: pd.DataFrame, gold: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Precision, recall and F1 of predicted mentions against gold, per article and overall.

    A prediction is correct when ``id``, ``source``, ``start``, ``end`` and
    ``actor`` all equal a gold row (a table without ``source`` is all
    ``body``). Only articles present in ``gold`` are scored. Score
    ``find_mentions(..., include_embeds=x)`` against
    ``load_mention_gold(..., include_embeds=x)``: an article's score then covers its
    body and, with ``x`` True, its embedded posts. ``source="embed"`` (or
    ``"body"``) scores only the mentions from that source, still for every
    article in ``gold``, so a spurious embed mention in an article whose
    posts hold no gold mention still counts against precision.

    Returns
    -------
    DataFrame with ``id`` (plus a last row ``"all"``), ``gold``,
    ``predicted``, ``correct``, ``precision``, ``recall``, ``f1``
    (precision is 1.0 when nothing is predicted, recall 1.0 when there is no gold).

    Example
    -------
    >>> gold = pd.DataFrame({"id": ["a", "a"], "start": [0, 9], "end": [4, 17], "actor": ["iran", "pakistan"]})
    >>> pred = pd.DataFrame({"id": ["a", "a"], "start": [0, 9], "end": [4, 17], "actor": ["iran", "iran"]})
    >>> score_mentions(pred, gold).iloc[-1][["correct", "precision", "recall"]].astype(float).tolist()
    [1.0, 0.5, 0.5]
    """
    predicted = _keyed(predicted, "score_mentions", "predicted")
    gold = _keyed(gold, "score_mentions", "gold")
    if source is not None and source not in SOURCES:
        raise AnalysisInputError(
            Problem("score_mentions()", None, "source", f"{source!r} is not one of {list(SOURCES)}")
        )
    ids = list(dict.fromkeys(gold["id"]))
    pred = predicted[predicted["id"].isin(ids)]
    if source is not None:
        pred, gold = pred[pred["source"] == source], gold[gold["source"] == source]
    g = set(map(tuple, gold[_KEY].itertuples(index=False)))
    p = set(map(tuple, pred[_KEY].itertuples(index=False)))

    def row(name, gs, ps):
        tp = len(gs & ps)
        prec = tp / len(ps) if ps else 1.0
        rec = tp / len(gs) if gs else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return (name, len(gs), len(ps), tp, prec, rec, f1)

    rows = [row(i, {k for k in g if k[0] == i}, {k for k in p if k[0] == i}) for i in ids]
    rows.append(row("all", g, p))
    return pd.DataFrame(rows, columns=["id", "gold", "predicted", "correct", "precision", "recall", "f1"])


def mention_errors(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The disagreements between predicted and gold mentions, for reading.

    Returns
    -------
    DataFrame with ``id``, ``source``, ``start``, ``end``, ``matched``, ``error``
    (``"missed"``: gold only; ``"spurious"``: predicted only;
    ``"wrong actor"``: same span, different actor), ``gold_actor``,
    ``predicted_actor``. Only articles present in ``gold``; a table
    without ``source`` is all ``body``.

    Example
    -------
    >>> gold = pd.DataFrame({"id": ["a"], "start": [0], "end": [4], "actor": ["iran"], "matched": ["Iran"]})
    >>> pred = pd.DataFrame({"id": ["a"], "start": [0], "end": [4], "actor": ["iraq"], "matched": ["Iran"]})
    >>> mention_errors(pred, gold)[["source", "error", "gold_actor", "predicted_actor"]].values.tolist()
    [['body', 'wrong actor', 'iran', 'iraq']]
    """
    predicted = _keyed(predicted, "mention_errors", "predicted", ("matched",))
    gold = _keyed(gold, "mention_errors", "gold", ("matched",))
    pred = predicted[predicted["id"].isin(set(gold["id"]))]
    span = ["id", "source", "start", "end"]
    both = gold[[*span, "matched", "actor"]].merge(
        pred[[*span, "matched", "actor"]], on=span, how="outer", suffixes=("_gold", "_pred"), indicator=True
    )
    both = both[both["actor_gold"] != both["actor_pred"]].copy()
    both["error"] = both["_merge"].map({"left_only": "missed", "right_only": "spurious", "both": "wrong actor"})
    both["matched"] = both["matched_gold"].fillna(both["matched_pred"])
    out = both.rename(columns={"actor_gold": "gold_actor", "actor_pred": "predicted_actor"})
    out = out[["id", "source", "start", "end", "matched", "error", "gold_actor", "predicted_actor"]]
    out = out.astype({"error": "object"}).fillna({"gold_actor": "", "predicted_actor": ""})
    return out.sort_values(["id", "source", "start"], ignore_index=True)


def validate_mentions(
    predicted: pd.DataFrame, gold: pd.DataFrame | None, *, source: str | None = None
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """:func:`score_mentions` and :func:`mention_errors` against the gold, or ``(None, None)`` without gold.

    ``gold`` is ``None`` when the corpus has no annotation
    (``load_gold_if_any("mentions", corpus=corpus)``, which keeps only the
    corpus's articles); the result is also ``(None, None)`` when it has no
    row. ``source`` is passed to :func:`score_mentions`.

    Example
    -------
    >>> pred = pd.DataFrame({"id": ["a"], "start": [0], "end": [4], "actor": ["iran"], "matched": ["Iran"]})
    >>> validate_mentions(pred, None)
    (None, None)
    >>> scores, errors = validate_mentions(pred, pred)
    >>> scores["recall"].tolist(), len(errors)
    ([1.0, 1.0], 0)
    """
    if gold is None or gold.empty:
        return None, None
    return score_mentions(predicted, gold, source=source), mention_errors(predicted, gold)
