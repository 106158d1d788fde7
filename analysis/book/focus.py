"""The focus country: the one country whose role the actors and comparison chapters follow.

A corpus names it in its ``book.yaml`` (``focus: country: PK``, see
:mod:`analysis.settings`); the book takes its name from the gazetteer, so a
page never names a country that the corpus's settings did not choose. Without
a focus country the two sections say so once and show no table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.actors import Gazetteer, country_role
from analysis.book.tables import country_display, html_table_if_rows
from analysis.compare import country_profile, share_thresholds
from analysis.contrasts import ALPHA, COUNTRY_SIGNS, country_units, share_contrasts
from analysis.errors import CorpusError, Problem
from analysis.findings import describe_country, describe_country_role, describe_role, describe_share_thresholds
from analysis.formatting import format_share
from analysis.pipeline import Analysis
from analysis.settings import BookSettings

#: What both sections say when the corpus's settings name no focus country.
NO_FOCUS = (
    "This corpus's settings name no focus country (a country code under focus in its book.yaml), "
    "so the book follows no single country's role."
)
#: The columns of :func:`~analysis.contrasts.share_contrasts`, for a corpus without a focus country.
_NO_SIGNS = pd.DataFrame(columns=["measure", "a", "b"])


@dataclass(frozen=True)
class Focus:
    """A focus country: its two-letter ``code``, its ``name`` in the gazetteer, and the ``premise`` from book.yaml."""

    code: str
    name: str
    premise: str = ""


@dataclass(frozen=True)
class RoleSection:
    """What a chapter shows about the focus country: sentences, an optional table, and the tested signs.

    ``signs`` has the columns of :func:`~analysis.contrasts.share_contrasts` (no rows without a focus country);
    ``table`` is an HTML table, or ``None`` when there is nothing to show; ``change`` says what added
    articles would make each sign undetectable (:func:`~analysis.findings.verdicts.describe_share_thresholds`).
    """

    text: str
    verdict: str
    table: object | None
    signs: pd.DataFrame
    change: str = ""


def focus_country(settings: BookSettings, gazetteer: Gazetteer) -> Focus | None:
    """The corpus's focus country, named as the gazetteer's state with that code; ``None`` when there is none.

    Raises :class:`~analysis.errors.CorpusError` naming ``book.yaml`` and
    ``focus.country`` when the gazetteer has no state with the code.

    Example
    -------
    >>> from analysis.actors import load_gazetteer
    >>> from analysis.settings import BookSettings
    >>> focus_country(BookSettings(focus_country="PK"), load_gazetteer()).name
    'Pakistan'
    >>> focus_country(BookSettings(), load_gazetteer()) is None
    True
    """
    if not settings.focus_country:
        return None
    actors = gazetteer.actors
    states = actors[(actors["type"] == "state") & (actors["country"] == settings.focus_country)]
    if states.empty:
        where = str(settings.source) if settings.source else "book.yaml"
        raise CorpusError(
            Problem(where, None, "focus.country", f"no state in the gazetteer has the code {settings.focus_country!r}")
        )
    return Focus(code=settings.focus_country, name=str(states["label"].iloc[0]), premise=settings.focus_premise)


def comparison_section(analysis: Analysis, focus: Focus | None, *, labels: dict | None = None) -> RoleSection:
    """The comparison chapter's section on the focus country, per crisis: profile, tested signs and table.

    Example
    -------
    >>> from analysis.corpus import load_corpus
    >>> from analysis.pipeline import analyse
    >>> section = comparison_section(analyse(load_corpus()), None)
    >>> section.text == NO_FOCUS, section.table is None, len(section.signs)
    (True, True, 0)
    """
    if focus is None:
        return RoleSection(text=NO_FOCUS, verdict="", table=None, signs=_NO_SIGNS, change=NO_FOCUS)
    profile = country_profile(analysis, focus.code, by="crisis")
    units = country_units(analysis, focus.code, by="crisis")
    signs = share_contrasts(units)
    thresholds = share_thresholds(units, signs, signs=COUNTRY_SIGNS, alpha=ALPHA)
    table = html_table_if_rows(
        country_display(profile, group="crisis", labels=labels),
        caption=f"Actors belonging to {focus.name} per crisis, and the sentences that name them: "
        "tone and escalation words.",
    )
    return RoleSection(
        text=describe_country(profile, name=focus.name, labels=labels),
        verdict=describe_country_role(signs, name=focus.name, labels=labels),
        table=table,
        signs=signs,
        change=describe_share_thresholds(thresholds, signs, name=focus.name, labels=labels),
    )


def cast_section(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    focus: Focus | None,
    *,
    gazetteer: Gazetteer,
    labels: dict | None = None,
) -> RoleSection:
    """The actors chapter's section on how the focus country is cast in each crisis: sentences and table.

    ``mentions`` from :func:`~analysis.actors.matching.find_mentions` over ``corpus``.
    The section has no tested signs (``signs`` is empty): the comparison chapter tests them.

    Example
    -------
    >>> from analysis.actors import find_mentions, load_gazetteer
    >>> corpus = pd.DataFrame({"id": ["a"], "crisis": ["k"], "text": ["Pakistan said Iran erred."]})
    >>> gaz = load_gazetteer()
    >>> section = cast_section(find_mentions(corpus, gazetteer=gaz), corpus, Focus("PK", "Pakistan"), gazetteer=gaz)
    >>> section.text.split(",")[0]
    'In k (1 article)'
    """
    if focus is None:
        return RoleSection(text=NO_FOCUS, verdict="", table=None, signs=_NO_SIGNS)
    labels = labels or {}
    role = country_role(mentions, corpus, focus.code, by="crisis", gazetteer=gazetteer)
    shown = role.assign(
        crisis=role["crisis"].map(lambda k: labels.get(k, k)),
        share=role["share"].map(format_share),
        quoted_share=role["quoted_share"].map(format_share),
    ).rename(
        columns={
            "share": "share of mentions",
            "state_rank": "rank among countries",
            "via_bodies": "bodies and officials",
            "quoted_share": "share in quotations",
            "first_in": "articles naming it first",
        }
    )
    table = html_table_if_rows(shown, caption=f"Actors belonging to {focus.name}, per crisis.")
    return RoleSection(
        text=describe_role(role, name=focus.name, by="crisis", group_labels=labels),
        verdict="",
        table=table,
        signs=_NO_SIGNS,
    )


def focus_premise(focus: Focus | None) -> str:
    """The sentence that names the focus country and, where book.yaml gives one, its expected role.

    Example
    -------
    >>> focus_premise(Focus("TD", "Chad", "Chad was a party to the first crisis."))
    'Here it is Chad. Chad was a party to the first crisis.'
    >>> focus_premise(None) == NO_FOCUS
    True
    """
    if focus is None:
        return NO_FOCUS
    return f"Here it is {focus.name}." + (f" {focus.premise}" if focus.premise else "")


def focus_heading_name(focus: Focus | None) -> str:
    """The name a download or table uses for the focus country's contrasts.

    Example
    -------
    >>> focus_heading_name(Focus("TD", "Chad")), focus_heading_name(None)
    ("Chad's role", 'focus country (none)')
    """
    return f"{focus.name}'s role" if focus else "focus country (none)"
