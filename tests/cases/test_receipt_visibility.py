"""The receipt code (the reporter's only key to their report) is shown on the case page only to the
roles the API shows it to: the handling office's pimpinan and staf penanganan."""

import pytest
from django.test import Client

from netra.accounts.models import Role
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db


def _page(world, office: str, role: str, case) -> str:
    client = Client()
    client.force_login(world["staff"][office][role])
    answer = client.get(f"/kasus/{case.pk}/")
    assert answer.status_code == 200
    return answer.content.decode()


@pytest.mark.parametrize("role", [Role.PIMPINAN, Role.STAF_PENANGANAN])
def test_the_handlers_see_the_receipt_code(world, role):
    case = case_in(world, "diterima")
    assert case.receipt_display in _page(world, "bintan", role, case)


@pytest.mark.parametrize(
    "office,role", [("bintan", Role.ANALIS), ("bintan", Role.PENGAWAS), ("kepri", Role.PIMPINAN)]
)
def test_other_roles_see_no_receipt_code_not_even_in_the_breadcrumb(world, office, role):
    case = case_in(world, "diterima")
    page = _page(world, office, role, case)
    assert case.receipt_display not in page and case.receipt_code not in page
    assert case.title[:20] in page  # the breadcrumb names the case by its title instead


ROLE_MATRIX = [
    ("bintan", Role.PIMPINAN, True),
    ("bintan", Role.STAF_PENANGANAN, True),
    ("bintan", Role.PENGAWAS, False),
    ("bintan", Role.ANALIS, False),
    ("kepri", Role.PIMPINAN, False),
    ("kepri", Role.STAF_PENANGANAN, False),
]


def _get(world, office: str, role: str, url: str, **params) -> str:
    client = Client()
    client.force_login(world["staff"][office][role])
    answer = client.get(url, params)
    assert answer.status_code == 200
    return answer.content.decode()


@pytest.mark.parametrize("office,role,sees", ROLE_MATRIX)
def test_the_case_list_shows_an_unregistered_cases_code_only_to_its_handlers(world, office, role, sees):
    case = case_in(world, "diterima")  # not registered yet: the list used to fall back on the code
    page = _get(world, office, role, "/kasus/")
    assert case.title[:20] in page
    assert (case.receipt_display in page) is sees
    assert case.receipt_code not in page


@pytest.mark.parametrize("office,role,sees", ROLE_MATRIX)
def test_the_queue_and_the_case_page_follow_the_same_rule(world, office, role, sees):
    case = case_in(world, "diterima")
    queue = _get(world, office, role, "/kasus/antrean/")
    assert case.receipt_display not in queue or sees
    page = _get(world, office, role, f"/kasus/{case.pk}/")
    assert (case.receipt_display in page) is sees


@pytest.mark.parametrize("office,role,sees", ROLE_MATRIX)
def test_searching_by_receipt_code_finds_the_case_only_for_who_may_see_the_code(world, office, role, sees):
    """Otherwise a search would tie a receipt code to its case for a role the code is hidden from."""
    case = case_in(world, "diterima")
    client = Client()
    client.force_login(world["staff"][office][role])
    page = client.get("/kasus/", {"q": case.receipt_display}).content.decode()
    assert (f"/kasus/{case.pk}/" in page) is sees
    from tests.cases.test_api import client_for

    found = client_for(world["staff"][office][role]).get("/api/v1/cases/", {"q": case.receipt_code}).json()
    assert ([c["id"] for c in found] == [case.pk]) is sees


@pytest.mark.parametrize("office,role,sees", ROLE_MATRIX)
def test_the_api_detail_follows_the_same_rule(world, office, role, sees):
    from tests.cases.test_api import client_for

    case = case_in(world, "diterima")
    answer = client_for(world["staff"][office][role]).get(f"/api/v1/cases/{case.pk}")
    assert answer.status_code == 200
    assert (answer.json()["receipt_code"] == case.receipt_display) is sees
    assert (
        case.receipt_code in answer.content.decode() or case.receipt_display in answer.content.decode()
    ) is sees


def test_api_tracking_takes_the_code_only_in_the_body(world):
    case = case_in(world, "diterima")
    client = Client()
    tracked = client.post("/api/v1/cases/track", {"code": case.receipt_code}, content_type="application/json")
    assert tracked.status_code == 200 and tracked.json()["status"] == case.status
    in_url = client.get(f"/api/v1/cases/track/{case.receipt_code}")
    assert in_url.status_code == 410 and case.receipt_code not in in_url.content.decode()
    assert client.get("/api/v1/cases/track", {"code": case.receipt_code}).status_code == 405
