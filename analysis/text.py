"""Sentences, tokens, stopwords and term normalisation, with no ``nltk_data``.

Sentence splitting uses NLTK's Punkt algorithm (Kiss & Strunk 2006) with no
trained model: the abbreviations it must not split on (``U.S.``, ``Jan.``,
``Dr.``, ``Gen.`` …) come from ``analysis/data/text.yaml``. Paragraphs (lines)
are split first, so a bulleted list item is always its own sentence.

Word tokens come from one regular expression: dotted acronyms (``U.S.``),
words joined by hyphens or apostrophes (``300-plus``, ``Koh-e-Sabz``,
``Pakistan's``), and numbers. Punctuation is not a token.

Terms are normalised one way everywhere (:func:`normalize`): curly quotes and
dashes are folded to ASCII, then the term is case-folded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .errors import DataFileError, Problem

__all__ = [
    "doc_term_counts",
    "fold",
    "ngrams",
    "normalize",
    "quote_share",
    "quote_spans",
    "sentence_table",
    "split_sentences",
    "stopwords",
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

_TOKEN_RE = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                  # dotted acronym: U.S. U.N. e.g.
    | [^\W_]+(?:['-][^\W_]+)*           # words, numbers, hyphen/apostrophe compounds
    """,
    re.VERBOSE,
)
_POSSESSIVE_RE = re.compile(r"'s?$")


def fold(text: str) -> str:
    """Fold curly quotes, primes and dashes to ASCII, one character for one.

    The result has the same length as the input, so character offsets carry over.

    Example
    -------
    >>> fold("Iran’s “failure” — 1980–1988")
    'Iran\\'s "failure" - 1980-1988'
    """
    return text.translate(_FOLD)


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
def _settings() -> dict:
    path = resources.files("analysis") / "data" / "text.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = "analysis/data/text.yaml"
    if not isinstance(data, dict) or not data.get("source"):
        raise DataFileError(Problem(name, None, "source", "the file must name its source"))
    abbrevs = data.get("abbreviations")
    if not isinstance(abbrevs, list) or not abbrevs:
        raise DataFileError(Problem(name, None, "abbreviations", "must be a non-empty list"))
    for i, a in enumerate(abbrevs, start=1):
        if not isinstance(a, str) or not a or a != a.lower() or a.endswith("."):
            raise DataFileError(Problem(name, i, "abbreviations", f"{a!r}: write lower case, without the final period"))
    return data


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(_settings()["abbreviations"])
    return PunktSentenceTokenizer(params)


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


def _iter_tokens(text: str, lower: bool, keep_possessive: bool):
    """Yield (start, end, token) for each word token of ``text``."""
    for m in _TOKEN_RE.finditer(fold(text)):
        tok = m.group(0)
        if not keep_possessive and "'" in tok:
            tok = _POSSESSIVE_RE.sub("", tok)
        yield m.start(), m.end(), (tok.casefold() if lower else tok)


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
    rows = list(_iter_tokens(text, lower, keep_possessive))
    return pd.DataFrame(rows, columns=["start", "end", "token"]).astype(
        {"start": "int64", "end": "int64", "token": "object"}
    )


def tokenize(text: str, *, lower: bool = True, keep_possessive: bool = False) -> list[str]:
    """Word tokens of ``text`` as a list (the tokens of :func:`token_spans`, without building a table).

    Example
    -------
    >>> tokenize("The U.S. said Iran’s 300-plus drones were “intercepted.”")
    ['the', 'u.s.', 'said', 'iran', '300-plus', 'drones', 'were', 'intercepted']
    """
    return [tok for _, _, tok in _iter_tokens(text, lower, keep_possessive)]


def split_sentences(text: str) -> pd.DataFrame:
    """Split ``text`` into sentences with Punkt, one paragraph (line) at a time.

    Columns: ``sentence`` (0-based index), ``start``, ``end`` (character
    offsets into ``text``), ``text`` (the sentence, stripped).

    Example
    -------
    >>> split_sentences("The U.S. met on Jan. 16. “Stop,” it said.\\n- A bullet").text.tolist()
    ['The U.S. met on Jan. 16.', '“Stop,” it said.', '- A bullet']
    """
    rows = _sentence_spans(text)
    return pd.DataFrame(
        {
            "sentence": pd.Series(range(len(rows)), dtype="int64"),
            "start": pd.Series([r[0] for r in rows], dtype="int64"),
            "end": pd.Series([r[1] for r in rows], dtype="int64"),
            "text": pd.Series([r[2] for r in rows], dtype="object"),
        }
    )


def _sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) for each sentence, as :func:`split_sentences` without the table."""
    tokenizer = _sentence_tokenizer()
    rows = []
    offset = 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            for start, end in tokenizer.span_tokenize(paragraph):
                rows.append((offset + start, offset + end, paragraph[start:end]))
        offset += len(paragraph) + 1
    return rows


_QUOTE_OPEN_CLOSE = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations (double quotation marks), per paragraph.

    Curly quotes are paired open/close; straight quotes alternate. A quotation
    still open at the end of a paragraph runs to the end of that paragraph (the
    news convention for quotes spanning paragraphs). Single quotes are not
    used: they are ambiguous with apostrophes and scare quotes. Spans include
    the quotation marks.

    Example
    -------
    >>> text = 'He said “no deal” and left. "Fine," she said.'
    >>> [text[a:b] for a, b in quote_spans(text)]
    ['“no deal”', '"Fine,"']
    """
    spans = []
    offset = 0
    for paragraph in text.split("\n"):
        open_at = None
        closer = None
        for i, ch in enumerate(paragraph):
            if open_at is None:
                if ch in _QUOTE_OPEN_CLOSE:
                    open_at, closer = i, _QUOTE_OPEN_CLOSE[ch]
                elif ch == '"':
                    open_at, closer = i, '"'
            elif ch == closer:
                spans.append((offset + open_at, offset + i + 1))
                open_at = None
        if open_at is not None:
            spans.append((offset + open_at, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return spans


def quote_share(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    """Share (0–1) of the characters in ``[start, end)`` that lie inside ``spans``.

    Example
    -------
    >>> quote_share(0, 10, [(5, 20)])
    0.5
    """
    if end <= start:
        return 0.0
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return covered / (end - start)


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
        characters lies inside a direct quotation (:func:`quote_spans`).

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
    rows = []
    sources = [("body", "text")] + ([("embed", "quoted_text")] if include_embeds else [])
    for row in corpus.itertuples(index=False):
        for source, column in sources:
            text = getattr(row, column) or ""
            spans = quote_spans(text) if source == "body" else []
            length = max(len(text), 1)
            for number, (start, end, sentence) in enumerate(_sentence_spans(text)):
                in_quote = source == "embed" or quote_share(start, end, spans) >= quote_threshold
                rows.append(
                    (
                        row.id,
                        source,
                        number,
                        start,
                        end,
                        sentence,
                        round((start + end) / 2 / length, 6),
                        in_quote,
                        len(tokenize(sentence)),
                    )
                )
    columns = ["id", "source", "sentence", "start", "end", "text", "position", "in_quote", "n_words"]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype(
        {
            "sentence": "int64",
            "start": "int64",
            "end": "int64",
            "position": "float64",
            "in_quote": "bool",
            "n_words": "int64",
        }
    )


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

    def keep(tok: str) -> bool:
        return len(tok) >= min_length and not tok.replace("-", "").replace(".", "").isdigit()

    rows = []
    for row in corpus.itertuples(index=False):
        counts: dict[str, int] = {}
        for sentence in split_sentences(row.text or "")["text"]:
            toks = tokenize(sentence)
            for gram_toks in (toks[i : i + ngram] for i in range(len(toks) - ngram + 1)):
                if not all(keep(t) for t in gram_toks):
                    continue
                if gram_toks[0] in stops or gram_toks[-1] in stops:
                    continue
                term = " ".join(gram_toks)
                counts[term] = counts.get(term, 0) + 1
        rows.extend((row.id, term, n) for term, n in counts.items())
    out = pd.DataFrame(rows, columns=["id", "term", "count"])
    return out.sort_values(["id", "term"], ignore_index=True).astype({"count": "int64"})
