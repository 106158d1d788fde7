"""Keyness throughput against a direct numpy implementation of the same log-odds formula (issue #16).

The issue asks for :func:`analysis.framing.keyness.keyness` against
scattertext's informative-Dirichlet log-odds on the same counts. scattertext
0.2.2 cannot be installed next to this project's pins: it needs gensim, spaCy,
scikit-learn, statsmodels and scipy, whose wheels for Python 3.11 want an older
numpy than the pinned ``numpy==2.4.6``, and pip then tries to build scipy from
source, which fails (``pip install --dry-run scattertext==0.2.2 -c
constraints.txt``, tried in this environment). The reference here is
therefore :func:`log_odds_z`, the formula of Monroe, Colaresi & Quinn (2008)
written directly in numpy over a term × group count matrix, the way
scattertext computes it: every group against all the others pooled, prior
α_w = α0 · y_w / N from the whole corpus, α0 = 100, terms used twice or more.

Both start from the **same counts**: the long table of
:func:`analysis.text.doc_term_counts` (``id``, ``term``, ``count``), computed
once before any timing. The project's function is timed with its counting step
replaced by a copy of that table, so it is timed from the counts to its full
output table (z, p, counts, rates, articles per term, Log Ratio, sorted); the
reference is timed from the same long table to its z matrix (building the
matrix included). Before timing, the two z-scores are checked equal (absolute
difference at most 1e-9) on every group and term.

Groups: the articles of the synthetic corpus dealt round-robin into 2, 5 and
20 groups. The two sides are timed in turns, ``repeat`` times each (7 by
default); the best CPU time of each counts.

The synthetic corpus resamples the seed sentences, so it has few distinct
terms (about 830 at 2,000 articles) and a small table. A real corpus of that
size has tens of thousands, and the project's table (one row per group and
term) grows with them while the reference's z matrix stays cheap; so the same
timing is repeated on :func:`wide_vocabulary_corpus`, made-up words drawn
with Zipf's law from a vocabulary of 30,000.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from functools import partial

import numpy as np
import pandas as pd

ALPHA0 = 100.0
MIN_COUNT = 2
GROUPS = (2, 5, 20)
TOLERANCE = 1e-9
WIDE_VOCABULARY = 30_000
WIDE_WORDS = 500


def wide_vocabulary_corpus(articles: int, *, vocabulary: int = WIDE_VOCABULARY, words: int = WIDE_WORDS, seed: int = 1):
    """A corpus of ``articles`` texts of ``words`` made-up words each, drawn with Zipf's law (p ∝ 1/rank).

    The words are 4–9 random letters, so none is a stopword; the fixed seed
    makes one size always the same texts. Columns ``id`` and ``text``.

    Example
    -------
    >>> corpus = wide_vocabulary_corpus(3, vocabulary=50, words=10)
    >>> len(corpus), len(corpus["text"][0].split())
    (3, 10)
    """
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocab = np.array(["".join(rng.choice(letters, size=rng.integers(4, 10))) for _ in range(vocabulary)])
    weights = 1.0 / np.arange(1, vocabulary + 1)
    weights /= weights.sum()
    texts = [" ".join(vocab[rng.choice(vocabulary, size=words, p=weights)]) + "." for _ in range(articles)]
    width = len(str(articles))
    return pd.DataFrame({"id": [f"w{i:0{width}d}" for i in range(articles)], "text": texts})


def log_odds_z(counts: pd.DataFrame, labels: pd.Series, *, alpha0: float = ALPHA0, min_count: int = MIN_COUNT):
    """Monroe et al.'s (2008) z of every term for every group against the rest, from long counts.

    ``counts`` has ``id``, ``term``, ``count``; ``labels`` maps ``id`` to a
    group. Returns ``(terms, groups, z)``: the kept terms (used ``min_count``
    times or more in all), the groups (sorted), and ``z``, a terms × groups
    array. Totals and the prior come from every term, before the filter::

        α_w = α0 · y_w / N
        δ = log[(y_i + α_w) / (n_i + α0 − y_i − α_w)] − log[(y_j + α_w) / (n_j + α0 − y_j − α_w)]
        z = δ / √(1/(y_i + α_w) + 1/(y_j + α_w))

    Example
    -------
    >>> counts = pd.DataFrame({"id": ["a", "a", "b"], "term": ["war", "talks", "talks"], "count": [3, 1, 4]})
    >>> terms, groups, z = log_odds_z(counts, pd.Series({"a": "X", "b": "Y"}), min_count=1)
    >>> list(terms), list(groups), bool(z[0, 0] < 0 < z[1, 0])
    (['talks', 'war'], ['X', 'Y'], True)
    """
    term_codes, terms = pd.factorize(counts["term"], sort=True)
    group_codes, groups = pd.factorize(counts["id"].map(labels), sort=True)
    cells = term_codes * len(groups) + group_codes
    y = np.bincount(cells, weights=counts["count"].to_numpy(dtype=float), minlength=len(terms) * len(groups))
    y = y.reshape(len(terms), len(groups))
    n = y.sum(axis=0)
    grand = n.sum()
    y_w = y.sum(axis=1)
    keep = y_w >= min_count
    y, y_w = y[keep], y_w[keep]
    prior = (alpha0 * y_w / grand)[:, None]
    y_j = y_w[:, None] - y
    n_j = grand - n
    delta = np.log((y + prior) / (n + alpha0 - y - prior)) - np.log((y_j + prior) / (n_j + alpha0 - y_j - prior))
    z = delta / np.sqrt(1.0 / (y + prior) + 1.0 / (y_j + prior))
    return np.asarray(terms)[keep], np.asarray(groups), z


@contextmanager
def _given_counts(counts: pd.DataFrame):
    """Make :func:`analysis.framing.keyness.keyness` use ``counts`` instead of counting the corpus itself."""
    import importlib

    module = importlib.import_module("analysis.framing.keyness")  # the package re-exports a function of that name
    original = module.doc_term_counts
    module.doc_term_counts = lambda corpus, ngram=1: counts.copy()
    try:
        yield
    finally:
        module.doc_term_counts = original


def check_same(table: pd.DataFrame, terms, groups, z) -> float:
    """Largest |z difference| between the project's table and the reference; raise if the rows differ.

    Example
    -------
    >>> table = pd.DataFrame({"group": ["X", "Y"], "term": ["war", "war"], "z": [1.0, -1.0]})
    >>> check_same(table, np.array(["war"]), np.array(["X", "Y"]), np.array([[1.0, -1.0]]))
    0.0
    """
    reference = pd.DataFrame(z, index=pd.Index(terms, name="term"), columns=pd.Index(groups, name="group"))
    reference = reference.stack().rename("z_ref").reset_index()
    both = table[["group", "term", "z"]].merge(reference, on=["group", "term"], how="outer", indicator=True)
    if not (both["_merge"] == "both").all():
        raise AssertionError(f"{int((both['_merge'] != 'both').sum())} (group, term) rows are in one table only")
    return float(np.max(np.abs(both["z"].to_numpy() - both["z_ref"].to_numpy()))) if len(both) else 0.0


def _cpu(func) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def _best_of_turns(first, second, *, repeat: int) -> tuple[float, float]:
    """Best CPU time of each of two calls, timed in turns so that both see the same load on a shared machine."""
    times = [(_cpu(first), _cpu(second)) for _ in range(repeat)]
    return min(t[0] for t in times), min(t[1] for t in times)


def measure(
    corpus: pd.DataFrame, *, groups: tuple[int, ...] = GROUPS, repeat: int = 7, storage: str = "python"
) -> dict:
    """Time the project's keyness and the reference on the same counts, per number of groups.

    ``corpus`` needs ``id`` and ``text``. ``storage`` is pandas' text storage
    for the counts and the tables (``"python"``, or ``"pyarrow"``: pandas'
    default when pyarrow is installed, as when the book runs). Returns
    ``{"storage", "words": counted terms, "terms": distinct terms, "groups":
    {k: {"project_s", "reference_s", "ratio", "max_abs_z_diff", "rows"}}}``;
    ``ratio`` is reference time over project time (at least 1: the project is
    at least as fast).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": list("abcd"), "text": ["War war talks.", "Talks calm.", "War calm.", "Calm war."]})
    >>> out = measure(corpus, groups=(2,), repeat=1)
    >>> out["groups"][2]["max_abs_z_diff"] <= 1e-9, out["groups"][2]["rows"]
    (True, 6)
    """
    with pd.option_context("mode.string_storage", storage):
        return _measure(corpus, groups=groups, repeat=repeat, storage=storage)


def _measure(corpus: pd.DataFrame, *, groups: tuple[int, ...], repeat: int, storage: str) -> dict:
    from analysis.framing.keyness import keyness
    from analysis.text import doc_term_counts

    corpus = corpus.astype({"id": "str", "text": "str"})
    counts = doc_term_counts(corpus)
    ids = corpus["id"].tolist()
    out = {
        "storage": storage,
        "words": int(counts["count"].sum()),
        "terms": int(counts["term"].nunique()),
        "groups": {},
    }
    for k in groups:
        width = len(str(k - 1))
        labels = pd.Series([f"g{i % k:0{width}d}" for i in range(len(ids))], index=ids)
        grouped = corpus[["id", "text"]].assign(group=corpus["id"].map(labels))
        with _given_counts(counts):
            table = keyness(grouped, by="group", alpha0=ALPHA0, min_count=MIN_COUNT)
            terms, names, z = log_odds_z(counts, labels)
            diff = check_same(table, terms, names, z)
            if diff > TOLERANCE:
                raise AssertionError(f"{k} groups: z differs from the reference by {diff:.3g} (> {TOLERANCE})")
            project, reference = _best_of_turns(
                partial(keyness, grouped, by="group", alpha0=ALPHA0, min_count=MIN_COUNT),
                partial(log_odds_z, counts, labels),
                repeat=repeat,
            )
        out["groups"][k] = {
            "project_s": project,
            "reference_s": reference,
            "ratio": reference / project if project else float("inf"),
            "max_abs_z_diff": diff,
            "rows": len(table),
        }
    return out


def report(result: dict, *, corpus: str = "synthetic corpus") -> None:
    """Print the keyness table."""
    print(
        f"keyness (benchmarks/bench_keyness.py), {corpus}, {result['storage']} text storage: {result['words']:,} counted words, "
        f"{result['terms']:,} distinct terms; reference = numpy log-odds (scattertext not installable under the pins)"
    )
    print(
        f"  {'groups':>6} {'rows':>9} {'project CPU s':>14} {'reference CPU s':>16} {'ref/project':>12} {'max |dz|':>9}"
    )
    for k, r in result["groups"].items():
        print(
            f"  {k:>6} {r['rows']:>9,} {r['project_s']:>14.3f} {r['reference_s']:>16.3f} {r['ratio']:>12.2f} "
            f"{r['max_abs_z_diff']:>9.1e}"
        )
