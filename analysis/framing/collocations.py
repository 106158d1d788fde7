"""Collocations (NLTK's finders) and keyword-in-context concordance over the cleaned text.

:func:`pattern_regex` turns dictionary patterns into one regular expression;
:func:`find_pattern` and :func:`kwic` find its matches with their context.
"""

from __future__ import annotations

import re

import pandas as pd
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

from analysis.errors import AnalysisInputError, Problem
from analysis.framing.hits import pattern_hits
from analysis.text import sentence_spans, stopwords, tokenize
from analysis.types import group_labels, groups_in_order


def _sentence_tokens(texts) -> list[list[str]]:
    out = []
    for text in texts:
        for _, _, sentence in sentence_spans(text or ""):
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
    labels = group_labels(corpus, by, "collocations")
    measures = {2: BigramAssocMeasures, 3: TrigramAssocMeasures}
    finders = {2: BigramCollocationFinder, 3: TrigramCollocationFinder}
    if n not in measures:
        raise AnalysisInputError(Problem("collocations()", None, "n", f"{n!r}: use 2 or 3"))
    if measure not in ("pmi", "likelihood_ratio"):
        raise AnalysisInputError(
            Problem("collocations()", None, "measure", f"{measure!r}: use 'pmi' or 'likelihood_ratio'")
        )
    stops = stopwords()

    def bad(*words: str) -> bool:
        if words[0] in stops or words[-1] in stops:
            return True
        return any(len(w) < 2 or w.replace("-", "").replace(".", "").isdigit() for w in words)

    rows = []
    for g in groups_in_order(labels):
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
            rows.append(
                {
                    "group": g,
                    "ngram": " ".join(gram),
                    "freq": int(finder.ngram_fd[gram]),
                    "score": float(score),
                    "rank": rank,
                }
            )
    return pd.DataFrame(rows, columns=["group", "ngram", "freq", "score", "rank"])


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


def find_pattern(corpus: pd.DataFrame, regex: str, *, window: int) -> pd.DataFrame:
    """Every match of ``regex`` (case-insensitive, on folded text) with its sentence and context.

    The table of :func:`kwic` (from ``analysis.framing.hits.pattern_hits``), without checking its arguments.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Calm returned."]})
    >>> find_pattern(corpus, "calm", window=1)[["match", "right"]].values.tolist()
    [['Calm', 'returned']]
    """
    return pattern_hits(corpus, regex, window=window)


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
        raise AnalysisInputError(
            Problem("kwic()", None, "pattern", f"{pattern!r} is not a regular expression ({exc})")
        ) from None
    if window < 0:
        raise AnalysisInputError(Problem("kwic()", None, "window", "must be zero or more"))
    return find_pattern(corpus, pattern, window=window)


def collocation_ranks(rankings: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Several collocation rankings side by side: each n-gram's rank in each, blank where it is not listed.

    ``rankings`` maps a short name to a table from :func:`collocations` over
    the same grouping (for instance ``{"pmi": ..., "lr": ...}``, each cut to
    its top ``n``).

    Returns ``group``, ``ngram``, ``freq`` and one column ``rank_<name>`` per
    ranking (NaN where the n-gram is not in that ranking): one row per group
    and n-gram found by any ranking, sorted by group and n-gram.

    Example
    -------
    >>> pmi = pd.DataFrame({"group": ["A", "A"], "ngram": ["deep concern", "calm talks"], "freq": [2, 3],
    ...                     "score": [5.0, 4.0], "rank": [1, 2]})
    >>> lr = pd.DataFrame({"group": ["A"], "ngram": ["calm talks"], "freq": [3], "score": [9.0], "rank": [1]})
    >>> r = collocation_ranks({"pmi": pmi, "lr": lr})
    >>> r["ngram"].tolist(), r["freq"].tolist(), r["rank_pmi"].tolist(), r["rank_lr"].tolist()
    (['calm talks', 'deep concern'], [3, 2], [2, 1], [1.0, nan])
    """
    if not rankings:
        raise AnalysisInputError(Problem("collocation_ranks()", None, "rankings", "give at least one ranking"))
    keys = ["group", "ngram"]
    out = None
    for name, table in rankings.items():
        ranks = table[[*keys, "rank"]].rename(columns={"rank": f"rank_{name}"})
        out = ranks if out is None else out.merge(ranks, on=keys, how="outer")
    freq = pd.concat(list(rankings.values()))[[*keys, "freq"]].drop_duplicates(keys)
    out = out.merge(freq, on=keys)
    columns = [*keys, "freq", *(f"rank_{name}" for name in rankings)]
    return out.sort_values(keys, ignore_index=True)[columns]
