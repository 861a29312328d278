"""Guards at each step (issue 15 point 3): what must be on file before registration and decision,
and the daluwarsa finding on a report received after its window."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import Role
from netra.cases import services
from netra.cases.law import local_date
from netra.cases.models import Case, Kajian, Status, Transition
from netra.law import deadlines
from tests.cases.helpers import KAJIAN_AWAL_MET, case_in, photo, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff(world, role):
    return world["staff"]["bintan"][role]


def kajian_awal(world, case, **ticks):
    return services.kajian_add(
        user=staff(world, Role.STAF_PENANGANAN),
        case=case,
        stage="awal",
        analysis="Analisis syarat.",
        conclusion="Kesimpulan kajian awal.",
        **ticks,
    )


def register(world, case, reason=""):
    return services.case_transition(
        user=staff(world, Role.PIMPINAN), case=Case.objects.get(pk=case.pk), action="register", reason=reason
    )


def refused(call) -> dict:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


def test_registration_needs_a_written_kajian_awal(world):
    case = services.case_transition(
        user=staff(world, Role.STAF_PENANGANAN), case=case_in(world, "diterima"), action="start_kajian_awal"
    )
    errors = refused(lambda: register(world, case))
    assert errors["kajian"] == [
        "Registrasi memerlukan kajian awal tertulis dengan kesimpulan. Tulis kajian awal dahulu."
    ]
    assert Case.objects.get(pk=case.pk).status == Status.KAJIAN_AWAL


def test_registration_needs_every_formal_and_material_requirement_ticked(world):
    case = case_in(world, "kajian_awal")
    kajian_awal(world, case, **{**KAJIAN_AWAL_MET, "formil_pelapor": False, "materiel_bukti": False})
    errors = refused(lambda: register(world, case))
    assert errors["formil"] == ["Syarat formil belum terpenuhi dalam kajian awal: nama dan alamat pelapor."]
    assert errors["materiel"] == ["Syarat materiel belum terpenuhi dalam kajian awal: bukti."]
    kajian_awal(world, case, **KAJIAN_AWAL_MET)  # the latest kajian awal is the one that counts
    assert register(world, case).status == Status.DIREGISTRASI


def test_the_case_page_lists_what_blocks_registration(client, world):
    case = case_in(world, "kajian_awal")
    client.force_login(staff(world, Role.PIMPINAN))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="blockers-register"' in page
    assert "Registrasi memerlukan kajian awal tertulis" in page


def decide(world, case, outcome="bukan_pelanggaran"):
    return services.case_transition(
        user=staff(world, Role.PIMPINAN),
        case=Case.objects.get(pk=case.pk),
        action="decide",
        reason="Pertimbangan.",
        outcome=outcome,
    )


def in_kajian_without_records(world):
    case = case_in(world, "diregistrasi")
    return services.case_transition(user=staff(world, Role.PIMPINAN), case=case, action="start_kajian")


def kajian_dugaan(world, case):
    return services.kajian_add(
        user=staff(world, Role.STAF_PENANGANAN),
        case=case,
        stage="dugaan",
        facts="Terlapor hadir dalam kampanye.",
        analysis="Analisis.",
        conclusion="Kesimpulan.",
    )


def invite(world, case, party="terlapor"):
    return services.clarification_schedule(
        user=staff(world, Role.STAF_PENANGANAN),
        case=case,
        party=party,
        person_name="Budi Santoso",
        scheduled_at=timezone.now() - timedelta(hours=1),
        place="Kantor Bawaslu",
    )


def test_decision_is_blocked_while_a_clarification_is_belum_dilaksanakan(world):
    case = in_kajian_without_records(world)
    kajian_dugaan(world, case)
    assert "Putusan memerlukan klarifikasi" in refused(lambda: decide(world, case))["clarification"][0]
    invite(world, case)
    message = refused(lambda: decide(world, case))["clarification"][0]
    assert message.startswith("Klarifikasi belum dilaksanakan: Terlapor Budi Santoso.")
    assert Case.objects.get(pk=case.pk).status == Status.KAJIAN


def test_a_terlapor_who_did_not_attend_lets_the_decision_go_on(world):
    case = in_kajian_without_records(world)
    kajian_dugaan(world, case)
    item = services.clarification_record(
        user=staff(world, Role.STAF_PENANGANAN),
        clarification=invite(world, case),
        held_at=timezone.now(),
        record="Terlapor tidak hadir tanpa keterangan.",
        attendance="tidak_hadir",
    )
    assert item.attendance == "tidak_hadir" and not item.is_pending
    assert decide(world, case).status == Status.SELESAI


def test_decision_needs_the_written_kajian_dugaan(world):
    case = in_kajian_without_records(world)
    services.clarification_record(
        user=staff(world, Role.STAF_PENANGANAN),
        clarification=invite(world, case),
        held_at=timezone.now(),
        record="Terlapor hadir.",
    )
    errors = refused(lambda: decide(world, case))
    assert errors == {
        "kajian": ["Putusan memerlukan kajian dugaan pelanggaran tertulis dengan uraian singkat fakta."]
    }


def test_attendance_must_be_hadir_or_tidak_hadir(world):
    case = in_kajian_without_records(world)
    errors = refused(
        lambda: services.clarification_record(
            user=staff(world, Role.STAF_PENANGANAN),
            clarification=invite(world, case),
            held_at=timezone.now(),
            record="x",
            attendance="belum",
        )
    )
    assert "attendance" in errors


# ---- daluwarsa ----


def late_case(world):
    """A Pilkada laporan received 30 days after the violation became known (window: 7 days)."""
    today = timezone.localdate()
    data = report_data(
        world["elections"]["pilkada"],
        known_on=today - timedelta(days=30),
        occurred_on=today - timedelta(days=30),
        terlapor_agency=world["agencies"]["dinas_bintan"].pk,
    )
    case, _code = services.laporan_submit_public(data=data, files=[photo()])
    return services.case_transition(
        user=staff(world, Role.STAF_PENANGANAN), case=case, action="start_kajian_awal"
    )


def law_window(case):
    return deadlines.compute(
        regime=case.election.regime,
        known=case.known_on,
        received=local_date(case.received_at, case.region_code),
        province=case.region_code[:2],
    ).report_window


def test_a_late_report_is_registered_only_with_a_recorded_reason(world):
    case = late_case(world)
    kajian_awal(world, case, **{**KAJIAN_AWAL_MET, "formil_waktu": False})
    errors = refused(lambda: register(world, case))
    due = law_window(case).due
    assert list(errors) == ["reason"]
    assert f"batas waktu pelaporan berakhir {due:%d-%m-%Y}" in errors["reason"][0]
    done = register(world, case, reason="Pelapor baru mengetahui dampaknya setelah pemberitaan media.")
    assert done.status == Status.DIREGISTRASI
    step = Transition.objects.get(case=case, action="register")
    assert {k: step.data[k] for k in ("late", "report_window_due")} == {
        "late": True,
        "report_window_due": due.isoformat(),
    }
    assert step.reason.startswith("Pelapor baru mengetahui")


def test_a_late_report_can_be_closed_as_daluwarsa_and_a_timely_one_cannot(world):
    late = late_case(world)
    closed = services.case_transition(
        user=staff(world, Role.PIMPINAN),
        case=late,
        action="reject",
        reason="Melewati batas waktu.",
        reason_code="daluwarsa",
    )
    assert closed.status == Status.TIDAK_DIREGISTRASI and closed.non_registration_reason == "daluwarsa"
    timely = case_in(world, "kajian_awal")
    errors = refused(
        lambda: services.case_transition(
            user=staff(world, Role.PIMPINAN),
            case=timely,
            action="reject",
            reason="x",
            reason_code="daluwarsa",
        )
    )
    assert "reason_code" in errors


def test_the_officer_sees_a_daluwarsa_banner_with_the_laws_date_and_rule(client, world):
    case = late_case(world)
    window = law_window(case)
    client.force_login(staff(world, Role.STAF_PENANGANAN))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="daluwarsa-banner"' in page
    banner = page.split('data-testid="daluwarsa-banner"')[1].split("</div>")[0]
    assert f"{window.due.day} " in banner and str(window.due.year) in banner
    assert str(window.citation) in banner.replace("&quot;", '"').replace("&#x27;", "'")
    timely = case_in(world, "kajian_awal")
    assert (
        'data-testid="daluwarsa-banner"'
        not in client.get(reverse("cases:detail", args=[timely.pk])).content.decode()
    )


def test_requirement_ticks_are_stored_only_on_the_kajian_awal(world):
    case = case_in(world, "kajian_awal")
    stored = kajian_awal(world, case, formil_pelapor=True)
    assert stored.formil_pelapor and not stored.formil_waktu
    assert Kajian.objects.get(pk=stored.pk).stage == "awal"


# ---- sanctions from the catalogue (point 5) ----


def record_followup(world, case, **params):
    values = {
        "imposed_by": "Bupati Bintan",
        "imposed_on": timezone.localdate(),
        "letter_number": "800/1/2026",
    }
    return services.case_transition(
        user=world["staff"]["bkn"][Role.STAF_PENANGANAN],
        case=Case.objects.get(pk=case.pk),
        action="record_followup",
        **{**values, **params},
    )


def test_a_sedang_sanction_for_d6_needs_a_reason_and_flags_the_case(world):
    case = case_in(world, "diputus")  # decided as D-6, which the catalogue classes as berat
    from tests.cases.helpers import act

    act(world, case, "forward_recommendation", "pimpinan", {"letter_number": "10/PP.01/XI"})
    errors = refused(lambda: record_followup(world, case, sanction_code="pp94-sedang-a"))
    assert errors["lighter_reason"] == [
        "Sanksi ini lebih ringan dari kelas sanksi katalog untuk D-6 (berat); tuliskan alasannya."
    ]
    done = record_followup(world, case, sanction_code="pp94-sedang-a", lighter_reason="Baru pertama kali.")
    assert done.sanction_lighter is True
    followup = done.followups.get()
    assert (followup.sanction, followup.sanction_class, followup.expected_class, followup.lighter) == (
        "pemotongan tunjangan kinerja sebesar 25% selama 6 bulan",
        "sedang",
        "berat",
        True,
    )
    assert followup.lighter_reason == "Baru pertama kali."


def test_a_sanction_the_law_does_not_offer_is_refused(world):
    case = case_in(world, "rekomendasi_diteruskan")
    errors = refused(lambda: record_followup(world, case, sanction_code="pp42-terbuka"))
    assert "sanction_code" in errors
    errors = refused(lambda: record_followup(world, case, sanction_code="lainnya"))
    assert set(errors) == {"sanction", "lighter_reason"}


def test_a_sanction_of_the_catalogues_class_is_not_flagged(world):
    case = record_followup(world, case_in(world, "rekomendasi_diteruskan"), sanction_code="pp94-berat-c")
    assert case.sanction_lighter is False
    assert (
        case.followups.get().sanction
        == "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"
    )


def test_lighter_sanctions_are_counted_and_filtered_in_the_list_api_and_cli(client, world):
    import json

    from typer.testing import CliRunner

    from netra.cli import app
    from tests.cases.test_api import BASE, client_for

    lighter = record_followup(
        world,
        case_in(world, "rekomendasi_diteruskan", title="Sanksi ringan"),
        sanction_code="pp94-ringan-a",
        lighter_reason="Alasan.",
    )
    record_followup(
        world, case_in(world, "rekomendasi_diteruskan", title="Sanksi sesuai"), sanction_code="pp94-berat-a"
    )
    leader = staff(world, Role.PIMPINAN)
    client.force_login(leader)
    page = client.get(reverse("cases:list"), {"sanction_lighter": "on"}).content.decode()
    assert "Sanksi ringan" in page and "Sanksi sesuai" not in page
    detail = client.get(reverse("cases:detail", args=[lighter.pk])).content.decode()
    assert 'data-testid="flag-sanction-lighter"' in detail and 'data-testid="sanction-lighter"' in detail
    api = client_for(leader)
    assert api.get(f"{BASE}/stats/sanctions").json() == {"sanctioned": 2, "lighter": 1}
    listed = api.get(f"{BASE}/", {"sanction_lighter": "true"}).json()
    assert [c["id"] for c in listed] == [lighter.pk] and listed[0]["sanction_lighter"] is True
    result = CliRunner().invoke(app, ["cases", "sanction-stats", "--user", leader.username, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"sanctioned": 2, "lighter": 1}


def test_a_temuan_registers_with_the_terlapor_and_the_material_requirements(world):
    from netra.cases.models import Kind

    case = case_in(world, "kajian_awal")
    Case.objects.filter(pk=case.pk).update(kind=Kind.TEMUAN)  # a finding has no pelapor to check
    case = Case.objects.get(pk=case.pk)
    kajian_awal(world, case, formil_terlapor=True, materiel_waktu_tempat=True, materiel_uraian=True)
    assert refused(lambda: register(world, case)) == {
        "materiel": ["Syarat materiel belum terpenuhi dalam kajian awal: bukti."]
    }
    kajian_awal(
        world,
        case,
        formil_terlapor=True,
        materiel_waktu_tempat=True,
        materiel_uraian=True,
        materiel_bukti=True,
    )
    assert register(world, case).status == Status.DIREGISTRASI
