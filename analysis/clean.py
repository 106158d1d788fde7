"""Separate page furniture and embedded posts from an article's body.

The raw file is never changed: cleaning classifies each line of the raw text and
builds the cleaned body from the lines classified ``body``. Every line that is
removed or separated can be listed with :func:`cleaning_audit`.

Before lines are classified, the text's line endings and invisible characters
are normalised (``analysis.characters.normalize_characters``): a file with
CR or U+2028 line endings is cleaned line by line like any other, and a
zero-width space or a bidirectional override cannot hide a line of furniture
from the rules. :func:`character_audit` lists what was normalised.

The rules are data (``analysis/data/boilerplate.yaml``), each with a category,
a kind and an example. Their kinds:

``regex``
    the line matches a pattern (optionally only if it has at most ``max_words`` words);
``headline``
    the line equals the article's metadata title (after :func:`analysis.text.normalize`);
``embed``
    the line is the attribution line of an embedded post ("— Name (@handle) date");
    it and the line before it (the post) are separated as quoted material;
``caption_title``
    a short line with no closing punctuation right above a caption line;
``repeated``
    a line of at least ``min_words`` words that occurs more than once in the article;
``bullet``
    a bulleted line;
``fragment``
    a short, title-case line with no closing period (a menu entry, a section
    label, a related-article headline).

Rules whose ``where`` is ``head`` or ``tail`` apply only inside the run of
furniture at the top or bottom of the page: scanning from the first (or last)
line, blank and already-classified lines are passed over, and the scan stops
at the first line that no rule of that zone matches. So a bulleted list or a
short line in the middle of an article is never taken for furniture.

Rules are tried in file order; the first that matches decides the category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from .characters import CHANGE_COLUMNS, character_changes, normalize_characters
from .errors import DataFileError, Problem, require_columns
from .text import normalize

__all__ = [
    "Rule",
    "character_audit",
    "classify_lines",
    "clean_article",
    "cleaning_audit",
    "embedded_posts",
    "load_rules",
]

KINDS = {"regex", "headline", "embed", "caption_title", "repeated", "bullet", "fragment"}
WHERES = {"anywhere", "head", "tail"}
_NEEDS_PATTERN = {"regex", "embed", "bullet"}
_CLOSING = tuple(".,;:!\"”'’)…")


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
            return _is_fragment(line, title_case=True)
        if self.kind == "caption_title":
            return _is_fragment(line, title_case=False)
        if self.pattern is None:
            return True
        return bool(self.pattern.search(line))


def _is_fragment(line: str, *, title_case: bool) -> bool:
    """A short line with no closing punctuation; with ``title_case``, mostly capitalised words."""
    stripped = line.strip()
    if not stripped or stripped.endswith(_CLOSING) or not stripped[0].isupper():
        return False
    if not title_case:
        return True
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", stripped) if len(w) >= 4]
    if not long_words:
        return True
    capitalised = sum(w[0].isupper() for w in long_words)
    return capitalised / len(long_words) >= 0.6


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
        for key in ("max_words", "min_words"):
            value = entry.get(key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
                problems.append(Problem(name, i, key, f"{label}: must be a whole number of at least 1"))
                value = None
            limits[key] = value
        example = entry.get("example")
        if not isinstance(example, str) or not example.strip():
            problems.append(Problem(name, i, "example", f"{label}: every rule needs an example line"))
        if not any(p.row == i for p in problems):
            rules.append(Rule(rid, category, kind, where, pattern, limits["max_words"], limits["min_words"], example))
    if problems:
        raise DataFileError(problems)
    return tuple(rules)


def classify_lines(raw_text: str, *, title: str | None = None, rules: tuple[Rule, ...] | None = None) -> pd.DataFrame:
    """Classify every line of an article's raw text.

    Parameters
    ----------
    raw_text
        The article exactly as collected; line endings and invisible
        characters are normalised first (see the module docstring).
    title
        The metadata title; a line equal to it (normalised) is the headline.
    rules
        Rules from :func:`load_rules`; default the shipped rules.

    Returns
    -------
    DataFrame with one row per line: ``line`` (1-based line number; a line
    ends at LF, CR LF, CR, U+2028, U+2029 or U+0085), ``text`` (the line,
    normalised and stripped), ``category`` (``body``, ``blank`` or a
    furniture category from the rules file) and ``rule`` (the rule id, or
    empty for body and blank lines).

    Example
    -------
    >>> raw = "Big News\\nPhoto of a rally\\nThe minister spoke on Monday.\\nSubscribe"
    >>> classify_lines(raw, title="Big News")[["line", "category"]].values.tolist()
    [[1, 'headline'], [2, 'caption'], [3, 'body'], [4, 'promotion']]
    """
    lines, category, rule_id = _classify(raw_text, title=title, rules=load_rules() if rules is None else rules)
    return pd.DataFrame(
        {
            "line": range(1, len(lines) + 1),
            "text": lines,
            "category": category,
            "rule": rule_id,
        }
    )


def _classify(raw_text: str, *, title: str | None, rules: tuple[Rule, ...]) -> tuple[list[str], list[str], list[str]]:
    """The lines of :func:`classify_lines` (stripped), their categories and rule ids, as lists."""
    lines = [line.strip() for line in normalize_characters(raw_text).split("\n")]
    n = len(lines)
    category: list[str | None] = [None if line else "blank" for line in lines]
    rule_id = [""] * n

    def mark(i: int, rule: Rule) -> None:
        category[i], rule_id[i] = rule.category, rule.id

    def prev_text_line(i: int) -> int | None:
        j = i - 1
        while j >= 0 and not lines[j]:
            j -= 1
        return j if j >= 0 else None

    def next_text_line(i: int) -> int | None:
        j = i + 1
        while j < n and not lines[j]:
            j += 1
        return j if j < n else None

    title_norm = normalize(title) if title else None
    norms = [normalize(line) for line in lines]
    counts: dict[str, int] = {}
    for line, norm in zip(lines, norms):
        if line:
            counts[norm] = counts.get(norm, 0) + 1

    n_words = [len(line.split()) for line in lines]

    def applies(rule: Rule, i: int) -> bool:
        line = lines[i]
        if rule.kind == "headline":
            return title_norm is not None and norms[i] == title_norm
        if rule.kind == "repeated":
            return rule.matches_line(line, n_words=n_words[i]) and counts.get(norms[i], 0) > 1
        if rule.kind == "caption_title":
            j = next_text_line(i)
            return j is not None and category[j] == "caption" and rule.matches_line(line, n_words=n_words[i])
        return rule.matches_line(line, n_words=n_words[i])

    # 1. Embedded posts: the attribution line and the post above it.
    for rule in (r for r in rules if r.kind == "embed"):
        for i in range(n):
            if category[i] is None and applies(rule, i):
                mark(i, rule)
                j = prev_text_line(i)
                if j is not None and category[j] is None:
                    mark(j, rule)
    # 2. Rules that apply anywhere, line by line (caption titles last: they look at captions).
    anywhere = [r for r in rules if r.where == "anywhere" and r.kind not in {"embed", "caption_title"}]
    for i in range(n):
        if category[i] is None:
            for rule in anywhere:
                if applies(rule, i):
                    mark(i, rule)
                    break
    for rule in (r for r in rules if r.kind == "caption_title" and r.where == "anywhere"):
        for i in range(n - 1, -1, -1):
            if category[i] is None and applies(rule, i):
                mark(i, rule)
    # 3. The runs of furniture at the top and the bottom of the page.
    for zone, order in (("head", range(n)), ("tail", range(n - 1, -1, -1))):
        zone_rules = [r for r in rules if r.where == zone]
        for i in order:
            if category[i] is not None:
                continue
            rule = next((r for r in zone_rules if applies(r, i)), None)
            if rule is None:
                break
            mark(i, rule)
    return lines, [c if c is not None else "body" for c in category], rule_id


def clean_article(
    raw_text: str, *, title: str | None = None, rules: tuple[Rule, ...] | None = None, keep_embeds: bool = False
) -> dict[str, str]:
    """Clean one article: body text, embedded posts and headline.

    Returns a dict with ``text`` (body paragraphs joined by blank lines; with
    ``keep_embeds`` the embedded posts stay in place), ``quoted_text`` (the
    embedded posts, one per line, without their attribution lines) and
    ``headline`` (the headline line, or ``""``).

    Example
    -------
    >>> raw = "Talks resume\\nBoth sides met.\\nWe want peace pic.twitter.com/x\\n— A (@a) January 1, 2024"
    >>> out = clean_article(raw, title="Talks resume")
    >>> out["text"], out["quoted_text"], out["headline"]
    ('Both sides met.', 'We want peace pic.twitter.com/x', 'Talks resume')
    """
    rules = load_rules() if rules is None else rules
    lines, categories, rule_ids = _classify(raw_text, title=title, rules=rules)
    attribution = [r for r in rules if r.kind == "embed"]

    def is_attribution(text: str, rule_id: str) -> bool:
        rule = next((r for r in attribution if r.id == rule_id), None)
        return rule is not None and rule.matches_line(text)

    keep = {"body", "embed"} if keep_embeds else {"body"}
    body, quoted, headlines = [], [], []
    for text, category, rule_id in zip(lines, categories, rule_ids):
        if category == "embed":
            if is_attribution(text, rule_id):
                continue
            quoted.append(text)
        if category in keep:
            body.append(text)
        elif category == "headline":
            headlines.append(text)
    return {
        "text": "\n\n".join(body),
        "quoted_text": "\n".join(quoted),
        "headline": headlines[0] if headlines else "",
    }


def cleaning_audit(corpus: pd.DataFrame, *, rules: tuple[Rule, ...] | None = None) -> pd.DataFrame:
    """Every line that cleaning removed or separated, for every article.

    ``corpus`` needs ``id``, ``raw_text`` and ``title`` (as from
    :func:`analysis.corpus.load_corpus`).

    Returns columns ``id``, ``line`` (1-based line number in the raw file),
    ``category``, ``rule`` and ``text``; one row per line, in file order.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "title": ["T"], "raw_text": ["T\\nBody text here.\\nSubscribe now"]})
    >>> cleaning_audit(corpus)[["line", "category", "rule"]].values.tolist()
    [[1, 'headline', 'headline-matches-title'], [3, 'promotion', 'paywall-prompt']]
    """
    parts = []
    for row in corpus.itertuples(index=False):
        lines = classify_lines(row.raw_text, title=row.title, rules=rules)
        lines = lines[~lines["category"].isin(["body", "blank"])]
        parts.append(lines.assign(id=row.id))
    columns = ["id", "line", "category", "rule", "text"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def character_audit(corpus: pd.DataFrame) -> pd.DataFrame:
    """What normalisation changed in each article before cleaning: line endings and invisible characters.

    ``corpus`` needs ``id`` and ``raw_text`` (as from :func:`analysis.corpus.load_corpus`). The raw text
    is left as it is; the changes are made in code (``analysis.characters``) and listed here.

    Returns columns ``id``, ``character`` (``U+XXXX``, or ``CR LF``), ``name``, ``kind`` (``line ending``,
    ``byte-order mark``, ``invisible format character`` or ``bidirectional control``), ``action``
    (``replaced by a newline`` or ``removed``), ``count`` (how many in the article), ``first_line`` and
    ``first_column`` (where the first is, in the raw file); one row per article and character, in corpus
    order, then in order of first appearance. Articles with nothing to normalise have no row.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "raw_text": ["Talks\\u200b resumed.\\r\\nBoth sides met.\\r\\n"]})
    >>> character_audit(corpus)[["id", "character", "kind", "count", "first_line", "first_column"]].values.tolist()
    [['a', 'U+200B', 'invisible format character', 1, 1, 6], ['a', 'CR LF', 'line ending', 2, 1, 16]]
    """
    require_columns(corpus, ["id", "raw_text"], "character_audit", "corpus")
    columns = ["id", "character", "name", "kind", "action", "count", "first_line", "first_column"]
    frames = []
    for art in corpus.itertuples(index=False):
        changes = character_changes(art.raw_text)
        if changes.empty:
            continue
        keys = [c for c in CHANGE_COLUMNS if c not in {"line", "column"}]
        grouped = changes.groupby(keys, sort=False).agg(
            count=("line", "size"), first_line=("line", "first"), first_column=("column", "first")
        )
        frames.append(grouped.reset_index().assign(id=art.id))
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


_HANDLE_DATE = re.compile(r"\(@(?P<handle>\w+)\)\s+(?P<date>[A-Z][a-z]+\s+\d{1,2},\s+\d{4})\s*$")


def embedded_posts(corpus: pd.DataFrame, *, rules: tuple[Rule, ...] | None = None) -> pd.DataFrame:
    """The embedded social-media posts of every article, one row per post.

    Returns columns ``id``, ``line`` (line of the post in the raw file),
    ``text`` (the post), ``attribution`` (the "— Name (@handle) date" line),
    ``handle`` and ``date`` (as written).

    Example
    -------
    >>> raw = "Both sides met.\\nWe want peace\\n— Embassy (@emb) January 19, 2024"
    >>> embedded_posts(pd.DataFrame({"id": ["a"], "title": ["x"], "raw_text": [raw]}))[["line", "handle"]].values.tolist()
    [[2, 'emb']]
    """
    rules = load_rules() if rules is None else rules
    attribution = [r for r in rules if r.kind == "embed"]
    rows = []
    for art in corpus.itertuples(index=False):
        lines = classify_lines(art.raw_text, title=art.title, rules=rules)
        embeds = lines[lines["category"] == "embed"]
        post = None
        for row in embeds.itertuples(index=False):
            if any(r.id == row.rule and r.matches_line(row.text) for r in attribution):
                m = _HANDLE_DATE.search(row.text)
                rows.append(
                    (
                        art.id,
                        post.line if post is not None else row.line,
                        post.text if post is not None else "",
                        row.text,
                        m.group("handle") if m else "",
                        m.group("date") if m else "",
                    )
                )
                post = None
            else:
                post = row
    return pd.DataFrame(rows, columns=["id", "line", "text", "attribution", "handle", "date"])
