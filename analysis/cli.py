"""The command line: ``python -m analysis <command>``.

Commands (more can be added as subparsers):

``add PAGE.html --crisis KEY [--outlet NAME] [--url URL] [--published DATE] [--title T] [--genre G] [--corpus DIR]``,
``add --from-dir DIR --crisis KEY ...``
    Extract the article of saved web pages offline (trafilatura) and add each to the corpus folder:
    ``articles/<id>.txt`` and a ``metadata.csv`` row, validated as the book loads them; a duplicate is
    refused and no file is overwritten (:func:`analysis.importing.add_page`).

``sample --kind sentiment|frames|actors --n N [--seed S] [--out FILE] [CORPUS]``
    Write a blinded sample of the corpus to label by hand, in the gold files' layout
    (:func:`analysis.evidence.sampling.labelling_sample`); by default ``<corpus>/gold/to_label_<kind>.csv``.

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
from pathlib import Path

from analysis.clean import character_audit
from analysis.corpus import date_audit, load_corpus, load_crises, load_events, load_outlets, resolve_corpus_dir
from analysis.errors import AnalysisError, Problem
from analysis.evidence.sampling import SAMPLE_KINDS, labelling_sample, write_sample
from analysis.evidence.versions import MANIFEST, stamp_articles
from analysis.files import MAX_ARTICLE_BYTES
from analysis.formatting import count_noun
from analysis.importing import add_page

__all__ = ["add", "build_parser", "check", "main", "sample"]


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

    add_parser = commands.add_parser("add", help="add saved web pages to a corpus folder", description=add.__doc__)
    add_parser.add_argument("pages", nargs="*", help="saved HTML pages")
    add_parser.add_argument("--from-dir", metavar="DIR", help="add every .html/.htm file of DIR")
    add_parser.add_argument("--crisis", required=True, help="the crisis key (crises.csv)")
    add_parser.add_argument("--outlet", help="the outlet's name (default: the page's site name)")
    add_parser.add_argument("--url", help="the page's address (default: the page's canonical URL)")
    add_parser.add_argument("--published", help="YYYY-MM-DD (default: the page's date)")
    add_parser.add_argument("--title", help="the article's title (default: the page's)")
    add_parser.add_argument("--genre", default="news", help="news, analysis, opinion, feature or editorial")
    add_parser.add_argument("--corpus", help="the corpus folder (default: $CORPUS_DIR, else corpus/)")
    add_parser.set_defaults(run=add)

    sample_parser = commands.add_parser("sample", help="write a blinded sample to label", description=sample.__doc__)
    sample_parser.add_argument("corpus", nargs="?", help="the corpus folder (default: $CORPUS_DIR, else corpus/)")
    sample_parser.add_argument("--kind", required=True, choices=sorted(SAMPLE_KINDS))
    sample_parser.add_argument("--n", type=int, required=True, help="how many units")
    sample_parser.add_argument("--seed", type=int, default=1)
    sample_parser.add_argument("--out", help="the CSV file to write (never overwritten)")
    sample_parser.set_defaults(run=sample)
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


def add(args: argparse.Namespace) -> int:
    """Add saved pages to a corpus folder, one at a time; a page that fails is reported and left out."""
    pages = [Path(p) for p in args.pages]
    if args.from_dir:
        folder = Path(args.from_dir)
        if not folder.is_dir():
            print(f"{folder}: not a folder", file=sys.stderr)
            return 1
        pages += sorted(p for p in folder.iterdir() if p.suffix.lower() in {".html", ".htm"})
    if not pages:
        print("add: give saved pages or --from-dir DIR", file=sys.stderr)
        return 1
    from tqdm import tqdm

    failed = []
    for page in tqdm(pages, desc="adding pages", unit="page", disable=len(pages) < 2, file=sys.stderr):
        try:
            row = add_page(
                page,
                crisis=args.crisis,
                corpus_dir=args.corpus,
                outlet=args.outlet,
                url=args.url,
                published=args.published,
                title=args.title,
                genre=args.genre,
            )
        except AnalysisError as error:
            failed += error.problems
            continue
        print(f"added {row['id']}: {row['outlet']}, {row['published']}, {row['title']!r}")
    if failed:
        print(f"{count_noun(len(failed), 'problem')}:", *failed, sep="\n", file=sys.stderr)
        return 1
    return 0


def sample(args: argparse.Namespace) -> int:
    """Write a blinded sample of a corpus to label by hand."""
    try:
        folder = resolve_corpus_dir(args.corpus)
        table = load_corpus(folder)
        picked = labelling_sample(table, kind=args.kind, n=args.n, seed=args.seed)
        out = Path(args.out) if args.out else folder / "gold" / f"to_label_{args.kind}.csv"
        if out.exists():
            print(f"{out}: exists; not overwritten (give --out)", file=sys.stderr)
            return 1
        write_sample(picked, out)
        stamp_articles(picked["id"], corpus_dir=folder)
    except AnalysisError as error:
        print(*error.problems, sep="\n", file=sys.stderr)
        return 1
    print(
        f"wrote {count_noun(len(picked), 'unit')} to label to {out} (labels go in {SAMPLE_KINDS[args.kind]}); "
        f"the sampled articles' versions are recorded in gold/{MANIFEST}"
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
