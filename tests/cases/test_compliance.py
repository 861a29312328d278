"""The compliance view: counts per PPK instansi, scoped (BKN nationally, a PPK its own, a Bawaslu
office its region), on the page, the API and the CLI, with pinned query counts."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.accounts.services import token_create
from netra.cases import selectors
from netra.cases.services.followup import followup_escalate_due, followup_state_set
from netra.cli import app
from tests.cases.helpers import PATH, act, case_in
from tests.querycount import assert_flat

pytestmark = pytest.mark.django_db
runner = CliRunner()
TOP_KEYS = {"recommendations", "acted_within_target", "overdue", "lighter_than_catalogue", "agencies"}
AGENCY_KEYS = {"agency_id", "agency", "recommendations", "acted_within_target", "overdue", "escalations"}


def _overdue_case(world):
    """A forwarded recommendation whose service target passed and got its first escalation."""
    case = case_in(world, "rekomendasi_diteruskan")
    clock = case.recommendations.get().clock
    followup_escalate_due(now=clock.due_at + timedelta(minutes=1))
    return case, clock


def test_counts_per_instansi(world):
    _overdue_case(world)
    sanctioned = case_in(world, "rekomendasi_diteruskan")
    _reached, action, actor, params = PATH[6]
    act(world, sanctioned, action, actor, params)
    refused = case_in(world, "rekomendasi_diteruskan")
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    followup_state_set(
        user=bkn, recommendation_id=refused.recommendations.get().pk, state="ditolak", reason="Pensiun."
    )
    far = timezone.now() + timedelta(days=90)
    report = selectors.compliance_for(world["staff"]["bkn"][Role.PIMPINAN], now=far)
    assert (report.recommendations, report.acted_within_target, report.overdue) == (3, 2, 1)
    assert report.escalations == 1
    [row] = report.agencies
    assert row.agency == "Pemerintah Kabupaten Bintan" and row.agency_id == world["agencies"]["bintan"].pk
    assert row.overdue == 1


def test_scope_follows_the_access_module(world):
    _overdue_case(world)
    staff = world["staff"]
    far = timezone.now() + timedelta(days=90)
    seen = {
        key: selectors.compliance_for(staff[key][Role.PIMPINAN], now=far).recommendations
        for key in ("bkn", "ppk_bintan", "ppk_lingga", "bintan", "kepri", "ri", "lingga", "jabar")
    }
    assert seen == {
        "bkn": 1,
        "ppk_bintan": 1,
        "ppk_lingga": 0,
        "bintan": 1,
        "kepri": 1,
        "ri": 1,
        "lingga": 0,
        "jabar": 0,
    }


def test_filters_by_region_and_agency(world):
    _overdue_case(world)
    user = world["staff"]["ri"][Role.PIMPINAN]
    assert selectors.compliance_for(user, region="21.01").recommendations == 1
    assert selectors.compliance_for(user, region="21.04").recommendations == 0
    assert selectors.compliance_for(user, agency_id=world["agencies"]["lingga"].pk).recommendations == 0


def test_cli_shape_and_errors(world):
    _overdue_case(world)
    result = runner.invoke(app, ["compliance", "--json", "--now", "2099-01-01T00:00:00+07:00"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= TOP_KEYS and data["overdue"] == 1
    assert set(data["agencies"][0]) >= AGENCY_KEYS
    ppk = world["staff"]["ppk_lingga"][Role.PIMPINAN].username
    scoped = json.loads(runner.invoke(app, ["compliance", "--json", "--user", ppk]).output)
    assert scoped["recommendations"] == 0
    assert runner.invoke(app, ["compliance", "--region", "99.99", "--json"]).exit_code == 2
    assert runner.invoke(app, ["compliance", "--user", "siapa", "--json"]).exit_code == 2
    assert runner.invoke(app, ["compliance", "--now", "kemarin", "--json"]).exit_code == 2


def test_cli_escalate_is_idempotent_and_letters_list(world):
    case = case_in(world, "rekomendasi_diteruskan")
    due = case.recommendations.get().clock.due_at + timedelta(minutes=1)
    now = due.isoformat()
    first = json.loads(runner.invoke(app, ["compliance", "escalate", "--now", now, "--json"]).output)
    assert [(row["case_id"], row["step"]) for row in first] == [(case.pk, 1)]
    again = runner.invoke(app, ["compliance", "escalate", "--now", now, "--json"])
    assert json.loads(again.output) == []
    listed = json.loads(runner.invoke(app, ["letters", "list", str(case.pk), "--json"]).output)
    assert [row["kind"] for row in listed] == ["penerusan_rekomendasi", "permintaan_tindak_lanjut"]
    assert {"kind", "number", "date", "sha256"} <= set(listed[0])
    assert listed[1]["sha256"] == first[0]["letters"][0]["sha256"]
    assert runner.invoke(app, ["letters", "list", "999999", "--json"]).exit_code == 2


def test_page_and_api(world):
    _overdue_case(world)
    client = Client()
    client.force_login(world["staff"]["bkn"][Role.PIMPINAN])
    page = client.get(reverse("cases:compliance"))
    assert page.status_code == 200 and "Pemerintah Kabupaten Bintan" in page.content.decode()
    _row, raw = token_create(user=world["staff"]["bkn"][Role.PIMPINAN], name="uji")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/cases/compliance")
    assert api.status_code == 200 and set(api.json()) >= TOP_KEYS


def _more(world):
    def add():
        for _ in range(3):
            _overdue_case(world)

    return add


@pytest.mark.parametrize("kind", ["page", "api"])
def test_compliance_query_count_is_flat(world, django_assert_max_num_queries, kind):
    _overdue_case(world)
    user = world["staff"]["bkn"][Role.PIMPINAN]
    if kind == "page":
        client = Client()
        client.force_login(user)
        url, ceiling = reverse("cases:compliance"), 8
    else:
        _row, raw = token_create(user=user, name="hitung")
        client, url, ceiling = Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), "/api/v1/cases/compliance", 5
    assert_flat(client, url, ceiling, django_assert_max_num_queries, _more(world))


def test_letters_api_query_count_is_flat(world, django_assert_max_num_queries):
    case, _clock = _overdue_case(world)
    user = world["staff"]["bintan"][Role.PIMPINAN]
    _row, raw = token_create(user=user, name="hitung")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/cases/{case.pk}/letters"

    def add():
        from netra.cases import services

        for _ in range(3):
            services.letter_issue(kind="pemberitahuan_status", case=case, user=user)

    assert_flat(client, url, 8, django_assert_max_num_queries, add)
