"""Coverage: workforce from the roster, distinct people reached per election, per agency and region."""

import io
import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from netra.cli import app
from netra.prevention import selectors, services
from netra.prevention.coverage import share
from tests.prevention.conftest import write_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def reached(tmp_path, roster, make_event, make_pledge, recorder, world):
    """Bintan: 3 of 5 staff signed (one of them twice), 1 attended; a Lingga pledge with nobody listed."""
    user = recorder("bintan")
    first, second = make_pledge(), make_pledge(title="Pakta integritas", made_on=date(2024, 10, 15))
    signed = [
        ("Siti Rahmawati", "198001012005012001", "", ""),
        ("Budi Santoso", "198203042006041002", "", ""),
    ]
    services.signatories_import(user=user, pledge=first, path=write_list(tmp_path / "a.csv", signed))
    again = [("Siti Rahmawati", "198001012005012001", "", ""), ("Dewi Lestari", "199001012015032005", "", "")]
    services.signatories_import(user=user, pledge=second, path=write_list(tmp_path / "b.csv", again))
    event = make_event()
    services.attendance_import(
        user=user,
        event=event,
        path=write_list(tmp_path / "c.csv", [("Budi Santoso", "198203042006041002", "", "")]),
    )
    make_pledge(office="lingga", region="21.04", agency=world["agencies"]["lingga"], made_on=date(2024, 9, 1))
    return world["elections"]["pilkada"]


def test_region_coverage_counts_people_once_and_lists_agencies_without_any(reached, world):
    cov = selectors.region_coverage("21", reached.pk, "Kepulauan Riau")
    assert (cov.workforce, cov.socialised, cov.pledged) == (6, 1, 3)
    assert cov.pledged_share == 0.5
    by_agency = {a.agency: a for a in cov.agencies}
    bintan = by_agency["Pemerintah Kabupaten Bintan"]
    assert (bintan.workforce, bintan.socialised, bintan.pledged) == (5, 1, 3)
    assert bintan.last_pledge == date(2024, 10, 15)
    lingga = by_agency["Pemerintah Kabupaten Lingga"]
    assert (lingga.workforce, lingga.pledged, lingga.last_pledge) == (1, 0, date(2024, 9, 1))
    assert cov.without_any == []


def test_region_subtree_and_other_elections(reached, world):
    assert selectors.region_coverage("21.04", reached.pk).workforce == 1
    assert selectors.region_coverage("32.04", reached.pk).pledged == 0
    other = selectors.region_coverage("21", world["elections"]["pemilu"].pk)
    assert (other.workforce, other.socialised, other.pledged) == (6, 0, 0)
    assert {a.agency for a in other.without_any} == {
        "Pemerintah Kabupaten Bintan",
        "Pemerintah Kabupaten Lingga",
    }
    national = selectors.region_coverage("", reached.pk)
    assert national.workforce == 8 and national.pledged == 3


def test_agency_coverage_per_unit(reached, world):
    cov = selectors.agency_coverage(world["agencies"]["bintan"], reached.pk)
    units = {a.agency: (a.workforce, a.pledged) for a in cov.agencies}
    assert units == {"Pemerintah Kabupaten Bintan": (3, 2), "Dinas Pendidikan Kabupaten Bintan": (2, 1)}
    assert cov.last_pledge == date(2024, 10, 15)


def test_timeline_by_month_with_running_sums(reached):
    points = selectors.coverage_timeline(election_id=reached.pk, region_code="21.01")
    assert [(p.month.month, p.pledged, p.pledged_total, p.socialised) for p in points] == [
        (9, 2, 2, 1),
        (10, 1, 3, 0),  # Siti signed again in October: counted once, in September
    ]


@given(part=st.integers(min_value=0, max_value=10**7), whole=st.integers(min_value=0, max_value=10**7))
def test_share_is_always_between_zero_and_one(part, whole):
    value = share(part, whole)
    assert 0.0 <= value <= 1.0
    assert (value == 0.0) if whole == 0 else True


def test_cli_coverage_json_has_the_issue_shape(reached):
    result = CliRunner().invoke(
        app, ["coverage", "--region", "21.01", "--election", str(reached.pk), "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert {
        "region",
        "workforce",
        "socialised",
        "pledged",
        "socialised_share",
        "pledged_share",
        "agencies",
    } <= set(payload)
    assert payload["region"] == "21.01" and payload["workforce"] == 5 and payload["pledged_share"] == 0.6
    agency = payload["agencies"][0]
    assert {"agency_id", "agency", "workforce", "socialised", "pledged", "last_pledge"} <= set(agency)
    assert agency["last_pledge"] == "2024-10-15"


def test_cli_coverage_unknown_region_is_exit_2(db):
    result = CliRunner().invoke(app, ["coverage", "--region", "99.99", "--json"])
    assert result.exit_code == 2


def test_coverage_page_and_exports(client, reached, recorder):
    client.force_login(recorder("kepri"))
    page = client.get("/pencegahan/cakupan/", {"region": "21", "election": reached.pk})
    assert page.status_code == 200 and "Pemerintah Kabupaten Bintan" in page.content.decode()
    csv_text = client.get(
        "/pencegahan/cakupan/", {"region": "21", "election": reached.pk, "format": "csv"}
    ).content
    assert csv_text.decode().splitlines()[0].startswith("agency_id,agency,workforce")
    xlsx = client.get("/pencegahan/cakupan/", {"region": "21", "election": reached.pk, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "agency_id" and sheet.max_row == 3


def test_agency_coverage_page(client, reached, recorder, world):
    client.force_login(recorder("bintan"))
    agency = world["agencies"]["bintan"]
    page = client.get(f"/pencegahan/cakupan/instansi/{agency.pk}/", {"election": reached.pk})
    assert page.status_code == 200 and "Dinas Pendidikan Kabupaten Bintan" in page.content.decode()
    assert client.get("/pencegahan/cakupan/instansi/999999/").status_code == 404


def test_region_page_card_is_public_and_aggregate(client, reached):
    response = client.get("/pencegahan/cakupan/wilayah/21.01/ringkas/")
    body = response.content.decode()
    assert response.status_code == 200 and "Siti" not in body and "5 pegawai" in body


def test_reimporting_a_list_without_someone_removes_their_reach(tmp_path, reached, recorder):
    from netra.prevention.models import Pledge

    pledge = Pledge.objects.get(title="Pakta integritas")
    path = write_list(tmp_path / "d.csv", [("Siti Rahmawati", "198001012005012001", "", "")])
    services.signatories_import(user=recorder("bintan"), pledge=pledge, path=path)
    assert selectors.region_coverage("21.01", reached.pk).pledged == 2  # Dewi signed only that one


def test_cached_coverage_follows_every_list_change_and_roster_change(
    tmp_path, roster, make_pledge, recorder, world
):
    from netra.registry.services.counters import counter_bump

    election = world["elections"]["pilkada"].pk
    assert selectors.region_coverage("21.01", election).pledged == 0
    pledge = make_pledge()
    path = write_list(tmp_path / "a.csv", [("Siti Rahmawati", "198001012005012001", "", "")])
    services.signatories_import(user=recorder("bintan"), pledge=pledge, path=path)
    assert selectors.region_coverage("21.01", election).pledged == 1
    roster[4].delete()
    assert (
        selectors.region_coverage("21.01", election).workforce == 5
    )  # roster unchanged as far as stamps say
    counter_bump()
    assert selectors.region_coverage("21.01", election).workforce == 4
