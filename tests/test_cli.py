"""Tests for analysis.cli: ``python -m analysis check [CORPUS]``, run as a reader would run it."""

from __future__ import annotations

import os
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
