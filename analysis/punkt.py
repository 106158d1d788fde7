"""Punkt sentence boundaries (Kiss & Strunk 2006) with no ``nltk_data``: NLTK's algorithm, the abbreviations from a data file.

NLTK's pre-trained Punkt models come with ``nltk_data``, which the project
does without. An untrained ``PunktSentenceTokenizer``
works with the parameters it is given; the abbreviations it must not split on
(``U.S.``, ``Jan.``, ``Dr.``, ``Gen.`` …) come from ``analysis/data/text.yaml``
(:func:`abbreviations_file`, validated on load). :func:`sentence_tokenizer` is the one
tokenizer every measure uses (through :func:`analysis.text.sentence_spans`):
:class:`RememberingPunkt`, which gives Punkt's spans, unchanged, faster.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktToken

from .errors import DataFileError, Problem

__all__ = ["RememberingPunkt", "abbreviations_file", "sentence_tokenizer"]


@lru_cache(maxsize=1)
def abbreviations_file() -> dict:
    """``analysis/data/text.yaml``, validated: its ``source`` and its ``abbreviations`` (lower case, no final period).

    A bad file raises :class:`~analysis.errors.DataFileError` naming the entry.

    Example
    -------
    >>> "u.s" in abbreviations_file()["abbreviations"]
    True
    """
    path = resources.files("analysis") / "data" / "text.yaml"
    return _checked(yaml.safe_load(path.read_text(encoding="utf-8")), name="analysis/data/text.yaml")


def _checked(data, *, name: str) -> dict:
    """``data`` when it is an abbreviations file's content, else a :class:`~analysis.errors.DataFileError` naming the entry."""
    if not isinstance(data, dict) or not data.get("source"):
        raise DataFileError(Problem(name, None, "source", "the file must name its source"))
    abbrevs = data.get("abbreviations")
    if not isinstance(abbrevs, list) or not abbrevs:
        raise DataFileError(Problem(name, None, "abbreviations", "must be a non-empty list"))
    for i, a in enumerate(abbrevs, start=1):
        if not isinstance(a, str) or not a or a != a.lower() or a.endswith("."):
            raise DataFileError(Problem(name, i, "abbreviations", f"{a!r}: write lower case, without the final period"))
    return data


#: How many Punkt decisions (one per candidate break's context, see :class:`RememberingPunkt`) are remembered.
_CONTEXT_CACHE_SIZE = 65536
_TOKEN_EXPRESSIONS = ("_RE_ELLIPSIS", "_RE_NUMERIC", "_RE_INITIAL", "_RE_ALPHA")  # PunktToken's


class RememberingPunkt(PunktSentenceTokenizer):
    """Punkt that remembers, for each context of a candidate break ("said. The"), whether it breaks.

    Punkt decides each ``.``, ``?`` or ``!`` followed by more text from its context alone (the
    word before, the mark, the next token): ``text_contains_sentbreak`` tokenises and annotates
    that short string with the fixed parameters, and nothing it does changes them (this
    tokenizer is never trained). So the answer is a function of the string, and the same
    contexts recur across a corpus ("said. The", "Monday. He"). The spans are Punkt's own, unchanged. Its
    expressions run without NLTK's time limit (``_untimed``); :meth:`spans` is ``span_tokenize`` in one pass.
    """

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params, token_cls=_BareToken)
        self.text_contains_sentbreak = lru_cache(maxsize=_CONTEXT_CACHE_SIZE)(super().text_contains_sentbreak)
        lang = self._lang_vars  # this tokenizer's own (Punkt makes one per tokenizer)
        lang._re_word_tokenizer = _untimed(lang._word_tokenizer_re())
        self._candidates = _untimed(lang.period_context_re()).finditer
        self._realignment = _untimed(lang.re_boundary_realignment).match

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``list(self.span_tokenize(text))``: NLTK's three generators as three loops over lists.

        >>> sentence_tokenizer().spans("The U.S. met. (It rained.) Then  ")
        [(0, 13), (14, 26), (27, 31)]
        """
        end = len(text.rstrip())
        if not (candidates := [*self._candidates(text)]):
            return [(0, end)] if end else []  # no . ? ! before more text: one sentence, as in Punkt
        breaks, prev, prev_start, prev_stop = [], None, 0, 0  # Punkt's _match_potential_end_contexts
        for match in [*candidates, None]:  # None: the last candidate is decided too
            start = match.start() if match is not None else len(text)
            # the word before: after the last whitespace (string.whitespace) since the last candidate; at 0, none
            space = max(map(text[prev_stop:start].rfind, " \t\n\r\x0b\x0c"))
            word_start = prev_stop + space + 1 if space > 0 else prev_start
            # a candidate whose word overlaps the one before replaces it; the context: word, mark, what follows
            if (
                prev is not None
                and (match is None or prev_stop <= word_start)
                and self.text_contains_sentbreak(text[prev_start : prev.end("after_tok")])
            ):
                breaks.append(prev)
            prev, prev_start, prev_stop = match, word_start, start
        slices, last = [], 0  # _slices_from_text
        for match in breaks:
            slices.append((last, match.end()))
            last = match.start("next_tok") if match.group("next_tok") else match.end()
        slices.append((last, end))
        spans, realign = [], 0  # _realign_boundaries: closing quotes and brackets join the sentence before
        for (start, stop), following in zip(slices, [*slices[1:], None]):
            start += realign
            found = following and self._realignment(text[following[0] : following[1]])
            if found:
                spans.append((start, following[0] + len(found.group(0).rstrip())))
            elif start < stop:  # the slice is not empty (stop <= len(text))
                spans.append((start, stop))
            realign = found.end() if found else 0
        return spans


def _untimed(pattern):
    """The compiled expression inside NLTK's ReDoS guard (``nltk.redos.TimedPattern``), else ``pattern``: Punkt's
    expressions are NLTK's own and fixed, so they run bare (no call and generator per use), same engine, same results."""
    return getattr(pattern, "_rx", pattern)


#: Punkt's token, its expressions run without NLTK's time limit.
_BareToken = type(
    "_BareToken", (PunktToken,), {"__slots__": (), **{k: _untimed(getattr(PunktToken, k)) for k in _TOKEN_EXPRESSIONS}}
)


@lru_cache(maxsize=1)
def sentence_tokenizer() -> RememberingPunkt:
    """The one Punkt tokenizer of the package, with the abbreviations of :func:`abbreviations_file` (made once).

    Example
    -------
    >>> sentence_tokenizer().spans("Gen. Asim Munir spoke. The U.S. replied.")
    [(0, 22), (23, 40)]
    """
    params = PunktParameters()
    params.abbrev_types = set(abbreviations_file()["abbreviations"])
    return RememberingPunkt(params)
