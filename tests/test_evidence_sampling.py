"""Tests for analysis.evidence.sampling and ``python -m analysis sample``: blinded, seeded, in the gold
files' layout, never overwriting."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import AnalysisInputError
from analysis.evidence.sampling import labelling_sample, write_sample
from analysis.framing import load_frames

from .synthetic import write_corpus
from .test_cli import _run

CORPUS = pd.DataFrame(
    {
        "id": ["a", "b"],
        "text": ["Calm returned. Talks began. Envoys met.", "Missiles struck."],
        "quoted_text": ["A post.", ""],
    }
)


def test_sentiment_sample_is_blinded_seeded_and_covers_posts():
    s = labelling_sample(CORPUS, kind="sentiment", n=10, seed=1)
    assert s.columns.tolist() == ["id", "source", "text", "label"]
    assert sorted(s["text"]) == sorted(["Calm returned.", "Talks began.", "Envoys met.", "Missiles struck.", "A post."])
    assert set(s["label"]) == {""}  # no tool's score is shown
    assert s.equals(labelling_sample(CORPUS, kind="sentiment", n=10, seed=1))
    orders = {tuple(labelling_sample(CORPUS, kind="sentiment", n=10, seed=k)["text"]) for k in range(6)}
    assert len(orders) > 1  # the seed changes the order


def test_frames_and_actors_samples_have_the_gold_layout():
    frames = labelling_sample(CORPUS, kind="frames", n=2, seed=0)
    assert frames.columns.tolist()[:3] == ["id", "sentence", "text"]
    assert frames.columns.tolist()[3:] == load_frames()["key"].tolist()
    assert len(frames) == 2
    actors = labelling_sample(CORPUS, kind="actors", n=10, seed=0)
    assert set(actors["source"]) == {"body"}
    row = actors[actors["text"] == "Talks began."].iloc[0]
    assert CORPUS.set_index("id").loc[row["id"], "text"][row["start"] : row["end"]] == "Talks began."


@pytest.mark.parametrize("kwargs", [{"kind": "tone", "n": 3}, {"kind": "sentiment", "n": 0}])
def test_bad_options_are_refused(kwargs):
    with pytest.raises(AnalysisInputError):
        labelling_sample(CORPUS, **kwargs)


def test_write_sample_never_overwrites(tmp_path):
    path = write_sample(pd.DataFrame({"id": ["a"]}), tmp_path / "s.csv")
    with pytest.raises(FileExistsError):
        write_sample(pd.DataFrame({"id": ["b"]}), path)
    assert path.read_text() == "id\na\n"


def test_the_sample_command_writes_into_the_corpus_gold_folder(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    result = _run("sample", str(corpus), "--kind", "sentiment", "--n", "4", "--seed", "2")
    assert result.returncode == 0, result.stderr
    out = corpus / "gold" / "to_label_sentiment.csv"
    table = pd.read_csv(out, keep_default_na=False)
    assert len(table) == 4 and table.columns.tolist() == ["id", "source", "text", "label"]
    again = _run("sample", str(corpus), "--kind", "sentiment", "--n", "4")
    assert again.returncode == 1 and "not overwritten" in again.stderr
