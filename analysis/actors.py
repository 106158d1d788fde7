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
2. A literal alias matches as written (case-sensitive unless ``case: ignore``),
   except that any space or hyphen in it matches any run of spaces and
   hyphens: ``Jaish al-Adl`` also finds ``Jaish al Adl``.
3. A match never starts or ends inside a word. A possessive ``'s`` is left
   out of the span (``Iran's`` gives ``Iran``).
4. Context conditions (``followed_by``, ``preceded_by`` and their ``not_``
   forms) are case-insensitive regular expressions tested on the (folded)
   text right after or right before the match: they tell the Baloch spokeswoman (``Baloch said``) from
   the Baloch people.
5. Where candidate matches overlap, the longest wins, so
   ``Sistan-Baluchestan`` is not also ``Baluchestan`` and ``Pakistan's
   Foreign Ministry`` is not also ``Pakistan``. On the same span, an alias
   with a context condition beats one without; then the earlier gazetteer
   entry wins.
6. Demonyms (``Iranian``, ``Pakistanis``) are mentions of their state with
   ``is_demonym`` True; ``demonyms=False`` drops them after overlaps are
   resolved.
7. Capitals stand for their state wherever they occur (``kind: capital``).
8. A flag emoji (``kind: flag``, two regional-indicator letters) stands for
   its state; it only matches at an even offset within a run of flags, so
   the middle of "🇺🇸🇦🇫" is never read as "🇸🇦".
9. X handles are matched without their ``@`` (``kind: handle``).

With ``include_embeds=True`` the same rules are applied, separately, to the
embedded social-media posts (``quoted_text``); their mentions carry
``source == "embed"``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .errors import AnalysisInputError, DataFileError, Problem, require_columns
from .book import join_words
from .plots import note_figure
from .text import fold, normalize, quote_share, quote_spans, split_sentences, tokenize

__all__ = [
    "ACTOR_TYPES",
    "MENTION_COLUMNS",
    "SOURCES",
    "Gazetteer",
    "load_gazetteer",
    "find_mentions",
    "mention_counts",
    "cooccurrence",
    "prominence",
    "actor_summary",
    "dominant_actors",
    "exclusive_actors",
    "country_role",
    "voice_breakdown",
    "load_gold",
    "score_mentions",
    "mention_errors",
    "describe_dominant",
    "describe_exclusive",
    "describe_first",
    "describe_role",
    "describe_voices",
    "describe_embeds",
    "heatmap_figure",
    "dispersion_figure",
    "network_figure",
]

#: The actor types a gazetteer may use.
ACTOR_TYPES = (
    "state",
    "government body",
    "official",
    "military or armed group",
    "international body",
    "ethnic or regional group",
    "place",
)

#: Columns of :func:`find_mentions`.
MENTION_COLUMNS = [
    "id", "source", "actor", "actor_type", "matched", "start", "end", "sentence", "position", "in_quote", "is_demonym",
]

#: The two texts of an article that :func:`find_mentions` can read.
SOURCES = ("body", "embed")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_ALIAS_KEYS = {"pattern", "regex", "case", "kind", "followed_by", "preceded_by", "not_followed_by", "not_preceded_by"}
_CONTEXTS = ("followed_by", "preceded_by", "not_followed_by", "not_preceded_by")
_KINDS = {"name", "capital", "abbreviation", "surname", "variant", "handle", "flag"}
_REGIONAL_INDICATOR = range(0x1F1E6, 0x1F200)  # the letters that flag emoji are made of
_CONTEXT_WINDOW = 80
_DEFAULT_GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "actor_mentions.csv"


@dataclass(frozen=True)
class _Alias:
    actor: str
    pattern: str
    regex: bool
    case: str
    kind: str
    demonym: bool
    contexts: tuple  # ((name, compiled regex), ...)
    compiled: re.Pattern
    order: int


@dataclass(frozen=True)
class Gazetteer:
    """A validated gazetteer: ``actors`` table plus compiled aliases.

    ``actors`` has columns ``id``, ``label``, ``type``, ``country``,
    ``part_of``, ``n_aliases``, in file order. Build one with
    :func:`load_gazetteer`.

    Example
    -------
    >>> gaz = load_gazetteer()
    >>> gaz.actors.set_index("id").loc["iran", "type"]
    'state'
    """

    file: str
    source: str
    actors: pd.DataFrame
    aliases: tuple = field(repr=False)

    def labels(self) -> dict[str, str]:
        """Map actor id to its label.

        Example
        -------
        >>> load_gazetteer().labels()["irgc"]
        'IRGC'
        """
        return dict(zip(self.actors["id"], self.actors["label"]))


def _literal_regex(pattern: str) -> str:
    parts = re.split(r"[ \t-]+", fold(pattern))
    return r"[ \t-]+".join(re.escape(p) for p in parts)


def _parse_alias(raw, *, name, row, fld, actor, demonym, order) -> tuple[_Alias | None, list[Problem]]:
    problems = []
    if isinstance(raw, str):
        raw = {"pattern": raw}
    if not isinstance(raw, dict):
        return None, [Problem(name, row, fld, f"actor {actor!r}: an alias must be a string or a mapping")]
    unknown = set(raw) - _ALIAS_KEYS
    if unknown:
        problems.append(Problem(name, row, fld, f"actor {actor!r}: unknown alias key(s) {sorted(unknown)}"))
    pattern = raw.get("pattern")
    if not isinstance(pattern, str) or not pattern.strip():
        problems.append(Problem(name, row, fld, f"actor {actor!r}: empty pattern"))
        return None, problems
    is_regex = raw.get("regex", False)
    if not isinstance(is_regex, bool):
        problems.append(Problem(name, row, fld, f"actor {actor!r}: 'regex' must be true or false"))
        is_regex = False
    case = raw.get("case", "exact")
    if case not in ("exact", "ignore"):
        problems.append(Problem(name, row, fld, f"actor {actor!r}: case {case!r} must be 'exact' or 'ignore'"))
        case = "exact"
    kind = raw.get("kind", "name")
    if kind not in _KINDS:
        problems.append(Problem(name, row, fld, f"actor {actor!r}: kind {kind!r} is not one of {sorted(_KINDS)}"))
    flags = re.IGNORECASE if case == "ignore" else 0
    body = fold(pattern) if is_regex else _literal_regex(pattern)
    try:
        compiled = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
    except re.error as exc:
        problems.append(Problem(name, row, fld, f"actor {actor!r}: invalid pattern {pattern!r} ({exc})"))
        return None, problems
    if compiled.match(""):
        problems.append(Problem(name, row, fld, f"actor {actor!r}: pattern {pattern!r} matches the empty string"))
    contexts = []
    for ctx in _CONTEXTS:
        if ctx in raw:
            value = raw[ctx]
            if not isinstance(value, str) or not value:
                problems.append(Problem(name, row, fld, f"actor {actor!r}: {ctx} must be a non-empty regex"))
                continue
            try:
                rx = re.compile(value if "followed" in ctx else rf"(?:{value})\Z", re.IGNORECASE)
            except re.error as exc:
                problems.append(Problem(name, row, fld, f"actor {actor!r}: invalid {ctx} {value!r} ({exc})"))
                continue
            contexts.append((ctx, rx))
    if problems:
        return None, problems
    alias = _Alias(actor, pattern, is_regex, case, kind, demonym, tuple(contexts), compiled, order)
    return alias, []


def _alias_key(alias: _Alias) -> tuple:
    pattern = normalize(alias.pattern) if alias.case == "ignore" else fold(alias.pattern).strip()
    if not alias.regex:
        pattern = re.sub(r"[ \t-]+", " ", pattern)
    return (pattern, alias.regex, alias.case, tuple((c, rx.pattern) for c, rx in alias.contexts))


def _build(data, name: str) -> Gazetteer:
    if not isinstance(data, dict):
        raise DataFileError(Problem(name, None, None, "the gazetteer must be a mapping with 'source' and 'actors'"))
    problems = []
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.append(Problem(name, None, "source", "the gazetteer must name its source"))
    entries = data.get("actors")
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(name, None, "actors", "must be a non-empty list"))
        raise DataFileError(problems)
    records, aliases, seen_ids, keys = [], [], {}, {}
    order = 0
    for row, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(Problem(name, row, None, "each actor must be a mapping"))
            continue
        actor = entry.get("id")
        if not isinstance(actor, str) or not _ID_RE.match(actor):
            problems.append(Problem(name, row, "id", f"{actor!r}: ids are lower case letters, digits and '_'"))
            actor = f"<entry {row}>"
        elif actor in seen_ids:
            problems.append(Problem(name, row, "id", f"duplicate actor id {actor!r} (also entry {seen_ids[actor]})"))
        else:
            seen_ids[actor] = row
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(Problem(name, row, "label", f"actor {actor!r}: missing label"))
        typ = entry.get("type")
        if typ not in ACTOR_TYPES:
            problems.append(Problem(name, row, "type", f"actor {actor!r}: unknown type {typ!r} (one of {list(ACTOR_TYPES)})"))
        if "country" not in entry:
            problems.append(Problem(name, row, "country", f"actor {actor!r}: missing (use null for none)"))
        country = entry.get("country")
        if country is not None and not (isinstance(country, str) and _COUNTRY_RE.match(country)):
            problems.append(Problem(name, row, "country", f"actor {actor!r}: {country!r} is not a two-letter code"))
        part_of = entry.get("part_of")
        n_aliases = 0
        for fld, is_demonym in (("aliases", False), ("demonyms", True)):
            values = entry.get(fld)
            if values is None and fld == "demonyms":
                continue
            if not isinstance(values, list) or not values:
                problems.append(Problem(name, row, fld, f"actor {actor!r}: must be a non-empty list"))
                continue
            for j, raw in enumerate(values, start=1):
                order += 1
                alias, found = _parse_alias(raw, name=name, row=row, fld=f"{fld}[{j}]", actor=actor,
                                            demonym=is_demonym, order=order)
                problems.extend(found)
                if alias is None:
                    continue
                key = _alias_key(alias)
                if key in keys and keys[key][0] != actor:
                    other, other_row = keys[key]
                    problems.append(Problem(name, row, f"{fld}[{j}]",
                                            f"alias {alias.pattern!r} of actor {actor!r} also names actor "
                                            f"{other!r} (entry {other_row})"))
                keys.setdefault(key, (actor, row))
                aliases.append(alias)
                n_aliases += 1
        records.append((actor, label, typ, country, part_of, n_aliases, row))
    for actor, _, _, _, part_of, _, row in records:
        if part_of is not None and part_of not in seen_ids:
            problems.append(Problem(name, row, "part_of", f"actor {actor!r}: unknown actor {part_of!r}"))
    if problems:
        raise DataFileError(problems)
    actors = pd.DataFrame([r[:6] for r in records], columns=["id", "label", "type", "country", "part_of", "n_aliases"])
    return Gazetteer(name, source.strip(), actors, tuple(aliases))


def load_gazetteer(path: str | os.PathLike | None = None) -> Gazetteer:
    """Read and validate a gazetteer YAML file (default: ``analysis/data/actors.yaml``).

    Raises :class:`~analysis.errors.DataFileError` listing every problem, each
    naming the file, the entry (1-based position in ``actors``) and the field:
    a duplicate alias naming two actors, an empty or invalid pattern, an
    unknown type, a missing label or source, an unknown ``part_of``.

    Example
    -------
    >>> gaz = load_gazetteer()
    >>> sorted(gaz.actors["type"].unique()) == sorted(ACTOR_TYPES)
    True
    """
    if path is None:
        return _default_gazetteer()
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(Problem(str(path), None, None, "gazetteer file not found")) from None
    except yaml.YAMLError as exc:
        raise DataFileError(Problem(path.name, None, None, f"not valid YAML ({exc})")) from None
    return _build(data, path.name)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    text = (resources.files("analysis") / "data" / "actors.yaml").read_text(encoding="utf-8")
    return _build(yaml.safe_load(text), "analysis/data/actors.yaml")


def _as_gazetteer(gazetteer) -> Gazetteer:
    if gazetteer is None:
        return _default_gazetteer()
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    if isinstance(gazetteer, dict):
        return _build(gazetteer, "<gazetteer mapping>")
    if isinstance(gazetteer, (str, os.PathLike)):
        return load_gazetteer(gazetteer)
    raise AnalysisInputError(Problem("find_mentions()", None, "gazetteer",
                                     "must be None, a path, a mapping or a Gazetteer"))


def _context_ok(alias: _Alias, folded: str, start: int, end: int) -> bool:
    for ctx, rx in alias.contexts:
        if "followed" in ctx:
            hit = rx.match(folded, end, min(len(folded), end + _CONTEXT_WINDOW)) is not None
        else:
            hit = rx.search(folded[max(0, start - _CONTEXT_WINDOW):start]) is not None
        if hit == ctx.startswith("not_"):
            return False
    return True


def _flag_misaligned(text: str, start: int) -> bool:
    """True when ``start`` falls in the middle of a flag (odd number of regional indicators before it)."""
    k = start
    while k > 0 and ord(text[k - 1]) in _REGIONAL_INDICATOR:
        k -= 1
    return (start - k) % 2 == 1


def _match_text(text: str, gaz: Gazetteer) -> list[tuple[int, int, _Alias]]:
    folded = fold(text)
    candidates = []
    for alias in gaz.aliases:
        for m in alias.compiled.finditer(folded):
            start, end = m.start(), m.end()
            if alias.kind == "flag" and _flag_misaligned(folded, start):
                continue
            # leave a possessive 's outside the span (only a regex can reach it)
            if folded[start:end].endswith("'s") and end - start > 2:
                end -= 2
            if end > start and _context_ok(alias, folded, start, end):
                candidates.append((start, end, alias))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -len(c[2].contexts), c[2].order, c[0]))
    taken = np.zeros(len(text) + 1, dtype=bool)
    chosen = []
    for start, end, alias in candidates:
        if not taken[start:end].any():
            taken[start:end] = True
            chosen.append((start, end, alias))
    return sorted(chosen, key=lambda c: c[0])


def find_mentions(corpus: pd.DataFrame, gazetteer=None, *, demonyms: bool = True,
                  include_embeds: bool = False) -> pd.DataFrame:
    """Every actor mention in each article's cleaned ``text`` (and, optionally, its embedded posts).

    Parameters
    ----------
    corpus
        Needs ``id`` and ``text`` (as from :func:`analysis.corpus.load_corpus`),
        and ``quoted_text`` with ``include_embeds``.
    gazetteer
        ``None`` (the shipped gazetteer), a path to a YAML file, a parsed
        mapping or a :class:`Gazetteer`.
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
    mention lies inside a direct quotation, :func:`analysis.text.quote_spans`;
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
    gaz = _as_gazetteer(gazetteer)
    types = dict(zip(gaz.actors["id"], gaz.actors["type"]))
    sources = [("body", "text")] + ([("embed", "quoted_text")] if include_embeds else [])
    rows = []
    columns = [corpus[c].tolist() for _, c in sources]
    for doc_id, *texts in zip(corpus["id"], *columns):
        for (source, _), text in zip(sources, texts):
            text = text if isinstance(text, str) else ""
            matches = _match_text(text, gaz)
            if not matches:
                continue
            sents = split_sentences(text)
            starts = sents["start"].to_numpy()
            spans = quote_spans(text) if source == "body" else []
            length = max(len(text), 1)
            for start, end, alias in matches:
                if alias.demonym and not demonyms:
                    continue
                idx = int(np.searchsorted(starts, start, side="right") - 1)
                body = source == "body"
                rows.append((doc_id, source, alias.actor, types[alias.actor], text[start:end], start, end,
                             int(sents["sentence"].iloc[idx]) if idx >= 0 else 0,
                             round(start / length, 6) if body else np.nan,
                             quote_share(start, end, spans) >= 0.5 if body else True, alias.demonym))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return out.astype({"id": "object", "source": "object", "actor": "object", "actor_type": "object",
                       "matched": "object", "start": "int64", "end": "int64", "sentence": "int64",
                       "position": "float64", "in_quote": "bool", "is_demonym": "bool"})


def _sources(mentions: pd.DataFrame) -> pd.Series:
    """The ``source`` of each mention; tables without the column are body mentions."""
    if "source" in mentions.columns:
        return mentions["source"]
    return pd.Series("body", index=mentions.index, dtype="object")


def _by_list(by, corpus: pd.DataFrame, func: str) -> list[str]:
    cols = [by] if isinstance(by, str) else list(by)
    if not cols:
        raise AnalysisInputError(Problem(f"{func}()", None, "by", "give at least one column"))
    missing = [c for c in cols if c not in corpus.columns]
    if missing:
        raise AnalysisInputError(Problem(f"{func}()", None, "by", f"no column(s) {missing} in the corpus"))
    return cols


def _n_words(corpus: pd.DataFrame) -> pd.Series:
    if "n_words" in corpus.columns:
        return corpus["n_words"].astype("int64")
    return corpus["text"].map(lambda t: len(tokenize(t or ""))).astype("int64")


def _with_meta(mentions: pd.DataFrame, corpus: pd.DataFrame, cols: list[str], func: str) -> pd.DataFrame:
    require_columns(mentions, ["id", "actor", "in_quote", "is_demonym"], func, "mentions")
    unknown = sorted(set(mentions["id"]) - set(corpus["id"]))
    if unknown:
        raise AnalysisInputError(Problem(f"{func}()", None, "mentions", f"ids not in the corpus: {unknown[:5]}"))
    return mentions.merge(corpus[["id", *[c for c in cols if c != "id"]]], on="id", how="left")


def mention_counts(mentions: pd.DataFrame, corpus: pd.DataFrame, *, by="outlet", per: int = 1000,
                   actors: list[str] | None = None) -> pd.DataFrame:
    """Mentions per actor and group, with rates per ``per`` words.

    Parameters
    ----------
    mentions
        From :func:`find_mentions`.
    corpus
        The corpus the mentions came from (needs ``id``, the ``by`` columns and
        ``n_words`` or ``text``).
    by
        A corpus column, or a list of columns (``["crisis", "outlet"]``; ``"id"``
        gives one group per article).
    per
        Rate denominator in words.
    actors
        Actors to report (default: every actor in ``mentions``). Every group
        × actor pair appears, with zeros where there is no mention.

    Returns
    -------
    DataFrame with the ``by`` columns, ``actor``, ``mentions``,
    ``demonym_mentions``, ``quoted_mentions`` (``in_quote``),
    ``embed_mentions`` (``source == "embed"``), ``n_articles`` and
    ``n_words`` (of the group), ``rate`` (``mentions / n_words * per``),
    sorted by group then actor.

    Embedded posts: when ``mentions`` come from
    ``find_mentions(..., include_embeds=True)``, embed mentions count in
    ``mentions`` (and, being ``in_quote``, in ``quoted_mentions``) and in
    ``embed_mentions``, but ``n_words`` stays the body's word count, so
    ``rate`` is then mentions (body and posts) per ``per`` words of body
    text. ``embed_mentions`` is 0 for body-only mentions.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "n_words": [500, 200]})
    >>> m = pd.DataFrame({"id": ["a", "a"], "actor": ["iran", "iran"], "in_quote": [True, False],
    ...                   "is_demonym": [False, True]})
    >>> mention_counts(m, corpus)[["outlet", "actor", "mentions", "rate"]].values.tolist()
    [['X', 'iran', 2, 4.0], ['Y', 'iran', 0, 0.0]]
    """
    cols = _by_list(by, corpus, "mention_counts")
    if per <= 0:
        raise AnalysisInputError(Problem("mention_counts()", None, "per", "must be positive"))
    data = _with_meta(mentions, corpus, cols, "mention_counts")
    actors = list(dict.fromkeys(actors if actors is not None else sorted(mentions["actor"].unique())))
    words = corpus[cols].copy()
    words["n_words"] = _n_words(corpus).to_numpy()
    groups = words.groupby(cols, sort=True, dropna=False).agg(n_articles=("n_words", "size"),
                                                              n_words=("n_words", "sum")).reset_index()
    grid = groups.merge(pd.DataFrame({"actor": pd.Series(actors, dtype="object")}), how="cross")
    counts = (data.assign(demonym_mentions=data["is_demonym"].astype(int), quoted_mentions=data["in_quote"].astype(int),
                          embed_mentions=(_sources(data) == "embed").astype(int))
              .groupby([*cols, "actor"], dropna=False)
              .agg(mentions=("actor", "size"), demonym_mentions=("demonym_mentions", "sum"),
                   quoted_mentions=("quoted_mentions", "sum"), embed_mentions=("embed_mentions", "sum")).reset_index())
    out = grid.merge(counts, on=[*cols, "actor"], how="left")
    for c in ("mentions", "demonym_mentions", "quoted_mentions", "embed_mentions"):
        out[c] = out[c].fillna(0).astype("int64")
    out["rate"] = np.where(out["n_words"] > 0, out["mentions"] / out["n_words"].where(out["n_words"] > 0, 1) * per, 0.0)
    out = out[[*cols, "actor", "mentions", "demonym_mentions", "quoted_mentions", "embed_mentions", "n_articles",
               "n_words", "rate"]]
    return out.sort_values([*cols, "actor"], ignore_index=True)


def cooccurrence(mentions: pd.DataFrame, *, unit: str = "sentence") -> pd.DataFrame:
    """Weighted pairs of actors mentioned in the same sentence (or article).

    Each unit counts once per pair, however often the two are named in it;
    an actor is never paired with itself. When ``mentions`` has a
    ``source`` column, a sentence is ``(id, source, sentence)``: a body
    sentence and an embedded post's sentence with the same number are
    different sentences. An article unit takes its body and its posts together.

    Parameters
    ----------
    mentions
        From :func:`find_mentions` (needs ``id``, ``actor`` and, for
        ``unit="sentence"``, ``sentence``).
    unit
        ``"sentence"`` or ``"article"``.

    Returns
    -------
    DataFrame with ``actor_a``, ``actor_b`` (``actor_a < actor_b``),
    ``weight`` (units naming both) and ``articles`` (articles with such a
    unit), sorted by weight (descending) then names.

    Example
    -------
    >>> m = pd.DataFrame({"id": ["a"] * 4, "sentence": [0, 0, 0, 1], "actor": ["iran", "pakistan", "iran", "iran"]})
    >>> cooccurrence(m).values.tolist()
    [['iran', 'pakistan', 1, 1]]
    """
    if unit not in ("sentence", "article"):
        raise AnalysisInputError(Problem("cooccurrence()", None, "unit", f"{unit!r}: use 'sentence' or 'article'"))
    keys = ["id", "sentence"] if unit == "sentence" else ["id"]
    require_columns(mentions, [*keys, "actor"], "cooccurrence", "mentions")
    if unit == "sentence" and "source" in mentions.columns:
        keys = ["id", "source", "sentence"]
    pairs: dict[tuple[str, str], list] = {}
    for key, group in mentions.groupby(keys, sort=True):
        doc = key[0] if isinstance(key, tuple) else key
        for a, b in combinations(sorted(set(group["actor"])), 2):
            entry = pairs.setdefault((a, b), [0, set()])
            entry[0] += 1
            entry[1].add(doc)
    rows = [(a, b, w, len(docs)) for (a, b), (w, docs) in pairs.items()]
    out = pd.DataFrame(rows, columns=["actor_a", "actor_b", "weight", "articles"])
    out = out.astype({"actor_a": "object", "actor_b": "object", "weight": "int64", "articles": "int64"})
    return out.sort_values(["weight", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def _first_paragraph_end(text: str) -> int:
    text = text or ""
    stripped = len(text) - len(text.lstrip("\n"))
    cut = text.find("\n\n", stripped)
    return len(text) if cut < 0 else cut


def prominence(mentions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Where each actor first appears in each article.

    Returns
    -------
    DataFrame, one row per article and actor mentioned in it: ``id``,
    ``actor``, ``mentions``, ``first_start`` (offset), ``first_sentence``,
    ``first_position`` (0–1), ``first_rank`` (1 = the first actor named in
    the article, 2 = the second new actor, …) and ``in_first_paragraph``
    (the first mention lies in the first paragraph of ``text``). Sorted by
    article (corpus order) then ``first_rank``.

    Only body mentions are used (rows with ``source == "embed"`` are
    ignored): an embedded post has no place in the body text, so it can be
    neither first nor in the first paragraph.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Iran hit Pakistan.\\n\\nChina spoke. Iran replied."]})
    >>> prominence(find_mentions(corpus), corpus)[["actor", "mentions", "first_rank", "in_first_paragraph"]].values.tolist()
    [['iran', 2, 1, True], ['pakistan', 1, 2, True], ['china', 1, 3, False]]
    """
    require_columns(mentions, ["id", "actor", "start", "sentence", "position"], "prominence", "mentions")
    require_columns(corpus, ["id", "text"], "prominence", "corpus")
    cols = ["id", "actor", "mentions", "first_start", "first_sentence", "first_position", "first_rank",
            "in_first_paragraph"]
    mentions = mentions[_sources(mentions) == "body"]
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(cols, [
            "object", "object", "int64", "int64", "int64", "float64", "int64", "bool"])})
    para_end = {i: _first_paragraph_end(t) for i, t in zip(corpus["id"], corpus["text"])}
    order = {i: k for k, i in enumerate(corpus["id"])}
    m = mentions.sort_values(["id", "start"])
    first = m.groupby(["id", "actor"], sort=False).agg(
        mentions=("actor", "size"), first_start=("start", "min"))
    firsts = m.drop_duplicates(["id", "actor"]).set_index(["id", "actor"])
    out = first.join(firsts[["sentence", "position"]]).reset_index()
    out = out.rename(columns={"sentence": "first_sentence", "position": "first_position"})
    out["first_rank"] = out.groupby("id")["first_start"].rank(method="first").astype("int64")
    out["in_first_paragraph"] = [s < para_end.get(i, 0) for i, s in zip(out["id"], out["first_start"])]
    out["_order"] = out["id"].map(order)
    out = out.sort_values(["_order", "first_rank"], ignore_index=True)
    return out[cols].astype({"mentions": "int64", "first_start": "int64", "first_sentence": "int64"})


def actor_summary(mentions: pd.DataFrame, corpus: pd.DataFrame, *, by="crisis", gazetteer=None) -> pd.DataFrame:
    """One row per group and actor: how much, how spread, how first, how quoted.

    Returns
    -------
    DataFrame with the ``by`` columns, ``actor``, ``label``, ``actor_type``,
    ``mentions``, ``share`` (of all mentions in the group), ``rank`` (1 = most
    mentioned in the group; ties share the rank), ``articles`` (articles
    naming it), ``group_articles``, ``first_in`` (articles in which it is
    the first actor named), ``quoted_mentions``, ``quoted_share`` (share of
    its mentions inside quotations), ``demonym_mentions`` and
    ``embed_mentions`` (mentions in embedded posts; 0 unless ``mentions``
    came from ``find_mentions(..., include_embeds=True)``, and then they
    count in ``mentions``, ``share``, ``rank`` and, being ``in_quote``, in
    ``quoted_mentions``). Only actors mentioned in the group appear. Sorted
    by group then rank. ``first_in`` uses body mentions only
    (:func:`prominence`).

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "crisis": ["c1", "c1"],
    ...                        "text": ["Iran and “Pakistan” met.", "Pakistan spoke."]})
    >>> s = actor_summary(find_mentions(corpus), corpus)
    >>> s[["actor", "mentions", "rank", "first_in", "quoted_share"]].values.tolist()
    [['pakistan', 2, 1, 1, 0.5], ['iran', 1, 2, 1, 0.0]]
    """
    cols = _by_list(by, corpus, "actor_summary")
    gaz = _as_gazetteer(gazetteer)
    data = _with_meta(mentions, corpus, cols, "actor_summary")
    out_cols = [*cols, "actor", "label", "actor_type", "mentions", "share", "rank", "articles", "group_articles",
                "first_in", "quoted_mentions", "quoted_share", "demonym_mentions", "embed_mentions"]
    if data.empty:
        return pd.DataFrame(columns=out_cols)
    prom = prominence(mentions, corpus)
    firsts = prom[prom["first_rank"] == 1].merge(corpus[["id", *[c for c in cols if c != "id"]]], on="id")
    first_in = firsts.groupby([*cols, "actor"]).size().rename("first_in")
    data["_embed"] = (_sources(data) == "embed").astype("int64")
    g = data.groupby([*cols, "actor"])
    out = pd.DataFrame({
        "mentions": g.size(),
        "articles": g["id"].nunique(),
        "quoted_mentions": g["in_quote"].sum().astype("int64"),
        "demonym_mentions": g["is_demonym"].sum().astype("int64"),
        "embed_mentions": g["_embed"].sum().astype("int64"),
    }).join(first_in).reset_index()
    out["first_in"] = out["first_in"].fillna(0).astype("int64")
    total = out.groupby(cols)["mentions"].transform("sum")
    out["share"] = out["mentions"] / total
    out["rank"] = out.groupby(cols)["mentions"].rank(method="min", ascending=False).astype("int64")
    group_articles = corpus.groupby(cols).size().rename("group_articles").reset_index()
    out = out.merge(group_articles, on=cols, how="left")
    out["quoted_share"] = out["quoted_mentions"] / out["mentions"]
    labels = gaz.labels()
    types = dict(zip(gaz.actors["id"], gaz.actors["type"]))
    out["label"] = out["actor"].map(lambda a: labels.get(a, a))
    out["actor_type"] = out["actor"].map(lambda a: types.get(a, ""))
    return out.sort_values([*cols, "rank", "actor"], ignore_index=True)[out_cols]


def dominant_actors(summary: pd.DataFrame, *, by="crisis", top: int = 3) -> pd.DataFrame:
    """The ``top`` most mentioned actors of each group, from :func:`actor_summary`.

    Ties at the cut-off are all kept (so a group can list more than ``top``).

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["c"] * 3, "actor": ["a", "b", "c"], "rank": [1, 2, 2]})
    >>> dominant_actors(s, top=1)["actor"].tolist()
    ['a']
    """
    cols = [by] if isinstance(by, str) else list(by)
    require_columns(summary, [*cols, "actor", "rank"], "dominant_actors", "summary")
    return summary[summary["rank"] <= top].sort_values([*cols, "rank", "actor"], ignore_index=True)


def exclusive_actors(summary: pd.DataFrame, *, by: str = "crisis") -> pd.DataFrame:
    """Actors mentioned in exactly one group, from :func:`actor_summary`.

    Returns the summary rows of those actors (one per actor), sorted by
    group then mentions (descending). With one group, every actor is
    exclusive to it.

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["A", "A", "B"], "actor": ["iran", "india", "iran"], "mentions": [5, 1, 2]})
    >>> exclusive_actors(s)[["crisis", "actor"]].values.tolist()
    [['A', 'india']]
    """
    require_columns(summary, [by, "actor", "mentions"], "exclusive_actors", "summary")
    n_groups = summary.groupby("actor")[by].nunique()
    only = n_groups[n_groups == 1].index
    out = summary[summary["actor"].isin(only)]
    return out.sort_values([by, "mentions", "actor"], ascending=[True, False, True], ignore_index=True)


def country_role(mentions: pd.DataFrame, corpus: pd.DataFrame, country: str, *, by="crisis",
                 gazetteer=None) -> pd.DataFrame:
    """How one country's actors (its state, bodies, officials, places) figure in each group.

    Actors belong to the country through the gazetteer's ``country`` field.

    Returns
    -------
    DataFrame, one row per group (every group of the corpus): the ``by``
    columns, ``mentions`` (all mentions of the country's actors),
    ``share`` (of all actor mentions in the group), ``state_rank`` (rank of
    the country among countries by mentions; 0 if not mentioned),
    ``via_bodies`` (mentions of its government bodies and officials),
    ``quoted_share`` (share of its mentions inside quotations),
    ``first_in`` (articles whose first actor belongs to it) and
    ``articles`` (articles in the group).

    Embed mentions, if ``mentions`` include them, count like body mentions
    (and as quoted); ``first_in`` uses body mentions only.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "crisis": ["c"], "text": ["Pakistan's Foreign Office and Iran."]})
    >>> country_role(find_mentions(corpus), corpus, "PK")[["mentions", "via_bodies", "state_rank", "first_in"]].values.tolist()
    [[1, 1, 1, 1]]
    """
    cols = _by_list(by, corpus, "country_role")
    gaz = _as_gazetteer(gazetteer)
    countries = dict(zip(gaz.actors["id"], gaz.actors["country"]))
    data = _with_meta(mentions, corpus, cols, "country_role")
    data["country"] = data["actor"].map(countries)
    data["is_body"] = data["actor_type"].isin(["government body", "official"]) if "actor_type" in data else False
    prom = prominence(mentions, corpus)
    first_actor = prom[prom["first_rank"] == 1].set_index("id")["actor"].map(countries)
    rows = []
    for key, docs in corpus.groupby(cols, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        sub = data[data["id"].isin(docs["id"])]
        mine = sub[sub["country"] == country]
        per_country = sub.dropna(subset=["country"]).groupby("country").size()
        ranks = per_country.rank(method="min", ascending=False)
        rows.append((*key, len(mine), len(mine) / len(sub) if len(sub) else 0.0,
                     int(ranks.get(country, 0)), int(mine["is_body"].sum()),
                     float(mine["in_quote"].mean()) if len(mine) else 0.0,
                     int((first_actor.reindex(docs["id"]) == country).sum()), len(docs)))
    return pd.DataFrame(rows, columns=[*cols, "mentions", "share", "state_rank", "via_bodies", "quoted_share",
                                       "first_in", "articles"])


def voice_breakdown(summary: pd.DataFrame) -> pd.DataFrame:
    """Split each actor's mentions by whose words carry it: the reporter, a direct quotation, an embedded post.

    ``summary`` as from :func:`actor_summary` (needs ``mentions``,
    ``quoted_mentions`` and ``embed_mentions``); to see embedded posts at
    all, build it from ``find_mentions(..., include_embeds=True)``.

    Returns
    -------
    The summary's rows and columns plus ``reporter_mentions`` (body, outside
    quotations), ``direct_mentions`` (body, inside direct quotations:
    ``quoted_mentions - embed_mentions``), and ``reporter_share``,
    ``direct_share``, ``embed_share`` (each over ``mentions``; the three
    add up to 1).

    Example
    -------
    >>> s = pd.DataFrame({"actor": ["iran"], "mentions": [10], "quoted_mentions": [4], "embed_mentions": [1]})
    >>> voice_breakdown(s)[["reporter_mentions", "direct_mentions", "direct_share", "embed_share"]].values.tolist()
    [[6.0, 3.0, 0.3, 0.1]]
    """
    require_columns(summary, ["mentions", "quoted_mentions", "embed_mentions"], "voice_breakdown", "summary")
    out = summary.copy()
    out["direct_mentions"] = (out["quoted_mentions"] - out["embed_mentions"]).astype("int64")
    out["reporter_mentions"] = (out["mentions"] - out["quoted_mentions"]).astype("int64")
    total = out["mentions"].where(out["mentions"] > 0)
    for part in ("reporter", "direct", "embed"):
        out[f"{part}_share"] = (out[f"{part}_mentions"] / total).fillna(0.0)
    return out


def load_gold(path: str | os.PathLike | None = None, *, corpus: pd.DataFrame | None = None,
              include_embeds: bool = False) -> pd.DataFrame:
    """Hand-annotated actor mentions (default ``tests/gold/actor_mentions.csv``).

    Columns ``id``, ``source`` (``body`` or ``embed``; a file without the
    column is all ``body``), ``actor``, ``start``, ``end``, ``matched``,
    ``is_demonym``. Embed rows (mentions in the embedded posts,
    ``quoted_text``) are returned only with ``include_embeds``, so that
    ``load_gold(include_embeds=x)`` is the gold for
    ``find_mentions(..., include_embeds=x)``. With ``corpus``, only the gold
    rows of articles in the corpus are returned, and each is checked:
    ``text[start:end]`` (``quoted_text`` for embeds) must equal ``matched``
    (else :class:`~analysis.errors.DataFileError` naming the CSV line), so
    offsets never silently drift from the text.

    Example
    -------
    >>> from analysis.corpus import load_corpus
    >>> gold = load_gold(corpus=load_corpus())
    >>> set(gold.columns) >= {"id", "source", "actor", "start", "end"}, set(gold["source"])
    (True, {'body'})
    """
    path = Path(path) if path is not None else _DEFAULT_GOLD
    name = path.name
    if not path.is_file():
        raise DataFileError(Problem(str(path), None, None, "gold file not found"))
    gold = pd.read_csv(path, dtype={"id": str, "actor": str, "matched": str, "source": str}, keep_default_na=False)
    need = ["id", "actor", "start", "end", "matched", "is_demonym"]
    missing = [c for c in need if c not in gold.columns]
    if missing:
        raise DataFileError([Problem(name, 1, c, "missing column") for c in missing])
    if "source" not in gold.columns:
        gold.insert(1, "source", "body")
    gold["is_demonym"] = gold["is_demonym"].astype(str).str.lower().map({"true": True, "false": False})
    problems = [Problem(name, i + 2, "is_demonym", "must be true or false") for i in np.flatnonzero(gold["is_demonym"].isna())]
    problems += [Problem(name, i + 2, "source", f"{gold['source'].iloc[i]!r} is not one of {list(SOURCES)}")
                 for i in np.flatnonzero(~gold["source"].isin(SOURCES))]
    if not include_embeds:
        gold = gold[gold["source"] != "embed"]
    if corpus is not None:
        columns = {"body": "text", "embed": "quoted_text"}
        gold = gold[gold["id"].isin(set(corpus["id"]))]
        if (gold["source"] == "embed").any():
            require_columns(corpus, ["quoted_text"], "load_gold", "corpus")
        texts = {(i, src): t for src, col in columns.items() if col in corpus.columns
                 for i, t in zip(corpus["id"], corpus[col])}
        for i, row in gold.iterrows():
            text = texts.get((row["id"], row["source"]))
            if not isinstance(text, str) or text[row["start"]:row["end"]] != row["matched"]:
                problems.append(Problem(name, int(i) + 2, "matched",
                                        f"{row['matched']!r} is not at {row['start']}-{row['end']} of {row['id']!r} "
                                        f"({columns.get(row['source'], row['source'])})"))
    if problems:
        raise DataFileError(problems)
    return gold.reset_index(drop=True).astype({"start": "int64", "end": "int64", "is_demonym": "bool"})


_KEY = ["id", "source", "start", "end", "actor"]


def _keyed(frame: pd.DataFrame, func: str, arg: str, extra: tuple = ()) -> pd.DataFrame:
    """``frame`` with a ``source`` column (``body`` where missing), after checking the key columns."""
    require_columns(frame, [c for c in (*_KEY, *extra) if c != "source"], func, arg)
    return frame if "source" in frame.columns else frame.assign(source="body")


def score_mentions(predicted: pd.DataFrame, gold: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Precision, recall and F1 of predicted mentions against gold, per article and overall.

    A prediction is correct when ``id``, ``source``, ``start``, ``end`` and
    ``actor`` all equal a gold row (a table without ``source`` is all
    ``body``). Only articles present in ``gold`` are scored. Score
    ``find_mentions(..., include_embeds=x)`` against
    ``load_gold(..., include_embeds=x)``: an article's score then covers its
    body and, with ``x`` True, its embedded posts. ``source="embed"`` (or
    ``"body"``) scores only the mentions from that source, still for every
    article in ``gold``, so a spurious embed mention in an article whose
    posts hold no gold mention still counts against precision.

    Returns
    -------
    DataFrame with ``id`` (plus a last row ``"all"``), ``gold``,
    ``predicted``, ``correct``, ``precision``, ``recall``, ``f1``
    (precision is 1.0 when nothing is predicted, recall 1.0 when there is no gold).

    Example
    -------
    >>> gold = pd.DataFrame({"id": ["a", "a"], "start": [0, 9], "end": [4, 17], "actor": ["iran", "pakistan"]})
    >>> pred = pd.DataFrame({"id": ["a", "a"], "start": [0, 9], "end": [4, 17], "actor": ["iran", "iran"]})
    >>> score_mentions(pred, gold).iloc[-1][["correct", "precision", "recall"]].astype(float).tolist()
    [1.0, 0.5, 0.5]
    """
    predicted = _keyed(predicted, "score_mentions", "predicted")
    gold = _keyed(gold, "score_mentions", "gold")
    if source is not None and source not in SOURCES:
        raise AnalysisInputError(Problem("score_mentions()", None, "source", f"{source!r} is not one of {list(SOURCES)}"))
    ids = list(dict.fromkeys(gold["id"]))
    pred = predicted[predicted["id"].isin(ids)]
    if source is not None:
        pred, gold = pred[pred["source"] == source], gold[gold["source"] == source]
    g = set(map(tuple, gold[_KEY].itertuples(index=False)))
    p = set(map(tuple, pred[_KEY].itertuples(index=False)))

    def row(name, gs, ps):
        tp = len(gs & ps)
        prec = tp / len(ps) if ps else 1.0
        rec = tp / len(gs) if gs else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return (name, len(gs), len(ps), tp, prec, rec, f1)

    rows = [row(i, {k for k in g if k[0] == i}, {k for k in p if k[0] == i}) for i in ids]
    rows.append(row("all", g, p))
    return pd.DataFrame(rows, columns=["id", "gold", "predicted", "correct", "precision", "recall", "f1"])


def mention_errors(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The disagreements between predicted and gold mentions, for reading.

    Returns
    -------
    DataFrame with ``id``, ``source``, ``start``, ``end``, ``matched``, ``error``
    (``"missed"``: gold only; ``"spurious"``: predicted only;
    ``"wrong actor"``: same span, different actor), ``gold_actor``,
    ``predicted_actor``. Only articles present in ``gold``; a table
    without ``source`` is all ``body``.

    Example
    -------
    >>> gold = pd.DataFrame({"id": ["a"], "start": [0], "end": [4], "actor": ["iran"], "matched": ["Iran"]})
    >>> pred = pd.DataFrame({"id": ["a"], "start": [0], "end": [4], "actor": ["iraq"], "matched": ["Iran"]})
    >>> mention_errors(pred, gold)[["source", "error", "gold_actor", "predicted_actor"]].values.tolist()
    [['body', 'wrong actor', 'iran', 'iraq']]
    """
    predicted = _keyed(predicted, "mention_errors", "predicted", ("matched",))
    gold = _keyed(gold, "mention_errors", "gold", ("matched",))
    pred = predicted[predicted["id"].isin(set(gold["id"]))]
    span = ["id", "source", "start", "end"]
    both = gold[[*span, "matched", "actor"]].merge(pred[[*span, "matched", "actor"]], on=span, how="outer",
                                                   suffixes=("_gold", "_pred"), indicator=True)
    both = both[both["actor_gold"] != both["actor_pred"]].copy()
    both["error"] = both["_merge"].map({"left_only": "missed", "right_only": "spurious", "both": "wrong actor"})
    both["matched"] = both["matched_gold"].fillna(both["matched_pred"])
    out = both.rename(columns={"actor_gold": "gold_actor", "actor_pred": "predicted_actor"})
    out = out[["id", "source", "start", "end", "matched", "error", "gold_actor", "predicted_actor"]]
    out = out.astype({"error": "object"}).fillna({"gold_actor": "", "predicted_actor": ""})
    return out.sort_values(["id", "source", "start"], ignore_index=True)


# ---------------------------------------------------------------- prose helpers (for the chapter)

def describe_dominant(summary: pd.DataFrame, *, by: str = "crisis", top: int = 3,
                      group_labels: dict[str, str] | None = None) -> str:
    """One sentence per group naming its most mentioned actors, with counts and shares.

    ``summary`` as from :func:`actor_summary` with the same ``by``.

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["A", "A"], "label": ["Iran", "Pakistan"], "mentions": [6, 2],
    ...                   "share": [0.75, 0.25], "rank": [1, 2], "group_articles": [2, 2]})
    >>> describe_dominant(s, top=1)
    'In A (2 articles, 8 mentions), the most mentioned is Iran (6 mentions, 75%).'
    """
    if summary.empty:
        return "No actor from the gazetteer is mentioned in this corpus."
    group_labels = group_labels or {}
    parts = []
    for group, sub in summary.groupby(by, sort=True):
        sub = sub.sort_values(["rank", "label"])
        lead = sub[sub["rank"] <= top]
        items = [f"{r.label} ({r.mentions} mention{'s' if r.mentions != 1 else ''}, {r.share:.0%})"
                 for r in lead.itertuples()]
        n_art = int(sub["group_articles"].iloc[0])
        head = (f"In {group_labels.get(group, group)} ({n_art} article{'s' if n_art != 1 else ''}, "
                f"{int(sub['mentions'].sum())} mentions), the most mentioned "
                f"{'is' if len(items) == 1 else 'are'} ")
        parts.append(head + join_words(items) + ".")
    return " ".join(parts)


def describe_exclusive(summary: pd.DataFrame, *, by: str = "crisis", limit: int = 8,
                       group_labels: dict[str, str] | None = None) -> str:
    """Which actors appear in only one group (most mentioned first, at most ``limit`` per group).

    Example
    -------
    >>> s = pd.DataFrame({"crisis": ["A", "A", "B"], "actor": ["iran", "india", "iran"],
    ...                   "label": ["Iran", "India", "Iran"], "mentions": [5, 1, 2]})
    >>> describe_exclusive(s)
    'Only in A: India (1). Every actor named in B is also named elsewhere.'
    """
    if summary.empty:
        return "No actor from the gazetteer is mentioned in this corpus."
    groups = sorted(summary[by].unique())
    if len(groups) < 2:
        return f"The corpus has fewer than two groups by {by}, so no actor can be told apart as exclusive to one."
    group_labels = group_labels or {}
    only = exclusive_actors(summary, by=by)
    parts = []
    for group in groups:
        sub = only[only[by] == group]
        name = group_labels.get(group, group)
        if sub.empty:
            parts.append(f"Every actor named in {name} is also named elsewhere.")
            continue
        items = [f"{r.label} ({r.mentions})" for r in sub.head(limit).itertuples()]
        more = f", and {len(sub) - limit} more" if len(sub) > limit else ""
        parts.append(f"Only in {name}: {', '.join(items)}{more}.")
    return " ".join(parts)


def describe_first(prom: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict[str, str] | None = None) -> str:
    """Which actor each article names first, summarised.

    ``prom`` as from :func:`prominence`.

    Example
    -------
    >>> prom = pd.DataFrame({"id": ["a", "b"], "actor": ["iran", "iran"], "first_rank": [1, 1]})
    >>> describe_first(prom, pd.DataFrame({"id": ["a", "b"]}))
    'The first actor named is iran in 2 of 2 articles.'
    """
    labels = labels or {}
    n = len(corpus)
    first = prom[prom["first_rank"] == 1]["actor"].value_counts()
    if first.empty:
        return "No article names an actor from the gazetteer."
    items = [f"{labels.get(a, a)} in {k} of {n} article{'s' if n != 1 else ''}" for a, k in first.items()]
    none = n - int(first.sum())
    tail = f"; {none} name no actor" if none else ""
    return f"The first actor named is {join_words(items)}{tail}."


def describe_role(role: pd.DataFrame, *, name: str, by: str = "crisis",
                  group_labels: dict[str, str] | None = None) -> str:
    """Sentences on one country's place in each group, from :func:`country_role`.

    With two or more groups, a last sentence compares the group where the
    country's share of mentions is highest with the one where it is lowest.

    Example
    -------
    >>> role = pd.DataFrame({"crisis": ["A", "B"], "mentions": [30, 2], "share": [0.5, 0.1],
    ...                      "state_rank": [1, 3], "via_bodies": [3, 1], "quoted_share": [0.1, 0.5],
    ...                      "first_in": [2, 0], "articles": [3, 1]})
    >>> print(describe_role(role, name="Pakistan").split(". ")[-1])
    In B it is the 3rd most named country, and a larger share of its mentions (50% against 10%) sits inside quotations.
    """
    group_labels = group_labels or {}
    if role.empty or role["mentions"].sum() == 0:
        return f"No actor belonging to {name} is mentioned in this corpus."
    out = []
    for r in role.itertuples(index=False):
        g = group_labels.get(getattr(r, by), getattr(r, by))
        if r.mentions == 0:
            out.append(f"In {g} ({r.articles} article{'s' if r.articles != 1 else ''}), {name} is not mentioned.")
            continue
        out.append(
            f"In {g} ({r.articles} article{'s' if r.articles != 1 else ''}), actors belonging to {name} "
            f"account for {r.mentions} mention{'s' if r.mentions != 1 else ''} ({r.share:.0%} of all actor mentions; "
            f"rank {r.state_rank} among countries); {r.via_bodies} of them name{'s' if r.via_bodies == 1 else ''} "
            f"its government bodies or officials, "
            f"{r.quoted_share:.0%} lie inside quotations, and it is the first actor named in {r.first_in} of "
            f"{r.articles} article{'s' if r.articles != 1 else ''}.")
    if len(role) >= 2:
        hi = role.loc[role["share"].idxmax()]
        lo = role.loc[role["share"].idxmin()]
        if hi["share"] > lo["share"] and lo["mentions"] > 0:
            ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(int(lo["state_rank"]), f"{int(lo['state_rank'])}th")
            sentence = (f"{name} is most present in {group_labels.get(hi[by], hi[by])} "
                        f"({hi['share']:.0%} of mentions) and least in {group_labels.get(lo[by], lo[by])} "
                        f"({lo['share']:.0%}). In {group_labels.get(lo[by], lo[by])} it is the {ordinal} most "
                        "named country")
            if lo["quoted_share"] > hi["quoted_share"]:
                sentence += (f", and a larger share of its mentions ({lo['quoted_share']:.0%} against "
                             f"{hi['quoted_share']:.0%}) sits inside quotations")
            out.append(sentence + ".")
    return " ".join(out)


def describe_voices(breakdown: pd.DataFrame, *, actors: list[str], labels: dict[str, str] | None = None) -> str:
    """One clause per actor: its mentions, and how many come through direct quotations and embedded posts.

    ``breakdown`` from :func:`voice_breakdown` of a one-group summary (one
    row per actor); ``actors`` in the order to report them (actors absent
    from ``breakdown`` are skipped). Actors with neither are named together
    at the end. The text ends without a full stop.

    Example
    -------
    >>> b = pd.DataFrame({"actor": ["iran", "china", "iraq"], "label": ["Iran", "China", "Iraq"],
    ...                   "mentions": [10, 2, 1], "direct_mentions": [3, 0, 0], "embed_mentions": [1, 1, 0],
    ...                   "direct_share": [0.3, 0.0, 0.0], "embed_share": [0.1, 0.5, 0.0]})
    >>> describe_voices(b, actors=["iran", "china", "iraq"])
    'Iran, 3 of 10 mentions (30%) in direct quotations and 1 (10%) in embedded posts; China, none of 2 in direct quotations and 1 (50%) in embedded posts; Iraq, none in either'
    """
    require_columns(breakdown, ["actor", "mentions", "direct_mentions", "embed_mentions", "direct_share", "embed_share"],
             "describe_voices", "breakdown")
    labels = labels or {}
    rows = breakdown.drop_duplicates("actor").set_index("actor")
    parts, neither = [], []
    for actor in actors:
        if actor not in rows.index:
            continue
        r = rows.loc[actor]
        name = r["label"] if "label" in rows.columns else labels.get(actor, actor)
        n = int(r["mentions"])
        if not r["direct_mentions"] and not r["embed_mentions"]:
            neither.append(name)
            continue
        direct = (f"{int(r['direct_mentions'])} of {n} mention{'s' if n != 1 else ''} ({r['direct_share']:.0%})"
                  if r["direct_mentions"] else f"none of {n}")
        embed = f"{int(r['embed_mentions'])} ({r['embed_share']:.0%})" if r["embed_mentions"] else "none"
        parts.append(f"{name}, {direct} in direct quotations and {embed} in embedded posts")
    if neither:
        parts.append(f"{join_words(neither)}, none in either")
    if not parts:
        return "none of these actors is mentioned"
    return "; ".join(parts)


def describe_embeds(mentions: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict[str, str] | None = None) -> str:
    """How many mentions the embedded posts add to the body's, in one or two sentences.

    ``mentions`` from ``find_mentions(..., include_embeds=True)``; ``corpus``
    needs ``id`` and ``quoted_text`` (an article embeds posts when its
    ``quoted_text`` is not blank). The last sentence names the actors that
    only the posts name (none in any article's body), if any.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": ["Iran spoke.", "Calm."],
    ...                        "quoted_text": ["Iran and China agree.", ""]})
    >>> describe_embeds(find_mentions(corpus, include_embeds=True), corpus, labels={"china": "China"})
    '1 of the 2 articles embeds social-media posts; the posts of 1 of them name actors 2 times, against 1 mention in the body texts, so the posts hold 67% of all mentions. Only the posts name China.'
    """
    require_columns(mentions, ["id", "actor"], "describe_embeds", "mentions")
    require_columns(corpus, ["id", "quoted_text"], "describe_embeds", "corpus")
    labels = labels or {}
    n = len(corpus)
    with_posts = int(corpus["quoted_text"].map(lambda t: isinstance(t, str) and bool(t.strip())).sum())
    src = _sources(mentions)
    body, embed = mentions[src == "body"], mentions[src == "embed"]
    if with_posts == 0:
        return f"None of the {n} article{'s' if n != 1 else ''} embeds a social-media post, so the posts add no mention."
    verb = "embeds" if with_posts == 1 else "embed"
    head = f"{with_posts} of the {n} article{'s' if n != 1 else ''} {verb} social-media posts"
    if embed.empty:
        return head + ", but the posts name no actor from the gazetteer."
    k = embed["id"].nunique()
    share = len(embed) / (len(embed) + len(body))
    out = (f"{head}; the posts of {k} of them name actors {len(embed)} time{'s' if len(embed) != 1 else ''}, "
           f"against {len(body)} mention{'s' if len(body) != 1 else ''} in the body texts, so the posts hold "
           f"{share:.0%} of all mentions.")
    only = [a for a in dict.fromkeys(embed["actor"]) if a not in set(body["actor"])]
    if only:
        out += f" Only the posts name {join_words([labels.get(a, a) for a in only])}."
    return out


# ---------------------------------------------------------------- figures (for the chapter)

def heatmap_figure(counts: pd.DataFrame, *, columns: list[str], labels: dict[str, str] | None = None,
                   top: int = 15, column_names: dict | None = None):
    """Heat map of actors (rows) by group (columns), coloured by rate, annotated with counts.

    ``counts`` from :func:`mention_counts` with ``by=columns``; the ``top``
    actors by total mentions are shown, most mentioned first. Each cell reads
    "rate (count)". ``column_names`` maps a group tuple to its axis label.

    Example
    -------
    >>> c = pd.DataFrame({"outlet": ["X", "Y"], "actor": ["iran", "iran"], "mentions": [2, 0], "rate": [4.0, 0.0]})
    >>> fig = heatmap_figure(c, columns=["outlet"])
    >>> len(fig.axes) >= 1
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    if counts.empty or counts["mentions"].sum() == 0:
        return note_figure("No actor mentions to show.")
    labels = labels or {}
    column_names = column_names or {}
    totals = counts.groupby("actor")["mentions"].sum().sort_values(ascending=False, kind="stable")
    keep = [a for a in totals.index if totals[a] > 0][:top]
    sub = counts[counts["actor"].isin(keep)].copy()
    sub["_col"] = [tuple(r) for r in sub[columns].itertuples(index=False)]
    rate = sub.pivot_table(index="actor", columns="_col", values="rate", aggfunc="sum").reindex(keep)
    n = sub.pivot_table(index="actor", columns="_col", values="mentions", aggfunc="sum").reindex(keep)
    annot = rate.round(1).astype(str) + "\n(" + n.astype(int).astype(str) + ")"
    fig, ax = plt.subplots(figsize=(1.3 * rate.shape[1] + 3.2, 0.42 * len(keep) + 1.6))
    sns.heatmap(rate, annot=annot.to_numpy(), fmt="", cmap="Blues", linewidths=0.5, linecolor="white",
                cbar_kws={"label": "mentions per 1,000 words"}, annot_kws={"fontsize": 7}, ax=ax)
    ax.set_yticklabels([labels.get(a, a) for a in rate.index], rotation=0)
    ax.set_xticklabels([column_names.get(c, " / ".join(map(str, c))) for c in rate.columns], rotation=30,
                       ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.tight_layout()
    return fig


def dispersion_figure(mentions: pd.DataFrame, corpus: pd.DataFrame, *, actors: list[str],
                      labels: dict[str, str] | None = None, colors: dict[str, str] | None = None,
                      max_articles: int = 20):
    """Lexical-dispersion ("x-ray") plot: one panel per article, one row per actor.

    Each mention is a tick at its ``position`` (0 = start, 1 = end of the
    article); mentions inside quotations are drawn as open circles. Ticks take
    the article's outlet colour from ``colors`` (outlet → hex). At most
    ``max_articles`` articles (corpus order). Only body mentions are drawn:
    embedded posts have no position in the body text.

    Example
    -------
    >>> corpus = pd.DataFrame({"id": ["a"], "outlet": ["X"], "text": ["Iran and Pakistan. “Iran!”"]})
    >>> fig = dispersion_figure(find_mentions(corpus), corpus, actors=["iran", "pakistan"])
    >>> len(fig.axes)
    1
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    if mentions.empty or not actors:
        return note_figure("No actor mentions to show.")
    labels = labels or {}
    colors = colors or {}
    docs = corpus.head(max_articles)
    fig, axes = plt.subplots(len(docs), 1, figsize=(7.5, (0.22 * len(actors) + 0.55) * len(docs) + 0.6),
                             sharex=True, squeeze=False)
    for ax, doc in zip(axes[:, 0], docs.itertuples(index=False)):
        sub = mentions[(mentions["id"] == doc.id) & mentions["actor"].isin(actors) & (_sources(mentions) == "body")]
        colour = colors.get(getattr(doc, "outlet", ""), "#333333")
        for y, actor in enumerate(actors):
            rows = sub[sub["actor"] == actor]
            own, quoted = rows[~rows["in_quote"]], rows[rows["in_quote"]]
            ax.plot(own["position"], [y] * len(own), "|", color=colour, ms=9, mew=1.6)
            ax.plot(quoted["position"], [y] * len(quoted), "o", mfc="none", color=colour, ms=5, mew=1.2)
        ax.set_yticks(range(len(actors)))
        ax.set_yticklabels([labels.get(a, a) for a in actors], fontsize=7)
        ax.set_ylim(len(actors) - 0.5, -0.5)
        ax.set_xlim(-0.01, 1.01)
        ax.set_title(f"{doc.id}" + (f" ({doc.outlet})" if hasattr(doc, "outlet") else ""), loc="left", fontsize=8)
        ax.grid(axis="y", lw=0.3)
    axes[-1, 0].set_xlabel("position in the article (0 = first word, 1 = last)")
    fig.tight_layout()
    return fig


def network_figure(pairs: pd.DataFrame, summary: pd.DataFrame, *, labels: dict[str, str] | None = None,
                   top: int = 15, seed: int = 7):
    """Co-occurrence network of the ``top`` most mentioned actors, drawn with networkx.

    ``pairs`` from :func:`cooccurrence`; ``summary`` needs ``actor``,
    ``actor_type`` and ``mentions`` (node size). Edge width is the pair's
    weight; node colour its type (legend). The layout is a seeded spring
    layout, so the drawing is the same on every build.

    Example
    -------
    >>> pairs = pd.DataFrame({"actor_a": ["iran"], "actor_b": ["pakistan"], "weight": [3], "articles": [1]})
    >>> summ = pd.DataFrame({"actor": ["iran", "pakistan"], "actor_type": ["state", "state"], "mentions": [4, 3]})
    >>> fig = network_figure(pairs, summ)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from .plots import OKABE_ITO

    labels = labels or {}
    if pairs.empty:
        return note_figure("No two actors share a sentence.")
    totals = summary.groupby("actor")["mentions"].sum().sort_values(ascending=False, kind="stable")
    types = summary.drop_duplicates("actor").set_index("actor")["actor_type"].to_dict()
    keep = set(totals.index[:top])
    edges = pairs[pairs["actor_a"].isin(keep) & pairs["actor_b"].isin(keep)]
    if edges.empty:
        return note_figure("No two of the most mentioned actors share a sentence.")
    graph = nx.Graph()
    for r in edges.itertuples(index=False):
        graph.add_edge(r.actor_a, r.actor_b, weight=int(r.weight))
    nodes = sorted(graph.nodes)
    pos = nx.spring_layout(graph.subgraph(nodes), seed=seed, weight="weight", k=1.6 / max(len(nodes), 1) ** 0.5)
    type_colour = {t: OKABE_ITO[i % len(OKABE_ITO)] for i, t in enumerate(ACTOR_TYPES)}
    fig, ax = plt.subplots(figsize=(8, 6))
    max_w = max(d["weight"] for _, _, d in graph.edges(data=True))
    nx.draw_networkx_edges(graph, pos, ax=ax, width=[0.6 + 5 * d["weight"] / max_w for _, _, d in graph.edges(data=True)],
                           edge_color="#888888", alpha=0.6)
    max_n = max(float(totals.get(n, 1)) for n in nodes)
    sizes = {n: 120 + 1400 * float(totals.get(n, 1)) / max_n for n in nodes}
    nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax, node_size=[sizes[n] for n in nodes],
                           node_color=[type_colour.get(types.get(n), "#999999") for n in nodes],
                           edgecolors="black", linewidths=0.5)
    for n in nodes:
        x, y = pos[n]
        ax.annotate(labels.get(n, n), (x, y), xytext=(0, sizes[n] ** 0.5 / 2 + 2), textcoords="offset points",
                    ha="center",
                    va="bottom", fontsize=8,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    used = [t for t in ACTOR_TYPES if t in {types.get(n) for n in nodes}]
    ax.legend(handles=[Line2D([], [], marker="o", ls="", color=type_colour[t], mec="black", label=t) for t in used],
              loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=min(len(used), 4), fontsize=7, frameon=False)
    ax.margins(0.18)
    ax.set_axis_off()
    fig.tight_layout()
    return fig
