"""The publishing workflow (.github/workflows/book.yml): it tests and builds with the make targets a
developer uses, on Python 3.11, and deploys the built HTML to GitHub Pages from main only."""

from __future__ import annotations

import yaml

from .books import REPO

WORKFLOW = REPO / ".github" / "workflows" / "book.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _runs(job: dict) -> list[str]:
    return [line.strip() for step in _steps(job) for line in str(step.get("run", "")).splitlines()]


def _uses(job: dict, action: str) -> list[dict]:
    return [s for s in _steps(job) if str(s.get("uses", "")).split("@")[0] == action]


def test_the_workflow_runs_on_pushes_to_main_and_on_pull_requests():
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers


def test_the_build_job_tests_and_builds_with_make_on_python_3_11():
    build = _workflow()["jobs"]["build"]
    assert build["runs-on"].startswith("ubuntu")
    [python] = _uses(build, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    runs = _runs(build)
    assert "make book" in runs
    # the tests: `make test` itself, or .ci/run, which installs Chromium if needed and then runs it
    assert "make test" in runs or (".ci/run" in runs and "make test" in (REPO / ".ci" / "run").read_text())
    assert runs.index("make book") > max(i for i, r in enumerate(runs) if r in ("make test", ".ci/run"))
    assert build.get("env", {}).get("CI") == "true"  # a missing browser fails the page tests


def test_the_built_html_is_uploaded_and_deployed_to_pages_from_main():
    workflow = _workflow()
    [upload] = _uses(workflow["jobs"]["build"], "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" or deploy["needs"] == ["build"]
    assert _uses(deploy, "actions/deploy-pages")
    assert deploy["environment"]["name"] == "github-pages"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
