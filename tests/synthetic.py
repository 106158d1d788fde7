"""Build small synthetic corpus folders that follow the schema in corpus/README.md."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd

METADATA_COLUMNS = ["id", "file", "outlet", "title", "url", "published", "author", "crisis", "genre", "notes"]

CRISES = [
    {
        "key": "alpha-2023",
        "label": "Alpha dispute",
        "start": "2023-03-01",
        "end": "2023-03-04",
        "description": "A border dispute between two invented states.",
    },
    {
        "key": "beta-2023",
        "label": "Beta talks",
        "start": "2023-06-10",
        "end": "2023-06-12",
        "description": "Talks after a naval incident.",
    },
    {
        "key": "gamma-2024",
        "label": "Gamma strike",
        "start": "2024-02-01",
        "end": "2024-02-02",
        "description": "A single strike and its aftermath.",
    },
]

ARTICLES = [
    (
        "north-1",
        "North Post",
        "alpha-2023",
        "2023-03-02",
        "news",
        "Border clash alarms region",
        "Border clash alarms region\n\nPhoto of soldiers at the border\n\n"
        "Iran and Pakistan traded accusations on Monday after a border clash near Panjgur. "
        "The foreign ministry in Islamabad said the strike was a violation of its sovereignty.\n\n"
        "China urged both sides to show restraint and to return to dialogue.\n\n"
        "“We will respond to any attack,” an official said.\n\nSubscribe to our newsletter\n",
    ),
    (
        "north-2",
        "North Post",
        "beta-2023",
        "2023-06-11",
        "analysis",
        "Why the talks matter",
        "Why the talks matter\n\nBy Ann Writer\n\n"
        "Diplomacy returned quickly. Tehran and Islamabad agreed to talks, and the United Nations welcomed "
        "the calm. Mediation by China helped both governments step back from escalation.\n\n"
        "Ann Writer is a correspondent for North Post.\n",
    ),
    (
        "south-1",
        "South Daily",
        "alpha-2023",
        "2023-03-03",
        "news",
        "Strikes and warnings",
        "Missile strikes hit militant hideouts, the army said. Israel and the U.S. warned of a wider war.\n\n"
        "The attack killed two children, local officials said, and the government promised to retaliate.\n",
    ),
    (
        "east-1",
        "East Wire",
        "gamma-2024",
        "2024-02-01",
        "news",
        "One strike",
        "A drone strike hit a depot on Thursday. Officials in Tehran called for calm and de-escalation, "
        "and Pakistan's foreign office urged restraint.\n",
    ),
    (
        "east-2",
        "East Wire",
        "beta-2023",
        "2023-06-12",
        "news",
        "Naval incident <script>alert('title')</script> cools",
        "<script>alert('body')</script> The naval incident cooled as both navies withdrew. Talks continued in Geneva, officials said.\n",
    ),
]


def write_corpus(folder: Path, articles=ARTICLES, crises=CRISES) -> Path:
    """Write a synthetic corpus folder and return its path."""
    folder = Path(folder)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    with open(folder / "crises.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["key", "label", "start", "end", "description"])
        writer.writeheader()
        writer.writerows(crises)
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=METADATA_COLUMNS)
        writer.writeheader()
        for aid, outlet, crisis, published, genre, title, text in articles:
            name = f"{aid}.txt"
            (folder / "articles" / name).write_text(text, encoding="utf-8")
            writer.writerow(
                {
                    "id": aid,
                    "file": name,
                    "outlet": outlet,
                    "title": title,
                    "url": f"https://example.org/{aid}",
                    "published": published,
                    "author": "",
                    "crisis": crisis,
                    "genre": genre,
                    "notes": "synthetic",
                }
            )
    return folder


#: One reader's tone labels for the body sentences of :data:`ARTICLES` but ``east-1`` (which a build
#: test edits), made by reading each sentence.
#: Rule: "negative" when the sentence reports violence, harm, a threat or an accusation; "positive"
#: when it reports agreement, restraint, talks resumed or tension easing; "neutral" otherwise. The
#: counts the book must report for this corpus follow: 12 sentences of 4 articles, 6 negative,
#: 5 positive, 1 neutral.
SENTIMENT_LABELS = [
    ("north-1", "Iran and Pakistan traded accusations on Monday after a border clash near Panjgur.", "negative"),
    ("north-1", "The foreign ministry in Islamabad said the strike was a violation of its sovereignty.", "negative"),
    ("north-1", "China urged both sides to show restraint and to return to dialogue.", "positive"),
    ("north-1", "“We will respond to any attack,” an official said.", "negative"),
    ("south-1", "Missile strikes hit militant hideouts, the army said.", "negative"),
    ("south-1", "Israel and the U.S. warned of a wider war.", "negative"),
    (
        "south-1",
        "The attack killed two children, local officials said, and the government promised to retaliate.",
        "negative",
    ),
    ("north-2", "Diplomacy returned quickly.", "positive"),
    ("north-2", "Tehran and Islamabad agreed to talks, and the United Nations welcomed the calm.", "positive"),
    ("north-2", "Mediation by China helped both governments step back from escalation.", "positive"),
    (
        "east-2",
        "<script>alert('body')</script> The naval incident cooled as both navies withdrew.",
        "positive",
    ),
    ("east-2", "Talks continued in Geneva, officials said.", "neutral"),
]


def write_gold(folder: Path) -> Path:
    """Add :data:`SENTIMENT_LABELS` as the corpus's ``gold/sentiment_labels.csv``, with its version manifest."""
    import hashlib

    folder = Path(folder)
    gold = folder / "gold"
    gold.mkdir(exist_ok=True)
    with open(gold / "sentiment_labels.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "source", "text", "label"])
        writer.writerows((aid, "body", text, label) for aid, text, label in SENTIMENT_LABELS)
    coded = sorted({aid for aid, _, _ in SENTIMENT_LABELS})
    lines = [f"{hashlib.sha256((folder / 'articles' / f'{aid}.txt').read_bytes()).hexdigest()}  {aid}" for aid in coded]
    (gold / "articles.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def resampled_articles(n: int, *, seed: int = 0) -> tuple[list[tuple], list[dict]]:
    """``n`` articles made by resampling the seed corpus's sentences, and the seed's crises.

    Each article takes 8 to 24 sentences drawn (with replacement) from the seed
    articles of one crisis, in paragraphs of three, under a headline made of the
    first sentence's first words; its outlet is one of the seed's, its date a day
    inside the crisis's window. The same ``n`` and ``seed`` give the same articles.
    For ``write_corpus(folder, *resampled_articles(500))``: a corpus of realistic
    text and any size, for the batch command's timings and tests.
    """
    from analysis.corpus import load_corpus, load_crises
    from analysis.text import split_sentences

    corpus = load_corpus(Path(__file__).resolve().parent.parent / "corpus")
    crises = load_crises(Path(__file__).resolve().parent.parent / "corpus")
    pools = {
        key: [s for text in group["text"] for s in split_sentences(text)["text"]]
        for key, group in corpus.groupby("crisis")
    }
    outlets = sorted(corpus["outlet"].unique())
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        crisis = crises.iloc[i % len(crises)]
        sentences = rng.choices(pools[crisis["key"]], k=rng.randint(8, 24))
        paragraphs = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
        title = " ".join(sentences[0].split()[:6]).rstrip(".,;:")
        days = (crisis["end"] - crisis["start"]).days
        published = (crisis["start"] + pd.Timedelta(days=rng.randint(0, days))).date().isoformat()
        genre = rng.choice(["news", "news", "news", "analysis", "opinion"])
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        articles.append((f"a{i:05d}", rng.choice(outlets), crisis["key"], published, genre, title, text))
    table = [
        {
            "key": c.key,
            "label": c.label,
            "start": c.start.date().isoformat(),
            "end": c.end.date().isoformat(),
            "description": c.description,
        }
        for c in crises.itertuples(index=False)
    ]
    return articles, table


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.synthetic FOLDER [--articles N] [--seed S]``: write a resampled corpus."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.synthetic", description=resampled_articles.__doc__)
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    articles, crises = resampled_articles(args.articles, seed=args.seed)
    print(write_corpus(Path(args.folder), articles, crises))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
