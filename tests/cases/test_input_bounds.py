"""Inputs that used to crash the server (500) answer a clear 400/404/422 instead, on every path.

Integers beyond a 64-bit database column, NUL and other control characters, bidi overrides and
over-long texts reach the same shared input types (``netra.core.schemas``) and validators everywhere.
"""

import pytest
from django.test import Client

from netra.cases.models import Case
from tests.cases.test_api import report_form

pytestmark = pytest.mark.django_db

HUGE = str(2**63)
HUGER = "9" * 40


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


PUBLIC_GETS = [
    "/api/v1/registry/regions/%00",
    "/api/v1/registry/regions/21%00",
    f"/api/v1/registry/agencies/{HUGE}",
    f"/api/v1/registry/agencies/{HUGER}",
    f"/api/v1/registry/agencies?offset={HUGE}",
    f"/api/v1/registry/agencies?limit={HUGE}",
    f"/api/v1/registry/agencies?parent={HUGE}",
    "/api/v1/registry/agencies?q=%00",
    "/api/v1/registry/agencies?region=%00",
    "/api/v1/registry/regions?parent=%00",
    "/api/v1/registry/regions/search?q=%00",
    "/api/v1/registry/regions/resolve?q=%00",
    f"/api/v1/registry/regions/search?q=a&limit={HUGE}",
    "/api/v1/cases/elections?region=%00",
    "/registri/wilayah/%00/",
    "/registri/wilayah/%00/anak",
    "/registri/wilayah/cari?q=%00",
    "/registri/instansi/?q=%00",
    f"/registri/instansi/?parent={HUGE}",
    "/registri/instansi/cari?q=%00",
    "/kasus/wilayah/?q=%00",
    "/kasus/wilayah/?parent=%00",
    "/kasus/instansi/?q=%00",
    "/kasus/lacak/?code=%00",
    "/katalog/?q=%00",
]


@pytest.mark.parametrize("url", PUBLIC_GETS)
def test_public_reads_never_crash(world, url):
    answer = _client().get(url)
    assert answer.status_code < 500, (url, answer.status_code)


STAFF_GETS = [
    f"/api/v1/cases/?offset={HUGE}",
    f"/api/v1/cases/?limit={HUGE}",
    f"/api/v1/cases/?election={HUGE}",
    "/api/v1/cases/?q=%00",
    "/api/v1/cases/?region=%00",
    "/api/v1/cases/?status=%00",
    f"/api/v1/cases/{HUGE}",
    f"/api/v1/cases/{HUGE}/actions",
    f"/api/v1/cases/{HUGE}/evidence",
    f"/api/v1/cases/evidence/{HUGE}/file",
    f"/api/v1/registry/pegawai?agency_id={HUGE}",
    f"/api/v1/registry/pegawai?offset={HUGE}",
    "/api/v1/registry/pegawai?q=%00",
    "/api/v1/registry/pegawai?nip=%00",
    f"/api/v1/registry/pegawai/match?name=a&agency_id={HUGE}",
    f"/api/v1/registry/pegawai/match?name=a&limit={HUGE}",
    "/api/v1/registry/pegawai/match?name=%00",
    f"/api/v1/registry/pegawai/{HUGE}",
    f"/kasus/?election={HUGE}",
    "/kasus/?q=%00",
    "/kasus/?region=%00",
    f"/kasus/?page={HUGE}",
    f"/kasus/{HUGE}/",
    f"/registri/pegawai/?agency={HUGE}",
    "/registri/pegawai/?q=%00",
    f"/registri/pegawai/{HUGE}/",
    f"/api/v1/prevention/events?offset={HUGE}",
    f"/api/v1/prevention/events?election={HUGE}",
    f"/api/v1/prevention/events/{HUGE}",
    f"/api/v1/prevention/pledges/{HUGE}",
    f"/api/v1/prevention/pledges?agency={HUGE}",
]


@pytest.mark.parametrize("url", STAFF_GETS)
def test_staff_reads_never_crash(world, url):
    answer = _client(world["staff"]["bintan"]["pimpinan"]).get(url)
    assert answer.status_code < 500, (url, answer.status_code)


@pytest.mark.parametrize(
    "field,value",
    [
        ("election", HUGE),
        ("description", "ada NUL\x00 di sini"),
        ("reporter_name", "Siti\x00"),
        ("reporter_name", "Siti \u202enamA"),
        ("terlapor_name", "Budi\u2066"),
        ("description", "x" * 1_000_001),
        ("region", "21.01\x00"),
        ("terlapor_agency_name", "\x1b[31m"),
        ("witness_name", "Saksi\x00"),
        ("reporter_email", "a@b.id\x00"),
        ("terlapor_nip", "1985\x00"),
        ("terlapor_subject_type", "PNS\x00"),
        ("links", "https://contoh.id/\x00"),
    ],
)
def test_api_report_with_a_bad_value_is_refused_and_stores_nothing(world, field, value):
    answer = _client().post("/api/v1/cases/reports", report_form(world, **{field: value}))
    assert answer.status_code in (400, 422), answer.content[:300]
    body = answer.json()
    assert set(body) == {"detail", "errors"} and body["errors"]
    assert not Case.objects.exists()


def test_an_upload_named_with_a_nul_is_refused_and_stores_nothing(world):
    from tests.cases.helpers import photo

    answer = _client().post("/api/v1/cases/reports", {**report_form(world), "files": [photo("a\x00.jpg")]})
    assert answer.status_code in (201, 400, 422), answer.content[:300]
    names = [e.original_name for case in Case.objects.all() for e in case.evidence.all()]
    assert all("\x00" not in name for name in names)


def test_the_api_names_the_bound_in_indonesian(world):
    answer = _client().get(f"/api/v1/registry/agencies?offset={HUGE}")
    assert answer.status_code == 422
    assert answer.json()["errors"] == {"offset": ["Angka di luar batas yang diizinkan."]}


def test_a_nul_in_a_json_body_is_refused_before_any_query(world):
    user = world["staff"]["bintan"]["pimpinan"]
    answer = _client(user).post(
        "/api/v1/cases/1/comments", '{"body": "a\\u0000b"}', content_type="application/json"
    )
    assert answer.status_code == 400
    assert answer.json() == {"detail": "Permintaan berisi karakter NUL yang tidak diizinkan.", "errors": {}}


def test_an_escaped_backslash_before_u0000_is_plain_text_not_nul():
    from netra.core.inputs import json_has_nul

    assert json_has_nul(rb'{"a": "x\u0000"}')
    assert not json_has_nul(rb'{"a": "x\\u0000"}')
    assert json_has_nul(rb'{"a": "x\\\u0000"}')


def test_a_nul_in_an_html_url_gets_a_page_in_indonesian(world):
    answer = _client().get("/registri/wilayah/%00/")
    assert answer.status_code == 400
    assert "Permintaan tidak valid" in answer.content.decode()


def test_the_public_form_refuses_a_nul_on_its_field(world):
    from tests.cases.test_views_public import form_data

    data = form_data(world["elections"]["pilkada"], description="uraian\x00")
    answer = _client().post("/kasus/lapor/", data)
    assert answer.status_code == 400
    assert "Karakter null tidak diizinkan." in answer.content.decode()  # Django's CharField, in Indonesian
    assert "<form" in answer.content.decode()  # the form again, with what was typed, not an error page
    assert not Case.objects.exists()
