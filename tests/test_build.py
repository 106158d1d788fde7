"""The book builds: strictly, offline, over any schema-following corpus, and never stale.

These tests run Jupyter Book itself (minutes, not seconds). Each build goes to a
temporary folder with ``--path-output`` so that the tests never touch ``_build``
(``tests/books.py``; the seed build is the session fixture ``seed_book`` of ``tests/conftest.py``).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from .books import BOOK_FLAGS, JB, REPO, STRICT_FLAGS, book_env, build, sphinx_warnings
from .links import broken_links
from .synthetic import write_corpus, write_gold

pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def synthetic_book(tmp_path_factory):
    """A corpus of fictional outlets over three crises, with its own hand coding (gold/) and its own
    gazetteer entry (actors.yaml: Geneva), and no book.yaml or events.csv."""
    corpus = write_gold(write_corpus(tmp_path_factory.mktemp("synthetic") / "corpus"))
    (corpus / "actors.yaml").write_text(
        "source: written for the test corpus\nactors:\n"
        "- {id: geneva, label: Geneva (talks venue), type: place, country: CH, aliases: [Geneva]}\n",
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("synthetic-book")
    result = build(out, corpus_dir=corpus)
    return result, out / "_build" / "html", corpus, out


def test_strict_build_of_the_book_has_zero_warnings(seed_book):
    result, html = seed_book
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert sphinx_warnings(result) == []
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    pages = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    for page in pages:
        assert (html / f"{page}.html").is_file(), page


def test_build_prints_no_kernel_transport_warnings(seed_book):
    """ipykernel warned once per chapter that its TCP link to the build was unencrypted (issue #13);
    the project's kernel profile keeps the kernels' own log to errors."""
    result, _ = seed_book
    assert result.returncode == 0
    assert "without encryption" not in result.stdout + result.stderr
    assert "IPKernelApp" not in result.stdout + result.stderr


def test_make_and_the_tests_build_with_the_project_kernel_profile():
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^export IPYTHONDIR := \$\(CURDIR\)/\.ipython$", makefile, re.M)
    assert book_env()["IPYTHONDIR"] == str(REPO / ".ipython")
    assert (REPO / ".ipython" / "profile_default" / "ipython_kernel_config.py").is_file()


_EXTERNAL = re.compile(r"<(script|link|img|iframe|source)\b[^>]*\b(src|href)\s*=\s*[\"']?(https?:)?//", re.I)


def test_pages_load_nothing_from_the_internet(seed_book):
    result, html = seed_book
    assert result.returncode == 0
    offenders = []
    for page in html.rglob("*.html"):
        for m in _EXTERNAL.finditer(page.read_text(encoding="utf-8")):
            offenders.append(f"{page.relative_to(html)}: {m.group(0)[:120]}")
    assert offenders == []


def _glue_text_roles(markdown: str) -> int:
    """Number of {glue:text} roles in a chapter's text: prose and directive bodies (captions),
    but not code cells, code blocks or inline code."""
    count, fence, is_code = 0, None, False
    for line in markdown.splitlines():
        m = re.match(r"^\s*(`{3,}|~{3,})(.*)$", line)
        if m:
            if fence is None:
                fence = m.group(1)
                is_code = not m.group(2).strip().startswith("{") or m.group(2).strip().startswith("{code-cell}")
                continue
            if m.group(1).startswith(fence) and not m.group(2).strip():
                fence = None
                continue
        if fence is None or not is_code:
            count += re.sub(r"``.*?``", "", line).count("{glue:text}`")
    return count


def test_seed_book_says_what_the_snapshot_records(seed_book):
    """Regression record (tests/snapshots/seed-book.json): every glued value, every printed table and
    the SHA-256 of every CSV download of the seed build. A change in what the book says fails here; when
    the change is meant, re-record with `python -m tests.snapshot _build tests/snapshots/seed-book.json`
    after `make book` and say why in the commit."""
    import json

    from .snapshot import book_snapshot

    result, html = seed_book
    assert result.returncode == 0
    recorded = json.loads((REPO / "tests" / "snapshots" / "seed-book.json").read_text(encoding="utf-8"))
    built = book_snapshot(html.parent)
    for section in ("glue", "outputs", "downloads"):
        assert sorted(built[section]) == sorted(recorded[section]), section
        for page in recorded[section]:
            assert built[section][page] == recorded[section][page], f"{section}: {page}"


def test_every_glued_value_was_pasted(seed_book):
    result, html = seed_book
    assert result.returncode == 0
    for source in (REPO / "chapters").glob("*.md"):
        page = html / "chapters" / f"{source.stem}.html"
        if not page.exists():
            continue
        expected = _glue_text_roles(source.read_text(encoding="utf-8"))
        assert page.read_text(encoding="utf-8").count('class="pasted-text"') == expected, source.name


def test_book_builds_strictly_over_a_synthetic_corpus(synthetic_book):
    result, html, _, _ = synthetic_book
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert sphinx_warnings(result) == []
    page = (html / "chapters" / "corpus.html").read_text(encoding="utf-8")
    assert "North Post" in page and "Pakistan Standard" not in page


def _page_text(path: Path) -> str:
    """The words a reader sees: the main content without scripts, styles and tags."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    main = re.search(r"(?is)<main\b.*?</main>", html)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", main.group(0) if main else html))


def _reader_pages(html: Path) -> list[Path]:
    """The chapters a reader reads (the API reference quotes docstrings, the reference list is citations)."""
    return [p for p in sorted((html / "chapters").glob("*.html")) if p.stem not in {"api", "references"}]


def test_pages_of_another_corpus_print_nothing_of_the_seed(synthetic_book):
    """Over a corpus of fictional outlets, no page names a seed outlet, a seed count, or a value it lacks."""
    import csv

    result, html, _, _ = synthetic_book
    assert result.returncode == 0
    with (REPO / "corpus" / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        seed_outlets = {row["outlet"] for row in csv.DictReader(fh)}
    pages = _reader_pages(html)
    assert len(pages) >= 8
    problems = []
    for page in pages:
        text = _page_text(page)
        for name in sorted(seed_outlets):
            if name in text:
                problems.append(f"{page.name}: names the seed outlet {name!r}")
        for pattern in (r"\bfive articles\b", r"\bn/a\b", r"\bnan\b", r"\bNaN\b(?! \(not a number)"):
            for m in re.finditer(pattern, text):
                problems.append(f"{page.name}: {text[max(0, m.start() - 60) : m.end() + 20]!r}")
        for table in re.findall(r"(?is)<table\b.*?</table>", page.read_text(encoding="utf-8")):
            body = re.search(r"(?is)<tbody\b.*?</tbody>", table)
            if body is None or "<tr" not in body.group(0):
                caption = re.search(r"(?is)<caption\b[^>]*>(.*?)</caption>", table)
                problems.append(f"{page.name}: a table with no rows ({caption.group(1)[:60] if caption else ''})")
    assert problems == []


def test_pages_report_the_corpus_own_gold_and_gazetteer(synthetic_book):
    """Issue #14: a corpus with its own gold/ and actors.yaml builds, and its pages report its figures."""
    result, html, _, _ = synthetic_book
    assert result.returncode == 0
    sentiment = _page_text(html / "chapters" / "sentiment.html")
    # tests/synthetic.py SENTIMENT_LABELS: 12 sentences of 4 articles, labelled by one reader
    assert "One reader labelled 12 sentences from 4 articles" in sentiment
    actors = _page_text(html / "chapters" / "actors.html")
    assert "Geneva (talks venue)" in actors and "actors.yaml" in actors


def test_a_corpus_without_a_focus_country_follows_none(synthetic_book):
    """The synthetic corpus names Pakistan in its texts but has no book.yaml: no page follows Pakistan's role."""
    import html as html_lib

    from analysis.book import NO_FOCUS

    result, html, _, _ = synthetic_book
    assert result.returncode == 0
    for name in ("actors", "comparison"):
        # entities decoded and typographic apostrophes as typed (Sphinx's smart quotes)
        text = html_lib.unescape(_page_text(html / "chapters" / f"{name}.html")).replace("’", "'")
        assert text.count(NO_FOCUS) >= 1, name
        assert "Pakistan's actors" not in text and "For Pakistan" not in text, name


def test_article_text_is_escaped_on_the_page(synthetic_book):
    result, html, _, _ = synthetic_book
    assert result.returncode == 0
    for page in html.rglob("*.html"):
        assert "<script>alert(" not in page.read_text(encoding="utf-8"), page.name
    corpus_page = (html / "chapters" / "corpus.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in corpus_page  # the first sentence of east-2
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in corpus_page  # its title


def _downloads(html: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (html / "_downloads").rglob("*.csv")}


def test_downloads_are_byte_identical_when_built_twice(synthetic_book):
    """Runs before the freshness test below (pytest keeps file order), which changes the corpus."""
    result, html, corpus, out = synthetic_book
    assert result.returncode == 0
    first = _downloads(html)
    assert first
    again = build(out, corpus_dir=corpus, strict=False)
    assert again.returncode == 0, again.stdout[-4000:]
    assert _downloads(html) == first


def test_a_corpus_change_reaches_the_next_build(synthetic_book):
    """Rebuilding with the same output folder re-executes the chapters (no stale page)."""
    result, html, corpus, out = synthetic_book
    assert result.returncode == 0
    article = corpus / "articles" / "east-1.txt"
    article.write_text(
        "A freshness marker sentence opens the article now. " + article.read_text(encoding="utf-8"), encoding="utf-8"
    )
    again = build(out, corpus_dir=corpus, strict=False)
    assert again.returncode == 0, again.stdout[-4000:]
    assert "A freshness marker sentence opens the article now." in (html / "chapters" / "corpus.html").read_text(
        encoding="utf-8"
    )


def test_make_book_re_executes_unless_no_input_changed():
    """`make book` runs `python -m analysis book`, which stops when the hash of the inputs equals the one its last
    build saved (they passed the check then), else checks the corpus, takes the lock, looks at the hash again,
    runs the batch step and executes every chapter, which read its results, and saves the hash only after that
    (tests/test_inputs.py, tests/test_cli.py)."""
    import inspect

    from analysis import cli

    makefile = (REPO / "Makefile").read_text()
    recipe = re.search(r"^book:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert recipe.strip() == "@$(BIN)/python -m analysis book"
    entry = inspect.getsource(cli.book)
    steps = ["_up_to_date(", "check(", "_build_lock(", "_build_book("]
    assert [entry.index(step) for step in steps] == sorted(entry.index(step) for step in steps)
    skip = inspect.getsource(cli._up_to_date)
    assert skip.index("book_hash(") < skip.index("The book is up to date") and "STALE_MARK" in skip
    code = inspect.getsource(cli._build_book)
    steps = [
        "_up_to_date(",
        "current = book_hash(",
        "run_batch(",
        "ANALYSIS_CACHE=",
        "BOOK_BUILD_FLAGS",
        "BOOK_STAMP).write_text",
        "_put_in_place(",
    ]
    assert [code.index(step) for step in steps] == sorted(code.index(step) for step in steps)
    assert cli.BOOK_BUILD_FLAGS == ("--all",)
    config = yaml.safe_load((REPO / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "force"
    assert config["execute"]["allow_errors"] is False


_FAILING_CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A chapter that fails

```{code-cell} ipython3
raise ValueError("the chapter fails on purpose")
```
"""


def test_a_chapter_that_raises_ends_the_build_output_with_its_error(tmp_path):
    """Build-level error clarity: jupyter-book ends a failed build with its own traceback and a box
    saying to look above; `python -m analysis book` ends with the chapter's exception, the failure and
    what was left, and exits 1."""
    from .synthetic import write_corpus

    root = tmp_path / "book"
    root.mkdir()
    (root / "_config.yml").write_text(
        "title: Failing\nexecute:\n  execute_notebooks: force\nsphinx:\n  config:\n    nb_execution_raise_on_error: true\n"
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (root / "intro.md").write_text(_FAILING_CHAPTER)
    corpus = write_corpus(tmp_path / "corpus")
    result = subprocess.run(
        [JB.parent / "python", "-m", "analysis", "book", str(corpus), "--root", str(root), "--jupyter-book", str(JB)],
        env={**book_env(), "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 1
    tail = result.stderr.strip().splitlines()
    assert tail[-1].endswith("intro.md") or tail[-1] == "ValueError: the chapter fails on purpose", tail
    assert "ValueError: the chapter fails on purpose" in tail[-4:]
    assert any(line.startswith("book: the build failed (jupyter-book exited with status 1)") for line in tail)


def test_chapter_template_builds_when_added_to_a_toc(tmp_path):
    toc = tmp_path / "toc.yml"
    toc.write_text("format: jb-book\nroot: chapters/_template\n")
    cmd = [str(JB), "build", ".", *BOOK_FLAGS, *STRICT_FLAGS, "--toc", str(toc), "--path-output", str(tmp_path)]
    result = subprocess.run(cmd, cwd=REPO, env=book_env(out=tmp_path), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]
    assert sphinx_warnings(result) == []
    page = (tmp_path / "_build" / "html" / "chapters" / "_template.html").read_text(encoding="utf-8")
    assert "What we can and cannot conclude" in page


def test_chapters_link_their_tables_as_csv_downloads(seed_book):
    """The CSV files are written into the build's own output (``_build/html/_downloads``), every one is
    linked from a chapter, and every link resolves (tests/links.py)."""
    result, html = seed_book
    assert result.returncode == 0
    linked = set()
    for chapter in ("corpus", "actors", "framing", "sentiment", "comparison", "methods"):
        page = (html / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="(\.\./_downloads/[^"]+\.csv)"', page)
        assert links, chapter
        for link in links:
            target = (html / "chapters" / link).resolve()
            assert target.is_file() and target.stat().st_size > 0, link
            linked.add(target.name)
        assert broken_links(html, [f"chapters/{chapter}.html"]) == [], chapter
    assert {p.name for p in (html / "_downloads").rglob("*.csv")} == linked


def test_a_build_writes_nothing_into_the_source_tree(seed_book):
    """No CSV download (once ``chapters/downloads/``), notebook output or other file of the source tree is
    written by a build: every file's size and time and ``git status --ignored`` are as before it."""
    result, _ = seed_book
    assert result.returncode == 0
    assert result.source_changes == []


def test_a_build_leaves_no_temporary_folder(seed_book):
    """reuse.md's example corpus lives in a scratch folder (analysis.book.chapter.scratch_folder) that the
    chapter removes; the build's own TMPDIR is empty afterwards."""
    result, _ = seed_book
    assert result.returncode == 0
    assert result.tmp_left == []


def _twelve_outlets(articles, crises):
    """Twelve articles from twelve fictional outlets, the synthetic texts reused, over every crisis."""
    reused = [articles[i % len(articles)] for i in range(12)]
    return (
        [(f"o{i + 1}-{a[0]}", f"Outlet {chr(65 + i)} Daily", *a[2:]) for i, a in enumerate(reused)],
        crises,
    )


#: Corpora the sentence templates must read correctly over (issue #12): each builds strictly.
DEGENERATE = {
    "one-outlet": lambda a, c: ([x for x in a if x[1] == "North Post"], c),  # one outlet, two crises
    "one-crisis": lambda a, c: (  # one crisis, two outlets
        [x for x in a if x[2] == "alpha-2023"],
        [k for k in c if k["key"] == "alpha-2023"],
    ),
    "one-article": lambda a, c: (a[:1], [k for k in c if k["key"] == a[0][2]]),
    "twelve-outlets": _twelve_outlets,
}


@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_book_builds_strictly_over_degenerate_corpora(tmp_path, name):
    from .synthetic import ARTICLES, CRISES

    articles, crises = DEGENERATE[name](ARTICLES, CRISES)
    corpus = write_corpus(tmp_path / name, articles=articles, crises=crises)
    result = build(tmp_path / "out", corpus_dir=corpus)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert sphinx_warnings(result) == []
    problems = []
    for page in _reader_pages(tmp_path / "out" / "_build" / "html"):
        text = _page_text(page)
        for pattern in (
            r"\bn/a\b",
            r"\bnan\b",
            r"\bNaN\b(?! \(not a number)",
            r"\b1 (articles|outlets|crises|genres)\b",
        ):
            problems += [
                f"{page.name}: {text[max(0, m.start() - 60) : m.end() + 20]!r}" for m in re.finditer(pattern, text)
            ]
    assert problems == [], "\n".join(problems)


def test_seed_pages_state_comparisons_only_as_tested_contrasts(seed_book):
    """Issue #12 on the seed build: each comparative sentence is a contrast with its check, or says why not."""
    import html as html_lib

    result, html = seed_book
    assert result.returncode == 0

    def read(page: str) -> str:  # entities decoded, typographic apostrophes as typed
        return html_lib.unescape(_page_text(html / "chapters" / f"{page}.html")).replace("’", "'")

    framing, sentiment, intro, comparison = (read(p) for p in ("framing", "sentiment", "intro", "comparison"))
    # 1. the escalation balance between crises is a contrast, with the hand coding's verdict beside it
    assert "weighs most" not in framing
    assert "By the escalation balance, there is no detectable difference between Iran's attack on Israel" in framing
    assert "The hand coding of sentences, which measures the same quantity," in framing
    # 2. no trend from 2 articles against 2 of other outlets: the page says why, with the floor
    assert "moved from the strikes towards de-escalation" not in framing
    assert "No trend over time can be stated from these numbers. A trend needs, in each period, at least 4" in framing
    # 3. tone between crises: no order of point values, "no detectable difference" with the hand labels' check
    assert "disagree on which crisis" not in sentiment and "different order from VADER" not in sentiment
    assert "By the mean TextBlob sentence score, there is no detectable difference between" in sentiment
    assert "The hand labelling of sentences, which measures the same quantity," in sentiment
    # 4. no actor name is frame evidence, the overlap left is stated, and one dominant frame everywhere
    assert "china (regional and great-power diplomacy)" not in framing
    assert "still fall inside an actor mention of the actors chapter" in framing
    assert "densest frame" not in framing + comparison
    # 5. numbers counted differently say which; G² is reconciled with log-odds and corrected
    assert "words incl. posts" in sentiment and "words of body text" in comparison
    assert "after the Benjamini–Hochberg correction" in framing
    assert "The dominant frame (the frame with most dictionary hits, the escalation indices aside)" in intro
