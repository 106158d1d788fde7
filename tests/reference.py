"""Code as it was before issue #16 (one full scan per alias and per frame, tables per article, keyness per group,
every cleaning rule tried on every line, one hits table per frame).

Kept only as the reference the fast code must equal (tests/test_scanning.py
and the differential tests in test_actors.py, test_framing.py,
test_framing_keyness.py, test_text.py and test_clean.py): slow, obviously right, and not used anywhere else. Each
function is the old one with its helpers inlined; only the names changed.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.actors.matching import _context_ok, _flag_misaligned
from analysis.characters import normalize_characters
from analysis.clean import _BODY_WORDS, _restated_below, _rule
from analysis.framing.frames import resolve_frames
from analysis.framing.hits import dictionary_hits
from analysis.text import fold, normalize, sentence_in_quote, sentence_spans, split_sentences, stopwords, tokenize

_TOKEN_RE = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                  # dotted acronym: U.S. U.N. e.g.
    | [^\W_]+(?:['-][^\W_]+)*           # words, numbers, hyphen/apostrophe compounds
    """,
    re.VERBOSE,
)
_POSSESSIVE_RE = re.compile(r"'s?$")
_QUOTE_OPEN_CLOSE = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}


def tokens(text: str, *, lower: bool = True, keep_possessive: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, token) of every word token: the old ``_iter_tokens``."""
    out = []
    for m in _TOKEN_RE.finditer(fold(text)):
        tok = m.group(0)
        if not keep_possessive and "'" in tok:
            tok = _POSSESSIVE_RE.sub("", tok)
        out.append((m.start(), m.end(), tok.casefold() if lower else tok))
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The old character-by-character quotation finder."""
    spans = []
    offset = 0
    for paragraph in text.split("\n"):
        open_at = None
        closer = None
        for i, ch in enumerate(paragraph):
            if open_at is None:
                if ch in _QUOTE_OPEN_CLOSE:
                    open_at, closer = i, _QUOTE_OPEN_CLOSE[ch]
                elif ch == '"':
                    open_at, closer = i, '"'
            elif ch == closer:
                spans.append((offset + open_at, offset + i + 1))
                open_at = None
        if open_at is not None:
            spans.append((offset + open_at, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return spans


def classify(raw_text: str, *, title: str | None, rules: tuple) -> tuple[list[str], list[str], list[str]]:
    """The old ``analysis.clean._classify``: every rule tried on every line it may apply to, no screen."""
    lines = [line.strip() for line in normalize_characters(raw_text).split("\n")]
    n = len(lines)
    category: list[str | None] = [None if line else "blank" for line in lines]
    rule_id = [""] * n

    def mark(i: int, rule) -> None:
        category[i], rule_id[i] = rule.category, rule.id

    def prev_text_line(i: int) -> int | None:
        j = i - 1
        while j >= 0 and not lines[j]:
            j -= 1
        return j if j >= 0 else None

    def next_text_line(i: int) -> int | None:
        j = i + 1
        while j < n and not lines[j]:
            j += 1
        return j if j < n else None

    title_norm = normalize(title) if title else None
    norms = [normalize(line) for line in lines]
    counts: dict[str, int] = {}
    for line, norm in zip(lines, norms):
        if line:
            counts[norm] = counts.get(norm, 0) + 1

    n_words = [len(line.split()) for line in lines]

    def body_above(i: int) -> bool:
        """A line above ``i`` that no rule has taken and that reads like running text."""
        return any(category[j] is None and n_words[j] >= _BODY_WORDS for j in range(i))

    def applies(rule, i: int) -> bool:
        line = lines[i]
        if rule.kind == "headline":
            return title_norm is not None and norms[i] == title_norm
        if rule.kind == "repeated":
            return rule.matches_line(line, n_words=n_words[i]) and counts.get(norms[i], 0) > 1
        if rule.kind == "caption_title":
            j = next_text_line(i)
            return j is not None and category[j] == "caption" and rule.matches_line(line, n_words=n_words[i])
        if rule.kind == "caption_repeat":
            j = next_text_line(i)
            return (
                j is not None
                and category[j] == "caption"
                and norms[j].startswith(norms[i])
                and rule.matches_line(line, n_words=n_words[i])
            )
        if rule.kind == "rest_of_page":
            return rule.matches_line(line, n_words=n_words[i]) and body_above(i)
        if rule.kind == "standfirst":
            return False  # decided in the head pass
        return rule.matches_line(line, n_words=n_words[i])

    # 1. Embedded posts: the attribution line and the post above it; or a post ending in its attribution.
    for rule in (r for r in rules if r.kind in {"embed", "embed_inline"}):
        for i in range(n):
            if category[i] is None and applies(rule, i):
                mark(i, rule)
                j = prev_text_line(i)
                if rule.kind == "embed" and j is not None and category[j] is None:
                    mark(j, rule)
    # 2. Rules that apply anywhere, line by line (caption titles last: they look at captions).
    late = {"embed", "embed_inline", "caption_title", "caption_repeat", "standfirst", "repeated"}
    anywhere = [r for r in rules if r.where == "anywhere" and r.kind not in late]
    for i in range(n):
        if category[i] is None:
            for rule in anywhere:
                if applies(rule, i):
                    mark(i, rule)
                    break
    # A heading of related links or references ends the article: the rest of the page is furniture.
    ends = [i for i in range(n) if rule_id[i] and _rule(rules, rule_id[i]).kind == "rest_of_page"]
    if ends:
        rule = _rule(rules, rule_id[ends[0]])
        for i in range(ends[0] + 1, n):
            if category[i] is None:
                mark(i, rule)
    for rule in (r for r in rules if r.kind in {"caption_title", "caption_repeat"} and r.where == "anywhere"):
        for i in range(n - 1, -1, -1):
            if category[i] is None and applies(rule, i):
                mark(i, rule)
    # 3. The runs of furniture at the top and the bottom of the page.
    for zone, order in (("head", range(n)), ("tail", range(n - 1, -1, -1))):
        zone_rules = [r for r in rules if r.where == zone and r.kind != "standfirst"]
        for i in order:
            if category[i] is not None:
                continue
            rule = next((r for r in zone_rules if applies(r, i)), None)
            if rule is None:
                break
            mark(i, rule)
    # 4. Lines printed twice, once the zones have had their say (a repeated promotion at the foot stays promotion).
    for rule in (r for r in rules if r.kind == "repeated" and r.where == "anywhere"):
        for i in range(n):
            if category[i] is None and applies(rule, i):
                mark(i, rule)
    # 5. Standfirsts: below the headline and above any byline or date, a line with furniture right under it.
    for rule in (r for r in rules if r.kind == "standfirst"):
        seen_headline = False
        for i in range(n):
            if category[i] == "headline":
                seen_headline = True
            if category[i] == "byline" and seen_headline:
                break  # the article starts below its byline or date
            if category[i] is not None:
                continue
            j = next_text_line(i)
            below = j is not None and category[j] not in {None, "embed"}
            more = any(c is None for c in category[i + 1 :])  # the article goes on below the furniture
            set_apart = below or _restated_below(i, norms, category)
            if not (seen_headline and set_apart and more and rule.matches_line(lines[i], n_words=n_words[i])):
                break
            mark(i, rule)
    return lines, [c if c is not None else "body" for c in category], rule_id


def frame_hits(corpus: pd.DataFrame, frames=None, *, window: int = 8) -> pd.DataFrame:
    """The old ``analysis.framing.frames.frame_hits``: one table per frame, joined."""
    table = resolve_frames(frames)
    parts = []
    found = dictionary_hits(corpus, list(table["regex"]), window=window)
    for f, hits in zip(table.itertuples(index=False), found):
        hits.insert(1, "frame", f.key)
        hits.insert(2, "family", f.family)
        parts.append(hits)
    columns = [
        "id",
        "frame",
        "family",
        "sentence",
        "sentence_text",
        "matched",
        "term",
        "left",
        "right",
        "start",
        "end",
        "in_quote",
    ]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True).rename(columns={"match": "matched"})
    out["term"] = [normalize(" ".join(m.split())) for m in out["matched"]]
    order = {i: k for k, i in enumerate(corpus["id"])}
    frame_order = {k: j for j, k in enumerate(table["key"])}
    out = out.assign(_a=out["id"].map(order), _f=out["frame"].map(frame_order))
    return out.sort_values(["_a", "_f", "start"], kind="mergesort", ignore_index=True)[columns]


def match_text(text: str, gaz) -> list[tuple[int, int, str, str]]:
    """The old ``_match_text``: every alias's own ``finditer`` over the whole text; (start, end, actor, pattern)."""
    folded = fold(text)
    candidates = []
    for alias in gaz.aliases:
        for m in alias.compiled.finditer(folded):
            start, end = m.start(), m.end()
            if alias.kind == "flag" and _flag_misaligned(folded, start):
                continue
            if folded[start:end].endswith("'s") and end - start > 2:
                end -= 2
            if end > start and _context_ok(alias, folded, start, end):
                candidates.append((start, end, alias))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -len(c[2].contexts), c[2].order, c[0]))
    taken = np.zeros(len(text) + 1, dtype=bool)
    chosen = []
    for start, end, alias in candidates:
        if not taken[start:end].any():
            taken[start:end] = True
            chosen.append((start, end, alias.actor, alias.pattern))
    return sorted(chosen, key=lambda c: c[0])


def find_pattern(corpus: pd.DataFrame, regex: str, *, window: int) -> list[dict]:
    """The old ``find_pattern`` rows: sentence table and token table per article, pandas filters per match."""
    compiled = re.compile(regex, re.IGNORECASE)
    rows = []
    for row in corpus.itertuples(index=False):
        text = row.text or ""
        matches = list(compiled.finditer(fold(text)))
        if not matches:
            continue
        sents = split_sentences(text)
        quotes = quote_spans(text)
        sents["in_quote"] = [old_quote_share(a, b, quotes) >= 0.5 for a, b in zip(sents["start"], sents["end"])]
        spans = tokens(text)
        starts = np.array([s for s, _, _ in spans], dtype="int64")
        ends = np.array([e for _, e, _ in spans], dtype="int64")
        for m in matches:
            if m.end() == m.start():
                continue
            inside = sents[(sents["start"] <= m.start()) & (sents["end"] > m.start())]
            sent = inside.iloc[0] if len(inside) else None
            before = starts[ends <= m.start()][-window:] if window else []
            after = ends[starts >= m.end()][:window] if window else []
            left_from = before[0] if len(before) else m.start()
            right_to = after[-1] if len(after) else m.end()
            rows.append(
                {
                    "id": row.id,
                    "sentence": int(sent["sentence"]) if sent is not None else -1,
                    "left": " ".join(text[left_from : m.start()].split()),
                    "match": text[m.start() : m.end()],
                    "right": " ".join(text[m.end() : right_to].split()),
                    "start": m.start(),
                    "end": m.end(),
                    "sentence_text": " ".join(sent["text"].split()) if sent is not None else "",
                    "in_quote": bool(sent["in_quote"]) if sent is not None else False,
                }
            )
    return rows


def old_quote_share(start: int, end: int, spans) -> float:
    """The old share formula (a sum over every span)."""
    if end <= start:
        return 0.0
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans) / (end - start)


__all__ = ["find_pattern", "match_text", "old_quote_share", "quote_spans", "tokens"]


def keyness(corpus: pd.DataFrame, *, by: str, method: str, ngram: int, min_count: int, alpha0: float) -> pd.DataFrame:
    """``analysis.framing.keyness.keyness`` before issue #16: one pandas table per group, p by a Python loop."""
    import math

    from analysis.errors import AnalysisInputError, Problem
    from analysis.text import doc_term_counts
    from analysis.types import group_labels, groups_in_order

    columns_order = (
        "group term count count_rest total total_rest rate rate_rest n_docs n_docs_group score z p log_ratio"
    )
    columns_order = columns_order.split()

    def _normal_p(z):
        return np.array([math.erfc(abs(v) / math.sqrt(2)) for v in np.asarray(z, dtype=float)])

    labels = group_labels(corpus, by, "keyness")
    if method not in ("log_odds", "g2"):
        raise AnalysisInputError(Problem("keyness()", None, "method", f"{method!r}: use 'log_odds' or 'g2'"))
    if not (isinstance(ngram, int) and 1 <= ngram <= 3):
        raise AnalysisInputError(Problem("keyness()", None, "ngram", f"{ngram!r}: use 1, 2 or 3"))
    if alpha0 <= 0:
        raise AnalysisInputError(Problem("keyness()", None, "alpha0", "the prior's size must be positive"))
    groups = groups_in_order(labels)
    if len(groups) < 2:
        raise AnalysisInputError(
            Problem("keyness()", None, "by", f"column {by!r} has {len(groups)} group(s); keyness needs two or more")
        )
    counts = doc_term_counts(corpus, ngram=ngram)
    counts["group"] = counts["id"].map(labels)
    wide = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=groups, fill_value=0)
    totals = wide.sum(axis=0)
    empty = [str(g) for g in groups if totals[g] == 0]
    if empty:
        raise AnalysisInputError(
            Problem("keyness()", None, "by", f"group(s) {', '.join(empty)} have no counted terms (only stopwords?)")
        )
    grand = float(totals.sum())
    term_total = wide.sum(axis=1)
    prior = alpha0 * term_total / grand
    keep = term_total >= min_count
    wide, term_total, prior = wide[keep], term_total[keep], prior[keep]
    n_docs = counts.groupby(["group", "term"])["id"].nunique().to_dict()  # a dict: one pandas lookup per term is slow
    docs_in_group = labels.value_counts()

    parts = []
    for g in groups:
        y_i = wide[g].astype(float)
        y_j = term_total.astype(float) - y_i
        n_i = float(totals[g])
        n_j = grand - n_i
        if method == "log_odds":
            delta = np.log((y_i + prior) / (n_i + alpha0 - y_i - prior)) - np.log(
                (y_j + prior) / (n_j + alpha0 - y_j - prior)
            )
            z = delta / np.sqrt(1.0 / (y_i + prior) + 1.0 / (y_j + prior))
            score = delta
            p = _normal_p(z)
        else:
            both = y_i + y_j
            e_i = n_i * both / (n_i + n_j)
            e_j = n_j * both / (n_i + n_j)
            with np.errstate(divide="ignore", invalid="ignore"):
                part_i = np.where(y_i > 0, y_i * np.log(y_i / e_i), 0.0)
                part_j = np.where(y_j > 0, y_j * np.log(y_j / e_j), 0.0)
            g2 = np.maximum(2.0 * (part_i + part_j), 0.0)
            sign = np.where(y_i / n_i >= y_j / n_j, 1.0, -1.0)
            score = sign * g2
            z = sign * np.sqrt(g2)
            p = np.array([math.erfc(math.sqrt(v / 2.0)) for v in g2])
        log_ratio = np.log2((np.where(y_i > 0, y_i, 0.5) / n_i) / (np.where(y_j > 0, y_j, 0.5) / n_j))
        frame = pd.DataFrame(
            {
                "group": g,
                "term": wide.index.to_numpy(),
                "count": y_i.astype("int64").to_numpy(),
                "count_rest": y_j.astype("int64").to_numpy(),
                "total": int(n_i),
                "total_rest": int(n_j),
                "rate": (1000.0 * y_i / n_i).to_numpy(),
                "rate_rest": (1000.0 * y_j / n_j).to_numpy(),
                "n_docs": [int(n_docs.get((g, t), 0)) for t in wide.index],
                "n_docs_group": int(docs_in_group[g]),
                "score": np.asarray(score, dtype=float),
                "z": np.asarray(z, dtype=float),
                "p": p,
                "log_ratio": np.asarray(log_ratio, dtype=float),
            }
        )
        parts.append(frame.sort_values(["z", "term"], ascending=[False, True], kind="mergesort"))
    columns = list(columns_order)
    out = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
    out.attrs.update(
        {
            "method": method,
            "alpha0": alpha0 if method == "log_odds" else None,
            "by": by,
            "ngram": ngram,
            "min_count": min_count,
        }
    )
    return out


def doc_term_counts(corpus: pd.DataFrame, *, ngram: int = 1, drop_stopwords: bool = True, min_length: int = 2):
    """The old ``analysis.text.doc_term_counts``: each sentence tokenised on its own, its grams counted one by one."""
    from collections import Counter

    stops = stopwords() if drop_stopwords else frozenset()

    def kept(tok):
        return len(tok) >= min_length and not tok.replace("-", "").replace(".", "").isdigit()

    rows = []
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        text = text or ""
        counts = Counter()
        for start, end, _ in sentence_spans(text):
            toks = tokenize(text[start:end])
            for i in range(len(toks) - ngram + 1):
                gram = toks[i : i + ngram]
                if all(kept(t) for t in gram) and gram[0] not in stops and gram[-1] not in stops:
                    counts[" ".join(gram)] += 1
        rows.extend((doc_id, term, n) for term, n in counts.items())
    out = pd.DataFrame(rows, columns=["id", "term", "count"])
    return out.sort_values(["id", "term"], ignore_index=True).astype({"count": "int64"})


def sentence_table(corpus: pd.DataFrame, *, include_embeds: bool = False, quote_threshold: float = 0.5):
    """The old ``analysis.text.sentence_table``: a tuple per sentence, each sentence tokenised on its own."""
    rows = []
    sources = [("body", "text")] + ([("embed", "quoted_text")] if include_embeds else [])
    for row in corpus.itertuples(index=False):
        for source, column in sources:
            text = getattr(row, column) or ""
            quoted = sentence_in_quote(text, quote_threshold) if source == "body" else None
            length = max(len(text), 1)
            for number, (start, end, sentence) in enumerate(sentence_spans(text)):
                in_quote = source == "embed" or quoted[number]
                position = round((start + end) / 2 / length, 6)
                n_words = len(tokenize(text[start:end]))
                rows.append((row.id, source, number, start, end, sentence, position, in_quote, n_words))
    columns = ["id", "source", "sentence", "start", "end", "text", "position", "in_quote", "n_words"]
    table = pd.DataFrame(rows, columns=columns)
    types = {"sentence": "int64", "start": "int64", "end": "int64", "position": "float64", "in_quote": "bool"}
    return table.astype({**types, "n_words": "int64"})
