"""Where the batch command's tasks run: here or in forked processes (``local``), or on a Dask cluster (``dask``).

:func:`analysis.batch.run_batch` splits a corpus into tasks (partitions of
articles) and hands them, with what every task shares (the gazetteer and the
frames), to one of these engines. Each yields ``(task index, result)`` as each
task ends, in any order; the results are the same whichever runs them.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import partial

import pyarrow as pa

from analysis.errors import AnalysisInputError, Problem

#: The ways to run the per-article work.
ENGINES = ("local", "dask")

#: How long to try to reach a Dask scheduler given by address.
CONNECT_TIMEOUT = "10s"


#: The work of this process when it is a worker of :func:`run_local` (set once, when the worker starts).
_WORK: Callable | None = None


def _start_worker(work: Callable) -> None:
    global _WORK
    _WORK = work


def _work(task) -> dict:
    return _WORK(task)


def run_local(tasks: list, function: Callable, shared: dict, *, jobs: int) -> Iterator[tuple[int, dict]]:
    """Run ``function(task, **shared)`` on each task, here or in ``jobs`` processes; yield (task index, result) as each ends.

    The processes are forked and get ``shared`` (the gazetteer and frames) once,
    as they start: sent with every task, the gazetteer's patterns would be
    compiled again for each one.

    Example
    -------
    >>> def scaled(task, *, factor):
    ...     return task * factor
    >>> sorted(run_local([1, 2, 3], scaled, {"factor": 10}, jobs=1))
    [(0, 10), (1, 20), (2, 30)]
    """
    work = partial(function, **shared)
    if jobs == 1 or len(tasks) <= 1:
        for i, task in enumerate(tasks):
            yield i, work(task)
        return
    context = multiprocessing.get_context("fork")
    workers = min(jobs, len(tasks))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(work,)) as pool:
        futures = {pool.submit(_work, task): i for i, task in enumerate(tasks)}
        for future in as_completed(futures):
            yield futures[future], future.result()


def run_on_dask(
    tasks: list,
    function: Callable,
    shared: dict,
    *,
    jobs: int,
    scheduler: str | None,
) -> Iterator[tuple[int, dict]]:
    """Run ``function(task, **shared)`` on each task on a Dask cluster: ``scheduler``'s, or a local one started for the run.

    ``shared`` (the gazetteer and frames) is sent to every worker once
    (``Client.scatter``), not with each task.

    The local cluster has one worker thread for ``jobs=1`` (no separate
    process), else ``jobs`` worker processes of one thread each (the work is
    pure Python, so threads would share one core).

    Example
    -------
    >>> def scaled(task, *, factor):
    ...     return task * factor
    >>> sorted(run_on_dask([1, 2], scaled, {"factor": 10}, jobs=1, scheduler=None))
    [(0, 10), (1, 20)]
    """
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        message = "the dask engine needs dask and distributed (pip install 'crisis-coverage[dask]')"
        raise AnalysisInputError(Problem("--engine", None, None, message)) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=jobs > 1,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        where = scheduler or "a local cluster"
        raise AnalysisInputError(Problem("--scheduler", None, None, f"cannot reach {where}: {exc}")) from None
    try:
        scattered = {name: client.scatter(value, broadcast=True) for name, value in shared.items()}
        futures = client.map(function, tasks, pure=False, **scattered)
        index = {f.key: i for i, f in enumerate(futures)}
        for future in dask_completed(futures):
            yield index[future.key], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def release_memory() -> None:
    """Give the memory that loading freed back to the system (Python's, Arrow's and, on glibc, malloc's free pages).

    Called before the workers are forked: each forked worker's resident size
    counts the pages it shares with this process, so a process that keeps
    freed pages makes every worker look that much larger. Where ``malloc_trim``
    does not exist (not glibc), only Python's and Arrow's are given back.

    Example
    -------
    >>> release_memory()
    """
    gc.collect()
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        return
