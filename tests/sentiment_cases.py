"""Small hand-made tone tables shared by the evidence, findings and book tests of the tone chapter.

Four sentences of one article with chosen scores, so every class, metric and
coefficient can be worked out by hand (classes at ±0.05):

====  ==========  ========  ==============  ==============
 s    reader 1    reader 2  TextBlob        VADER
====  ==========  ========  ==============  ==============
 0    positive    positive   0.5 positive    0.6 positive
 1    neutral     negative   0.0 neutral    -0.7 negative
 2    neutral     neutral    0.2 positive   -0.3 negative
 3    negative    negative  -0.1 negative    0.0 neutral
====  ==========  ========  ==============  ==============
"""

from __future__ import annotations

import pandas as pd

TEXTS = ["We welcome it.", "Two died.", "Talks were held.", "A blatant breach."]


def sentences() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a"] * 4,
            "source": ["body"] * 4,
            "sentence": [0, 1, 2, 3],
            "text": TEXTS,
            "in_quote": [False] * 4,
            "tb_polarity": [0.5, 0.0, 0.2, -0.1],
            "vader_compound": [0.6, -0.7, -0.3, 0.0],
        }
    )


def reader(labels: list[str], *, extra: bool = False) -> pd.DataFrame:
    """One reader's labels of the four sentences; ``extra`` adds a label of an article not in the corpus."""
    table = pd.DataFrame(
        {"line": [2, 3, 4, 5], "id": ["a"] * 4, "source": ["body"] * 4, "text": TEXTS, "label": labels}
    )
    if extra:
        other = pd.DataFrame(
            {"line": [6], "id": ["z"], "source": ["body"], "text": ["Elsewhere."], "label": ["neutral"]}
        )
        table = pd.concat([table, other], ignore_index=True)
    return table


READER_1 = ["positive", "neutral", "neutral", "negative"]
READER_2 = ["positive", "negative", "neutral", "negative"]
