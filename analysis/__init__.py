"""Analysis package behind the crisis-coverage book.

One module per capability:

- :mod:`analysis.corpus`: find, validate and load a corpus folder;
- :mod:`analysis.files`: read only regular files inside the corpus folder, and CSV tables strictly;
- :mod:`analysis.characters`: normalise line endings and invisible characters; find control characters;
- :mod:`analysis.clean`: separate page furniture and embedded posts from article bodies;
- :mod:`analysis.text`: sentences, tokens, stopwords and term normalisation (no ``nltk_data``);
- :mod:`analysis.actors`, :mod:`analysis.framing`, :mod:`analysis.sentiment`: the book's three measures;
- :mod:`analysis.compare`: the three measures side by side;
- :mod:`analysis.validation`: agreement between coders, and between a tool and a coder;
- :mod:`analysis.plots`: the shared theme, colours and figure helpers;
- :mod:`analysis.book`: glue and download helpers for chapters;
- :mod:`analysis.errors`: the exceptions raised on bad input;
- :mod:`analysis.cli`: the command line, ``python -m analysis check [CORPUS]``.
"""

__version__ = "0.1.0"
