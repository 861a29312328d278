"""Reads that expose a reporter or evidence leave one audit event each; reads that do not, none."""

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.audit.models import Event
from tests.cases.helpers import JPEG, case_in
from tests.cases.test_api import client_for

pytestmark = pytest.mark.django_db


def events_after(seq: int, action: str) -> list[Event]:
    return list(Event.objects.filter(seq__gt=seq, action=action))


def newest_seq() -> int:
    return Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_case_page_audits_each_view_of_the_reporter(world):
    case = case_in(world, "diterima")
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    client, before = browser(handler), newest_seq()
    assert client.get(f"/kasus/{case.pk}/").status_code == 200
    assert client.get(f"/kasus/{case.pk}/").status_code == 200
    views = events_after(before, "case.reporter.view")
    assert [(e.actor, e.object_id, e.data) for e in views] == [
        (handler.username, str(case.pk), {"channel": "web"})
    ] * 2


def test_a_page_without_the_reporter_audits_no_identity_view(world):
    case = case_in(world, "diterima")
    before = newest_seq()
    assert browser(world["staff"]["kepri"][Role.PIMPINAN]).get(f"/kasus/{case.pk}/").status_code == 200
    assert events_after(before, "case.reporter.view") == []


def test_the_api_detail_audits_the_reporter_view(world):
    case = case_in(world, "diterima")
    handler = world["staff"]["bintan"][Role.PIMPINAN]
    client, before = client_for(handler), newest_seq()
    response = client.get(f"/api/v1/cases/{case.pk}")
    assert response.status_code == 200 and response.json()["reporter"]["name"]
    assert [e.data for e in events_after(before, "case.reporter.view")] == [{"channel": "api"}]


def test_evidence_downloads_are_audited_on_the_web_and_the_api(world):
    case = case_in(world, "diterima")
    item = case.evidence.get()
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    before = newest_seq()
    response = browser(handler).get(f"/kasus/{case.pk}/bukti/{item.pk}/unduh/")
    assert response.status_code == 200 and response["Content-Length"] == str(item.size)
    assert b"".join(response.streaming_content) == JPEG
    response = client_for(handler).get(f"/api/v1/cases/evidence/{item.pk}/file")
    assert response.status_code == 200 and response["Content-Length"] == str(item.size)
    assert b"".join(response.streaming_content) == JPEG
    downloads = events_after(before, "case.evidence.download")
    assert [(e.object_type, e.object_id, e.data["channel"]) for e in downloads] == [
        ("cases.evidence", str(item.pk), "web"),
        ("cases.evidence", str(item.pk), "api"),
    ]
    assert downloads[0].data["sha256"] == item.sha256


def test_a_refused_download_is_not_audited_as_a_download(world):
    case = case_in(world, "diterima")
    item = case.evidence.get()
    before = newest_seq()
    outsider = world["staff"]["lingga"][Role.PIMPINAN]
    assert browser(outsider).get(f"/kasus/{case.pk}/bukti/{item.pk}/unduh/").status_code == 404
    assert events_after(before, "case.evidence.download") == []
