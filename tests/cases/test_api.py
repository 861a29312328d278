"""The REST API end to end: public reporting and tracking, scoped staff endpoints, OpenAPI."""

from datetime import timedelta

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.accounts.services import token_create
from netra.cases.models import Case
from tests.cases.helpers import JPEG, KAJIAN_AWAL_MET, act, case_in, photo

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cases"


def client_for(user) -> Client:
    _token, raw = token_create(user=user, name="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def report_form(world, **overrides):
    form = {
        "election": world["elections"]["pilkada"].pk,
        "region": "21.01.04",
        "description": "Camat mengarahkan perangkat desa mendukung calon.",
        "place": "Kantor Camat",
        "reporter_name": "Rahmat",
        "reporter_address": "Kijang",
        "terlapor_name": "Pak Camat",
        "terlapor_subject_type": "PNS",
    }
    form.update(overrides)
    return form


def test_public_report_with_a_photo_then_tracking(world):
    form = {**report_form(world, anonymous="true"), "files": [photo()], "links": ["https://example.org/v/1"]}
    response = Client().post(f"{BASE}/reports", form)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "informasi_awal" and len(body["receipt_code"]) == 14
    assert "Nama pelapor" in body["check"]["missing"] and body["check"]["anonymous"] is True
    case = Case.objects.get()
    assert case.evidence.count() == 2
    tracked = Client().post(
        body["track_url"], {"code": body["receipt_code"]}, content_type="application/json"
    )
    assert tracked.status_code == 200
    assert tracked.json()["status"] == "informasi_awal"
    for secret in ("Rahmat", "Camat", "Kijang"):
        assert secret not in tracked.content.decode()


def test_public_report_rejects_a_disguised_file_and_keeps_nothing(world):
    bad = photo("foto.jpg", b"<html><script>alert(1)</script></html>")
    response = Client().post(f"{BASE}/reports", {**report_form(world), "files": [bad]})
    assert response.status_code == 400
    assert "foto.jpg" in response.json()["detail"]
    assert Case.objects.count() == 0


def test_public_report_field_errors(world):
    response = Client().post(f"{BASE}/reports", report_form(world, region="99.99", description=" "))
    assert response.status_code == 400
    assert {"region", "description"} <= set(response.json()["errors"])


def test_report_check_before_submit(world):
    response = Client().post(
        f"{BASE}/reports/check", report_form(world, reporter_name=""), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["anonymous"] is True and response.json()["window"] == "unknown"


def test_track_unknown_code_is_404(world):
    response = Client().post(f"{BASE}/track", {"code": "K7QM-3XTP-9HRA"}, content_type="application/json")
    assert response.status_code == 404 and response.json()["detail"]


def test_lookups_are_public(world):
    elections = Client().get(f"{BASE}/elections").json()
    assert {e["name"] for e in elections} == {"Pilkada Uji", "Pemilu Uji"}
    types = Client().get(f"{BASE}/violation-types").json()
    assert any(t["code"] == "D-6" for t in types)


def test_staff_endpoints_need_credentials(world):
    assert Client().get(f"{BASE}/").status_code == 401


def test_scoped_list_and_404_outside_jurisdiction(world):
    case = case_in(world, "diterima")
    bintan = client_for(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    lingga = client_for(world["staff"]["lingga"][Role.STAF_PENANGANAN])
    assert [c["id"] for c in bintan.get(f"{BASE}/").json()] == [case.pk]
    assert lingga.get(f"{BASE}/").json() == []
    assert lingga.get(f"{BASE}/{case.pk}").status_code == 404
    detail = bintan.get(f"{BASE}/{case.pk}").json()
    assert detail["reporter"]["name"] == "Siti Aminah" and detail["receipt_code"]
    province = client_for(world["staff"]["kepri"][Role.PIMPINAN]).get(f"{BASE}/{case.pk}").json()
    assert province["reporter"] is None and province["receipt_code"] is None


def test_list_filters(world):
    case_in(world, "diterima")
    decided = case_in(world, "diputus")
    client = client_for(world["staff"]["bintan"][Role.PIMPINAN])
    assert [c["id"] for c in client.get(f"{BASE}/?status=diputus").json()] == [decided.pk]
    assert [c["id"] for c in client.get(f"{BASE}/?violation_code=D-6").json()] == [decided.pk]
    assert len(client.get(f"{BASE}/?q=budi").json()) == 2
    assert client.get(f"{BASE}/?region=21.04").json() == []


def test_transitions_through_the_api(world):
    case = case_in(world, "diterima")
    staf = client_for(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    analis = client_for(world["staff"]["bintan"][Role.ANALIS])
    url = f"{BASE}/{case.pk}/transitions"
    assert [a["name"] for a in staf.get(f"{BASE}/{case.pk}/actions").json()] == ["start_kajian_awal"]
    denied = analis.post(url, {"action": "start_kajian_awal"}, content_type="application/json")
    assert denied.status_code == 403 and denied.json()["detail"]
    moved = staf.post(url, {"action": "start_kajian_awal"}, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["status"] == "kajian_awal"
    pimpinan = client_for(world["staff"]["bintan"][Role.PIMPINAN])
    bad = pimpinan.post(
        url, {"action": "reject", "reason": "x", "reason_code": "nope"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "reason_code" in bad.json()["errors"]
    refused = pimpinan.post(url, {"action": "register"}, content_type="application/json")
    assert refused.status_code == 400 and "kajian" in refused.json()["errors"]
    kajian = {
        "stage": "awal",
        "analysis": "Syarat lengkap.",
        "conclusion": "Dapat diregistrasi.",
        **dict.fromkeys(KAJIAN_AWAL_MET, True),
    }
    written = staf.post(f"{BASE}/{case.pk}/kajian", kajian, content_type="application/json")
    assert written.status_code == 201 and written.json()["stage"] == "awal"
    ok = pimpinan.post(url, {"action": "register"}, content_type="application/json")
    assert ok.json()["register_number"].startswith("001/Reg/LP/PW/Kab/21.01/")


def test_evidence_upload_and_download_bytes_unchanged(world):
    case = case_in(world, "kajian_awal")
    client = client_for(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    response = client.post(f"{BASE}/{case.pk}/evidence", {"files": [photo("bukti2.jpg")]})
    assert response.status_code == 201, response.content
    item = response.json()[0]
    download = client.get(item["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == JPEG


def test_temuan_through_the_api(world):
    client = client_for(world["staff"]["bintan"][Role.PENGAWAS])
    payload = {
        "election": world["elections"]["pilkada"].pk,
        "region": "21.01.06",
        "description": "Lurah memasang baliho calon di kantor kelurahan.",
        "place": "Kantor Lurah",
        "terlapor": [{"name": "Lurah X", "subject_type": "PNS"}],
        "observation": {"observed_at": "2024-10-01T09:00:00+07:00", "method": "Patroli", "what": "Baliho"},
    }
    response = client.post(f"{BASE}/temuan", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "temuan"


def test_openapi_and_docs_are_served(world):
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/cases/reports" in paths and "/api/v1/cases/{case_id}/transitions" in paths
    assert Client().get("/api/v1/docs").status_code == 200


def test_public_reports_are_throttled_per_address(world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.NETRA_PUBLIC_REPORT_RATE = "2/m"
    form = report_form(world, anonymous="true")
    codes = [Client(REMOTE_ADDR="10.9.8.7").post(f"{BASE}/reports", form).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert Client(REMOTE_ADDR="10.9.8.8").post(f"{BASE}/reports", form).status_code == 201
    assert Case.objects.count() == 3
    cache.clear()


def test_list_query_count_does_not_grow_with_cases(world, django_assert_max_num_queries):
    for _ in range(6):
        case_in(world, "diterima")
    client = client_for(world["staff"]["bintan"][Role.PIMPINAN])
    with django_assert_max_num_queries(8):
        response = client.get(f"{BASE}/")
    assert len(response.json()) == 6


def test_a_body_that_does_not_match_the_schema_is_422_in_the_documented_shape(world):
    bad = {"election": "abc", "region": "21.01.04", "known_on": "2024-99-01"}
    response = Client().post(f"{BASE}/reports/check", bad, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"detail", "errors"} and isinstance(body["detail"], str)
    assert body["errors"]["election"] == ["Harus berupa bilangan bulat."]
    assert body["errors"]["description"] == ["Wajib diisi."]
    assert body["errors"]["known_on"] == ["Tanggal tidak valid (format TTTT-BB-HH)."]


def test_api_errors_follow_the_request_language(world):
    bad = {"election": "abc", "region": "21.01.04", "description": "x"}
    english = Client().post(
        f"{BASE}/reports/check", bad, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 422
    assert english.json()["errors"]["election"] == ["Must be a whole number."]
    refused = Client().post(
        f"{BASE}/reports", report_form(world, terlapor_nip="123"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400 and "Invalid NIP" in refused.json()["errors"]["terlapor.0.nip"][0]
    indonesian = Client().post(f"{BASE}/reports", report_form(world, terlapor_nip="123"))
    assert "NIP tidak valid" in indonesian.json()["errors"]["terlapor.0.nip"][0]
    assert Case.objects.count() == 0


def test_the_api_stores_no_nip_the_form_would_refuse(world):
    # Without a status the API used to take any digits: "123" was stored as a NIP.
    unknown_status = report_form(world, terlapor_nip="123", terlapor_subject_type="")
    response = Client().post(f"{BASE}/reports", unknown_status)
    assert response.status_code == 400 and "terlapor.0.nip" in response.json()["errors"]
    assert Case.objects.count() == 0


def test_unknown_case_is_a_translated_404_in_the_documented_shape(world):
    client = client_for(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    response = client.get(f"{BASE}/999999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and response.json() == {"detail": "Not found.", "errors": {}}
    region = Client().get("/api/v1/registry/regions/99.99")
    assert region.status_code == 404 and region.json()["detail"] == "Tidak ditemukan."


def test_elections_can_be_narrowed_to_a_region(world):
    from netra.cases.models import Election
    from netra.registry.models import Region

    Election.objects.create(
        name="Pilkada Lingga Uji",
        regime="pemilihan",
        voting_day=world["elections"]["pilkada"].voting_day,
        region=Region.objects.get(code="21.04"),
    )
    names = {e["name"] for e in Client().get(f"{BASE}/elections?region=21.01.04").json()}
    assert names == {"Pilkada Uji", "Pemilu Uji"}
    lingga = {e["name"] for e in Client().get(f"{BASE}/elections?region=21.04.01").json()}
    assert lingga == {"Pilkada Uji", "Pemilu Uji", "Pilkada Lingga Uji"}


def test_incident_outside_the_election_period_needs_confirm_period(world):
    old = world["elections"]["pilkada"].voting_day - timedelta(days=400)
    form = report_form(world, occurred_on=old.isoformat(), known_on=old.isoformat())
    check = Client().post(f"{BASE}/reports/check", form, content_type="application/json").json()
    assert check["warnings"] and "di luar masa pengawasan Pilkada Uji" in check["warnings"][0]
    refused = Client().post(f"{BASE}/reports", form)
    assert refused.status_code == 400 and "confirm_period" in refused.json()["errors"]
    assert Case.objects.count() == 0
    accepted = Client().post(f"{BASE}/reports", {**form, "confirm_period": "true"})
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["check"]["warnings"]


def test_detail_and_queue_query_counts_do_not_grow_with_terlapor(world, django_assert_max_num_queries):
    cases = [case_in(world, "diterima") for _ in range(4)]
    for case in cases:
        for number in range(3):
            case.terlapor.create(name=f"Terlapor {number}", subject_type="PNS")
    client = client_for(world["staff"]["bintan"][Role.PIMPINAN])
    with django_assert_max_num_queries(10):
        queue = client.get(f"{BASE}/queue")
    assert len(queue.json()) == 4
    with django_assert_max_num_queries(25):
        detail = client.get(f"{BASE}/{cases[0].pk}")
    assert len(detail.json()["terlapor"]) == 4


def test_a_clarification_is_recorded_only_on_its_own_case_inside_jurisdiction(world):
    """The record endpoint finds the clarification through the selector: another case's clarification
    is this endpoint's own 404, a case outside the office's territory the generic one; both, and an
    unknown receipt code, in the documented error shape."""
    case, other = case_in(world, "klarifikasi"), case_in(world, "klarifikasi")
    staf = client_for(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    invite = {
        "party": "terlapor",
        "person_name": "Budi",
        "scheduled_at": "2024-10-01T09:00:00+07:00",
        "place": "Kantor",
    }
    made = staf.post(f"{BASE}/{other.pk}/clarifications", invite, content_type="application/json").json()
    record = {"held_at": "2024-10-01T10:00:00+07:00", "record": "Hadir.", "attendance": "hadir"}
    path = f"{BASE}/{{case}}/clarifications/{made['id']}/record"
    wrong_case = staf.post(path.format(case=case.pk), record, content_type="application/json")
    assert wrong_case.status_code == 404
    assert wrong_case.json() == {"detail": "Undangan klarifikasi tidak ditemukan.", "errors": {}}
    lingga = client_for(world["staff"]["lingga"][Role.STAF_PENANGANAN])
    outside = lingga.post(path.format(case=other.pk), record, content_type="application/json")
    assert outside.status_code == 404 and outside.json() == {"detail": "Tidak ditemukan.", "errors": {}}
    unknown = Client().post(f"{BASE}/track", {"code": "K7QM-3XTP-9HRA"}, content_type="application/json")
    assert unknown.json() == {"detail": "Kode tanda terima tidak ditemukan.", "errors": {}}


def test_clarification_and_sanction_through_the_api(world):
    case = case_in(world, "klarifikasi")
    staf = client_for(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    invite = {
        "party": "terlapor",
        "person_name": "Budi Santoso",
        "scheduled_at": "2024-10-01T09:00:00+07:00",
        "place": "Kantor Bawaslu",
    }
    made = staf.post(f"{BASE}/{case.pk}/clarifications", invite, content_type="application/json")
    assert made.status_code == 201 and made.json()["attendance"] == "belum"
    held = staf.post(
        f"{BASE}/{case.pk}/clarifications/{made.json()['id']}/record",
        {
            "held_at": "2024-10-01T10:00:00+07:00",
            "record": "Terlapor tidak hadir.",
            "attendance": "tidak_hadir",
        },
        content_type="application/json",
    )
    assert held.status_code == 200 and held.json()["attendance"] == "tidak_hadir"
    for action, who, params in (
        ("start_kajian", "staf_penanganan", {}),
        ("decide", "pimpinan", {"outcome": "terbukti", "violation_code": "D-6"}),
        ("forward_recommendation", "pimpinan", {"letter_number": "9/PP.01/XI"}),
    ):
        case = act(world, Case.objects.get(pk=case.pk), action, who, params)
    bkn = client_for(world["staff"]["bkn"][Role.STAF_PENANGANAN])
    followup = {
        "action": "record_followup",
        "sanction_code": "pp94-sedang-a",
        "imposed_by": "Bupati Bintan",
        "imposed_on": "2024-10-20",
        "letter_number": "800/1",
    }
    refused = bkn.post(f"{BASE}/{case.pk}/transitions", followup, content_type="application/json")
    assert refused.status_code == 400 and "lighter_reason" in refused.json()["errors"]
    done = bkn.post(
        f"{BASE}/{case.pk}/transitions",
        {**followup, "lighter_reason": "Pertama kali."},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["sanction_lighter"] is True
    assert done.json()["followups"][0]["lighter"] is True


def test_a_region_code_with_a_nul_is_refused_not_looked_up(world):
    # PostgreSQL cannot even compare a NUL: the lookup used to fail with a server error there.
    response = Client().post(f"{BASE}/reports", report_form(world, region="21.01\x0004"))
    assert response.status_code == 400 and "region" in response.json()["errors"]
    assert Case.objects.count() == 0
