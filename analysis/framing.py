"""Framing: distinctive terms, collocations, concordance and frame dictionaries.

Two kinds of method, as in the framing literature:

- statistics for word use that cope with sparse counts, for any grouping
  column and any number of groups (each group against all the others):
  :func:`keyness` (weighted log-odds with an informative Dirichlet prior,
  Monroe, Colaresi & Quinn 2008; or log-likelihood G², Rayson & Garside 2000,
  with Hardie's 2014 Log Ratio), :func:`keyness_stability` (is the ranking
  fragile to the prior's size?) and :func:`collocations` (NLTK finders);
- frame dictionaries whose every hit can be read in context:
  :func:`load_frames` (``analysis/data/frames.yaml``, validated),
  :func:`kwic`, :func:`frame_hits`, :func:`frame_scores`,
  :func:`escalation_balance`, :func:`frame_precision`.

Terms come from :func:`analysis.text.doc_term_counts` (stopwords dropped,
n-grams inside sentences); dictionary patterns are matched on the folded text
(:func:`analysis.text.fold`) of each article's cleaned body, case-insensitively.

Dictionary pattern syntax: lower-case words separated by single spaces; a word
may end in ``*`` (any continuation: ``retaliat*`` matches ``retaliate``,
``retaliation``). A pattern never matches inside a longer hyphenated word, so
``escalation`` does not match within ``de-escalation``.
"""

from __future__ import annotations

import csv
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

from .errors import AnalysisInputError, DataFileError, Problem, require_columns
from .plots import note_figure
from .text import doc_term_counts, fold, normalize, sentence_table, split_sentences, stopwords, token_spans, tokenize
from .validation import read_codings, shipped_coding

__all__ = [
    "keyness",
    "keyness_stability",
    "collocations",
    "kwic",
    "pattern_regex",
    "load_frames",
    "frame_hits",
    "frame_scores",
    "escalation_balance",
    "frame_precision",
    "load_frame_gold",
    "load_frame_sentences",
    "frame_detection",
    "frame_recall",
    "coded_balance",
    "balance_check",
    "describe_balance_check",
    "describe_recall_tilt",
    "shared_frame_terms",
    "period_balance",
    "pooled_balance",
    "keyness_chart",
    "frame_profile_chart",
    "balance_chart",
]

DEFAULT_ALPHA0 = 100.0
FRAME_FAMILIES = ("generic", "war-peace", "crisis")
FRAME_INDICES = ("escalation", "de-escalation")
_FRAME_FIELDS = {"key", "label", "family", "index", "citation", "reference", "definition", "patterns"}
_KEY_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_WORD_RE = re.compile(r"^[a-z0-9][a-z0-9.'-]*\*?$")


# --------------------------------------------------------------------------- helpers


def _check_by(corpus: pd.DataFrame, by: str, func: str) -> pd.Series:
    """The grouping labels per article id; raise on an unknown or incomplete column."""
    if by not in corpus.columns:
        available = ", ".join(map(str, corpus.columns))
        raise AnalysisInputError(Problem(f"{func}()", None, "by", f"no column {by!r} in the corpus (columns: {available})"))
    missing = corpus.loc[corpus[by].isna(), "id"].tolist()
    if missing:
        raise AnalysisInputError(
            Problem(f"{func}()", None, "by", f"column {by!r} has no value for article(s) {', '.join(map(str, missing))}")
        )
    return pd.Series(corpus[by].to_numpy(), index=corpus["id"].to_numpy())


def _groups_in_order(labels: pd.Series) -> list:
    return sorted(pd.unique(labels.to_numpy()), key=str)


def _normal_p(z: np.ndarray) -> np.ndarray:
    """Two-sided p of a standard normal deviate: erfc(|z| / sqrt 2)."""
    return np.array([math.erfc(abs(v) / math.sqrt(2)) for v in np.asarray(z, dtype=float)])


# --------------------------------------------------------------------------- keyness


def keyness(
    corpus: pd.DataFrame,
    *,
    by: str = "crisis",
    method: str = "log_odds",
    ngram: int = 1,
    min_count: int = 2,
    alpha0: float = DEFAULT_ALPHA0,
) -> pd.DataFrame:
    """Distinctive terms of each group against all the other groups pooled.

    Counts come from :func:`analysis.text.doc_term_counts` (stopwords dropped,
    n-grams within sentences). For term w and group i, with j = all other groups:

    ``log_odds`` (Monroe, Colaresi & Quinn 2008, informative Dirichlet prior
    from the whole corpus, α_w = α0 · y_w / N)::

        δ = log[(y_i + α_w) / (n_i + α0 − y_i − α_w)] − log[(y_j + α_w) / (n_j + α0 − y_j − α_w)]
        σ² ≈ 1/(y_i + α_w) + 1/(y_j + α_w);   z = δ / σ;   p = erfc(|z| / √2)

    ``g2`` (Rayson & Garside 2000)::

        E_i = n_i (y_i + y_j) / (n_i + n_j), E_j likewise
        G² = 2 Σ O ln(O / E)   (a zero count contributes 0)
        score = ±G² (+ when the group over-uses the term); z = ±√G²;
        p = erfc(√(G²/2))   (chi-square, one degree of freedom)

    Both report Hardie's (2014) Log Ratio, log2((y_i/n_i) / (y_j/n_j)), with a
    zero count replaced by 0.5.

    Parameters
    ----------
    corpus
        Needs ``id``, ``text`` and the ``by`` column.
    by
        Any column of the corpus; every value is a group (two or more needed).
    method
        ``"log_odds"`` or ``"g2"``.
    ngram
        1 for words, 2 for bigrams (3 works too).
    min_count
        Keep terms used at least this often in the whole corpus. Totals and
        the prior are computed before this filter.
    alpha0
        Size of the Dirichlet prior (``log_odds`` only; reported in
        ``DataFrame.attrs``).

    Returns
    -------
    DataFrame, one row per group and term (every kept term for every group,
    zero counts included), sorted by group then ``z`` descending:
    ``group``, ``term``, ``count`` (y_i), ``count_rest`` (y_j), ``total``
    (n_i: counted terms in the group), ``total_rest`` (n_j), ``rate`` and
    ``rate_rest`` (per 1,000 counted terms), ``n_docs`` (articles of the group
    using the term: a term carried by one article is not a mark of its group,
    Gries 2008), ``n_docs_group`` (articles in the group), ``score`` (δ or
    signed G²), ``z``, ``p`` and ``log_ratio``.

    Raises
    ------
    AnalysisInputError
        Unknown ``by`` column or ``method``, missing group labels, fewer than
        two groups, a group with no counted terms.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> top = keyness(corpus, by="outlet", min_count=1).groupby("group").head(1)
    >>> top[["group", "term", "count"]].to_dict("list")
    {'group': ['X', 'Y', 'Z'], 'term': ['strike', 'talks', 'calm'], 'count': [2, 1, 2]}
    """
    labels = _check_by(corpus, by, "keyness")
    if method not in ("log_odds", "g2"):
        raise AnalysisInputError(Problem("keyness()", None, "method", f"{method!r}: use 'log_odds' or 'g2'"))
    if not (isinstance(ngram, int) and 1 <= ngram <= 3):
        raise AnalysisInputError(Problem("keyness()", None, "ngram", f"{ngram!r}: use 1, 2 or 3"))
    if alpha0 <= 0:
        raise AnalysisInputError(Problem("keyness()", None, "alpha0", "the prior's size must be positive"))
    groups = _groups_in_order(labels)
    if len(groups) < 2:
        raise AnalysisInputError(
            Problem("keyness()", None, "by", f"column {by!r} has {len(groups)} group(s); keyness needs two or more")
        )
    counts = doc_term_counts(corpus, ngram=ngram)
    counts["group"] = counts["id"].map(labels)
    wide = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=groups, fill_value=0)
    totals = wide.sum(axis=0)
    empty = [str(g) for g in groups if totals[g] == 0]
    if empty:
        raise AnalysisInputError(
            Problem("keyness()", None, "by", f"group(s) {', '.join(empty)} have no counted terms (only stopwords?)")
        )
    grand = float(totals.sum())
    term_total = wide.sum(axis=1)
    prior = alpha0 * term_total / grand
    keep = term_total >= min_count
    wide, term_total, prior = wide[keep], term_total[keep], prior[keep]
    docs = counts.groupby(["group", "term"])["id"].nunique()
    docs_in_group = labels.value_counts()

    frames = []
    for g in groups:
        y_i = wide[g].astype(float)
        y_j = term_total.astype(float) - y_i
        n_i = float(totals[g])
        n_j = grand - n_i
        if method == "log_odds":
            delta = np.log((y_i + prior) / (n_i + alpha0 - y_i - prior)) - np.log(
                (y_j + prior) / (n_j + alpha0 - y_j - prior)
            )
            z = delta / np.sqrt(1.0 / (y_i + prior) + 1.0 / (y_j + prior))
            score = delta
            p = _normal_p(z)
        else:
            both = y_i + y_j
            e_i = n_i * both / (n_i + n_j)
            e_j = n_j * both / (n_i + n_j)
            with np.errstate(divide="ignore", invalid="ignore"):
                part_i = np.where(y_i > 0, y_i * np.log(y_i / e_i), 0.0)
                part_j = np.where(y_j > 0, y_j * np.log(y_j / e_j), 0.0)
            g2 = np.maximum(2.0 * (part_i + part_j), 0.0)
            sign = np.where(y_i / n_i >= y_j / n_j, 1.0, -1.0)
            score = sign * g2
            z = sign * np.sqrt(g2)
            p = np.array([math.erfc(math.sqrt(v / 2.0)) for v in g2])
        log_ratio = np.log2((np.where(y_i > 0, y_i, 0.5) / n_i) / (np.where(y_j > 0, y_j, 0.5) / n_j))
        frame = pd.DataFrame(
            {
                "group": g,
                "term": wide.index.to_numpy(),
                "count": y_i.astype("int64").to_numpy(),
                "count_rest": y_j.astype("int64").to_numpy(),
                "total": int(n_i),
                "total_rest": int(n_j),
                "rate": (1000.0 * y_i / n_i).to_numpy(),
                "rate_rest": (1000.0 * y_j / n_j).to_numpy(),
                "n_docs": [int(docs.get((g, t), 0)) for t in wide.index],
                "n_docs_group": int(docs_in_group[g]),
                "score": np.asarray(score, dtype=float),
                "z": np.asarray(z, dtype=float),
                "p": p,
                "log_ratio": np.asarray(log_ratio, dtype=float),
            }
        )
        frames.append(frame.sort_values(["z", "term"], ascending=[False, True], kind="mergesort"))
    columns = ["group", "term", "count", "count_rest", "total", "total_rest", "rate", "rate_rest",
               "n_docs", "n_docs_group", "score", "z", "p", "log_ratio"]
    out = pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    out.attrs.update({"method": method, "alpha0": alpha0 if method == "log_odds" else None, "by": by,
                      "ngram": ngram, "min_count": min_count})
    return out


def keyness_stability(
    corpus: pd.DataFrame,
    *,
    by: str = "crisis",
    alphas: tuple[float, ...] = (10.0, 100.0, 1000.0),
    reference: float = DEFAULT_ALPHA0,
    top: int = 10,
    ngram: int = 1,
    min_count: int = 2,
) -> pd.DataFrame:
    """How much the log-odds ranking depends on the prior's size α0.

    For each group and each α0, the top ``top`` terms by z are compared with
    the top terms under ``reference``; the rank correlation of z over all
    terms (Spearman: Pearson correlation of the ranks) is also given.

    Returns
    -------
    DataFrame with ``group``, ``alpha0``, ``top_terms`` (comma-separated, best
    first), ``shared_top`` (how many of them are also in the reference top
    list), ``top`` (list length used) and ``spearman``.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> keyness_stability(corpus, by="outlet", alphas=(1, 8), reference=8, top=1, min_count=1)["shared_top"].tolist()
    [1, 1, 1, 1, 1, 1]
    """
    runs = {a: keyness(corpus, by=by, ngram=ngram, min_count=min_count, alpha0=a) for a in (reference, *alphas)}
    ref = runs[reference]
    rows = []
    for g in pd.unique(ref["group"]):
        ref_g = ref[ref["group"] == g].set_index("term")["z"]
        ref_top = list(ref_g.index[:top])
        for a in alphas:
            cur = runs[a][runs[a]["group"] == g].set_index("term")["z"]
            cur_top = list(cur.index[:top])
            both = pd.concat([ref_g.rank(), cur.reindex(ref_g.index).rank()], axis=1)
            rho = both.iloc[:, 0].corr(both.iloc[:, 1]) if len(both) > 1 else float("nan")
            rows.append({"group": g, "alpha0": float(a), "top_terms": ", ".join(cur_top),
                         "shared_top": len(set(cur_top) & set(ref_top)), "top": len(cur_top), "spearman": rho})
    return pd.DataFrame(rows, columns=["group", "alpha0", "top_terms", "shared_top", "top", "spearman"])


# --------------------------------------------------------------------------- collocations


def _sentence_tokens(texts) -> list[list[str]]:
    out = []
    for text in texts:
        for sentence in split_sentences(text or "")["text"]:
            toks = tokenize(sentence)
            if toks:
                out.append(toks)
    return out


def collocations(
    corpus: pd.DataFrame,
    *,
    by: str = "crisis",
    measure: str = "pmi",
    n: int = 2,
    min_freq: int = 2,
    top: int | None = 10,
) -> pd.DataFrame:
    """Collocations per group with NLTK's Bigram/TrigramCollocationFinder.

    Each sentence is a separate document for the finder, so no collocation
    crosses a sentence boundary. As in :func:`analysis.text.doc_term_counts`,
    an n-gram is dropped when it starts or ends with a stopword or contains a
    bare number or a one-letter token ("breakdown of diplomacy" stays).

    Parameters
    ----------
    by
        Grouping column (any number of groups).
    measure
        ``"pmi"`` (Church & Hanks 1990) or ``"likelihood_ratio"`` (Dunning 1993;
        Manning & Schütze 1999, ch. 5).
    n
        2 (bigrams) or 3 (trigrams).
    min_freq
        Keep n-grams seen at least this often in the group.
    top
        Keep the best ``top`` per group (``None``: all).

    Returns
    -------
    DataFrame with ``group``, ``ngram`` (space-joined), ``freq``, ``score``,
    ``rank`` (1 = best in its group); a group with no n-gram passing the
    filter has no rows.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Urged restraint. Urged restraint again.", "Urged restraint.", "Calm talks. Calm talks."]})
    >>> collocations(corpus, by="outlet", min_freq=2)[["group", "ngram", "freq"]].to_dict("list")
    {'group': ['X', 'Z'], 'ngram': ['urged restraint', 'calm talks'], 'freq': [2, 2]}
    """
    labels = _check_by(corpus, by, "collocations")
    measures = {2: BigramAssocMeasures, 3: TrigramAssocMeasures}
    finders = {2: BigramCollocationFinder, 3: TrigramCollocationFinder}
    if n not in measures:
        raise AnalysisInputError(Problem("collocations()", None, "n", f"{n!r}: use 2 or 3"))
    if measure not in ("pmi", "likelihood_ratio"):
        raise AnalysisInputError(Problem("collocations()", None, "measure", f"{measure!r}: use 'pmi' or 'likelihood_ratio'"))
    stops = stopwords()

    def bad(*words: str) -> bool:
        if words[0] in stops or words[-1] in stops:
            return True
        return any(len(w) < 2 or w.replace("-", "").replace(".", "").isdigit() for w in words)

    rows = []
    for g in _groups_in_order(labels):
        ids = set(labels.index[labels.to_numpy() == g])
        sents = _sentence_tokens(corpus.loc[corpus["id"].isin(ids), "text"])
        finder = finders[n].from_documents(sents)
        finder.apply_freq_filter(min_freq)
        finder.apply_ngram_filter(bad)
        scored = finder.score_ngrams(getattr(measures[n], measure))
        scored = sorted(scored, key=lambda item: (-item[1], item[0]))
        if top is not None:
            scored = scored[:top]
        for rank, (gram, score) in enumerate(scored, start=1):
            rows.append({"group": g, "ngram": " ".join(gram), "freq": int(finder.ngram_fd[gram]),
                         "score": float(score), "rank": rank})
    return pd.DataFrame(rows, columns=["group", "ngram", "freq", "score", "rank"])


# --------------------------------------------------------------------------- concordance


def pattern_regex(patterns: list[str] | str) -> str:
    """Turn dictionary patterns into one regular expression (longest first).

    A word ending in ``*`` matches any continuation; words are separated by
    spaces or tabs (not line breaks); a match never starts or ends inside a
    longer word or hyphenated compound.

    Example
    -------
    >>> bool(re.search(pattern_regex(["escalat*"]), "calls for de-escalation"))
    False
    >>> re.search(pattern_regex(["de-escalat*", "talks"]), "calls for de-escalation").group(0)
    'de-escalation'
    """
    if isinstance(patterns, str):
        patterns = [patterns]
    parts = []
    for pattern in sorted(patterns, key=lambda p: (-len(p), p)):
        words = []
        for word in pattern.split(" "):
            if word.endswith("*"):
                words.append(re.escape(word[:-1]) + r"[\w'-]*")
            else:
                words.append(re.escape(word))
        parts.append(r"[^\S\n]+".join(words))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"


def _find(corpus: pd.DataFrame, regex: str, *, window: int) -> pd.DataFrame:
    """Every match of ``regex`` (case-insensitive, on folded text) with its sentence and context."""
    compiled = re.compile(regex, re.IGNORECASE)
    rows = []
    for row in corpus.itertuples(index=False):
        text = row.text or ""
        matches = list(compiled.finditer(fold(text)))
        if not matches:
            continue
        sents = sentence_table(pd.DataFrame({"id": [row.id], "text": [text]}))
        spans = token_spans(text)
        starts, ends = spans["start"].to_numpy(), spans["end"].to_numpy()
        for m in matches:
            if m.end() == m.start():
                continue
            inside = sents[(sents["start"] <= m.start()) & (sents["end"] > m.start())]
            sent = inside.iloc[0] if len(inside) else None
            before = starts[ends <= m.start()][-window:] if window else []
            after = ends[starts >= m.end()][:window] if window else []
            left_from = before[0] if len(before) else m.start()
            right_to = after[-1] if len(after) else m.end()
            rows.append(
                {
                    "id": row.id,
                    "sentence": int(sent["sentence"]) if sent is not None else -1,
                    "left": " ".join(text[left_from : m.start()].split()),
                    "match": text[m.start() : m.end()],
                    "right": " ".join(text[m.end() : right_to].split()),
                    "start": m.start(),
                    "end": m.end(),
                    "sentence_text": " ".join(sent["text"].split()) if sent is not None else "",
                    "in_quote": bool(sent["in_quote"]) if sent is not None else False,
                }
            )
    columns = ["id", "sentence", "left", "match", "right", "start", "end", "sentence_text", "in_quote"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"sentence": "int64", "start": "int64", "end": "int64", "in_quote": "bool"})


def kwic(corpus: pd.DataFrame, pattern: str, *, window: int = 8) -> pd.DataFrame:
    """Keyword in context: every match of a regular expression in the cleaned body texts.

    Matching is case-insensitive on the folded text (curly quotes and dashes
    as ASCII), so ``"de-escalat"`` finds "de‑escalation" with any dash.
    Use :func:`pattern_regex` to search with dictionary patterns.

    Parameters
    ----------
    pattern
        A regular expression.
    window
        Words of context on each side (taken across sentence boundaries).

    Returns
    -------
    DataFrame in corpus order with ``id``, ``sentence`` (0-based index of the
    sentence holding the match), ``left``, ``match`` (as written in the
    article), ``right``, ``start``, ``end`` (offsets into ``text``),
    ``sentence_text`` and ``in_quote`` (the sentence is mostly a direct quotation).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Both sides showed restraint. Calm returned."]})
    >>> kwic(corpus, r"restraint", window=2)[["left", "match", "right"]].values.tolist()
    [['sides showed', 'restraint', '. Calm returned']]
    """
    try:
        re.compile(pattern)
    except re.error as exc:
        raise AnalysisInputError(Problem("kwic()", None, "pattern", f"{pattern!r} is not a regular expression ({exc})"))
    if window < 0:
        raise AnalysisInputError(Problem("kwic()", None, "window", "must be zero or more"))
    return _find(corpus, pattern, window=window)


# --------------------------------------------------------------------------- frame dictionaries


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
    ``patterns`` (tuple) and ``regex`` (from :func:`pattern_regex`).

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
            problems.append(Problem(name, i, str(field), f"unknown field (allowed: {', '.join(sorted(_FRAME_FIELDS))})"))
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
                    Problem(name, i, "patterns",
                            f"{pattern!r}: write lower-case words separated by single spaces; '*' only at a word's end")
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


def _resolve_frames(frames) -> pd.DataFrame:
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


def frame_hits(corpus: pd.DataFrame, frames=None, *, window: int = 8) -> pd.DataFrame:
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
    table = _resolve_frames(frames)
    parts = []
    for f in table.itertuples(index=False):
        hits = _find(corpus, f.regex, window=window)
        hits.insert(1, "frame", f.key)
        hits.insert(2, "family", f.family)
        parts.append(hits)
    columns = ["id", "frame", "family", "sentence", "sentence_text", "matched", "term", "left", "right",
               "start", "end", "in_quote"]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True).rename(columns={"match": "matched"})
    out["term"] = [normalize(" ".join(m.split())) for m in out["matched"]]
    order = {i: k for k, i in enumerate(corpus["id"])}
    frame_order = {k: j for j, k in enumerate(table["key"])}
    out = out.assign(_a=out["id"].map(order), _f=out["frame"].map(frame_order))
    return out.sort_values(["_a", "_f", "start"], kind="mergesort", ignore_index=True)[columns]


def _word_counts(corpus: pd.DataFrame) -> pd.Series:
    if "n_words" in corpus.columns:
        return pd.Series(corpus["n_words"].to_numpy(), index=corpus["id"].to_numpy())
    return pd.Series([len(tokenize(t or "")) for t in corpus["text"]], index=corpus["id"].to_numpy())


def frame_scores(corpus: pd.DataFrame, frames=None, *, by: str | None = None) -> pd.DataFrame:
    """Frame hits per 1,000 words, per article or pooled per group.

    Parameters
    ----------
    frames
        As in :func:`frame_hits`.
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
    table = _resolve_frames(frames)
    labels = _check_by(corpus, by, "frame_scores") if by is not None else None
    hits = frame_hits(corpus, table)
    words = _word_counts(corpus)
    counts = hits.groupby(["id", "frame"]).size()
    rows = []
    for doc in corpus["id"]:
        for f in table.itertuples(index=False):
            n_hits = int(counts.get((doc, f.key), 0))
            rows.append({"id": doc, "frame": f.key, "family": f.family, "hits": n_hits, "n_words": int(words[doc])})
    per_doc = pd.DataFrame(rows, columns=["id", "frame", "family", "hits", "n_words"])
    if labels is None:
        per_doc["per_1000"] = 1000.0 * per_doc["hits"] / per_doc["n_words"].where(per_doc["n_words"] > 0)
        return per_doc
    per_doc["group"] = per_doc["id"].map(labels)
    per_doc["has_hit"] = per_doc["hits"] > 0
    grouped = per_doc.groupby(["group", "frame"], sort=False).agg(
        family=("family", "first"), hits=("hits", "sum"), n_words=("n_words", "sum"),
        n_docs=("id", "nunique"), n_docs_hit=("has_hit", "sum"),
    ).reset_index()
    grouped["n_docs_hit"] = grouped["n_docs_hit"].astype("int64")
    grouped["per_1000"] = 1000.0 * grouped["hits"] / grouped["n_words"].where(grouped["n_words"] > 0)
    frame_order = {k: j for j, k in enumerate(table["key"])}
    grouped = grouped.assign(_g=grouped["group"].astype(str), _f=grouped["frame"].map(frame_order))
    return grouped.sort_values(["_g", "_f"], ignore_index=True)[
        ["group", "frame", "family", "hits", "n_words", "n_docs", "n_docs_hit", "per_1000"]
    ]


def escalation_balance(corpus: pd.DataFrame, frames=None) -> pd.DataFrame:
    """Escalation against de-escalation vocabulary, per article, ordered by date.

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
    table = _resolve_frames(frames)
    keys = {}
    for index in FRAME_INDICES:
        found = table.loc[table["index"] == index, "key"].tolist()
        if not found:
            raise AnalysisInputError(Problem("escalation_balance()", None, "frames", f"no frame has index {index!r}"))
        keys[index] = found[0]
    scores = frame_scores(corpus, table.loc[table["key"].isin(keys.values())])
    wide = scores.pivot_table(index="id", columns="frame", values="hits", aggfunc="sum", fill_value=0)
    meta = [c for c in ("id", "date", "published", "outlet", "crisis", "genre") if c in corpus.columns]
    out = corpus[meta].copy()
    out["esc"] = out["id"].map(wide[keys["escalation"]]).astype("int64")
    out["deesc"] = out["id"].map(wide[keys["de-escalation"]]).astype("int64")
    out["n_words"] = out["id"].map(_word_counts(corpus)).astype("int64")
    total = out["esc"] + out["deesc"]
    out["balance"] = (out["esc"] - out["deesc"]) / total.where(total > 0)
    out["no_hits"] = total == 0
    order = ["date", "id"] if "date" in out.columns else ["id"]
    return out.sort_values(order, kind="mergesort", ignore_index=True)


# --------------------------------------------------------------------------- validation and summaries


def frame_precision(gold: pd.DataFrame, frames=None) -> pd.DataFrame:
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
    table = _resolve_frames(frames)
    bad = sorted(set(gold["frame"]) - set(table["key"]))
    if bad:
        raise AnalysisInputError(Problem("frame_precision()", None, "frame", f"unknown frame(s) {', '.join(bad)}"))
    values = set(pd.unique(gold["correct"]))
    if not values <= {0, 1}:
        raise AnalysisInputError(Problem("frame_precision()", None, "correct", f"values must be 0 or 1, got {sorted(values)}"))
    agg = gold.groupby("frame")["correct"].agg(["size", "sum"])
    out = pd.DataFrame({"frame": table["key"], "label": table.get("label", table["key"])})
    out["checked"] = out["frame"].map(agg["size"]).fillna(0).astype("int64")
    out["correct"] = out["frame"].map(agg["sum"]).fillna(0).astype("int64")
    out["precision"] = out["correct"] / out["checked"].where(out["checked"] > 0)
    return out


_GOLD_COLUMNS = ("id", "frame", "start", "end", "matched", "correct")


def load_frame_gold(path: str | Path | None = None, *, coder: int = 1) -> pd.DataFrame:
    """Read and validate hand-checked frame hits.

    Without ``path``, reads the file shipped in ``tests/gold/``: ``coder=1`` the
    reference judgements (``frame_hits.csv``), ``coder=2`` an independent second
    reading of the same hits with the same rule (``frame_hits_coder2.csv``).
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
    >>> gold = load_frame_gold()
    >>> sorted(gold["correct"].unique().tolist()), gold.columns[:7].tolist()
    ([0, 1], ['line', 'id', 'frame', 'start', 'end', 'matched', 'correct'])
    """
    path = Path(path) if path is not None else shipped_coding("frame_hits", coder=coder)

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

    gold = read_codings(path, columns=_GOLD_COLUMNS, keys=["id", "frame", "start", "end"], check=check,
                        what="frame gold file")
    for field in ("start", "end", "correct"):
        gold[field] = gold[field].astype("int64")
    return gold


def load_frame_sentences(path: str | Path | None = None, frames=None, *, coder: int = 1) -> pd.DataFrame:
    """Read sentences coded by hand for the frames they carry, in long form.

    The file (by default ``tests/gold/frame_sentences.csv``, or with
    ``coder=2`` the second reader's ``frame_sentences_coder2.csv``) has ``id``,
    ``sentence``, ``text`` (the sentence exactly as split) and one column per
    frame key holding 1 (the sentence carries the frame) or 0. Every frame
    column must name a frame of ``frames``; a sentence (``id``, ``text``) may
    be coded once only.

    Returns ``line``, ``id``, ``text``, ``frame``, ``present`` (0/1): one row
    per coded sentence and frame, in file order.

    Example
    -------
    >>> coded = load_frame_sentences()
    >>> coded.columns.tolist(), sorted(coded["present"].unique().tolist())
    (['line', 'id', 'text', 'frame', 'present'], [0, 1])
    """
    table = _resolve_frames(frames)
    path = Path(path) if path is not None else shipped_coding("frame_sentences", coder=coder)
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

    wide = read_codings(path, columns=["id", "text", *coded], keys=["id", "text"], check=check,
                        what="frame sentence file")
    long = wide.melt(id_vars=["line", "id", "text"], value_vars=coded, var_name="frame", value_name="present")
    long["present"] = long["present"].astype("int64")
    return long.sort_values(["line"], kind="mergesort", ignore_index=True)


def frame_detection(corpus: pd.DataFrame, coded: pd.DataFrame, frames=None) -> pd.DataFrame:
    """Set the dictionaries' hits beside sentences coded by hand.

    ``coded`` comes from :func:`load_frame_sentences`. Each coded sentence is
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
    table = _resolve_frames(frames)
    unknown = sorted(set(coded["frame"]) - set(table["key"]))
    if unknown:
        raise AnalysisInputError(Problem("frame_detection()", None, "frame", f"unknown frame(s) {', '.join(unknown)}"))
    sentences = sentence_table(corpus)[["id", "sentence", "text"]].drop_duplicates(["id", "text"])
    out = coded.merge(sentences, on=["id", "text"], how="left")
    lost = out[out["sentence"].isna()].drop_duplicates(["id", "text"])
    if len(lost):
        raise AnalysisInputError([
            Problem("frame sentence codings", int(r.line) if "line" in out.columns else None, "text",
                    f"no sentence of {r.id!r} reads {r.text[:60]!r}")
            for r in lost.itertuples(index=False)
        ])
    hits = frame_hits(corpus, table)
    counts = hits.groupby(["id", "sentence_text", "frame"]).size().rename("n_hits").reset_index()
    out = out.merge(counts.rename(columns={"sentence_text": "text"}), on=["id", "text", "frame"], how="left")
    out["n_hits"] = out["n_hits"].fillna(0).astype("int64")
    out["sentence"] = out["sentence"].astype("int64")
    out["present"] = out["present"].astype("int64")
    out["detected"] = out["n_hits"] > 0
    return out[["id", "sentence", "text", "frame", "present", "n_hits", "detected"]]


def frame_recall(detection: pd.DataFrame, frames=None) -> pd.DataFrame:
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
    table = _resolve_frames(frames)
    labels = dict(zip(table["key"], table.get("label", table["key"])))
    rows = []
    groups = [(k, detection[detection["frame"] == k]) for k in table["key"] if k in set(detection["frame"])]
    for key, part in [*groups, ("all", detection)]:
        present, detected = part["present"].astype(bool), part["detected"].astype(bool)
        found, missed, extra = int((present & detected).sum()), int((present & ~detected).sum()), int((~present & detected).sum())
        rows.append((key, labels.get(key, "All frames"), found + missed, found, missed, extra,
                     found / (found + missed) if found + missed else np.nan,
                     found / (found + extra) if found + extra else np.nan))
    return pd.DataFrame(rows, columns=["frame", "label", "coded", "found", "missed", "extra", "recall", "precision"])


def coded_balance(detection: pd.DataFrame) -> pd.DataFrame:
    """Escalation balance per article by sentences, as coded by hand and as the dictionaries find them.

    From :func:`frame_detection` with both ``escalation`` and ``de-escalation``
    coded. A sentence counts once per frame however many words it has, so
    this balance weighs sentences, where :func:`escalation_balance` weighs
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
        present=lambda t: t["present"].astype("int64"), detected=lambda t: t["detected"].astype("int64"))
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
    :func:`escalation_balance`. Articles where either balance is undefined
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
    return table[["id", "esc_coded", "deesc_coded", "balance_coded", "balance_words", "sign_differs"]].reset_index(drop=True)


def describe_balance_check(check: pd.DataFrame, *, labels: dict | None = None) -> str:
    """One or two sentences on :func:`balance_check`: how many articles lean to escalation each way, and which differ.

    Example
    -------
    >>> t = pd.DataFrame({"id": ["a", "b"], "balance_coded": [0.5, -0.1], "balance_words": [0.6, 0.2],
    ...                   "sign_differs": [False, True]})
    >>> print(describe_balance_check(t, labels={"b": "Outlet B"}))
    By the hand coding, 1 of these 2 articles have more escalation than de-escalation sentences, against 2 by the dictionaries' word counts. The sign differs for Outlet B (-0.10 by sentences, +0.20 by words).
    """
    if check.empty:
        return "No article has both a hand-coded and a dictionary balance, so the two cannot be compared."
    labels = labels or {}
    text = (f"By the hand coding, {int((check['balance_coded'] > 0).sum())} of these {len(check)} articles have more "
            f"escalation than de-escalation sentences, against {int((check['balance_words'] > 0).sum())} by the "
            f"dictionaries' word counts.")
    flips = check[check["sign_differs"]]
    if flips.empty:
        return text + " The two agree in sign for every article."
    return text + " The sign differs for " + "; ".join(
        f"{labels.get(i, i)} ({c:+.2f} by sentences, {w:+.2f} by words)"
        for i, c, w in zip(flips["id"], flips["balance_coded"], flips["balance_words"])) + "."


def describe_recall_tilt(recall: pd.DataFrame, *, margin: float = 0.05) -> str:
    """Whether the dictionaries find escalation or de-escalation sentences more readily (:func:`frame_recall`).

    Example
    -------
    >>> r = pd.DataFrame({"frame": ["escalation", "de-escalation"], "recall": [0.84, 0.63]})
    >>> describe_recall_tilt(r)
    'The dictionaries find 84% of the sentences coded as escalation and 63% of those coded as de-escalation, so the word-level balance leans towards escalation.'
    """
    r = recall.set_index("frame")["recall"]
    if not {"escalation", "de-escalation"} <= set(r.index) or r[["escalation", "de-escalation"]].isna().any():
        return "The sentence coding does not cover both escalation and de-escalation."
    esc, de = r["escalation"], r["de-escalation"]
    tilt = ("so the word-level balance leans towards escalation" if esc > de + margin else
            "so the word-level balance leans towards de-escalation" if de > esc + margin else
            "so neither side of the balance is found much more readily")
    return (f"The dictionaries find {esc:.0%} of the sentences coded as escalation and "
            f"{de:.0%} of those coded as de-escalation, {tilt}.")


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
        rows.append({"period": name, "n_articles": len(part), "first_date": part["date"].min(),
                     "last_date": part["date"].max(), "esc": esc, "deesc": deesc,
                     "balance": (esc - deesc) / (esc + deesc) if esc + deesc else float("nan")})
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
    _check_by(balance, by, "pooled_balance")
    out = balance.groupby(by).agg(n_articles=("id", "size"), esc=("esc", "sum"), deesc=("deesc", "sum")).reset_index()
    out = out.rename(columns={by: "group"})
    total = out["esc"] + out["deesc"]
    out["balance"] = (out["esc"] - out["deesc"]) / total.where(total > 0)
    return out.sort_values("group", key=lambda c: c.astype(str), ignore_index=True)


# --------------------------------------------------------------------------- figures




def keyness_chart(table: pd.DataFrame, *, top: int = 8, colors: dict | None = None, ncols: int = 3):
    """Dot chart of the most over-used terms per group: z with counts, one panel per group.

    ``table`` comes from :func:`keyness`. Each dot is a term's z; the label
    beside it gives the term's count in the group and how many of the group's
    articles use it. The band ``|z| < 1.96`` is shaded (not distinguishable from
    chance at the 5% level). ``colors`` maps group to colour.

    Returns the matplotlib Figure.

    Example
    -------
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...     "text": ["Strike strike talks.", "Talks calm.", "Strike calm calm."]})
    >>> fig = keyness_chart(keyness(corpus, by="outlet", min_count=1), top=2)
    >>> len(fig.axes)
    3
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    groups = list(pd.unique(table["group"]))
    if not groups:
        return note_figure("No term reaches the minimum count: there is nothing to rank.")
    ncols = max(1, min(ncols, len(groups)))
    nrows = math.ceil(len(groups) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, (0.3 * top + 1.3) * nrows), squeeze=False)
    zmax = max(2.5, float(table["z"].max()) * 1.45 if len(table) else 2.5)
    for ax in axes.flat[len(groups):]:
        ax.set_visible(False)
    for ax, g in zip(axes.flat, groups):
        part = table[(table["group"] == g) & (table["z"] > 0)].head(top).iloc[::-1]
        colour = (colors or {}).get(g, "#0072B2")
        ax.axvspan(0, 1.96, color="#DDDDDD", alpha=0.6, lw=0)
        ys = np.arange(len(part))
        ax.hlines(ys, 0, part["z"], color=colour, lw=1.2)
        ax.plot(part["z"], ys, "o", color=colour, markeredgecolor="black", markeredgewidth=0.5)
        for y, r in zip(ys, part.itertuples(index=False)):
            docs = f"{r.n_docs}/{r.n_docs_group} art."
            ax.annotate(f"{r.count} ({docs})", (r.z, y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=7)
        ax.set_yticks(ys)
        ax.set_yticklabels(part["term"], fontsize=8)
        ax.set_xlim(0, zmax)
        ax.set_ylim(-0.7, max(top, 1) - 0.3)
        ax.set_title(str(g), loc="left", fontsize=9)
        ax.set_xlabel("z", fontsize=8)
        if part.empty:
            ax.text(0.5, 0.5, "no over-used term", transform=ax.transAxes, ha="center", fontsize=8)
    fig.tight_layout()
    return fig


def frame_profile_chart(scores: pd.DataFrame, frames=None):
    """Heat map of frame hits per 1,000 words (hit counts in brackets), groups by frames.

    ``scores`` comes from :func:`frame_scores` with ``by`` set. Returns the Figure.

    Example
    -------
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Missiles.", "Talks."]})
    >>> fig = frame_profile_chart(frame_scores(corpus, by="outlet"))
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    table = _resolve_frames(frames)
    labels = dict(zip(table["key"], table["label"]))
    order = [k for k in table["key"] if k in set(scores["frame"])]
    rate = scores.pivot(index="group", columns="frame", values="per_1000").reindex(columns=order)
    hits = scores.pivot(index="group", columns="frame", values="hits").reindex(columns=order)
    annot = rate.round(1).astype(str) + "\n(" + hits.astype(int).astype(str) + ")"
    fig, ax = plt.subplots(figsize=(1.0 * len(order) + 2.6, 0.6 * len(rate) + 2.2))
    sns.heatmap(rate, annot=annot.to_numpy(), fmt="", cmap="Blues", cbar_kws={"label": "hits per 1,000 words"},
                linewidths=0.5, linecolor="white", annot_kws={"fontsize": 7}, ax=ax)
    ax.set_xticklabels([labels.get(k, k) for k in order], rotation=35, ha="right", fontsize=8)
    ax.set_yticklabels([str(g) for g in rate.index], rotation=0, fontsize=8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.tight_layout()
    return fig


def balance_chart(balance: pd.DataFrame, *, colors: dict | None = None):
    """Escalation balance per article, in date order (top = earliest), with its counts.

    ``balance`` comes from :func:`escalation_balance`; ``colors`` maps outlet
    to colour. An article with no hit of either index shows "no hits" and no bar.

    Example
    -------
    >>> import matplotlib.pyplot as plt
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Missiles. Talks.", "Nothing."]})
    >>> fig = balance_chart(escalation_balance(corpus))
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(balance) + 1.4))
    ys = np.arange(len(balance))
    for y, r in zip(ys, balance.to_dict("records")):
        colour = (colors or {}).get(r.get("outlet"), "#0072B2")
        note = f"esc {r['esc']} / de-esc {r['deesc']}"
        if r["no_hits"]:
            ax.annotate("no hits", (0, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7)
            continue
        ax.barh(y, r["balance"], color=colour, edgecolor="black", lw=0.4, height=0.6)
        ax.annotate(note, (1.02, y), xycoords=("axes fraction", "data"), va="center", fontsize=7)
    when = balance["published"] if "published" in balance.columns else balance.get("date", balance["id"])
    who = balance["outlet"] if "outlet" in balance.columns else balance["id"]
    which = balance["crisis"].astype(str) if "crisis" in balance.columns else pd.Series([""] * len(balance))
    ax.set_yticks(ys)
    ax.set_yticklabels([f"{w} · {o}" + (f"\n{c}" if c else "") for w, o, c in zip(when.astype(str), who, which)],
                       fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("← de-escalation words      balance (esc − de-esc)/(esc + de-esc)      escalation words →",
                  fontsize=8)
    fig.tight_layout()
    return fig
