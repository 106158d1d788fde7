"""A corpus folder's own settings for its book: ``book.yaml`` beside ``metadata.csv`` (optional).

Everything a page says about the corpus as a whole that cannot be computed
from its articles comes from here, so that no page prints one corpus's
title or background about another:

.. code-block:: yaml

    title: "Two crises of 2024"            # the book's title on its first page
    subtitle: "How outlets covered ..."    # one line under it
    overview: |                            # Markdown-free prose: why these crises, what they were
      ...
    colors:                                # fixed colours (optional); others are assigned
      outlets: {"Outlet name": "#RRGGBB"}
      crises: {"crisis-key": "#RRGGBB"}
    focus:                                 # optional: one country whose role the book follows
      country: "PK"                        # its two-letter code, as in the gazetteer's country field
      premise: |                           # optional prose: the role it is expected to play
        ...
    cleaning: none                         # optional: text that arrives clean (an API export);
                                           # or {keep: [standfirst]}: categories kept as text

``cleaning`` is read by :func:`analysis.corpus.load_corpus` too (through
:func:`analysis.clean.read_cleaning`): with ``none`` no line of any article is
removed, and :func:`analysis.clean.cleaning_audit` says so, and why.

Without the file, the title is :data:`DEFAULT_TITLE`, there is no subtitle,
the overview is built from ``crises.csv`` by the chapters, every colour
is assigned, and the sections on a focus country's role say once that the
corpus names none. The file is validated whole: an unknown key, a wrong type or a
colour that is not ``#RRGGBB`` raises :class:`~analysis.errors.CorpusError`
naming the file and the field.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.clean import CleaningChoice
from analysis.clean_rules import parse_cleaning
from analysis.corpus import resolve_corpus_dir
from analysis.errors import CorpusError, Problem

#: The settings file's name in a corpus folder.
BOOK_FILE = "book.yaml"
#: The title of a book whose corpus has no ``book.yaml`` title.
DEFAULT_TITLE = "How news outlets covered the crises of this corpus"
_KEYS = {"title", "subtitle", "overview", "colors", "focus", "cleaning"}
_FOCUS_KEYS = {"country", "premise"}
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class BookSettings:
    """The settings of one corpus's book (see the module docstring for the file).

    Attributes
    ----------
    title
        The book's title, on the first page.
    subtitle
        A line under the title (may be empty).
    overview
        The first page's overview (may be empty).
    outlet_colors
        Fixed colours by outlet name (``#RRGGBB``); may be empty.
    crisis_colors
        Fixed colours by crisis key (``#RRGGBB``); may be empty.
    focus_country
        The two-letter code of the country whose role the book follows (empty when the corpus names none).
    focus_premise
        The role that country is expected to play, from book.yaml (may be empty).
    cleaning
        How the articles are cleaned (:class:`analysis.clean.CleaningChoice`): the rules,
        ``none``, or the rules with some categories kept as text.
    source
        The file read, or ``None`` when the corpus has none.
    """

    title: str = DEFAULT_TITLE
    subtitle: str = ""
    overview: str = ""
    outlet_colors: dict[str, str] = field(default_factory=dict)
    crisis_colors: dict[str, str] = field(default_factory=dict)
    focus_country: str = ""
    focus_premise: str = ""
    cleaning: CleaningChoice = field(default_factory=CleaningChoice)
    source: Path | None = None


def _text(data: dict, key: str, name: str, problems: list[Problem]) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(Problem(name, None, key, f"must be text, not {type(value).__name__}"))
        return ""
    return " ".join(value.split())


def _colours(data: dict, section: str, name: str, problems: list[Problem]) -> dict[str, str]:
    mapping = (data.get("colors") or {}).get(section) or {}
    if not isinstance(mapping, dict):
        problems.append(Problem(name, None, f"colors.{section}", "must map names to '#RRGGBB' colours"))
        return {}
    out = {}
    for key, colour in mapping.items():
        if not (isinstance(colour, str) and _COLOUR.match(colour)):
            problems.append(Problem(name, None, f"colors.{section}", f"{key!r}: {colour!r} is not '#RRGGBB'"))
            continue
        out[str(key)] = colour.upper()
    taken = {}
    for key, colour in out.items():
        if colour in taken:
            problems.append(
                Problem(name, None, f"colors.{section}", f"{key!r} and {taken[colour]!r} share the colour {colour}")
            )
        taken[colour] = key
    return out


def _focus(data: dict, name: str, problems: list[Problem]) -> tuple[str, str]:
    focus = data.get("focus")
    if focus is None:
        return "", ""
    if not isinstance(focus, dict):
        problems.append(Problem(name, None, "focus", "must be a mapping with 'country' and optionally 'premise'"))
        return "", ""
    problems += [
        Problem(name, None, f"focus.{k}", "unknown field (country, premise)") for k in focus if k not in _FOCUS_KEYS
    ]
    country = focus.get("country")
    if not (isinstance(country, str) and _COUNTRY.match(country.strip().upper())):
        problems.append(Problem(name, None, "focus.country", f"{country!r} is not a two-letter country code"))
        return "", ""
    return country.strip().upper(), _text({"focus.premise": focus.get("premise")}, "focus.premise", name, problems)


def load_settings(corpus_dir: str | os.PathLike | None = None) -> BookSettings:
    """Read and validate the corpus folder's ``book.yaml``; the defaults when there is none.

    Example
    -------
    >>> s = load_settings()
    >>> bool(s.title), s.source.name
    (True, 'book.yaml')
    """
    folder = resolve_corpus_dir(corpus_dir)
    path = folder / BOOK_FILE
    if not path.exists():
        return BookSettings()
    name = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CorpusError(Problem(name, None, None, f"cannot be read as YAML ({exc})")) from None
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise CorpusError(Problem(name, None, None, "must be a mapping of settings"))
    problems = [
        Problem(name, None, key, f"unknown setting (known: {sorted(_KEYS)})") for key in data if key not in _KEYS
    ]
    if "colors" in data and data["colors"] is not None and not isinstance(data["colors"], dict):
        problems.append(Problem(name, None, "colors", "must have 'outlets' and/or 'crises' mappings"))
        data = {**data, "colors": {}}
    unknown = set(data.get("colors") or {}) - {"outlets", "crises"}
    problems += [Problem(name, None, f"colors.{k}", "unknown section (outlets, crises)") for k in sorted(unknown)]
    focus_country, focus_premise = _focus(data, name, problems)
    try:
        cleaning = parse_cleaning(data.get("cleaning"), name=name)
    except CorpusError as exc:
        problems += exc.problems
        cleaning = CleaningChoice()
    settings = BookSettings(
        title=_text(data, "title", name, problems) or DEFAULT_TITLE,
        subtitle=_text(data, "subtitle", name, problems),
        overview=_text(data, "overview", name, problems),
        outlet_colors=_colours(data, "outlets", name, problems),
        crisis_colors=_colours(data, "crises", name, problems),
        focus_country=focus_country,
        focus_premise=focus_premise,
        cleaning=cleaning,
        source=path,
    )
    if problems:
        raise CorpusError(problems)
    return settings
