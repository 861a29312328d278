"""PPK follow-up compliance per instansi on the dashboard (the same figures as the compliance page,
counted by one grouped query, each linking to the cases it counts) and the statistics JSON API
(``GET /api/v1/stats``: the rows of ``netra stats --json``, scoped, 404 out of jurisdiction)."""

import json
from dataclasses import asdict
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.accounts.services import token_create
from netra.analytics import selectors
from netra.cases import selectors as case_selectors
from netra.cases.services.followup import followup_escalate_due
from netra.cli import app
from tests.cases.helpers import PATH, act, case_in

pytestmark = pytest.mark.django_db
FIELDS = (
    "recommendations",
    "acted_within_target",
    "acted_late",
    "overdue",
    "escalations",
    "lighter_than_catalogue",
)


@pytest.fixture
def followed(world):
    """Three recommendations about Bintan's agencies: one escalated, one sanctioned, one waiting."""
    escalated = case_in(world, "rekomendasi_diteruskan")
    clock = escalated.recommendations.get().clock
    followup_escalate_due(now=clock.due_at + timedelta(minutes=1))
    sanctioned = case_in(world, "rekomendasi_diteruskan")
    _reached, action, actor, params = PATH[6]
    act(world, sanctioned, action, actor, params)
    case_in(world, "rekomendasi_diteruskan")
    return world


def _by_agency(rows) -> dict:
    return {row.agency_id: tuple(getattr(row, f) for f in FIELDS) for row in rows}


@pytest.mark.parametrize("key", ["ri", "kepri", "bintan", "lingga", "bkn", "ppk_bintan", "ppk_lingga"])
def test_the_dashboard_counts_equal_the_compliance_page(followed, key):
    user = followed["staff"][key][Role.PIMPINAN]
    far = timezone.now() + timedelta(days=90)
    grouped = selectors.ppk_compliance_for(user, now=far)
    walked = case_selectors.compliance_for(user, now=far).agencies
    assert _by_agency(grouped) == _by_agency(walked)
    assert [r.agency for r in grouped] == [r.agency for r in walked]


@pytest.mark.parametrize("key", ["ri", "kepri", "bintan", "bkn", "ppk_bintan"])
def test_the_tally_answers_what_the_live_count_answers(followed, key):
    from netra.analytics import services

    services.tally_refresh()
    user = followed["staff"][key][Role.PIMPINAN]
    assert _by_agency(selectors.ppk_compliance_for(user)) == _by_agency(
        selectors.ppk_compliance_for(user, now=timezone.now())
    )


def test_national_and_bkn_figures_are_those_of_the_last_refresh(followed):
    from netra.analytics import services
    from netra.cases.models import FollowupClock

    services.tally_refresh()
    ri, bintan = (followed["staff"][key][Role.PIMPINAN] for key in ("ri", "bintan"))
    national, local = selectors.ppk_compliance_for(ri), selectors.ppk_compliance_for(bintan)
    FollowupClock.objects.filter(acted_at__isnull=True).update(escalation_step=1)  # no service: no refresh
    assert _by_agency(selectors.ppk_compliance_for(ri)) == _by_agency(national)
    overdue = sum(row.overdue for row in selectors.ppk_compliance_for(bintan))
    assert overdue > sum(row.overdue for row in local)  # a kabupaten counts live


def test_each_instansi_links_to_the_cases_it_counts(followed, client):
    user = followed["staff"]["kepri"][Role.PIMPINAN]
    client.force_login(user)
    page = client.get(reverse("analytics:figure", args=["compliance"]), HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Pemerintah Kabupaten Bintan" in html and 'data-testid="compliance"' in html
    [row] = selectors.ppk_compliance_for(user)
    assert row.agency_id == followed["agencies"]["bintan"].pk and row.recommendations == 3
    assert f"instansi={row.agency_id}" in html
    listed = case_selectors.case_list_for(user, instansi=row.agency_id, outcome="recommended")
    assert listed.count() == row.recommendations  # one recommendation per case here
    other = followed["agencies"]["lingga"].pk
    assert not case_selectors.case_list_for(user, instansi=other).exists()
    assert client.get(reverse("cases:list"), {"instansi": row.agency_id}).status_code == 200


def test_the_dashboard_lists_the_compliance_figure_and_its_page_works_without_script(followed, client):
    client.force_login(followed["staff"]["ri"][Role.ANALIS])
    assert 'data-testid="lazy-compliance"' in client.get(reverse("analytics:dashboard")).content.decode()
    page = client.get(reverse("analytics:figure", args=["compliance"]))
    assert page.status_code == 200 and "<html" in page.content.decode()


def test_roles_without_compliance_see_an_empty_figure(followed):
    assert selectors.ppk_compliance_for(followed["staff"]["ri"][Role.ADMIN]) == []


# The statistics API ------------------------------------------------------------------------------


def _api(user) -> Client:
    _token, raw = token_create(user=user, name="statistik")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_api_answers_the_rows_of_the_cli(followed):
    user = followed["staff"]["kepri"][Role.PIMPINAN]
    answer = _api(user).get("/api/v1/stats", {"by": "region", "region": "21"})
    assert answer.status_code == 200
    cli = CliRunner().invoke(
        app, ["stats", "--by", "region", "--region", "21", "--user", user.username, "--json"]
    )
    assert cli.exit_code == 0, cli.output
    assert answer.json() == json.loads(cli.output)
    assert answer.json() == [
        {k: v for k, v in asdict(r).items() if k != "filters"}
        for r in selectors.case_stats_for(user, by="region", region="21").rows
    ]
    assert sum(row["cases"] for row in answer.json()) == 3


def test_the_api_is_scoped_like_the_dashboard(followed):
    staff = followed["staff"]
    assert _api(staff["lingga"][Role.PIMPINAN]).get("/api/v1/stats", {"by": "stage"}).json() == []
    bkn = _api(staff["bkn"][Role.STAF_PENANGANAN]).get("/api/v1/stats", {"by": "stage"}).json()
    assert sum(row["cases"] for row in bkn) == 3  # the three recommendations went to BKN too
    ppk = _api(staff["ppk_lingga"][Role.STAF_PENANGANAN]).get("/api/v1/stats", {"by": "agency"}).json()
    assert ppk == []


@pytest.mark.parametrize(
    ("key", "query", "status"),
    [
        ("bintan", {"by": "region", "region": "21.04"}, 404),  # a sibling kabupaten: out of jurisdiction
        ("bintan", {"by": "region", "region": "21"}, 404),  # its parent province
        ("ri", {"by": "region", "region": "99.99"}, 404),  # unknown region
        ("ri", {"by": "region", "election": 999999}, 404),  # unknown election
        ("ri", {"by": "nothing"}, 422),
        ("ri", {}, 422),
        ("bintan", {"by": "type", "region": "21.01.04"}, 200),  # below its own region
        ("bkn", {"by": "type", "region": "21.01"}, 200),  # BKN narrows its cases to a region
    ],
)
def test_the_api_refuses_what_is_outside_the_jurisdiction(followed, key, query, status):
    answer = _api(followed["staff"][key][Role.PIMPINAN]).get("/api/v1/stats", query)
    assert answer.status_code == status, answer.content
    if status != 200:
        assert set(answer.json()) == {"detail", "errors"}


def test_the_api_needs_a_token(followed):
    assert Client().get("/api/v1/stats", {"by": "region"}).status_code == 401


def test_the_api_is_documented_in_openapi():
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/stats"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"by", "region", "election"} <= names
    assert "404" in operation["responses"] or "404" in json.dumps(schema["paths"]["/api/v1/stats"])
