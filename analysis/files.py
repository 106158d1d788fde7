"""Read a corpus folder's files safely: only regular files inside the folder, CSV tables strictly.

Files (:func:`read_inside`): a path is read only if it resolves inside the corpus folder (a symbolic link may
point elsewhere in the folder, not out of it), is a regular file (not a directory, device, FIFO or socket:
checked with ``stat`` before opening, so a FIFO cannot block the loader), and is no larger than a limit. The
file is opened read-only and non-blocking, and checked again once open.

Tables (:func:`read_table`): UTF-8 (a byte-order mark, as Excel's "CSV UTF-8" writes, is accepted), parsed by
the ``csv`` module in strict mode (a quote left open is an error, not a field that swallows the rest of the
file). Every record must have exactly as many fields as the header. Row numbers are the file's own line
numbers, header = line 1: blank lines and fields spanning several lines are counted. Blank lines and records
whose fields are all empty (a spreadsheet's trailing rows) are skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.characters import character_name
from analysis.errors import Problem

__all__ = ["MAX_ARTICLE_BYTES", "MAX_TABLE_BYTES", "Table", "digest", "files_fingerprint", "read_inside", "read_table"]

MAX_ARTICLE_BYTES = 5_000_000
"""Default size limit of one article file, in bytes (5 MB; a long news article is under 100 kB)."""

MAX_TABLE_BYTES = 50_000_000
"""Size limit of a CSV table (``metadata.csv``, ``crises.csv``, ...), in bytes."""

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not a regular file, or ``None`` if it is one."""
    if stat.S_ISREG(mode):
        return None
    return next((f"is {name}, not a regular file" for test, name in _KINDS if test(mode)), "is not a regular file")


def _too_big(size: int, max_bytes: int) -> str:
    return f"is {size:,} bytes, over the limit of {max_bytes:,} bytes"


def _real(path: Path | str, resolved: dict[str, str] | None) -> tuple[str, os.stat_result | None]:
    """``os.path.realpath(path)``, and the path's ``lstat`` when it is not a symbolic link (else ``None``).

    With ``resolved`` (folders' real paths already found in this pass), only the folder is resolved, once: a
    name that is not a link resolves to its folder's real path joined with the name, which is what
    ``os.path.realpath`` walks to, one ``lstat`` per component, for every file.
    """
    parent, name = os.path.split(path)
    try:
        st = os.lstat(path)
    except OSError:  # missing or unreadable: os.stat below says which, as before
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        return os.path.realpath(path), None
    if resolved is None or name in ("", ".", ".."):
        return os.path.realpath(path), st
    if parent not in resolved:
        resolved[parent] = os.path.realpath(parent)
    return os.path.join(resolved[parent], name), st


def _folder_real(folder: Path | str, resolved: dict[str, str] | None) -> str:
    if resolved is None:
        return os.path.realpath(folder)
    key = os.fspath(folder)
    if key not in resolved:
        resolved[key] = os.path.realpath(folder)
    return resolved[key]


def _is_inside(real: str, real_folder: str) -> bool:
    """``Path(real).is_relative_to(real_folder)`` for two real paths (absolute, normalised), on their strings."""
    return real == real_folder or real.startswith(real_folder.rstrip(os.sep) + os.sep)


def _checked(
    path: Path, folder: Path, resolved: dict[str, str] | None
) -> tuple[str | None, os.stat_result | None, str | None]:
    """The real path and ``stat`` of ``path``, or the reason it is refused (see :func:`refusal`)."""
    try:
        real, st = _real(path, resolved)
        if not _is_inside(real, _folder_real(folder, resolved)):
            real = Path(real)
            if os.path.islink(path):
                return None, None, f"is a link to {real}, outside the corpus folder"
            return None, None, f"is outside the corpus folder ({real})"
        if st is None:
            st = os.stat(real)
    except FileNotFoundError:
        return None, None, "is a link to a file that does not exist" if os.path.islink(path) else "does not exist"
    except (OSError, ValueError) as exc:
        return None, None, f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
    return real, st, None


def refusal(path: Path, *, folder: Path, directory: bool = False, resolved: dict[str, str] | None = None) -> str | None:
    """Why ``path`` may not be read as part of the corpus in ``folder``, or ``None`` when it may.

    Checks that the path exists, resolves inside ``folder`` and is a regular file (with ``directory``, a
    folder); size is checked by :func:`read_inside`. Reasons read after the file's name: ``"is a directory,
    not a regular file"``. ``resolved``, a dict kept by the caller for one pass over many files, remembers
    the real paths of their folders (and of ``folder``) so that each is resolved once, not once per file.

    Example
    -------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "a.txt").write_text("text", encoding="utf-8")
    4
    >>> (root / "out.txt").symlink_to("/")
    >>> refusal(root / "a.txt", folder=root) is None, refusal(root, folder=root)
    (True, 'is a directory, not a regular file')
    >>> refusal(root / "out.txt", folder=root), refusal(root / "none.txt", folder=root, resolved={})
    ('is a link to /, outside the corpus folder', 'does not exist')
    """
    _, st, reason = _checked(path, folder, resolved)
    if reason is not None:
        return reason
    if directory:
        return None if stat.S_ISDIR(st.st_mode) else "is not a folder"
    return _kind(st.st_mode)


def read_inside(
    path: Path, *, folder: Path, max_bytes: int, resolved: dict[str, str] | None = None
) -> tuple[bytes | None, str | None]:
    """The bytes of ``path`` if it is a regular file inside ``folder`` of at most ``max_bytes`` bytes.

    Returns ``(data, None)``, or ``(None, reason)`` where the reason reads after the file's name (see
    ``refusal``, and its ``resolved``; also ``"is 6,000,000 bytes, over the limit of 5,000,000 bytes"`` and
    ``"cannot be read (Permission denied)"``). Never raises for a file that cannot be read.

    Example
    -------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_bytes(b"twelve bytes")
    >>> read_inside(root / "a.txt", folder=root, max_bytes=100)
    (b'twelve bytes', None)
    >>> read_inside(root / "a.txt", folder=root, max_bytes=5, resolved={})
    (None, 'is 12 bytes, over the limit of 5 bytes')
    """
    # the path is resolved and stat'ed once: its real path is opened, its stat gives kind and size
    real, st, reason = _checked(path, folder, resolved)
    if reason is None:
        reason = _kind(st.st_mode)
    if reason is not None:
        return None, reason
    try:
        size = st.st_size
        if size > max_bytes:
            return None, _too_big(size, max_bytes)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(real, flags)
        with os.fdopen(fd, "rb") as fh:
            opened = os.fstat(fh.fileno())  # what was opened, in case the path changed since it was checked
            reason = _kind(opened.st_mode)
            if reason is not None:
                return None, reason
            # as many bytes as the file has, and one more: reading max_bytes + 1 at once allocates that much
            # (5 MB) for every file; if the file has grown since, the rest is read up to the limit
            first = min(opened.st_size, max_bytes) + 1
            data = fh.read(first)
            if len(data) == first <= max_bytes:
                data += fh.read(max_bytes + 1 - first)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    if len(data) > max_bytes:
        return None, _too_big(len(data), max_bytes)
    return data, None


@dataclass
class Table:
    """A CSV table as read: records with their line numbers, the problems found, and whether it is complete.

    ``rows`` holds ``(line, {column: value})`` pairs, values stripped, one per record with the right number of
    fields; optional columns missing from the file are present, empty. ``complete`` is true when the file was
    read, its header has every required column, and every record had the right number of fields: only then
    does ``rows`` list the whole file (so that, for instance, an article missing from it really has no row).

    Example
    -------
    >>> Table().complete
    False
    """

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = False


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of ``offset`` in ``data``."""
    breaks = list(_LINE_BREAK.finditer(data, 0, offset))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - start + 1


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field is longer than {csv.field_size_limit():,} characters (is a quote left open?)"
    if "unexpected end of data" in text:
        return "a quoted field is never closed: a quote is missing"
    if "expected after" in text:
        return f'a quote inside a quoted field must be doubled ("") ({text})'
    return f"not valid CSV ({text})"


def _records(name: str, text: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """Non-blank records of ``text`` with the line each starts on; stops at the first malformed record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, start = [], 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return records, None
        except csv.Error as exc:
            return records, Problem(name, start, None, _csv_message(exc))
        if any(f.strip() for f in fields):
            records.append((start, fields))
        start = reader.line_num + 1


def read_table(
    path: Path,
    *,
    folder: Path,
    columns: list[str],
    required: list[str],
    optional: tuple[str, ...] = (),
    max_bytes: int = MAX_TABLE_BYTES,
) -> Table:
    """Read one CSV table of the corpus strictly (see the module docstring).

    ``columns`` are the columns kept (others in the file are ignored); those in ``optional`` may be missing
    from the header; ``required`` must have a value in every row. Problems name the file, the row (its line)
    and the field: a missing file, a file that cannot be read, text that is not UTF-8, malformed CSV, a
    missing or repeated column, a record with too many or too few fields, a control character in a value,
    a missing value.

    Example
    -------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "t.csv").write_bytes(b"\\xef\\xbb\\xbfkey,label\\n\\na,Alpha\\nb,Beta,extra\\n")
    >>> table = read_table(root / "t.csv", folder=root, columns=["key", "label", "notes"], required=["key"],
    ...                    optional=("notes",))
    >>> table.rows, [str(p) for p in table.problems], table.complete
    ([(3, {'key': 'a', 'label': 'Alpha', 'notes': ''})], ['t.csv, row 4: 3 fields, but the header has 2'], False)
    """
    name = path.name
    data, reason = read_inside(path, folder=folder, max_bytes=max_bytes)
    if data is None:
        message = f"missing file ({path})" if reason == "does not exist" else reason
        return Table(problems=[Problem(name, None, None, message)])
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data, exc.start)
        byte = data[exc.start]
        message = f"not UTF-8 text (byte 0x{byte:02x} in column {column}); save the file as UTF-8"
        return Table(problems=[Problem(name, line, None, message)])
    records, malformed = _records(name, text)
    table = Table(problems=[malformed] if malformed else [])
    if not records:
        if not malformed:
            table.problems.append(Problem(name, 1, None, "the file is empty: no header row"))
        return table
    (header_line, header), records = records[0], records[1:]
    header = [h.strip() for h in header]
    for column in dict.fromkeys(h for h in header if header.count(h) > 1):
        table.problems.append(Problem(name, header_line, column, "the column appears twice"))
    for column in columns:
        if column not in header and column not in optional:
            table.problems.append(Problem(name, header_line, column, "missing column"))
    if table.problems:
        return table
    for line, fields in records:
        if len(fields) != len(header):
            table.problems.append(Problem(name, line, None, f"{len(fields)} fields, but the header has {len(header)}"))
            continue
        values = dict(zip(header, (f.strip() for f in fields)))
        row = {column: values.get(column, "") for column in columns}
        for column, value in row.items():
            control = _VALUE_CONTROL.search(value)
            if control:
                char = control.group()
                message = f"control character U+{ord(char):04X} ({character_name(char)}): remove it"
                table.problems.append(Problem(name, line, column, message))
            elif column in required and not value:
                table.problems.append(Problem(name, line, column, "missing value"))
        table.rows.append((line, row))
    table.complete = malformed is None and not any(p.field is None for p in table.problems)
    return table


def digest(*parts: bytes) -> str:
    """SHA-256 (hex) of byte strings, each length-prefixed so that no two lists of parts collide.

    Example
    -------
    >>> digest(b"ab", b"c") == digest(b"a", b"bc")
    False
    """
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "little"))
        sha.update(part)
    return sha.hexdigest()


def files_fingerprint(files: Iterable[str | os.PathLike], *, root: str | os.PathLike) -> str:
    """SHA-256 over each file's path (relative to ``root``) and bytes, in the order given.

    Example
    -------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_text("x")
    >>> a = files_fingerprint([root / "a.txt"], root=root)
    >>> len(a), a == files_fingerprint([root / "a.txt"], root=root), a == digest(b"a.txt", b"x")
    (64, True, True)
    """
    parts = []
    for path in files:
        path = Path(path)
        parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return digest(*parts)
