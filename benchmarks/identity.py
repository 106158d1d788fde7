"""Same outputs before and after a speed change: record every table once, compare them later.

``python -m benchmarks.identity save DIR [--articles N]`` computes the tables
below on the seed corpus and on a synthetic corpus of N articles (default 500,
:func:`benchmarks.synthetic.write_corpus`, fixed seed) and writes each as a
pickle into ``DIR`` together with ``manifest.json`` (shape, dtypes and a
SHA-256 of :func:`pandas.util.hash_pandas_object` per table).
``python -m benchmarks.identity compare DIR`` computes them again with the
code now importable and compares table for table (only with the manifest's
hashes when ``DIR`` holds no ``tables.pkl``) with
:meth:`pandas.DataFrame.equals` (values, NaN positions, column names and
dtypes) plus an explicit dtype check; it prints the first differing rows of
any table that differs and exits 1.

The saved "before" tables are a regression record of the code at the time
they were saved, not a statement that that code was right.

pandas stores text columns as ``str`` with Python or pyarrow storage, by
whether pyarrow is installed; the two compare as different dtypes. ``save``
uses ``--string-storage`` (default ``python``: ``constraints.txt`` has no
pyarrow) and records it; ``compare`` uses the recorded one.

Tables: the loaded corpus; :func:`analysis.pipeline.analyse`'s mentions,
sentences and frame hits; ``find_mentions`` without embeds and without
demonyms; ``frame_hits`` with a 3-word window; ``frame_scores`` per article,
per crisis and per outlet; ``escalation_balance``; ``keyness`` (log-odds,
G², bigrams); ``doc_term_counts`` (words, bigrams without stopword filter);
``sentence_table`` with embeds; ``collocations``; ``kwic``;
``cleaning_audit``; ``embedded_posts``; ``split_sentences`` and
``token_spans`` of every body and post text; ``opening_sentences``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from pathlib import Path

import pandas as pd

N_ARTICLES = 500


def tables(corpus_dir: str | Path | None) -> dict[str, pd.DataFrame]:
    """Every table listed in the module docstring, for the corpus in ``corpus_dir`` (None: the seed)."""
    from analysis.clean import cleaning_audit, embedded_posts
    from analysis.corpus import load_corpus, opening_sentences
    from analysis.framing import collocations, escalation_balance, frame_hits, frame_scores, keyness, kwic
    from analysis.pipeline import analyse
    from analysis.text import doc_term_counts, sentence_table, split_sentences, token_spans

    corpus = load_corpus(corpus_dir)
    a = analyse(corpus)
    from analysis.actors import find_mentions

    out = {
        "corpus": corpus,
        "mentions": a.mentions,
        "sentences": a.sentences,
        "hits": a.hits,
        "mentions_body_no_demonyms": find_mentions(corpus, demonyms=False),
        "hits_window3": frame_hits(corpus, window=3),
        "frame_scores": frame_scores(corpus, hits=a.hits),
        "frame_scores_crisis": frame_scores(corpus, by="crisis", hits=a.hits),
        "frame_scores_outlet": frame_scores(corpus, by="outlet", hits=a.hits),
        "escalation_balance": escalation_balance(corpus),
        "keyness": keyness(corpus, by="crisis"),
        "keyness_g2": keyness(corpus, by="crisis", method="g2"),
        "keyness_bigrams": keyness(corpus, by="crisis", ngram=2),
        "doc_term_counts": doc_term_counts(corpus),
        "doc_term_counts_bigrams": doc_term_counts(corpus, ngram=2, drop_stopwords=False),
        "sentence_table": sentence_table(corpus, include_embeds=True),
        "collocations": collocations(corpus, by="crisis", min_freq=2, top=None),
        "kwic": kwic(corpus, r"restraint|escalat\w*|Iran\b", window=5),
        "cleaning_audit": cleaning_audit(corpus),
        "embedded_posts": embedded_posts(corpus),
        "opening_sentences": pd.DataFrame({"text": opening_sentences(corpus)}),
    }
    texts = [(i, "body", t) for i, t in zip(corpus["id"], corpus["text"])]
    texts += [(i, "embed", t) for i, t in zip(corpus["id"], corpus["quoted_text"])]
    out["split_sentences"] = pd.concat(
        [split_sentences(t).assign(id=i, source=s) for i, s, t in texts], ignore_index=True
    )
    out["token_spans"] = pd.concat([token_spans(t).assign(id=i, source=s) for i, s, t in texts], ignore_index=True)
    out["token_spans_cased"] = pd.concat(
        [token_spans(t, lower=False, keep_possessive=True).assign(id=i) for i, _, t in texts], ignore_index=True
    )
    return out


def digest(table: pd.DataFrame) -> dict:
    """Shape, dtypes and a SHA-256 of the table's row hashes (index included)."""
    rows = pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes()
    return {
        "shape": list(table.shape),
        "dtypes": {str(c): str(t) for c, t in table.dtypes.items()},
        "sha256": hashlib.sha256(rows + repr(list(table.columns)).encode()).hexdigest(),
    }


def _all_tables(n_articles: int) -> dict[str, pd.DataFrame]:
    from benchmarks.synthetic import SEED, write_corpus

    out = {f"seed/{k}": v for k, v in tables(None).items()}
    with tempfile.TemporaryDirectory(prefix="identity-") as tmp:
        write_corpus(Path(tmp) / "corpus", n_articles, seed=SEED)
        out.update({f"synthetic{n_articles}/{k}": v for k, v in tables(Path(tmp) / "corpus").items()})
    return out


def save(folder: Path, n_articles: int, string_storage: str = "python") -> None:
    pd.set_option("mode.string_storage", string_storage)
    folder.mkdir(parents=True, exist_ok=True)
    found = _all_tables(n_articles)
    with open(folder / "tables.pkl", "wb") as fh:
        pickle.dump(found, fh, protocol=5)
    manifest = {
        "articles": n_articles,
        "string_storage": string_storage,
        "tables": {k: digest(v) for k, v in found.items()},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"saved {len(found)} tables to {folder}")


def compare(folder: Path) -> int:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pd.set_option("mode.string_storage", manifest.get("string_storage", "python"))
    before = {}
    if (folder / "tables.pkl").exists():
        with open(folder / "tables.pkl", "rb") as fh:
            before = pickle.load(fh)
    else:
        print("no tables.pkl: comparing shapes, dtypes and hashes with manifest.json only")
    after = _all_tables(manifest["articles"])
    failures = 0
    for name in sorted(set(manifest["tables"]) | set(after)):
        old, new = before.get(name), after.get(name)
        if new is None or name not in manifest["tables"]:
            print(f"DIFFERS {name}: only {'before' if new is None else 'after'}")
            failures += 1
            continue
        if old is None:
            same = digest(new) == manifest["tables"][name]
            print(f"{'same   ' if same else 'DIFFERS'} {name} {new.shape} (hash)")
            failures += not same
            continue
        same = old.equals(new) and list(old.dtypes) == list(new.dtypes) and list(old.columns) == list(new.columns)
        same = same and digest(new) == manifest["tables"][name]
        if same:
            print(f"same    {name} {old.shape}")
            continue
        failures += 1
        print(f"DIFFERS {name}: before {old.shape} {dict(old.dtypes)}, after {new.shape} {dict(new.dtypes)}")
        if old.shape == new.shape and list(old.columns) == list(new.columns):
            diff = (old != new) & ~(old.isna() & new.isna())
            rows = diff.any(axis=1)
            print(old[rows].head(3).to_string(), "\n--- after\n", new[rows].head(3).to_string())
    print(f"{len(after)} tables compared, {failures} differ")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.identity", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=N_ARTICLES)
    parser.add_argument("--string-storage", choices=["python", "pyarrow"], default="python")
    options = parser.parse_args(argv)
    if options.action == "save":
        save(options.folder, options.articles, options.string_storage)
        return 0
    return compare(options.folder)


if __name__ == "__main__":
    sys.exit(main())
