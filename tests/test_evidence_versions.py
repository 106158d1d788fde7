"""Tests for analysis.evidence.versions: gold edited out from under its article gets one clear message."""

from __future__ import annotations

import shutil

import pytest

from analysis.corpus import resolve_corpus_dir
from analysis.errors import CorpusError, DataFileError
from analysis.evidence import load_gold
from analysis.evidence.versions import MANIFEST, read_manifest, stamp_articles


@pytest.fixture
def seed_copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(resolve_corpus_dir(), folder)
    return folder


def _edit(folder, ident="mixedtimes-2024-01-17"):
    from analysis.corpus import load_metadata

    files = dict(zip(load_metadata(folder)["id"], load_metadata(folder)["file"], strict=True))
    article = folder / "articles" / files[ident]
    article.write_bytes(b"An editor's note opens the article now.\n\n" + article.read_bytes())


def test_the_seed_gold_matches_its_articles():
    assert set(read_manifest()) == {
        "diplomat-2024-02",
        "mixedtimes-2024-01-17",
        "newsweek-2024-01-17",
        "pakstandard-2024-04-14",
        "rangeinn-2024-01-19",
    }
    assert len(load_gold("mentions")) > 0


@pytest.mark.parametrize("kind", ["mentions", "sentiment", "frame_hits", "frame_sentences"])
def test_an_edited_article_gives_one_message_not_one_per_row(seed_copy, kind):
    _edit(seed_copy)
    with pytest.raises(CorpusError) as err:
        load_gold(kind, corpus_dir=seed_copy)
    assert len(err.value.problems) == 1
    message = str(err.value)
    assert "gold is for another version of article 'mixedtimes-2024-01-17'" in message
    assert f"gold/{MANIFEST} line 2" in message


def test_an_article_the_manifest_does_not_list_is_not_checked(seed_copy):
    manifest = seed_copy / "gold" / MANIFEST
    manifest.write_text("".join(l for l in manifest.read_text().splitlines(True) if "newsweek" not in l))
    _edit(seed_copy, "newsweek-2024-01-17")
    assert len(load_gold("sentiment", corpus_dir=seed_copy)) > 0  # labels are matched by sentence text


def test_a_bad_manifest_line_names_its_line(seed_copy):
    manifest = seed_copy / "gold" / MANIFEST
    manifest.write_text(manifest.read_text() + "not a hash  x\n")
    with pytest.raises(DataFileError, match=r"articles\.sha256, row 6"):
        load_gold("sentiment", corpus_dir=seed_copy)


def test_stamping_adds_missing_articles_and_never_changes_a_line(seed_copy):
    manifest = seed_copy / "gold" / MANIFEST
    first = manifest.read_text()
    _edit(seed_copy)
    stamp_articles(["mixedtimes-2024-01-17"], corpus_dir=seed_copy)
    assert manifest.read_text() == first  # already listed: kept, so the edit is still caught
    manifest.write_text("")
    stamp_articles(["mixedtimes-2024-01-17", "rangeinn-2024-01-19"], corpus_dir=seed_copy)
    assert sorted(read_manifest(seed_copy)) == ["mixedtimes-2024-01-17", "rangeinn-2024-01-19"]
