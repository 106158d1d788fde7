"""Tests for analysis.actors: gazetteer validation, disambiguation rules, gold P/R, counts.

Expected values are worked out by hand in the comments (offsets counted on the
sentences written here), never copied from the code's output.
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.actors import (
    MENTION_COLUMNS,
    actor_summary,
    cooccurrence,
    country_role,
    dominant_actors,
    exclusive_actors,
    find_mentions,
    load_gazetteer,
    mention_counts,
    prominence,
    voice_breakdown,
)
from analysis.actors.gazetteer import resolve_gazetteer
from analysis.corpus import load_corpus
from analysis.errors import AnalysisInputError, DataFileError
from analysis.evidence import load_gold, mention_errors, read_mention_gold, score_mentions
from analysis.scanning import literal_beginnings
from analysis.text import fold, sentence_table, split_sentences
from analysis.vocabulary import ACTOR_TYPES
from tests.synthetic import write_corpus


def one(text: str, **kw) -> pd.DataFrame:
    return find_mentions(pd.DataFrame({"id": ["t"], "text": [text]}), **kw)


def pairs(text: str, **kw) -> list[tuple[str, str]]:
    return [(r.matched, r.actor) for r in one(text, **kw).itertuples()]


@pytest.fixture(scope="module")
def seed():
    return load_corpus()


@pytest.fixture(scope="module")
def seed_mentions(seed):
    return find_mentions(seed)


@pytest.fixture(scope="module")
def seed_mentions_embeds(seed):
    return find_mentions(seed, include_embeds=True)


# ---------------------------------------------------------------- gazetteer validation


def write_gaz(tmp_path, actors, source="test"):
    path = tmp_path / "gaz.yaml"
    path.write_text(yaml.safe_dump({"source": source, "actors": actors}, sort_keys=False), encoding="utf-8")
    return path


def actor(id_, aliases, type_="state", **extra):
    return {"id": id_, "label": id_.title(), "type": type_, "country": None, "aliases": aliases, **extra}


def test_default_gazetteer_loads_and_covers_the_issue_list():
    gaz = load_gazetteer()
    ids = set(gaz.actors["id"])
    required = {
        "iran",
        "pakistan",
        "israel",
        "united_states",
        "china",
        "united_nations",
        "india",
        "afghanistan",
        "iraq",
        "syria",
        "jaish_al_adl",
        "irgc",
        "baloch_separatists",
        "hamas",
        "pakistan_foreign_office",
        "iran_foreign_ministry",
        "jilani",
        "amir_abdollahian",
        "mumtaz_zahra_baloch",
        "kakar",
    }
    assert required <= ids
    assert set(gaz.actors["type"]) <= set(ACTOR_TYPES)
    assert gaz.source


@pytest.mark.parametrize("name", ["actors.yaml", "world.yaml"])
def test_package_files_parse_the_same_as_with_safe_load(name):
    # the package's files are read with libyaml's parser (issue #16): the objects must be those of
    # the pure-Python yaml.safe_load, types included (repr tells 1 from 1.0 and "1" from 1)
    from importlib import resources

    from analysis.actors import gazetteer

    text = (resources.files("analysis") / "data" / name).read_text(encoding="utf-8")
    assert repr(yaml.load(text, Loader=gazetteer._PACKAGE_LOADER)) == repr(yaml.safe_load(text))


def test_duplicate_alias_for_two_actors_names_both_entries(tmp_path):
    path = write_gaz(tmp_path, [actor("aland", ["Aland"]), actor("bland", ["Bland", "Aland"])])
    with pytest.raises(DataFileError) as err:
        load_gazetteer(path)
    msg = str(err.value)
    # entry 2, second alias, naming both actors
    assert "row 2" in msg and "aliases[2]" in msg and "'aland'" in msg and "'bland'" in msg


def test_duplicate_alias_detected_across_spacing_and_hyphen_variants(tmp_path):
    # "Jaish al-Adl" and "Jaish al Adl" compile to the same matcher, so they are the same alias
    path = write_gaz(tmp_path, [actor("a", ["Jaish al-Adl"]), actor("b", ["Jaish al Adl"])])
    with pytest.raises(DataFileError, match="also names actor 'a'"):
        load_gazetteer(path)


def test_same_alias_with_a_context_condition_is_allowed(tmp_path):
    path = write_gaz(
        tmp_path,
        [
            actor("people", ["Smith"], "ethnic or regional group"),
            actor("person", [{"pattern": "Smith", "followed_by": r"\s+said"}], "official"),
        ],
    )
    assert len(load_gazetteer(path).actors) == 2


@pytest.mark.parametrize(
    "alias, field_text",
    [
        ("", "empty pattern"),
        ({"pattern": "   "}, "empty pattern"),
        ({"pattern": "Iran(", "regex": True}, "invalid pattern"),
        ({"pattern": "x?", "regex": True}, "matches the empty string"),
        ({"pattern": "Iran", "case": "upper"}, "case 'upper'"),
        ({"pattern": "Iran", "followed_by": "("}, "invalid followed_by"),
    ],
)
def test_bad_pattern_names_entry_and_field(tmp_path, alias, field_text):
    path = write_gaz(tmp_path, [actor("ok", ["Ok"]), actor("bad", ["Fine", alias])])
    with pytest.raises(DataFileError) as err:
        load_gazetteer(path)
    msg = str(err.value)
    assert "row 2" in msg and "aliases[2]" in msg and field_text in msg and "'bad'" in msg


def test_unknown_type_names_entry_and_field(tmp_path):
    path = write_gaz(tmp_path, [actor("ok", ["Ok"]), actor("bad", ["Bad"], "planet")])
    with pytest.raises(DataFileError) as err:
        load_gazetteer(path)
    assert "row 2" in str(err.value) and "field 'type'" in str(err.value) and "'planet'" in str(err.value)


def test_other_structural_errors(tmp_path):
    with pytest.raises(DataFileError, match="source"):
        load_gazetteer(write_gaz(tmp_path, [actor("a", ["A"])], source=""))
    with pytest.raises(DataFileError, match="part_of"):
        load_gazetteer(write_gaz(tmp_path, [actor("a", ["A"], part_of="nowhere")]))
    with pytest.raises(DataFileError, match="duplicate actor id"):
        load_gazetteer(write_gaz(tmp_path, [actor("a", ["A"]), actor("a", ["B"])]))
    with pytest.raises(DataFileError, match="aliases"):
        load_gazetteer(write_gaz(tmp_path, [actor("a", [])]))
    with pytest.raises(DataFileError, match="not found"):
        load_gazetteer(tmp_path / "missing.yaml")


def test_gazetteer_can_be_passed_as_mapping_or_path(tmp_path):
    spec = {"source": "test", "actors": [actor("zed", ["Zedland"])]}
    text = "Zedland spoke."
    corpus = pd.DataFrame({"id": ["t"], "text": [text]})
    assert find_mentions(corpus, spec)["actor"].tolist() == ["zed"]
    assert find_mentions(corpus, write_gaz(tmp_path, spec["actors"]))["actor"].tolist() == ["zed"]
    assert find_mentions(corpus, load_gazetteer(write_gaz(tmp_path, spec["actors"])))["actor"].tolist() == ["zed"]


# ---------------------------------------------------------------- disambiguation rules


def test_capitals_stand_for_states():
    m = one("Tehran and Islamabad traded accusations while Washington watched.")
    assert m["actor"].tolist() == ["iran", "pakistan", "united_states"]
    assert not m["is_demonym"].any()


def test_demonyms_are_flagged_and_optional():
    text = "Iranian officials met Pakistani diplomats and two Iranians, backed by Iranian-backed groups."
    m = one(text)
    assert m[["matched", "actor", "is_demonym"]].values.tolist() == [
        ["Iranian", "iran", True],
        ["Pakistani", "pakistan", True],
        ["Iranians", "iran", True],
        ["Iranian", "iran", True],
    ]
    assert one(text, demonyms=False).empty
    # a name is never a demonym
    assert one("Iran and Iraq.")["is_demonym"].tolist() == [False, False]


def test_baloch_spokeswoman_versus_the_people():
    assert pairs("Mumtaz Zahra Baloch spoke first.") == [("Mumtaz Zahra Baloch", "mumtaz_zahra_baloch")]
    # surname followed by a reporting verb, or after a title, is the spokeswoman
    assert pairs("Baloch added that talks continue.") == [("Baloch", "mumtaz_zahra_baloch")]
    assert pairs("Spokeswoman Baloch was clear.") == [("Baloch", "mumtaz_zahra_baloch")]
    # otherwise the bare name is the people
    assert pairs("Many Baloch live on both sides.") == [("Baloch", "baloch")]
    # and the armed groups have their own, longer alias
    assert pairs("Baloch militants crossed; Baloch separatist groups denied it.") == [
        ("Baloch militants", "baloch_separatists"),
        ("Baloch separatist groups", "baloch_separatists"),
    ]


def test_provinces_versus_peoples():
    m = one("Balochistan is home to many Baloch, as is Sistan-Baluchestan.")
    assert m[["matched", "actor", "actor_type"]].values.tolist() == [
        ["Balochistan", "balochistan", "place"],
        ["Baloch", "baloch", "ethnic or regional group"],
        ["Sistan-Baluchestan", "sistan_baluchestan", "place"],
    ]
    gaz = load_gazetteer().actors.set_index("id")
    assert gaz.loc["balochistan", "country"] == "PK" and gaz.loc["sistan_baluchestan", "country"] == "IR"


def test_longest_match_wins():
    # "Baluchistan" alone is Pakistan's province; inside "Sistan-Baluchistan" it must not be counted.
    assert pairs("Sistan-Baluchistan and Baluchistan.") == [
        ("Sistan-Baluchistan", "sistan_baluchestan"),
        ("Baluchistan", "balochistan"),
    ]
    assert pairs("Sistan-Baluchestan") == [("Sistan-Baluchestan", "sistan_baluchestan")]
    assert pairs("Saudi Arabia and a Saudi prince.") == [("Saudi Arabia", "saudi_arabia"), ("Saudi", "saudi_arabia")]
    # the foreign ministry is one mention, not also "Pakistan"
    m = one("Pakistan's Foreign Ministry said so.")
    assert m[["start", "end", "actor"]].values.tolist() == [[0, 27, "pakistan_foreign_office"]]
    assert pairs("The U.N. Security Council met; the U.N. did not.") == [
        ("U.N. Security Council", "un_security_council"),
        ("U.N.", "united_nations"),
    ]


def test_negative_context_conditions():
    # not_preceded_by keeps national security councils out of the UN, and other countries'
    # foreign offices out of Pakistan's
    assert pairs("Iran's Supreme National Security Council met; the Security Council did too.") == [
        ("Iran", "iran"),
        ("Security Council", "un_security_council"),
    ]
    # "UK Foreign Office" is the UK's foreign ministry, one mention (world.yaml's national bodies)
    assert pairs("The UK Foreign Office and the Foreign Office.") == [
        ("UK Foreign Office", "united_kingdom_foreign_ministry"),
        ("Foreign Office", "pakistan_foreign_office"),
    ]


def test_on_one_span_a_condition_that_must_hold_beats_one_that_must_not():
    # the bare "Foreign Office" is Pakistan's unless another state precedes it (a not_ condition);
    # before "in London" it is the UK's (world.yaml: a ministry's bare name before its capital)
    assert pairs("The Foreign Office in London denied it; the Foreign Office in Islamabad did not.") == [
        ("Foreign Office", "united_kingdom_foreign_ministry"),
        ("London", "united_kingdom"),
        ("Foreign Office", "pakistan_foreign_office"),
        ("Islamabad", "pakistan"),
    ]


def test_an_abbreviation_the_text_defines_names_the_same_actor_later():
    # made-up sentences: the Egyptian Ministry of Defence is a national body of world.yaml
    text = "The Egyptian Ministry of Defence (EMoD) spoke. Later the EMoD and the Pakistani Foreign Office (FO) met; FO aides left."
    assert pairs(text) == [
        ("Egyptian Ministry of Defence", "egypt_defence_ministry"),
        ("EMoD", "egypt_defence_ministry"),
        ("EMoD", "egypt_defence_ministry"),
        ("Pakistani Foreign Office", "pakistan_foreign_office"),
        ("FO", "pakistan_foreign_office"),
        ("FO", "pakistan_foreign_office"),
    ]
    # before its definition, an abbreviation names nothing
    assert pairs("FO aides met. The Pakistani Foreign Office (FO) spoke.")[0] == (
        "Pakistani Foreign Office",
        "pakistan_foreign_office",
    )


def test_what_does_not_define_an_abbreviation():
    # a capital (a dateline and an agency), a word with one capital, letters not in the name
    assert pairs("ANKARA (AA) - AA reported. Iran (Reuters) said; Reuters added. Pakistan (ISPR) and ISPR.") == [
        ("ANKARA", "turkey"),
        ("Iran", "iran"),
        ("Pakistan", "pakistan"),
        ("ISPR", "ispr"),
        ("ISPR", "ispr"),
    ]
    assert pairs("Pakistan (PX) and PX.") == [("Pakistan", "pakistan")]


def test_possessives_leave_the_apostrophe_out():
    # "Iran’s" (curly) and "Iran's" (straight): the span is the 4 letters of "Iran"
    for text in ("Iran’s move", "Iran's move"):
        assert one(text)[["start", "end", "matched"]].values.tolist() == [[0, 4, "Iran"]]


def test_hyphen_and_spacing_variants():
    assert pairs("Jaish al Adl, Jaish al-Adl and Jaish-al-Adl") == [
        ("Jaish al Adl", "jaish_al_adl"),
        ("Jaish al-Adl", "jaish_al_adl"),
        ("Jaish-al-Adl", "jaish_al_adl"),
    ]
    # the three spellings of the Iranian foreign minister in the seed corpus
    assert pairs("Hossein Amir-Abdollahian; Amir Abdollahian; Amirabdollahian.") == [
        ("Hossein Amir-Abdollahian", "amir_abdollahian"),
        ("Amir Abdollahian", "amir_abdollahian"),
        ("Amirabdollahian", "amir_abdollahian"),
    ]
    # an en dash between names is a compound of two mentions
    assert pairs("the Iran–Iraq war") == [("Iran", "iran"), ("Iraq", "iraq")]


def test_case_and_word_boundaries():
    assert one("We had turkey; let us go to the un-named place.").empty
    assert pairs("Turkey and the US.") == [("Turkey", "turkey"), ("US", "united_states")]
    assert pairs("Kermanshah is not Kerman.") == [("Kerman", "kerman")]
    assert pairs("the Iranian foreign ministry") == [("Iranian foreign ministry", "iran_foreign_ministry")]


def test_sentence_position_and_quote_columns():
    text = "Calm returned. “Iran will answer,” said China.\n\nPakistan waited."
    m = one(text)
    assert list(m.columns) == MENTION_COLUMNS
    # "Calm returned. " is 15 chars, the opening quote is 15, so Iran is 16-20; " will answer,”" runs
    # 20-34, " said " 34-40, China 40-45; "." 45, "\n\n" 46-47, Pakistan 48-56 (third sentence).
    assert m[["matched", "start", "end", "sentence", "in_quote"]].values.tolist() == [
        ["Iran", 16, 20, 1, True],
        ["China", 40, 45, 1, False],
        ["Pakistan", 48, 56, 2, False],
    ]
    assert m["position"].tolist() == [round(16 / len(text), 6), round(40 / len(text), 6), round(48 / len(text), 6)]


def test_embed_offsets_sentences_and_flags_by_hand():
    corpus = pd.DataFrame(
        {
            "id": ["t"],
            "text": ["Calm returned. Iran waited."],
            "quoted_text": ["Quiet day. Tehran spoke.\nWe thank China \U0001f1f5\U0001f1f0 today."],
        }
    )
    m = find_mentions(corpus, include_embeds=True)
    assert list(m.columns) == MENTION_COLUMNS
    # body: "Calm returned. " is 15 chars, so Iran is 15-19 in sentence 1.
    # embeds, offsets into quoted_text: "Quiet day. " is 11 chars -> Tehran 11-17, sentence 1 (the posts' own
    # numbering: "Quiet day." is 0). "Tehran spoke." ends at 24, "\n" is 24, line 2 starts at 25:
    # "We thank " 25-34 -> China 34-39, " " 39, the Pakistani flag (two code points) 40-42; sentence 2.
    assert m[["source", "matched", "actor", "start", "end", "sentence", "in_quote"]].values.tolist() == [
        ["body", "Iran", "iran", 15, 19, 1, False],
        ["embed", "Tehran", "iran", 11, 17, 1, True],
        ["embed", "China", "china", 34, 39, 2, True],
        ["embed", "\U0001f1f5\U0001f1f0", "pakistan", 40, 42, 2, True],
    ]
    # embeds have no place in the body: position is NaN; body position is start / len(text) = 15 / 27
    assert m["position"].iloc[0] == round(15 / 27, 6) and m["position"].iloc[1:].isna().all()
    # the same numbering as sentence_table's embed rows
    st = sentence_table(corpus, include_embeds=True).set_index(["source", "sentence"])
    for r in m.itertuples():
        assert st.loc[(r.source, r.sentence), "start"] <= r.start < st.loc[(r.source, r.sentence), "end"]
    # the default reads the body only, and needs no quoted_text column
    assert find_mentions(corpus)[["source", "matched"]].values.tolist() == [["body", "Iran"]]
    assert find_mentions(corpus.drop(columns="quoted_text"))["source"].tolist() == ["body"]
    with pytest.raises(AnalysisInputError, match="quoted_text"):
        find_mentions(corpus.drop(columns="quoted_text"), include_embeds=True)


def test_handles_and_flag_boundaries(tmp_path):
    # the handle is matched without its "@": "Thanks @" is 8 chars, "JalilJilani" 8-19
    assert one("Thanks @JalilJilani.")[["matched", "actor", "start", "end"]].values.tolist() == [
        ["JalilJilani", "jilani", 8, 19]
    ]
    # the US flag followed by the Afghan flag: the middle pair (S, A) spells the Saudi flag, and must not
    # match even when Saudi Arabia comes first in the gazetteer (the order that would let it win a tie)
    us, af, sa = "\U0001f1fa\U0001f1f8", "\U0001f1e6\U0001f1eb", "\U0001f1f8\U0001f1e6"
    gaz = write_gaz(
        tmp_path,
        [
            actor("sa", [{"pattern": sa, "kind": "flag"}]),
            actor("us", [{"pattern": us, "kind": "flag"}]),
            actor("af", [{"pattern": af, "kind": "flag"}]),
        ],
    )
    m = find_mentions(pd.DataFrame({"id": ["t"], "text": [f"{us}{af} and {sa}"]}), gaz)
    # us 0-2, af 2-4, " and " 4-9, sa 9-11
    assert m[["actor", "start", "end"]].values.tolist() == [["us", 0, 2], ["af", 2, 4], ["sa", 9, 11]]


def test_seed_default_has_body_rows_only_and_embeds_add_rows(seed, seed_mentions, seed_mentions_embeds):
    assert (seed_mentions["source"] == "body").all()
    # include_embeds adds rows and changes none of the body rows
    body = seed_mentions_embeds[seed_mentions_embeds["source"] == "body"].reset_index(drop=True)
    pd.testing.assert_frame_equal(body, seed_mentions)
    embeds = seed_mentions_embeds[seed_mentions_embeds["source"] == "embed"]
    posts = dict(zip(seed["id"], seed["quoted_text"]))
    assert len(embeds) > 0 and embeds["in_quote"].all() and embeds["position"].isna().all()
    assert all(posts[r.id][r.start : r.end] == r.matched for r in embeds.itertuples())
    table = sentence_table(seed, include_embeds=True).set_index(["id", "source", "sentence"])
    for r in seed_mentions_embeds.itertuples():
        assert (
            table.loc[(r.id, r.source, r.sentence), "start"] <= r.start < table.loc[(r.id, r.source, r.sentence), "end"]
        )


def test_seed_offsets_and_sentences_agree_with_text_module(seed, seed_mentions):
    texts = dict(zip(seed["id"], seed["text"]))
    assert all(texts[r.id][r.start : r.end] == r.matched for r in seed_mentions.itertuples())
    body = sentence_table(seed).query("source == 'body'").set_index(["id", "sentence"])
    for r in seed_mentions.itertuples():
        s = body.loc[(r.id, r.sentence)]
        assert s["start"] <= r.start < s["end"]
    for doc_id, text in texts.items():
        assert seed_mentions.loc[seed_mentions["id"] == doc_id, "sentence"].max() < len(split_sentences(text))


def test_find_mentions_rejects_bad_input():
    with pytest.raises(AnalysisInputError, match="text"):
        find_mentions(pd.DataFrame({"id": ["a"]}))
    with pytest.raises(AnalysisInputError, match="gazetteer"):
        find_mentions(pd.DataFrame({"id": ["a"], "text": ["x"]}), gazetteer=42)


# ---------------------------------------------------------------- gold standard


def test_gold_precision_and_recall(seed, seed_mentions):
    gold = load_gold("mentions", corpus=seed)
    assert set(gold["id"]) == set(seed["id"])
    scores = score_mentions(seed_mentions, gold).set_index("id")
    assert scores.loc["all", "precision"] >= 0.95 and scores.loc["all", "recall"] >= 0.95
    per_article = scores.drop("all")
    assert (per_article["precision"] >= 0.90).all() and (per_article["recall"] >= 0.90).all()


def test_gold_precision_and_recall_with_embeds(seed, seed_mentions_embeds):
    gold = load_gold("mentions", corpus=seed, include_embeds=True)
    assert set(gold["source"]) == {"body", "embed"}
    scores = score_mentions(seed_mentions_embeds, gold).set_index("id")
    assert scores.loc["all", "precision"] >= 0.95 and scores.loc["all", "recall"] >= 0.95
    per_article = scores.drop("all")
    assert (per_article["precision"] >= 0.90).all() and (per_article["recall"] >= 0.90).all()
    embeds = score_mentions(seed_mentions_embeds, gold, source="embed").set_index("id")
    assert embeds.loc["all", "precision"] >= 0.90 and embeds.loc["all", "recall"] >= 0.90
    # the default gold is the body's: scoring body-only mentions against it is unaffected by the embeds
    assert set(load_gold("mentions", corpus=seed)["source"]) == {"body"}


def test_load_gold_source_column(tmp_path, seed):
    aid = seed["id"].iloc[0]
    posts = dict(zip(seed["id"], seed["quoted_text"]))
    pid = next(i for i, t in posts.items() if "Iran" in t)
    k = posts[pid].find("Iran")
    path = tmp_path / "gold.csv"
    rows = pd.DataFrame(
        {
            "id": [aid, pid],
            "source": ["body", "embed"],
            "actor": ["iran", "iran"],
            "start": [0, k],
            "end": [4, k + 4],
            "matched": ["Iran", "Iran"],
            "is_demonym": ["false", "false"],
        }
    )
    body_start = seed.set_index("id").loc[aid, "text"].find("Iran")
    rows.loc[0, ["start", "end"]] = [body_start, body_start + 4]
    rows.to_csv(path, index=False)
    assert read_mention_gold(path, corpus=seed)["source"].tolist() == ["body"]
    assert read_mention_gold(path, corpus=seed, include_embeds=True)["source"].tolist() == ["body", "embed"]
    # an embed row is checked against quoted_text: one character off names CSV line 3 (row 2 + header)
    rows.loc[1, ["start", "end"]] = [k + 1, k + 5]
    rows.to_csv(path, index=False)
    with pytest.raises(DataFileError, match=r"row 3.*quoted_text"):
        read_mention_gold(path, corpus=seed, include_embeds=True)
    rows.loc[1, "source"] = "caption"
    rows.to_csv(path, index=False)
    with pytest.raises(DataFileError, match=r"row 3.*'caption'"):
        read_mention_gold(path)


def test_score_by_source_by_hand():
    gold = pd.DataFrame(
        {
            "id": ["a", "a", "b"],
            "source": ["body", "embed", "body"],
            "start": [0, 0, 0],
            "end": [4, 4, 5],
            "actor": ["iran", "china", "india"],
        }
    )
    pred = pd.DataFrame(
        {
            "id": ["a", "a", "b", "b"],
            "source": ["body", "body", "body", "embed"],
            "start": [0, 10, 0, 3],
            "end": [4, 14, 5, 7],
            "actor": ["iran", "iraq", "india", "oman"],
        }
    )
    s = score_mentions(pred, gold).set_index("id")
    # the embed China at a 0-4 is missed (a body mention at 0-4 is a different mention); a: 1 correct of 2 gold,
    # 2 predicted; b: 1 of 1 gold, 2 predicted (the spurious embed Oman). All: 2 correct, 3 gold, 4 predicted.
    assert s.loc["all", ["gold", "predicted", "correct"]].tolist() == [3, 4, 2]
    e = score_mentions(pred, gold, source="embed").set_index("id")
    # embeds only: gold 1 (a), predicted 1 (b, Oman), 0 correct; b still scored though its posts have no gold
    assert e.loc["all", ["gold", "predicted", "correct"]].tolist() == [1, 1, 0]
    assert e.loc["b", ["precision", "recall"]].tolist() == [0.0, 1.0]
    with pytest.raises(AnalysisInputError, match="source"):
        score_mentions(pred, gold, source="caption")


def test_gold_demonym_flags_agree(seed, seed_mentions):
    gold = load_gold("mentions", corpus=seed)
    both = seed_mentions.merge(gold, on=["id", "start", "end", "actor"], suffixes=("", "_gold"))
    assert (both["is_demonym"] == both["is_demonym_gold"]).mean() >= 0.95


def test_load_gold_detects_offsets_that_drift(tmp_path, seed):
    aid = seed["id"].iloc[0]
    path = tmp_path / "gold.csv"
    pd.DataFrame(
        {"id": [aid], "actor": ["iran"], "start": [1], "end": [5], "matched": ["Iran"], "is_demonym": ["false"]}
    ).to_csv(path, index=False)
    with pytest.raises(DataFileError, match="row 2"):
        read_mention_gold(path, corpus=seed)


def test_score_and_errors_by_hand():
    gold = pd.DataFrame(
        {
            "id": ["a", "a", "a", "b"],
            "start": [0, 10, 20, 0],
            "end": [4, 14, 24, 5],
            "actor": ["iran", "iraq", "china", "india"],
            "matched": ["Iran", "Iraq", "Chin", "India"],
        }
    )
    pred = pd.DataFrame(
        {
            "id": ["a", "a", "a", "b"],
            "start": [0, 10, 30, 0],
            "end": [4, 14, 34, 5],
            "actor": ["iran", "iran", "oman", "india"],
            "matched": ["Iran", "Iraq", "Oman", "India"],
        }
    )
    s = score_mentions(pred, gold).set_index("id")
    # article a: 3 gold, 3 predicted, 1 correct (Iran) -> P = R = 1/3; b: 1/1
    assert s.loc["a", "correct"] == 1 and s.loc["a", "precision"] == pytest.approx(1 / 3)
    assert s.loc["b", "precision"] == 1.0 and s.loc["b", "recall"] == 1.0
    # overall: 2 correct of 4 and 4 -> 0.5, F1 0.5
    assert s.loc["all", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    e = mention_errors(pred, gold)
    assert e[["start", "error"]].values.tolist() == [[10, "wrong actor"], [20, "missed"], [30, "spurious"]]


# ---------------------------------------------------------------- counts, pairs, prominence

MENTIONS = pd.DataFrame(
    {
        "id": ["a", "a", "a", "b", "c"],
        "actor": ["iran", "iran", "pakistan", "iran", "china"],
        "actor_type": ["state"] * 5,
        "start": [0, 30, 10, 0, 5],
        "sentence": [0, 1, 0, 0, 0],
        "position": [0.0, 0.6, 0.2, 0.0, 0.1],
        "in_quote": [False, True, False, False, True],
        "is_demonym": [False, False, True, False, False],
    }
)
CORPUS = pd.DataFrame(
    {
        "id": ["a", "b", "c"],
        "outlet": ["X", "X", "Y"],
        "crisis": ["A", "B", "B"],
        "n_words": [400, 100, 250],
        "text": ["p" * 20 + "\n\n" + "q" * 40, "r" * 10, "s" * 10],
    }
)


def test_mention_counts_by_hand():
    out = mention_counts(MENTIONS, CORPUS, by="outlet").set_index(["outlet", "actor"])
    # outlet X = articles a+b, 500 words: iran 3 mentions -> 3/500*1000 = 6.0
    assert out.loc[("X", "iran"), ["mentions", "n_words", "n_articles"]].tolist() == [3, 500, 2]
    assert out.loc[("X", "iran"), "rate"] == pytest.approx(6.0)
    assert out.loc[("X", "iran"), "quoted_mentions"] == 1
    # pakistan: 1 (a demonym) in X -> 2.0; zero rows are kept for Y
    assert out.loc[("X", "pakistan"), ["mentions", "demonym_mentions"]].tolist() == [1, 1]
    assert out.loc[("Y", "pakistan"), ["mentions", "rate"]].tolist() == [0, 0.0]
    assert len(out) == 2 * 3  # 2 outlets x 3 actors


def test_mention_counts_by_list_per_and_errors():
    out = mention_counts(MENTIONS, CORPUS, by=["crisis", "outlet"], per=100)
    # groups: (A,X) (B,X) (B,Y); crisis B outlet Y = article c, china 1 of 250 words -> 0.4 per 100
    row = out[(out.crisis == "B") & (out.outlet == "Y") & (out.actor == "china")]
    assert row["rate"].item() == pytest.approx(0.4)
    assert len(out) == 3 * 3
    with pytest.raises(AnalysisInputError, match="colour"):
        mention_counts(MENTIONS, CORPUS, by="colour")
    with pytest.raises(AnalysisInputError, match="ids not in the corpus"):
        mention_counts(MENTIONS.assign(id="zzz"), CORPUS)


def test_cooccurrence_by_hand():
    # sentence unit: only (a,0) holds two actors: iran+pakistan
    assert cooccurrence(MENTIONS).values.tolist() == [["iran", "pakistan", 1, 1]]
    # article unit: a has iran+pakistan; b iran only; c china only
    assert cooccurrence(MENTIONS, unit="article").values.tolist() == [["iran", "pakistan", 1, 1]]
    with pytest.raises(AnalysisInputError):
        cooccurrence(MENTIONS, unit="paragraph")


def test_prominence_by_hand():
    p = prominence(MENTIONS, CORPUS).set_index(["id", "actor"])
    # article a: iran first at 0 (rank 1), pakistan at 10 (rank 2); first paragraph is chars 0-19
    assert p.loc[("a", "iran"), ["mentions", "first_start", "first_rank"]].tolist() == [2, 0, 1]
    assert p.loc[("a", "pakistan"), ["first_rank", "in_first_paragraph"]].tolist() == [2, True]
    late = MENTIONS.assign(start=[0, 30, 25, 0, 5])  # pakistan now after the paragraph break (20-21)
    assert not prominence(late, CORPUS).set_index(["id", "actor"]).loc[("a", "pakistan"), "in_first_paragraph"]


EMBED_MENTIONS = pd.concat(
    [
        MENTIONS.assign(source="body"),
        pd.DataFrame(
            {
                "id": ["a", "a", "c"],
                "source": ["embed"] * 3,
                "actor": ["pakistan", "china", "china"],
                "actor_type": ["state"] * 3,
                "start": [0, 12, 0],
                "sentence": [0, 0, 0],
                "position": [float("nan")] * 3,
                "in_quote": [True] * 3,
                "is_demonym": [False] * 3,
            }
        ),
    ],
    ignore_index=True,
)


def test_consumers_with_embed_mentions_by_hand():
    counts = mention_counts(EMBED_MENTIONS, CORPUS, by="outlet").set_index(["outlet", "actor"])
    # X (a+b, 500 body words): pakistan = body demonym + embed = 2 -> 2/500*1000 = 4.0; both quoted? body no,
    # embed yes -> quoted 1, embed 1. Y (c, 250 words): china = body quote + embed = 2 -> 8.0, quoted 2, embed 1
    assert counts.loc[("X", "pakistan"), ["mentions", "quoted_mentions", "embed_mentions"]].tolist() == [2, 1, 1]
    assert counts.loc[("X", "pakistan"), "rate"] == pytest.approx(4.0)
    assert counts.loc[("Y", "china"), ["mentions", "quoted_mentions", "embed_mentions"]].tolist() == [2, 2, 1]
    assert mention_counts(MENTIONS, CORPUS)["embed_mentions"].sum() == 0
    # sentence 0 of a's body names iran+pakistan; sentence 0 of a's posts pakistan+china: two different sentences
    assert cooccurrence(EMBED_MENTIONS).values.tolist() == [["china", "pakistan", 1, 1], ["iran", "pakistan", 1, 1]]
    # by article, a names china, iran, pakistan (body and posts together)
    assert cooccurrence(EMBED_MENTIONS, unit="article")[["actor_a", "actor_b"]].values.tolist() == [
        ["china", "iran"],
        ["china", "pakistan"],
        ["iran", "pakistan"],
    ]
    # prominence ignores embeds: the embed pakistan at offset 0 does not make it first in a
    pd.testing.assert_frame_equal(prominence(EMBED_MENTIONS, CORPUS), prominence(MENTIONS, CORPUS))
    v = voice_breakdown(actor_summary(EMBED_MENTIONS, CORPUS, by="crisis")).set_index(["crisis", "actor"])
    # crisis B (b, c): china = body quote (c) + embed (c) -> 2 mentions: 0 reporter, 1 direct, 1 embed
    assert v.loc[("B", "china"), ["mentions", "reporter_mentions", "direct_mentions", "embed_mentions"]].tolist() == [
        2,
        0,
        1,
        1,
    ]
    # crisis A (a): iran 2 (1 reporter, 1 direct); pakistan 2 (1 reporter, 1 embed); china 1 embed
    assert v.loc[("A", "iran"), ["reporter_share", "direct_share", "embed_share"]].tolist() == [0.5, 0.5, 0.0]
    assert v.loc[("A", "pakistan"), ["reporter_share", "direct_share", "embed_share"]].tolist() == [0.5, 0.0, 0.5]
    assert v.loc[("A", "china"), ["first_in", "embed_share"]].tolist() == [0, 1.0]


def test_summary_dominant_exclusive_by_hand():
    s = actor_summary(MENTIONS, CORPUS, by="crisis")
    a = s[s.crisis == "A"].set_index("actor")
    # crisis A (article a): iran 2 of 3 mentions, rank 1, first in 1 article, 1 of 2 quoted
    assert a.loc["iran", ["mentions", "rank", "first_in", "quoted_mentions"]].tolist() == [2, 1, 1, 1]
    assert a.loc["iran", "share"] == pytest.approx(2 / 3)
    assert dominant_actors(s, top=1)[["crisis", "actor"]].values.tolist() == [
        ["A", "iran"],
        ["B", "china"],
        ["B", "iran"],
    ]  # tie in B: both 1 mention
    assert exclusive_actors(s)[["crisis", "actor"]].values.tolist() == [["A", "pakistan"], ["B", "china"]]


def test_country_role_on_written_sentences():
    corpus = pd.DataFrame(
        {
            "id": ["a", "b"],
            "crisis": ["A", "B"],
            "text": [
                "Pakistan accused Iran. Islamabad recalled its envoy. Iran replied.",
                "Iran struck Israel. Israel vowed revenge. Pakistan's Foreign Office urged calm.",
            ],
        }
    )
    r = country_role(find_mentions(corpus), corpus, "PK").set_index("crisis")
    # A: Pakistan, Islamabad = 2 PK of 4 mentions; ties with Iran (2) -> rank 1; first actor is Pakistan
    assert r.loc["A", ["mentions", "state_rank", "first_in", "via_bodies"]].tolist() == [2, 1, 1, 0]
    assert r.loc["A", "share"] == pytest.approx(0.5)
    # B: Iran 1, Israel 2, Pakistan's Foreign Office 1 (a body) -> PK 1 of 4, rank 2 (tied with IR)
    assert r.loc["B", ["mentions", "state_rank", "first_in", "via_bodies"]].tolist() == [1, 2, 0, 1]


# ---------------------------------------------------------------- a synthetic corpus with its own gazetteer

GAZ = {
    "source": "Invented for the test.",
    "actors": [
        {
            "id": "freedonia",
            "label": "Freedonia",
            "type": "state",
            "country": "FD",
            "aliases": ["Freedonia", {"pattern": "Fredville", "kind": "capital"}],
            "demonyms": ["Freedonian"],
        },
        {
            "id": "sylvania",
            "label": "Sylvania",
            "type": "state",
            "country": "SY",
            "aliases": ["Sylvania", {"pattern": "Sylvan City", "kind": "capital"}],
            "demonyms": ["Sylvanian"],
        },
        {
            "id": "firefly",
            "label": "Rufus Firefly",
            "type": "official",
            "country": "FD",
            "part_of": "freedonia",
            "aliases": ["Rufus T. Firefly", {"pattern": "Firefly", "kind": "surname"}],
        },
        {
            "id": "league",
            "label": "League of Peace",
            "type": "international body",
            "country": None,
            "aliases": ["League of Peace"],
        },
    ],
}

ARTICLES = [
    (
        "d1",
        "Daily One",
        "war-2020",
        "2020-01-02",
        "news",
        "War looms",
        "Freedonia accused Sylvania of a raid. Firefly said Freedonia would answer.\n\n"
        "Sylvanian troops massed near Fredville.\n",
    ),
    (
        "d2",
        "Daily Two",
        "war-2020",
        "2020-01-03",
        "news",
        "League steps in",
        "The League of Peace urged calm. Rufus T. Firefly refused.\n",
    ),
    (
        "d3",
        "Daily Three",
        "peace-2021",
        "2021-05-01",
        "analysis",
        "A quiet year",
        "Trade resumed quietly across the border this spring.\n",
    ),
]
CRISES = [
    {"key": "war-2020", "label": "War scare", "start": "2020-01-01", "end": "2020-01-05", "description": "Invented."},
    {"key": "peace-2021", "label": "Peace", "start": "2021-05-01", "end": "2021-05-02", "description": "Invented."},
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("actors-corpus"), articles=ARTICLES, crises=CRISES)
    gaz_path = folder / "actors.yaml"
    gaz_path.write_text(textwrap.dedent(yaml.safe_dump(GAZ, sort_keys=False)), encoding="utf-8")
    return load_corpus(folder), gaz_path


def test_synthetic_corpus_with_its_own_gazetteer(synthetic):
    corpus, gaz_path = synthetic
    m = find_mentions(corpus, gaz_path)
    d1 = m[m.id == "d1"]
    # d1: Freedonia, Sylvania, Firefly, Freedonia, Sylvanian (demonym), Fredville (capital)
    assert d1["actor"].tolist() == ["freedonia", "sylvania", "firefly", "freedonia", "sylvania", "freedonia"]
    assert d1["is_demonym"].tolist() == [False, False, False, False, True, False]
    # d2: longest match "Rufus T. Firefly", not also "Firefly"
    assert m[m.id == "d2"][["matched", "actor"]].values.tolist() == [
        ["League of Peace", "league"],
        ["Rufus T. Firefly", "firefly"],
    ]
    assert m[m.id == "d3"].empty
    # the seed gazetteer finds none of these invented names
    assert find_mentions(corpus).empty

    counts = mention_counts(m, corpus, by="crisis").set_index(["crisis", "actor"])
    # peace-2021 has no mentions at all, yet every actor shows a zero row for it
    assert (counts.loc["peace-2021", "mentions"] == 0).all() and len(counts.loc["peace-2021"]) == 4
    assert counts.loc[("war-2020", "freedonia"), "mentions"] == 3

    pairs_ = cooccurrence(m).set_index(["actor_a", "actor_b"])["weight"]
    # sentences: d1 s0 {freedonia, sylvania}; d1 s1 {firefly, freedonia}; d1 s2 {sylvania, freedonia};
    # d2 s0 {league}; d2 s1 {firefly}
    assert pairs_.to_dict() == {("freedonia", "sylvania"): 2, ("firefly", "freedonia"): 1}

    p = prominence(m, corpus).set_index(["id", "actor"])
    assert p.loc[("d1", "freedonia"), "first_rank"] == 1 and p.loc[("d1", "freedonia"), "in_first_paragraph"]

    s = actor_summary(m, corpus, by="outlet", gazetteer=gaz_path)
    assert s[s.outlet == "Daily One"].iloc[0][["actor", "label", "mentions"]].tolist() == ["freedonia", "Freedonia", 3]
    role = country_role(m, corpus, "FD", gazetteer=gaz_path).set_index("crisis")
    # war-2020: FD actors = freedonia x3 + firefly x2 = 5 of 8 mentions; peace-2021: none
    assert role.loc["war-2020", "mentions"] == 5 and role.loc["war-2020", "share"] == pytest.approx(5 / 8)
    assert role.loc["peace-2021", ["mentions", "state_rank"]].tolist() == [0, 0]


# ---------------------------------------------------------------- guards for corpora with few or no mentions


def test_functions_accept_a_corpus_with_no_mentions():
    import matplotlib.pyplot as plt

    from analysis.figures import actor_heatmap_figure, dispersion_figure, network_figure
    from analysis.findings import describe_dominant, describe_exclusive, describe_first, describe_role

    corpus = pd.DataFrame(
        {
            "id": ["a", "b"],
            "outlet": ["X", "Y"],
            "crisis": ["A", "B"],
            "n_words": [3, 2],
            "text": ["Nothing named here.", "Nor here."],
        }
    )
    m = find_mentions(corpus)
    assert m.empty and list(m.columns) == MENTION_COLUMNS
    assert mention_counts(m, corpus).empty
    assert cooccurrence(m).empty
    assert prominence(m, corpus).empty
    s = actor_summary(m, corpus)
    assert s.empty
    role = country_role(m, corpus, "PK")
    assert role["mentions"].tolist() == [0, 0]
    assert describe_role(role, name="Pakistan") == "No actor belonging to Pakistan is mentioned in this corpus."
    assert describe_dominant(s) == "No actor from the gazetteer is mentioned in this corpus."
    assert describe_first(prominence(m, corpus), corpus) == "No article names an actor from the gazetteer."
    assert describe_exclusive(s) == "No actor from the gazetteer is mentioned in this corpus."
    from analysis.findings import describe_embeds, describe_voices

    assert describe_embeds(m, corpus.assign(quoted_text=["", "  "])) == (
        "None of the 2 articles embeds a social-media post, so the posts add no mention."
    )
    assert describe_embeds(m, corpus.assign(quoted_text=["Calm.", ""])) == (
        "1 of the 2 articles embeds social-media posts, but the posts name no actor from the gazetteer."
    )
    assert describe_voices(voice_breakdown(s), actors=["iran"]) == "none of these actors is mentioned"
    one_group = actor_summary(MENTIONS.query("id == 'a'"), CORPUS)
    assert "fewer than two groups" in describe_exclusive(one_group)
    for fig in (
        actor_heatmap_figure(mention_counts(m, corpus), columns=["outlet"]),
        dispersion_figure(m, corpus, actors=[]),
        network_figure(cooccurrence(m), s),
    ):
        assert fig.axes and not fig.axes[0].axison  # the "nothing to show" figure
        plt.close(fig)


def test_describe_sentences_by_hand():
    from analysis.findings import describe_dominant, describe_exclusive, describe_first

    s = actor_summary(MENTIONS, CORPUS, by="crisis")
    # crisis A: iran 2 of 3 (67%), pakistan 1 (33%); B: iran 1, china 1 (50% each, tied rank 1).
    # The summary carries the gazetteer's labels ("Iran", "China", "Pakistan").
    assert describe_dominant(s, top=1) == (
        "In A (1 article, 3 mentions), the most mentioned is Iran (2 mentions, 67%). "
        "In B (2 articles, 2 mentions), the most mentioned are China (1 mention, 50%) and Iran (1 mention, 50%)."
    )
    assert describe_exclusive(s) == "Only in A: Pakistan (1). Only in B: China (1)."
    # first actors: a -> iran, b -> iran, c -> china (no labels given, so ids)
    assert describe_first(prominence(MENTIONS, CORPUS), CORPUS) == (
        "The first actor named is iran in 2 of 3 articles and china in 1 of 3 articles."
    )


# ---------------------------------------------------------------- one pass equals one scan per alias (issue #16)

HARD_GAZ = {
    "source": "Invented for the test of the one-pass matcher.",
    "actors": [
        {"id": "iran", "label": "Iran", "type": "state", "country": "IR",
         "aliases": ["Iran", "Tehran", {"pattern": "🇮🇷", "kind": "flag"}, {"pattern": "IRAN", "case": "ignore"}],
         "demonyms": [{"pattern": "Iranians?", "regex": True}]},
        {"id": "office", "label": "Foreign Office", "type": "government body", "country": "PK",
         "aliases": [{"pattern": "Foreign Office", "case": "ignore",
                      "not_preceded_by": r"(?:British|UK)\s+$"},
                     {"pattern": r"(?:Pakistan(?:'s)?|Pakistani)\s+Foreign\s+(?:Office|Ministry)", "regex": True}]},
        {"id": "amir", "label": "Amir", "type": "official", "country": "IR",
         "aliases": [{"pattern": r"(?:Hossein\s+)?Amir[\s-]*[Aa]bdoll?ahian", "regex": True},
                     {"pattern": "Amir", "kind": "surname", "followed_by": r"\s+said"}]},
        {"id": "un", "label": "UN", "type": "international body", "country": None,
         "aliases": ["U.N.", "UN", {"pattern": r"(?:(?:U\.N\.|UN)\s+)?Security\s+Council", "regex": True}]},
        {"id": "handle", "label": "Handle", "type": "government body", "country": "PK",
         "aliases": [{"pattern": "ForeignOfficePk", "kind": "handle"}, {"pattern": r"\d+-strong", "regex": True}]},
    ],
}  # fmt: skip

HARD_TEXTS = [
    "Iran's Tehran and IRAN, iran and İRAN; Iranians and an Iranian. 🇮🇷🇮🇷 and 🇺🇸🇮🇷.",
    "The British Foreign Office, the foreign office, Pakistan's Foreign Office and Pakistani Foreign Ministry.",
    "Hossein Amir-Abdollahian met Amir Abdolahian. Amir said so; Amir did not.",
    "U.N. and UN and U.N. Security Council and UN-Security Council, Security Council, UNSC.",
    "@ForeignOfficePk wrote: a 300-strong force. ForeignOfficePkX is not it. Iran-Iran Iran–Pakistan",
    "",
    "no names at all",
]


@pytest.mark.parametrize("text", HARD_TEXTS)
def test_one_pass_matching_equals_one_scan_per_alias(text):
    from analysis.actors.gazetteer import resolve_gazetteer
    from analysis.actors.matching import _match_text
    from tests import reference

    gaz = resolve_gazetteer(HARD_GAZ)
    fast = [(s, e, a.actor, a.pattern) for s, e, a in _match_text(text, gaz)]
    assert fast == reference.match_text(text, gaz)


def test_one_pass_matching_equals_one_scan_per_alias_on_the_seed_and_synthetic_corpora(seed, synthetic):
    from analysis.actors.gazetteer import resolve_gazetteer
    from analysis.actors.matching import _match_text
    from tests import reference

    corpus, gaz_path = synthetic
    for texts, gaz in (
        ([*seed["text"], *seed["quoted_text"]], resolve_gazetteer(None)),
        ([*corpus["text"], *corpus["quoted_text"]], resolve_gazetteer(gaz_path)),
    ):
        for text in texts:
            fast = [(s, e, a.actor, a.pattern) for s, e, a in _match_text(text, gaz)]
            assert fast == reference.match_text(text, gaz)


# Many states, each with a ministry that shares its expression with every other state's (told
# apart by a followed_by context: the _Group's one alternation) and one whose first two words
# every state shares (read further by _group_beginnings): the shapes of world.yaml, invented.
_STATES = [f"Land{c}" for c in "ABCDEFGHIJKLMNOPQRST"]
CROWDED_GAZ = {
    "source": "Invented for the test of grouped expressions.",
    "actors": [
        {"id": f"ministry_{s.lower()}", "label": f"{s} ministry", "type": "government body", "country": None,
         "aliases": [{"pattern": "Foreign Ministry", "kind": "variant", "followed_by": rf"\s+in\s+(?:{s}ville)\b"},
                     {"pattern": rf"Foreign\s+Ministry\s+of\s+{s}", "regex": True, "case": "ignore"},
                     {"pattern": r"(?:Defen[cs]e\s+Ministry)(?:'s)?", "regex": True,
                      "followed_by": rf"\s+(?:of|in)\s+{s}\b", "preceded_by": r"the\s+$"}]}
        for s in _STATES
    ] + [
        {"id": "office", "label": "Foreign Office", "type": "government body", "country": "PK",
         "aliases": [{"pattern": "Foreign Ministry", "kind": "variant", "followed_by": r"\s+(?:said|says)"},
                     {"pattern": "🇮🇷", "kind": "flag"}]},
        {"id": "bare", "label": "Defence", "type": "government body", "country": None,
         "aliases": [{"pattern": r"Defen[cs]e\s+Ministry", "regex": True}]},
        # beginnings in ASCII and not, of one expression; found in the lowered text or as written
        {"id": "turkey", "label": "Turkey", "type": "state", "country": "TR",
         "aliases": [{"pattern": r"(?:Turkey|Türkiye)(?:'s)?", "regex": True}, "Kabul", "Çin", "İzmir",
                     {"pattern": "ıd", "case": "exact"}]},
    ],
}  # fmt: skip

_PIECES = ["Foreign", "foreign", "FOREIGN", "Ministry", "ministry", "Defence", "Defense", "of", "in", "said", "the",
           "'s", " ", "  ", "-", ", ", "🇮🇷", *_STATES[:3], *_STATES[-2:], "LandAville", "LandTville", "Landa",
           "Turkey", "TURKEY", "turkey", "Türkiye", "TÜRKIYE", "Kabul", "KABUL", "\u212aabul", "Çin", "ÇIN", "çin",
           "İzmir", "izmir", "IZMIR", "ıd", "id", "ID", "İD"]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_grouped_expressions_match_as_one_scan_per_alias(pieces):
    from analysis.actors.gazetteer import resolve_gazetteer
    from analysis.actors.matching import _match_text
    from tests import reference

    gaz = resolve_gazetteer(CROWDED_GAZ)
    text = "".join(pieces)
    fast = [(s, e, a.actor, a.pattern) for s, e, a in _match_text(text, gaz)]
    assert fast == reference.match_text(text, gaz)


def test_grouped_expressions_on_written_sentences():
    from analysis.actors.gazetteer import resolve_gazetteer
    from analysis.actors.matching import _match_text, _scanner
    from tests import reference

    gaz = resolve_gazetteer(CROWDED_GAZ)
    scanner = _scanner(gaz)
    # one group for the 21 "Foreign Ministry" aliases, one for the 20 "Defen[cs]e Ministry('s)", the rest alone
    assert len(scanner.groups) == 1 + 1 + len(_STATES) + 2 + 5
    assert len(scanner.groups[0].aliases) == len(_STATES) + 1
    text = (
        "The Foreign Ministry in LandBville said; the foreign ministry of LandC and FOREIGN MINISTRY OF LANDT. "
        "The Foreign Ministry said so. the Defence Ministry of LandA, the Defense Ministry in LandS; Defence Ministry's staff."
    )
    fast = [(a.actor, text[s:e]) for s, e, a in _match_text(text, gaz)]
    assert fast == [
        ("ministry_landb", "Foreign Ministry"),
        ("ministry_landc", "foreign ministry of LandC"),
        ("ministry_landt", "FOREIGN MINISTRY OF LANDT"),
        ("office", "Foreign Ministry"),
        ("ministry_landa", "Defence Ministry"),
        ("ministry_lands", "Defense Ministry"),
        ("bare", "Defence Ministry"),
    ]
    assert [(s, e, a.actor, a.pattern) for s, e, a in _match_text(text, gaz)] == reference.match_text(text, gaz)
    # one expression with beginnings in ASCII (looked for lowered) and not (as written), in one text
    text = "Turkey and Türkiye's; turkey, KABUL, Kabul, \u212aabul, Çin, ÇIN, çin, İzmir, ıd and id."
    assert [text[s:e] for s, e, _ in _match_text(text, gaz)] == [
        "Turkey", "Türkiye", "KABUL", "Kabul", "Çin", "ÇIN", "İzmir", "ıd"
    ]  # fmt: skip
    assert [(s, e, a.actor, a.pattern) for s, e, a in _match_text(text, gaz)] == reference.match_text(text, gaz)


def _old_literal_compiled(pattern: str, case: str) -> re.Pattern:
    """How a literal alias was compiled on load before it was compiled lazily (the reference)."""

    def literal(p):
        return r"[ \t-]+".join(re.escape(w) for w in re.split(r"[ \t-]+", fold(p)))

    flags = re.IGNORECASE if case == "ignore" else 0
    body = literal(pattern)
    if case == "auto":
        folded = fold(pattern).strip()
        if len(re.split(r"[ \t-]+", folded)) > 1 and folded.isascii():
            flags = re.IGNORECASE
        elif folded.upper() != folded and len(folded.upper()) == len(folded):
            body = f"{body}|{literal(folded.upper())}"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)


def _check_literal_alias(alias) -> None:
    from analysis.actors.matching import _beginnings_of, _Group

    old = _old_literal_compiled(alias.pattern, alias.case)
    assert alias.expression == (old.pattern, old.flags)
    assert alias.compiled.pattern == old.pattern and alias.compiled.flags == old.flags
    assert old.match("") is None
    for words in (1, 2, 3):
        assert _beginnings_of(_Group((alias,), (), None), words=words) == literal_beginnings(
            old, r"(?<!\w)", words=words
        )


def test_every_literal_alias_of_the_package_compiles_lazily_to_what_it_was_and_reads_the_same_beginnings():
    gaz = load_gazetteer()
    literals = [a for a in gaz.aliases if not a.regex]
    assert len(literals) > 1000
    for alias in literals:
        _check_literal_alias(alias)
    for alias in gaz.aliases:
        if alias.regex:  # compiled (and checked) on load
            assert alias.checked is not None and alias.compiled is alias.checked


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"aAqQiIİıçÇßé.'’–-\t", " ", "  ", "Iran", "IRAN", "Jaish", "al", "🇮🇷"]),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["auto", "exact", "ignore"]),
)
def test_made_up_literal_aliases_compile_lazily_to_what_they_were_and_read_the_same_beginnings(pieces, case):
    pattern = "".join(pieces)
    if not pattern.strip():
        return
    gaz = resolve_gazetteer({"source": "s", "actors": [{"id": "x", "label": "X", "type": "state", "country": None,
                                                       "aliases": [{"pattern": pattern, "case": case}]}]})  # fmt: skip
    _check_literal_alias(gaz.aliases[0])


# ---------------------------------------------------------------- rules that transfer (issue #14)


def test_case_auto_matches_capitals_and_any_case_of_several_words():
    # "ISLAMABAD" (0-9) in a dateline is Pakistan's capital; "Jaish Al Adl" and "JAISH AL-ADL" are the group
    assert pairs("ISLAMABAD: Jaish Al Adl and JAISH AL-ADL struck.") == [
        ("ISLAMABAD", "pakistan"),
        ("Jaish Al Adl", "jaish_al_adl"),
        ("JAISH AL-ADL", "jaish_al_adl"),
    ]
    # a single word is never matched in lower case, where it is a common word
    assert one("we had turkey in chad; let us polish the jordan almonds.").empty


def test_case_exact_and_ignore_are_per_alias(tmp_path):
    gaz = write_gaz(
        tmp_path,
        [
            actor("chad", [{"pattern": "Chad", "case": "exact"}]),
            actor("mali", [{"pattern": "Mali", "case": "ignore"}]),
            actor("niger", ["Niger"]),
        ],
    )
    # Chad: as written only; Mali: any case; Niger (auto): as written or in capitals
    assert pairs("CHAD, Chad, mali, MALI, niger, NIGER.", gazetteer=gaz) == [
        ("Chad", "chad"),
        ("mali", "mali"),
        ("MALI", "mali"),
        ("NIGER", "niger"),
    ]
    with pytest.raises(DataFileError, match="case 'auto' must be 'exact' or 'ignore'"):
        load_gazetteer(write_gaz(tmp_path, [actor("a", [{"pattern": "A+", "regex": True, "case": "auto"}])]))


def test_a_group_whose_name_holds_a_place_or_demonym_is_the_group():
    assert pairs("The Balochistan Liberation Army attacked in Balochistan.") == [
        ("Balochistan Liberation Army", "baloch_separatists"),
        ("Balochistan", "balochistan"),
    ]
    assert pairs("Israeli Defense Forces and the Foreign Ministry of Pakistan.") == [
        ("Israeli Defense Forces", "idf"),
        ("Foreign Ministry of Pakistan", "pakistan_foreign_office"),
    ]
    assert pairs("the Jordanian Air Force, Jordanian Armed Forces and Jordanian jets") == [
        ("Jordanian Air Force", "jordan_air_force"),
        ("Jordanian Armed Forces", "jordan_armed_forces"),
        ("Jordanian", "jordan"),
    ]


def test_iranian_and_pakistani_balochistan_told_apart_by_context():
    # "Iran's Balochistan": Iran (0-4), then the province (7-18) is Iran's because "Iran's " precedes it
    assert pairs("Iran's Balochistan and Pakistan's Balochistan.") == [
        ("Iran", "iran"),
        ("Balochistan", "sistan_baluchestan"),
        ("Pakistan", "pakistan"),
        ("Balochistan", "balochistan"),
    ]
    assert pairs("Baluchistan province of Iran; the Balochistan province; Sistan va Baluchestan.") == [
        ("Baluchistan", "sistan_baluchestan"),
        ("Iran", "iran"),
        ("Balochistan", "balochistan"),
        ("Sistan va Baluchestan", "sistan_baluchestan"),
    ]
    # the people are not the province, and the spokeswoman's surname after "according to" is her
    assert pairs("Baloch people in Balochistan; according to Baloch, it was calm.") == [
        ("Baloch people", "baloch"),
        ("Balochistan", "balochistan"),
        ("Baloch", "mumtaz_zahra_baloch"),
    ]


def test_world_states_capitals_demonyms_and_organisations():
    found = one("Jordan, Switzerland and Uganda; Jordanian and British jets. LONDON and Amman. NATO, the EU, Daesh.")
    assert [(r.matched, r.actor, r.is_demonym) for r in found.itertuples()] == [
        ("Jordan", "jordan", False),
        ("Switzerland", "switzerland", False),
        ("Uganda", "uganda", False),
        ("Jordanian", "jordan", True),
        ("British", "united_kingdom", True),
        ("LONDON", "united_kingdom", False),
        ("Amman", "jordan", False),
        ("NATO", "nato", False),
        ("EU", "european_union", False),
        ("Daesh", "islamic_state", False),
    ]
    # the longer name wins over a state's name inside it
    assert pairs("Guinea-Bissau, Equatorial Guinea, Guinea; South Sudan and Sudan.") == [
        ("Guinea-Bissau", "guinea_bissau"),
        ("Equatorial Guinea", "equatorial_guinea"),
        ("Guinea", "guinea"),
        ("South Sudan", "south_sudan"),
        ("Sudan", "sudan"),
    ]


def test_other_transliterations_of_a_group_name_are_the_group():
    # "Jaysh" is the other common transliteration of "Jaish"; Iranian media call the group
    # "Jaish al-Dhulm"; "Huthi" is the Houthis as some agencies spell them
    text = "Jaysh al-Dhulm and Jaish al-Dhulm claimed it. Huthi rebels and the Houthis fired. JAISH AL ADL."
    got = find_mentions(pd.DataFrame({"id": ["a"], "text": [text]}))
    assert got[["matched", "actor"]].values.tolist() == [
        ["Jaysh al-Dhulm", "jaish_al_adl"],
        ["Jaish al-Dhulm", "jaish_al_adl"],
        ["Huthi", "houthis"],
        ["Houthis", "houthis"],
        ["JAISH AL ADL", "jaish_al_adl"],
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=12),
    st.lists(st.integers(0, 70), min_size=0, max_size=10),
)
def test_in_quote_is_half_the_mention_inside_quotations(mentions, cuts):
    from analysis.actors.matching import _in_quote
    from analysis.quotes import quote_share

    # quotations in order and apart, as quote_spans gives them
    bounds = sorted(set(cuts))
    spans = [(a, b) for a, b in zip(bounds[::2], bounds[1::2])]
    matches = [(start, start + length, None) for start, length in mentions]
    assert _in_quote(matches, spans) == [quote_share(a, b, spans) >= 0.5 for a, b, _ in matches]


def test_find_mentions_without_demonyms_keeps_the_other_columns_in_step():
    corpus = pd.DataFrame({"id": ["a"], "text": ["Iranian media said “Pakistan struck.” Tehran denied it."]})
    every = find_mentions(corpus)
    kept = find_mentions(corpus, demonyms=False)
    expected = every[~every["is_demonym"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, expected)
    assert kept["actor"].tolist() == ["pakistan", "iran"] and kept["in_quote"].tolist() == [True, False]


@pytest.mark.parametrize("texts", [["Tehran and “Iran’s envoy”.", "No one."], ["No one.", "Nor here."]])
def test_the_mention_table_has_its_dtypes_with_mentions_and_without(texts):
    from analysis.actors.matching import MENTION_DTYPES

    corpus = pd.DataFrame({"id": [7, 8], "text": texts, "quoted_text": ["China urges calm.", ""]})
    for embeds in (False, True):
        table = find_mentions(corpus, include_embeds=embeds)
        assert {c: str(t) for c, t in table.dtypes.items()} == MENTION_DTYPES
        assert table["position"].isna().tolist() == (table["source"] == "embed").tolist()
