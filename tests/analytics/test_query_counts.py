"""Query counts of the statistics pages and downloads: pinned, and flat in the number of cases."""

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.analytics import services
from tests.querycount import assert_flat

pytestmark = pytest.mark.django_db

# Ceilings are today's counts (a baseline): lower one when a change saves a query; raise one only
# with the reason in the commit message.
PAGES = {
    # the region figure (a grouped query and its labels), the map's regions and boundaries, the
    # tally's timestamp, session and user; the other figures come in their own requests
    "/statistik/": 15,
    "/statistik/angka/agency/": 9,
    "/statistik/angka/month/": 8,
    "/statistik/angka/deadlines/": 9,
    "/statistik/peta/": 11,
    "/statistik/indeks/": 9,
    # the figure or the list, the count, and the audit event (chain head lock and append)
    "/statistik/ekspor/statistik.csv?by=agency": 14,
    "/statistik/ekspor/kasus.csv": 12,
}
PUBLIC = {"/statistik/terbuka/": 5, "/statistik/terbuka.csv": 5}


def _more(make_case, agencies):
    def add():
        for region in ("21.01.04", "21.01.06", "21.04.01", "32.04.05"):
            make_case(region, violation="D-6", proven=True, to_ppk=True, agency=agencies["bintan"])

    return add


@pytest.mark.parametrize("tally", [False, True], ids=["live", "tally"])
@pytest.mark.parametrize("url", sorted(PAGES))
def test_statistics_pages_do_not_grow_with_cases(
    world, make_case, agencies, django_assert_max_num_queries, url, tally
):
    make_case("21.01.04", violation="D-1", agency=agencies["lingga"])  # every label query runs once
    if tally:
        services.tally_refresh()
    client = Client()
    client.force_login(world["staff"]["ri"][Role.ANALIS])
    path, _sep, query = url.partition("?")
    params = dict(p.split("=") for p in query.split("&")) if query else None
    assert_flat(client, path, PAGES[url], django_assert_max_num_queries, _more(make_case, agencies), params)


@pytest.mark.parametrize("url", sorted(PUBLIC))
def test_public_statistics_do_not_grow_with_cases(
    world, make_case, agencies, django_assert_max_num_queries, url
):
    make_case("21.01.04", violation="D-1")
    assert_flat(Client(), url, PUBLIC[url], django_assert_max_num_queries, _more(make_case, agencies))
