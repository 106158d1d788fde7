"""Analysis package behind the crisis-coverage book, in layers.

Each layer imports only from the layers listed after it (``import-linter``
contracts in ``pyproject.toml``):

- :mod:`analysis.cli`: the command line, ``python -m analysis check [CORPUS]``, ``run`` and ``book-hash``;
- :mod:`analysis.book`: glue, HTML tables and CSV downloads for the chapters;
- :mod:`analysis.findings` and :mod:`analysis.figures`: the sentences the book
  states and the figures it draws, each from computed tables;
- :mod:`analysis.evidence` and :mod:`analysis.compare`: hand coding and
  agreement; the three measures side by side; :mod:`analysis.batch` and
  :mod:`analysis.inputs`: every article's tables kept between runs, and
  whether the book needs building;
- :mod:`analysis.pipeline`: :func:`~analysis.pipeline.analyse` runs each
  measure's pass over a corpus once (or reads it from a results folder);
- :mod:`analysis.cache`: the keys results are kept under, and the store;
- measures, which compute only: :mod:`analysis.actors`,
  :mod:`analysis.framing`, :mod:`analysis.sentiment`;
- base: :mod:`analysis.corpus` (find, validate and load a corpus folder),
  :mod:`analysis.files` (only regular files inside the folder; strict CSV), :mod:`analysis.characters`,
  :mod:`analysis.settings`,
  :mod:`analysis.clean`, :mod:`analysis.text`, :mod:`analysis.types`,
  :mod:`analysis.vocabulary`, :mod:`analysis.formatting`, :mod:`analysis.stats`, :mod:`analysis.errors`.
"""

__version__ = "0.1.0"
