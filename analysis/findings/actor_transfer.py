"""Sentences about the actor matcher on the transfer set (articles from other outlets)."""

from __future__ import annotations

import pandas as pd

from analysis.errors import require_columns
from analysis.formatting import count_noun

__all__ = ["describe_actor_transfer", "describe_reader_agreement", "transfer_type_table"]


def describe_actor_transfer(figures: tuple[pd.DataFrame, int] | None, *, label: str, goal: float) -> str:
    """The transfer figures in a sentence, labelled; or, once, that the set is absent.

    ``figures`` as from :func:`analysis.evidence.actor_transfer.actor_transfer_figures`;
    ``label`` names the set; ``goal`` is the precision and recall aimed at.

    Example
    -------
    >>> t = pd.DataFrame({"group": ["all"], "gold": [10], "predicted": [9], "correct": [9],
    ...                   "precision": [1.0], "recall": [0.9]})
    >>> describe_actor_transfer((t, 2), label="transfer set", goal=0.95)
    'On the transfer set, 2 articles with 10 annotated mentions, the package’s gazetteer has precision 1.000 and recall 0.900; the goal is 0.95 for each, so recall falls short.'
    >>> describe_actor_transfer(None, label="transfer set", goal=0.95)[:40]
    'The transfer set is not with this copy o'
    """
    if figures is None:
        return (
            f"The {label} is not with this copy of the package (it lives in the repository's "
            "`tests/transfer`), so there are no transfer figures here."
        )
    scores, n_articles = figures
    require_columns(scores, ["group", "gold", "precision", "recall"], "describe_actor_transfer()", "figures")
    total = scores.set_index("group").loc["all"]
    short = [name for name in ("precision", "recall") if total[name] < goal]
    verdict = (
        "both meet it" if not short else f"so {' and '.join(short)} {'falls' if len(short) == 1 else 'fall'} short"
    )
    return (
        f"On the {label}, {count_noun(n_articles, 'article')} with {int(total['gold'])} annotated mentions, the "
        f"package’s gazetteer has precision {total['precision']:.3f} and recall {total['recall']:.3f}; the goal "
        f"is {goal:.2f} for each, {verdict}."
    )


def describe_reader_agreement(agreement: pd.DataFrame | None) -> str:
    """The agreement of two readers on a transfer set's actor mentions, in a sentence; or that there is one reader.

    ``agreement`` as from :func:`analysis.evidence.actor_transfer.actor_transfer_agreement`.

    Example
    -------
    >>> t = pd.DataFrame({"match": ["span and actor", "span only"], "articles": [3, 3], "first": [40, 40],
    ...                   "second": [41, 41], "agreed": [38, 39], "precision": [.93, .95], "recall": [.95, .975],
    ...                   "f1": [0.94, 0.96]})
    >>> describe_reader_agreement(t)
    'A second reader annotated 3 articles again without seeing the first reading: the two agree on 38 mentions, actor included, of 40 by the first reader and 41 by the second (F1 0.940; 0.960 on the spans alone). The rule’s list of hard cases was written from these articles, so this shows the rule applied twice alike, not how far two new readers would agree.'
    >>> describe_reader_agreement(None)
    'One reader annotated the transfer set; there is no agreement figure for it.'
    """
    if agreement is None:
        return "One reader annotated the transfer set; there is no agreement figure for it."
    require_columns(agreement, ["match", "articles", "first", "second", "agreed", "f1"], "describe_reader_agreement()")
    rows = agreement.set_index("match")
    both, spans = rows.loc["span and actor"], rows.loc["span only"]
    return (
        f"A second reader annotated {count_noun(int(both['articles']), 'article')} again without seeing the first "
        f"reading: the two agree on {count_noun(int(both['agreed']), 'mention')}, actor included, of {int(both['first'])} by the "
        f"first reader and {int(both['second'])} by the second (F1 {both['f1']:.3f}; {spans['f1']:.3f} on the spans "
        "alone). The rule’s list of hard cases was written from these articles, so this shows the rule applied "
        "twice alike, not how far two new readers would agree."
    )


def transfer_type_table(scores: pd.DataFrame) -> pd.DataFrame:
    """The transfer scores by actor type and by whether the annotated actor was in the gazetteer, for display.

    Example
    -------
    >>> t = pd.DataFrame({"group": ["all", "type: state"], "gold": [3, 3], "predicted": [3, 3], "correct": [2, 2],
    ...                   "precision": [2 / 3, 2 / 3], "recall": [2 / 3, 2 / 3]})
    >>> transfer_type_table(t)["group"].tolist()
    ['all', 'state']
    """
    require_columns(scores, ["group", "gold", "predicted", "correct", "precision", "recall"], "transfer_type_table()")
    out = scores.assign(group=scores["group"].str.replace("type: ", "", regex=False))
    return out[["group", "gold", "predicted", "correct", "precision", "recall"]].round(3)
