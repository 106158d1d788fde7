"""Tests for analysis.cli: ``python -m analysis check [CORPUS]``, run as a reader would run it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .synthetic import write_corpus

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "CORPUS_DIR"}
    env = {**base, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, env=env, timeout=120
    )


def _output_lines(result: subprocess.CompletedProcess) -> list[str]:
    return (result.stdout + result.stderr).strip().splitlines()


@pytest.fixture
def synth(tmp_path):
    return write_corpus(tmp_path / "corpus")


def test_check_a_good_corpus(synth):
    result = _run("check", str(synth))
    assert result.returncode == 0, result.stdout + result.stderr
    # By hand from tests/synthetic.py: five articles; North Post, South Daily, East Wire; alpha, beta, gamma.
    assert _output_lines(result)[-1] == f"{synth.resolve()}: 5 articles from 3 outlets on 3 crises"
    assert result.stderr == ""


def test_check_the_seed_corpus_by_default():
    result = _run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    # corpus/metadata.csv: five articles from five outlets, on the two 2024 crises.
    assert _output_lines(result)[-1] == f"{REPO / 'corpus'}: 5 articles from 5 outlets on 2 crises"


def test_check_reads_corpus_dir_from_the_environment(synth):
    result = _run("check", env={"CORPUS_DIR": str(synth)})
    assert _output_lines(result)[-1].startswith(f"{synth.resolve()}: 5 articles")


def test_check_prints_notes_before_the_summary(synth):
    text = (synth / "metadata.csv").read_text(encoding="utf-8")
    (synth / "metadata.csv").write_text(text.replace("2023-03-02", "2023-03-10"), encoding="utf-8")
    result = _run("check", str(synth))
    assert result.returncode == 0
    lines = _output_lines(result)
    assert "note: north-1: published 2023-03-10, 6 days after the end of alpha-2023" in "\n".join(lines[:-1])
    assert lines[-1].endswith("5 articles from 3 outlets on 3 crises")


def test_check_a_bad_corpus_ends_with_the_errors_and_fails(synth):
    text = (synth / "metadata.csv").read_text(encoding="utf-8")
    text = text.replace(",analysis,", ",blog,").replace("2023-03-03", "3 March 2023")
    (synth / "metadata.csv").write_text(text, encoding="utf-8")
    result = _run("check", str(synth))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert _output_lines(result)[-2:] == [
        "metadata.csv, row 3, field 'genre': 'blog' is not one of news, analysis, opinion, feature, editorial",
        "metadata.csv, row 4, field 'published': '3 March 2023' is not a date (YYYY-MM-DD or YYYY-MM)",
    ]


def test_check_an_article_with_a_nul_fails_naming_the_file(synth):
    (synth / "articles" / "east-2.txt").write_bytes(b"Talks\x00 continued.\n")
    result = _run("check", str(synth))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert _output_lines(result)[-1] == "articles/east-2.txt, row 1: control character U+0000 (NULL) in column 6"


def test_check_a_missing_folder_fails_without_a_traceback(tmp_path):
    result = _run("check", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert _output_lines(result)[-1].endswith("does not exist")


def test_no_command_prints_usage_and_fails():
    result = _run()
    assert result.returncode == 2
    assert "check" in result.stderr and "Traceback" not in result.stderr


def test_run_says_what_it_computed_and_reused(synth, tmp_path):
    out = tmp_path / "out"
    first = _run("run", str(synth), "--out", str(out), "--csv")
    assert first.returncode == 0, first.stdout + first.stderr
    assert _output_lines(first)[-1].startswith(f"{synth.resolve()}: 5 articles: 5 computed, 0 reused in ")
    assert _output_lines(first)[-1].endswith(f"; results in {out.resolve()}")
    names = {"articles", "mentions", "sentences", "hits", "keyness-crisis", "keyness-outlet"}
    assert {p.stem for p in out.glob("*.parquet")} == names
    assert {p.stem for p in (out / "csv").glob("*.csv")} == names
    second = _run("run", str(synth), "--out", str(out))
    assert "5 articles: 0 computed, 5 reused" in _output_lines(second)[-1]
    # Not a terminal: no progress bar.
    assert second.stderr == ""


def test_run_a_bad_corpus_ends_with_the_errors_and_fails(synth, tmp_path):
    text = (synth / "metadata.csv").read_text(encoding="utf-8")
    (synth / "metadata.csv").write_text(text.replace(",analysis,", ",blog,"), encoding="utf-8")
    result = _run("run", str(synth), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert _output_lines(result)[-2:] == [
        f"{synth.resolve()}: 1 problem:",
        "metadata.csv, row 3, field 'genre': 'blog' is not one of news, analysis, opinion, feature, editorial",
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--jobs", "0"], "'0' is not a whole number of processes above 0"),
        (["--engine", "spark"], "invalid choice: 'spark'"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    ],
)
def test_run_refuses_bad_options(synth, tmp_path, args, message):
    result = _run("run", str(synth), "--out", str(tmp_path / "out"), *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_book_hash_check_save_and_skip(synth, tmp_path, monkeypatch, capsys):
    """A first check fails (no build yet) and keeps the hash pending; save stores it; the next check passes."""
    from analysis.cli import main

    monkeypatch.delenv("CORPUS_DIR", raising=False)
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "chapters" / "intro.md").write_text("# Intro\n")
    stamp = root / "_build" / "html" / ".book-inputs"
    common = [str(synth), "--root", str(root)]
    assert main(["book-hash", *common, "--check", str(stamp)]) == 1
    assert "inputs changed" in capsys.readouterr().out and not stamp.exists()
    assert main(["book-hash", *common, "--save", str(stamp)]) == 0
    assert main(["book-hash", *common]) == 0
    printed = capsys.readouterr().out.strip()
    assert stamp.read_text().strip() == printed and len(printed) == 64
    assert main(["book-hash", *common, "--check", str(stamp)]) == 0
    assert capsys.readouterr().out.startswith("The book is up to date")
    (root / "chapters" / "intro.md").write_text("# Introduction\n")
    assert main(["book-hash", *common, "--check", str(stamp)]) == 1
    assert stamp.read_text().strip() == printed


def test_book_hash_save_without_a_check_fails(tmp_path, capsys):
    from analysis.cli import main

    assert main(["book-hash", "--save", str(tmp_path / ".book-inputs")]) == 1
    assert "no pending hash" in capsys.readouterr().err


# `python -m analysis book`: atomic, isolated, locked builds. A stand-in for jupyter-book (below) makes
# these tests take seconds; the real build is tested in tests/test_build.py.
_FAKE_JUPYTER_BOOK = """
import os, sys, time
from pathlib import Path

args = sys.argv[1:]
out = Path(args[args.index("--path-output") + 1])
with open(os.environ["FAKE_LOG"], "a") as fh:
    fh.write(" ".join(args) + "\\n")
html = out / "_build" / "html"
html.mkdir(parents=True)
(html / "partial.html").write_text("<html><body>half of " + os.environ["FAKE_MARK"] + "</body></html>")
downloads = Path(os.environ["ANALYSIS_DOWNLOADS"])
downloads.mkdir(parents=True, exist_ok=True)
(downloads / "t.csv").write_text(os.environ["CORPUS_DIR"] + "\\n")
if os.environ.get("FAKE_STARTED"):
    Path(os.environ["FAKE_STARTED"]).touch()
while os.environ.get("FAKE_WAIT_FOR") and not Path(os.environ["FAKE_WAIT_FOR"]).exists():
    time.sleep(0.1)
if os.environ.get("FAKE_FAIL"):
    print("Traceback (most recent call last):\\nValueError: the chapter failed on purpose")
    print("There was an error in building your book. Look above for the cause.")
    sys.exit(1)
(out / "_build" / "jupyter_execute").mkdir()
(html / "index.html").write_text("<html><body>" + os.environ["FAKE_MARK"] + "</body></html>")
"""


@pytest.fixture
def fake_book(tmp_path):
    """``(root, run)``: an empty book folder, and ``run(corpus, mark, *args, **env)`` that runs ``python -m
    analysis book`` there with the stand-in jupyter-book (its calls logged in ``root/jb.log``)."""
    root = tmp_path / "book"
    root.mkdir()
    program = tmp_path / "jupyter-book"
    program.write_text(f"#!{sys.executable}\n{_FAKE_JUPYTER_BOOK}")
    program.chmod(0o755)

    def run(corpus: Path, mark: str, *args: str, background: bool = False, **env: str):
        env = {"FAKE_LOG": str(root / "jb.log"), "FAKE_MARK": mark, **env}
        args = ("book", str(corpus), "--root", str(root), "--jupyter-book", str(program), *args)
        if not background:
            return _run(*args, env=env)
        env = {**{k: v for k, v in os.environ.items() if k != "CORPUS_DIR"}, "PYTHONPATH": str(REPO), **env}
        command = [sys.executable, "-m", "analysis", *args]
        return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    return root, run


def _calls(root: Path) -> int:
    log = root / "jb.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_book_builds_into_a_temporary_folder_and_skips_when_nothing_changed(synth, fake_book):
    from analysis.cli import BOOK_STAMP, book_output

    root, run = fake_book
    first = run(synth, "first build")
    assert first.returncode == 0, first.stdout + first.stderr
    out = book_output(root, synth)
    assert out.parent.parent == root / "_build" and out.parent.name.startswith("corpus-")
    assert "first build" in (out / "index.html").read_text()
    assert (out / BOOK_STAMP).is_file() and (out.parent / "jupyter_execute").is_dir()
    # the downloads went into the build's own output, named by $ANALYSIS_DOWNLOADS
    assert (out / "_downloads" / "t.csv").read_text().strip() == str(synth.resolve())
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".html-build-")] == []
    again = run(synth, "second build")
    assert again.returncode == 0 and _output_lines(again)[-1].startswith("The book is up to date")
    assert _calls(root) == 1 and "first build" in (out / "index.html").read_text()


def test_a_failed_build_keeps_the_old_book_marked_stale_and_ends_with_its_error(synth, fake_book):
    from analysis.cli import BOOK_STAMP, STALE_MARK, book_output

    root, run = fake_book
    assert run(synth, "good build").returncode == 0
    out = book_output(root, synth)
    (synth / "articles" / "north-1.txt").write_text("A changed article about the talks.\n")
    failed = run(synth, "failed build", FAKE_FAIL="1")
    assert failed.returncode == 1
    assert _output_lines(failed)[-1] == "ValueError: the chapter failed on purpose"
    page = (out / "index.html").read_text()
    assert "good build" in page and 'id="stale-book"' in page and "its last build" in page
    assert (out / STALE_MARK).is_file() and not (out / BOOK_STAMP).exists()
    assert not any("failed build" in p.read_text() for p in out.rglob("*.html"))  # nothing of the failed build
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".html-build-")] == []
    # a stale book is never up to date: the next run builds, and the new book has no mark
    fixed = run(synth, "fixed build")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    page = (out / "index.html").read_text()
    assert "fixed build" in page and "stale-book" not in page and not (out / STALE_MARK).exists()


def test_a_failed_first_build_leaves_no_book(synth, fake_book):
    from analysis.cli import book_output

    root, run = fake_book
    failed = run(synth, "failed", FAKE_FAIL="1")
    assert failed.returncode == 1 and "no book is left in" in failed.stderr
    assert not book_output(root, synth).exists()


def test_two_corpora_build_into_outputs_of_their_own(tmp_path, fake_book):
    from analysis.cli import book_output

    root, run = fake_book
    own, other = write_corpus(root / "corpus"), write_corpus(tmp_path / "elsewhere" / "corpus")
    assert run(own, "the book's own corpus").returncode == 0
    assert run(other, "another corpus").returncode == 0
    own_out, other_out = book_output(root, own), book_output(root, other)
    assert own_out == root / "_build" / "html" and other_out != own_out
    assert "the book's own corpus" in (own_out / "index.html").read_text()
    assert "another corpus" in (other_out / "index.html").read_text()
    assert (own_out / "_downloads" / "t.csv").read_text().strip() == str(own.resolve())
    assert (other_out / "_downloads" / "t.csv").read_text().strip() == str(other.resolve())


def test_a_second_build_of_the_same_output_waits_or_fails_clearly(synth, fake_book, tmp_path):
    """Two processes: while one builds, another with --no-wait fails naming the build that runs; one
    without waits for it, then finds the book up to date (jupyter-book ran once)."""
    import time

    root, run = fake_book
    started, release = tmp_path / "started", tmp_path / "release"
    first = run(synth, "first", background=True, FAKE_STARTED=str(started), FAKE_WAIT_FOR=str(release))
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert first.poll() is None and time.monotonic() < deadline, "the first build did not start"
            time.sleep(0.2)
        busy = run(synth, "second", "--no-wait")
        assert busy.returncode == 1
        assert "another build of" in busy.stderr and "is running (pid" in busy.stderr and "not waiting" in busy.stderr
        waiting = run(synth, "third", background=True)
        said = ""
        for line in iter(waiting.stdout.readline, ""):  # the check's summary, then the lock's message
            if "another build of" in line or line.startswith("The book"):
                said = line
                break
        assert "another build of" in said and "waiting for it to finish" in said
        assert first.poll() is None  # the first build still runs: the third waited for it
    finally:
        release.touch()
    first_out, _ = first.communicate(timeout=120)
    waiting_out, _ = waiting.communicate(timeout=120)
    assert first.returncode == 0 and waiting.returncode == 0, first_out + waiting_out
    assert waiting_out.strip().splitlines()[-1].startswith("The book is up to date")
    assert _calls(root) == 1


def test_make_book_stops_at_a_bad_corpus_with_its_errors_last(synth, tmp_path):
    """`make book` checks the corpus first: the problems (file, row, field) end the output, before any
    batch step or build, and the exit status is not 0."""
    metadata = synth / "metadata.csv"
    lines = metadata.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("2023-06-11", "2023-02-30")
    assert lines[2] != metadata.read_text(encoding="utf-8").splitlines()[2]
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "--no-print-directory", "book", f"VENV={venv}", "-o", f"{venv}/.installed", f"CORPUS_DIR={synth}"],
        cwd=REPO,
        # as a top-level make, also when the suite itself runs under `make test` (MAKELEVEL would
        # make the inner make say "make[1]: ...")
        env={
            **{k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")},
            "PYTHONPATH": str(REPO),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    # make's own last word ("make: *** [Makefile:N: book] Error 1") follows the recipe's output
    output = [line for line in result.stdout.strip().splitlines() if not re.match(r"make(\[\d+\])?: \*\*\* ", line)]
    assert output[-1].startswith("metadata.csv") and "row 3" in output[-1] and "published" in output[-1], output
    assert not any("inputs changed" in line or "results in" in line for line in output)


def test_book_says_so_when_jupyter_book_cannot_run(synth, tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    program = tmp_path / "no-such-program"
    result = _run("book", str(synth), "--root", str(root), "--jupyter-book", str(program))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "did not run" in result.stderr and _output_lines(result)[-1].endswith(f"'{program}'")


def test_book_with_no_change_skips_the_corpus_check(synth, tmp_path, monkeypatch, capsys):
    """A no-change `book` compares hashes and stops, without reloading and checking every article (issue #16)."""
    import analysis.cli as cli
    from analysis.inputs import book_hash

    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "chapters" / "intro.md").write_text("# Intro\n")
    out = cli.book_output(root, synth)
    out.mkdir(parents=True)
    (out / cli.BOOK_STAMP).write_text(book_hash(root, corpus_dir=synth) + "\n")
    checked = []
    monkeypatch.setattr(cli, "check", lambda args: checked.append(args) or 0)
    monkeypatch.setattr(cli, "_build_book", lambda *a, **k: 0)
    assert cli.main(["book", str(synth), "--root", str(root)]) == 0
    assert checked == [] and capsys.readouterr().out.startswith("The book is up to date")
    # a stale book, or changed inputs, go through the check first
    (out / cli.STALE_MARK).write_text("stale\n")
    assert cli.main(["book", str(synth), "--root", str(root)]) == 0 and len(checked) == 1
    (out / cli.STALE_MARK).unlink()
    (root / "chapters" / "intro.md").write_text("# Introduction\n")
    assert cli.main(["book", str(synth), "--root", str(root)]) == 0 and len(checked) == 2
