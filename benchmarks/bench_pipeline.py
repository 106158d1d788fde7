"""Benchmark of the whole pipeline against the bare lexicon passes (issue #16); run with
`make bench`, `python -m benchmarks` or `python -m benchmarks.bench_pipeline [--articles N | --quick]`.

A synthetic corpus of N articles (default 2,000; ``--quick``: 200) is written
to a temporary folder by :func:`benchmarks.synthetic.write_corpus` (seed
sentences resampled, fixed seed). In one run, on one core, it then times:

- the **bare lexicon passes**, the floor any sentiment pipeline pays:
  ``TextBlob(s).sentiment`` and vaderSentiment's ``polarity_scores(s)`` in a
  loop over the sentence strings the pipeline scores (body and embedded posts,
  already split; a ``SentimentIntensityAnalyzer`` is made inside the timing),
  once first and once last; the ratios use the mean of the two, and the
  difference between them shows how much the machine's speed drifted;
- ``load_corpus`` (validation, cleaning, word and sentence counts);
- ``analyse`` and, inside that same call, its three passes:
  ``find_mentions`` (embeds included), ``score_sentences`` and ``frame_hits``;
- ``frame_scores`` per article and per crisis and ``escalation_balance``,
  with the hits ``analyse`` computed;
- ``keyness`` per crisis (log-odds, words);
- the whole: the sum of the stages above (not the bare passes);
- last, the **direct lexicon calls** (:func:`direct_passes`): the same scores
  by the calls the pipeline makes, without a ``TextBlob`` object per sentence.
  The ratio against them is printed too; it is lower than the goal's, by what
  skipping the object saves.

Before the clock starts, the packages are imported and TextBlob's lexicon is
loaded (about 0.8 s, paid once by whichever runs first), and what the text
functions remember of the texts (sentence and quotation spans, token index,
Punkt's decisions) is cleared, so that ``load_corpus`` splits every text
itself as it would in a fresh process. The package's gazetteer is built from
its files once, timed on a row of its own (the first process on a machine pays
it), and kept (:mod:`analysis.actors.stored`): ``analyse`` reads it kept, as
every later process does. pandas keeps text columns with Python storage unless
``--string-storage`` says otherwise (with pyarrow installed pandas would
switch to it by itself, and the timings with it).

Every stage is reported in CPU seconds of this process (``time.process_time``:
other work on a shared machine slows the wall clock but not this) and in wall
seconds, with its cost relative to the bare passes (stage CPU time / bare CPU
time). The goal of issue #16 is the whole pipeline at no less than 0.8× the
speed of the bare passes: bare / whole >= 0.8. Peak memory is the process's
peak resident set size (``resource.getrusage``) after each stage; it never
goes down, so a stage that does not raise it used no more than the stages
before it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

N_ARTICLES = 2000
N_QUICK = 200


class Clock:
    """Stage timings (CPU and wall seconds) and the peak RSS after each stage."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, float]] = []

    def run(self, name: str, func, *args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        result = func(*args, **kwargs)
        self.add(name, time.process_time() - cpu, time.perf_counter() - wall)
        return result

    def add(self, name: str, cpu: float, wall: float) -> None:
        self.rows.append((name, cpu, wall, _peak_mb()))

    def cpu(self, name: str) -> float:
        return next(r[1] for r in self.rows if r[0] == name)

    def wall(self, name: str) -> float:
        return next(r[2] for r in self.rows if r[0] == name)


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def bare_passes(texts: list[str]) -> list[tuple[float, float, float]]:
    """``TextBlob(s).sentiment`` and ``polarity_scores(s)`` for every sentence string."""
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        tb = TextBlob(text).sentiment
        vd = analyzer.polarity_scores(text)
        out.append((tb.polarity, tb.subjectivity, vd["compound"]))
    return out


def direct_passes(texts: list[str]) -> list[tuple[float, float, float]]:
    """The same scores by the calls :func:`analysis.sentiment.scoring.score_table` makes.

    ``textblob.en.sentiment(s)``, the function ``TextBlob(s).sentiment`` calls,
    without building a ``TextBlob`` per sentence, and ``polarity_scores(s)``.
    Not the issue's floor (that is :func:`bare_passes`, what a user's loop
    does); printed beside it to show how much of the ratio the pipeline gains
    by not building the ``TextBlob`` object.
    """
    from textblob.en import sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        polarity, subjectivity = sentiment(text)
        vd = analyzer.polarity_scores(text)
        out.append((polarity, subjectivity, vd["compound"]))
    return out


@contextlib.contextmanager
def _timed_passes(clock: Clock):
    """Time the passes :func:`analysis.pipeline.analyse` calls, inside that call."""
    import analysis.pipeline as pipeline

    names = ("find_mentions", "score_sentences", "frame_hits")
    originals = {name: getattr(pipeline, name) for name in names}

    def wrap(name, func):
        def timed(*args, **kwargs):
            return clock.run(f"  {name}", func, *args, **kwargs)

        return timed

    for name, func in originals.items():
        setattr(pipeline, name, wrap(name, func))
    try:
        yield
    finally:
        for name, func in originals.items():
            setattr(pipeline, name, func)


def _forget_cached_splits() -> None:
    """Clear what the text functions remember of the texts (when this version of the code has it).

    The sentence and quotation spans, the token index, the sentences in quotes, and Punkt's
    decisions per context (kept by the tokenizer, made again with an empty memory).
    """
    import importlib

    remembered = {
        "analysis.text": ("sentence_spans", "_quote_spans", "_token_index", "sentence_in_quote", "_sentence_tokenizer"),
        "analysis.punkt": ("sentence_tokenizer",),
        "analysis.quotes": ("_quote_spans",),
    }
    for module_name, names in remembered.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in names:
            cached = getattr(module, name, None)
            if hasattr(cached, "cache_clear"):
                cached.cache_clear()


def _forget_compiled() -> None:
    """Forget the expressions compiled by an earlier run in this process (``re``'s own cache and the frames'),
    so that a run measured again compiles what a new process would."""
    import re

    from analysis.framing import hits

    re.purge()
    cached = getattr(hits, "_dictionary_scanner", None)
    if hasattr(cached, "cache_clear"):
        cached.cache_clear()


def _time_gazetteer_build(clock: Clock) -> None:
    """Time building the package's gazetteer from its files (what the first process pays), and leave it kept.

    Every later process reads it kept (:mod:`analysis.actors.stored`), as ``analyse`` does
    below: the in-memory copy is forgotten, so that it is read from the file as a new process
    reads it. Not a stage of the whole: a row of its own.
    """
    from analysis.actors import gazetteer
    from analysis.actors.stored import kept

    built = clock.run("gazetteer built (first run)", gazetteer._package_gazetteer)
    kept("gazetteer", lambda: built, kind=gazetteer.Gazetteer)
    gazetteer._default_gazetteer.cache_clear()


def measure(folder: Path) -> tuple[Clock, dict]:
    """Run every stage once on the corpus in ``folder``; return the clock and corpus sizes."""
    from analysis.corpus import load_corpus
    from analysis.framing import escalation_balance, frame_scores, keyness
    from analysis.pipeline import analyse
    from analysis.text import sentence_table

    # The strings the bare passes score: exactly those score_sentences scores (untimed set-up,
    # which also imports everything and loads TextBlob's lexicon, so that no stage pays for that).
    texts = sentence_table(load_corpus(folder), include_embeds=True)["text"].tolist()
    bare_passes(texts[:10])
    _forget_cached_splits()
    _forget_compiled()
    clock = Clock()
    _time_gazetteer_build(clock)
    clock.run("bare lexicon passes", bare_passes, texts)
    corpus = clock.run("load_corpus", load_corpus, folder)
    with _timed_passes(clock):
        result = clock.run("analyse", analyse, corpus)
    # list analyse before its passes
    inner = [r for r in clock.rows if r[0].startswith("  ")]
    clock.rows = [r for r in clock.rows if not r[0].startswith("  ")]
    clock.rows[-1:] = [clock.rows[-1], *inner]
    clock.run("frame_scores per article", frame_scores, corpus, result.frames, hits=result.hits)
    clock.run("frame_scores per crisis", frame_scores, corpus, result.frames, by="crisis", hits=result.hits)
    clock.run("escalation_balance", escalation_balance, corpus, result.frames, hits=result.hits)
    clock.run("keyness per crisis", keyness, corpus, by="crisis")
    clock.run("bare lexicon passes, again", bare_passes, texts)
    clock.run("direct lexicon calls", direct_passes, texts)
    sizes = {
        "articles": len(corpus),
        "words": int(corpus["n_words"].sum()),
        "sentences": len(result.sentences),
        "mentions": len(result.mentions),
        "hits": len(result.hits),
    }
    return clock, sizes


def report(clock: Clock, sizes: dict, *, stages_in_whole: tuple[str, ...]) -> dict:
    """Print the table; return the figures."""
    import pandas as pd

    bare = (clock.cpu("bare lexicon passes") + clock.cpu("bare lexicon passes, again")) / 2
    whole_cpu = sum(r[1] for r in clock.rows if r[0] in stages_in_whole)
    whole_wall = sum(r[2] for r in clock.rows if r[0] in stages_in_whole)
    print("pipeline benchmark (benchmarks/bench_pipeline.py)")
    print(
        f"  synthetic corpus: {sizes['articles']:,} articles, {sizes['words']:,} words, "
        f"{sizes['sentences']:,} sentences scored, {sizes['mentions']:,} mentions, {sizes['hits']:,} frame hits; "
        f"load average {os.getloadavg()[0]:.2f}; pandas text storage {pd.get_option('mode.string_storage')}"
    )
    print(f"  {'stage':<28} {'CPU s':>8} {'wall s':>8} {'x bare':>7} {'peak RSS MB':>12}")
    for name, cpu, wall, peak in clock.rows:
        print(f"  {name:<28} {cpu:8.2f} {wall:8.2f} {cpu / bare:7.2f} {peak:12.0f}")
    print(f"  {'whole (sum of stages)':<28} {whole_cpu:8.2f} {whole_wall:8.2f} {whole_cpu / bare:7.2f}")
    print(f"  (x bare: CPU time over the mean of the two bare runs, {bare:.2f} s)")
    speed = bare / whole_cpu
    print(
        f"  whole pipeline speed = bare / whole = {speed:.2f}x the bare lexicon passes (goal >= 0.8); "
        f"{sizes['words'] / whole_cpu:,.0f} words per CPU second"
    )
    first = next((r[1] for r in clock.rows if r[0] == "gazetteer built (first run)"), None)
    if first is not None:
        print(
            f"  the first process on a machine also builds the gazetteer ({first:.2f} s): "
            f"bare / (whole + that) = {bare / (whole_cpu + first):.2f}x"
        )
    direct = next((r[1] for r in clock.rows if r[0] == "direct lexicon calls"), None)
    if direct is not None:
        print(
            f"  against the direct lexicon calls (the calls score_sentences makes, no TextBlob object; {direct:.2f} s): "
            f"{direct / whole_cpu:.2f}x (not the goal's measure; the difference is what the pipeline saves by "
            f"not building the object)"
        )
    return {
        "stages": {name: {"cpu_s": cpu, "wall_s": wall, "peak_rss_mb": peak} for name, cpu, wall, peak in clock.rows},
        "bare_cpu_s": bare,
        "direct_cpu_s": direct,
        "speed_vs_direct": None if direct is None else direct / whole_cpu,
        "bare_wall_s": (clock.wall("bare lexicon passes") + clock.wall("bare lexicon passes, again")) / 2,
        "whole_wall_s": whole_wall,
        "whole_cpu_s": whole_cpu,
        "speed_vs_bare": speed,
        "gazetteer_build_cpu_s": first,
        "speed_vs_bare_first_run": None if first is None else bare / (whole_cpu + first),
        **sizes,
    }


WHOLE = (
    "load_corpus",
    "analyse",
    "frame_scores per article",
    "frame_scores per crisis",
    "escalation_balance",
    "keyness per crisis",
)


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_pipeline", description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--articles", type=int, default=N_ARTICLES, help=f"articles (default {N_ARTICLES})")
    group.add_argument("--quick", action="store_true", help=f"a fast check on {N_QUICK} articles")
    parser.add_argument(
        "--string-storage",
        choices=["python", "pyarrow", "auto"],
        default="python",
        help="pandas' storage of text columns (default python, as in constraints.txt, which has no pyarrow)",
    )
    options, _ = parser.parse_known_args(argv)
    if options.quick:
        options.articles = N_QUICK
    return options


def main(argv: list[str] | None = None) -> dict:
    import pandas as pd

    from benchmarks.synthetic import SEED, write_corpus

    options = _options(argv)
    pd.set_option("mode.string_storage", options.string_storage)
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, options.articles, seed=SEED)
        clock, sizes = measure(folder)
    return report(clock, sizes, stages_in_whole=WHOLE)


if __name__ == "__main__":
    main(sys.argv[1:])
