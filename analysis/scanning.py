"""Many dictionary expressions over one text in one pass, with exactly the matches each would find alone.

The actor aliases (:mod:`analysis.actors.gazetteer`) and the frame
dictionaries (:mod:`analysis.framing.frames`) are regular expressions that
begin with a word-boundary look-behind, ``(?<!\\w)`` or ``(?<![\\w-])``. Run one
by one over a text, each costs a full scan, and that look-behind keeps the
``re`` engine from skipping ahead to a likely start. This module finds the
possible starts of all of them at once, and then lets each expression decide
at its own possible starts:

1. :func:`literal_beginnings` reads, from the parsed expression (the standard
   library's own parser, ``re._parser``), the literal text that every match
   must begin with: ``Iran`` for ``Iran``, ``pakistan`` or ``pakistani`` for
   ``(?:Pakistan(?:'s)?|Pakistani)\\s+…``, ``escalat`` for ``escalat[\\w'-]*``.
   It reads literal characters, groups and alternatives of them, optional
   parts (``X?``: with X and without) and runs of white space or hyphens
   (``\\s+``, ``[\\s-]+``, ``[ \\t-]+``, kept in a beginning as :data:`analysis.scanning.GAP`), up to
   the first thing that is none of these, and keeps two words at most (``words``);
   reading less is always safe (a shorter beginning only gives more places
   to try). Reading on to the second word matters where many expressions
   share a first word: ``Jordan\\s+Foreign\\s+Ministry`` and ``Jordan\\s+Army``
   are only tried where "Jordan" is followed by "Foreign" or "Army". An
   expression whose beginning cannot be read is run over the whole text.
   :func:`words_beginnings` gives the same for an expression of literal
   words without parsing it.
2. :class:`Trigger`: one expression for all the beginnings, factored as a
   trie (:func:`prefix_regex`), finds every place after a boundary character
   where some beginning starts. Case-insensitive expressions are looked for
   in :func:`ignorecase_lower` of the text, where their matches become
   case-sensitive ones at the same offsets.
3. :func:`finditer_at`: ``finditer`` of one expression, trying only its
   possible starts. ``finditer`` returns the leftmost match, then the leftmost
   one at or after its end, and so on, and the match found at a position is
   the one ``match`` finds there; so trying the possible starts in order and
   skipping those inside the last match gives the very same matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

try:  # the standard library's regular-expression parser (Python 3.11+)
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - then every expression scans the whole text, as before
    _sre = _sre_parse = None

__all__ = [
    "GAP",
    "Trigger",
    "finditer_at",
    "ignorecase_lower",
    "literal_beginnings",
    "prefix_regex",
    "spans_at",
    "words_beginnings",
]

# Characters outside ASCII that a case-insensitive pattern (re.IGNORECASE) matches with an ASCII
# letter: the dotted and dotless i, the Kelvin sign and the long s. tests/test_scanning.py checks
# this list against every Unicode character.
_IGNORECASE_ASCII = {"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"}

_MAX_BEGINNINGS = 64

#: Stands, in a beginning read by :func:`literal_beginnings`, for a run of one or more white-space
#: characters or hyphens (``[\s-]+``); :func:`prefix_regex` writes it so. A character of Unicode's
#: private use area.
GAP = "\ue000"

_GAP_RUN = re.compile(r"[\s-]+")
_GAP_CHARACTER = re.compile(r"[\s-]")


def ignorecase_lower(text: str) -> str:
    """Lower-case ``text`` one character for one, so that case-insensitive matches become exact ones.

    Wherever a case-insensitive regular expression of lower-case ASCII
    (``re.IGNORECASE``) matches ``text``, its literal characters match the
    result exactly, at the same offsets: ASCII letters are lowered, and so are
    the four other characters that ``re`` takes for an ASCII letter (``İ``,
    ``ı``, the Kelvin sign and ``ſ``). A character whose lower case is longer
    than one character is kept, so offsets carry over; no character changes
    between word and non-word (``\\w``).

    Example
    -------
    >>> ignorecase_lower("İSTANBUL and Kelvin")
    'istanbul and kelvin'
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    if not low.isascii():
        for char, ascii_char in _IGNORECASE_ASCII.items():
            low = low.replace(char, ascii_char)  # each is only ever its own lower case here
    return low


def prefix_regex(strings) -> str:
    """One regular expression matching any of ``strings`` (non-empty), factored as a trie.

    ``war|warn|attack`` becomes ``(?:attack|warn?)``: at each position the
    engine follows one branch per character instead of trying every string
    in turn.

    Example
    -------
    >>> prefix_regex(["war", "warn", "attack"])
    '(?:attack|warn?)'
    >>> bool(re.fullmatch(prefix_regex(["u.s.", "us"]), "u.s."))
    True
    """
    trie: dict = {}
    for string in strings:
        if not string:
            raise ValueError("prefix_regex() needs non-empty strings")
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alternatives = [
            (r"[\s-]+" if ch == GAP else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch
        ]
        if not alternatives:
            return ""
        if len(alternatives) > 1:
            body = "(?:" + "|".join(alternatives) + ")"
        else:
            body = alternatives[0]
            if "" in node and len(body) > 1:
                body = f"(?:{body})"
        return body + "?" if "" in node else body

    return build(trie)


def _beginnings(items) -> tuple[set[str], bool]:
    """Strings one of which begins every match of the parsed sequence ``items``.

    The flag says whether the set is *complete*: every match of the sequence
    is one of the strings, so what follows the sequence may be appended.
    """
    items = list(items)
    found = {""}
    for at, (op, av) in enumerate(items):
        if op is _sre.LITERAL:
            found = {s + chr(av) for s in found}
            continue
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1 and _is_gap(av[2]):
            # a run of white space or hyphens (GAP stands for any number of any of them: wider, so safe)
            found = {s + GAP for s in found}
            continue
        if op is _sre.SUBPATTERN and not av[1] and not av[2]:
            sub, complete = _beginnings(av[3])
        elif op is _sre.BRANCH:
            parts = [_beginnings(branch) for branch in av[1]]
            sub = set().union(*(p for p, _ in parts))
            complete = all(c for _, c in parts)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            # an optional part: a match either goes through it and on, or straight on
            rest = items[at + 1 :]
            with_it, without_it = _beginnings([*av[2], *rest]), _beginnings(rest)
            found = {s + t for s in found for t in with_it[0] | without_it[0]}
            return found, with_it[1] and without_it[1]
        else:
            return found, False
        found = {s + t for s in found for t in sub}
        if not complete or len(found) > _MAX_BEGINNINGS:
            return found, False
    return found, True


def _is_gap(items) -> bool:
    """Whether the parsed sequence ``items`` is one class of white space and hyphens only (``\\s``, ``[\\s-]``, ``[ \\t-]``)."""
    items = list(items)
    if len(items) != 1 or items[0][0] is not _sre.IN:
        return False
    return all(
        (op is _sre.CATEGORY and av is _sre.CATEGORY_SPACE) or (op is _sre.LITERAL and _GAP_CHARACTER.match(chr(av)))
        for op, av in items[0][1]
    )


def literal_beginnings(compiled: re.Pattern, lookbehind: str, *, words: int = 2) -> tuple[frozenset[str], bool] | None:
    """The literal beginnings of an expression and whether it ignores case; ``None`` when unknown.

    ``compiled`` must start with the negative look-behind ``lookbehind`` (for
    example ``r"(?<!\\w)"``); the beginnings are read from what follows it.
    Returns ``None`` when it does not start so, when some match could begin
    with an empty string, or when the expression ignores case and a beginning
    is not ASCII (lower-cased beginnings are returned for those that ignore case).
    A beginning keeps ``words`` words at most (runs of :data:`GAP` between them).

    Example
    -------
    >>> literal_beginnings(re.compile(r"(?<!\\w)(?:Iranians?)(?!\\w)"), r"(?<!\\w)")
    (frozenset({'Iranian'}), False)
    >>> found = literal_beginnings(re.compile(r"(?<!\\w)(?:(?:China(?:'s)?|Chinese)\\s+x)", re.I), r"(?<!\\w)")
    >>> sorted(b.replace(GAP, "_") for b in found[0]), found[1]
    (["china's_x", 'china_x', 'chinese_x'], True)
    >>> sorted(b.replace(GAP, "_") for b in literal_beginnings(re.compile(r"(?<!\\w)(?:(?:Hossein\\s+)?Amir)"), r"(?<!\\w)")[0])
    ['Amir', 'Hossein_Amir']
    >>> rx = re.compile(r"(?<!\\w)(?:Foreign\\s+Ministry\\s+of\\s+Chad)")
    >>> [b.replace(GAP, "_") for b in literal_beginnings(rx, r"(?<!\\w)", words=3)[0]]
    ['Foreign_Ministry_of']
    >>> literal_beginnings(re.compile(r"(?<!\\w)(?:\\d+ dead)"), r"(?<!\\w)") is None
    True
    """
    if _sre_parse is None:
        return None
    parsed = _sre_parse.parse(compiled.pattern, compiled.flags)
    items = list(parsed)
    expected = _parsed_lookbehind(lookbehind)
    if len(expected) != 1 or not items or repr(items[0]) != expected[0]:
        return None
    found, _ = _beginnings(items[1:])
    return _kept(found, ignore_case=bool(parsed.state.flags & re.IGNORECASE), words=words)


@cache
def _parsed_lookbehind(lookbehind: str) -> tuple[str, ...]:
    return tuple(repr(item) for item in _sre_parse.parse(lookbehind))


def _kept(found: set[str], *, ignore_case: bool, words: int) -> tuple[frozenset[str], bool] | None:
    """What :func:`literal_beginnings` returns for the beginnings ``found`` of an expression."""
    # Two words are kept by default: they tell most expressions apart, and longer beginnings only make the
    # trigger's expression slower to build. A beginning must start with a character; one that ends
    # in a run of spaces says no more without it.
    found = {GAP.join(b.split(GAP)[:words]).rstrip(GAP) for b in found}
    if not found or "" in found or any(b.startswith(GAP) for b in found):
        return None
    # where "Iranians" starts, "Iranian" starts too: the shortest beginnings are enough (in sorted
    # order, the beginnings that start with one follow it together)
    shortest: list[str] = []
    for b in sorted(found):
        if not (shortest and b.startswith(shortest[-1])):
            shortest.append(b)
    found = set(shortest)
    if ignore_case:
        if not all(s.replace(GAP, " ").isascii() for s in found):
            return None
        found = {s.lower() for s in found}
    return frozenset(found), ignore_case


def words_beginnings(alternatives, *, ignore_case: bool, words: int = 2) -> tuple[frozenset[str], bool] | None:
    """:func:`literal_beginnings` of ``(?<!\\w)(?:A|B|…)(?!\\w)``, each alternative literal words joined by ``[ \\t-]+``.

    ``alternatives`` holds, for each alternative, its words (the pieces of a
    literal split at runs of spaces, tabs and hyphens; the first or last may be
    empty), each written in the expression with ``re.escape``. The result
    is read without parsing the expression, as the parser would read it: it
    moves the first items that all alternatives share out of the alternation
    (a run of spaces is never shared: each is its own object), and makes
    alternatives of one character each a character class, where a beginning
    stops.

    Example
    -------
    >>> sorted(words_beginnings([["Iran"], ["IRAN"]], ignore_case=False)[0])
    ['IRAN', 'Iran']
    >>> words_beginnings([["Jaish", "al", "Adl"]], ignore_case=True) == (frozenset({f"jaish{GAP}al"}), True)
    True
    >>> words_beginnings([["Ia"], ["IA"]], ignore_case=False)  # "I" then the class [aA]
    (frozenset({'I'}), False)
    """
    if _sre_parse is None:  # pragma: no cover - as literal_beginnings
        return None
    # each alternative as the parser's items: a character, or None for a run of spaces and hyphens
    items = [_word_items(alternative) for alternative in alternatives]
    if len(items) == 1:
        return _kept({_joined(items[0])}, ignore_case=ignore_case, words=words)
    prefix = []
    while all(items) and items[0][0] is not None and all(item[0] == items[0][0] for item in items):
        prefix.append(items[0][0])
        items = [item[1:] for item in items]
    if all(len(item) == 1 and item[0] is not None for item in items):
        found = {_joined(prefix)}  # a character class: the beginning stops before it
    else:
        found = {_joined(prefix + item) for item in items}
    return _kept(found, ignore_case=ignore_case, words=words)


def _word_items(words) -> list[str | None]:
    out: list[str | None] = []
    for k, word in enumerate(words):
        if k:
            out.append(None)
        out.extend(word)
    return out


def _joined(items) -> str:
    return "".join(GAP if item is None else item for item in items)


@dataclass(frozen=True)
class Trigger:
    """Where, after a boundary character (or at offset 0), some of many literal beginnings start.

    Build it with :meth:`build`; ``starts`` gives, for each target whose
    beginning occurs so, its positions in increasing order.

    Example
    -------
    >>> t = Trigger.build({"war": ["a"], "warn": ["b"], "talks": ["c"]}, boundary=r"\\W")
    >>> t.starts("war, warning; starwars talks")
    {'a': [0, 5], 'b': [5], 'c': [23]}
    >>> Trigger.build({"war": ["a"], "war" + GAP + "games": ["b"]}, boundary=r"\\W").starts("war  games, war")
    {'a': [0, 12], 'b': [0]}
    """

    regex: re.Pattern
    targets: dict  # beginning -> targets of that beginning and of every beginning it starts with
    spaced: bool = False  # some beginning holds GAP: a found beginning's runs of white space and hyphens are read as it
    # the targets of each text the regex found, as it is in the text (read once, not at every hit)
    read: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, beginnings: dict, *, boundary: str) -> Trigger:
        """``beginnings`` maps each beginning to its targets; ``boundary`` is a one-character class.

        A beginning may hold :data:`analysis.scanning.GAP` (a run of white space or hyphens).
        Then every run of white space and hyphens in every beginning is read
        as :data:`analysis.scanning.GAP` (wider, so still safe: a beginning with one literal
        space is also tried where there are two, or a hyphen), so that such a
        run in the text is always read one way.
        """
        spaced = any(GAP in b for b in beginnings)
        if spaced:
            widened: dict = {}
            for b, found in beginnings.items():
                widened.setdefault(_GAP_RUN.sub(GAP, b), []).extend(found)
            beginnings = {b: list(dict.fromkeys(t)) for b, t in widened.items()}
        # The trie's branches start with different characters (a run of white space is one branch)
        # and its optional parts are greedy, so the group is the longest beginning found there; the
        # shorter ones are its prefixes.
        regex = re.compile(boundary + "(?=(" + prefix_regex(beginnings) + "))")
        # In sorted order the beginnings that start another come before it, each before the longer
        # ones, and the beginnings that start with one follow it together: a stack holds the
        # beginnings that start the current one, shortest first.
        targets = {}
        chain: list[str] = []
        for b in sorted(beginnings):
            while chain and not b.startswith(chain[-1]):
                chain.pop()
            chain.append(b)
            targets[b] = tuple(dict.fromkeys(t for c in chain for t in beginnings[c]))
        return cls(regex, {b: targets[b] for b in beginnings}, spaced)

    def starts(self, text: str) -> dict:
        read = self.read
        out: dict = {}
        # a space in front lets a beginning at offset 0 count as following a boundary
        for m in self.regex.finditer(" " + text):
            pos = m.start()
            found = m.group(1)
            hit = read.get(found)
            if hit is None:
                hit = read[found] = self.targets[_GAP_RUN.sub(GAP, found) if self.spaced else found]
            for target in hit:
                positions = out.get(target)
                if positions is None:
                    out[target] = [pos]
                else:
                    positions.append(pos)
        return out


def finditer_at(compiled: re.Pattern, text: str, positions):
    """``compiled.finditer(text)``, trying only ``positions`` (increasing; all the starts it could match at).

    Example
    -------
    >>> rx = re.compile(r"(?<!\\w)ab?")
    >>> [m.span() for m in finditer_at(rx, "ab a xab", [0, 3])] == [m.span() for m in rx.finditer("ab a xab")]
    True
    """
    last_end = 0
    for pos in positions:
        if pos < last_end:
            continue
        m = compiled.match(text, pos)
        if m is None:
            continue
        if m.end() == m.start():  # finditer treats empty matches its own way: let it
            yield from (x for x in compiled.finditer(text) if x.start() >= pos)
            return
        last_end = m.end()
        yield m


def spans_at(compiled: re.Pattern, text: str, positions) -> list[tuple[int, int]]:
    """The spans of :func:`finditer_at` (of ``compiled.finditer(text)`` when ``positions`` is ``None``), as a list.

    One call instead of a generator's step and a match object's ``span`` per
    match (the actors and the frames take some 130,000 spans each from 2,000 articles).

    Example
    -------
    >>> rx = re.compile(r"(?<!\\w)ab?")
    >>> spans_at(rx, "ab a xab", [0, 3]) == [m.span() for m in rx.finditer("ab a xab")] == spans_at(rx, "ab a xab", None)
    True
    """
    if positions is None:
        return [m.span() for m in compiled.finditer(text)]
    out = []
    last_end = 0
    match = compiled.match
    for pos in positions:
        if pos < last_end:
            continue
        m = match(text, pos)
        if m is None:
            continue
        last_end = m.end()
        if last_end == pos:  # an empty match: let finditer_at treat it as finditer would
            return out + [m.span() for m in finditer_at(compiled, text, [p for p in positions if p >= pos])]
        out.append((pos, last_end))
    return out
