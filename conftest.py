"""What every test session sets up: doctests' temporary folders, and a gazetteer cache of its own.

Doctests of the package write their example folders in pytest's own temporary
folder, which pytest clears: the examples call ``tempfile.mkdtemp()`` as a
reader would; without this they would leave a folder in the system's temporary
folder at every run.
"""

from __future__ import annotations

import tempfile

import pytest


@pytest.fixture(autouse=True)
def _doctest_temporary_folder(request, tmp_path, monkeypatch):
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture(scope="session", autouse=True)
def _gazetteer_cache_of_the_session(tmp_path_factory):
    """The session keeps the built gazetteer (analysis.actors.stored) in a folder of its own, not the user's cache.

    The variable reaches the processes the tests start too (commands, the book's kernels).
    """
    patch = pytest.MonkeyPatch()
    patch.setenv("ANALYSIS_GAZETTEER_CACHE", str(tmp_path_factory.mktemp("gazetteer-cache")))
    yield
    patch.undo()
