"""Actors: who is mentioned in each article, resolved through a gazetteer of aliases.

A *gazetteer* (``analysis/data/actors.yaml`` by default; any corpus can pass
its own) lists each actor with an id, label, type, country and the strings
that name it. :func:`find_mentions` finds every alias in the cleaned ``text``
of each article and resolves overlaps; the other functions count, compare and
score the mentions.

Matching rules (the gazetteer's own disambiguation rules are data in the file):

1. Text and aliases are folded with :func:`analysis.text.fold` first, one
   character for one, so curly and straight apostrophes or dashes match
   alike and offsets stay valid for the original text.
2. A literal alias of several words matches in any case; a literal alias of
   one word matches as written or in capitals (the dateline ``ISLAMABAD``),
   never in lower case (``case: auto``; an alias may say ``case: exact`` or
   ``case: ignore``; see :mod:`analysis.actors.gazetteer`). Any space or
   hyphen in a literal alias matches any run of spaces and hyphens:
   ``Jaish al-Adl`` also finds ``Jaish Al Adl``.
3. A match never starts or ends inside a word. A possessive ``'s`` is left
   out of the span (``Iran's`` gives ``Iran``).
4. Context conditions (``followed_by``, ``preceded_by`` and their ``not_``
   forms) are case-insensitive regular expressions tested on the (folded)
   text right after or right before the match: they tell the Baloch spokeswoman (``Baloch said``) from
   the Baloch people.
5. Where candidate matches overlap, the longest wins, so
   ``Sistan-Baluchestan`` is not also ``Baluchestan`` and ``Pakistan's
   Foreign Ministry`` is not also ``Pakistan``. On the same span, an alias
   with a context condition that must hold (``followed_by``, ``preceded_by``)
   beats one with only conditions that must not (``the Foreign Office in
   London`` is the UK's, not the bare ``Foreign Office`` that is Pakistan's
   unless another state precedes it), which beats one without; then the
   earlier gazetteer entry wins.
6. Demonyms (``Iranian``, ``Pakistanis``) are mentions of their state with
   ``is_demonym`` True; ``demonyms=False`` drops them after overlaps are
   resolved.
7. Capitals stand for their state wherever they occur (``kind: capital``).
8. A flag emoji (``kind: flag``, two regional-indicator letters) stands for
   its state; it only matches at an even offset within a run of flags, so
   the middle of "🇺🇸🇦🇫" is never read as "🇸🇦".
9. X handles are matched without their ``@`` (``kind: handle``).
10. An abbreviation the text defines names the actor it abbreviates: after a
    mention followed by a bracketed abbreviation whose letters come in order
    in it, the first at the start of a word (``Pakistani Foreign Office
    (FO)``), that abbreviation is a mention of the same actor there and
    wherever else it stands later in the text, unless a match of the
    gazetteer holds the place. A capital, flag, handle or demonym defines
    nothing (``ANKARA (AA)`` is a dateline and an agency), nor does a
    bracketed word with fewer than two capitals (``(Reuters)``).

With ``include_embeds=True`` the same rules are applied, separately, to the
embedded social-media posts (``quoted_text``); their mentions carry
``source == "embed"``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.actors.gazetteer import Gazetteer, GazetteerArg, _Alias, resolve_gazetteer
from analysis.errors import require_columns
from analysis.quotes import quote_share, quote_spans
from analysis.scanning import GAP, Trigger, ignorecase_lower, literal_beginnings, spans_at, words_beginnings
from analysis.text import fold, sentence_spans

#: Columns of :func:`find_mentions`.
MENTION_COLUMNS = [
    "id",
    "source",
    "actor",
    "actor_type",
    "matched",
    "start",
    "end",
    "sentence",
    "position",
    "in_quote",
    "is_demonym",
]

#: The dtype of each column of :func:`find_mentions`.
MENTION_DTYPES = {
    "id": "object",
    "source": "object",
    "actor": "object",
    "actor_type": "object",
    "matched": "object",
    "start": "int64",
    "end": "int64",
    "sentence": "int64",
    "position": "float64",
    "in_quote": "bool",
    "is_demonym": "bool",
}


#: The two texts of an article that :func:`find_mentions` can read.
SOURCES = ("body", "embed")


_REGIONAL_INDICATOR = range(0x1F1E6, 0x1F200)  # the letters that flag emoji are made of


_CONTEXT_WINDOW = 80


def _context_ok(alias: _Alias, folded: str, start: int, end: int) -> bool:
    for ctx, rx in alias.contexts:
        if "followed" in ctx:
            hit = rx.match(folded, end, min(len(folded), end + _CONTEXT_WINDOW)) is not None
        else:
            hit = rx.search(folded[max(0, start - _CONTEXT_WINDOW) : start]) is not None
        if hit == ctx.startswith("not_"):
            return False
    return True


_DEFINED = re.compile(r"[ \t]*\(([A-Z][A-Za-z.]{1,7})\)")  # "Foreign Office (FO)": the "(FO)" after a mention


def _abbreviates(abbreviation: str, name: str) -> bool:
    """True when the letters of ``abbreviation`` come in order in ``name``, the first at the start of a word."""
    letters = [c for c in abbreviation.lower() if c.isalpha()]
    if sum(c.isupper() for c in abbreviation) < 2:
        return False
    lowered = name.lower()
    for word in re.finditer(r"\w+", lowered):
        if word.group()[0] == letters[0]:
            at = word.start() + 1
            for c in letters[1:]:
                at = lowered.find(c, at) + 1
                if at == 0:
                    break
            else:
                return True
    return False


def _defined_abbreviations(folded: str, chosen: list, taken: bytearray) -> list:
    """The mentions of rule 10: abbreviations the text defines, where no other match holds the place."""
    if "(" not in folded:  # no abbreviation is defined (most texts): no mention need be looked at
        return []
    defined: dict[str, tuple[int, _Alias]] = {}
    for start, end, alias in chosen:
        if alias.demonym or alias.kind in ("capital", "flag", "handle"):
            continue
        m = _DEFINED.match(folded, end)
        if m and m.group(1) not in defined and _abbreviates(m.group(1), folded[start:end]):
            defined[m.group(1)] = (m.start(1), alias)
    out = []
    for abbreviation, (first, alias) in defined.items():
        for m in re.finditer(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", folded):
            if m.start() >= first and taken.find(1, m.start(), m.end()) < 0:
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                out.append((m.start(), m.end(), alias))
    return out


def _rank(alias: _Alias) -> tuple[int, int, int]:
    """Rule 5 after the longest span: conditions that must hold, then all conditions, then file order (lowest first)."""
    must = sum(not ctx.startswith("not_") for ctx, _ in alias.contexts)
    return (-must, -len(alias.contexts), alias.order)


def _flag_misaligned(text: str, start: int) -> bool:
    """True when ``start`` falls in the middle of a flag (odd number of regional indicators before it)."""
    k = start
    while k > 0 and ord(text[k - 1]) in _REGIONAL_INDICATOR:
        k -= 1
    return (start - k) % 2 == 1


@dataclass(frozen=True)
class _Group:
    """The aliases of a gazetteer that share one expression: it is run once for all of them."""

    aliases: tuple  # in gazetteer order; the first's ``compiled`` is the expression (compiled when first used)
    ranked: tuple  # (alias, *_rank(alias)) for each alias
    # An expression that matches right after a span where the context of some alias could hold:
    # every alias here needs one of these followed_by conditions, so where it fails none is a
    # candidate (one regex call instead of one per alias, e.g. per state's capital); else None.
    followed: re.Pattern | None
    # True when no alias is a flag or has a context condition: each span is a candidate of every alias
    plain: bool = False


def _any_followed_by(aliases: tuple) -> re.Pattern | None:
    """The alternation of one ``followed_by`` of each alias, when every alias has one; else ``None``.

    Only for conditions without groups (no back-reference can change meaning in
    the alternation) and with plain flags (no inline global flag).

    Example
    -------
    >>> from dataclasses import replace
    >>> from analysis.actors.gazetteer import resolve_gazetteer
    >>> gaz = resolve_gazetteer({"source": "s", "actors": [
    ...     {"id": f"fm_{c}", "label": c, "type": "government body", "country": None,
    ...      "aliases": [{"pattern": "Foreign Ministry", "followed_by": rf"\\s+in\\s+{c}"}]} for c in ("x", "y")]})
    >>> _any_followed_by(gaz.aliases).pattern
    '(?:\\\\s+in\\\\s+x)|(?:\\\\s+in\\\\s+y)'
    >>> _any_followed_by(gaz.aliases[:1] + (replace(gaz.aliases[1], contexts=()),)) is None
    True
    """
    plain = re.compile("", re.IGNORECASE).flags
    picked = []
    for alias in aliases:
        rx = next((rx for ctx, rx in alias.contexts if ctx == "followed_by"), None)
        if rx is None or rx.groups or rx.flags != plain:
            return None
        picked.append(rx.pattern)
    if len(aliases) < 2:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in dict.fromkeys(picked)), re.IGNORECASE)
    except re.error:  # pragma: no cover - each compiled alone, so the alternation does too
        return None


@dataclass(frozen=True)
class _Scanner:
    """Where each expression of a gazetteer may start (see :mod:`analysis.scanning`)."""

    groups: tuple  # _Group per distinct expression, in order of its first alias
    # Beginnings looked for in the ignorecase_lower() of the folded text: those of the expressions
    # that ignore case, and those in ASCII of the ones that keep it, lowered (wherever "Iran"
    # starts, "iran" starts in the lowered text: more places to try, all that hold among them).
    lower: Trigger | None
    exact: Trigger | None  # the other beginnings (not ASCII: a flag, "Çin"), looked for in the folded text
    whole: tuple  # groups whose beginning cannot be read: run over the whole text

    def starts(self, folded: str) -> list[tuple[int, list[int] | None]]:
        """``(group index, possible starts)`` for every group that may match (``None``: anywhere)."""
        found = self.lower.starts(ignorecase_lower(folded)) if self.lower is not None else {}
        if self.exact is not None and not folded.isascii():  # else none of its beginnings is there
            for index, positions in self.exact.starts(folded).items():
                found[index] = sorted({*found[index], *positions}) if index in found else positions
        return [*found.items(), *((index, None) for index in self.whole)]


_CROWDED = 16  # groups sharing a beginning of two words, from which on their beginnings are read further
_LONG = 3  # words read then


def _two_words(beginning: str) -> str:
    return GAP.join(beginning.split(GAP)[:2]).rstrip(GAP)


def _beginnings_of(group: _Group, *, words: int) -> tuple[frozenset[str], bool] | None:
    """The literal beginnings of a group's expression; read from a literal alias's words without parsing it."""
    literal = next((alias for alias in group.aliases if alias.words is not None), None)
    if literal is None:
        return literal_beginnings(group.aliases[0].compiled, r"(?<!\w)", words=words)
    ignore_case = bool(literal.expression[1] & re.IGNORECASE)
    return words_beginnings(literal.words, ignore_case=ignore_case, words=words)


def _group_beginnings(groups) -> list:
    """:func:`~analysis.scanning.literal_beginnings` of each group's expression, two words long where that tells it apart.

    Where many expressions share their first two words (``Foreign Ministry of``
    and a state, one per state), each hit of those two words would be tried
    for every one of them: their beginnings keep up to ``_LONG`` words instead
    (``Foreign Ministry of`` is much rarer in a text than ``Foreign Ministry``).
    A match begins with any prefix of a beginning too, so any cut is safe.

    Example
    -------
    >>> from analysis.actors.gazetteer import resolve_gazetteer
    >>> gaz = resolve_gazetteer({"source": "s", "actors": [{"id": f"fm_{c.lower()}", "label": c, "type": "government body",
    ...     "country": None, "aliases": [f"Foreign Ministry of {c}"]} for c in "ABCDEFGHIJKLMNOP"]})
    >>> groups = [_Group((alias,), (), None) for alias in gaz.aliases]
    >>> [sorted(b.replace(GAP, " ") for b in read[0]) for read in _group_beginnings(groups)][:2]
    [['foreign ministry of'], ['foreign ministry of']]
    >>> [sorted(b.replace(GAP, " ") for b in read[0]) for read in _group_beginnings(groups[:2])]
    [['foreign ministry'], ['foreign ministry']]
    """
    reads = []
    for group in groups:
        # a longer beginning may hold a character outside ASCII where the first two words do not
        reads.append(_beginnings_of(group, words=_LONG) or _beginnings_of(group, words=2))
    sharing = Counter((read[1], _two_words(b)) for read in reads if read for b in {_two_words(b) for b in read[0]})
    out = []
    for read in reads:
        if read is None:
            out.append((None, False))
            continue
        kept = {b if sharing[read[1], _two_words(b)] >= _CROWDED else _two_words(b) for b in read[0]}
        out.append((frozenset(b for b in kept if not any(b != c and b.startswith(c) for c in kept)), read[1]))
    return out


def _scanner(gaz: Gazetteer) -> _Scanner:
    """The scanner of a gazetteer, built once and kept with it (its aliases never change)."""
    cached = gaz.__dict__.get("_scanner")
    if cached is not None:
        return cached
    members: dict[tuple, list] = {}
    for alias in gaz.aliases:
        members.setdefault(alias.expression, []).append(alias)
    groups = []
    for aliases in members.values():
        aliases = tuple(aliases)
        ranked = tuple((alias, *_rank(alias)) for alias in aliases)
        plain = not any(alias.contexts or alias.kind == "flag" for alias in aliases)
        groups.append(_Group(aliases, ranked, _any_followed_by(aliases), plain))
    lower: dict[str, list[int]] = {}
    exact: dict[str, list[int]] = {}
    whole = []
    for index, (found, ignore_case) in enumerate(_group_beginnings(groups)):
        if found is None:
            whole.append(index)
            continue
        for b in sorted(found):
            if ignore_case:
                lower.setdefault(b, []).append(index)
            elif b.replace(GAP, " ").isascii():
                lower.setdefault(b.lower(), []).append(index)
            else:
                exact.setdefault(b, []).append(index)
    triggers = [Trigger.build(b, boundary=r"\W") if b else None for b in (lower, exact)]
    scanner = _Scanner(tuple(groups), triggers[0], triggers[1], tuple(whole))
    gaz.__dict__["_scanner"] = scanner  # a frozen dataclass still has its own __dict__
    return scanner


def prepare_gazetteer(gazetteer: Gazetteer) -> Gazetteer:
    """Build the gazetteer's scanner now and return the gazetteer, which keeps it.

    :func:`find_mentions` builds the scanner on first use (about half a
    second for the package's gazetteer). The batch command calls this before
    it forks its workers, so that they inherit the scanner instead of each
    building its own.

    Example
    -------
    >>> from analysis.actors.gazetteer import load_gazetteer
    >>> gaz = prepare_gazetteer(load_gazetteer())
    >>> "_scanner" in gaz.__dict__
    True
    """
    _scanner(gazetteer)
    return gazetteer


def _match_text(text: str, gaz: Gazetteer) -> list[tuple[int, int, _Alias]]:
    folded = fold(text)
    size = len(folded)
    candidates: list[tuple] = []
    add = candidates.append
    scanner = _scanner(gaz)
    groups = scanner.groups
    # A candidate is (start - end, *_rank(alias), start, end, alias): sorted, the order of rule 5, whole
    # (one alias has one match at a start), so the order in which they are found does not matter.
    for index, positions in scanner.starts(folded):
        group = groups[index]
        followed, ranked, plain = group.followed, group.ranked, group.plain
        for start, end in spans_at(group.aliases[0].compiled, folded, positions):
            # leave a possessive 's outside the span (only a regex can reach it)
            if end - start > 2 and folded.startswith("'s", end - 2):
                end -= 2
            if end <= start:
                continue
            if followed is not None and followed.match(folded, end, min(size, end + _CONTEXT_WINDOW)) is None:
                continue
            if plain:
                for alias, must, conditions, order in ranked:
                    add((start - end, must, conditions, order, start, end, alias))
                continue
            for alias, must, conditions, order in ranked:
                if alias.kind == "flag" and _flag_misaligned(folded, start):
                    continue
                if not conditions or _context_ok(alias, folded, start, end):
                    add((start - end, must, conditions, order, start, end, alias))
    candidates.sort()
    taken = bytearray(len(text) + 1)
    chosen = []
    for _, _, _, _, start, end, alias in candidates:
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, alias))
    chosen += _defined_abbreviations(folded, chosen, taken)
    return sorted(chosen, key=lambda c: c[0])


def _in_quote(matches: list, spans: list[tuple[int, int]]) -> list[bool]:
    """Whether at least half of each match ``(start, end, alias)`` lies inside the quotations ``spans``.

    ``spans`` are in order and do not overlap (:func:`analysis.quotes.quote_spans`), so only the
    first one ending after a match can tell, as a rule, and
    :func:`~analysis.quotes.quote_share` is only needed where it covers part of the match.

    Example
    -------
    >>> _in_quote([(0, 4, None), (10, 14, None), (18, 24, None), (30, 34, None)], [(8, 20)])
    [False, True, False, False]
    """
    if not spans:
        return [False] * len(matches)
    ends = [b for _, b in spans]
    out = []
    for start, end, _ in matches:
        first = bisect_right(ends, start)  # the first quotation ending after the start
        if first == len(spans) or spans[first][0] >= end:
            out.append(False)
        elif spans[first][0] <= start and end <= spans[first][1]:
            out.append(True)
        else:
            out.append(quote_share(start, end, spans, ends=ends) >= 0.5)
    return out


def find_mentions(
    corpus: pd.DataFrame, gazetteer: GazetteerArg = None, *, demonyms: bool = True, include_embeds: bool = False
) -> pd.DataFrame:
    """Every actor mention in each article's cleaned ``text`` (and, optionally, its embedded posts).

    Parameters
    ----------
    corpus
        Needs ``id`` and ``text`` (as from :func:`analysis.corpus.load_corpus`),
        and ``quoted_text`` with ``include_embeds``.
    gazetteer
        ``None`` (the shipped gazetteer), a path to a YAML file, a parsed
        mapping or a :class:`~analysis.actors.gazetteer.Gazetteer`.
    demonyms
        Keep demonym mentions (``Iranian``); they are flagged ``is_demonym``.
    include_embeds
        Also read the embedded social-media posts (``quoted_text``, one post
        per line). Off by default: the posts are not the outlet's own text.

    Returns
    -------
    DataFrame, one row per mention, in corpus order, then body before
    embeds, then text order:
    ``id``; ``source`` (``"body"``: the cleaned ``text``; ``"embed"``: the
    embedded posts, ``quoted_text``); ``actor`` (gazetteer id);
    ``actor_type``; ``matched`` (the surface string); ``start``, ``end``
    (offsets into ``text``, or into ``quoted_text`` for embeds);
    ``sentence`` (index as in :func:`analysis.text.split_sentences` of that
    same text, so it equals the ``sentence`` of
    :func:`analysis.text.sentence_table` rows with the same ``id`` and
    ``source``); ``position`` (``start / len(text)``, 0–1; NaN for embeds,
    which have no place in the body text); ``in_quote`` (at least half of the
    mention lies inside a direct quotation, :func:`analysis.quotes.quote_spans`;
    always True for embeds); ``is_demonym``.

    With ``include_embeds=False`` every row has ``source == "body"``, so
    ``(id, sentence)`` names a body sentence. With embeds included, join on
    ``(id, source, sentence)``: sentence numbers restart at 0 in the posts.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Tehran struck. “Pakistan’s sovereignty,” said Iranian media."],
    ...                        "quoted_text": ["China urges calm."]})
    >>> find_mentions(corpus)[["actor", "matched", "sentence", "in_quote", "is_demonym"]].values.tolist()
    [['iran', 'Tehran', 0, False, False], ['pakistan', 'Pakistan', 1, True, False], ['iran', 'Iranian', 1, False, True]]
    >>> find_mentions(corpus, include_embeds=True).tail(1)[["source", "actor", "start", "sentence", "in_quote"]].values.tolist()
    [['embed', 'china', 0, 0, True]]
    """
    require_columns(corpus, ["id", "text", *(["quoted_text"] if include_embeds else [])], "find_mentions", "corpus")
    gaz = resolve_gazetteer(gazetteer)
    types = dict(zip(gaz.actors["id"], gaz.actors["type"]))
    sources = [("body", "text")] + ([("embed", "quoted_text")] if include_embeds else [])
    # built column by column: a table of 100,000 row tuples costs more than the rows do
    out: dict[str, list] = {column: [] for column in MENTION_COLUMNS}
    columns = [corpus[c].tolist() for _, c in sources]
    for doc_id, *texts in zip(corpus["id"], *columns):
        for (source, _), text in zip(sources, texts):
            text = text if isinstance(text, str) else ""
            matches = _match_text(text, gaz)
            if not matches:
                continue
            starts = [span[0] for span in sentence_spans(text)]
            body = source == "body"
            if not demonyms:
                matches = [match for match in matches if not match[2].demonym]
            n = len(matches)
            out["id"] += [doc_id] * n
            out["source"] += [source] * n
            out["actor"] += [alias.actor for _, _, alias in matches]
            out["actor_type"] += [types[alias.actor] for _, _, alias in matches]
            out["matched"] += [text[start:end] for start, end, _ in matches]
            out["start"] += [start for start, _, _ in matches]
            out["end"] += [end for _, end, _ in matches]
            out["sentence"] += [max(bisect_right(starts, start) - 1, 0) for start, _, _ in matches]
            if body:
                length = max(len(text), 1)
                out["position"] += [round(start / length, 6) for start, _, _ in matches]
                out["in_quote"] += _in_quote(matches, quote_spans(text))
            else:
                out["position"] += [np.nan] * n
                out["in_quote"] += [True] * n
            out["is_demonym"] += [alias.demonym for _, _, alias in matches]
    # the number and truth columns made arrays of their type at once, not inferred and then converted
    typed = {c: t for c, t in MENTION_DTYPES.items() if t != "object"}
    data = {c: np.array(v, dtype=typed[c]) if c in typed else v for c, v in out.items()}
    return pd.DataFrame(data, columns=MENTION_COLUMNS).astype(MENTION_DTYPES)
