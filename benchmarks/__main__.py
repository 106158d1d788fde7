"""Run every benchmark: ``make bench`` (or ``python -m benchmarks``).

Each ``benchmarks/bench_*.py`` module exposes ``main()``, which measures its
own baseline in the same run and prints ratios against it. Benchmarks are
never part of the test suite.

Options are passed on to the benchmarks whose ``main`` takes an ``argv``
(``python -m benchmarks --quick``, ``--articles N``; see
``python -m benchmarks.bench_pipeline --help``); ``--only NAME`` runs one
benchmark (e.g. ``--only pipeline``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    only = None
    if "--only" in argv:
        at = argv.index("--only")
        only = argv[at + 1] if at + 1 < len(argv) else ""
        del argv[at : at + 2]
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if only is not None:
        names = [n for n in names if n in (only, f"bench_{only}")]
    if not names:
        print("no benchmarks found")
        return 1
    for name in names:
        print(f"== {name}")
        run = importlib.import_module(f"benchmarks.{name}").main
        if "argv" in inspect.signature(run).parameters:
            run(argv)
        else:
            run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
