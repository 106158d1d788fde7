"""The cleaning rules: what page furniture looks like, as data (``analysis/data/boilerplate.yaml``).

:func:`load_rules` reads and validates the rules file; :class:`Rule` says whether one line, on
its own, has the shape a rule describes. Where a rule applies on a page (the run of furniture
at the top or bottom, next to a caption, below a headline...) is decided in
:mod:`analysis.clean`, which documents every kind.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import CorpusError, DataFileError, Problem

__all__ = [
    "CLEANING_MODES",
    "DEFAULT_RULES",
    "KINDS",
    "SETTINGS_FILE",
    "WHERES",
    "CleaningChoice",
    "Rule",
    "is_fragment",
    "load_rules",
    "parse_cleaning",
    "read_cleaning",
]

KINDS = {
    "regex",
    "headline",
    "embed",
    "embed_inline",
    "caption_title",
    "caption_repeat",
    "repeated",
    "bullet",
    "fragment",
    "residue",
    "standfirst",
    "rest_of_page",
}
WHERES = {"anywhere", "head", "tail"}
_NEEDS_PATTERN = {"regex", "embed", "embed_inline", "bullet", "residue", "rest_of_page"}
_CLOSING = tuple(".,;:!\"”'’)…")
_SENTENCE_END = tuple('.!?"”')
_LEADING_MARKS = "•·▪●◦*-–—►»|# "
_WORD = re.compile(r"[^\W_][\w'’.@/-]*")


@dataclass(frozen=True)
class Rule:
    """One cleaning rule, as validated from the rules file.

    Example
    -------
    >>> r = Rule("byline", "byline", "regex", "anywhere", re.compile(r"^By "), None, None, "By A. Writer")
    >>> r.matches_line("By A. Writer")
    True
    """

    id: str
    category: str
    kind: str
    where: str
    pattern: re.Pattern | None
    max_words: int | None
    min_words: int | None
    example: str
    max_rest: int = 0
    needs: re.Pattern | None = None

    def matches_line(self, line: str, *, n_words: int | None = None) -> bool:
        """Whether the line, on its own, satisfies this rule's pattern and word limits.

        ``n_words`` is the line's number of words (``len(line.split())``), when already counted.
        """
        words = len(line.split()) if n_words is None else n_words
        if self.max_words is not None and words > self.max_words:
            return False
        if self.min_words is not None and words < self.min_words:
            return False
        if self.kind == "fragment":
            return is_fragment(line, title_case=True)
        if self.kind == "caption_title":
            return is_fragment(line, title_case=False)
        if self.kind == "residue":
            return self._is_residue(line)
        if self.pattern is None:
            return True
        return bool(self.pattern.search(line))

    def _is_residue(self, line: str) -> bool:
        """Not a sentence; the pattern matches, ``needs`` too, and at most ``max_rest`` words are left besides."""
        if self.pattern is None or line.rstrip().endswith(_SENTENCE_END) or not self.pattern.search(line):
            return False
        if self.needs is not None and not self.needs.search(line):
            return False
        return len(_WORD.findall(self.pattern.sub(" ", line))) <= self.max_rest


def is_fragment(line: str, *, title_case: bool) -> bool:
    """A short line with no closing punctuation; with ``title_case``, mostly capitalised words.

    With ``title_case``, leading bullets, dashes and arrows are passed over, and a line of
    three words or fewer with no bullet need not be capitalised ("top of page", "What we covered").

    Example
    -------
    >>> is_fragment("South Asia", title_case=True), is_fragment("top of page", title_case=True)
    (True, True)
    >>> is_fragment("Talks resumed on Monday.", title_case=True), is_fragment("the talks went on and on", title_case=True)
    (False, False)
    """
    stripped = line.strip().lstrip(_LEADING_MARKS) if title_case else line.strip()
    if not stripped or stripped.endswith(_CLOSING) or not stripped[0].isalnum():
        return False
    if title_case and len(stripped.split()) <= 3 and stripped == line.strip():
        return True  # a short label; a short bullet ("- Border crossings closed") may be a news point
    if not stripped[0].isupper():
        return False
    if not title_case:
        return True
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", stripped) if len(w) >= 4]
    if not long_words:
        return True
    capitalised = sum(w[0].isupper() for w in long_words)
    return capitalised / len(long_words) >= 0.6


@lru_cache(maxsize=256)
def _required_texts(pattern: re.Pattern) -> tuple[str, ...]:
    """Strings that every match of ``pattern`` contains (the runs of plain characters it always needs).

    A line that lacks one of them cannot match, so the search can be skipped. Read from the
    parsed pattern: characters in sequence outside any alternative, optional part, class or
    look-around; under ``ignore_case`` only ASCII characters that have no case (``:``, ``/``, ``(``).
    """
    from re import _constants as c
    from re import _parser

    texts: list[str] = []

    def walk(items, ignore_case: bool) -> None:
        run = []
        for op, arg in items:
            char = chr(arg) if op is c.LITERAL else None
            if char is not None and (not ignore_case or (char.isascii() and not char.isalpha())):
                run.append(char)
                continue
            if run:
                texts.append("".join(run))
                run = []
            if op is c.SUBPATTERN:
                _, add_flags, _, inner = arg
                walk(inner, ignore_case or bool(add_flags & re.IGNORECASE))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
                walk(arg[2], ignore_case)
            elif op is c.ATOMIC_GROUP:
                walk(arg, ignore_case)
        if run:
            texts.append("".join(run))

    walk(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))
    return tuple(texts)


#: The characters other than ASCII letters that a pattern's ASCII letter matches under ``ignore_case``
#: (dotted and dotless I, long S, Kelvin sign). A line holding one is not screened by
#: :func:`_caseless_texts`, as its lower case may not show the match.
_CASE_TWINS = "\u0130\u0131\u017f\u212a"
#: Finds a character of ``_CASE_TWINS`` in a line (whose lower case is then no screen).
_CASE_TWIN = re.compile(f"[{_CASE_TWINS}]")


@lru_cache(maxsize=256)
def _caseless_texts(pattern: re.Pattern) -> tuple[str, ...]:
    """Strings, in lower case, that ``line.lower()`` contains for every ``line`` the pattern matches,
    if ``line`` holds none of ``_CASE_TWINS``.

    Like :func:`_required_texts`, but it also reads under ``ignore_case`` (runs of ASCII characters,
    lower-cased; there an ASCII letter matches only its two cases or a case twin) and through
    alternatives: a string that a required string of every alternative contains is required.

    Example
    -------
    >>> _caseless_texts(re.compile(r"\\bfollow us on (x|facebook)\\b", re.IGNORECASE))
    ('follow us on ',)
    >>> _caseless_texts(re.compile(r"^the text was translated|\\bauto[- ]translated\\b", re.IGNORECASE))
    ('translated',)
    """
    from re import _constants as c
    from re import _parser

    def texts_of(items) -> list[str]:
        texts: list[str] = []
        run: list[str] = []
        for op, arg in items:
            if op is c.LITERAL and arg < 128:
                run.append(chr(arg).lower())
                continue
            if run:
                texts.append("".join(run))
                run = []
            if op is c.SUBPATTERN:
                texts += texts_of(arg[3])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
                texts += texts_of(arg[2])
            elif op is c.ATOMIC_GROUP:
                texts += texts_of(arg)
            elif op is c.BRANCH:
                alternatives = [texts_of(branch) for branch in arg[1]]
                shared = {t for alt in alternatives for t in alt if all(any(t in u for u in a) for a in alternatives)}
                texts += sorted(shared)
        if run:
            texts.append("".join(run))
        return texts

    return tuple(dict.fromkeys(texts_of(_parser.parse(pattern.pattern, pattern.flags))))


#: The character classes (``\\d`` ...) a class of a pattern may hold, written back for :func:`_first_char`.
_CLASS_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s"}
_CLASS_CATEGORIES |= {"CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


@lru_cache(maxsize=256)
def _first_char(pattern: re.Pattern) -> re.Pattern | None:
    """For a pattern anchored at the start (``^``), an expression that ``match``-es the first
    character of every text the pattern matches; ``None`` if it is not anchored, or its first
    character is not known (anything unusual in the way: a back-reference, a conditional group).

    So a line's first character decides which anchored rules are worth trying on it. Read from the
    parsed pattern: what can come first, passing over what matches nothing (look-arounds, ``\\b``)
    or may be left out (``?``, ``*``), each class written back with the pattern's flags (the same
    engine then decides ``ignore_case``, case twins included). Passing over a look-around can only
    admit more characters, never fewer.

    Example
    -------
    >>> _first_char(re.compile(r"^\\s*(photo|(?:\\(c\\)|©))", re.IGNORECASE)).pattern
    '[\\\\s]|(?:p)|(?:\\\\()|(?:©)'
    >>> _first_char(re.compile(r"\\bphoto")) is None  # not anchored: it may match anywhere
    True
    """
    from re import _constants as c
    from re import _parser

    def item(op, arg) -> tuple[list[str] | None, bool]:
        """What the item can start with (``None``: not known) and whether it can match nothing."""
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return [], True
        if op is c.LITERAL:
            return [re.escape(chr(arg))], False
        if op is c.NOT_LITERAL:
            return [f"[^{re.escape(chr(arg))}]"], False
        if op is c.IN:
            parts = []
            for kind, value in arg:
                if kind is c.NEGATE:
                    parts.append("^")
                elif kind is c.LITERAL:
                    parts.append(re.escape(chr(value)))
                elif kind is c.RANGE:
                    parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is c.CATEGORY and str(value) in _CLASS_CATEGORIES:
                    parts.append(_CLASS_CATEGORIES[str(value)])
                else:
                    return None, False
            return [f"[{''.join(parts)}]"], False
        if op is c.SUBPATTERN and not (arg[1] | arg[2]) & ~re.IGNORECASE:
            starts, empty = sequence(arg[3])
            scope = "(?i:" if arg[1] else "(?-i:" if arg[2] else "(?:"
            return (None if starts is None else [f"{scope}{s})" for s in starts]), empty
        if op is c.BRANCH:
            found = [sequence(branch) for branch in arg[1]]
            if any(starts is None for starts, _ in found):
                return None, False
            return [s for starts, _ in found for s in starts], any(empty for _, empty in found)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            starts, empty = sequence(arg[2])
            return starts, empty or arg[0] == 0
        if op is c.ATOMIC_GROUP:
            return sequence(arg)
        return None, False

    def sequence(items) -> tuple[list[str] | None, bool]:
        starts: list[str] = []
        for op, arg in items:
            first, empty = item(op, arg)
            if first is None:
                return None, False
            starts += first
            if not empty:
                return starts, False
        return starts, True

    items = list(_parser.parse(pattern.pattern, pattern.flags))
    if not items or items[0] != (c.AT, c.AT_BEGINNING) or pattern.flags & re.MULTILINE:  # ^ after a newline too
        return None
    starts, empty = sequence(items[1:])
    return None if starts is None or empty else re.compile("|".join(starts), pattern.flags)


#: Kinds whose pattern (if any) does not decide where they apply (see :mod:`analysis.clean`).
_UNDECIDED = frozenset({"headline", "fragment", "caption_title", "standfirst"})


def _screen(rule: Rule) -> tuple[float, float, tuple[str, ...], tuple[str, ...], re.Pattern | None]:
    """What a line must have for ``rule`` to apply to it: the fewest and most words, the strings
    its pattern always matches (:func:`_required_texts`), those its lower case holds besides
    (:func:`_caseless_texts`; no screen for a line with a ``_CASE_TWINS`` character), and what its
    first character matches (:func:`_first_char`, or ``None``).

    Every kind but the headline checks its word limits before anything else; the kinds whose
    pattern decides (all but the headline, fragments, caption titles and standfirsts) apply
    only where their pattern matches.
    """
    least = rule.min_words if rule.min_words is not None and rule.kind != "headline" else 0
    most = rule.max_words if rule.max_words is not None and rule.kind != "headline" else math.inf
    if rule.pattern is None or rule.kind in _UNDECIDED:
        return least, most, (), (), None  # the pattern does not decide
    texts = _required_texts(rule.pattern)
    folded = tuple(t for t in _caseless_texts(rule.pattern) if not any(t in x.lower() for x in texts))
    return least, most, texts, folded, _first_char(rule.pattern)


DEFAULT_RULES = "analysis/data/boilerplate.yaml"


def _load_yaml(path: Path | None) -> tuple[str, dict]:
    if path is None:
        name = DEFAULT_RULES
        text = (resources.files("analysis") / "data" / "boilerplate.yaml").read_text(encoding="utf-8")
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(Problem(name, None, None, f"cannot read the file ({exc.strerror})")) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(Problem(name, None, None, f"not valid YAML: {exc}")) from None
    return name, data


def load_rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """Load and validate cleaning rules (default: the shipped ``boilerplate.yaml``).

    Raises :class:`~analysis.errors.DataFileError` naming the rule (its position
    in the ``rules`` list) and field for: a missing or duplicate ``id``, an
    unknown ``category``, ``kind`` or ``where``, a missing or invalid ``pattern``,
    a bad word limit, a missing ``example``, or a missing ``source``.

    Example
    -------
    >>> rules = load_rules()
    >>> rules[0].kind, rules[0].category
    ('embed', 'embed')
    """
    return _load_rules(None if path is None else str(path))


@lru_cache(maxsize=8)
def _load_rules(path: str | None) -> tuple[Rule, ...]:
    name, data = _load_yaml(None if path is None else Path(path))
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise DataFileError(Problem(name, None, None, "expected a mapping with 'source', 'categories' and 'rules'"))
    if not data.get("source"):
        problems.append(Problem(name, None, "source", "the file must name its source"))
    categories = data.get("categories")
    if not isinstance(categories, dict) or not categories:
        raise DataFileError([*problems, Problem(name, None, "categories", "must be a non-empty mapping")])
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise DataFileError([*problems, Problem(name, None, "rules", "must be a non-empty list")])
    rules, seen = [], set()
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(Problem(name, i, None, "each rule must be a mapping"))
            continue
        rid = entry.get("id")
        if not rid or not isinstance(rid, str):
            problems.append(Problem(name, i, "id", "missing rule id"))
        elif rid in seen:
            problems.append(Problem(name, i, "id", f"duplicate rule id {rid!r}"))
        seen.add(rid)
        label = f"rule {rid!r}" if rid else "rule"
        category, kind, where = entry.get("category"), entry.get("kind"), entry.get("where", "anywhere")
        if category not in categories:
            problems.append(Problem(name, i, "category", f"{label}: unknown category {category!r}"))
        if kind not in KINDS:
            problems.append(Problem(name, i, "kind", f"{label}: unknown kind {kind!r} (one of {sorted(KINDS)})"))
        if where not in WHERES:
            problems.append(Problem(name, i, "where", f"{label}: unknown where {where!r} (one of {sorted(WHERES)})"))
        needs = None
        if entry.get("needs") is not None:
            try:
                needs = re.compile(str(entry["needs"]), re.IGNORECASE if entry.get("ignore_case", False) else 0)
            except re.error as exc:
                problems.append(Problem(name, i, "needs", f"{label}: invalid regex ({exc})"))
        pattern = None
        raw_pattern = entry.get("pattern")
        if kind in _NEEDS_PATTERN or raw_pattern is not None:
            if not isinstance(raw_pattern, str) or not raw_pattern.strip():
                problems.append(Problem(name, i, "pattern", f"{label}: empty or missing pattern"))
            else:
                flags = re.IGNORECASE if entry.get("ignore_case", False) else 0
                try:
                    pattern = re.compile(raw_pattern, flags)
                except re.error as exc:
                    problems.append(Problem(name, i, "pattern", f"{label}: invalid regex ({exc})"))
        limits = {}
        for key in ("max_words", "min_words", "max_rest"):
            value = entry.get(key)
            least = 0 if key == "max_rest" else 1
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < least):
                problems.append(Problem(name, i, key, f"{label}: must be a whole number of at least {least}"))
                value = None
            limits[key] = value
        example = entry.get("example")
        if not isinstance(example, str) or not example.strip():
            problems.append(Problem(name, i, "example", f"{label}: every rule needs an example line"))
        if not any(p.row == i for p in problems):
            rules.append(
                Rule(
                    rid,
                    category,
                    kind,
                    where,
                    pattern,
                    limits["max_words"],
                    limits["min_words"],
                    example,
                    limits["max_rest"] or 0,
                    needs,
                )
            )
    if problems:
        raise DataFileError(problems)
    return tuple(rules)


# ---------------------------------------------------------------- the corpus's choice

#: The settings file of a corpus folder, where ``cleaning:`` is read (see :mod:`analysis.settings`).
SETTINGS_FILE = "book.yaml"
CLEANING_MODES = ("rules", "none")


@dataclass(frozen=True)
class CleaningChoice:
    """How a corpus's articles are cleaned: the ``cleaning`` setting of its ``book.yaml``.

    ``mode`` is ``"rules"`` (the default: the rules file decides) or ``"none"`` (text that
    arrives clean, such as an API export: nothing is removed). ``keep`` names furniture
    categories the corpus counts as article text (for example ``standfirst``). ``source``
    is the file the choice was read from, or empty for the default.

    Example
    -------
    >>> CleaningChoice().reason()
    ''
    >>> CleaningChoice("none", source="/data/my-corpus/book.yaml").reason()
    "the corpus's book.yaml sets cleaning: none (the text arrives clean), so no line was removed"
    """

    mode: str = "rules"
    keep: frozenset[str] = frozenset()
    source: str = ""

    def reason(self) -> str:
        """Why lines were kept that the rules would remove, in one sentence; empty when none were."""
        where = f"the corpus's {SETTINGS_FILE}"
        if self.mode == "none":
            return f"{where} sets cleaning: none (the text arrives clean), so no line was removed"
        if self.keep:
            return f"{where} keeps {', '.join(sorted(self.keep))} lines as article text"
        return ""


def parse_cleaning(value, *, name: str, categories: set[str] | None = None) -> CleaningChoice:
    """Validate the ``cleaning`` value of a settings file named ``name``.

    Accepts nothing (the default), ``"rules"``, ``"none"``, or a mapping
    ``{keep: [category, ...]}`` whose categories come from the rules file. Anything else
    raises :class:`~analysis.errors.CorpusError` naming the file and the field.

    Example
    -------
    >>> parse_cleaning("none", name="book.yaml").mode
    'none'
    >>> sorted(parse_cleaning({"keep": ["standfirst"]}, name="book.yaml").keep)
    ['standfirst']
    """
    if value is None or value == "rules":
        return CleaningChoice(source=name if value else "")
    if value == "none":
        return CleaningChoice("none", source=name)
    known = categories if categories is not None else _categories()
    if isinstance(value, dict) and set(value) <= {"keep"} and isinstance(value.get("keep"), list):
        keep = value["keep"]
        unknown = [k for k in keep if k not in known or k == "headline"]
        if not unknown:
            return CleaningChoice("rules", frozenset(keep), source=name)
        message = f"cannot keep {unknown!r}: keep takes furniture categories of the rules file, not headline"
        raise CorpusError(Problem(name, None, "cleaning.keep", message))
    raise CorpusError(
        Problem(
            name, None, "cleaning", f"must be 'rules', 'none' or a mapping {{keep: [category, ...]}}, not {value!r}"
        )
    )


def _categories() -> set[str]:
    _, data = _load_yaml(None)
    return set(data.get("categories") or {})


def read_cleaning(folder: str | Path) -> CleaningChoice:
    """The ``cleaning`` choice of the corpus folder's ``book.yaml`` (the default when absent).

    Example
    -------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> read_cleaning(d).mode
    'rules'
    >>> _ = (d / "book.yaml").write_text("cleaning: none\\n", encoding="utf-8")
    >>> read_cleaning(d).mode
    'none'
    """
    path = Path(folder) / SETTINGS_FILE
    if not path.exists():
        return CleaningChoice()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CorpusError(Problem(str(path), None, None, f"cannot be read as YAML ({exc})")) from None
    if not isinstance(data, dict):
        return CleaningChoice()
    return parse_cleaning(data.get("cleaning"), name=str(path))
