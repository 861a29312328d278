"""Who reads and triages monitoring items: the access matrix over the scoping rules, every page,
every action and the queue API. Out of jurisdiction (and BKN/PPK offices) is a 404."""

import pytest
from django.contrib.auth.models import AnonymousUser

from netra.accounts.scoping import SUPERVISE, VIEW, can, restrict
from netra.monitoring.models import Item, Source, WatchedAccount

pytestmark = pytest.mark.django_db

# office key -> sees (and triages) the Gunung Kijang item of the Bintan source
MATRIX = {
    "bintan": True,
    "kepri": True,
    "ri": True,
    "gunung_kijang": True,  # the item lies in its kecamatan
    "lingga": False,
    "bandung": False,
    "jabar": False,
    "bkn": False,  # BKN and PPK offices do not triage
    "ppk_bintan": False,
}


@pytest.fixture
def bintan_item(make_item, make_cluster, roster, world):
    item = make_item(author_matches=[])
    make_cluster([item, make_item()])
    WatchedAccount.objects.create(platform="x", handle="akun.bintan", office=world["offices"]["bintan"])
    return item


def _pages(item) -> list[str]:
    return [
        f"/pemantauan/butir/{item.pk}/",
    ]


def _posts(item, officer_pk: int) -> list[tuple[str, dict]]:
    return [
        (f"/pemantauan/butir/{item.pk}/tugaskan/", {"assignee": officer_pk}),
        (f"/pemantauan/butir/{item.pk}/abaikan/", {"reason": "Bukan ASN."}),
        (f"/pemantauan/butir/{item.pk}/pantau/", {"pegawai": ""}),
        (f"/pemantauan/butir/{item.pk}/temuan/", {}),
        (f"/pemantauan/butir/{item.pk}/klaster/", {"action": "dismiss", "reason": "Spam."}),
    ]


@pytest.mark.parametrize(("office", "sees"), MATRIX.items())
def test_access_matrix_rows_and_can(office, sees, bintan_item, officer):
    user = officer(office)
    assert restrict(Item.objects.all(), user, VIEW).filter(pk=bintan_item.pk).exists() is sees
    assert restrict(Item.objects.all(), user, SUPERVISE).filter(pk=bintan_item.pk).exists() is sees
    assert can(user, bintan_item, VIEW) is sees and can(user, bintan_item, SUPERVISE) is sees
    watched = WatchedAccount.objects.get()
    office_sees_bintan_office = office in ("bintan", "kepri", "ri")
    assert restrict(WatchedAccount.objects.all(), user, VIEW).exists() is office_sees_bintan_office
    assert can(user, watched, SUPERVISE) is office_sees_bintan_office
    source = Source.objects.get(name="Ekspor X Bintan")
    assert restrict(Source.objects.filter(pk=source.pk), user, VIEW).exists() is office_sees_bintan_office


@pytest.mark.parametrize(("office", "sees"), MATRIX.items())
def test_access_matrix_pages_and_actions(office, sees, bintan_item, officer, client, world):
    user = officer(office)
    client.force_login(user)
    queue = client.get("/pemantauan/")
    supervisory = office not in ("bkn", "ppk_bintan")
    assert queue.status_code == (200 if supervisory else 404)
    if supervisory:
        assert (f"/pemantauan/butir/{bintan_item.pk}/" in queue.content.decode()) is sees
    for url in _pages(bintan_item):
        assert client.get(url).status_code == (200 if sees else 404), url
    for url, data in _posts(bintan_item, user.pk):
        response = client.post(url, data)
        if sees:
            assert response.status_code in (302, 403), url
        else:
            assert response.status_code == 404, url
    bintan_item.refresh_from_db()
    if not sees:
        assert bintan_item.triage == Item.Triage.NEW and bintan_item.case_id is None
    assert client.get("/pemantauan/akun/").status_code == (200 if supervisory else 404)
    api = client.get("/api/v1/monitoring/queue?status=semua")
    assert api.status_code == (200 if supervisory else 404)
    if supervisory:
        assert (bintan_item.pk in [row["id"] for row in api.json()]) is sees


def test_the_public_sees_nothing(bintan_item, client):
    assert not restrict(Item.objects.all(), AnonymousUser(), VIEW).exists()
    assert client.get("/pemantauan/").status_code == 302  # to the login page
    assert client.get(f"/pemantauan/butir/{bintan_item.pk}/").status_code == 302
    assert client.get("/api/v1/monitoring/queue").status_code == 401


def test_an_item_without_a_region_counts_in_its_source_office_region(make_item, officer):
    item = make_item(region="", source="lingga")
    assert can(officer("lingga"), item, VIEW)
    assert not can(officer("bintan"), item, VIEW)
    assert restrict(Item.objects.all(), officer("kepri"), VIEW).filter(pk=item.pk).exists()


def test_analyst_reads_but_cannot_triage(bintan_item, officer, client):
    from netra.accounts.models import Role

    client.force_login(officer("bintan", Role.ANALIS))
    assert client.get(f"/pemantauan/butir/{bintan_item.pk}/").status_code == 200
    response = client.post(f"/pemantauan/butir/{bintan_item.pk}/abaikan/", {"reason": "x"})
    assert response.status_code == 403
    bintan_item.refresh_from_db()
    assert bintan_item.triage == Item.Triage.NEW
