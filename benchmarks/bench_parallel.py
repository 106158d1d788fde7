"""The batch command on 1 and 2 processes, and end to end at scale (issue #16).

:func:`measure` runs ``python -m analysis run CORPUS --out DIR --jobs N`` as a
separate process for each ``N`` asked (default 1, then 2), each into a new,
empty results folder (cold: nothing to reuse), over the same corpus, and
measures each run with :func:`benchmarks.procs.run_measured`: wall seconds,
CPU seconds of all its processes, the peak of the summed RSS of its process
tree (sampled with psutil) and the peak RSS of its largest process
(``RUSAGE_CHILDREN``), and the 1-minute load average before and after.

The speed-up of 2 processes over 1 is the wall time of ``--jobs 1`` over that
of ``--jobs 2`` (goal: at least 1.6). On a machine with 2 cores shared with
other work, the second process only helps when a core is free: read it with
the load averages printed beside it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.procs import run_measured

REPO = Path(__file__).resolve().parent.parent


def run_command(corpus: Path, out: Path, *, jobs: int) -> list[str]:
    """The batch command for ``corpus`` into ``out`` on ``jobs`` processes (this interpreter).

    Example
    -------
    >>> run_command(Path("c"), Path("o"), jobs=2)[-4:]
    ['--out', 'o', '--jobs', '2']
    """
    return [sys.executable, "-m", "analysis", "run", str(corpus), "--out", str(out), "--jobs", str(jobs)]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def measure(corpus: Path, *, jobs: tuple[int, ...] = (1, 2), keep: Path | None = None) -> dict:
    """Run the batch command cold once per entry of ``jobs``; return ``{jobs: measurements}``.

    The results folders are made under ``keep`` (kept) or a temporary folder
    (deleted). A run that fails raises ``RuntimeError`` with its last output.
    """
    out: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        base = Path(keep) if keep is not None else Path(tmp)
        for n in jobs:
            folder = base / f"results-jobs{n}"
            result = run_measured(run_command(corpus, folder, jobs=n), env=_env(), cwd=REPO)
            if result["returncode"] != 0:
                raise RuntimeError(f"`analysis run --jobs {n}` failed:\n{result['stderr'][-2000:]}")
            result["summary"] = (result["stdout"].strip().splitlines() or [""])[-1]
            del result["stdout"], result["stderr"]
            out[n] = result
    return out


def report(result: dict, *, articles: int) -> None:
    """Print one line per run: wall and CPU seconds, CPU seconds per article, memory, load; then the speed-up."""
    print(f"batch command (benchmarks/bench_parallel.py): {articles:,} articles, cold results folder each run")
    print(
        f"  {'jobs':>4} {'wall s':>8} {'CPU s':>8} {'CPU s/article':>14} {'peak tree RSS MB':>17} "
        f"{'max process RSS MB':>19} {'load before/after':>18}"
    )
    for n, r in result.items():
        print(
            f"  {n:>4} {r['wall_s']:>8.1f} {r['cpu_s']:>8.1f} {r['cpu_s'] / max(articles, 1):>14.4f} "
            f"{r['peak_tree_rss_mb']:>17.0f} {r['max_process_rss_mb']:>19.0f} "
            f"{r['load_before']:>8.2f}/{r['load_after']:<8.2f}"
        )
    if 1 in result and 2 in result:
        print(f"  speed-up, 2 processes over 1 (wall): {result[1]['wall_s'] / result[2]['wall_s']:.2f}x (goal >= 1.6)")
        print(
            f"  CPU seconds, 2 processes over 1: {result[2]['cpu_s'] / result[1]['cpu_s']:.2f}x "
            "(1.00 when the second process costs nothing extra; more when the cores are shared)"
        )
