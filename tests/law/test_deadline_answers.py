"""deadlines.answer: which fact starts each step, the province's zone, interpretations and the readings
NETRA_LAW_OVERRIDES can switch (cuti bersama, counter closing time), the service target, exact shapes."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.law import deadlines, interpretations, overrides
from netra.law.sources import LawError

D = date.fromisoformat
FACTS = deadlines.Facts(
    regime="pemilihan",
    province="64",
    known=D("2024-09-28"),
    found=D("2024-09-29"),
    received=D("2024-10-01"),
    registered=D("2024-10-03"),
    forwarded=D("2024-10-07"),
)


@pytest.fixture
def override_file(tmp_path, monkeypatch):
    path = tmp_path / "law.toml"

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(overrides.ENV_VAR, str(path))
        return path

    return write


@pytest.mark.parametrize(
    ("regime", "step", "start", "due"),
    [
        ("pemilihan", "report_window", "2024-09-28", "2024-10-05"),
        ("pemilihan", "temuan", "2024-09-29", "2024-10-06"),
        ("pemilihan", "kajian_awal", "2024-10-01", "2024-10-03"),
        ("pemilihan", "decision", "2024-10-01", "2024-10-04"),  # from receipt, not registration
        ("pemilihan", "decision_extended", "2024-10-01", "2024-10-06"),
        ("pemilihan", "recommendation", "2024-10-01", "2024-10-06"),
        ("pemilihan", "ppk_followup", "2024-10-07", "2024-10-25"),
        ("pemilu", "report_window", "2024-09-28", "2024-10-08"),
        ("pemilu", "temuan", "2024-09-29", "2024-10-08"),
        ("pemilu", "kajian_awal", "2024-10-01", "2024-10-03"),
        ("pemilu", "decision", "2024-10-03", "2024-10-14"),  # from registration
        ("pemilu", "decision_extended", "2024-10-03", "2024-10-23"),
        ("pemilu", "recommendation", "2024-10-03", "2024-10-23"),
        ("pemilu", "ppk_followup", "2024-10-07", "2024-10-25"),
    ],
)
def test_each_step_starts_from_the_fact_its_rule_names(regime, step, start, due):
    found = deadlines.answer(step=step, facts=deadlines.Facts(**{**FACTS.__dict__, "regime": regime}))
    assert found.deadline is not None and found.reason == ""
    assert (found.deadline.start, found.deadline.due) == (D(start), D(due))
    assert found.deadline.zone == "WITA" and found.deadline.due_at.utcoffset() == timedelta(hours=8)


def test_an_answer_names_its_step_and_carries_the_whole_deadline():
    found = deadlines.answer(step="kajian_awal", facts=FACTS)
    assert found.step == "kajian_awal" and found.deadline is not None
    assert found.to_dict() == {"step": "kajian_awal", "deadline": found.deadline.to_dict(), "reason": ""}


def test_compute_passes_found_and_forwarded_through():
    report = deadlines.compute(
        regime="pemilihan", known=D("2024-10-01"), found=D("2024-10-02"), forwarded=D("2024-10-09")
    ).to_dict()
    assert (report["found"], report["forwarded"]) == ("2024-10-02", "2024-10-09")
    assert [r["step"] for r in report["rules"]] == ["report_window", "temuan", "ppk_followup"]


def test_unknown_step_lists_the_steps():
    with pytest.raises(
        LawError,
        match=r"\(pilih: report_window, temuan, kajian_awal, decision, "
        r"decision_extended, recommendation, ppk_followup\)",
    ):
        deadlines.rule_for(regime="pemilu", step="banding")


@pytest.mark.parametrize(
    ("regime", "missing", "label"),
    [
        ("pemilu", "registered", "tanggal registrasi belum ada"),
        ("pemilihan", "received", "tanggal laporan diterima belum ada"),
    ],
)
def test_a_missing_starting_fact_gives_no_deadline_and_says_which(regime, missing, label):
    facts = deadlines.Facts(**{**FACTS.__dict__, "regime": regime, missing: None})
    found = deadlines.answer(step="decision", facts=facts)
    assert found.deadline is None
    assert found.reason.startswith(label) and "tenggat dihitung sejak tanggal laporan" in found.reason
    assert found.to_dict() == {"step": "decision", "deadline": None, "reason": found.reason}


@pytest.mark.parametrize(("province", "offset"), [("94", 9), ("73", 8), ("31", 7), (None, 7)])
def test_compute_ends_every_deadline_in_the_provinces_zone(province, offset):
    report = deadlines.compute(
        regime="pemilu",
        known=D("2024-10-01"),
        received=D("2024-10-02"),
        registered=D("2024-10-03"),
        province=province,
        found=D("2024-10-01"),
        forwarded=D("2024-10-10"),
    )
    assert [d.step for d in report.rules] == [
        "report_window",
        "temuan",
        "kajian_awal",
        "decision",
        "decision_extended",
        "ppk_followup",
    ]
    for deadline in report.rules:
        assert deadline.due_at.utcoffset() == timedelta(hours=offset), deadline.step
        assert deadline.due_at.time() == time.max


def test_a_report_received_on_the_last_day_of_its_window_is_in_time():
    window_ends = D("2024-10-05")  # 7 calendar days after 28 Sep
    on_time = deadlines.compute(regime="pemilihan", known=D("2024-09-28"), received=window_ends)
    assert on_time.report_window.due == window_ends
    assert on_time.received_within_window is True and not any("daluwarsa" in n for n in on_time.notes)
    late = deadlines.compute(regime="pemilihan", known=D("2024-09-28"), received=window_ends + timedelta(1))
    assert late.received_within_window is False
    assert late.notes[-1] == (
        "laporan diterima 2024-10-06, setelah batas pelaporan 2024-10-05: "
        "daluwarsa, tidak memenuhi syarat formil"
    )


def test_notes_name_the_missing_or_unused_fact_exactly():
    pemilu = deadlines.compute(regime="pemilu", known=D("2024-10-01"), received=D("2024-10-02"))
    assert pemilu.notes == [
        "batas putusan Pemilu dihitung sejak tanggal laporan diterima dan diregistrasi: "
        "berikan tanggal registrasi"
    ]
    pemilihan = deadlines.compute(
        regime="pemilihan", known=D("2024-10-01"), received=D("2024-10-02"), registered=D("2024-10-02")
    )
    assert pemilihan.notes == [
        "tanggal registrasi tidak dipakai: Pemilihan menghitung putusan sejak tanggal laporan diterima"
    ]
    assert deadlines.compute(regime="pemilihan", known=D("2024-10-01")).notes == [
        "batas putusan Pemilihan dihitung sejak tanggal laporan diterima: berikan tanggal laporan diterima"
    ]


def test_report_order_is_checked():
    with pytest.raises(LawError, match="sebelum pelanggaran diketahui"):
        deadlines.compute(regime="pemilu", known=D("2024-10-02"), received=D("2024-10-01"))
    with pytest.raises(LawError, match="sebelum diterima/diketahui"):
        deadlines.compute(
            regime="pemilu", known=D("2024-10-01"), received=D("2024-10-03"), registered=D("2024-10-02")
        )
    with pytest.raises(LawError, match=r"\(2024-10-01\) sebelum diterima/diketahui \(2024-10-02\)"):
        deadlines.compute(regime="pemilu", known=D("2024-10-02"), registered=D("2024-10-01"))


# --- interpretations ------------------------------------------------------------------------------


def test_rules_resting_on_a_reading_say_so_and_are_not_verified():
    pemilu = deadlines.due(regime="pemilu", step="decision", start=D("2024-10-03"))
    ids = [i.id for i in pemilu.interpretations]
    assert ids == ["hari_kerja_454", "day_one_after_trigger", "cuti_bersama_libur", "ends_2359"]
    assert pemilu.interpretation_note.startswith("Tafsiran: UU 7/2017 Pasal 454 ayat (5) dan (7) menyebut")
    assert pemilu.confidence == "V" and pemilu.unverified is False and pemilu.verified is False
    extended = deadlines.due(regime="pemilihan", step="decision_extended", start=D("2024-10-01"))
    assert [i.id for i in extended.interpretations] == [
        "extension_3_plus_2",
        "day_one_after_trigger",
        "ends_2359",
    ]
    data = extended.to_dict()
    assert data["interpretation"] is True and data["verified"] is False
    assert data["interpretations"][0] == interpretations.get("extension_3_plus_2").to_dict()


def test_configurable_and_unverified_flags_come_from_the_data_files():
    flags = {
        (rule.id, rule.configurable, rule.unverified)
        for rule in deadlines.all_rules()
        if rule.id in {"pemilu.kajian_awal", "pemilihan.temuan", "pemilu.decision"}
    }
    assert flags == {
        ("pemilu.kajian_awal", True, False),
        ("pemilihan.temuan", True, True),
        ("pemilu.decision", False, False),
    }


def test_every_rule_carries_a_confidence_mark_and_a_known_start():
    for rule in deadlines.all_rules():
        assert rule.confidence in ("V", "S", "1", "M"), rule.id
        assert rule.start_from in deadlines.FACTS, rule.id
    assert deadlines.rule_for(regime="pemilihan", step="kajian_awal").confidence == "M"
    assert deadlines.rule_for(regime="pemilu", step="kajian_awal").confidence == "S"


def test_kajian_awal_cites_no_news_about_another_regency():
    for regime in ("pemilu", "pemilihan"):
        rule = deadlines.rule_for(regime=regime, step="kajian_awal")
        assert not any("Kab." in c.instrument or "Kediri" in str(c.url) for c in rule.citations)


def test_ppk_followup_is_a_service_target_not_a_legal_deadline():
    target = deadlines.due(regime="pemilu", step="ppk_followup", start=D("2024-10-07"))
    assert (target.kind, target.legal, target.verified) == ("service_target", False, False)
    assert target.citation.startswith("Target layanan kantor [M]")
    assert "Tidak ditemukan ketentuan" not in target.citation
    legal = deadlines.due(regime="pemilu", step="decision", start=D("2024-10-07"))
    assert (legal.kind, legal.legal) == ("legal", True)


def test_an_overridden_rule_is_flagged_unverified(override_file):
    assert deadlines.rule_for(regime="pemilu", step="kajian_awal").unverified is False
    path = override_file('[deadline."pemilu.kajian_awal"]\ndays = 3\n')
    rule = deadlines.rule_for(regime="pemilu", step="kajian_awal")
    assert (rule.days, rule.unit, rule.unverified) == (3, "hari_kerja", True)
    assert rule.override_note == f"diubah oleh {path}"
    changed = deadlines.due(regime="pemilu", step="kajian_awal", start=D("2024-10-01"))
    assert (changed.days, changed.unverified, changed.verified) == (3, True, False)


def test_cuti_bersama_can_be_read_as_working_days(override_file):
    default = deadlines.due(regime="pemilu", step="kajian_awal", start=D("2024-02-07"))
    assert default.due == D("2024-02-13")  # 8 Feb holiday and 9 Feb cuti bersama skipped
    override_file('[reading]\ncuti_bersama = "hari_kerja"\n')
    other = deadlines.due(regime="pemilu", step="kajian_awal", start=D("2024-02-07"))
    assert other.due == D("2024-02-12")  # 9 Feb counts; the holiday on 8 Feb still does not
    assert [d for d, _ in other.skipped] == [D("2024-02-08"), D("2024-02-10"), D("2024-02-11")]
    assert "cuti_bersama_kerja" in [i.id for i in other.interpretations]


@pytest.mark.parametrize(
    ("start", "closes"),
    [
        ("2024-11-25", time(16, 0)),  # due Thu 28 Nov
        ("2024-11-26", time(16, 30)),  # due Fri 29 Nov
        ("2024-11-27", time(16, 0)),  # due Sat 30 Nov: counters are not open late on a Saturday
    ],
)
def test_deadlines_can_end_when_the_counter_closes(override_file, start, closes):
    override_file("[reading]\ncounter_closing = true\n")
    deadline = deadlines.due(regime="pemilihan", step="decision", start=D(start), province="73")
    assert deadline.due_at.time() == closes and deadline.due_at.utcoffset() == timedelta(hours=8)
    assert "ends_at_counter_closing" in [i.id for i in deadline.interpretations]


def test_counters_open_1x24_hours_keep_the_end_of_the_day(override_file):
    override_file(
        "[reading]\ncounter_closing = true\n[[reading.open_24h]]\nstart = 2024-11-24\nend = 2024-11-28\n"
        'reason = "masa tenang dan pemungutan suara"\n'
    )
    inside = deadlines.due(regime="pemilihan", step="decision", start=D("2024-11-25"))
    assert inside.due == D("2024-11-28") and inside.due_at.time() == time.max
    after = deadlines.due(regime="pemilihan", step="decision", start=D("2024-11-26"))
    assert after.due_at.time() == time(16, 30)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[reading]\ncuti_bersama = "cuti"\n', "reading.cuti_bersama must be one of libur, hari_kerja"),
        ('[reading]\ncounter_closing = "yes"\n', "counter_closing takes true or false"),
        ("[reading]\nclosing = true\n", "unknown reading keys"),
        ('[[reading.open_24h]]\nstart = 2024-11-28\nend = 2024-11-24\nreason = "x"\n', "start <= end"),
        ("[[reading.open_24h]]\nstart = 2024-11-24\nend = 2024-11-28\n", "start <= end"),
    ],
)
def test_bad_readings_are_rejected(override_file, text, message):
    override_file(text)
    with pytest.raises(LawError, match=message):
        deadlines.due(regime="pemilu", step="decision", start=D("2024-10-01"))


def test_rule_data_must_name_a_known_start_kind_and_reading():
    raw = {
        "id": "x",
        "regimes": ["pemilu"],
        "step": "decision",
        "days": 1,
        "unit": "hari_kerja",
        "trigger": "t",
        "summary": "s",
        "citations": [],
        "start_from": "received",
    }
    assert deadlines._rule_from("UU", raw).kind == "legal"
    for key, value, message in [
        ("start_from", "decided", "aturan x: start_from harus salah satu dari known, found, received, "),
        ("kind", "sla", "aturan x: kind harus salah satu dari legal, service_target"),
        ("interpretations", ["ends_2359"], r"aturan x: tafsiran tidak dikenal \['ends_2359'\]"),
    ]:
        with pytest.raises(LawError, match=message):
            deadlines._rule_from("UU", {**raw, key: value})
    with pytest.raises(LawError, match="tafsiran tidak dikenal"):
        interpretations.get("nope")


# --- exact shapes (the CLI's JSON is built from these) ---------------------------------------------

DEADLINE_KEYS = {
    "step",
    "regime",
    "rule_id",
    "summary",
    "trigger",
    "start",
    "due",
    "due_at",
    "zone",
    "days",
    "unit",
    "citation",
    "citations",
    "skipped",
    "unverified",
    "override_note",
    "confidence",
    "kind",
    "legal",
    "start_from",
    "verified",
    "interpretation",
    "interpretations",
    "interpretation_note",
    "gazette",
}
REPORT_KEYS = {
    "report_window_ends",
    "decision_due",
    "decision_due_extended",
    "rules",
    "regime",
    "province",
    "zone",
    "known",
    "received",
    "registered",
    "found",
    "forwarded",
    "kajian_awal_due",
    "received_within_window",
    "unverified",
    "verified",
    "notes",
}


def test_deadline_and_report_dicts_have_exactly_these_keys():
    report = deadlines.compute(
        regime="pemilu",
        known=D("2024-10-01"),
        received=D("2024-10-02"),
        registered=D("2024-10-03"),
        province="73",
    )
    data = report.to_dict()
    assert set(data) == REPORT_KEYS
    assert (data["province"], data["zone"], data["known"], data["received"], data["registered"]) == (
        "73",
        "WITA",
        "2024-10-01",
        "2024-10-02",
        "2024-10-03",
    )
    assert (data["regime"], data["found"], data["forwarded"]) == ("pemilu", None, None)
    assert data["notes"] == []  # Pemilu uses the registration date: nothing to note
    assert data["kajian_awal_due"] == "2024-10-04" and data["unverified"] is True  # kajian awal [M]
    assert data["verified"] is False
    rule = data["rules"][0]
    assert set(rule) == DEADLINE_KEYS
    assert (rule["step"], rule["regime"], rule["start"], rule["zone"], rule["days"], rule["unit"]) == (
        "report_window",
        "pemilu",
        "2024-10-01",
        "WITA",
        7,
        "hari_kerja",
    )
    marks = (rule["confidence"], rule["kind"], rule["legal"], rule["start_from"])
    assert marks == ("V", "legal", True, "known")
    assert rule["summary"].startswith("Laporan disampaikan paling lama 7 hari kerja")
    assert rule["trigger"] == "tanggal diketahuinya dugaan pelanggaran"
    assert rule["citations"][0]["text"] == "UU 7/2017 Pasal 454 ayat (6) [V]"
    assert rule["gazette"] == "Lembaran Negara RI Tahun 2017 Nomor 182, Tambahan Lembaran Negara Nomor 6109"
    assert data["rules"][1]["gazette"] is None  # Perbawaslu 7/2022: promulgation not recorded
    assert rule["interpretation_note"] == interpretations.line(report.report_window.interpretations)


def test_interpretation_line_is_empty_without_readings():
    assert interpretations.line([]) == ""
    reading = interpretations.get("day_one_after_trigger")
    assert interpretations.line([reading]) == "Tafsiran: hari ke-1 adalah hari setelah peristiwa pemicu"


@settings(max_examples=150, deadline=None)
@given(
    regime=st.sampled_from(["pemilu", "pemilihan"]),
    step=st.sampled_from(deadlines.STEPS),
    start=st.dates(date(2016, 1, 1), date(2034, 12, 31)),
    province=st.sampled_from(["11", "31", "51", "64", "73", "82", "94"]),
)
def test_answer_equals_due_from_the_rules_starting_fact(regime, step, start, province):
    facts = deadlines.Facts(
        regime=regime,
        province=province,
        known=start,
        found=start,
        received=start,
        registered=start,
        forwarded=start,
    )
    found = deadlines.answer(step=step, facts=facts).deadline
    assert found == deadlines.due(regime=regime, step=step, start=start, province=province)


def test_compute_needs_the_date_the_violation_became_known():
    with pytest.raises(LawError, match=r"^tanggal diketahui wajib diisi$"):
        deadlines.compute(regime="pemilu", known=None)  # type: ignore[arg-type]
