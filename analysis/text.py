"""Sentences, tokens, stopwords and term normalisation, with no ``nltk_data``.

Sentence splitting uses NLTK's Punkt algorithm (Kiss & Strunk 2006) with no
trained model: the abbreviations it must not split on (``U.S.``, ``Jan.``,
``Dr.``, ``Gen.`` …) come from ``analysis/data/text.yaml`` (:mod:`analysis.punkt`).
Paragraphs (lines) are split first, so a bulleted list item is always its own sentence.

Word tokens come from one regular expression: dotted acronyms (``U.S.``),
words joined by hyphens or apostrophes (``300-plus``, ``Koh-e-Sabz``,
``Pakistan's``), and numbers. Punctuation is not a token.

Terms are normalised one way everywhere (:func:`normalize`): curly quotes and
dashes are folded to ASCII, then the term is case-folded.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import accumulate

import numpy as np
import pandas as pd

from .errors import require_columns
from .punkt import sentence_tokenizer
from .quotes import quote_share, quote_spans

__all__ = [
    "count_tokens",
    "doc_term_counts",
    "fold",
    "ngrams",
    "normalize",
    "sentence_in_quote",
    "sentence_spans",
    "sentence_table",
    "split_sentences",
    "stopwords",
    "token_bounds",
    "token_spans",
    "tokenize",
]

# One-to-one character folding, so offsets in folded text equal offsets in the original.
_FOLD = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
    }
)

# str.replace per character is many times faster than str.translate with a dict, and the same:
# every replacement is one ASCII character that is not itself replaced.
_FOLD_PAIRS = tuple((chr(code), ascii_char) for code, ascii_char in _FOLD.items())

# Every token begins with a letter or digit, written first: a pattern that begins with one
# character class lets the regex engine skip to the next such character (the two alternatives
# written apart made it try both at every offset); splitting a text takes a quarter less time.
# The same tokens as ``(?:[^\W\d_]\.){2,} | [^\W_]+(?:['-][^\W_]+)*`` (tests/reference.py).
# The repeats are possessive (``*+``): giving back a letter or digit can never let ``'`` or ``-`` match,
# and nothing follows the last repeat, so backtracking never finds another token; the engine keeps no
# backtracking points, a tenth less time.
_TOKEN_RE = re.compile(
    r"""
    [^\W_](?:
      (?<=[^\W\d_])\.(?:[^\W\d_]\.)+     # dotted acronym: U.S. U.N. e.g.
    | [^\W_]*+(?:['-][^\W_]++)*+         # words, numbers, hyphen/apostrophe compounds
    )
    """,
    re.VERBOSE,
)
# The same, capturing: re.split() then gives gap, token, gap, token, ..., gap.
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern}\n)", re.VERBOSE)
# The same for ASCII text, where a letter or digit (``[^\W_]``) is exactly ``[A-Za-z0-9]`` and a letter
# (``[^\W\d_]``) ``[A-Za-z]``: a range of bytes the engine tests at once, not a Unicode category per
# character (a third less time; ``str.isascii`` costs nothing, and most news text, folded, is ASCII).
_ASCII_CLASSES = ((r"[^\W\d_]", "[A-Za-z]"), (r"[^\W_]", "[A-Za-z0-9]"))
_ASCII_TOKEN_RE, _ASCII_TOKEN_SPLIT_RE = (
    re.compile(pattern.replace(*_ASCII_CLASSES[0]).replace(*_ASCII_CLASSES[1]), re.VERBOSE)
    for pattern in (_TOKEN_RE.pattern, _TOKEN_SPLIT_RE.pattern)
)


def _token_re(folded: str) -> re.Pattern:
    """The token expression for ``folded``: the ASCII one when the text is ASCII (the same tokens)."""
    return _ASCII_TOKEN_RE if folded.isascii() else _TOKEN_RE


def _token_split_re(folded: str) -> re.Pattern:
    """The capturing token expression for ``folded`` (see :func:`_token_re`)."""
    return _ASCII_TOKEN_SPLIT_RE if folded.isascii() else _TOKEN_SPLIT_RE


_POSSESSIVE_RE = re.compile(r"'s(?=\x00|$)")

#: How many texts' sentence spans, quotations and tokens are remembered (see :func:`sentence_spans`).
SENTENCE_CACHE_SIZE = 8192
# Texts at least this long (articles, not sentences) have their tokens remembered.
_INDEX_MIN_CHARS = 1000


def fold(text: str) -> str:
    """Fold curly quotes, primes and dashes to ASCII, one character for one.

    The result has the same length as the input, so character offsets carry over.

    Example
    -------
    >>> fold("Iran’s “failure” — 1980–1988")
    'Iran\\'s "failure" - 1980-1988'
    """
    for char, ascii_char in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, ascii_char)
    return text


def normalize(term: str) -> str:
    """The one normalisation for terms: fold quotes and dashes, then case-fold.

    Example
    -------
    >>> normalize("De‑Escalation")
    'de-escalation'
    >>> normalize("PAKISTAN’S")
    "pakistan's"
    """
    return fold(term).casefold().strip()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The shipped English stopword list (Snowball), normalised.

    The source is named in the header of ``analysis/data/stopwords_en.txt``.

    Example
    -------
    >>> "the" in stopwords() and "iran" not in stopwords()
    True
    >>> "us" in stopwords()  # left out on purpose: "US" is the United States
    False
    """
    path = resources.files("analysis") / "data" / "stopwords_en.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(normalize(line))
    return frozenset(words)


def _token_strings(folded: str, lower: bool, keep_possessive: bool) -> list[str]:
    """The tokens of already folded text (no offsets): one ``findall``, then per-token fixes."""
    if len(folded) >= _INDEX_MIN_CHARS:
        joined = _token_index(folded)[0]
        if not joined:
            return []
    else:
        tokens = _token_re(folded).findall(folded)
        if not tokens or (keep_possessive and not lower):
            return tokens
        joined = "\x00".join(tokens)
    # Work on all tokens at once, joined by a character no token contains: a token never ends in
    # a bare apostrophe, so the possessive is exactly a final "'s"; and case-folding is the same
    # character by character whatever surrounds it.
    if not keep_possessive:
        joined = _POSSESSIVE_RE.sub("", joined)
    if lower:
        joined = joined.casefold()
    return joined.split("\x00")


def token_bounds(folded: str) -> tuple[list[int], list[int], list[str]]:
    """Start and end offsets and the strings of the word tokens of already folded text.

    One ``re.split`` gives the tokens and the gaps between them; the offsets
    are the running sum of their lengths (no match object per token).

    Example
    -------
    >>> token_bounds(fold("U.S. and Iran’s talks"))
    ([0, 5, 9, 16], [4, 8, 15, 21], ['U.S.', 'and', "Iran's", 'talks'])
    """
    parts = _token_split_re(folded).split(folded)  # gap, token, gap, token, ..., gap
    offsets = list(accumulate(map(len, parts)))
    return offsets[0:-1:2], offsets[1::2], parts[1::2]


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _token_index(folded: str) -> tuple[str, np.ndarray, np.ndarray]:
    """The tokens of a (long) folded text joined by NUL characters, and their start and end offsets.

    Each measure tokenises the same article texts again (word counts,
    sentence lengths, frame contexts, term counts); remembering one string
    and two compact arrays per text makes the later ones cheap. The offsets
    are those of :func:`token_bounds`, summed with numpy.
    """
    parts = _token_split_re(folded).split(folded)  # gap, token, gap, token, ..., gap
    offsets = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))).astype(np.int32)
    return "\x00".join(parts[1::2]), offsets[0:-1:2], offsets[1::2]


def _bounds(folded: str) -> tuple:
    """Start and end offsets of the tokens of ``folded`` (remembered for long texts)."""
    return _token_index(folded)[1:] if len(folded) >= _INDEX_MIN_CHARS else token_bounds(folded)[:2]


def token_spans(text: str, *, lower: bool = True, keep_possessive: bool = False) -> pd.DataFrame:
    """Word tokens of ``text`` with their character offsets.

    Columns: ``start``, ``end`` (offsets into ``text``), ``token`` (normalised
    with :func:`normalize` when ``lower``; otherwise only folded). A possessive
    ``'s`` is dropped from the token unless ``keep_possessive``; the span still
    covers the original word.

    Example
    -------
    >>> token_spans("Pakistan’s 300-plus drones").to_dict("list")
    {'start': [0, 11, 20], 'end': [10, 19, 26], 'token': ['pakistan', '300-plus', 'drones']}
    """
    folded = fold(text)
    starts, ends, _ = token_bounds(folded)
    tokens = _token_strings(folded, lower, keep_possessive)
    return pd.DataFrame({"start": starts, "end": ends, "token": tokens}, columns=["start", "end", "token"]).astype(
        {"start": "int64", "end": "int64", "token": "object"}
    )


def tokenize(text: str, *, lower: bool = True, keep_possessive: bool = False) -> list[str]:
    """Word tokens of ``text`` as a list (the tokens of :func:`token_spans`, without building a table).

    Example
    -------
    >>> tokenize("The U.S. said Iran’s 300-plus drones were “intercepted.”")
    ['the', 'u.s.', 'said', 'iran', '300-plus', 'drones', 'were', 'intercepted']
    """
    return _token_strings(fold(text), lower, keep_possessive)


def count_tokens(folded: str, start: int = 0, end: int | None = None) -> int:
    """Number of word tokens in ``folded[start:end]`` (already folded text), without slicing it.

    Example
    -------
    >>> count_tokens(fold("Calm returned. “We want talks,” he said."), 15)
    5
    """
    end = len(folded) if end is None else end
    if start == 0 and end == len(folded) >= _INDEX_MIN_CHARS:  # a whole article (the loader's word count)
        return len(_token_index(folded)[1])
    return _slice_counts(folded, [start], [end])[0]


def split_sentences(text: str) -> pd.DataFrame:
    """Split ``text`` into sentences with Punkt, one paragraph (line) at a time.

    Columns: ``sentence`` (0-based index), ``start``, ``end`` (character
    offsets into ``text``), ``text`` (the sentence, stripped).

    Example
    -------
    >>> split_sentences("The U.S. met on Jan. 16. “Stop,” it said.\\n- A bullet").text.tolist()
    ['The U.S. met on Jan. 16.', '“Stop,” it said.', '- A bullet']
    """
    rows = sentence_spans(text)
    sentences = np.empty(len(rows), dtype=object)
    sentences[:] = [r[2] for r in rows]
    return pd.DataFrame(
        {
            "sentence": np.arange(len(rows), dtype="int64"),
            "start": np.array([r[0] for r in rows], dtype="int64"),
            "end": np.array([r[1] for r in rows], dtype="int64"),
            "text": pd.Series(sentences, dtype=object, copy=False),
        },
    )


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def sentence_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, sentence)`` for each sentence of ``text``: :func:`split_sentences` without the table.

    Every measure splits the same cleaned texts (the loader counts sentences,
    then mentions, tone and frame hits each need them), so the spans of the
    last ``SENTENCE_CACHE_SIZE`` texts are remembered: Punkt runs once per
    text. The result is a tuple, so no caller can change what the next one gets.

    Example
    -------
    >>> sentence_spans("Talks resumed. Calm returned.\\nA bullet")
    ((0, 14, 'Talks resumed.'), (15, 29, 'Calm returned.'), (30, 38, 'A bullet'))
    """
    tokenizer = sentence_tokenizer()
    rows = []
    offset = 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            for start, end in tokenizer.spans(paragraph):
                rows.append((offset + start, offset + end, paragraph[start:end]))
        offset += len(paragraph) + 1
    return tuple(rows)


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def sentence_in_quote(text: str, threshold: float = 0.5) -> tuple[bool, ...]:
    """Whether each sentence of ``text`` (:func:`sentence_spans`) is mostly a direct quotation.

    True when at least ``threshold`` of the sentence's characters lie inside
    :func:`~analysis.quotes.quote_spans`: the ``in_quote`` of :func:`sentence_table`'s body rows.

    Example
    -------
    >>> sentence_in_quote("Calm returned. “We want talks,” he said.")
    (False, True)
    """
    spans = quote_spans(text)
    ends = [b for _, b in spans]
    return tuple(quote_share(a, b, spans, ends=ends) >= threshold for a, b, _ in sentence_spans(text))


def sentence_table(corpus: pd.DataFrame, *, include_embeds: bool = False, quote_threshold: float = 0.5) -> pd.DataFrame:
    """One row per sentence of every article's cleaned ``text``.

    Parameters
    ----------
    corpus
        A corpus table from :func:`analysis.corpus.load_corpus` (needs ``id``,
        ``text`` and, with ``include_embeds``, ``quoted_text``).
    include_embeds
        Also split the embedded posts (``quoted_text``); their rows have
        ``source == "embed"`` and ``in_quote`` True.
    quote_threshold
        A body sentence is ``in_quote`` when at least this share of its
        characters lies inside a direct quotation (:func:`~analysis.quotes.quote_spans`).

    Returns
    -------
    DataFrame with columns ``id``, ``source`` (``body``/``embed``),
    ``sentence`` (0-based, per article and source), ``start``, ``end``
    (offsets into ``text``, or into ``quoted_text`` for embeds), ``text``,
    ``position`` (0–1: the sentence's midpoint through the body text),
    ``in_quote`` and ``n_words``.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Calm returned. “We want talks,” he said."]})
    >>> sentence_table(corpus)[["sentence", "in_quote", "n_words"]].to_dict("list")
    {'sentence': [0, 1], 'in_quote': [False, True], 'n_words': [2, 5]}
    """
    sources = [("body", "text")] + ([("embed", "quoted_text")] if include_embeds else [])
    require_columns(corpus, ["id", *(column for _, column in sources)], "sentence_table()", "corpus")
    columns = ["id", "source", "sentence", "start", "end", "text", "position", "in_quote", "n_words"]
    data: dict[str, list | np.ndarray] = {c: [] for c in columns}  # column by column, not a tuple per sentence
    for doc_id, *texts in zip(corpus["id"], *(corpus[column] for _, column in sources)):
        for (source, _), text in zip(sources, texts):
            text = text or ""
            spans = sentence_spans(text)
            starts, ends = [s[0] for s in spans], [s[1] for s in spans]
            length = max(len(text), 1)
            data["id"] += [doc_id] * len(spans)
            data["source"] += [source] * len(spans)
            data["sentence"] += range(len(spans))
            data["start"] += starts
            data["end"] += ends
            data["text"] += [s[2] for s in spans]
            data["position"] += [round((a + b) / 2 / length, 6) for a, b in zip(starts, ends)]
            data["in_quote"] += sentence_in_quote(text, quote_threshold) if source == "body" else [True] * len(spans)
            data["n_words"] += _slice_counts(fold(text), starts, ends)
    types = {"sentence": "int64", "start": "int64", "end": "int64", "position": "float64", "in_quote": "bool"}
    types["n_words"] = "int64"
    # the numbers as typed arrays: pandas infers a list of Python numbers' type one by one, several times slower
    data.update({column: np.array(data[column], dtype=kind) for column, kind in types.items()})
    # with no sentence, a table of no rows: its columns have the types a table of row tuples had
    table = pd.DataFrame(data if data["id"] else [], columns=columns)
    return table.astype(types)


def _slice_counts(folded: str, starts: list[int], ends: list[int]) -> list[int]:
    """:func:`count_tokens` of each slice ``folded[starts[k]:ends[k]]``, looked up at once in a long text."""
    ranges = _token_ranges(folded, starts, ends)
    findall = _token_re(folded).findall
    if ranges is None:
        return [len(findall(folded, a, b)) for a, b in zip(starts, ends)]
    return [j - i if holds else len(findall(folded, a, b)) for a, b, i, j, holds in zip(starts, ends, *ranges)]


def ngrams(tokens: list[str], n: int) -> list[str]:
    """Space-joined n-grams of a token list.

    Example
    -------
    >>> ngrams(["breakdown", "of", "diplomacy"], 2)
    ['breakdown of', 'of diplomacy']
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


class _Memo(dict):
    """A dict that computes a missing value with ``func`` and keeps it."""

    def __init__(self, func) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, key):
        value = self[key] = self.func(key)
        return value


def doc_term_counts(
    corpus: pd.DataFrame, *, ngram: int = 1, drop_stopwords: bool = True, min_length: int = 2
) -> pd.DataFrame:
    """Term counts per article, as a long (tidy) table.

    N-grams never cross a sentence boundary. With ``drop_stopwords`` a unigram
    is dropped when it is a stopword, and an n-gram when it starts or ends with
    one ("breakdown of diplomacy" stays; "of the" goes). Tokens shorter than
    ``min_length`` characters and bare numbers are dropped.

    Returns columns ``id``, ``term``, ``count``, sorted by ``id`` then ``term``.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Calls for restraint. Restraint, now."]})
    >>> doc_term_counts(corpus).to_dict("list")
    {'id': ['a', 'a', 'a'], 'term': ['calls', 'now', 'restraint'], 'count': [1, 1, 2]}
    """
    stops = stopwords() if drop_stopwords else frozenset()

    # the tests, remembered per distinct token
    kept = _Memo(lambda tok: len(tok) >= min_length and not tok.replace("-", "").replace(".", "").isdigit())
    counted = _Memo(lambda tok: kept[tok] and tok not in stops)

    ids, terms, numbers = [], [], []  # the table's columns
    docs = list(zip(corpus["id"], corpus["text"]))
    # text ids, each once: the articles in order of id, each one's terms sorted, so the table needs no sort
    in_order = all(type(doc_id) is str for doc_id, _ in docs) and len({d for d, _ in docs}) == len(docs)
    for doc_id, text in sorted(docs, key=lambda doc: doc[0]) if in_order else docs:
        text = text or ""
        if ngram == 1:
            # all the sentences' tokens counted at once (in C), then each term tested once; the terms
            # keep the order of first use, as when the tested tokens were counted one by one
            counts = Counter(_text_tokens(text))
            found = filter(counted.__getitem__, counts)  # the test looked up in C, no Python loop
            found = sorted(found) if in_order else list(found)
        else:
            counts = Counter()
            for toks in _sentence_tokens(text):
                grams = (toks[i : i + ngram] for i in range(len(toks) - ngram + 1))
                counts.update(
                    " ".join(g)
                    for g in grams
                    if g[0] not in stops and g[-1] not in stops and all(map(kept.__getitem__, g))
                )
            found = sorted(counts) if in_order else list(counts)
        ids.extend([doc_id] * len(found))
        terms.extend(found)
        numbers.extend(map(counts.__getitem__, found))
    # column by column: the types of a table of row tuples (with no row, it is one)
    # the counts as an int64 array: pandas infers a list of Python ints' type one by one, several times slower
    counts_column = np.array(numbers, dtype=np.int64)
    out = pd.DataFrame(
        {"id": ids, "term": terms, "count": counts_column} if ids else [], columns=["id", "term", "count"]
    )
    return (out if in_order else out.sort_values(["id", "term"], ignore_index=True)).astype({"count": "int64"})


def _sentence_tokens(text: str) -> list[list[str]]:
    """The tokens (lower case, no possessive) of each sentence of ``text``: those of :func:`tokenize`
    on each sentence, taken from the whole text's remembered tokens when it is long."""
    spans = sentence_spans(text)
    folded = fold(text)
    ranges = _token_ranges(folded, [s[0] for s in spans], [s[1] for s in spans])
    if ranges is None:
        return [_token_strings(folded[start:end], True, False) for start, end, _ in spans]
    every = _token_strings(folded, True, False)
    return [
        every[i:j] if holds else _token_strings(folded[start:end], True, False)
        for (start, end, _), i, j, holds in zip(spans, *ranges)
    ]


def _text_tokens(text: str) -> list[str]:
    """The tokens of all the sentences of ``text`` in order: ``_sentence_tokens(text)`` joined in one list.

    When the sentences' ranges of the remembered tokens all hold and follow on from one another, from the
    first token to the last (no token outside a sentence or in two, none crossing a sentence's edge), that
    list is the whole text's tokens, taken as they are: no list per sentence to build and join.
    """
    spans = sentence_spans(text)
    folded = fold(text)
    ranges = _token_ranges(folded, [s[0] for s in spans], [s[1] for s in spans]) if spans else None
    if ranges is not None:
        first, last, holds = ranges
        if first[0] == 0 and last[-1] == len(_token_index(folded)[1]) and first[1:] == last[:-1] and all(holds):
            return _token_strings(folded, True, False)
    return list(itertools.chain.from_iterable(_sentence_tokens(text)))


def _token_ranges(folded: str, starts: list[int], ends: list[int]) -> tuple[list[int], list[int], list[bool]] | None:
    """The remembered tokens ``[i, j)`` of ``folded`` that are those of each slice ``folded[a:b]``.

    Returns the lists of ``i``, of ``j`` and of whether each range holds: it
    does not when a token of the whole text crosses ``a`` or ``b`` (then the
    slice has tokens of its own). Otherwise the slice's tokens are exactly the
    whole text's tokens inside it: the token expression looks at nothing
    outside the token it matches. ``None`` when the text is too short to be remembered.
    """
    if len(folded) < _INDEX_MIN_CHARS:
        return None
    _, tok_starts, tok_ends = _token_index(folded)
    if not len(tok_starts):
        return [0] * len(starts), [0] * len(starts), [True] * len(starts)
    # the starts and the ends looked up at once, and as int32 like the remembered offsets (offsets into
    # the same text): numpy would otherwise copy the offsets to a common type on every call
    count = len(starts)
    bounds = np.array([*starts, *ends], dtype=np.int32)
    found = tok_starts.searchsorted(bounds, side="left")
    crosses = (found > 0) & (tok_ends[np.maximum(found - 1, 0)] > bounds)  # a token runs over the bound
    i, j = found[:count], found[count:]
    crossed = crosses[:count] | ((j > i) & crosses[count:])
    return i.tolist(), np.maximum(i, j).tolist(), (~crossed).tolist()
