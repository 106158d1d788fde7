"""The command line: ``python -m analysis <command>``.

Commands (more can be added as subparsers):

``add PAGE.html --crisis KEY [--outlet NAME] [--url URL] [--published DATE] [--title T] [--genre G] [--corpus DIR]``
    (or ``add --from-dir DIR --crisis KEY ...``). Extract the article of saved web pages offline (trafilatura) and add each to the corpus folder:
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

``run [CORPUS] --out DIR [--jobs N] [--engine local|dask] [--scheduler ADDRESS] [--csv]``
    Analyse a corpus folder into a results folder (:mod:`analysis.batch`): every article's mentions,
    scored sentences and frame hits, and the keyness tables, as Parquet (and CSV with ``--csv``).
    Articles whose results the folder already holds are reused, not computed. Progress bars go to
    standard error; the last line says how many articles were computed and reused. A corpus that
    does not load gives its problems, as ``check`` does, and exit status 1.

``book [CORPUS] [--root DIR] [--no-wait] [--jupyter-book PATH]``
    Build the corpus's book, safely (what ``make book`` runs). When the inputs' hash equals the one the
    output's last build saved (``.book-inputs``), it says the book is up to date and stops: those inputs
    passed the check when that book was built. Otherwise it first checks the corpus as ``check`` does:
    on bad input the problems end the output, exit status 1, before anything else. The root's own
    ``corpus/`` builds ``_build/html``; any other corpus ``_build/<name>-<hash of its path>/html``, so two
    corpora never mix. A lock (``.html.lock`` beside the output) lets one build of an output run at a
    time: a second waits, saying so, or with ``--no-wait`` fails; once it has the lock it looks at the
    saved hash again (the build it waited for may be this one). Then it runs the batch step into
    ``_build/results/<name>-<hash>``, builds with ``jupyter-book build --all`` into a fresh temporary folder beside the output (the CSV downloads
    go into that folder's ``html/_downloads``, named by ``$ANALYSIS_DOWNLOADS``), and only when the
    build succeeded saves the hash in it and moves it in place. A failed build leaves the previous
    book marked stale (a ``STALE`` file, a banner on every page, no saved hash), and ends with the
    build's error lines and exit status 1.

``book-hash [CORPUS] [--root DIR] [--check FILE | --save FILE | --results-dir | --list]``
    The hash of everything a book build reads (:mod:`analysis.inputs`). ``--check FILE`` exits 0,
    saying the book is up to date, when FILE holds the same hash; otherwise it keeps the hash in
    ``FILE.pending`` and exits 1. ``--save FILE`` moves ``FILE.pending`` to FILE once the build has
    succeeded. ``--results-dir`` prints the folder that ``make book`` keeps the corpus's batch
    results in; ``--list`` prints each input and its SHA-256.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from analysis.batch import ENGINES, run_batch
from analysis.clean import character_audit
from analysis.corpus import date_audit, load_corpus, load_crises, load_events, load_outlets, resolve_corpus_dir
from analysis.errors import AnalysisError, Problem
from analysis.evidence.sampling import SAMPLE_KINDS, labelling_sample, write_sample
from analysis.evidence.versions import MANIFEST, stamp_articles
from analysis.files import MAX_ARTICLE_BYTES
from analysis.formatting import count_noun
from analysis.importing import add_page
from analysis.inputs import book_hash, book_inputs, pending_path, results_dir, saved_hash

__all__ = [
    "add",
    "book",
    "book_errors",
    "book_hash_command",
    "book_output",
    "build_parser",
    "check",
    "main",
    "run",
    "sample",
]


def _positive(text: str, *, what: str = "bytes") -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of {what} above 0")
    return value


def _processes(text: str) -> int:
    return _positive(text, what="processes")


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

    run_parser = commands.add_parser("run", help="analyse a corpus into a results folder", description=run.__doc__)
    run_parser.add_argument("corpus", nargs="?", help="the corpus folder (default: $CORPUS_DIR, else corpus/)")
    run_parser.add_argument("--out", required=True, metavar="DIR", help="the results folder (made if missing)")
    run_parser.add_argument(
        "--jobs", type=_processes, default=1, metavar="N", help="processes (or local Dask workers) to use (default 1)"
    )
    run_parser.add_argument(
        "--engine", choices=ENGINES, default="local", help="how to run the articles (default local)"
    )
    run_parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: a running scheduler (default: a local cluster)"
    )
    run_parser.add_argument("--csv", action="store_true", help="also write every table as CSV in DIR/csv/")
    run_parser.add_argument("--gazetteer", metavar="PATH", help="an actor gazetteer (default: the shipped one)")
    run_parser.add_argument("--frames", metavar="PATH", help="a frame dictionary (default: the shipped one)")
    run_parser.set_defaults(run=run)
    book_parser = commands.add_parser("book", help="build the corpus's book, atomically", description=book.__doc__)
    book_parser.add_argument("corpus", nargs="?", help="the corpus folder (default: $CORPUS_DIR, else corpus/)")
    book_parser.add_argument("--root", default=".", metavar="DIR", help="the book's folder (default: here)")
    book_parser.add_argument("--no-wait", action="store_true", help="fail at once when a build of the output runs")
    book_parser.add_argument(
        "--jupyter-book", metavar="PATH", help="the jupyter-book program (default: the one beside this Python)"
    )
    book_parser.set_defaults(run=book)
    hash_parser = commands.add_parser(
        "book-hash", help="hash the book's inputs; check or save it", description=book_hash_command.__doc__
    )
    hash_parser.add_argument("corpus", nargs="?", help="the corpus folder (default: $CORPUS_DIR, else corpus/)")
    hash_parser.add_argument("--root", default=".", metavar="DIR", help="the book's folder (default: here)")
    action = hash_parser.add_mutually_exclusive_group()
    action.add_argument("--check", metavar="FILE", help="exit 0 if FILE holds the same hash, else keep it pending")
    action.add_argument("--save", metavar="FILE", help="save the pending hash in FILE (after a good build)")
    action.add_argument("--results-dir", action="store_true", help="print the folder of the corpus's batch results")
    action.add_argument("--list", action="store_true", help="print every input and its SHA-256")
    hash_parser.set_defaults(run=book_hash_command)
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


def _fail(error: AnalysisError, where: object | None = None) -> int:
    """Print an error's problems to standard error, last, with no traceback; return 1."""
    sys.stdout.flush()
    if where is not None:
        print(f"{where}: {count_noun(len(error.problems), 'problem')}:", file=sys.stderr)
    print(*error.problems, sep="\n", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    """Analyse a corpus into a results folder, reusing the articles it already holds; say how many were computed."""
    if args.scheduler and args.engine != "dask":
        print("--scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        folder = resolve_corpus_dir(args.corpus)
        summary = run_batch(
            folder,
            out=args.out,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            csv=args.csv,
            gazetteer=args.gazetteer,
            frames=args.frames,
        )
    except AnalysisError as error:
        return _fail(error, locals().get("folder"))
    print(f"{summary.corpus_dir}: {summary.describe()} in {summary.seconds:.1f} s; results in {summary.out}")
    return 0


def book_hash_command(args: argparse.Namespace) -> int:
    """Hash everything a book build reads; with --check, say whether the last build saw the same inputs."""
    root = Path(args.root).resolve()
    try:
        if args.save:
            pending = pending_path(args.save)
            if not pending.is_file():
                print(
                    f"{pending}: no pending hash (run book-hash --check {args.save} before the build)", file=sys.stderr
                )
                return 1
            os.replace(pending, args.save)
            return 0
        folder = resolve_corpus_dir(args.corpus)
        if args.results_dir:
            print(results_dir(root, folder).resolve())
            return 0
        if args.list:
            for row in book_inputs(root, corpus_dir=folder).itertuples(index=False):
                print(f"{row.sha256}  {row.input}")
            return 0
        current = book_hash(root, corpus_dir=folder)
    except AnalysisError as error:
        return _fail(error)
    if not args.check:
        print(current)
        return 0
    if saved_hash(args.check) == current:
        print(f"The book is up to date: no input changed since its last build ({current[:12]}).")
        return 0
    pending = pending_path(args.check)
    pending.parent.mkdir(parents=True, exist_ok=True)
    pending.write_text(current + "\n", encoding="utf-8")
    print(f"The book's inputs changed since its last build (or it has none): building ({current[:12]}).")
    return 1


#: The file in a built book that holds the hash of the inputs it was built from (book-hash).
BOOK_STAMP = ".book-inputs"
#: The file that marks a book whose last build failed; its text says when and why.
STALE_MARK = "STALE"
#: What ``python -m analysis book`` passes to ``jupyter-book build`` (every chapter executed on every build).
BOOK_BUILD_FLAGS = ("--all",)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_ERROR_LINE = re.compile(
    r"^(?:[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*?: \S.*|.*\b(?:WARNING|ERROR|CRITICAL)\b:? .+)$"
)


class _Busy(Exception):
    """Another build holds the output's lock and the caller would not wait."""


def book_output(root: str | os.PathLike, corpus_dir: str | os.PathLike) -> Path:
    """The HTML folder ``python -m analysis book`` builds for a corpus.

    The root's own ``corpus/`` gets ``<root>/_build/html`` (what the README, CI and tests open); any
    other folder ``<root>/_build/<name>-<hash of its path>/html``, so two corpora never share one.

    Example
    -------
    >>> book_output("/b", "/b/corpus").as_posix()
    '/b/_build/html'
    >>> out = book_output("/b", "/data/corpus")
    >>> out.parent.parent.as_posix(), out.parent.name.startswith("corpus-"), out.name
    ('/b/_build', True, 'html')
    """
    root, folder = Path(root).resolve(), Path(corpus_dir).resolve()
    if folder == (root / "corpus").resolve():
        return root / "_build" / "html"
    return root / "_build" / results_dir(root, folder).name / "html"


def book_errors(output: str, *, limit: int = 12) -> list[str]:
    """The lines of a build's output that say what went wrong: exception messages, warnings and errors.

    Colour codes are removed, each line is kept once (its last occurrence decides the order), at
    most the last ``limit``.

    Example
    -------
    >>> text = "Running Sphinx\\n\\x1b[0;31mValueError\\x1b[0m: boom\\nx.md: WARNING: odd\\nValueError: boom\\nbye"
    >>> book_errors(text)
    ['x.md: WARNING: odd', 'ValueError: boom']
    """
    found: dict[str, None] = {}
    for line in output.splitlines():
        line = _ANSI.sub("", line).strip()
        if _ERROR_LINE.match(line):
            found.pop(line, None)
            found[line] = None
    return list(found)[-limit:]


@contextlib.contextmanager
def _build_lock(out: Path, *, wait: bool):
    """Hold the output's lock file (``fcntl.flock``) for one build; wait for another build, or raise _Busy."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.with_name(f".{out.name}.lock"), "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown process"
            if not wait:
                print(f"book: another build of {out} is running ({holder}); not waiting (--no-wait)", file=sys.stderr)
                raise _Busy from None
            print(f"book: another build of {out} is running ({holder}); waiting for it to finish", flush=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, since {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M:%S} UTC\n")
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _mark_stale(out: Path, reason: str) -> str:
    """Mark the book in ``out`` as not current: no saved hash, a STALE file, a banner on every page."""
    if not (out / "index.html").is_file():
        return f"no book is left in {out}"
    (out / BOOK_STAMP).unlink(missing_ok=True)
    when = f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
    (out / STALE_MARK).write_text(f"The build of {when} failed: {reason}\n", encoding="utf-8")
    banner = (
        '<div id="stale-book" role="alert" style="background:#fde2e1;color:#000;padding:.5em 1em;'
        f'font-weight:bold">This book is out of date: its last build ({when}) failed. '
        "It shows an earlier build.</div>"
    )
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        if 'id="stale-book"' not in text:
            page.write_text(re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + banner, text, count=1), encoding="utf-8")
    return f"the previous book in {out} is kept but marked stale ({out / STALE_MARK}, a banner on every page)"


def _put_in_place(built: Path, out: Path, trash: Path) -> None:
    """Move a finished build's ``jupyter_execute`` and then ``html`` beside/into ``out``, replacing the old ones."""
    for name in ("jupyter_execute", "html"):
        source, target = built / name, out.parent / name
        if not source.exists():
            continue
        if target.exists():
            os.replace(target, trash / f"old-{name}")
        os.replace(source, target)


def _run_build(cmd: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run the build, passing its output through line by line; return its exit status and its output."""
    lines = []
    with subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as proc:
        for line in proc.stdout:
            sys.stdout.write(line)
            lines.append(line)
    sys.stdout.flush()
    return proc.returncode, "".join(lines)


def _build_failed(out: Path, why: str, errors: list[str]) -> int:
    """Mark the old book stale and end with the errors, last; return 1."""
    left = _mark_stale(out, why)
    sys.stdout.flush()
    print(f"book: the build failed ({why}); {left}.", file=sys.stderr)
    if errors:
        print("book: the errors:", *errors, sep="\n", file=sys.stderr)
    return 1


def _up_to_date(root: Path, folder: Path, out: Path) -> bool:
    """Whether the output's last build saved the hash of today's inputs (and is not stale); says so when it is.

    Inputs that cannot be read are not up to date: the corpus check then says what is wrong with them.
    """
    saved = saved_hash(out / BOOK_STAMP)
    if saved is None or (out / STALE_MARK).exists():
        return False
    try:
        current = book_hash(root, corpus_dir=folder)
    except (AnalysisError, OSError):
        return False
    if saved == current:
        print(f"The book is up to date: no input changed since its last build ({current[:12]}, {out}).")
        return True
    return False


def _build_book(root: Path, folder: Path, out: Path, *, jupyter_book: str) -> int:
    """Under the output's lock: skip when up to date, else batch step, build into a temporary folder, move."""
    if _up_to_date(root, folder, out):  # another build may have finished while this one waited for the lock
        return 0
    current = book_hash(root, corpus_dir=folder)
    print(f"The book's inputs changed since its last build (or it has none): building {out} ({current[:12]}).")
    results = results_dir(root, folder)
    try:
        summary = run_batch(folder, out=results)
    except AnalysisError as error:
        return _build_failed(out, "the batch step failed", [str(p) for p in error.problems])
    print(f"{summary.corpus_dir}: {summary.describe()}; results in {summary.out}", flush=True)
    for left in out.parent.glob(f".{out.name}-build-*"):  # left by a build that was killed
        shutil.rmtree(left, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        env = dict(os.environ)
        env.update(
            CORPUS_DIR=str(folder),
            ANALYSIS_CACHE=str(results),
            ANALYSIS_DOWNLOADS=str(tmp / "_build" / "html" / "_downloads"),
        )
        cmd = [jupyter_book, "build", ".", *BOOK_BUILD_FLAGS, "--path-output", str(tmp)]
        try:
            status, output = _run_build(cmd, cwd=root, env=env)
        except OSError as error:  # no such program, or not executable
            return _build_failed(out, f"{jupyter_book} did not run", [str(error)])
        built = tmp / "_build"
        if status != 0 or not (built / "html" / "index.html").is_file():
            why = f"jupyter-book exited with status {status}" if status else "jupyter-book wrote no index.html"
            return _build_failed(out, why, book_errors(output))
        (built / "html" / BOOK_STAMP).write_text(current + "\n", encoding="utf-8")
        _put_in_place(built, out, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"book: built {out / 'index.html'}")
    return 0


def book(args: argparse.Namespace) -> int:
    """Check the corpus, then build its book atomically, under a lock, into an output of its own; skip it when nothing changed."""
    root = Path(args.root).resolve()
    try:
        folder = resolve_corpus_dir(args.corpus)
    except AnalysisError as error:
        return _fail(error)
    out = book_output(root, folder)
    if _up_to_date(root, folder, out):  # its inputs passed the check when it was built: none has changed
        return 0
    # the corpus check first, in this process (one start-up for a no-change `make book`): on bad input
    # its problems are the last lines, and nothing is locked, run or built
    status = check(argparse.Namespace(corpus=str(folder), max_article_bytes=MAX_ARTICLE_BYTES))
    if status != 0:
        return status
    jupyter_book = args.jupyter_book or str(Path(sys.executable).parent / "jupyter-book")
    try:
        with _build_lock(out, wait=not args.no_wait):
            return _build_book(root, folder, out, jupyter_book=jupyter_book)
    except _Busy:
        return 1


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
