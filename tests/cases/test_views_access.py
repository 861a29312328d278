"""Page-level access matrix: every staff page against every role and office around the handling one.

The case lies in Kecamatan Bintan Timur (21.01.06), handled by Bawaslu Kabupaten Bintan:
own = Bintan, parent = Provinsi Kepri, national = RI, sibling = Lingga, child = Panwaslu Kecamatan
Gunung Kijang (another kecamatan of Bintan), unrelated = Kabupaten Bandung, Provinsi Jawa Barat, and
BKN / PPK before any recommendation reaches them.
"""

import pytest
from django.urls import reverse

from netra.accounts.models import Role

pytestmark = pytest.mark.django_db

SEES = {"bintan", "kepri", "ri"}
OFFICES = ["bintan", "kepri", "ri", "lingga", "gunung_kijang", "bandung", "jabar", "bkn", "ppk_bintan"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def case(submit):
    return submit(region="21.01.06", title="Kasus di Bintan Timur")


def _pages(case):
    evidence = case.evidence.get()
    return {
        "detail": reverse("cases:detail", args=[case.pk]),
        "evidence": reverse("cases:evidence_download", args=[case.pk, evidence.pk]),
    }


@pytest.mark.parametrize("office", OFFICES)
@pytest.mark.parametrize(
    "role", [Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS, Role.ANALIS, Role.ADMIN]
)
def test_case_pages_answer_200_inside_jurisdiction_and_404_outside(client, world, case, office, role):
    client.force_login(world["staff"][office][role])
    pages = _pages(case)
    expected = 200 if office in SEES else 404
    assert client.get(pages["detail"]).status_code == expected
    # Evidence: same territory rule, and never for analis (statistics only).
    assert client.get(pages["evidence"]).status_code == (expected if role != Role.ANALIS else 404)
    listed = client.get(reverse("cases:list")).content.decode()
    assert ("Kasus di Bintan Timur" in listed) == (office in SEES)


@pytest.mark.parametrize("office", OFFICES)
def test_queue_holds_the_case_only_for_the_handling_office(client, world, case, office):
    client.force_login(world["staff"][office][Role.PIMPINAN])
    queue = client.get(reverse("cases:queue")).content.decode()
    assert ("Kasus di Bintan Timur" in queue) == (office == "bintan")


@pytest.mark.parametrize("office", OFFICES)
def test_only_the_handling_office_can_act(client, world, case, office):
    client.force_login(world["staff"][office][Role.PIMPINAN])
    response = client.post(reverse("cases:transition", args=[case.pk, "start_kajian_awal"]))
    expected = 302 if office == "bintan" else 403 if office in SEES else 404
    assert response.status_code == expected


def test_anonymous_visitor_is_sent_to_login_from_every_staff_page(client, world, case):
    pages = [
        *_pages(case).values(),
        reverse("cases:queue"),
        reverse("cases:list"),
        reverse("cases:temuan_new"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    post = client.post(reverse("cases:transition", args=[case.pk, "start_kajian_awal"]))
    assert post.status_code == 302


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("bintan", Role.PENGAWAS, 200),
        ("bintan", Role.PIMPINAN, 200),
        ("gunung_kijang", Role.PENGAWAS, 200),
        ("bintan", Role.STAF_PENANGANAN, 403),
        ("bintan", Role.ANALIS, 403),
        ("bkn", Role.PIMPINAN, 403),
        ("ppk_bintan", Role.PIMPINAN, 403),
    ],
)
def test_temuan_form_is_for_supervisors(client, world, office, role, expected):
    client.force_login(world["staff"][office][role])
    assert client.get(reverse("cases:temuan_new")).status_code == expected


def test_public_pages_need_no_account(client, world):
    for name in ("cases:report", "cases:track"):
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("home")).status_code == 200


def test_outside_jurisdiction_page_explains_without_leaking(client, world, case, settings):
    settings.DEBUG = False
    client.force_login(world["staff"]["lingga"][Role.PIMPINAN])
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "di luar wilayah kewenangan kantor Anda" in page
    assert "Kasus di Bintan Timur" not in page
