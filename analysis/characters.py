"""Which characters an article may hold, and how its line endings and invisible characters are normalised.

Raw article files are never changed (``raw_text`` is the file's bytes decoded). Before cleaning, the text is
normalised in code, and :func:`character_changes` lists every change with its position in the raw text:

- **line endings**: CR LF, CR, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and U+0085 NEXT LINE each
  become one newline (``\\n``), so a file saved on an old Mac (CR only) is cleaned line by line like any other;
- **invisible format characters** (Unicode category Cf: U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+00AD
  SOFT HYPHEN, U+FEFF, left-to-right and right-to-left marks, ...) are removed; a U+FEFF at the very start is
  reported as the file's **byte-order mark**. U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER are
  kept: they are part of the spelling of Persian and Urdu words and of emoji sequences;
- **bidirectional controls** (U+202A to U+202E, U+2066 to U+2069: embeddings, overrides and isolates) are
  removed and reported as such: they can make text display in an order other than the one it is stored in
  (Boucher and Anderson, "Trojan Source", 2021; Unicode Standard Annex #9).

Control characters (Unicode category Cc) other than tab and the line endings above, such as NUL, are not
normalised: :func:`control_characters` finds them, and the corpus loader refuses an article that holds one.

Lines are numbered from 1 and columns count characters from 1, the way a text editor shows them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

import pandas as pd

__all__ = ["character_changes", "control_characters", "first_control_character", "normalize_characters", "split_lines"]

_LINE_ENDING = re.compile("\r\n|[\r\n\u2028\u2029\x85]")
_OTHER_ENDINGS = ("\r", "\u2028", "\u2029", "\x85")  # the characters of every line ending but "\n"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_KEPT_FORMAT = frozenset("\u200c\u200d")
_ASCII_BYTES = bytes(range(128))
_BIDI = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_ENDING_NAMES = {
    "\r\n": ("CR LF", "CARRIAGE RETURN, LINE FEED"),
    "\r": ("U+000D", "CARRIAGE RETURN"),
    "\u2028": ("U+2028", "LINE SEPARATOR"),
    "\u2029": ("U+2029", "PARAGRAPH SEPARATOR"),
    "\x85": ("U+0085", "NEXT LINE"),
}
# Control characters have no name in the Unicode database, only aliases (NameAliases.txt).
_C0_NAMES = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "ALERT",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
]
CHANGE_COLUMNS = ["line", "column", "character", "name", "kind", "action"]


def character_name(char: str) -> str:
    """The Unicode name of a character, or its alias for a control character.

    Example
    -------
    >>> character_name("\\u200b"), character_name("\\x00"), character_name("\\x7f")
    ('ZERO WIDTH SPACE', 'NULL', 'DELETE')
    """
    code = ord(char)
    if code < 0x20:
        return _C0_NAMES[code]
    if code == 0x7F:
        return "DELETE"
    if 0x80 <= code <= 0x9F:
        return "NEXT LINE" if code == 0x85 else "C1 CONTROL CHARACTER"
    return unicodedata.name(char, "UNNAMED CHARACTER")


def _removed_format(text: str) -> set[str]:
    """The format characters in ``text`` that normalisation removes."""
    # The distinct characters above U+007F, from the text's UTF-8 bytes with the ASCII ones deleted: every
    # byte of such a character is 0x80 or more, so what is left decodes to exactly them (surrogatepass keeps
    # a lone surrogate); in C, several times faster than a set of every character of the text.
    above = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return {c for c in set(above) if unicodedata.category(c) == "Cf" and c not in _KEPT_FORMAT}


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, split at every line ending normalisation knows (see the module docstring).

    Example
    -------
    >>> split_lines("one\\r\\ntwo\\rthree\\u2028four")
    ['one', 'two', 'three', 'four']
    """
    return _LINE_ENDING.split(text)


def normalize_characters(text: str) -> str:
    """``text`` with every line ending made ``\\n`` and invisible format and bidirectional characters removed.

    Example
    -------
    >>> normalize_characters("Talks\\u200b resumed\\r\\non \\u202eMonday\\u202c.")
    'Talks resumed\\non Monday.'
    """
    # most texts have only "\n" endings: four scans for the others cost far less than replacing each "\n"
    if any(ending in text for ending in _OTHER_ENDINGS):
        text = _LINE_ENDING.sub("\n", text)
    removed = _removed_format(text)
    return text.translate(dict.fromkeys(map(ord, removed))) if removed else text


def _positions(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """(line, column), both 1-based, of each offset into ``text``."""
    starts = [0, *(m.end() for m in _LINE_ENDING.finditer(text))]
    out = []
    for offset in offsets:
        line = bisect.bisect_right(starts, offset)
        out.append((line, offset - starts[line - 1] + 1))
    return out


def character_changes(text: str) -> pd.DataFrame:
    """Every change :func:`normalize_characters` makes to ``text``, in text order.

    Returns columns ``line`` and ``column`` (1-based, in the raw text), ``character`` (``U+XXXX``, or ``CR LF``),
    ``name`` (the Unicode name), ``kind`` (``line ending``, ``byte-order mark``, ``invisible format character``
    or ``bidirectional control``) and ``action`` (``replaced by a newline`` or ``removed``). A plain ``\\n`` is
    not a change.

    Example
    -------
    >>> character_changes("\\ufeffOne\\r\\ntwo \\u202ethree")[["line", "column", "character", "kind"]].values.tolist()
    [[1, 1, 'U+FEFF', 'byte-order mark'], [1, 5, 'CR LF', 'line ending'], [2, 5, 'U+202E', 'bidirectional control']]
    """
    removed = _removed_format(text)
    pattern = "\r\n|[\r\u2028\u2029\x85" + "".join(re.escape(c) for c in sorted(removed)) + "]"
    matches = list(re.finditer(pattern, text))
    rows = []
    for m, (line, column) in zip(matches, _positions(text, [m.start() for m in matches])):
        char = m.group()
        if char in _ENDING_NAMES:
            rows.append((line, column, *_ENDING_NAMES[char], "line ending", "replaced by a newline"))
            continue
        if char in _BIDI:
            kind = "bidirectional control"
        elif char == "\ufeff" and m.start() == 0:
            kind = "byte-order mark"
        else:
            kind = "invisible format character"
        rows.append((line, column, f"U+{ord(char):04X}", character_name(char), kind, "removed"))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def control_characters(text: str) -> pd.DataFrame:
    """The control characters in ``text`` that an article may not hold (all of Cc but tab and line endings).

    Returns columns ``line``, ``column`` (1-based), ``character`` (``U+XXXX``) and ``name``, in text order.

    Example
    -------
    >>> control_characters("ok\\tline\\nbad\\x00line").values.tolist()
    [[2, 4, 'U+0000', 'NULL']]
    """
    matches = list(_CONTROL.finditer(text))
    positions = _positions(text, [m.start() for m in matches])
    rows = [
        (line, col, f"U+{ord(m.group()):04X}", character_name(m.group())) for m, (line, col) in zip(matches, positions)
    ]
    return pd.DataFrame(rows, columns=["line", "column", "character", "name"])


def first_control_character(text: str) -> tuple[int, int, str, int] | None:
    """Line, column and description of the first refused control character, and how many there are in all.

    Cheaper than :func:`control_characters` on a long text full of them (a binary file, say).

    Example
    -------
    >>> first_control_character("fine\\nbad\\x00\\x00")
    (2, 4, 'U+0000 (NULL)', 2)
    >>> first_control_character("fine") is None
    True
    """
    first = _CONTROL.search(text)
    if first is None:
        return None
    count = len(text) - len(_CONTROL.sub("", text))
    [(line, column)] = _positions(text[: first.start() + 1], [first.start()])
    char = first.group()
    return line, column, f"U+{ord(char):04X} ({character_name(char)})", count
