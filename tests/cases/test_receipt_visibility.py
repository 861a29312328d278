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
