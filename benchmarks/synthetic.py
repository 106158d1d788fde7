"""A synthetic corpus folder for benchmarks: the seed corpus's sentences resampled into N articles.

:func:`write_corpus` writes a corpus folder with the layout of
``corpus/README.md`` (``metadata.csv``, ``crises.csv``, ``events.csv``,
``outlets.csv``, ``articles/``) that :func:`analysis.corpus.load_corpus`
accepts. Everything is drawn with a seeded ``numpy`` generator, so the same
``n_articles`` and ``seed`` always give the same files, byte for byte.

Each raw article is built like a collected page, so that cleaning has work to
do:

- the title line (equal to the metadata title: the headline);
- sometimes a line of page furniture the seed's cleaning removed from the top
  of a page (navigation, byline, caption), resampled;
- 10–32 body sentences drawn with replacement from the seed corpus's cleaned
  body sentences (:func:`analysis.text.sentence_table`), one to three to a
  paragraph, paragraphs separated by a blank line (about 500 words an article,
  as in issue #16's 2,000 articles with 1.01 M words);
- in about a third of the articles one or two embedded posts (the post and its
  attribution line, resampled from :func:`analysis.clean.embedded_posts` of
  the seed), placed between paragraphs;
- sometimes one or two lines of furniture from the foot of a seed page
  (promotion, author box, related articles).

Metadata: outlets, genres and crisis keys are drawn from the seed corpus's own;
``published`` is a day inside the crisis's dates or up to three days after.

The seed corpus has a few hundred body sentences, so such a corpus says each of
them many times, and whatever remembers a decision about a piece of text (Punkt's
decision per candidate break, for one) is flattered by it. With
``distinct=True`` (:func:`shuffled`) every sentence drawn has its words put in
a random order, its last word (with the sentence's end) kept last: the same
words, the same lexicon entries and about the same number of sentences, but
hardly a sentence or a break's context said twice.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date, timedelta
from pathlib import Path

import numpy as np

SEED = 2024
HEAD_FURNITURE = ("navigation", "byline", "caption")
TAIL_FURNITURE = ("promotion", "author_bio", "related")
METADATA_COLUMNS = ["id", "file", "outlet", "title", "url", "published", "author", "crisis", "genre", "notes"]


def _seed_material(seed_dir: Path | None) -> dict:
    """Sentences, posts, furniture lines and metadata values of the seed corpus."""
    from analysis.clean import cleaning_audit, embedded_posts
    from analysis.corpus import load_corpus, load_crises
    from analysis.text import sentence_table

    corpus = load_corpus(seed_dir)
    audit = cleaning_audit(corpus)
    posts = embedded_posts(corpus)
    return {
        "sentences": sentence_table(corpus)["text"].tolist(),
        "posts": list(zip(posts["text"], posts["attribution"])),
        "head": audit.loc[audit["category"].isin(HEAD_FURNITURE), "text"].tolist(),
        "tail": audit.loc[audit["category"].isin(TAIL_FURNITURE), "text"].tolist(),
        "outlets": sorted(corpus["outlet"].unique()),
        "genres": sorted(corpus["genre"].unique()),
        "crises": load_crises(seed_dir),
    }


def shuffled(sentence: str, rng: np.random.Generator) -> str:
    """``sentence`` with its words (split at spaces) in a random order, the last word kept last.

    Example
    -------
    >>> s = shuffled("Iran and Pakistan agreed to calm tensions.", np.random.default_rng(1))
    >>> s.endswith(" tensions."), sorted(s.split()) == sorted("Iran and Pakistan agreed to calm tensions.".split())
    (True, True)
    """
    words = sentence.split(" ")
    if len(words) < 3:
        return sentence
    head = words[:-1]
    return " ".join([head[int(i)] for i in rng.permutation(len(head))] + words[-1:])


def _article(
    rng: np.random.Generator, material: dict, title: str, *, shuffle: np.random.Generator | None = None
) -> str:
    """The raw text of one synthetic article (see the module docstring); ``shuffle`` draws the shuffles, if any."""
    sentences, posts = material["sentences"], material["posts"]
    lines = [title, ""]
    if material["head"] and rng.random() < 0.5:
        lines += [material["head"][int(rng.integers(len(material["head"])))], ""]
    picks = rng.integers(0, len(sentences), size=int(rng.integers(10, 33)))
    paragraphs: list[str] = []
    current: list[str] = []
    size = int(rng.integers(1, 4))
    for j in picks:
        current.append(sentences[int(j)] if shuffle is None else shuffled(sentences[int(j)], shuffle))
        if len(current) >= size:
            paragraphs.append(" ".join(current))
            current, size = [], int(rng.integers(1, 4))
    if current:
        paragraphs.append(" ".join(current))
    if posts and rng.random() < 1 / 3:
        for _ in range(int(rng.integers(1, 3))):
            post, attribution = posts[int(rng.integers(len(posts)))]
            paragraphs.insert(int(rng.integers(1, len(paragraphs) + 1)), f"{post}\n{attribution}")
    lines += "\n\n".join(paragraphs).split("\n")
    if material["tail"] and rng.random() < 0.5:
        for _ in range(int(rng.integers(1, 3))):
            lines += ["", material["tail"][int(rng.integers(len(material["tail"])))]]
    return "\n".join(lines) + "\n"


def write_corpus(
    folder: str | Path,
    n_articles: int,
    *,
    seed: int = SEED,
    seed_dir: str | Path | None = None,
    distinct: bool = False,
) -> dict[str, int]:
    """Write a synthetic corpus of ``n_articles`` articles into ``folder`` (created; must be empty or absent).

    ``seed_dir`` is the corpus whose sentences are resampled (default: the
    book's ``corpus/``); with ``distinct`` each sentence's words are shuffled
    (:func:`shuffled`; the articles otherwise the same). Returns ``{"articles": n, "bytes": total size of the
    article files}``.

    Example
    -------
    >>> import tempfile
    >>> from analysis.corpus import load_corpus
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_corpus(tmp + "/c", 3)
    ...     corpus = load_corpus(tmp + "/c")
    >>> len(corpus), bool((corpus["n_words"] > 100).all())
    (3, True)
    """
    from analysis.corpus import resolve_corpus_dir

    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    source = resolve_corpus_dir(seed_dir)
    material = _seed_material(source)
    (folder / "articles").mkdir(parents=True)
    for name in ("crises.csv", "events.csv", "outlets.csv"):
        if (source / name).exists():
            shutil.copyfile(source / name, folder / name)
    rng = np.random.default_rng(seed)
    # a generator of its own, so that both corpora draw the same sentences, posts and metadata
    shuffle = np.random.default_rng([seed, 1]) if distinct else None
    crises = material["crises"]
    rows, size = [], 0
    for i in range(n_articles):
        crisis = crises.iloc[int(rng.integers(len(crises)))]
        start, end = date.fromisoformat(str(crisis["start"])[:10]), date.fromisoformat(str(crisis["end"])[:10])
        day = start + timedelta(days=int(rng.integers(0, (end - start).days + 4)))
        article_id = f"synthetic-{i:05d}"
        title = f"Synthetic article {i}: {crisis['label']}"
        raw = _article(rng, material, title, shuffle=shuffle)
        (folder / "articles" / f"{article_id}.txt").write_text(raw, encoding="utf-8")
        size += len(raw.encode("utf-8"))
        rows.append(
            {
                "id": article_id,
                "file": f"{article_id}.txt",
                "outlet": material["outlets"][int(rng.integers(len(material["outlets"])))],
                "title": title,
                "url": "",
                "published": day.isoformat(),
                "author": "",
                "crisis": crisis["key"],
                "genre": material["genres"][int(rng.integers(len(material["genres"])))],
                "notes": f"Synthetic: seed sentences resampled{', words shuffled' if distinct else ''} (seed {seed}).",
            }
        )
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=METADATA_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return {"articles": n_articles, "bytes": size}
