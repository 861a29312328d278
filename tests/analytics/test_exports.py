"""Exports stream: the web download is scoped and audited, and memory stays flat with the rows."""

import csv
import io
import tracemalloc

import pytest
from django.test import Client
from openpyxl import load_workbook

from netra.accounts.models import Role
from netra.analytics.render import exports
from netra.audit.models import Event
from netra.cases.models import Case

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def cases(world, make_case):
    for region in ("21.01.04", "21.01.06", "21.04.01", "32.04.05"):
        make_case(region, violation="D-6")


def test_case_csv_keeps_the_list_filters_and_the_jurisdiction(world, cases):
    client = Client()
    user = world["staff"]["bintan"][Role.ANALIS]
    client.force_login(user)
    rows = _csv(client.get("/statistik/ekspor/kasus.csv", {"violation": "D-6"}))
    assert rows[0][0] == "id" and len(rows) == 1 + 2
    assert {row[4] for row in rows[1:]} == {"21.01.04", "21.01.06"}
    event = Event.objects.filter(action="analytics.export").latest("seq")
    assert event.actor == user.username
    assert event.data == {"format": "csv", "filters": {"violation_code": "D-6"}, "rows": 2}


def test_case_xlsx_and_a_bad_filter(world, cases):
    client = Client()
    client.force_login(world["staff"]["kepri"][Role.PIMPINAN])
    response = client.get("/statistik/ekspor/kasus.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    assert len(list(sheet.iter_rows(values_only=True))) == 1 + 3
    assert client.get("/statistik/ekspor/kasus.csv", {"region": "x"}).status_code == 400
    assert client.get("/statistik/ekspor/kasus.pdf").status_code == 404


def test_statistics_csv_and_anonymous_users_are_sent_to_log_in(world, cases):
    client = Client()
    assert client.get("/statistik/ekspor/statistik.csv", {"by": "region"}).status_code == 302
    client.force_login(world["staff"]["ri"][Role.ANALIS])
    rows = _csv(client.get("/statistik/ekspor/statistik.csv", {"by": "region"}))
    assert rows == [
        ["key", "label", "cases", "proven", "recommended", "sanctioned"],
        ["21", "Kepulauan Riau", "3", "0", "0", "0"],
        ["32", "Jawa Barat", "1", "0", "0", "0"],
    ]


def _peak_while_exporting(file_format: str) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    rows = exports.case_rows(Case.objects.order_by("pk"), chunk=200)  # several chunks at either size
    if file_format == "csv":
        for _line in exports.csv_lines(rows):
            pass
    else:
        exports.xlsx_file(rows).close()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_memory_stays_bounded_as_rows_grow(world, make_case, file_format):
    """Peak memory with 4x the rows stays about the same (one chunk's worth): nothing accumulates."""
    for _ in range(600):
        make_case("21.01.04")
    small = _peak_while_exporting(file_format)
    for _ in range(1800):
        make_case("21.01.06")
    large = _peak_while_exporting(file_format)
    assert Case.objects.count() == 2400
    assert large < small * 1.5 + 256 * 1024, (small, large)
