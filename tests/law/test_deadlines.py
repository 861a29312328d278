"""Statutory deadlines: one worked example per rule, from the article each rule cites."""

from datetime import date, datetime, timedelta

import pytest

from netra.law import deadlines
from netra.law.sources import LawError
from netra.law.timezones import UnknownProvince

D = date.fromisoformat


@pytest.mark.parametrize(
    ("regime", "step", "start", "expected", "rule_id"),
    [
        # UU 7/2017 Pasal 454(6): 7 hari kerja since known. Known Fri 9 Feb 2024 (cuti bersama Imlek):
        # day 1 is Mon 12 Feb, voting day Wed 14 Feb is a holiday, so day 7 is Wed 21 Feb.
        ("pemilu", "report_window", "2024-02-09", "2024-02-21", "pemilu.report_window"),
        # Known Wed 3 Apr 2024: Idul Fitri 10-11 Apr and cuti bersama 8, 9, 12, 15 Apr are skipped.
        ("pemilu", "report_window", "2024-04-03", "2024-04-22", "pemilu.report_window"),
        # UU 1/2015 Pasal 134(4): 7 hari (kalender); the Pilkada voting day 27 Nov still counts.
        ("pemilihan", "report_window", "2024-11-22", "2024-11-29", "pemilihan.report_window"),
        # UU 7/2017 Pasal 454(5): temuan within 7 (working) days; Natal, cuti bersama, New Year skipped.
        ("pemilu", "temuan", "2024-12-24", "2025-01-07", "pemilu.temuan"),
        ("pemilihan", "temuan", "2024-11-20", "2024-11-27", "pemilihan.temuan"),
        # Perbawaslu 7/2022 Pasal 15(1): kajian awal 2 days; Ascension 9 May and cuti 10 May skipped.
        ("pemilu", "kajian_awal", "2024-05-08", "2024-05-14", "pemilu.kajian_awal"),
        ("pemilihan", "kajian_awal", "2024-11-25", "2024-11-27", "pemilihan.kajian_awal"),
        # UU 7/2017 Pasal 454(7)-(8): 7 days after registration, 14 hari kerja with keterangan tambahan.
        ("pemilu", "decision", "2024-02-12", "2024-02-22", "pemilu.decision"),
        ("pemilu", "decision_extended", "2024-02-12", "2024-03-04", "pemilu.decision_extended"),
        # UU 1/2015 Pasal 134(5)-(6): 3 days after receipt, +2 days for keterangan tambahan.
        ("pemilihan", "decision", "2024-11-25", "2024-11-28", "pemilihan.decision"),
        ("pemilihan", "decision_extended", "2024-11-25", "2024-11-30", "pemilihan.decision_extended"),
        # Netra's configurable PPK SLA (no statute found): 14 hari kerja, Maulid Nabi 16 Sep skipped.
        ("pemilu", "ppk_followup", "2024-09-02", "2024-09-23", "ppk_followup"),
    ],
)
def test_worked_examples(regime, step, start, expected, rule_id):
    deadline = deadlines.due(regime=regime, step=step, start=D(start))
    assert deadline.due == D(expected)
    assert deadline.rule_id == rule_id
    assert deadline.step == step and deadline.start == D(start)


def test_report_known_on_cuti_bersama_lists_every_skipped_day_with_its_reason():
    deadline = deadlines.due(regime="pemilu", step="report_window", start=D("2024-02-09"))
    assert deadline.skipped == [
        (D("2024-02-10"), "Sabtu; libur nasional: Tahun Baru Imlek"),
        (D("2024-02-11"), "Minggu"),
        (D("2024-02-14"), "libur nasional: Hari Pemilihan Umum"),
        (D("2024-02-17"), "Sabtu"),
        (D("2024-02-18"), "Minggu"),
    ]
    assert (deadline.days, deadline.unit) == (7, "hari_kerja")
    assert deadline.citation == "UU 7/2017 Pasal 454 ayat (6) [V]; Perbawaslu 7/2022 Pasal 8 ayat (3) [S]"
    assert deadline.unverified is False


def test_a_day_of_cuti_bersama_in_the_period_is_skipped():
    deadline = deadlines.due(regime="pemilu", step="kajian_awal", start=D("2024-02-07"))
    assert deadline.due == D("2024-02-13")  # Thu 8, Fri 9 and the weekend skipped: Mon 12, Tue 13
    assert (D("2024-02-08"), "libur nasional: Isra Mikraj Nabi Muhammad") in deadline.skipped
    assert (D("2024-02-09"), "cuti bersama: Cuti Bersama Tahun Baru Imlek") in deadline.skipped


def test_calendar_days_skip_nothing_and_flag_only_unverified_rules():
    window = deadlines.due(regime="pemilihan", step="report_window", start=D("2024-11-22"))
    assert window.skipped == [] and window.unit == "hari_kalender" and window.unverified is False
    kajian = deadlines.due(regime="pemilihan", step="kajian_awal", start=D("2024-11-22"))
    assert kajian.unverified is True
    assert deadlines.due(regime="pemilu", step="ppk_followup", start=D("2024-09-02")).unverified is True


@pytest.mark.parametrize(
    ("province", "zone", "utc_offset_hours"),
    [(None, "WIB", 7), ("31", "WIB", 7), ("51.71", "WITA", 8), ("94.01", "WIT", 9), ("96", "WIT", 9)],
)
def test_deadline_ends_at_the_end_of_the_last_day_in_local_time(province, zone, utc_offset_hours):
    deadline = deadlines.due(regime="pemilihan", step="decision", start=D("2024-11-25"), province=province)
    assert deadline.zone == zone
    assert deadline.due_at.date() == D("2024-11-28")
    assert deadline.due_at.utcoffset() == timedelta(hours=utc_offset_hours)
    assert (deadline.due_at.hour, deadline.due_at.minute, deadline.due_at.second) == (23, 59, 59)


def test_compute_gives_the_cli_shape_and_counts_pemilu_decisions_from_registration():
    report = deadlines.compute(
        regime="pemilu", known=D("2024-02-09"), received=D("2024-02-12"), registered=D("2024-02-12")
    ).to_dict()
    assert report["report_window_ends"] == "2024-02-21"
    assert report["decision_due"] == "2024-02-22"
    assert report["decision_due_extended"] == "2024-03-04"
    steps = [r["step"] for r in report["rules"]]
    assert steps == ["report_window", "kajian_awal", "decision", "decision_extended"]
    assert report["received_within_window"] is True


def test_compute_counts_pemilihan_decisions_from_receipt_and_notes_unused_registration():
    report = deadlines.compute(
        regime="pemilihan", known=D("2024-11-20"), received=D("2024-11-25"), registered=D("2024-11-26")
    ).to_dict()
    assert (report["decision_due"], report["decision_due_extended"]) == ("2024-11-28", "2024-11-30")
    assert any("registrasi tidak dipakai" in note for note in report["notes"])


def test_compute_without_decision_start_leaves_decision_null():
    report = deadlines.compute(regime="pemilu", known=D("2024-02-09"), received=D("2024-02-12")).to_dict()
    assert report["decision_due"] is None and report["decision_due_extended"] is None
    assert any("registrasi" in note for note in report["notes"])


def test_late_report_is_flagged_daluwarsa():
    report = deadlines.compute(regime="pemilihan", known=D("2024-11-01"), received=D("2024-11-09")).to_dict()
    assert report["received_within_window"] is False
    assert any("daluwarsa" in note for note in report["notes"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"regime": "pilkada", "step": "decision", "start": D("2024-01-02")}, "rezim tidak dikenal"),
        ({"regime": "pemilu", "step": "banding", "start": D("2024-01-02")}, "langkah tidak dikenal"),
        ({"regime": "pemilu", "step": "decision", "start": "2024-01-02"}, "harus berupa tanggal"),
        ({"regime": "pemilu", "step": "decision", "start": datetime(2024, 1, 2)}, "harus berupa tanggal"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(kwargs, message):
    with pytest.raises(LawError, match=message):
        deadlines.due(**kwargs)


def test_unknown_province_is_rejected():
    with pytest.raises(UnknownProvince, match="kode provinsi tidak dikenal"):
        deadlines.due(regime="pemilu", step="decision", start=D("2024-01-02"), province="99")


@pytest.mark.parametrize(
    ("known", "received", "registered"),
    [
        ("2024-02-09", "2024-02-08", None),
        ("2024-02-09", "2024-02-12", "2024-02-10"),
        ("2024-02-09", None, "2024-02-08"),
    ],
)
def test_dates_out_of_order_are_rejected(known, received, registered):
    with pytest.raises(LawError, match="sebelum"):
        deadlines.compute(
            regime="pemilu",
            known=D(known),
            received=D(received) if received else None,
            registered=D(registered) if registered else None,
        )


def test_every_regime_has_a_rule_for_every_step():
    found = {(r.regimes, r.step) for r in deadlines.all_rules()}
    assert len(deadlines.all_rules()) == 14 and len(found) == 13  # ppk_followup is shared
