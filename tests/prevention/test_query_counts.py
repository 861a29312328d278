"""Query counts of every prevention list, detail, coverage page and API list: pinned and flat."""

from datetime import date

import pytest
from django.test import Client

from netra.accounts.services import token_create
from netra.prevention import services
from tests.prevention.conftest import write_list
from tests.querycount import assert_flat

pytestmark = pytest.mark.django_db


def _session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(user) -> Client:
    _row, raw = token_create(user=user, name="hitung")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def grow(tmp_path, roster, make_event, make_pledge, recorder, world):
    """Adds events, pledges and their list rows (and their documents) each time it is called."""
    counter = iter(range(100))

    def add():
        n = next(counter)
        event = make_event(
            title=f"Sosialisasi {n}",
            audience=[world["agencies"]["bintan"], world["agencies"]["dinas_bintan"]],
        )
        pledge = make_pledge(title=f"Ikrar {n}", made_on=date(2024, 9, 1 + n))
        people = [(p.full_name, p.nip, "", "") for p in roster[:5]]
        user = recorder("bintan")
        services.attendance_import(user=user, event=event, path=write_list(tmp_path / f"a{n}.csv", people))
        services.signatories_import(user=user, pledge=pledge, path=write_list(tmp_path / f"s{n}.csv", people))
        return event, pledge

    return add


PAGES = {
    ("html", "/pencegahan/"): 8,
    ("html", "/pencegahan/kegiatan/"): 8,
    ("html", "/pencegahan/ikrar/"): 8,
    ("html", "/pencegahan/cakupan/?region=21"): 21,
    ("html", "/pencegahan/publik/wilayah/21.01/"): 14,
    ("api", "/api/v1/prevention/events"): 3,
    ("api", "/api/v1/prevention/pledges"): 3,
    ("api", "/api/v1/prevention/coverage?region=21"): 9,
}


@pytest.mark.parametrize(("kind", "url"), sorted(PAGES))
def test_lists_and_coverage_do_not_grow_with_records(
    grow, recorder, django_assert_max_num_queries, kind, url
):
    grow()
    user = recorder("bintan")
    client = _session(user) if kind == "html" else _token(user)
    assert_flat(client, url, PAGES[(kind, url)], django_assert_max_num_queries, grow)


@pytest.mark.parametrize("which", ["event", "pledge"])
def test_details_do_not_grow_with_their_lists(
    grow, recorder, django_assert_max_num_queries, tmp_path, roster, which
):
    event, pledge = grow()
    obj = event if which == "event" else pledge
    url = f"/pencegahan/{'kegiatan' if which == 'event' else 'ikrar'}/{obj.pk}/"
    user = recorder("bintan")

    def more_rows():
        people = [(f"Orang {i}", "", "", "") for i in range(30)] + [
            (p.full_name, p.nip, "", "") for p in roster
        ]
        path = write_list(tmp_path / f"more-{which}.csv", people)
        if which == "event":
            services.attendance_import(user=user, event=event, path=path)
        else:
            services.signatories_import(user=user, pledge=pledge, path=path)

    assert_flat(_session(user), url, 14, django_assert_max_num_queries, more_rows)


def test_case_page_with_a_signing_terlapor_stays_flat(
    tmp_path, roster, make_pledge, recorder, world, django_assert_max_num_queries
):
    """The case page's prevention lines cost two queries, whatever the pledges the terlapor signed."""
    from netra.cases import services as case_services
    from tests.cases.helpers import photo, report_data

    data = report_data(world["elections"]["pilkada"], terlapor_name="Siti Rahmawati")
    case, _code = case_services.laporan_submit_public(data=data, files=[photo()])
    case.terlapor.update(pegawai=roster[0])
    counter = iter(range(10))

    def sign():
        n = next(counter)
        pledge = make_pledge(title=f"Ikrar {n}")
        path = write_list(tmp_path / f"s{n}.csv", [("Siti Rahmawati", roster[0].nip, "", "")])
        services.signatories_import(user=recorder("bintan"), pledge=pledge, path=path)

    sign()
    # The case page's budget (tests/cases/test_query_counts.py) plus the two prevention lines.
    assert_flat(_session(recorder("bintan")), f"/kasus/{case.pk}/", 27, django_assert_max_num_queries, sign)
