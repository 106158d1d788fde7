"""Benchmark of sentence scoring (analysis.sentiment); run with `make bench` or
`python -m benchmarks.bench_sentiment`.

A synthetic corpus of about 2,000 articles (``--articles N``, ``--quick``: 200) is built by resampling the seed
corpus's body sentences (fixed seed). On the same sentences, in one run, it
reports:

- the bare loop: ``TextBlob(s).sentiment`` plus ``SentimentIntensityAnalyzer().polarity_scores(s)``
  for every sentence string, already split;
- the pipeline's scoring step (:func:`analysis.sentiment.score_table`) on the
  same sentence strings, and its speed relative to the bare loop
  (bare time / pipeline time; goal >= 0.8);
- the whole pipeline from articles (:func:`analysis.sentiment.score_sentences`:
  sentence splitting, quote detection, word counts and scoring), serial and with
  ``n_jobs=2`` (multiprocessing over articles), and the parallel speed-up
  (goal >= 1.6 on 2 cores).

Words per second count :func:`analysis.text.tokenize` tokens.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pandas as pd

N_ARTICLES = 2000
SEED = 2024


def synthetic_corpus(n_articles: int = N_ARTICLES, *, seed: int = SEED) -> pd.DataFrame:
    """Articles made of 5-20 seed body sentences drawn with replacement, 1-3 sentences per paragraph."""
    from analysis.corpus import load_corpus
    from analysis.text import sentence_table

    seed_sentences = sentence_table(load_corpus())["text"].tolist()
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_articles):
        picks = rng.choice(len(seed_sentences), size=int(rng.integers(5, 21)), replace=True)
        paragraphs, current = [], []
        for j in picks:
            current.append(seed_sentences[j])
            if len(current) >= int(rng.integers(1, 4)):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        rows.append({"id": f"synthetic-{i:05d}", "text": "\n\n".join(paragraphs), "quoted_text": ""})
    return pd.DataFrame(rows)


def _timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def _bare_loop(texts):
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        tb = TextBlob(text).sentiment
        vd = analyzer.polarity_scores(text)
        out.append((tb.polarity, tb.subjectivity, vd["compound"]))
    return out


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _pool_ceiling(n: int = 10_000_000) -> float:
    """Speed-up of a trivial CPU-bound task on a 2-process pool: what the machine allows right now."""
    import multiprocessing

    _, serial = _timed(lambda: [_burn(n) for _ in range(4)])
    with multiprocessing.get_context("fork").Pool(2) as pool:
        _, parallel = _timed(pool.map, _burn, [n] * 4)
    return serial / parallel


def main(argv: list[str] | None = None) -> dict:
    from analysis.sentiment import score_sentences, score_table, vader_analyzer
    from analysis.text import sentence_table
    from benchmarks.bench_pipeline import _forget_cached_splits, _options

    options = _options(argv)  # --articles N, --quick, --string-storage (as in bench_pipeline)
    pd.set_option("mode.string_storage", options.string_storage)
    vader_analyzer()  # load the lexicon before timing (the bare loop loads its own inside its timing)
    corpus = synthetic_corpus(options.articles)
    sentences, t_split = _timed(sentence_table, corpus, include_embeds=False)
    texts = sentences["text"].tolist()
    n_words = int(sentences["n_words"].sum())

    bare, t_bare = _timed(_bare_loop, texts)
    scored, t_score = _timed(score_table, sentences)
    assert [round(b[2], 6) for b in bare] == [round(v, 6) for v in scored["vader_compound"]]

    load_before = os.getloadavg()[0]
    # the texts' sentence spans are remembered (analysis.text.sentence_spans): forget them before
    # each run, so that both split every text themselves
    _forget_cached_splits()
    serial, t_serial = _timed(score_sentences, corpus, include_embeds=False, n_jobs=1)
    _forget_cached_splits()
    parallel, t_parallel = _timed(score_sentences, corpus, include_embeds=False, n_jobs=2)
    load_after = os.getloadavg()[0]
    ceiling = _pool_ceiling()
    pd.testing.assert_frame_equal(serial, parallel)

    figures = {
        "articles": len(corpus),
        "sentences": len(sentences),
        "words": n_words,
        "cpu_count": os.cpu_count(),
        "bare_loop_s": t_bare,
        "bare_loop_words_per_s": n_words / t_bare,
        "scoring_s": t_score,
        "scoring_words_per_s": n_words / t_score,
        "scoring_vs_bare": t_bare / t_score,
        "splitting_s": t_split,
        "pipeline_serial_s": t_serial,
        "pipeline_serial_words_per_s": n_words / t_serial,
        "pipeline_vs_bare": t_bare / t_serial,
        "pipeline_parallel_s": t_parallel,
        "pipeline_parallel_words_per_s": n_words / t_parallel,
        "parallel_speedup": t_serial / t_parallel,
        "pool_ceiling_speedup": ceiling,
        "load_average_before": load_before,
        "load_average_after": load_after,
    }
    print("sentiment benchmark (benchmarks/bench_sentiment.py)")
    print(
        f"  synthetic corpus: {figures['articles']:,} articles, {figures['sentences']:,} sentences, "
        f"{figures['words']:,} words (seed sentences resampled, seed {SEED}); {figures['cpu_count']} CPUs"
    )
    print(f"  bare TextBlob+VADER loop      {t_bare:7.2f} s  {figures['bare_loop_words_per_s']:9,.0f} words/s")
    print(
        f"  score_table (same sentences)  {t_score:7.2f} s  {figures['scoring_words_per_s']:9,.0f} words/s"
        f"  = {figures['scoring_vs_bare']:.2f}x the bare loop (goal >= 0.8)"
    )
    print(f"  sentence_table (split only)   {t_split:7.2f} s")
    print(
        f"  score_sentences, 1 process    {t_serial:7.2f} s  {figures['pipeline_serial_words_per_s']:9,.0f} words/s"
        f"  = {figures['pipeline_vs_bare']:.2f}x the bare loop (splitting included)"
    )
    print(
        f"  score_sentences, 2 processes  {t_parallel:7.2f} s  {figures['pipeline_parallel_words_per_s']:9,.0f} words/s"
        f"  speed-up {figures['parallel_speedup']:.2f}x (goal >= 1.6)"
    )
    print(f"  same pool on a trivial CPU-bound task: {ceiling:.2f}x (the most this machine gave 2 processes just now)")
    print(
        f"  1-minute load average {load_before:.2f} before the serial/parallel runs, {load_after:.2f} after "
        "(other work on the machine lowers the speed-up)"
    )
    return figures


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
