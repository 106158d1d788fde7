"""Tests for analysis.actors.build_world and the merged gazetteer (package files, then a corpus's own file)."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest
import yaml

from analysis.actors import corpus_gazetteer, find_mentions, load_gazetteer, merge_gazetteers, resolve_gazetteer
from analysis.actors.build_world import (
    expand_forms,
    read_bodies,
    read_members,
    read_officials,
    read_organisations,
    world_yaml,
)
from analysis.errors import DataFileError
from analysis.pipeline import analyse

MEMBERS = (resources.files("analysis") / "data" / "un_members.csv").read_text(encoding="utf-8")


def test_the_shipped_world_file_is_what_the_builder_writes():
    shipped = (resources.files("analysis") / "data" / "world.yaml").read_text(encoding="utf-8")
    assert shipped == world_yaml()


def test_every_un_member_state_once_with_its_code():
    world = yaml.safe_load(world_yaml())["actors"]
    states = [a for a in world if a["type"] == "state"]
    assert len(states) == 193
    assert len({a["country"] for a in states}) == 193
    by_id = {a["id"]: a for a in states}
    # by hand: Jordan's ISO name, the Factbook's short form and demonym, its capital and flag
    jordan = by_id["jordan"]
    assert jordan["country"] == "JO"
    assert "Hashemite Kingdom of Jordan" in jordan["aliases"]
    assert {"pattern": "Amman", "kind": "capital"} in jordan["aliases"]
    assert {"pattern": "\U0001f1ef\U0001f1f4", "kind": "flag"} in jordan["aliases"]
    assert jordan["demonyms"] == ["Jordanian", "Jordanians"]
    assert {"pattern": "UK", "kind": "abbreviation"} in by_id["united_kingdom"]["aliases"]
    # left out on purpose (see the header of un_members.csv)
    assert "Congo" not in by_id["republic_of_the_congo"]["aliases"]
    assert "Brussels" not in str(by_id["belgium"]["aliases"])


def test_expand_forms_reads_the_factbook_plural():
    assert expand_forms("Briton(s)|British") == ["Briton", "Britons", "British"]
    assert expand_forms("") == []


@pytest.mark.parametrize(
    ("old", "new", "at", "field", "message"),
    [
        ("JO,jordan,Jordan", "JX,jordan,Jordan", "JX,", "alpha_2", "'JX' is not an ISO 3166-1 alpha-2 code"),
        # a repeated id is reported on its second line (Uganda's comes after Jordan's)
        ("JO,jordan,Jordan", "JO,uganda,Jordan", "UG,", "id", "'uganda' is also on line"),
        ("JO,jordan,Jordan", "JO,Jordan,Jordan", "JO,", "id", "ids are lower case"),
    ],
)
def test_bad_member_rows_name_file_line_and_field(old, new, at, field, message):
    text = MEMBERS.replace(old, new)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith(at))
    with pytest.raises(DataFileError) as err:
        read_members(text)
    assert any(p.file.endswith("un_members.csv") and p.row == line and p.field == field for p in err.value.problems)
    assert message in str(err.value)


def test_a_missing_member_state_is_refused():
    text = "\n".join(line for line in MEMBERS.splitlines() if not line.startswith("TV,"))
    with pytest.raises(DataFileError, match="192 states; the UN has 193 members"):
        read_members(text)


def test_bad_organisation_rows_are_refused():
    text = "id,label,aliases,source\nnato,NATO,NATO,https://nato.int\nnato,NATO 2,,\n"
    with pytest.raises(DataFileError) as err:
        read_organisations(text)
    assert {(p.row, p.field) for p in err.value.problems} == {(3, "id"), (3, "aliases"), (3, "source")}


OFFICIALS_HEAD = "id,label,alpha_2,office,aliases,surnames,start,end,note\n"


def test_officials_of_other_states_are_found_by_full_name_and_surname():
    # by hand: G7 heads of government and a defence minister, in office in April 2024 (officials.csv)
    text = "Rishi Sunak spoke to Justin Trudeau. Sunak said Grant Shapps had sent jets; Mr Shapps agreed."
    got = find_mentions(pd.DataFrame({"id": ["a"], "text": [text]}))
    assert got[["matched", "actor", "actor_type"]].values.tolist() == [
        ["Rishi Sunak", "rishi_sunak", "official"],
        ["Justin Trudeau", "justin_trudeau", "official"],
        ["Sunak", "rishi_sunak", "official"],
        ["Grant Shapps", "grant_shapps", "official"],
        ["Shapps", "grant_shapps", "official"],
    ]


def test_an_official_belongs_to_the_state_of_its_row():
    world = {a["id"]: a for a in yaml.safe_load(world_yaml())["actors"]}
    assert (world["olaf_scholz"]["part_of"], world["olaf_scholz"]["country"]) == ("germany", "DE")
    assert {"pattern": "Scholz", "kind": "surname"} in world["olaf_scholz"]["aliases"]
    # a name that holds a state's name is the official, not the state (longest match)
    got = find_mentions(pd.DataFrame({"id": ["a"], "text": ["Israel Katz met officials in Israel."]}))
    assert got["actor"].tolist() == ["israel_katz", "israel"]


def test_a_surname_left_out_is_not_matched_alone():
    # "Cameron" is a common first name: only the full name names the Foreign Secretary
    got = find_mentions(pd.DataFrame({"id": ["a"], "text": ["Cameron Smith met David Cameron."]}))
    assert got[["matched", "actor"]].values.tolist() == [["David Cameron", "david_cameron"]]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("x1,X,JX,foreign minister,X Y,,,,", "alpha_2", "'JX' is not the code of a UN member state"),
        ("x1,X,JO,envoy,X Y,,,,", "office", "'envoy' is not one of"),
        ("x1,X,JO,foreign minister,X Y,Z,,,", "surnames", "'Z' is not a word of an alias"),
        ("x1,X,JO,foreign minister,X Y,,2023-12-31,,", "start", "is not a date (YYYY-MM-DD) in 2024-01-01..2024-04-30"),
        ("x1,X,JO,foreign minister,X Y,,2024-03-01,2024-02-01,", "end", "is before start"),
        ("x1,X,JO,foreign minister,,,,,", "aliases", "empty"),
    ],
)
def test_bad_official_rows_name_file_line_and_field(row, field, message):
    with pytest.raises(DataFileError) as err:
        read_officials(OFFICIALS_HEAD + row + "\n")
    assert [(p.row, p.field) for p in err.value.problems] == [(2, field)]
    assert err.value.problems[0].file.endswith("officials.csv")
    assert message in str(err.value)


def test_a_repeated_official_id_is_refused():
    text = OFFICIALS_HEAD + "x1,X,JO,foreign minister,X Y,,,,\nx1,X,JO,defence minister,X Z,,,,\n"
    with pytest.raises(DataFileError, match="'x1' is also on line 2"):
        read_officials(text)


def _found(text: str) -> list[list]:
    got = find_mentions(pd.DataFrame({"id": ["a"], "text": [text]}))
    return got[["matched", "actor", "actor_type", "is_demonym"]].values.tolist()


def test_every_state_has_its_ministries_named_by_its_name_or_demonym_in_any_case():
    # made-up sentences; ids by the rule <state id>_<body>
    text = (
        "Egypt's Foreign Ministry spoke after the Egyptian defence ministry did, and the Ministry of "
        "Foreign Affairs of Armenia replied to the turkish Ministry of Defence."
    )
    assert _found(text) == [
        ["Egypt's Foreign Ministry", "egypt_foreign_ministry", "government body", False],
        ["Egyptian defence ministry", "egypt_defence_ministry", "government body", False],
        ["Ministry of Foreign Affairs of Armenia", "armenia_foreign_ministry", "government body", False],
        ["turkish Ministry of Defence", "turkey_defence_ministry", "government body", False],
    ]


def test_a_force_is_a_body_only_as_a_capitalised_name():
    # "Egyptian Army" is a name; "Egyptian army" is a demonym and a common noun (corpus/gold/README.md)
    text = "The Egyptian Army and Egypt Air Force met the Armenian Armed Forces; the Egyptian army waited."
    assert _found(text) == [
        ["Egyptian Army", "egypt_army", "military or armed group", False],
        ["Egypt Air Force", "egypt_air_force", "military or armed group", False],
        ["Armenian Armed Forces", "armenia_armed_forces", "military or armed group", False],
        ["Egyptian", "egypt", "state", True],
    ]
    world = {a["id"]: a for a in yaml.safe_load(world_yaml())["actors"]}
    assert world["egypt_army"]["part_of"] == "egypt_armed_forces"
    assert world["egypt_armed_forces"]["part_of"] == world["egypt_defence_ministry"]["part_of"] == "egypt"


def test_proper_names_of_bodies_and_a_demonym_before_them():
    text = "The Royal Air Force (RAF) flew; British Royal Air Force jets and the Bundeswehr followed."
    assert [m[:2] for m in _found(text)] == [
        ["Royal Air Force", "raf"],
        ["RAF", "raf"],
        ["British Royal Air Force", "raf"],
        ["Bundeswehr", "germany_armed_forces"],
    ]


def test_a_bare_ministry_name_is_a_states_only_when_its_capital_follows():
    text = "The Ministry of Defence in Cairo said so. The Ministry of Defence said more."
    assert [m[:2] for m in _found(text)] == [["Ministry of Defence", "egypt_defence_ministry"], ["Cairo", "egypt"]]


def test_bodies_written_by_hand_keep_their_ids():
    text = "Pakistani Foreign Ministry, Jordanian Air Force, Israel Defense Forces, Pentagon."
    assert [m[1] for m in _found(text)] == [
        "pakistan_foreign_office",
        "jordan_air_force",
        "idf",
        "us_defense_department",
    ]
    ids = [a["id"] for a in yaml.safe_load(world_yaml())["actors"]]
    assert "pakistan_foreign_ministry" not in ids and ids.count("pakistan_foreign_office") == 1


BODIES_HEAD = "alpha_2,body,id,label,type,aliases,source\n"


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ("JX,army,,,,X,s\n", "alpha_2", "'JX' is not the code of a UN member state"),
        ("JO,police,,,,X,s\n", "body", "'police' is not one of"),
        ("JO,army,,,,X,\n", "source", "empty"),
        ("JO,,jo_x,X,,X,s\n", "type", "'' is not one of"),
        ("JO,,jo_x,X,military or armed group,,s\n", "aliases", "empty (needed for a body of its own)"),
        ("JO,army,,,government body,X,s\n", "type", "a army is a military or armed group"),
        ("JO,army,,,,X,s\nJO,army,,,,Y,s\n", "body", "'army' is also on line 2"),
        ("JO,army,Jo-A,,,X,s\n", "id", "ids are lower case letters"),
    ],
)
def test_bad_body_rows_name_file_line_and_field(rows, field, message):
    with pytest.raises(DataFileError) as err:
        read_bodies(BODIES_HEAD + rows)
    assert [p.field for p in err.value.problems] == [field]
    assert err.value.problems[0].file.endswith("national_bodies.csv")
    assert message in str(err.value)


def test_hand_written_entries_replace_world_entries_with_their_id():
    gaz = load_gazetteer()
    assert (gaz.actors["id"] == "iran").sum() == 1
    hand = yaml.safe_load((resources.files("analysis") / "data" / "actors.yaml").read_text(encoding="utf-8"))
    iran = next(a for a in hand["actors"] if a["id"] == "iran")
    row = gaz.actors.set_index("id").loc["iran"]
    assert row["n_aliases"] == len(iran["aliases"]) + len(iran["demonyms"])
    # actors.yaml comes first, so its entries lead the table
    assert gaz.actors["id"].iloc[0] == hand["actors"][0]["id"]


def _gaz(actors, source="mine"):
    return resolve_gazetteer({"source": source, "actors": actors})


def _state(id_, aliases, country=None):
    return {"id": id_, "label": id_.title(), "type": "state", "country": country, "aliases": aliases}


def test_merge_refuses_an_alias_naming_two_actors_across_files():
    with pytest.raises(DataFileError) as err:
        merge_gazetteers(_gaz([_state("uk", ["Blighty", "UK"])]), load_gazetteer())
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.field) == ("<gazetteer mapping>", 1, "aliases[2]")
    assert "also names actor 'united_kingdom'" in problem.message
    # the same alias under the same id replaces the entry instead
    merged = merge_gazetteers(_gaz([_state("united_kingdom", ["UK"])]), load_gazetteer())
    assert [
        (r.matched, r.actor)
        for r in find_mentions(pd.DataFrame({"id": ["a"], "text": ["UK, Britain"]}), merged).itertuples()
    ] == [("UK", "united_kingdom")]


def write_corpus_gazetteer(folder, actors, source="this corpus's notes"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "actors.yaml"
    path.write_text(yaml.safe_dump({"source": source, "actors": actors}, sort_keys=False), encoding="utf-8")
    return path


NSC = {
    "id": "pakistan_nsc_short",
    "label": "NSC (Pakistan)",
    "type": "government body",
    "country": "PK",
    "part_of": "pakistan",
    "aliases": [{"pattern": "NSC", "kind": "abbreviation"}],
}


def test_a_corpus_file_adds_and_overrides_entries(tmp_path):
    folder = tmp_path / "corpus"
    write_corpus_gazetteer(folder, [NSC, _state("jordan", ["Jordan", "HKJ"], "JO")])
    gaz = corpus_gazetteer(folder)
    assert gaz.file == f"{folder / 'actors.yaml'} + analysis/data/actors.yaml + analysis/data/world.yaml"
    assert len(gaz.actors) == len(load_gazetteer().actors) + 1
    text = pd.DataFrame({"id": ["a"], "text": ["The NSC met; HKJ and Amman."]})
    # NSC (4-7) is the corpus's actor; HKJ is Jordan's new alias; Amman is gone with the replaced entry
    assert [(r.matched, r.actor, r.start) for r in find_mentions(text, gaz).itertuples()] == [
        ("NSC", "pakistan_nsc_short", 4),
        ("HKJ", "jordan", 13),
    ]


def test_a_bad_corpus_file_is_named_in_its_problems(tmp_path):
    folder = tmp_path / "corpus"
    path = write_corpus_gazetteer(folder, [dict(NSC, part_of="nowhere"), _state("x", [])])
    with pytest.raises(DataFileError) as err:
        corpus_gazetteer(folder)
    assert {(p.file, p.row, p.field) for p in err.value.problems} == {
        (str(path), 1, "part_of"),
        (str(path), 2, "aliases"),
    }
    path.write_text("actors: [", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid YAML"):
        corpus_gazetteer(folder)


def test_a_folder_without_a_file_has_the_package_gazetteer(tmp_path):
    assert corpus_gazetteer(tmp_path) is load_gazetteer()


def test_analyse_reads_the_gazetteer_of_the_corpus_being_built(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    write_corpus_gazetteer(folder, [NSC])
    text = pd.DataFrame({"id": ["a"], "text": ["The NSC met in Islamabad."]})
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    assert analyse(text, cache=False).mentions["actor"].tolist() == ["pakistan_nsc_short", "pakistan"]
    # an edit to the file is read at once
    write_corpus_gazetteer(folder, [dict(NSC, aliases=["National Security Committee"])])
    assert analyse(text, cache=False).mentions["actor"].tolist() == ["pakistan"]
    monkeypatch.delenv("CORPUS_DIR")
    assert analyse(text, cache=False).mentions["actor"].tolist() == ["pakistan"]
