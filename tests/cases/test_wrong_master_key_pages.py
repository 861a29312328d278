"""A case page or API answer that must open a sealed identity, on a server with the wrong master key:
503 with a clear message (a page, or JSON under /api/), never a traceback."""

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.core.crypto import new_key_text
from tests.cases.helpers import case_in
from tests.cases.test_api import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(world, settings, tmp_path):
    settings.NETRA_MASTER_KEY = ""
    settings.NETRA_KEY_DIR = tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    return case_in(world, "diterima")


def test_the_case_page_and_the_api_answer_503_with_the_wrong_key(world, settings, reported):
    handler = world["staff"]["bintan"][Role.PIMPINAN]
    settings.NETRA_MASTER_KEY = new_key_text()
    browser = Client(raise_request_exception=False)
    browser.force_login(handler)
    page = browser.get(f"/kasus/{reported.pk}/")
    assert page.status_code == 503
    assert "Kunci enkripsi server tidak tersedia atau salah" in page.content.decode()
    api = client_for(handler)
    api.raise_request_exception = False
    answer = api.get(f"/api/v1/cases/{reported.pk}")
    assert answer.status_code == 503 and answer["Content-Type"].startswith("application/json")
    assert "Kunci enkripsi" in answer.json()["detail"]


def test_an_evidence_download_answers_503_with_the_wrong_key_and_is_not_audited(world, settings, reported):
    from netra.audit.models import Event

    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    item = reported.evidence.get()
    settings.NETRA_MASTER_KEY = new_key_text()
    browser = Client(raise_request_exception=False)
    browser.force_login(handler)
    answer = browser.get(f"/kasus/{reported.pk}/bukti/{item.pk}/unduh/")
    assert answer.status_code == 503
    assert "Kunci enkripsi server tidak tersedia atau salah" in answer.content.decode()
    assert not Event.objects.filter(action="case.evidence.download").exists()
