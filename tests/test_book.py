"""Tests for analysis.book: glue formatting, escaped HTML tables, byte-stable CSV downloads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.book import export_csv, html_table, package_versions
from analysis.formatting import format_value


def test_format_value_numbers_and_strings():
    assert format_value(np.int64(2506)) == "2,506"  # numpy ints format like ints
    assert format_value(np.float64(0.4251)) == "0.43"
    assert format_value(np.float64(14.0)) == "14"  # a whole float is a count
    assert format_value(0.4251, "{:.1%}") == "42.5%"
    assert format_value("Newsweek") == "Newsweek"
    assert format_value(True) == "True"


def test_html_table_escapes_every_cell_and_links_only_http():
    table = pd.DataFrame(
        {
            "title": ["<script>alert(1)</script>", "ok"],
            "url": ["javascript:alert(1)", "https://example.org/a?b=1&c=2"],
            "n": [1, 2],
        }
    )
    html = html_table(table, links={"title": "url"}, caption="<i>cap</i>").data
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html  # not an http(s) link: shown as text only, URL column hidden
    assert '<a href="https://example.org/a?b=1&amp;c=2">ok</a>' in html
    assert "<caption>&lt;i&gt;cap&lt;/i&gt;</caption>" in html
    assert html.count("<tr>") == 3  # header + two rows


def test_export_csv_is_byte_identical_when_written_twice(tmp_path):
    table = pd.DataFrame({"term": ["b", "a"], "z": [1 / 3, 2.0], "n": [3, 4]})
    first = export_csv(table, "terms", folder=tmp_path / "one").read_bytes()
    second = export_csv(table.copy(), "terms", folder=tmp_path / "two").read_bytes()
    assert first == second
    # Row order as given, floats to six significant digits, "\n" endings, no index.
    assert first == b"term,z,n\nb,0.333333,3\na,2,4\n"


@pytest.mark.parametrize("bad", ["", "../x", "a/b", ".hidden"])
def test_export_csv_rejects_paths(tmp_path, bad):
    with pytest.raises(ValueError):
        export_csv(pd.DataFrame({"a": [1]}), bad, folder=tmp_path)


def test_package_versions_reads_pins_and_installed_versions(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("# comment\npandas==0.0.1  # an old pin\nnot-a-real-package-xyz==1.0\n")
    table = package_versions(req)
    assert table["package"].tolist() == ["not-a-real-package-xyz", "pandas"]
    assert table["pinned"].tolist() == ["1.0", "0.0.1"]
    assert table.iloc[0]["installed"] == "not installed"
    assert table.iloc[1]["installed"] == pd.__version__


def test_every_shipped_data_file_names_its_source():
    from pathlib import Path

    from analysis.book import data_sources

    sources = data_sources()
    data_dir = Path(__file__).resolve().parent.parent / "analysis" / "data"
    shipped = {
        f"analysis/data/{p.name}"
        for p in data_dir.iterdir()
        if p.suffix in {".yaml", ".txt", ".csv"} and p.name != "external_lexicons.yaml"
    }
    assert shipped <= set(sources["file"])
    assert (sources["source"].str.len() > 20).all()
    assert {"vaderSentiment", "textblob"} <= {f.split("package ")[-1].rstrip(")") for f in sources["file"]}


# Long tables (#13): one rule, in analysis.book.tables.inline_rows, applied by html_table.


def test_inline_rows_keeps_a_table_up_to_the_limit_whole():
    from analysis.book.tables import MAX_ROWS, inline_rows

    table = pd.DataFrame({"a": range(MAX_ROWS)})
    rows, note = inline_rows(table, csv="t.csv")
    assert len(rows) == MAX_ROWS and note == ""


def test_inline_rows_cuts_a_longer_table_and_says_where_the_rest_is():
    from analysis.book.tables import inline_rows

    table = pd.DataFrame({"a": range(1234)})
    rows, note = inline_rows(table, csv="t.csv", max_rows=5)
    assert rows["a"].tolist() == [0, 1, 2, 3, 4]  # the first rows, in the table's order
    assert note == "The first 5 of 1,234 rows; all 1,234 are in the download t.csv."
    assert inline_rows(table, max_rows=5)[1] == "The first 5 of 1,234 rows."
    with pytest.raises(ValueError):
        inline_rows(table, max_rows=0)


def test_html_table_shows_at_most_max_rows_and_the_note_in_its_caption():
    from analysis.book.tables import MAX_ROWS

    table = pd.DataFrame({"actor": [f"a{i}" for i in range(53)], "mentions": [53 - i for i in range(53)]})
    html = html_table(table, caption="Actors.", csv="actors-table.csv").data
    assert html.count("<tr>") == 1 + MAX_ROWS
    assert "<td>a0</td>" in html and f"<td>a{MAX_ROWS}</td>" not in html
    assert (
        f"<caption>Actors. The first {MAX_ROWS} of 53 rows; all 53 are in the download actors-table.csv.</caption>"
        in html
    )


def test_html_table_group_column_names_each_group_once():
    table = pd.DataFrame({"group": ["K", "K", "K", "M"], "ngram": ["a b", "c d", "e f", "g h"]})
    html = html_table(table, group="group").data
    assert html.count(">K</td>") == 1 and '<td rowspan="3">K</td>' in html
    assert "<td>M</td>" in html  # a group of one row needs no span
    assert html.count("<tr>") == 5
    with pytest.raises(ValueError, match="not a shown column"):
        html_table(table, group="nope")


def test_html_table_formats_each_column_like_the_prose():
    table = pd.DataFrame({"count": [14.0, 3.0, np.nan], "score": [0.997, -0.004, 1.0], "name": ["a", "b", "c"]})
    html = html_table(table).data
    # a count column that pandas made float prints as integers ("14", not "14.00"), a gap as empty
    assert "<td>14</td><td>1.00</td>" in html and "<td>3</td><td>0.00</td>" in html  # no "-0.00"
    assert "<td></td><td>1.00</td><td>c</td>" in html
    assert "-0.00" not in html and "14.00" not in html
