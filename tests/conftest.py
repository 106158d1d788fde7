"""Fixtures shared by the build, page and link tests."""

from __future__ import annotations

import pytest

from .books import build


@pytest.fixture(scope="session")
def seed_book(tmp_path_factory):
    """One strict build of the seed corpus per session: ``(result, <out>/_build/html)``."""
    out = tmp_path_factory.mktemp("seed-book")
    result = build(out)
    return result, out / "_build" / "html"
