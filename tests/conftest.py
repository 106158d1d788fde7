"""Fixtures shared by the build, page and link tests, and the check that the suite leaves the source tree alone."""

from __future__ import annotations

import pytest

from .books import build, changed, source_state


@pytest.fixture(scope="session", autouse=True)
def source_tree_untouched():
    """No test, fixture or build of the session adds or removes a file of the source tree (issue #15):
    the untracked, ignored and deleted entries of ``git status --porcelain --ignored`` at the end of the
    session are those of its start (``chapters/downloads/`` was one).

    Modified tracked files are left out here, so that editing the code while the suite runs is not taken
    for a test's doing; the seed build's check (``seed_book`` below) compares every file's size and time.
    """

    def status() -> set[str]:
        prefix = "git status: "
        return {p for p in source_state() if p.startswith(prefix) and p[len(prefix) :][:2] in {"??", "!!", " D", "D "}}

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
