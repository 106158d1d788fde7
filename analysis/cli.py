"""The command line: ``python -m analysis <command>``.

Commands (more can be added as subparsers):

``check [CORPUS] [--max-article-bytes N]``
    Load and validate a corpus folder (default ``$CORPUS_DIR``, else the package's ``corpus/``) the way
    the book does. On success it prints notes (articles published outside their crisis's window,
    characters normalised) and ends with a one-line summary; it exits 0. On bad input the last lines are
    the problems, one per line, each naming file, row and field; it exits 1. No traceback either way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from analysis.clean import character_audit
from analysis.corpus import date_audit, load_corpus, load_crises, load_events, load_outlets, resolve_corpus_dir
from analysis.errors import AnalysisError, Problem
from analysis.files import MAX_ARTICLE_BYTES
from analysis.formatting import count_noun

__all__ = ["build_parser", "check", "main"]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of bytes above 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subparser per command.

    Example
    -------
    >>> build_parser().parse_args(["check", "my-corpus"]).corpus
    'my-corpus'
    """
    parser = argparse.ArgumentParser(prog="python -m analysis", description="The crisis-coverage analysis package.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="load and validate a corpus folder", description=check.__doc__)
    check_parser.add_argument("corpus", nargs="?", help="the corpus folder (default: $CORPUS_DIR, else corpus/)")
    check_parser.add_argument(
        "--max-article-bytes",
        type=_positive,
        default=MAX_ARTICLE_BYTES,
        metavar="N",
        help=f"the largest article file read, in bytes (default {MAX_ARTICLE_BYTES:,})",
    )
    check_parser.set_defaults(run=check)
    return parser


def _problems(*loaders: Callable[[], object]) -> list[Problem]:
    """Every problem the loaders raise, each once, in order."""
    found: dict[str, Problem] = {}
    for load in loaders:
        try:
            load()
        except AnalysisError as error:
            for problem in error.problems:
                found.setdefault(str(problem), problem)
    return list(found.values())


def check(args: argparse.Namespace) -> int:
    """Load and validate a corpus: notes and a summary on success, the problems on failure."""
    try:
        folder = resolve_corpus_dir(args.corpus)
    except AnalysisError as error:
        print(*error.problems, sep="\n", file=sys.stderr)
        return 1
    loaded = {}

    def corpus():
        loaded["corpus"] = load_corpus(folder, max_article_bytes=args.max_article_bytes)

    problems = _problems(corpus, lambda: load_events(folder), lambda: load_outlets(folder))
    if problems:
        sys.stdout.flush()
        print(f"{folder}: {count_noun(len(problems), 'problem')}:", file=sys.stderr)
        print(*problems, sep="\n", file=sys.stderr)
        return 1
    table = loaded["corpus"]
    for row in date_audit(table, load_crises(folder)).itertuples(index=False):
        print(f"note: {row.id}: {row.note}")
    for row in character_audit(table).itertuples(index=False):
        print(f"note: {row.id}: {count_noun(row.count, row.kind)} {row.character} ({row.name}) {row.action}")
    outlets, crises = table["outlet"].nunique(), table["crisis"].nunique()
    print(
        f"{folder}: {count_noun(len(table), 'article')} from {count_noun(outlets, 'outlet')} "
        f"on {crises} {'crisis' if crises == 1 else 'crises'}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Example
    -------
    >>> main(["check"])  # doctest: +ELLIPSIS
    note: ...
    .../corpus: 5 articles from 5 outlets on 2 crises
    0
    """
    args = build_parser().parse_args(argv)
    return args.run(args)
