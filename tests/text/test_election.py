"""Election configuration files: the shipped examples load, and bad files fail with clear errors."""

import datetime as dt
from pathlib import Path

import pytest

from netra.text.election import ElectionConfig, ElectionConfigError

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
