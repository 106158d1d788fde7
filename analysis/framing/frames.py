"""Frame dictionaries: frames as data, their hits in context, rates, and the escalation balance.

Two kinds of method, as in the framing literature:

- statistics for word use that cope with sparse counts, for any grouping
  column and any number of groups (each group against all the others):
  :func:`~analysis.framing.keyness.keyness` (weighted log-odds with an informative Dirichlet prior,
  Monroe, Colaresi & Quinn 2008; or log-likelihood G², Rayson & Garside 2000,
  with Hardie's 2014 Log Ratio), :func:`~analysis.framing.keyness.keyness_stability` (is the ranking
  fragile to the prior's size?) and :func:`~analysis.framing.collocations.collocations` (NLTK finders);
- frame dictionaries whose every hit can be read in context:
  :func:`load_frames` (``analysis/data/frames.yaml``, validated),
  :func:`~analysis.framing.collocations.kwic`, :func:`frame_hits`, :func:`frame_scores`,
  :func:`escalation_balance`, :func:`~analysis.evidence.framing.frame_precision`.

Terms come from :func:`analysis.text.doc_term_counts` (stopwords dropped,
n-grams inside sentences); dictionary patterns are matched on the folded text
(:func:`analysis.text.fold`) of each article's cleaned body, case-insensitively.

Dictionary pattern syntax: lower-case words separated by single spaces; a word
may end in ``*`` (any continuation: ``retaliat*`` matches ``retaliate``,
``retaliation``). A pattern never matches inside a longer hyphenated word, so
``escalation`` does not match within ``de-escalation``.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis.errors import AnalysisInputError, DataFileError, Problem, require_columns
from analysis.framing.collocations import pattern_regex
from analysis.framing.hits import _dictionary_columns, _table, _table_of_columns
from analysis.text import count_tokens, fold, normalize
from analysis.types import group_labels

FRAME_FAMILIES = ("generic", "war-peace", "crisis")


FRAME_INDICES = ("escalation", "de-escalation")


_FRAME_FIELDS = {"key", "label", "family", "index", "citation", "reference", "definition", "patterns"}


_KEY_RE = re.compile(r"^[a-z][a-z0-9_-]*$")


_WORD_RE = re.compile(r"^[a-z0-9][a-z0-9.'-]*\*?$")


def _default_frames_path() -> Path:
    return Path(str(resources.files("analysis") / "data" / "frames.yaml"))


def load_frames(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate a frame dictionary file (default ``analysis/data/frames.yaml``).

    The file is a mapping with ``source`` (text) and ``frames`` (a list). Each
    frame has ``key`` (unique, lower-case), ``label``, ``family`` (one of
    ``generic``, ``war-peace``, ``crisis``), ``citation`` (a BibTeX key),
    ``reference`` (author–year text), ``definition`` (one line), ``patterns``
    (a non-empty list of unique patterns, see the module docstring) and,
    optionally, ``index`` (``escalation`` or ``de-escalation``, used by
    :func:`escalation_balance`; at most one frame each).

    Returns
    -------
    DataFrame, one row per frame in file order: ``key``, ``label``, ``family``,
    ``index`` (empty when none), ``citation``, ``reference``, ``definition``,
    ``patterns`` (tuple) and ``regex`` (from :func:`~analysis.framing.collocations.pattern_regex`).

    Raises
    ------
    DataFileError
        Listing every problem, each naming the file, the entry (1-based
        position in ``frames``) and the field.

    Example
    -------
    >>> frames = load_frames()
    >>> {"escalation", "de-escalation"} <= set(frames["index"])
    True
    """
    path = Path(path) if path is not None else _default_frames_path()
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(Problem(str(path), None, None, "file does not exist")) from None
    except yaml.YAMLError as exc:
        raise DataFileError(Problem(name, None, None, f"not valid YAML ({exc})")) from None
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise DataFileError(Problem(name, None, None, "the file must be a mapping with 'source' and 'frames'"))
    if not isinstance(data.get("source"), str) or not data["source"].strip():
        problems.append(Problem(name, None, "source", "the file must name its source"))
    entries = data.get("frames")
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(name, None, "frames", "must be a non-empty list of frames"))
        raise DataFileError(problems)
    records = []
    keys: dict[str, int] = {}
    indices: dict[str, int] = {}
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(Problem(name, i, None, "each frame must be a mapping of fields"))
            continue
        for field in sorted(set(entry) - _FRAME_FIELDS):
            problems.append(
                Problem(name, i, str(field), f"unknown field (allowed: {', '.join(sorted(_FRAME_FIELDS))})")
            )
        for field in ("key", "label", "family", "citation", "reference", "definition"):
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(name, i, field, "missing or empty (must be text)"))
        key = entry.get("key")
        if isinstance(key, str) and key:
            if not _KEY_RE.match(key):
                problems.append(Problem(name, i, "key", f"{key!r}: use lower-case letters, digits, '-' or '_'"))
            if key in keys:
                problems.append(Problem(name, i, "key", f"duplicate key {key!r} (also entry {keys[key]})"))
            keys.setdefault(key, i)
        family = entry.get("family")
        if isinstance(family, str) and family and family not in FRAME_FAMILIES:
            problems.append(Problem(name, i, "family", f"{family!r} is not one of {', '.join(FRAME_FAMILIES)}"))
        definition = entry.get("definition")
        if isinstance(definition, str) and "\n" in definition.strip():
            problems.append(Problem(name, i, "definition", "must be one line"))
        index = entry.get("index")
        if index is not None:
            if index not in FRAME_INDICES:
                problems.append(Problem(name, i, "index", f"{index!r} is not one of {', '.join(FRAME_INDICES)}"))
            elif index in indices:
                problems.append(Problem(name, i, "index", f"{index!r} is already given to entry {indices[index]}"))
            else:
                indices[index] = i
        patterns = entry.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            problems.append(Problem(name, i, "patterns", "must be a non-empty list of patterns"))
            patterns = []
        seen: set[str] = set()
        for pattern in patterns:
            if not isinstance(pattern, str) or not pattern.strip():
                problems.append(Problem(name, i, "patterns", f"{pattern!r}: empty or not text"))
                continue
            words = pattern.split(" ")
            if pattern != normalize(pattern) or not all(_WORD_RE.match(w) for w in words):
                problems.append(
                    Problem(
                        name,
                        i,
                        "patterns",
                        f"{pattern!r}: write lower-case words separated by single spaces; '*' only at a word's end",
                    )
                )
            if pattern in seen:
                problems.append(Problem(name, i, "patterns", f"{pattern!r} is listed twice"))
            seen.add(pattern)
        records.append(
            {
                "key": key,
                "label": entry.get("label"),
                "family": family,
                "index": index or "",
                "citation": entry.get("citation"),
                "reference": entry.get("reference"),
                "definition": " ".join(str(definition or "").split()),
                "patterns": tuple(p for p in patterns if isinstance(p, str)),
            }
        )
    if problems:
        raise DataFileError(problems)
    table = pd.DataFrame(records)
    table["regex"] = [pattern_regex(list(p)) for p in table["patterns"]]
    return table


@lru_cache(maxsize=4)
def _cached_frames(path: str | None) -> pd.DataFrame:
    return load_frames(path)


#: The frame dictionary option, one of ``None`` (the shipped ``frames.yaml``), a YAML path,
#: or a table from :func:`load_frames`.
FramesArg = pd.DataFrame | str | os.PathLike | None


def resolve_frames(frames: FramesArg) -> pd.DataFrame:
    """The frame dictionary table for a ``frames`` option (see :data:`FramesArg`).

    Example
    -------
    >>> resolve_frames(None)["key"].tolist()[:3]
    ['conflict', 'human-interest', 'economic']
    """
    if frames is None:
        return _cached_frames(None).copy()
    if isinstance(frames, (str, Path)):
        return load_frames(frames)
    if isinstance(frames, pd.DataFrame):
        needed = {"key", "family", "index", "regex"}
        if not needed <= set(frames.columns):
            raise AnalysisInputError(
                Problem("frames", None, None, f"a frames table needs columns {sorted(needed)} (use load_frames())")
            )
        return frames
    raise AnalysisInputError(Problem("frames", None, None, "give None, a path, or a table from load_frames()"))


def frame_hits(corpus: pd.DataFrame, frames: FramesArg = None, *, window: int = 8) -> pd.DataFrame:
    """Every dictionary hit, with its evidence (sentence and keyword in context).

    Within one frame, patterns are tried longest first and matches do not
    overlap; the same words can be a hit of two different frames.

    Parameters
    ----------
    frames
        ``None`` (the shipped ``frames.yaml``), a path to a frames file, or a
        table from :func:`load_frames`.
    window
        Words of context on each side.

    Returns
    -------
    DataFrame with ``id``, ``frame`` (key), ``family``, ``sentence``,
    ``sentence_text``, ``matched`` (as written), ``term`` (normalised match),
    ``left``, ``right``, ``start``, ``end``, ``in_quote``; ordered by corpus
    order, frame file order, then position.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran fired missiles. Both sides urged de-escalation."]})
    >>> frame_hits(corpus).query("family == 'war-peace'")[["frame", "term"]].values.tolist()
    [['escalation', 'missiles'], ['de-escalation', 'de-escalation']]
    """
    table = resolve_frames(frames)
    columns = [
        "id",
        "frame",
        "family",
        "sentence",
        "sentence_text",
        "matched",
        "term",
        "left",
        "right",
        "start",
        "end",
        "in_quote",
    ]
    if table.empty:
        return pd.DataFrame(columns=columns)
    # One table for every frame's hits (not one per frame, then joined), sorted as before: by
    # article, frame and position (stable).
    which, found = _dictionary_columns(corpus, list(table["regex"]), window=window)
    # column by column (a table of 100,000 row tuples is what made this slow); the same types, as
    # long as there is a hit (an empty table from no rows has object columns)
    out = _table_of_columns(found) if which else _table([])
    out = out.rename(columns={"match": "matched"})
    # each hit's frame key and family; with no hits, the (empty) columns take the type of a key and
    # a family, as the joined tables per frame had them
    out.insert(1, "frame", table["key"].to_numpy()[which] if which else table["key"].iloc[0])
    out.insert(2, "family", table["family"].to_numpy()[which] if which else table["family"].iloc[0])
    if len(set(which)) < len(table):
        # as when the tables per frame were joined: an empty one (a frame with no hits) made the
        # text columns ``object``
        out = out.astype({c: object for c in ("id", "sentence_text", "matched", "left", "right")})
    terms: dict[str, str] = {}  # the same words are matched again and again
    out["term"] = [terms[m] if m in terms else terms.setdefault(m, normalize(" ".join(m.split()))) for m in found[3]]
    order = {i: k for k, i in enumerate(corpus["id"])}
    frame_order = {k: j for j, k in enumerate(table["key"])}  # (a key given twice sorts as its last entry)
    # the rows were made article by article, and the joined tables were frame by frame: the frame's
    # place in the table breaks the ties (an id or a key given twice) in the order they had
    keys = [
        np.array([order[i] for i in found[0]], dtype=np.int64),
        np.array([frame_order[k] for k in table["key"]], dtype=np.int64)[which],
        np.array(found[5], dtype=np.int64),
        np.array(which, dtype=np.int64),
    ]
    if _in_order(keys):  # the usual case (every id and key once): the stable sort would change nothing
        return out[columns]
    out = out.assign(_a=keys[0], _f=keys[1], _p=keys[3])
    return out.sort_values(["_a", "_f", "start", "_p"], kind="mergesort", ignore_index=True)[columns]


def _in_order(keys: list[np.ndarray]) -> bool:
    """Whether the rows whose sort keys are the columns ``keys`` (the first one first) are already in order.

    Example
    -------
    >>> _in_order([np.array([0, 0, 1]), np.array([5, 6, 0])]), _in_order([np.array([0, 0]), np.array([6, 5])])
    (True, False)
    """
    after = np.zeros(max(len(keys[0]) - 1, 0), dtype=bool)  # row k+1 already sorts after row k
    tied = np.ones_like(after)
    for key in keys:
        step = np.diff(key)
        after |= tied & (step > 0)
        tied &= step == 0
    return bool(np.all(after | tied))


def word_counts(corpus: pd.DataFrame) -> pd.Series:
    """Word tokens per article, indexed by ``id``: the corpus's ``n_words`` when it has them.

    Example
    -------
    >>> word_counts(pd.DataFrame({"id": ["a"], "text": ["Iran’s 300-plus drones."]})).to_dict()
    {'a': 3}
    """
    if "n_words" in corpus.columns:
        return pd.Series(corpus["n_words"].to_numpy(), index=corpus["id"].to_numpy())
    # the number of tokenize()'s tokens, without making them (as the loader counts n_words)
    return pd.Series([count_tokens(fold(t or "")) for t in corpus["text"]], index=corpus["id"].to_numpy())


def frame_scores(
    corpus: pd.DataFrame, frames: FramesArg = None, *, by: str | None = None, hits: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Frame hits per 1,000 words, per article or pooled per group.

    Parameters
    ----------
    frames
        As in :func:`frame_hits`.
    hits
        The hits of :func:`frame_hits` on this corpus, when already computed
        (for example :attr:`analysis.pipeline.Analysis.hits`); computed when ``None``.
    by
        ``None`` for one row per article and frame; a column name for one row
        per group and frame (hits and words summed over the group's articles).

    Returns
    -------
    Per article: ``id``, ``frame``, ``family``, ``hits``, ``n_words``,
    ``per_1000`` (1,000 · hits / n_words). Per group: ``group``, ``frame``,
    ``family``, ``hits``, ``n_words``, ``n_docs``, ``n_docs_hit`` (articles
    with at least one hit), ``per_1000``. Every frame appears for every
    article or group, with zero hits where there are none.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "text": ["Missiles and more missiles.", "Talks resumed in calm."]})
    >>> s = frame_scores(corpus, by="outlet").query("frame == 'escalation'")
    >>> s[["group", "hits", "n_words", "per_1000"]].values.tolist()
    [['X', 2, 4, 500.0], ['Y', 0, 4, 0.0]]
    """
    table = resolve_frames(frames)
    labels = group_labels(corpus, by, "frame_scores") if by is not None else None
    hits = frame_hits(corpus, table) if hits is None else _hits_of(hits, corpus, table)
    words = word_counts(corpus)
    # plain dicts: a pandas lookup per article and frame is what made this slow
    counts = hits.groupby(["id", "frame"]).size().to_dict()
    n_words = dict(zip(words.index, words.to_numpy())) if words.index.is_unique else None
    frame_rows = list(zip(table["key"], table["family"]))
    rows = []
    for doc in corpus["id"]:
        n = int(n_words[doc] if n_words is not None else words[doc])
        for key, family in frame_rows:
            rows.append(
                {"id": doc, "frame": key, "family": family, "hits": int(counts.get((doc, key), 0)), "n_words": n}
            )
    per_doc = pd.DataFrame(rows, columns=["id", "frame", "family", "hits", "n_words"])
    if labels is None:
        per_doc["per_1000"] = 1000.0 * per_doc["hits"] / per_doc["n_words"].where(per_doc["n_words"] > 0)
        return per_doc
    per_doc["group"] = per_doc["id"].map(labels)
    per_doc["has_hit"] = per_doc["hits"] > 0
    grouped = (
        per_doc.groupby(["group", "frame"], sort=False)
        .agg(
            family=("family", "first"),
            hits=("hits", "sum"),
            n_words=("n_words", "sum"),
            n_docs=("id", "nunique"),
            n_docs_hit=("has_hit", "sum"),
        )
        .reset_index()
    )
    grouped["n_docs_hit"] = grouped["n_docs_hit"].astype("int64")
    grouped["per_1000"] = 1000.0 * grouped["hits"] / grouped["n_words"].where(grouped["n_words"] > 0)
    frame_order = {k: j for j, k in enumerate(table["key"])}
    grouped = grouped.assign(_g=grouped["group"].astype(str), _f=grouped["frame"].map(frame_order))
    return grouped.sort_values(["_g", "_f"], ignore_index=True)[
        ["group", "frame", "family", "hits", "n_words", "n_docs", "n_docs_hit", "per_1000"]
    ]


def _hits_of(hits: pd.DataFrame, corpus: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Precomputed hits restricted to the corpus's articles and the table's frames.

    Within a frame, hits never depend on the other frames, so this equals
    ``frame_hits(corpus, table)`` when ``hits`` came from a larger table.
    """
    require_columns(hits, ["id", "frame"], "frame_scores", "hits")
    return hits[hits["id"].isin(set(corpus["id"])) & hits["frame"].isin(set(table["key"]))]


def escalation_balance(
    corpus: pd.DataFrame, frames: FramesArg = None, *, hits: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Escalation against de-escalation vocabulary, per article, ordered by date.

    ``hits``, when given, are the precomputed :func:`frame_hits` of this corpus.

    ``balance = (esc − deesc) / (esc + deesc)``: +1 only escalation words,
    −1 only de-escalation words. When an article has neither, ``balance`` is
    NaN and ``no_hits`` is True (never a silent 0).

    Returns
    -------
    DataFrame with the corpus's ``id`` and, where present, ``date``,
    ``published``, ``outlet``, ``crisis``, ``genre``; then ``esc``, ``deesc``, ``n_words``,
    ``balance``, ``no_hits``. Ordered by ``date`` (when present) then ``id``.

    Raises
    ------
    AnalysisInputError
        When the frames table has no ``escalation`` or ``de-escalation`` index.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": ["Missiles struck. Talks?", "Nothing here."]})
    >>> escalation_balance(corpus)[["esc", "deesc", "balance", "no_hits"]].values.tolist()
    [[2, 1, 0.3333333333333333, False], [0, 0, nan, True]]
    """
    table = resolve_frames(frames)
    keys = {}
    for index in FRAME_INDICES:
        found = table.loc[table["index"] == index, "key"].tolist()
        if not found:
            raise AnalysisInputError(Problem("escalation_balance()", None, "frames", f"no frame has index {index!r}"))
        keys[index] = found[0]
    scores = frame_scores(corpus, table.loc[table["key"].isin(keys.values())], hits=hits)
    wide = scores.pivot_table(index="id", columns="frame", values="hits", aggfunc="sum", fill_value=0)
    meta = [c for c in ("id", "date", "published", "outlet", "crisis", "genre") if c in corpus.columns]
    out = corpus[meta].copy()
    out["esc"] = out["id"].map(wide[keys["escalation"]]).astype("int64")
    out["deesc"] = out["id"].map(wide[keys["de-escalation"]]).astype("int64")
    out["n_words"] = out["id"].map(word_counts(corpus)).astype("int64")
    total = out["esc"] + out["deesc"]
    out["balance"] = (out["esc"] - out["deesc"]) / total.where(total > 0)
    out["no_hits"] = total == 0
    order = ["date", "id"] if "date" in out.columns else ["id"]
    return out.sort_values(order, kind="mergesort", ignore_index=True)


def shared_frame_terms(hits: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Frame terms used in every group: what the groups' framings have in common.

    Parameters
    ----------
    hits
        From :func:`frame_hits`.
    labels
        Group of each article: a Series indexed by ``id`` (e.g.
        ``corpus.set_index("id")["crisis"]``).

    Returns
    -------
    DataFrame with ``frame``, ``term``, ``hits`` (total), ``min_hits`` (the
    smallest count in any group) and one column per group with its count;
    only terms with a hit in every group, most hits first.

    Example
    -------
    >>> hits = pd.DataFrame({"id": ["a", "b", "b"], "frame": ["de-escalation"] * 3,
    ...                      "term": ["restraint", "restraint", "calm"]})
    >>> shared_frame_terms(hits, pd.Series({"a": "A", "b": "B"}))[["term", "A", "B"]].values.tolist()
    [['restraint', 1, 1]]
    """
    groups = sorted(pd.unique(labels.to_numpy()), key=str)
    table = hits.assign(group=hits["id"].map(labels))
    wide = table.pivot_table(index=["frame", "term"], columns="group", values="id", aggfunc="size", fill_value=0)
    wide = wide.reindex(columns=groups, fill_value=0)
    wide = wide[(wide > 0).all(axis=1)] if len(groups) else wide.iloc[0:0]
    out = wide.reset_index()
    out.columns.name = None
    out.insert(2, "hits", wide.sum(axis=1).to_numpy().astype("int64") if len(wide) else [])
    out.insert(3, "min_hits", wide.min(axis=1).to_numpy().astype("int64") if len(wide) else [])
    return out.sort_values(["hits", "frame", "term"], ascending=[False, True, True], ignore_index=True)


def period_balance(balance: pd.DataFrame) -> pd.DataFrame:
    """Pooled escalation balance of the articles on the first publication date against the later ones.

    Use it on the rows of one crisis from :func:`escalation_balance`. Counts
    are pooled before the ratio, so a long article weighs more than a short one.

    Returns
    -------
    DataFrame with ``period`` (``first date`` and ``later``; only the first when
    every article shares one date), ``n_articles``, ``first_date``,
    ``last_date``, ``esc``, ``deesc``, ``balance`` (NaN with no hits).

    Example
    -------
    >>> b = pd.DataFrame({"id": ["a", "b", "c"], "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-05"]),
    ...                   "esc": [3, 1, 1], "deesc": [0, 0, 3]})
    >>> period_balance(b)[["period", "n_articles", "esc", "deesc", "balance"]].values.tolist()
    [['first date', 2, 4, 0, 1.0], ['later', 1, 1, 3, -0.5]]
    """
    if balance.empty:
        raise AnalysisInputError(Problem("period_balance()", None, None, "no articles"))
    first = balance["date"].min()
    parts = [("first date", balance[balance["date"] == first]), ("later", balance[balance["date"] > first])]
    rows = []
    for name, part in parts:
        if part.empty:
            continue
        esc, deesc = int(part["esc"].sum()), int(part["deesc"].sum())
        rows.append(
            {
                "period": name,
                "n_articles": len(part),
                "first_date": part["date"].min(),
                "last_date": part["date"].max(),
                "esc": esc,
                "deesc": deesc,
                "balance": (esc - deesc) / (esc + deesc) if esc + deesc else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["period", "n_articles", "first_date", "last_date", "esc", "deesc", "balance"])


def pooled_balance(balance: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Escalation balance pooled over the articles of each group.

    ``balance`` comes from :func:`escalation_balance`; counts are summed
    before the ratio. Returns ``group``, ``n_articles``, ``esc``, ``deesc``,
    ``balance`` (NaN when a group has no hit of either index).

    Example
    -------
    >>> b = pd.DataFrame({"id": ["a", "b", "c"], "genre": ["news", "news", "analysis"],
    ...                   "esc": [3, 1, 1], "deesc": [0, 0, 3]})
    >>> pooled_balance(b, by="genre")[["group", "esc", "deesc", "balance"]].values.tolist()
    [['analysis', 1, 3, -0.5], ['news', 4, 0, 1.0]]
    """
    group_labels(balance, by, "pooled_balance")
    out = balance.groupby(by).agg(n_articles=("id", "size"), esc=("esc", "sum"), deesc=("deesc", "sum")).reset_index()
    out = out.rename(columns={by: "group"})
    total = out["esc"] + out["deesc"]
    out["balance"] = (out["esc"] - out["deesc"]) / total.where(total > 0)
    return out.sort_values("group", key=lambda c: c.astype(str), ignore_index=True)
