"""The goals table of issue #16 from one benchmark run's record: measure | value | goal | met."""

from __future__ import annotations

import math

PAGE_MB = 5.0  # "no page grows past a few MB": read as at most 5 MB with its images


def _row(measure: str, value: str, goal: str, met: bool | None) -> dict:
    return {"measure": measure, "value": value, "goal": goal, "met": "n/a" if met is None else ("yes" if met else "NO")}


def goals_table(record: dict) -> list[dict]:
    """The goals table's rows from a run's record (see :mod:`benchmarks.__main__`); unmeasured goals say so.

    Example
    -------
    >>> rows = goals_table({"pipeline": {"2000": {"speed_vs_bare": 0.9, "bare_cpu_s": 30.0, "whole_cpu_s": 33.3}}})
    >>> rows[0]["value"], rows[0]["met"]
    ('0.90x the bare passes (bare 30.0 s / whole 33.3 s CPU)', 'yes')
    >>> rows[-1]["value"]
    'not measured in this run'
    """
    rows = []
    pipeline = record.get("pipeline") or {}
    measured = [(f"{int(n):,} articles", p) for n, p in pipeline.items()]
    measured += [
        (f"{int(n):,} articles, no sentence repeated", p) for n, p in (record.get("pipeline_distinct") or {}).items()
    ]
    for corpus, p in measured:
        first = p.get("speed_vs_bare_first_run")
        first = "" if first is None else f"; {first:.2f}x where the gazetteer is built, not read kept"
        each = p.get("runs_speed_vs_bare") or []
        if len(each) > 1:
            first += f"; median of {len(each)} runs: " + ", ".join(f"{r:.2f}x" for r in each)
        rows.append(
            _row(
                f"whole pipeline, 1 core, {corpus}",
                f"{p['speed_vs_bare']:.2f}x the bare passes (bare {p['bare_cpu_s']:.1f} s / whole {p['whole_cpu_s']:.1f} s CPU{first})",
                ">= 0.8x",
                p["speed_vs_bare"] >= 0.8,
            )
        )
    if not pipeline:
        rows.append(_row("whole pipeline, 1 core", "not measured in this run", ">= 0.8x", None))

    runs = (record.get("parallel") or {}).get("runs") or {}
    runs = {int(k): v for k, v in runs.items()}
    if 1 in runs and 2 in runs:
        speed = runs[1]["wall_s"] / runs[2]["wall_s"]
        n = record["parallel"]["articles"]
        each = record["parallel"].get("speed_ups") or []
        each = f"; median of {len(each)} pairs: " + ", ".join(f"{r:.2f}x" for r in each) if len(each) > 1 else ""
        rows.append(
            _row(
                f"2 processes over 1, `run --jobs`, {n:,} articles",
                f"{speed:.2f}x ({runs[1]['wall_s']:.1f} s / {runs[2]['wall_s']:.1f} s wall; "
                f"load {runs[1]['load_before']:.1f}, {runs[2]['load_before']:.1f}{each})",
                ">= 1.6x",
                speed >= 1.6,
            )
        )
    else:
        rows.append(_row("2 processes over 1", "not measured in this run", ">= 1.6x", None))

    scale = record.get("scale")
    if scale:
        run, bare, n = scale["run"], scale["bare"], scale["articles"]
        ratio = run["wall_s"] / bare["wall_s"]
        rows.append(
            _row(
                f"{n:,} articles end to end, 2 processes, vs bare passes on 1 core",
                f"{ratio:.2f}x ({run['wall_s']:.0f} s / {bare['wall_s']:.0f} s wall; load {run['load_before']:.1f})",
                "<= 1.5x",
                ratio <= 1.5,
            )
        )
        peak_mib = run["peak_tree_rss_mb"]
        rows.append(
            _row(
                f"{n:,} articles, peak memory of all the run's processes",
                f"{peak_mib:,.0f} MiB summed RSS (sampled); largest process {run['max_process_rss_mb']:,.0f} MiB (ru_maxrss)",
                "< 2 GiB (2,048 MiB)",
                peak_mib < 2048,
            )
        )
    else:
        rows.append(_row("end to end at scale, 2 processes", "not measured in this run", "<= 1.5x", None))
        rows.append(_row("peak memory at scale", "not measured in this run", "< 2 GiB", None))

    for result in record.get("keyness") or []:
        worst_k, worst = min(result["groups"].items(), key=lambda item: item[1]["ratio"])
        rows.append(
            _row(
                f"keyness, {result['corpus']} ({result['terms']:,} terms), {result['storage']} text storage, "
                f"slowest of {'/'.join(map(str, result['groups']))} groups, vs numpy log-odds on the same counts",
                f"{worst['ratio']:.2f}x as fast at {worst_k} groups ({worst['project_s']:.3f} s vs "
                f"{worst['reference_s']:.3f} s CPU; z equal to {worst['max_abs_z_diff']:.0e}); others "
                + ", ".join(f"{k}: {r['ratio']:.2f}x" for k, r in result["groups"].items() if k != worst_k),
                ">= 1x",
                worst["ratio"] >= 1.0,
            )
        )
    if not record.get("keyness"):
        rows.append(_row("keyness vs the log-odds reference", "not measured in this run", ">= 1x", None))

    book = record.get("book")
    if book:
        n = book["articles"]
        rows.append(
            _row(
                f"no-change `make book` (python -m analysis book), {n:,} articles",
                f"{book['no_change_s']:.1f} s ({'skipped' if book['no_change_skipped'] else 'NOT skipped'})",
                "< 10 s",
                book["no_change_skipped"] and book["no_change_s"] < 10,
            )
        )
        rows.append(
            _row(
                f"cold `make book`, {n:,} articles (check, batch step, strict build)",
                f"{book['cold_s']:.0f} s",
                "(reported)",
                None,
            )
        )
        problems = book.get("page_problems")
        passing = None if problems is None else sum(1 for v in problems.values() if not v)
        strict = book["build_returncode"] == 0 and not book["warnings"]
        pages = "pages not checked (no Chromium)" if problems is None else f"{passing} of {len(problems)} pages pass"
        rows.append(
            _row(
                f"book over {n:,} articles builds strictly, pages pass the browser test",
                f"exit {book['build_returncode']}, {len(book['warnings'])} warnings; {pages}",
                "strict, every page passes",
                strict and problems is not None and passing == len(problems),
            )
        )
        largest = book["largest_page_mb"]
        rows.append(
            _row(
                f"largest page with its images, {n:,} articles",
                f"{largest:.2f} MB ({book['largest_page']})",
                f"<= {PAGE_MB:g} MB",
                not math.isnan(largest) and largest <= PAGE_MB,
            )
        )
    else:
        rows.append(_row("the book over 1,000 articles", "not measured in this run", "strict, fast no-change", None))
    return rows


def print_goals(rows: list[dict], *, mode: str = "full") -> None:
    """Print the rows as a Markdown table (measure | value | goal | met)."""
    print(f"\nGoals of issue #16 ({mode} run)\n")
    print("| measure | value | goal | met |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['measure']} | {r['value']} | {r['goal']} | {r['met']} |")
