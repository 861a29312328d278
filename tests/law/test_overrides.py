"""NETRA_LAW_OVERRIDES: unverified facts and ad hoc calendar decrees are configurable, statute is not."""

from datetime import date

import pytest

from netra.law import deadlines, overrides
from netra.law.sources import LawError

D = date.fromisoformat


@pytest.fixture
def override_file(tmp_path, monkeypatch):
    path = tmp_path / "law.toml"

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(overrides.ENV_VAR, str(path))
        return path

    return write


def test_unverified_kajian_awal_of_pemilihan_can_be_set_to_three_days(override_file):
    path = override_file('[deadline."pemilihan.kajian_awal"]\ndays = 3\nnote = "naskah Perbawaslu 9/2024"\n')
    deadline = deadlines.due(regime="pemilihan", step="kajian_awal", start=D("2024-11-25"))
    assert (deadline.days, deadline.due) == (3, D("2024-11-28"))
    assert deadline.unverified is True
    assert deadline.override_note == f"diubah oleh {path}: naskah Perbawaslu 9/2024"


def test_ppk_sla_can_change_unit(override_file):
    override_file('[deadline.ppk_followup]\ndays = 30\nunit = "hari_kalender"\n')
    deadline = deadlines.due(regime="pemilu", step="ppk_followup", start=D("2024-09-02"))
    assert (deadline.due, deadline.unit, deadline.skipped) == (D("2024-10-02"), "hari_kalender", [])


def test_verified_statute_cannot_be_overridden(override_file):
    override_file('[deadline."pemilu.report_window"]\ndays = 14\n')
    with pytest.raises(LawError, match="verified source and cannot be overridden"):
        deadlines.due(regime="pemilu", step="report_window", start=D("2024-02-09"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[deadline."pemilu.banding"]\ndays = 3\n', "unknown deadline rule"),
        ("[deadline.ppk_followup]\ndays = 0\n", "at least 1"),
        ('[deadline.ppk_followup]\nunit = "minggu"\n', "unit for ppk_followup"),
        ("[deadline.ppk_followup]\nhours = 3\n", "unknown keys"),
        ('[[non_working_day]]\ndate = 2024-02-13\nreason = "x"\n', "needs date"),
        ("[holiday]\n", "unknown sections"),
        ("not toml = = 1", "cannot read"),
    ],
)
def test_bad_override_files_are_rejected_with_the_reason(override_file, text, message):
    override_file(text)
    with pytest.raises(LawError, match=message):
        deadlines.due(regime="pemilu", step="ppk_followup", start=D("2024-02-09"))


def test_missing_override_file_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv(overrides.ENV_VAR, str(tmp_path / "absent.toml"))
    with pytest.raises(LawError, match=r"absent\.toml"):
        deadlines.due(regime="pemilu", step="decision", start=D("2024-02-12"))


def test_decreed_day_off_is_skipped_with_its_decree(override_file):
    override_file(
        '[[non_working_day]]\ndate = 2024-02-13\nreason = "Libur tambahan"\ndecree = "Keppres 99/2024"\n'
    )
    deadline = deadlines.due(regime="pemilu", step="report_window", start=D("2024-02-09"))
    assert deadline.due == D("2024-02-22")
    assert (D("2024-02-13"), "keputusan: Libur tambahan (Keppres 99/2024)") in deadline.skipped


def test_decree_revoking_a_cuti_bersama_makes_it_count(override_file):
    override_file(
        '[[working_day]]\ndate = 2024-02-09\nreason = "Cuti bersama dibatalkan"\ndecree = "SKB 99/2024"\n'
    )
    deadline = deadlines.due(regime="pemilu", step="kajian_awal", start=D("2024-02-07"))
    assert deadline.due == D("2024-02-12")  # Fri 9 counts as day 1, Mon 12 as day 2


def test_shipped_decree_table_is_valid_and_applied_without_a_local_file(monkeypatch):
    monkeypatch.delenv(overrides.ENV_VAR, raising=False)
    current = overrides.current()
    assert current.sources == ("netra/law/data/calendar/decrees.toml",)
    assert current.deadlines == {}


def test_unverified_copy_to_the_ppk_can_be_switched_off(override_file):
    from netra.law import referral

    override_file("[referral.ppk]\nenabled = false\n")
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-09-01"))
    assert (result.recipients, result.copies) == (["BKN"], [])


def test_verified_referral_cannot_be_switched_off(override_file):
    from netra.law import referral

    override_file("[referral.bkn]\nenabled = false\n")
    with pytest.raises(LawError, match="cannot be overridden"):
        referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-09-01"))
