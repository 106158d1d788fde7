"""Transfer: how well the cleaning rules and the gazetteer carry over to pages from other outlets.

The rules (``analysis/data/boilerplate.yaml``) and the gazetteer
(``analysis/data/actors.yaml``) were written from the five seed articles, so
their scores on the seed gold say nothing about other outlets. A transfer set
(:mod:`analysis.evidence.transfer_set`) holds short excerpts of real pages
from other outlets, labelled by reading. The scorers here run the current
cleaner (:func:`analysis.clean.classify_lines`) and matcher
(:func:`analysis.actors.matching.find_mentions`) on it and compare:

- :func:`furniture_scores`: share of furniture lines removed and of body lines kept;
- :func:`actor_transfer_scores`: precision and recall of the actor mentions,
  with :func:`actor_transfer_errors` and :func:`actor_miss_summary` for what goes wrong;
- :func:`reader_agreement` and :func:`reader_disagreements`: how far a second
  reader's annotation of the articles agrees with the first's;
- :func:`transfer_summary`: the headline figures against :data:`GOALS`.

``python -m analysis.evidence.transfer <folder>`` prints them (the repository's
set is ``tests/transfer``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.actors.gazetteer import GazetteerArg
from analysis.actors.matching import find_mentions
from analysis.clean import Rule
from analysis.errors import require_columns
from analysis.evidence.actors import mention_errors, score_mentions
from analysis.evidence.transfer_furniture import (
    SPLITS,
    _furniture_shares,
    classify_transfer_lines,
    cleaning_transfer_table,
    default_transfer_dir,
    furniture_errors,
    furniture_scores,
    outlet_split,
    retrieval_batch,
    set_splits,
    split_furniture_scores,
)
from analysis.evidence.transfer_set import (
    BODY_KINDS,
    FURNITURE_KINDS,
    SECOND_READER_FILE,
    TOPICS,
    load_transfer_articles,
    load_transfer_lines,
    load_transfer_mentions,
    load_transfer_pages,
)
from analysis.vocabulary import ACTOR_TYPES

__all__ = [
    "BODY_KINDS",
    "FURNITURE_KINDS",
    "GOALS",
    "SPLITS",
    "TOPICS",
    "actor_miss_summary",
    "actor_transfer_errors",
    "actor_transfer_scores",
    "classify_transfer_lines",
    "cleaning_transfer_table",
    "default_transfer_dir",
    "furniture_errors",
    "furniture_scores",
    "load_transfer_articles",
    "load_transfer_lines",
    "load_transfer_mentions",
    "load_transfer_pages",
    "outlet_split",
    "reader_agreement",
    "reader_disagreements",
    "retrieval_batch",
    "set_splits",
    "split_actor_scores",
    "split_furniture_scores",
    "transfer_report",
    "transfer_summary",
]

#: What later work on the rules aims for (not asserted by any test yet).
GOALS = {"furniture removed": 0.95, "body kept": 0.995, "actor precision": 0.95, "actor recall": 0.95}


# ---------------------------------------------------------------- actors


def _gold_keys(mentions: pd.DataFrame) -> pd.DataFrame:
    """The annotations in the shape of a mention table (``id``, ``source``, ``start``, ``end``, ``actor``, ...)."""
    require_columns(
        mentions,
        ["article", "start", "end", "matched", "actor", "actor_type", "in_gazetteer"],
        "actor scores",
        "mentions",
    )
    return mentions.rename(columns={"article": "id"}).assign(source="body")


def _predict(articles: pd.DataFrame, gazetteer: GazetteerArg, predicted: pd.DataFrame | None) -> pd.DataFrame:
    require_columns(articles, ["id", "text"], "actor scores", "articles")
    if predicted is None:
        predicted = find_mentions(articles[["id", "text"]], gazetteer)
    require_columns(predicted, ["id", "start", "end", "actor", "actor_type", "matched"], "actor scores", "predicted")
    return predicted[predicted["id"].isin(set(articles["id"]))].assign(source="body")


def _prf(group: str, gold: set, pred: set, *, precision: bool = True) -> tuple:
    tp = len(gold & pred)
    p = (tp / len(pred) if pred else 1.0) if precision else np.nan
    r = tp / len(gold) if gold else 1.0
    return (group, len(gold), len(pred) if precision else pd.NA, tp, p, r)


def actor_transfer_scores(
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    gazetteer: GazetteerArg = None,
    predicted: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Precision and recall of :func:`~analysis.actors.matching.find_mentions` against the annotations.

    ``articles`` needs ``id`` and ``text``; ``mentions`` is the annotation
    table (as from :func:`load_transfer_mentions`). ``predicted`` (a
    ``find_mentions`` table) is computed with ``gazetteer`` when not given. A
    prediction is correct when article, start, end and actor all equal an
    annotation (:func:`~analysis.evidence.actors.score_mentions`).

    Returns
    -------
    DataFrame with ``group``, ``gold``, ``predicted``, ``correct``,
    ``precision``, ``recall``. Groups: ``"all"``; ``"type: <actor type>"`` for
    each type present (recall by the annotated type, precision by the
    predicted type); ``"in gazetteer"`` and ``"not in gazetteer"`` (the
    annotated actors the gazetteer had, or lacked, when the set was made:
    recall only, ``predicted`` and ``precision`` missing).

    Example
    -------
    >>> arts = pd.DataFrame({"id": ["a"], "text": ["Iran and Ruritania met."]})
    >>> gold = pd.DataFrame({"article": ["a", "a"], "start": [0, 9], "end": [4, 18], "matched": ["Iran", "Ruritania"],
    ...                      "actor": ["iran", "ruritania"], "actor_type": ["state", "state"], "in_gazetteer": [True, False]})
    >>> actor_transfer_scores(arts, gold)[["group", "gold", "correct", "recall"]].values.tolist()
    [['all', 2, 1, 0.5], ['type: state', 2, 1, 0.5], ['in gazetteer', 1, 1, 1.0], ['not in gazetteer', 1, 0, 0.0]]
    """
    gold = _gold_keys(mentions)
    pred = _predict(articles, gazetteer, predicted)
    overall = score_mentions(pred, gold).iloc[-1]
    rows = [
        (
            "all",
            int(overall["gold"]),
            int(overall["predicted"]),
            int(overall["correct"]),
            overall["precision"],
            overall["recall"],
        )
    ]
    key = ["id", "source", "start", "end", "actor"]

    def keys(frame):
        return set(map(tuple, frame[key].itertuples(index=False)))

    for t in ACTOR_TYPES:
        g, p = gold[gold["actor_type"] == t], pred[pred["actor_type"] == t]
        if len(g) or len(p):
            rows.append(_prf(f"type: {t}", keys(g), keys(p)))
    all_pred = keys(pred)
    for flag, group in ((True, "in gazetteer"), (False, "not in gazetteer")):
        rows.append(_prf(group, keys(gold[gold["in_gazetteer"] == flag]), all_pred, precision=False))
    out = pd.DataFrame(rows, columns=["group", "gold", "predicted", "correct", "precision", "recall"])
    return out.astype({"gold": "int64", "correct": "int64", "predicted": "Int64"})


def split_actor_scores(
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    gazetteer: GazetteerArg = None,
    predicted: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Actor precision and recall on each part of the set (:func:`set_splits`): halves, batches, all.

    ``articles`` needs ``id``, ``text``, ``outlet`` and ``retrieved_from``;
    ``mentions`` and ``predicted`` as for :func:`actor_transfer_scores`.
    Returns ``split``, ``articles``, ``gold``, ``predicted``, ``correct``,
    ``precision`` and ``recall`` (the ``"all"`` row of
    :func:`actor_transfer_scores` on that part's articles).

    Example
    -------
    >>> arts = pd.DataFrame({"id": ["a", "b"], "text": ["Iran met.", "Ruritania met."], "outlet": ["Axios", "CNN"],
    ...                      "retrieved_from": ["x, 2026-12-01", "x, 2026-12-01"]})
    >>> gold = pd.DataFrame({"article": ["a", "b"], "start": [0, 0], "end": [4, 9], "matched": ["Iran", "Ruritania"],
    ...                      "actor": ["iran", "ruritania"], "actor_type": ["state", "state"], "in_gazetteer": [True, False]})
    >>> split_actor_scores(arts, gold)[["split", "gold", "correct", "recall"]].values.tolist()
    [['dev', 1, 1, 1.0], ['held-out', 1, 0, 0.0], ['retrieved 2026-12-01', 2, 1, 0.5], ['all', 2, 1, 0.5]]
    """
    require_columns(articles, ["id", "text", "outlet", "retrieved_from"], "split_actor_scores()", "articles")
    pred = _predict(articles, gazetteer, predicted)
    rows = []
    for split, mask in set_splits(articles).items():
        ids = set(articles.loc[mask, "id"])
        part = actor_transfer_scores(
            articles[mask],
            mentions[mentions["article"].isin(ids)],
            predicted=pred[pred["id"].isin(ids)],
        ).iloc[0]
        rows.append((split, len(ids), *part[["gold", "predicted", "correct", "precision", "recall"]].tolist()))
    out = pd.DataFrame(rows, columns=["split", "articles", "gold", "predicted", "correct", "precision", "recall"])
    return out.astype({"articles": "int64", "gold": "int64", "predicted": "int64", "correct": "int64"})


def _overlaps(row, others: pd.DataFrame) -> bool:
    same = others[(others["id"] == row.id)]
    return bool(((same["start"] < row.end) & (same["end"] > row.start)).any())


def actor_transfer_errors(
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    gazetteer: GazetteerArg = None,
    predicted: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every disagreement between the matcher and the annotations, with the reason for it.

    Arguments as in :func:`actor_transfer_scores`. Returns the columns of
    :func:`~analysis.evidence.actors.mention_errors` (``id`` is the article),
    plus ``actor_type`` (annotated type for misses, predicted type for
    spurious mentions), ``in_gazetteer`` (for misses) and ``reason``:

    - ``"actor not in gazetteer"``: a missed mention of an actor the gazetteer lacks;
    - ``"span differs"``: a missed or spurious mention that overlaps a
      mention of the other side with another span (``Kakar`` found inside
      ``Anwaar Kakar``);
    - ``"alias missing"``: a missed mention of a gazetteer actor that nothing overlaps;
    - ``"wrong actor"``: same span, another actor;
    - ``"not a mention"``: a spurious mention that overlaps no annotation.

    Example
    -------
    >>> arts = pd.DataFrame({"id": ["a"], "text": ["Iran and Ruritania met."]})
    >>> gold = pd.DataFrame({"article": ["a", "a"], "start": [0, 9], "end": [4, 18], "matched": ["Iran", "Ruritania"],
    ...                      "actor": ["iran", "ruritania"], "actor_type": ["state", "state"], "in_gazetteer": [True, False]})
    >>> actor_transfer_errors(arts, gold)[["matched", "error", "reason"]].values.tolist()
    [['Ruritania', 'missed', 'actor not in gazetteer']]
    """
    gold = _gold_keys(mentions)
    pred = _predict(articles, gazetteer, predicted)
    errors = mention_errors(pred, gold)
    gold_info = gold.set_index(["id", "start", "end"])[["actor_type", "in_gazetteer"]]
    pred_types = pred.set_index(["id", "start", "end", "actor"])["actor_type"]
    types, in_gaz, reasons = [], [], []
    for row in errors.itertuples(index=False):
        at = (row.id, row.start, row.end)
        if row.error == "spurious":
            types.append(pred_types.get((*at, row.predicted_actor), ""))
            in_gaz.append(True)
            reasons.append("span differs" if _overlaps(row, gold) else "not a mention")
            continue
        info = gold_info.loc[at]
        types.append(info["actor_type"])
        in_gaz.append(bool(info["in_gazetteer"]))
        if row.error == "wrong actor":
            reasons.append("wrong actor")
        elif not info["in_gazetteer"]:
            reasons.append("actor not in gazetteer")
        else:
            reasons.append("span differs" if _overlaps(row, pred) else "alias missing")
    return errors.assign(actor_type=types, in_gazetteer=in_gaz, reason=reasons)


def actor_miss_summary(errors: pd.DataFrame, *, examples: int = 6) -> pd.DataFrame:
    """The kinds of matcher errors, most frequent first, with example strings.

    ``errors`` as from :func:`actor_transfer_errors`. Returns ``error``,
    ``reason``, ``count`` and ``examples`` (up to ``examples`` distinct
    matched strings, most frequent first, joined by ``"; "``).

    Example
    -------
    >>> e = pd.DataFrame({"error": ["missed", "missed", "spurious"], "reason": ["alias missing"] * 2 + ["not a mention"],
    ...                   "matched": ["FO", "FO", "US"]})
    >>> actor_miss_summary(e).values.tolist()
    [['missed', 'alias missing', 2, 'FO'], ['spurious', 'not a mention', 1, 'US']]
    """
    require_columns(errors, ["error", "reason", "matched"], "actor_miss_summary()", "errors")
    rows = []
    for (error, reason), part in errors.groupby(["error", "reason"], sort=False):
        top = part["matched"].value_counts(sort=True).index[:examples]
        rows.append((error, reason, len(part), "; ".join(top)))
    out = pd.DataFrame(rows, columns=["error", "reason", "count", "examples"])
    return out.sort_values(["count", "error", "reason"], ascending=[False, True, True], ignore_index=True)


# ---------------------------------------------------------------- two readers


def _read_articles(first: pd.DataFrame, second: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both annotations as mention tables, the first kept to the articles the second reader annotated."""
    first, second = _gold_keys(first), _gold_keys(second)
    return first[first["id"].isin(set(second["id"]))], second


def reader_agreement(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Agreement of a second reader's actor mentions with the first reader's, on the second's articles.

    ``first`` and ``second`` are annotation tables (as from
    :func:`load_transfer_mentions`, the second with
    ``file=SECOND_READER_FILE``); only the articles with a mention in
    ``second`` are compared. The first reader is taken as the reference:
    :func:`~analysis.evidence.actors.score_mentions` with ``predicted=second``
    and ``gold=first``, so precision is the share of the second reader's
    mentions the first also has, recall the share of the first's the second
    also has, and F1 (symmetric) their harmonic mean.

    Returns
    -------
    DataFrame with ``match`` (``"span and actor"``: same article, start, end
    and actor; ``"span only"``: same article, start and end, whatever the
    actor), ``articles``, ``first``, ``second``, ``agreed``, ``precision``,
    ``recall``, ``f1``.

    Example
    -------
    >>> one = pd.DataFrame({"article": ["a", "a", "b"], "start": [0, 9, 0], "end": [4, 15, 4],
    ...                     "matched": ["Iran", "Jordan", "Iraq"], "actor": ["iran", "jordan", "iraq"],
    ...                     "actor_type": ["state"] * 3, "in_gazetteer": [True] * 3})
    >>> two = one.iloc[:2].assign(actor=["iran", "jordan_valley"])
    >>> reader_agreement(one, two)[["match", "first", "second", "agreed", "f1"]].values.tolist()
    [['span and actor', 2, 2, 1, 0.5], ['span only', 2, 2, 2, 1.0]]
    """
    first, second = _read_articles(first, second)
    rows = []
    for match, blank in (("span and actor", False), ("span only", True)):
        f, s = (first.assign(actor=""), second.assign(actor="")) if blank else (first, second)
        overall = score_mentions(s, f).iloc[-1]
        rows.append(
            (
                match,
                second["id"].nunique(),
                int(overall["gold"]),
                int(overall["predicted"]),
                int(overall["correct"]),
                *overall[["precision", "recall", "f1"]].astype(float),
            )
        )
    return pd.DataFrame(rows, columns=["match", "articles", "first", "second", "agreed", "precision", "recall", "f1"])


def reader_disagreements(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Every mention the two readers do not agree on (same span and actor), with its kind.

    Arguments as in :func:`reader_agreement`. Returns the columns of
    :func:`~analysis.evidence.actors.mention_errors` (``id`` is the article,
    ``gold_actor`` the first reader's, ``predicted_actor`` the second's), with
    ``error`` one of ``"first reader only"``, ``"second reader only"`` and
    ``"other actor"`` (same span), and ``reason``: ``"span differs"`` when a
    mention of one reader overlaps a mention of the other with another span,
    ``"no overlapping mention"`` when it overlaps none, ``"other actor"`` for
    the same span. :func:`actor_miss_summary` counts them by kind.

    Example
    -------
    >>> one = pd.DataFrame({"article": ["a", "a"], "start": [0, 9], "end": [4, 15], "matched": ["Iran", "Jordan"],
    ...                     "actor": ["iran", "jordan"], "actor_type": ["state"] * 2, "in_gazetteer": [True] * 2})
    >>> two = pd.DataFrame({"article": ["a"], "start": [0], "end": [8], "matched": ["Iran and"], "actor": ["iran"],
    ...                     "actor_type": ["state"], "in_gazetteer": [True]})
    >>> reader_disagreements(one, two)[["matched", "error", "reason"]].values.tolist()
    [['Iran', 'first reader only', 'span differs'], ['Iran and', 'second reader only', 'span differs'], ['Jordan', 'first reader only', 'no overlapping mention']]
    """
    first, second = _read_articles(first, second)
    errors = mention_errors(second, first)
    kinds = {"missed": "first reader only", "spurious": "second reader only", "wrong actor": "other actor"}
    reasons = [
        "other actor"
        if row.error == "wrong actor"
        else (
            "span differs" if _overlaps(row, second if row.error == "missed" else first) else "no overlapping mention"
        )
        for row in errors.itertuples(index=False)
    ]
    return errors.assign(error=errors["error"].map(kinds), reason=reasons)


# ---------------------------------------------------------------- summary


def transfer_summary(furniture: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The four headline figures against :data:`GOALS`.

    ``furniture`` as from :func:`furniture_scores`, ``actors`` as from
    :func:`actor_transfer_scores`. Returns ``measure``, ``value``, ``goal``
    and ``gap`` (``value - goal``: negative while short of the goal).

    Example
    -------
    >>> f = pd.DataFrame({"measure": ["furniture removed", "body kept"], "kind": ["all", "all"], "share": [0.9, 1.0]})
    >>> a = pd.DataFrame({"group": ["all"], "precision": [0.8], "recall": [0.5]})
    >>> transfer_summary(f, a)[["measure", "gap"]].round(3).values.tolist()
    [['furniture removed', -0.05], ['body kept', 0.005], ['actor precision', -0.15], ['actor recall', -0.45]]
    """
    require_columns(furniture, ["measure", "kind", "share"], "transfer_summary()", "furniture")
    require_columns(actors, ["group", "precision", "recall"], "transfer_summary()", "actors")
    overall = furniture[furniture["kind"] == "all"].set_index("measure")["share"]
    everything = actors[actors["group"] == "all"].iloc[0]
    values = {
        "furniture removed": overall.get("furniture removed", np.nan),
        "body kept": overall.get("body kept", np.nan),
        "actor precision": everything["precision"],
        "actor recall": everything["recall"],
    }
    out = pd.DataFrame(
        {"measure": list(GOALS), "value": [float(values[m]) for m in GOALS], "goal": list(GOALS.values())}
    )
    out["gap"] = out["value"] - out["goal"]
    return out


def transfer_report(
    directory, *, gazetteer: GazetteerArg = None, rules: tuple[Rule, ...] | None = None
) -> dict[str, pd.DataFrame]:
    """Everything the transfer command prints, for the transfer set in ``directory``.

    Returns a dict of tables: ``summary`` (:func:`transfer_summary`),
    ``furniture`` (:func:`furniture_scores`, with the page titles),
    ``furniture_splits`` (:func:`split_furniture_scores`: dev and held-out halves, and each batch),
    ``furniture_untitled`` (the same without titles), ``furniture_errors``,
    ``actors`` (:func:`actor_transfer_scores`), ``actor_errors`` and
    ``actor_misses`` (:func:`actor_miss_summary`), ``actor_splits``
    (:func:`split_actor_scores`: halves and batches), and ``sizes`` (pages,
    outlets, labelled lines, articles, mentions). When the folder holds a
    second reader's annotation (:data:`~analysis.evidence.transfer_set.SECOND_READER_FILE`), also
    ``reader_agreement`` (:func:`reader_agreement`) and
    ``reader_disagreements`` (:func:`reader_disagreements` counted by
    :func:`actor_miss_summary`).

    Example
    -------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "pages").mkdir(); (d / "articles").mkdir()
    >>> _ = (d / "pages" / "p.txt").write_text("Subscribe\\nThe minister spoke.\\n", encoding="utf-8")
    >>> _ = (d / "pages.csv").write_text("id,file,outlet,url,topic,title,retrieved_from\\n"
    ...     "p,pages/p.txt,Daily,https://example.org/p,other,,stored copy\\n", encoding="utf-8")
    >>> _ = (d / "furniture_lines.csv").write_text("page,line_number,label,kind\\np,1,furniture,share\\n"
    ...     "p,2,body,text\\n", encoding="utf-8")
    >>> _ = (d / "articles" / "a.txt").write_text("Iran and Ruritania met.", encoding="utf-8")
    >>> _ = (d / "actor_articles.csv").write_text("id,file,outlet,url,crisis,retrieved_from\\n"
    ...     "a,articles/a.txt,Daily,https://example.org/a,iran-israel-2024-04,stored copy\\n", encoding="utf-8")
    >>> _ = (d / "actor_mentions.csv").write_text("article,start,end,matched,actor,actor_type,is_demonym,in_gazetteer\\n"
    ...     "a,0,4,Iran,iran,state,false,true\\na,9,18,Ruritania,ruritania,state,false,false\\n", encoding="utf-8")
    >>> transfer_report(d)["summary"][["measure", "value"]].values.tolist()
    [['furniture removed', 1.0], ['body kept', 1.0], ['actor precision', 1.0], ['actor recall', 0.5]]
    """
    pages = load_transfer_pages(directory)
    lines = load_transfer_lines(directory, pages=pages)
    articles = load_transfer_articles(directory)
    mentions = load_transfer_mentions(directory, articles=articles, gazetteer=gazetteer)
    verdicts = classify_transfer_lines(pages, lines, rules=rules)
    furniture = _furniture_shares(verdicts)
    predicted = find_mentions(articles[["id", "text"]], gazetteer)
    actors = actor_transfer_scores(articles, mentions, gazetteer=gazetteer, predicted=predicted)
    errors = actor_transfer_errors(articles, mentions, gazetteer=gazetteer, predicted=predicted)
    sizes = pd.DataFrame(
        {
            "what": ["pages", "outlets (pages)", "labelled lines", "articles", "outlets (articles)", "mentions"],
            "count": [
                len(pages),
                pages["outlet"].nunique(),
                len(lines),
                len(articles),
                articles["outlet"].nunique(),
                len(mentions),
            ],
        }
    )
    tables = {
        "sizes": sizes,
        "summary": transfer_summary(furniture, actors),
        "furniture": furniture,
        "furniture_splits": split_furniture_scores(pages, verdicts),
        "furniture_untitled": furniture_scores(pages, lines, use_title=False, rules=rules),
        "furniture_errors": furniture_errors(verdicts),
        "actors": actors,
        "actor_errors": errors,
        "actor_misses": actor_miss_summary(errors),
        "actor_splits": split_actor_scores(articles, mentions, predicted=predicted),
    }
    if (Path(directory) / SECOND_READER_FILE).is_file():
        second = load_transfer_mentions(directory, articles=articles, gazetteer=gazetteer, file=SECOND_READER_FILE)
        tables["reader_agreement"] = reader_agreement(mentions, second)
        tables["reader_disagreements"] = actor_miss_summary(reader_disagreements(mentions, second))
    return tables


def _print_report(tables: dict[str, pd.DataFrame]) -> None:
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 90)
    sections = [
        ("The transfer set", tables["sizes"], {}),
        ("Today's figures against the goals", tables["summary"], {"float_format": "{:.3f}".format}),
        ("Cleaning: furniture removed and body kept, by kind (page titles passed)", tables["furniture"], {}),
        (
            "Cleaning by part of the set (halves by outlet: rules tuned on dev, held-out kept for checking;"
            " batches by retrieval date)",
            tables["furniture_splits"],
            {},
        ),
        ("Cleaning without page titles", tables["furniture_untitled"], {}),
        (
            "Cleaning errors, by kind of line",
            tables["furniture_errors"].groupby(["error", "kind"]).size().to_frame("lines").reset_index(),
            {},
        ),
        ("Actors: precision and recall", tables["actors"], {}),
        ("Actors by part of the set (halves by outlet; batches by retrieval date)", tables["actor_splits"], {}),
        ("Actors: kinds of errors", tables["actor_misses"], {}),
    ]
    if "reader_agreement" in tables:
        sections += [
            (
                "Agreement of two readers (actors): the second reader against the first, on the second's articles",
                tables["reader_agreement"],
                {},
            ),
            ("Disagreements of the two readers, by kind", tables["reader_disagreements"], {}),
        ]
    for title, table, options in sections:
        print(f"\n{title}\n{'-' * len(title)}")
        print(table.to_string(index=False, **{"float_format": "{:.3f}".format, **options}))


def _main(argv: list[str] | None = None) -> int:
    """Print the transfer figures for the transfer set folder given as the one argument."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis.evidence.transfer", description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="the transfer set folder (the repository's is tests/transfer)")
    args = parser.parse_args(argv)
    _print_report(transfer_report(args.folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
