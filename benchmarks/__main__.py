"""Run every benchmark: ``make bench`` (or ``python -m benchmarks``).

Each ``benchmarks/bench_*.py`` module exposes ``main()``, which measures its
own baseline in the same run and prints ratios against it. Benchmarks are
never part of the test suite.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if not names:
        print("no benchmarks found")
        return 1
    for name in names:
        print(f"== {name}")
        importlib.import_module(f"benchmarks.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
