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
    label, a related-article headline); leading bullets and arrows are passed
    over, and a line of three words or fewer without a bullet may be in any case;
``embed_inline``
    a post whose attribution ends its own line ("... pic.twitter.com/x — Name
    (@handle) date"): the line is separated, the post without the attribution;
``caption_repeat``
    a line printed again, with a credit, as the caption right below it;
``residue``
    not a sentence, the pattern matches (and ``needs`` too), and at most
    ``max_rest`` words are left besides the matches (a time stamp with a desk name);
``rest_of_page``
    a heading of related links or references below some running text: it and
    every line after it are furniture;
``standfirst``
    below the headline and above any byline or date, a line with furniture right
    under it and more article below (a summary that the page sets apart).

The corpus may choose otherwise (``cleaning`` in its ``book.yaml``, read by
:func:`read_cleaning`): ``none`` for text that arrives clean, or categories to
keep as article text; :func:`clean_article` and :func:`cleaning_audit` take the
choice as ``cleaning``.

Rules whose ``where`` is ``head`` or ``tail`` apply only inside the run of
furniture at the top or bottom of the page: scanning from the first (or last)
line, blank and already-classified lines are passed over, and the scan stops
at the first line that no rule of that zone matches. So a bulleted list or a
short line in the middle of an article is never taken for furniture.

Rules are tried in file order; the first that matches decides the category.
The passes, in order: embedded posts; rules that apply anywhere (a
``rest_of_page`` heading then takes the lines below it); captions' titles and
bare copies; the head and tail runs; lines printed twice; standfirsts.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from .characters import CHANGE_COLUMNS, character_changes, normalize_characters
from .clean_rules import _CASE_TWIN, CleaningChoice, Rule, _screen, load_rules, read_cleaning
from .errors import require_columns
from .text import fold, normalize

__all__ = [
    "CleaningChoice",
    "Rule",
    "character_audit",
    "classify_lines",
    "clean_article",
    "cleaning_audit",
    "embedded_posts",
    "load_rules",
    "read_cleaning",
]


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
    norms = _normalized_lines(lines)
    counts: dict[str, int] = {}
    for line, norm in zip(lines, norms):
        if line:
            counts[norm] = counts.get(norm, 0) + 1

    n_words = [len(line.split()) for line in lines]
    screens, by_words = _plan(rules)

    def body_above(i: int) -> bool:
        """A line above ``i`` that no rule has taken and that reads like running text."""
        return any(category[j] is None and n_words[j] >= _BODY_WORDS for j in range(i))

    def applies(rule: Rule, i: int) -> bool:
        if rule.kind == "headline":  # no limits, no strings: a test of its own (on every line of the pass below)
            return title_norm is not None and norms[i] == title_norm
        line = lines[i]
        # what the rule needs of any line it applies to, checked before its pattern is run
        least, most, texts, _, _ = screens[id(rule)]
        if not least <= n_words[i] <= most or (texts and not all(t in line for t in texts)):
            return False
        if rule.kind == "repeated":
            return rule.matches_line(line, n_words=n_words[i]) and counts.get(norms[i], 0) > 1
        if rule.kind == "caption_title":
            j = next_text_line(i)
            return j is not None and category[j] == "caption" and rule.matches_line(line, n_words=n_words[i])
        if rule.kind == "caption_repeat":
            j = next_text_line(i)
            return (
                j is not None
                and category[j] == "caption"
                and norms[j].startswith(norms[i])
                and rule.matches_line(line, n_words=n_words[i])
            )
        if rule.kind == "rest_of_page":
            return rule.matches_line(line, n_words=n_words[i]) and body_above(i)
        if rule.kind == "standfirst":
            return False  # decided in the head pass
        return rule.matches_line(line, n_words=n_words[i])

    # 1. Embedded posts: the attribution line and the post above it; or a post ending in its attribution.
    for rule in (r for r in rules if r.kind in {"embed", "embed_inline"}):
        texts = screens[id(rule)][2]
        first = texts[0] if texts else ""  # checked here to spare most lines the call (applies checks all)
        for i in range(n):
            if category[i] is None and first in lines[i] and applies(rule, i):
                mark(i, rule)
                j = prev_text_line(i)
                if rule.kind == "embed" and j is not None and category[j] is None:
                    mark(j, rule)
    # 2. Rules that apply anywhere, line by line (caption titles last: they look at captions).
    for i in range(n):
        if category[i] is None:
            line, words = lines[i], n_words[i]
            # only the rules whose word limits and first character admit the line; then each one's strings, as
            # written and in lower case (most rules fail them on most lines); a plain regex rule is then its search
            entries = by_words.get((words, line[0]))
            if entries is None:
                entries = by_words[words, line[0]] = _admitting(by_words[None], words, first=line[0])
            low = line.lower() if _CASE_TWIN.search(line) is None else None
            for rule, first, rest, folded, search, call in entries:
                if (
                    first in line
                    and (not rest or all(t in line for t in rest))
                    and (not folded or low is None or all(t in low for t in folded))
                    and (search is None or search(line) is not None)
                    and (not call or applies(rule, i))
                ):
                    mark(i, rule)
                    break
    # A heading of related links or references ends the article: the rest of the page is furniture.
    ends = [i for i in range(n) if rule_id[i] and _rule(rules, rule_id[i]).kind == "rest_of_page"]
    if ends:
        rule = _rule(rules, rule_id[ends[0]])
        for i in range(ends[0] + 1, n):
            if category[i] is None:
                mark(i, rule)
    has_caption = "caption" in category  # both kinds need a caption right below
    for rule in (r for r in rules if r.kind in {"caption_title", "caption_repeat"} and r.where == "anywhere"):
        for i in range(n - 1, -1, -1) if has_caption else ():
            if category[i] is None and applies(rule, i):
                mark(i, rule)
    # 3. The runs of furniture at the top and the bottom of the page.
    for zone, order in (("head", range(n)), ("tail", range(n - 1, -1, -1))):
        zone_rules = [r for r in rules if r.where == zone and r.kind != "standfirst"]
        for i in order:
            if category[i] is not None:
                continue
            rule = next((r for r in zone_rules if applies(r, i)), None)
            if rule is None:
                break
            mark(i, rule)
    # 4. Lines printed twice, once the zones have had their say (a repeated promotion at the foot stays promotion).
    has_repeat = any(count > 1 for count in counts.values())  # only a line there twice can be taken
    for rule in (r for r in rules if r.kind == "repeated" and r.where == "anywhere"):
        for i in range(n) if has_repeat else ():
            if category[i] is None and applies(rule, i):
                mark(i, rule)
    # 5. Standfirsts: below the headline and above any byline or date, a line with furniture right under it.
    for rule in (r for r in rules if r.kind == "standfirst"):
        seen_headline = False
        for i in range(n):
            if category[i] == "headline":
                seen_headline = True
            if category[i] == "byline" and seen_headline:
                break  # the article starts below its byline or date
            if category[i] is not None:
                continue
            j = next_text_line(i)
            below = j is not None and category[j] not in {None, "embed"}
            if not (
                seen_headline
                and rule.matches_line(lines[i], n_words=n_words[i])
                and any(c is None for c in category[i + 1 :])  # the article goes on below the furniture
                and (below or _restated_below(i, norms, category))  # set apart; the dearest test last
            ):
                break
            mark(i, rule)
    return lines, [c if c is not None else "body" for c in category], rule_id


#: Kinds that apply only where their pattern matches, searched first (``rest_of_page`` also needs text above).
_SEARCHED = frozenset({"regex", "rest_of_page"})

#: Kinds that :func:`_classify` runs after the pass over the rules that apply anywhere.
_LATE_KINDS = frozenset({"embed", "embed_inline", "caption_title", "caption_repeat", "standfirst", "repeated"})


# The plans of the last few rule tuples, by the tuple's identity (kept in the value, so the ids
# stay theirs): rules that are equal but other objects get a plan of their own.
_PLANS: dict[int, tuple] = {}


def _plan(rules: tuple[Rule, ...]) -> tuple[dict, dict]:
    """Each rule's :func:`_screen` (by ``id(rule)``), and the rules of the pass over the lines
    (``where: anywhere``, not late) by a line's number of words: under ``None`` all, in order, as
    ``(rule, *screen, search)``, ``search`` being the pattern's for the kinds ``_SEARCHED`` (a plain
    ``regex`` rule applies exactly where it matches, once its word limits are met), else ``None``;
    under a number of words and a first character, :func:`_admitting`'s entries (filled in by
    :func:`_classify` as lines come)."""
    kept = _PLANS.get(id(rules))
    if kept is not None and kept[0] is rules:
        return kept[1], kept[2]
    screens = {id(rule): _screen(rule) for rule in rules}
    anywhere = [
        (r, *screens[id(r)], r.pattern.search if r.kind in _SEARCHED and r.pattern is not None else None)
        for r in rules
        if r.where == "anywhere" and r.kind not in _LATE_KINDS
    ]
    if len(_PLANS) >= 8:
        _PLANS.clear()
    by_words: dict = {None: anywhere}
    _PLANS[id(rules)] = (rules, screens, by_words)
    return screens, by_words


def _admitting(anywhere: list, words: int, *, first: str | None = None) -> tuple:
    """The entries of :func:`_plan`'s ``anywhere`` whose word limits admit a line of ``words`` words
    (and, if given, whose pattern can start with the line's ``first`` character: a rule anchored at
    the start of the line, see :func:`analysis.clean_rules._first_char`), in order, as ``(rule, first
    string, other strings, lower-case strings, search, call)`` (``""`` if no first string; ``call``:
    the rule's own test follows the search), so a long line of running text meets only the few rules
    with no (or a high) word limit and none anchored on another first character, and no test of
    limits per rule.

    Example
    -------
    >>> rules = load_rules()
    >>> short, long = _admitting(_plan(rules)[1][None], 3), _admitting(_plan(rules)[1][None], 90)
    >>> len(long) < len(short) and all(e in short for e in long if e[0].max_words is None)
    True
    >>> len(_admitting(_plan(rules)[1][None], 3, first="T")) < len(short)
    True
    """
    return tuple(
        (rule, texts[0] if texts else "", texts[1:], folded, search, search is None or rule.kind != "regex")
        for rule, least, most, texts, folded, starts, search in anywhere
        if least <= words <= most and (first is None or starts is None or starts.match(first) is not None)
    )


def _normalized_lines(lines: list[str]) -> list[str]:
    """:func:`analysis.text.normalize` of each line, with one fold and one case-fold of the whole text.

    Both map each character on its own (``str.casefold`` has no context, unlike ``str.lower``'s
    final sigma), neither makes or removes a newline, so the text's lines are the lines' results.

    Example
    -------
    >>> _normalized_lines(["PAKISTAN’S  ", "", "Straße — Ölfeld"])
    ["pakistan's", '', 'strasse - ölfeld']
    """
    if not lines:
        return []  # no text, not one empty line
    return [norm.strip() for norm in fold("\n".join(lines)).casefold().split("\n")]


#: A line of at least this many words that no rule took reads as running text (see ``rest_of_page``).
_BODY_WORDS = 12

#: A standfirst that a later paragraph restates: at least this many distinct words, and at least
#: this share of them in one longer line of text further down the page.
_RESTATED_WORDS, _RESTATED_SHARE = 8, 0.9


def _restated_below(i: int, norms: list[str], category: list[str | None]) -> bool:
    """Whether a longer line of text below line ``i`` holds (nearly) all of its words: the article's
    own text restating the summary above it, which sets the summary apart as a standfirst."""
    words = set(re.findall(r"\w+", norms[i]))
    if len(words) < _RESTATED_WORDS:
        return False
    need = _RESTATED_SHARE * len(words)
    # at most this many of its words may be missing (need is a float, a count of words a whole number);
    # a text missing more of its longest words (the rarest) than that misses too many: checked first
    spare = len(words) - math.ceil(need)
    longest = sorted(words, key=len, reverse=True)[: 2 * spare + 2]
    return any(
        category[j] is None
        and len(norms[j]) > len(norms[i])
        # a word of the line is in its text: the cheap counts first (most lines fail them), then the words
        and sum(map(norms[j].__contains__, longest)) >= len(longest) - spare
        and sum(map(norms[j].__contains__, words)) >= need
        and len(words & set(re.findall(r"\w+", norms[j]))) >= need
        for j in range(i + 1, len(norms))
    )


def _rule(rules: tuple[Rule, ...], rule_id: str) -> Rule:
    return next(r for r in rules if r.id == rule_id)


def _categories(
    raw_text: str, *, title: str | None, rules: tuple[Rule, ...], cleaning: CleaningChoice | None
) -> tuple[list[str], list[str], list[str]]:
    """:func:`_classify`, with the corpus's choice applied: with ``none`` every text line is body,
    and the categories it keeps are body."""
    if cleaning is not None and cleaning.mode == "none":
        lines = [line.strip() for line in normalize_characters(raw_text).split("\n")]
        return lines, ["body" if line else "blank" for line in lines], [""] * len(lines)
    lines, categories, rule_ids = _classify(raw_text, title=title, rules=rules)
    if cleaning is not None and cleaning.keep:
        kept = [c in cleaning.keep for c in categories]
        categories = ["body" if k else c for k, c in zip(kept, categories)]
        rule_ids = ["" if k else r for k, r in zip(kept, rule_ids)]
    return lines, categories, rule_ids


def clean_article(
    raw_text: str,
    *,
    title: str | None = None,
    rules: tuple[Rule, ...] | None = None,
    keep_embeds: bool = False,
    cleaning: CleaningChoice | None = None,
) -> dict[str, str]:
    """Clean one article: body text, embedded posts and headline.

    Returns a dict with ``text`` (body paragraphs joined by blank lines; with
    ``keep_embeds`` the embedded posts stay in place), ``quoted_text`` (the
    embedded posts, one per line, without their attribution lines) and
    ``headline`` (the headline line, or ``""``). ``cleaning`` is the corpus's
    choice (:func:`read_cleaning`): with ``none`` every line is body, with
    ``keep`` those categories are.

    Example
    -------
    >>> raw = "Talks resume\\nBoth sides met.\\nWe want peace pic.twitter.com/x\\n— A (@a) January 1, 2024"
    >>> out = clean_article(raw, title="Talks resume")
    >>> out["text"], out["quoted_text"], out["headline"]
    ('Both sides met.', 'We want peace pic.twitter.com/x', 'Talks resume')
    """
    rules = load_rules() if rules is None else rules
    lines, categories, rule_ids = _categories(raw_text, title=title, rules=rules, cleaning=cleaning)
    attribution = [r for r in rules if r.kind == "embed"]
    inline = {r.id: r for r in rules if r.kind == "embed_inline"}

    def is_attribution(text: str, rule_id: str) -> bool:
        rule = next((r for r in attribution if r.id == rule_id), None)
        return rule is not None and rule.matches_line(text)

    keep = {"body", "embed"} if keep_embeds else {"body"}
    body, quoted, headlines = [], [], []
    for text, category, rule_id in zip(lines, categories, rule_ids):
        if category == "embed":
            if is_attribution(text, rule_id):
                continue
            if rule_id in inline:
                text = inline[rule_id].pattern.split(text, maxsplit=1)[0].strip()
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


#: The audit's category for an article that cleaning left whole (``cleaning: none``).
NOT_CLEANED = "not cleaned"


def cleaning_audit(
    corpus: pd.DataFrame, *, rules: tuple[Rule, ...] | None = None, cleaning: CleaningChoice | None = None
) -> pd.DataFrame:
    """Every line that cleaning removed or separated, for every article.

    ``corpus`` needs ``id``, ``raw_text`` and ``title`` (as from
    :func:`analysis.corpus.load_corpus`); ``cleaning`` is the corpus's choice
    (:func:`read_cleaning`, or :attr:`analysis.settings.BookSettings.cleaning`).

    Returns columns ``id``, ``line`` (1-based line number in the raw file),
    ``category``, ``rule`` and ``text``; one row per line, in file order.
    With ``cleaning: none`` nothing is removed, and each article has one row
    that says so: ``line`` 0, ``category`` ``"not cleaned"``, ``rule``
    ``"cleaning: none"`` and, as ``text``, the reason.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "title": ["T"], "raw_text": ["T\\nBody text here.\\nSubscribe now"]})
    >>> cleaning_audit(corpus)[["line", "category", "rule"]].values.tolist()
    [[1, 'headline', 'headline-matches-title'], [3, 'promotion', 'paywall-prompt']]
    >>> cleaning_audit(corpus, cleaning=CleaningChoice("none", source="book.yaml"))["text"].tolist()
    ["nothing removed: the corpus's book.yaml sets cleaning: none (the text arrives clean), so no line was removed"]
    """
    columns = ["id", "line", "category", "rule", "text"]
    if cleaning is not None and cleaning.mode == "none":
        note = f"nothing removed: {cleaning.reason()}"
        return pd.DataFrame(
            {"id": corpus["id"].tolist(), "line": 0, "category": NOT_CLEANED, "rule": "cleaning: none", "text": note},
            columns=columns,
        ).astype({"line": "int64"})
    rules = load_rules() if rules is None else rules
    parts = []
    for row in corpus.itertuples(index=False):
        lines, categories, rule_ids = _categories(row.raw_text, title=row.title, rules=rules, cleaning=cleaning)
        table = pd.DataFrame(
            {"line": range(1, len(lines) + 1), "text": lines, "category": categories, "rule": rule_ids}
        )
        parts.append(table[~table["category"].isin(["body", "blank"])].assign(id=row.id))
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


def embedded_posts(
    corpus: pd.DataFrame, *, rules: tuple[Rule, ...] | None = None, cleaning: CleaningChoice | None = None
) -> pd.DataFrame:
    """The embedded social-media posts of every article, one row per post.

    Returns columns ``id``, ``line`` (line of the post in the raw file),
    ``text`` (the post), ``attribution`` (the "— Name (@handle) date" line, or
    the end of the post's own line when both share it), ``handle`` and ``date``
    (as written); a post line with no attribution line right after it (a post
    known by its picture link) has the last three empty. With ``cleaning: none`` (``cleaning``, as in
    :func:`cleaning_audit`) no post is separated, and the table is empty.

    Example
    -------
    >>> raw = "Both sides met.\\nWe want peace\\n— Embassy (@emb) January 19, 2024"
    >>> embedded_posts(pd.DataFrame({"id": ["a"], "title": ["x"], "raw_text": [raw]}))[["line", "handle"]].values.tolist()
    [[2, 'emb']]
    """
    rules = load_rules() if rules is None else rules
    attribution = [r for r in rules if r.kind == "embed"]
    inline = {r.id: r for r in rules if r.kind == "embed_inline"}
    rows = []
    for art in corpus.itertuples(index=False) if cleaning is None or cleaning.mode != "none" else ():
        lines = classify_lines(art.raw_text, title=art.title, rules=rules)
        embeds = lines[lines["category"] == "embed"]
        post = None
        for row in embeds.itertuples(index=False):
            if row.rule in inline:
                m = inline[row.rule].pattern.search(row.text)
                hd = _HANDLE_DATE.search(row.text)
                text, credit = row.text[: m.start()].strip(), m.group().strip()
                rows.append((art.id, row.line, text, credit, hd.group("handle"), hd.group("date")))
                continue
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
                if post is not None:
                    rows.append((art.id, post.line, post.text, "", "", ""))
                post = row
        if post is not None:
            rows.append((art.id, post.line, post.text, "", "", ""))
    return pd.DataFrame(rows, columns=["id", "line", "text", "attribution", "handle", "date"])
