"""The gazetteer: the actors a corpus can mention and the strings that name them.

A gazetteer (``analysis/data/actors.yaml`` by default; any corpus can pass its
own) lists each actor with an id, label, type (:data:`analysis.vocabulary.ACTOR_TYPES`),
country and aliases. :func:`load_gazetteer` validates a file whole and compiles
each alias into a pattern; :func:`find_mentions <analysis.actors.matching.find_mentions>`
applies them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from analysis.errors import AnalysisInputError, DataFileError, Problem
from analysis.text import fold, normalize
from analysis.vocabulary import ACTOR_TYPES

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")


_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


_ALIAS_KEYS = {"pattern", "regex", "case", "kind", "followed_by", "preceded_by", "not_followed_by", "not_preceded_by"}


_CONTEXTS = ("followed_by", "preceded_by", "not_followed_by", "not_preceded_by")


_KINDS = {"name", "capital", "abbreviation", "surname", "variant", "handle", "flag"}


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
            problems.append(
                Problem(name, row, "type", f"actor {actor!r}: unknown type {typ!r} (one of {list(ACTOR_TYPES)})")
            )
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
                alias, found = _parse_alias(
                    raw, name=name, row=row, fld=f"{fld}[{j}]", actor=actor, demonym=is_demonym, order=order
                )
                problems.extend(found)
                if alias is None:
                    continue
                key = _alias_key(alias)
                if key in keys and keys[key][0] != actor:
                    other, other_row = keys[key]
                    problems.append(
                        Problem(
                            name,
                            row,
                            f"{fld}[{j}]",
                            f"alias {alias.pattern!r} of actor {actor!r} also names actor "
                            f"{other!r} (entry {other_row})",
                        )
                    )
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


#: The gazetteer option, one of ``None`` (the shipped ``actors.yaml``), a YAML path, a
#: mapping with the file's structure, or a :class:`Gazetteer`.
GazetteerArg = Gazetteer | dict | str | os.PathLike | None


def resolve_gazetteer(gazetteer: GazetteerArg) -> Gazetteer:
    """The :class:`Gazetteer` for a ``gazetteer`` option (see :data:`GazetteerArg`).

    Example
    -------
    >>> resolve_gazetteer(None) is resolve_gazetteer(None)
    True
    """
    if gazetteer is None:
        return _default_gazetteer()
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    if isinstance(gazetteer, dict):
        return _build(gazetteer, "<gazetteer mapping>")
    if isinstance(gazetteer, (str, os.PathLike)):
        return load_gazetteer(gazetteer)
    raise AnalysisInputError(
        Problem("find_mentions()", None, "gazetteer", "must be None, a path, a mapping or a Gazetteer")
    )
