"""Tests for analysis.clean: per-article removed lines, rule examples, rule-file validation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.clean import (
    character_audit,
    classify_lines,
    clean_article,
    cleaning_audit,
    embedded_posts,
    load_rules,
)
from analysis.corpus import load_corpus
from analysis.errors import DataFileError

REPO = Path(__file__).resolve().parent.parent
RULES_FILE = REPO / "analysis" / "data" / "boilerplate.yaml"

# The furniture in each seed article, found by reading the raw file line by line
# (line numbers as a text editor shows them). See the closing note of the
# foundation issue for the calls on ambiguous lines.
EXPECTED_REMOVED = {
    "pakstandard-2024-04-14": {1: "headline", 3: "caption"},
    "mixedtimes-2024-01-17": {17: "embed", 18: "embed"},
    "newsweek-2024-01-17": {
        1: "headline",
        21: "caption",
        22: "caption",
        32: "update_note",
        34: "related",  # "Uncommon Knowledge": a promotional section heading
        36: "promotion",
        38: "promotion",
        40: "author_bio",
        43: "author_bio",
        45: "related",
        47: "caption",
        48: "promotion",
        49: "promotion",
        50: "promotion",
        51: "promotion",
        52: "promotion",
        53: "caption",
        54: "promotion",
        55: "promotion",
        56: "promotion",
        57: "promotion",
    },
    "diplomat-2024-02": {
        1: "navigation",
        2: "navigation",
        3: "headline",
        4: "caption",
        5: "navigation",
        7: "headline",
        9: "standfirst",  # the rules' verdict; the seed corpus keeps it (corpus/book.yaml, SEED_KEEPS)
        11: "byline",
        47: "promotion",
        48: "promotion",
        50: "promotion",
        51: "promotion",
        53: "author_bio",
        55: "author_bio",
        57: "related",
        58: "related",
        59: "related",
        60: "related",
    },
    "rangeinn-2024-01-19": {1: "headline", 4: "embed", 5: "embed", 9: "embed", 10: "embed", 13: "author_bio"},
}

# Furniture categories the seed corpus keeps as article text (``cleaning: {keep: [...]}`` in corpus/book.yaml).
SEED_KEEPS = {"standfirst"}

# First and last sentence of the real body of each article, copied from the raw files.
BODY_ENDS = {
    "pakstandard-2024-04-14": (
        "Pakistan on Sunday expressed “deep concern”",
        "most speakers merely called for restraint.",
    ),
    "mixedtimes-2024-01-17": (
        "Iran's Tuesday missile and drone strikes",
        "The situation remains dangerous also because Pakistan is a nuclear power.",
    ),
    "newsweek-2024-01-17": (
        "Pakistan has recalled its ambassador from Iran",
        "have been carrying out attacks on Israel and its allies in solidarity with Hamas.",
    ),
    "diplomat-2024-02": (
        "With a struggling economy, Pakistan stands to gain more",
        "could actually set a promising foundation for future collaborations in various sectors.",
    ),
    "rangeinn-2024-01-19": (
        "A pivotal diplomatic exchange between Hossein Amir Abdollahian",
        "targeted strikes on terrorist hideouts within Iranian territory.",
    ),
}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.mark.parametrize("article_id", sorted(EXPECTED_REMOVED))
def test_exact_removed_lines_per_seed_article(corpus, article_id):
    row = corpus.set_index("id").loc[article_id]
    lines = classify_lines(row["raw_text"], title=row["title"])
    removed = lines[~lines["category"].isin(["body", "blank"])]
    assert dict(zip(removed["line"], removed["category"])) == EXPECTED_REMOVED[article_id]


@pytest.mark.parametrize("article_id", sorted(BODY_ENDS))
def test_first_and_last_body_sentences_survive(corpus, article_id):
    text = corpus.set_index("id").loc[article_id, "text"]
    first, last = BODY_ENDS[article_id]
    assert text.startswith(first)
    assert text.endswith(last)


@pytest.mark.parametrize("article_id", sorted(EXPECTED_REMOVED))
def test_no_body_paragraph_lost(corpus, article_id):
    row = corpus.set_index("id").loc[article_id]
    raw_lines = row["raw_text"].split("\n")
    removed = {n for n, category in EXPECTED_REMOVED[article_id].items() if category not in SEED_KEEPS}
    kept = [line.strip() for n, line in enumerate(raw_lines, start=1) if line.strip() and n not in removed]
    assert row["text"].split("\n\n") == kept


def test_headline_is_kept_apart(corpus):
    row = corpus.set_index("id").loc["newsweek-2024-01-17"]
    assert row["headline"] == "Pakistan Recalls Iran Ambassador After Missile Strikes"
    assert "Pakistan Recalls Iran Ambassador" not in row["text"]


def test_cleaning_audit_lists_every_removed_line(corpus):
    audit = cleaning_audit(corpus)
    assert list(audit.columns) == ["id", "line", "category", "rule", "text"]
    assert len(audit) == sum(len(v) for v in EXPECTED_REMOVED.values())
    row = audit[(audit["id"] == "diplomat-2024-02") & (audit["line"] == 11)].iloc[0]
    assert (row["category"], row["rule"], row["text"]) == ("byline", "byline", "By Umair Jamal")


def test_embedded_posts_table(corpus):
    posts = embedded_posts(corpus)
    assert posts[["id", "line", "handle", "date"]].values.tolist() == [
        ["mixedtimes-2024-01-17", 17, "khorasandiary", "January 17, 2024"],
        ["rangeinn-2024-01-19", 4, "ForeignOfficePk", "January 19, 2024"],
        ["rangeinn-2024-01-19", 9, "IraninIslamabad", "January 19, 2024"],
    ]


# --- rules are general, not tied to the seed sites -------------------------------


def test_rules_clean_an_article_from_another_site():
    raw = "\n".join(
        [
            "World",
            "Ceasefire Holds in the North",
            "By Jane Doe and John Roe",
            "Photo: Soldiers at a checkpoint",
            "The ceasefire held for a third day on Tuesday, officials said.",
            "Read more: Earlier talks collapse",
            "- Talks resume Friday",
            "Both sides reported no violations.",
            "Correction: An earlier version misstated the date.",
            "Share this article",
            "Sign up for our daily newsletter",
            "Jane Doe is a senior correspondent covering the region.",
            "Related",
            "Markets Rally After Truce",
        ]
    )
    lines = classify_lines(raw, title="Ceasefire holds in the north")
    got = dict(zip(lines["line"], lines["category"]))
    assert got == {
        1: "navigation",
        2: "headline",
        3: "byline",
        4: "caption",
        5: "body",
        6: "related",
        7: "body",  # a bullet in the middle of the body stays
        8: "body",
        9: "update_note",
        10: "share",
        11: "promotion",
        12: "author_bio",
        13: "related",
        14: "related",
    }


def test_an_article_that_ends_on_a_list_of_news_points_keeps_it():
    raw = "\n".join(
        [
            "Officials met on Monday to review the week.",
            "Key developments:",
            "- Pakistan recalls its ambassador",
            "- Border crossings closed",
            "• Newsweek app updates on-the-go",
            "• Comment on articles",
        ]
    )
    got = classify_lines(raw)["category"].tolist()
    # the news points stay in the body; the two offers to the reader below them are promotion
    assert got == ["body", "body", "body", "body", "promotion", "promotion"]


def test_short_line_inside_body_is_not_furniture():
    raw = "Officials met on Monday.\nTalks Continue Today\nBoth sides agreed to meet again."
    assert classify_lines(raw)["category"].tolist() == ["body", "body", "body"]


def test_keep_embeds_puts_posts_back_in_place():
    raw = "Both sides met.\nWe want peace\n— Embassy (@emb) January 19, 2024\nTalks went on."
    assert clean_article(raw)["text"] == "Both sides met.\n\nTalks went on."
    assert clean_article(raw, keep_embeds=True)["text"] == "Both sides met.\n\nWe want peace\n\nTalks went on."


@pytest.mark.parametrize(
    "rule", [r for r in load_rules() if r.kind in {"regex", "bullet", "embed"}], ids=lambda r: r.id
)
def test_every_pattern_rule_catches_its_own_example(rule):
    assert rule.matches_line(rule.example)


@pytest.mark.parametrize("rule", [r for r in load_rules() if r.kind == "fragment"], ids=lambda r: r.id)
def test_fragment_rules_catch_their_example_in_their_zone(rule):
    body = "The minister spoke to reporters on Monday."
    raw = f"{rule.example}\n{body}" if rule.where == "head" else f"{body}\n{rule.example}"
    lines = classify_lines(raw)
    assert rule.id in set(lines["rule"])


# --- the rules file is validated -----------------------------------------------------


def _write_rules(tmp_path, mutate) -> Path:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_bad_regex_names_the_rule(tmp_path):
    def mutate(d):
        d["rules"][2]["pattern"] = "([unclosed"

    path = _write_rules(tmp_path, mutate)
    with pytest.raises(
        DataFileError, match=r"rules.yaml, row 3, field 'pattern': rule 'caption-lead-word': invalid regex"
    ):
        load_rules(path)


def test_unknown_category_and_kind(tmp_path):
    def mutate(d):
        d["rules"][0]["category"] = "weather"
        d["rules"][1]["kind"] = "magic"

    path = _write_rules(tmp_path, mutate)
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    assert "row 1, field 'category'" in str(info.value) and "row 2, field 'kind'" in str(info.value)


def test_duplicate_rule_id_and_missing_example(tmp_path):
    def mutate(d):
        d["rules"][1]["id"] = d["rules"][0]["id"]
        del d["rules"][3]["example"]

    path = _write_rules(tmp_path, mutate)
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    assert "row 2, field 'id': duplicate rule id" in str(info.value)
    assert "row 4, field 'example'" in str(info.value)


def test_empty_pattern(tmp_path):
    def mutate(d):
        d["rules"][2]["pattern"] = "  "

    with pytest.raises(DataFileError, match=r"row 3, field 'pattern'.*empty or missing pattern"):
        load_rules(_write_rules(tmp_path, mutate))


def test_missing_source(tmp_path):
    def mutate(d):
        del d["source"]

    with pytest.raises(DataFileError, match="field 'source'"):
        load_rules(_write_rules(tmp_path, mutate))


def test_audit_on_empty_corpus_has_columns():
    empty = pd.DataFrame(columns=["id", "title", "raw_text"])
    assert list(cleaning_audit(empty).columns) == ["id", "line", "category", "rule", "text"]


# --- line endings and invisible characters (normalised before cleaning) ----------------------

RAW_LINES = ["Big News", "Photo of a rally", "The minister spoke on Monday.", "Subscribe"]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\u2028", "\u2029", "\u0085"])
def test_articles_with_any_line_ending_are_cleaned_line_by_line(ending):
    raw = ending.join(RAW_LINES)
    lines = classify_lines(raw, title="Big News")
    assert lines[["line", "category"]].values.tolist() == [
        [1, "headline"],
        [2, "caption"],
        [3, "body"],
        [4, "promotion"],
    ]
    assert clean_article(raw, title="Big News")["text"] == "The minister spoke on Monday."


def test_invisible_characters_do_not_hide_furniture_or_split_words():
    raw = "Big\u200b News\nThe minister\u2060 spoke on \u202eMonday.\u202c\nSub\u00adscribe"
    out = clean_article(raw, title="Big News")
    assert out == {"text": "The minister spoke on Monday.", "quoted_text": "", "headline": "Big News"}


def test_cleaning_audit_line_numbers_follow_cr_line_endings():
    corpus = pd.DataFrame({"id": ["a"], "title": ["Big News"], "raw_text": ["\r".join(RAW_LINES)]})
    audit = cleaning_audit(corpus)
    assert audit[["line", "category"]].values.tolist() == [[1, "headline"], [2, "caption"], [4, "promotion"]]


def test_character_audit_says_what_was_normalised_per_article():
    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "raw_text": ["\ufeffOne\r\ntwo\r\nthree", "Plain text.\n", "Talks \u202eresumed\u202c\u200b."],
        }
    )
    audit = character_audit(corpus)
    assert list(audit.columns) == ["id", "character", "name", "kind", "action", "count", "first_line", "first_column"]
    # By hand: a has a BOM (line 1, column 1) and two CRLF endings (first at line 1, column 5 after "\ufeffOne");
    # b has nothing to normalise; c has two bidi controls (columns 7 and 15) and a ZWSP (column 16).
    assert audit.values.tolist() == [
        ["a", "U+FEFF", "ZERO WIDTH NO-BREAK SPACE", "byte-order mark", "removed", 1, 1, 1],
        ["a", "CR LF", "CARRIAGE RETURN, LINE FEED", "line ending", "replaced by a newline", 2, 1, 5],
        ["c", "U+202E", "RIGHT-TO-LEFT OVERRIDE", "bidirectional control", "removed", 1, 1, 7],
        ["c", "U+202C", "POP DIRECTIONAL FORMATTING", "bidirectional control", "removed", 1, 1, 15],
        ["c", "U+200B", "ZERO WIDTH SPACE", "invisible format character", "removed", 1, 1, 16],
    ]


def test_character_audit_of_the_seed_corpus_is_empty(corpus):
    assert character_audit(corpus).empty
