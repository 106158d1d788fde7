"""Doctests of the package write their example folders in pytest's own temporary folder, which pytest clears.

The examples call ``tempfile.mkdtemp()`` as a reader would; without this they
would leave a folder in the system's temporary folder at every run.
"""

from __future__ import annotations

import tempfile

import pytest


@pytest.fixture(autouse=True)
def _doctest_temporary_folder(request, tmp_path, monkeypatch):
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
