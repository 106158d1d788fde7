"""Tests for analysis.engines: where the batch command's tasks run."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import engines


class _Counted:
    """Counts how often it is pickled (in this process: the one that sends tasks to the workers)."""

    pickled = 0

    def __reduce__(self):
        _Counted.pickled += 1
        return (_Counted, ())


def _rows_task(task, *, shared):
    return {"ids": task["id"].tolist(), "shared": type(shared).__name__}


def test_workers_get_the_shared_arguments_once_not_with_each_task():
    """The gazetteer is sent to each worker when it starts (fork), not pickled with each of the tasks."""
    tasks = [pd.DataFrame({"id": [f"a{i}", f"b{i}"]}) for i in range(6)]
    _Counted.pickled = 0
    results = dict(engines.run_local(tasks, _rows_task, {"shared": _Counted()}, jobs=2))
    assert [results[i]["ids"] for i in range(6)] == [t["id"].tolist() for t in tasks]
    assert {r["shared"] for r in results.values()} == {"_Counted"}
    assert _Counted.pickled == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_task_runs_once_and_keeps_its_index(jobs):
    results = sorted(engines.run_local(list(range(7)), lambda task, *, k: task * k, {"k": 3}, jobs=jobs))
    assert results == [(i, 3 * i) for i in range(7)]
