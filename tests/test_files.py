"""Tests for analysis.files: the loader reads only regular files inside the corpus folder, and CSV tables strictly.

Each case goes through :func:`analysis.corpus.load_corpus` (or the table loaders), the way a reader meets it.
Cases that would hang or exhaust memory if the loader misbehaved (a FIFO, ``/dev/zero``) run the loader in a
child process with a time and memory limit, so a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import builtins
import csv
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import load_corpus, load_crises, load_metadata, load_outlets
from analysis.errors import CorpusError
from analysis.files import digest, files_fingerprint

from .synthetic import METADATA_COLUMNS, write_corpus

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def synth(tmp_path):
    return write_corpus(tmp_path / "corpus")


def _error(folder, **options) -> str:
    with pytest.raises(CorpusError) as info:
        load_corpus(folder, **options)
    return str(info.value)


def _problems(folder, **options) -> list[str]:
    with pytest.raises(CorpusError) as info:
        load_corpus(folder, **options)
    return [str(p) for p in info.value.problems]


def _load_in_child(folder: Path) -> subprocess.CompletedProcess:
    """Run load_corpus(folder) in a child process limited to 30 s and 2 GiB of address space."""

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    code = (
        "import sys\n"
        "from analysis.corpus import load_corpus\n"
        "from analysis.errors import CorpusError\n"
        "try:\n"
        f"    load_corpus({str(folder)!r})\n"
        "except CorpusError as e:\n"
        "    print(e)\n"
        "    sys.exit(3)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, env=env, preexec_fn=limit_memory
    )


# --- only regular files inside the corpus folder ------------------------------------


def test_symlink_leaving_the_folder_is_refused(synth):
    target = synth / "articles" / "south-1.txt"
    target.unlink()
    target.symlink_to("/etc/passwd")
    message = _error(synth)
    assert "metadata.csv, row 4, field 'file': article file articles/south-1.txt is a link to /etc/passwd" in message
    assert "outside the corpus folder" in message


def test_symlink_staying_inside_the_folder_is_read(synth):
    (synth / "archive").mkdir()
    target = synth / "articles" / "south-1.txt"
    target.rename(synth / "archive" / "south-1.txt")
    target.symlink_to("../archive/south-1.txt")
    corpus = load_corpus(synth).set_index("id")
    assert corpus.loc["south-1", "text"].startswith("Missile strikes hit militant hideouts")


def test_symlinked_articles_folder_leaving_the_corpus_is_refused(synth, tmp_path):
    outside = tmp_path / "elsewhere"
    (synth / "articles").rename(outside)
    (synth / "articles").symlink_to(outside)
    # One cause, one error: the folder is named once, not once per article in it.
    assert _problems(synth) == [f"articles/: is a link to {outside.resolve()}, outside the corpus folder"]


def test_device_is_refused(synth):
    target = synth / "articles" / "south-1.txt"
    target.unlink()
    target.symlink_to("/dev/null")
    assert "articles/south-1.txt is a link to /dev/null" in _error(synth)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_device_inside_the_folder_is_refused(synth):
    target = synth / "articles" / "south-1.txt"
    target.unlink()
    os.mknod(target, 0o666 | 0o020000, os.makedev(1, 5))  # a character device: the one /dev/zero is
    result = _load_in_child(synth)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "article file articles/south-1.txt is a character device, not a regular file" in result.stdout


def test_dev_zero_is_refused_without_reading_it(synth):
    target = synth / "articles" / "south-1.txt"
    target.unlink()
    target.symlink_to("/dev/zero")
    result = _load_in_child(synth)  # an endless read would hit the memory limit and fail here
    assert result.returncode == 3, result.stderr[-2000:]
    assert "articles/south-1.txt is a link to /dev/zero" in result.stdout


def test_fifo_is_refused_without_hanging(synth):
    target = synth / "articles" / "south-1.txt"
    target.unlink()
    os.mkfifo(target)
    result = _load_in_child(synth)  # opening a FIFO for reading blocks until a writer comes: the timeout catches it
    assert result.returncode == 3, result.stderr[-2000:]
    assert "metadata.csv, row 4, field 'file': article file articles/south-1.txt is a FIFO" in result.stdout


def test_directory_is_refused(synth):
    target = synth / "articles" / "south-1.txt"
    target.unlink()
    target.mkdir()
    expected = "metadata.csv, row 4, field 'file': article file articles/south-1.txt is a directory, not a regular file"
    assert expected in _error(synth)


def test_fifo_as_metadata_is_refused_without_hanging(synth):
    (synth / "metadata.csv").unlink()
    os.mkfifo(synth / "metadata.csv")
    result = _load_in_child(synth)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "metadata.csv: is a FIFO (named pipe), not a regular file" in result.stdout


# --- size limit ---------------------------------------------------------------------------


def test_article_over_the_default_limit_is_refused(synth):
    # 5,000,001 bytes: one over the documented default of 5 MB (5,000,000 bytes). Not UTF-8 either: the size
    # is checked before anything is decoded, so the size is what gets reported.
    (synth / "articles" / "east-1.txt").write_bytes(b"\xff" * 5_000_001)
    message = _error(synth)
    assert "article file articles/east-1.txt is 5,000,001 bytes, over the limit of 5,000,000 bytes" in message
    assert "not UTF-8" not in message


def test_size_limit_is_a_keyword_option(synth):
    size = (synth / "articles" / "north-1.txt").stat().st_size
    assert 300 < size < 1000  # the synthetic article, written by write_corpus
    message = _error(synth, max_article_bytes=300)
    assert f"metadata.csv, row 2, field 'file': article file articles/north-1.txt is {size:,} bytes" in message
    assert "max_article_bytes" in message
    assert len(load_corpus(synth, max_article_bytes=size)) == 5  # the limit itself is allowed


# --- permission errors ----------------------------------------------------------------------


@pytest.fixture
def deny(monkeypatch):
    """Make one path unreadable, the way a chmod 000 does for a non-root user (the tests may run as root)."""
    denied: set[str] = set()
    real_open, real_os_open, real_listdir, real_scandir = builtins.open, os.open, os.listdir, os.scandir

    def check(path):
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(os.fspath(path)) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def fake_open(file, *args, **kwargs):
        check(file)
        return real_open(file, *args, **kwargs)

    def fake_os_open(path, *args, **kwargs):
        check(path)
        return real_os_open(path, *args, **kwargs)

    def fake_listdir(path="."):
        check(path)
        return real_listdir(path)

    def fake_scandir(path="."):
        check(path)
        return real_scandir(path)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "listdir", fake_listdir)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    return lambda path: denied.add(os.path.abspath(path))


def test_unreadable_metadata_is_a_corpus_error(synth, deny):
    deny(synth / "metadata.csv")
    assert _problems(synth) == ["metadata.csv: cannot be read (Permission denied)"]


def test_unreadable_article_is_a_corpus_error(synth, deny):
    deny(synth / "articles" / "south-1.txt")
    expected = "metadata.csv, row 4, field 'file': article file articles/south-1.txt cannot be read (Permission denied)"
    assert _problems(synth) == [expected]


def test_unreadable_articles_folder_is_a_corpus_error(synth, deny):
    deny(synth / "articles")
    assert "articles/: cannot be read (Permission denied)" in _error(synth)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod-000 file; the deny fixture covers this case")
def test_chmod_000_metadata_is_a_corpus_error(synth):
    os.chmod(synth / "metadata.csv", 0)
    try:
        assert _problems(synth) == ["metadata.csv: cannot be read (Permission denied)"]
    finally:
        os.chmod(synth / "metadata.csv", 0o644)


# --- metadata.csv, read strictly ------------------------------------------------------------


def _old_refusal(path: Path, *, folder: Path) -> str | None:
    """``refusal`` as it was before the folders' real paths were remembered (three ``realpath`` per file)."""
    import stat

    from analysis.files import _kind

    try:
        real = Path(os.path.realpath(path))
        if not real.is_relative_to(os.path.realpath(folder)):
            if os.path.islink(path):
                return f"is a link to {real}, outside the corpus folder"
            return f"is outside the corpus folder ({real})"
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return "is a link to a file that does not exist" if os.path.islink(path) else "does not exist"
    except (OSError, ValueError) as exc:
        return f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
    return _kind(mode) if not stat.S_ISDIR(mode) else "is a directory, not a regular file"


def test_remembered_folders_give_the_same_answers_as_resolving_each_path(tmp_path):
    # one ``resolved`` dict for a whole pass, as load_corpus keeps: every kind of entry, and folders that are
    # links (inside and out), must get the answer (and the bytes) of resolving each path on its own
    from analysis.files import read_inside, refusal

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"secret")
    root = tmp_path / "corpus"
    (root / "articles" / "sub").mkdir(parents=True)
    (root / "articles" / "a.txt").write_bytes(b"alpha")
    (root / "articles" / "sub" / "b.txt").write_bytes(b"beta" * 10)
    (root / "articles" / "in.txt").symlink_to(root / "articles" / "a.txt")
    (root / "articles" / "out.txt").symlink_to(outside / "secret.txt")
    (root / "articles" / "gone.txt").symlink_to(root / "nothing.txt")
    (root / "articles" / "linked").symlink_to(root / "articles" / "sub")
    (root / "articles" / "away").symlink_to(outside)
    (root / "link_to_root").symlink_to(root)
    os.mkfifo(root / "articles" / "fifo")
    names = [
        "a.txt",
        "in.txt",
        "out.txt",
        "gone.txt",
        "none.txt",
        "fifo",
        "sub",
        "sub/b.txt",
        "linked/b.txt",
        "away/secret.txt",
        "linked",
        "away",
        ".",
        "..",
        "away/..",
        "away/.",
        "../articles/a.txt",
        "sub/../a.txt",
        "a.txt/",
    ]
    paths = [root / "articles" / n for n in names] + [root / "link_to_root" / "articles" / "a.txt", tmp_path]
    paths += [Path(os.path.join(root, "articles", n)) for n in ("a.txt", "sub/b.txt")]
    for folder in (root, root / "link_to_root"):
        resolved: dict[str, str] = {}
        for path in paths * 2:  # twice: the second time from the remembered folders
            expected = _old_refusal(path, folder=folder)
            assert refusal(path, folder=folder, resolved=resolved) == expected, path
            assert refusal(path, folder=folder) == expected, path
            for as_string in (False, True):
                data, reason = read_inside(
                    str(path) if as_string else path, folder=folder, max_bytes=20, resolved=resolved
                )
                if expected is not None:
                    assert (data, reason) == (None, expected), path
                else:
                    size = os.stat(path).st_size
                    assert (data, reason) == (
                        (path.read_bytes(), None)
                        if size <= 20
                        else (None, f"is {size} bytes, over the limit of 20 bytes")
                    ), path


@settings(max_examples=200, deadline=None)
@given(length=st.integers(0, 40), stated=st.integers(0, 50), max_bytes=st.integers(0, 40))
def test_a_file_is_read_whole_whatever_size_its_stat_gave(tmp_path_factory, length, stated, max_bytes):
    # read_inside reads as many bytes as stat says the file has, and one more; a file that changed since
    # (stated here, to lstat and fstat alike: grown, shrunk, or a /proc file stating 0) is still read up to
    # the limit, as one read of max_bytes + 1 did
    from analysis.files import read_inside

    root = tmp_path_factory.mktemp("corpus")
    path = root / "a.txt"
    content = bytes(range(65, 65 + length))
    path.write_bytes(content)
    real_lstat, real_fstat = os.lstat, os.fstat

    def stated_size(result):
        return os.stat_result((*result[:6], stated, *result[7:10]))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            os,
            "lstat",
            lambda p, *a, **k: stated_size(real_lstat(p, *a, **k)) if str(p) == str(path) else real_lstat(p, *a, **k),
        )
        patch.setattr(os, "fstat", lambda fd: stated_size(real_fstat(fd)))
        got = read_inside(path, folder=root, max_bytes=max_bytes, resolved={})
    if stated > max_bytes:
        assert got == (None, f"is {stated:,} bytes, over the limit of {max_bytes:,} bytes")
    elif length > max_bytes:
        assert got == (None, f"is {max_bytes + 1:,} bytes, over the limit of {max_bytes:,} bytes")
    else:
        assert got == (content, None)


def _rows(folder: Path) -> list[list[str]]:
    with open(folder / "metadata.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(folder: Path, rows, *, encoding="utf-8") -> None:
    with open(folder / "metadata.csv", "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_row_with_one_field_too_many_is_an_error(synth):
    rows = _rows(synth)
    rows[2].append("a stray value")  # the record on line 3
    _write_rows(synth, rows)
    assert _problems(synth) == ["metadata.csv, row 3: 11 fields, but the header has 10"]


def test_row_with_one_field_too_few_is_an_error(synth):
    rows = _rows(synth)
    rows[4].pop()  # line 5
    _write_rows(synth, rows)
    assert _problems(synth) == ["metadata.csv, row 5: 9 fields, but the header has 10"]


def test_byte_order_mark_is_accepted(synth):
    _write_rows(synth, _rows(synth), encoding="utf-8-sig")  # Excel's "CSV UTF-8"
    assert (synth / "metadata.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_metadata(synth)["id"].tolist()[0] == "north-1"
    assert len(load_corpus(synth)) == 5


def test_row_numbers_count_blank_lines(synth):
    rows = _rows(synth)
    rows[2][METADATA_COLUMNS.index("genre")] = "blog"
    _write_rows(synth, rows)
    lines = (synth / "metadata.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (synth / "metadata.csv").write_text("".join([*lines[:2], "\r\n", *lines[2:]]), encoding="utf-8")
    # header = line 1, north-1 = line 2, a blank line 3, so north-2's record is line 4.
    assert "metadata.csv, row 4, field 'genre': 'blog' is not one of" in _error(synth)


def test_row_numbers_count_multiline_fields_and_blank_lines_together(synth):
    rows = _rows(synth)
    rows[1][METADATA_COLUMNS.index("notes")] = "first line\nsecond line\n\nfourth line"  # lines 2-5
    rows[3][METADATA_COLUMNS.index("crisis")] = "nope"
    _write_rows(synth, rows)
    text = (synth / "metadata.csv").read_text(encoding="utf-8").replace("\r\n", "\n")
    head, sep, rest = text.partition("\nsouth-1,")
    (synth / "metadata.csv").write_text(head + "\n\n" + sep.lstrip("\n") + rest, encoding="utf-8")
    # header 1, north-1 lines 2-5, north-2 line 6, blank line 7, south-1 line 8.
    assert "metadata.csv, row 8, field 'crisis': unknown crisis key 'nope'" in _error(synth)


def test_latin1_metadata_names_the_row(synth):
    rows = _rows(synth)
    rows[3][METADATA_COLUMNS.index("title")] = "Frappes et café"
    _write_rows(synth, rows, encoding="latin-1")
    column = len(",".join(rows[3][:3])) + 1 + len("Frappes et caf") + 1
    expected = f"metadata.csv, row 4: not UTF-8 text (byte 0xe9 in column {column}); save the file as UTF-8"
    assert _problems(synth) == [expected]


def test_oversized_field_names_the_row(synth):
    rows = _rows(synth)
    rows[2][METADATA_COLUMNS.index("notes")] = "x" * 200_000
    _write_rows(synth, rows)
    problems = _problems(synth)
    assert len(problems) == 1
    assert problems[0].startswith("metadata.csv, row 3: a field is longer than 131,072 characters")


def test_unclosed_quote_names_the_row(synth):
    text = (synth / "metadata.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[4] = lines[4].replace("synthetic", '"synthetic', 1)  # line 5 opens a quote that never closes
    (synth / "metadata.csv").write_text("".join(lines), encoding="utf-8")
    problems = _problems(synth)
    assert len(problems) == 1 and problems[0].startswith("metadata.csv, row 5: ")
    assert "quote" in problems[0]


def test_duplicate_column_is_an_error(synth):
    rows = _rows(synth)
    rows[0][METADATA_COLUMNS.index("notes")] = "title"
    _write_rows(synth, rows)
    assert "metadata.csv, row 1, field 'title': the column appears twice" in _error(synth)


def test_optional_columns_may_be_left_out(synth):
    keep = [i for i, c in enumerate(METADATA_COLUMNS) if c not in {"url", "author", "notes"}]
    _write_rows(synth, [[r[i] for i in keep] for r in _rows(synth)])
    corpus = load_corpus(synth)
    assert len(corpus) == 5
    assert corpus[["url", "author", "notes"]].map(lambda v: v == "").all().all()  # present, and empty


def test_optional_description_columns_may_be_left_out(synth):
    path = synth / "crises.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r[:4] for r in csv.reader(fh)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    (synth / "outlets.csv").write_text("outlet,kind\nNorth Post,news site\n", encoding="utf-8")
    assert load_crises(synth)["description"].tolist() == ["", "", ""]
    assert load_outlets(synth).values.tolist() == [["North Post", "news site", ""]]


def test_control_character_in_a_metadata_value_is_an_error(synth):
    rows = _rows(synth)
    rows[2][METADATA_COLUMNS.index("outlet")] = "North\x1b[31m Post"
    _write_rows(synth, rows)
    assert "metadata.csv, row 3, field 'outlet': control character U+001B (ESCAPE)" in _error(synth)


# --- one root cause, one error ---------------------------------------------------------------


def test_unreadable_metadata_does_not_add_a_line_per_article(synth):
    (synth / "metadata.csv").write_bytes((synth / "metadata.csv").read_bytes().replace(b"North", b"N\xf6rth", 1))
    problems = _problems(synth)
    assert len(problems) == 1 and problems[0].startswith("metadata.csv, row 2: not UTF-8 text")


def test_missing_metadata_column_does_not_add_a_line_per_article(synth):
    rows = _rows(synth)
    i = METADATA_COLUMNS.index("genre")
    _write_rows(synth, [r[:i] + r[i + 1 :] for r in rows])
    assert _problems(synth) == ["metadata.csv, row 1, field 'genre': missing column"]


def test_malformed_row_does_not_add_a_line_for_its_file(synth):
    rows = _rows(synth)
    rows[2].append("extra")
    _write_rows(synth, rows)
    assert not any("has no row in metadata.csv" in p for p in _problems(synth))


def test_missing_crises_file_does_not_add_a_line_per_article(synth):
    (synth / "crises.csv").unlink()
    assert _problems(synth) == [f"crises.csv: missing file ({synth.resolve() / 'crises.csv'})"]


def test_digest_prefixes_each_part_with_its_length():
    import hashlib

    # by the recipe: 8-byte little-endian length, then the bytes, for each part
    expected = hashlib.sha256((2).to_bytes(8, "little") + b"ab" + (1).to_bytes(8, "little") + b"c").hexdigest()
    assert digest(b"ab", b"c") == expected
    assert digest(b"ab", b"c") != digest(b"a", b"bc") != digest(b"abc")


def test_files_fingerprint_changes_with_a_file_s_name_bytes_or_order(tmp_path):
    (tmp_path / "sub").mkdir()
    a, b = tmp_path / "a.txt", tmp_path / "sub" / "b.txt"
    a.write_bytes(b"one")
    b.write_bytes(b"two")
    before = files_fingerprint([a, b], root=tmp_path)
    assert before == digest(b"a.txt", b"one", b"sub/b.txt", b"two")
    assert files_fingerprint([b, a], root=tmp_path) != before
    b.write_bytes(b"two ")
    assert files_fingerprint([a, b], root=tmp_path) != before
    b.write_bytes(b"two")
    b.rename(tmp_path / "sub" / "c.txt")
    assert files_fingerprint([a, tmp_path / "sub" / "c.txt"], root=tmp_path) != before
