"""Query counts of the roster search (by name and by filter), roster API, region and agency pages:
pinned, and flat in the number of rows."""

import pytest
from django.test import Client
from django.urls import reverse

from netra.accounts.services_tokens import token_create
from netra.registry.models import Pegawai
from netra.registry.services import roster_import
from tests.querycount import assert_flat
from tests.registry.conftest import HEADER
from tests.registry.factories import national_officer

pytestmark = pytest.mark.django_db
API = "/api/v1/registry"
MORE_ROWS = [
    f"19800101200501{n:04d},Djoko Santoso {name},Pemkab Bandung,,Guru,PNS,32.04.05"
    for n, name in enumerate(["Adi", "Bayu", "Citra", "Dewi", "Eka", "Fajar"], start=2001)
]


def _more_pegawai(tmp_path):
    def add():
        path = tmp_path / "more.csv"
        path.write_text("\n".join([HEADER, *MORE_ROWS]) + "\n", encoding="utf-8")
        assert roster_import(path=path).errors == []

    return add


def _session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(user) -> Client:
    _row, raw = token_create(user=user, name="hitung")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


ROSTER = {
    # (kind, url name or path, params): ceiling (today's count)
    ("html", "registry:pegawai", (("nama", "Djoko Santoso"),)): 7,
    ("html", "registry:pegawai", (("wilayah", "32"),)): 7,
    ("api", f"{API}/pegawai", (("q", "Djoko"),)): 3,
    ("api", f"{API}/pegawai/match", (("name", "Djoko Santoso"),)): 3,
}


@pytest.mark.parametrize(("kind", "where", "params"), sorted(ROSTER))
def test_roster_search_does_not_grow_with_rows(
    roster, tmp_path, django_assert_max_num_queries, kind, where, params
):
    officer = national_officer()
    client = _session(officer) if kind == "html" else _token(officer)
    url = reverse(where) if kind == "html" else where
    ceiling = ROSTER[(kind, where, params)]
    assert_flat(client, url, ceiling, django_assert_max_num_queries, _more_pegawai(tmp_path), dict(params))


@pytest.mark.parametrize("kind", ["html", "api"])
def test_roster_detail_is_pinned(roster, django_assert_max_num_queries, kind):
    officer = national_officer()
    one = Pegawai.objects.get(nip="198203042006041002")
    client = _session(officer) if kind == "html" else _token(officer)
    url = reverse("registry:pegawai_detail", args=[one.pk]) if kind == "html" else f"{API}/pegawai/{one.pk}"
    client.get(url)
    with django_assert_max_num_queries(6 if kind == "html" else 2):
        assert client.get(url).status_code == 200


def _more_agencies(tmp_path):
    from netra.registry.services import agencies_import

    def add():
        path = tmp_path / "more-units.csv"
        rows = "\n".join(f"Dinas Uji {n},Pemkab Bandung,dinas" for n in range(6))
        path.write_text(f"nama,induk,jenis_unit\n{rows}\n", encoding="utf-8")
        agencies_import(path=path)

    return add


PUBLIC = {
    ("html", "registry:agencies", (("q", "Bandung"),)): 3,
    ("html", "registry:agency_search", (("q", "Dinas"),)): 1,
    ("api", f"{API}/agencies", (("q", "Bandung"),)): 2,
}


@pytest.mark.parametrize(("kind", "where", "params"), sorted(PUBLIC))
def test_agency_lists_do_not_grow_with_agencies(
    agencies, tmp_path, django_assert_max_num_queries, kind, where, params
):
    url = reverse(where) if kind == "html" else where
    ceiling = PUBLIC[(kind, where, params)]
    assert_flat(Client(), url, ceiling, django_assert_max_num_queries, _more_agencies(tmp_path), dict(params))


@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/registri/wilayah/", 2),
        ("/registri/wilayah/32/", 5),
        ("/registri/wilayah/32.04/anak", 1),
        ("/registri/wilayah/cari?q=bandung", 6),
        (f"{API}/regions?parent=32", 1),
        (f"{API}/regions/32.04", 4),
    ],
)
def test_region_pages_are_pinned(regions, django_assert_max_num_queries, url, ceiling):
    # The region tree is reference data loaded once; its pages list one level, never per row.
    client = Client()
    client.get(url)
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200
