"""Fixtures shared by the build, page and link tests, and the check that the suite leaves the source tree alone."""

from __future__ import annotations

import pytest

from .books import build, changed, source_state


@pytest.fixture(scope="session", autouse=True)
def source_tree_untouched():
    """No test, fixture or build of the session adds, removes or changes a file of the source tree
    (issue #15): ``git status --porcelain --ignored`` at the end of the session is that of its start.

    Only git's view is compared, so that editing a file that was already modified while the suite
    runs is not taken for a test's doing; the seed build's check below compares every file's time.
    """

    def status() -> set[str]:
        return {path for path in source_state() if path.startswith("git status: ")}

    before = status()
    yield
    after = status()
    assert sorted(before ^ after) == [], "the test session changed the source tree"


@pytest.fixture(scope="session")
def seed_book(tmp_path_factory):
    """One strict build of the seed corpus per session: ``(result, <out>/_build/html)``.

    The build runs with a TMPDIR of its own, and ``result`` also carries what it left behind:
    ``result.source_changes``, the source files it wrote (:func:`tests.books.changed`), and
    ``result.tmp_left``, what remains in its TMPDIR.
    """
    out = tmp_path_factory.mktemp("seed-book")
    tmpdir = tmp_path_factory.mktemp("seed-book-tmp")
    before = source_state()
    result = build(out, tmpdir=tmpdir)
    result.source_changes = changed(before, source_state())
    result.tmp_left = sorted(p.name for p in tmpdir.iterdir())
    return result, out / "_build" / "html"
