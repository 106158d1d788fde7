"""Tests for analysis.actors.stored: the package's gazetteer kept in the user's cache folder."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.actors import stored
from analysis.actors.gazetteer import Gazetteer, _package_gazetteer
from analysis.actors.matching import _scanner, find_mentions
from analysis.actors.stored import CACHE_VARIABLE, cache_folder, kept, stored_key
from analysis.corpus import load_corpus


class Counter:
    """A build function that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_kept_value_is_built_once_and_read_back(tmp_path):
    build = Counter({"a": 1})
    assert kept("x", build, kind=dict, folder=tmp_path, key="k") == {"a": 1}
    assert kept("x", build, kind=dict, folder=tmp_path, key="k") == {"a": 1}
    assert build.calls == 1
    assert [p.name for p in tmp_path.iterdir()] == ["x-k.pickle"]


def test_another_key_builds_again(tmp_path):
    kept("x", Counter([1]), kind=list, folder=tmp_path, key="old")
    assert kept("x", Counter([2]), kind=list, folder=tmp_path, key="new") == [2]


@pytest.mark.parametrize(
    "content", [b"", b"not a pickle", pickle.dumps("a string, not a list")[:-3], pickle.dumps("str")]
)
def test_a_file_that_is_not_the_kind_is_built_again_and_replaced(tmp_path, content):
    (tmp_path / "x-k.pickle").write_bytes(content)
    build = Counter([7])
    assert kept("x", build, kind=list, folder=tmp_path, key="k") == [7]
    assert pickle.loads((tmp_path / "x-k.pickle").read_bytes()) == [7]


def test_a_folder_that_cannot_be_written_keeps_nothing_and_raises_nothing(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    build = Counter([1])
    assert kept("x", build, kind=list, folder=blocked / "cache", key="k") == [1]
    assert kept("x", build, kind=list, folder=blocked / "cache", key="k") == [1]
    assert build.calls == 2
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_the_variable_chooses_the_folder_or_turns_keeping_off(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"
    monkeypatch.setenv(CACHE_VARIABLE, "off")
    assert cache_folder() is None
    build = Counter([1])
    kept("x", build, kind=list, key="k")
    kept("x", build, kind=list, key="k")
    assert build.calls == 2
    monkeypatch.delenv(CACHE_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "crisis-coverage"


def test_the_key_changes_with_any_source_or_gazetteer_file(tmp_path):
    package = Path(stored.__file__).resolve().parent.parent
    copy = tmp_path / "analysis"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    first = stored_key(package_dir=copy)
    assert first == stored_key(package_dir=package)
    for name in ("text.py", "actors/matching.py", "data/world.yaml"):
        path = copy / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert stored_key(package_dir=copy) != first, name
        path.write_bytes(original)
    assert stored_key(package_dir=copy) == first


def test_an_alias_is_pickled_without_its_compiled_pattern_and_compiles_to_the_same():
    gaz = _package_gazetteer()
    regex = next(a for a in gaz.aliases if a.regex)
    literal = next(a for a in gaz.aliases if not a.regex)
    for alias in (regex, literal):
        compiled = alias.compiled
        copy = pickle.loads(pickle.dumps(alias))
        assert "compiled" not in copy.__dict__ and copy.checked is None
        assert copy == alias
        assert (copy.compiled.pattern, copy.compiled.flags) == (compiled.pattern, compiled.flags)


def test_the_kept_package_gazetteer_is_the_built_one_and_finds_the_same_mentions(tmp_path):
    built = _package_gazetteer()
    key = stored_key()
    assert kept("gazetteer", _package_gazetteer, kind=Gazetteer, folder=tmp_path, key=key) is not None
    read = kept("gazetteer", lambda: pytest.fail("read, not built"), kind=Gazetteer, folder=tmp_path, key=key)
    assert read is not built
    pd.testing.assert_frame_equal(read.actors, built.actors)
    assert read.aliases == built.aliases and (read.file, read.source) == (built.file, built.source)
    assert "_scanner" in read.__dict__
    assert _scanner(read).whole == _scanner(built).whole
    corpus = load_corpus()
    pd.testing.assert_frame_equal(
        find_mentions(corpus, read, include_embeds=True), find_mentions(corpus, built, include_embeds=True)
    )


def test_the_file_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    def failing_dump(value, out, protocol):
        out.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(stored.pickle, "dump", failing_dump)
    assert kept("x", Counter([1]), kind=list, folder=tmp_path, key="k") == [1]
    assert os.listdir(tmp_path) == []


def test_only_the_files_used_last_are_kept_when_a_new_one_is_written(tmp_path):
    assert stored.KEEP == 4
    for i in range(4):
        kept("x", Counter([i]), kind=list, folder=tmp_path, key=f"k{i}")
        os.utime(tmp_path / f"x-k{i}.pickle", (1_000_000 + i, 1_000_000 + i))  # k0 oldest, k3 newest
    (tmp_path / "y-k1.pickle").write_bytes(pickle.dumps([9]))  # another name: not this one's to prune
    os.utime(tmp_path / "y-k1.pickle", (1, 1))
    build = Counter([5])
    assert kept("x", build, kind=list, folder=tmp_path, key="k0") == [0] and build.calls == 0  # k0 read: used now
    kept("x", Counter([4]), kind=list, folder=tmp_path, key="k4")  # a fifth: the one used longest ago goes
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["x-k0.pickle", "x-k2.pickle", "x-k3.pickle", "x-k4.pickle", "y-k1.pickle"]
