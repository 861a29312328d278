"""Election configuration files: the shipped examples load, and bad files fail with clear errors."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.text.election import (
    ElectionConfig,
    ElectionConfigError,
    check_rows,
    config_json,
    dump_toml,
    parse_config,
)

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"

MINIMAL = """
name = "Pilkada Contoh"
regime = "pemilihan"
[period]
penetapan = 2024-09-22
[[candidates]]
number = 1
names = ["Budi Santoso"]
parties = ["PKB"]
[[candidates]]
number = 2
names = ["Siti Rahma"]
[[parties]]
name = "Partai Kebangkitan Bangsa"
abbreviations = ["PKB"]
"""


def write(tmp_path, text):
    path = tmp_path / "election.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_pilpres_2024_example_loads():
    config = ElectionConfig.load(DEVSET / "election_pilpres2024.toml")
    assert config.regime == "pemilu"
    assert config.penetapan == dt.date(2023, 11, 13)
    assert [candidate.label for candidate in config.candidates] == ["01", "02", "03"]
    assert config.candidate(2).names[0] == "Prabowo Subianto"
    assert "Ganjar Pranowo" in config.candidate(3).names
    assert "AMIN" in config.case_sensitive


def test_pilgub_jakarta_2024_example_loads():
    config = ElectionConfig.load(DEVSET / "election_pilgub_jakarta2024.toml")
    assert config.regime == "pemilihan"
    assert config.region_code == "31"
    assert config.penetapan == dt.date(2024, 9, 22)
    assert config.candidate(3).names[0] == "Pramono Anung"


def test_calon_period_starts_on_penetapan(tmp_path):
    config = ElectionConfig.load(write(tmp_path, MINIMAL))
    assert not config.is_calon_period(dt.date(2024, 9, 21))
    assert config.is_calon_period(dt.date(2024, 9, 22))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text.replace('regime = "pemilihan"', 'regime = "pilpres"'), "regime must be one of"),
        (lambda text: text.replace("number = 2", "number = 1"), "ballot numbers must be unique"),
        (lambda text: text.replace('parties = ["PKB"]', 'parties = ["PKS"]'), "not in [[parties]]: PKS"),
        (lambda text: text.replace("penetapan = 2024-09-22", "kampanye = 2024-09-25"), "needs 'penetapan'"),
        (lambda text: text.replace("2024-09-22", '"22 September"'), "must be a date"),
        (lambda text: text.replace('name = "Pilkada Contoh"', ""), "'name' must be a non-empty string"),
        (lambda text: text.replace('names = ["Siti Rahma"]', "names = []"), "needs at least one name"),
        (lambda text: text + "\n[[candidates]]\nnames = ['X']\n", "malformed entry"),
        (lambda text: text.replace("[[candidates]]", "[[candidates", 1), "not valid TOML"),
    ],
)
def test_bad_configuration_is_rejected_with_reason(tmp_path, change, message):
    with pytest.raises(ElectionConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        ElectionConfig.load(write(tmp_path, change(MINIMAL)))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ElectionConfigError, match="no such election configuration"):
        ElectionConfig.load(tmp_path / "absent.toml")


def test_local_day_uses_the_region_time_zone(tmp_path):
    makassar = ElectionConfig.load(
        write(
            tmp_path, MINIMAL.replace('regime = "pemilihan"', 'regime = "pemilihan"\nregion_code = "73.71"')
        )
    )
    national = ElectionConfig.load(write(tmp_path, MINIMAL))
    moment = dt.datetime(2024, 9, 21, 16, 30, tzinfo=dt.UTC)  # 23:30 WIB, 00:30 WITA next day
    assert national.local_day(moment) == dt.date(2024, 9, 21)
    assert makassar.local_day(moment) == dt.date(2024, 9, 22)
    assert makassar.is_calon_period(makassar.local_day(moment))
    assert makassar.local_day(dt.datetime(2024, 9, 21, 23, 59)) == dt.date(2024, 9, 21)


def test_unknown_province_is_rejected(tmp_path):
    with pytest.raises(ElectionConfigError, match="not in a known province"):
        ElectionConfig.load(
            write(
                tmp_path, MINIMAL.replace('regime = "pemilihan"', 'regime = "pemilihan"\nregion_code = "99"')
            )
        )


# Files: TOML and JSON in, TOML and JSON out; every row's problem, coded for translation -----------

PHRASE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda text: text.strip() == text and text
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(PHRASE, min_size=1, max_size=3), min_size=1, max_size=4),
    st.lists(PHRASE, max_size=3),
    st.sampled_from(["", "#1F77B4", "#ABCDEF"]),
)
def test_dump_toml_and_json_read_back_unchanged(names, slogans, colour):
    data = {
        "name": 'Pilkada "Uji"\\ \u00e9',
        "regime": "pemilihan",
        "region_code": "",
        "slogans": slogans,
        "period": {"penetapan": dt.date(2024, 9, 22)},
        "candidates": [
            {"number": number, "names": row, **({"colour": colour} if colour else {})}
            for number, row in enumerate(names, start=1)
        ],
        "parties": [],
    }
    assert parse_config(dump_toml(data), "toml") == data
    assert parse_config(config_json(data), "json") == data


def test_devset_files_round_trip_through_the_writer():
    for path in sorted(DEVSET.glob("election_*.toml")):
        config = ElectionConfig.load(path)
        again = ElectionConfig.from_dict(parse_config(dump_toml(config.to_dict()), "toml"))
        assert again.to_dict() == config.to_dict()


def test_check_lists_every_bad_row_with_its_place_and_code():
    data = parse_config(MINIMAL, "toml")
    data["candidates"][0]["number"] = -1
    data["candidates"][1]["colour"] = "red"
    data["parties"][0]["abbreviations"] = "PKB"
    errors = ElectionConfig.check(data)
    assert [(e.section, e.row, e.code) for e in errors] == [
        ("candidates", 1, "number"),
        ("candidates", 2, "colour"),
        ("parties", 1, "strings"),
    ]
    assert errors[2].params == {"key": "abbreviations"}
    assert check_rows({"slogans": "not a list"})[0].code == "strings"


def test_check_of_a_sound_file_names_the_whole_file_problem():
    data = parse_config(MINIMAL.replace('parties = ["PKB"]', 'parties = ["PKS"]'), "toml")
    [error] = ElectionConfig.check(data)
    assert (error.code, error.params, error.row) == ("unknown_parties", {"number": 1, "parties": ["PKS"]}, 1)
    assert ElectionConfig.check(parse_config(MINIMAL, "toml")) == []


def test_configuration_without_candidates_is_valid_only_when_allowed():
    data = parse_config(MINIMAL, "toml")
    data["candidates"] = []
    assert [e.code for e in ElectionConfig.check(data)] == ["no_candidates"]
    assert ElectionConfig.check(data, require_candidates=False) == []


def test_json_dates_are_read_and_bad_ones_named():
    data = parse_config('{"period": {"penetapan": "2024-09-22", "voting_day": "27 Nov"}}', "json")
    assert data["period"]["penetapan"] == dt.date(2024, 9, 22)
    with pytest.raises(ElectionConfigError) as raised:
        ElectionConfig.from_dict({**data, "name": "x", "regime": "pemilihan", "candidates": []})
    assert raised.value.code == "date" and raised.value.params["key"] == "voting_day"


def test_syntax_errors_are_coded():
    with pytest.raises(ElectionConfigError) as raised:
        parse_config("[[candidates", "toml")
    assert raised.value.code == "syntax" and raised.value.params["format"] == "TOML"
    with pytest.raises(ElectionConfigError):
        parse_config("[1, 2]", "json")
