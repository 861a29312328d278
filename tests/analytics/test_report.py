"""The periodic report: a PDF with the office's kop, the period's figures, the map and the overdue cases."""

import json

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.analytics import selectors
from netra.analytics.render.report import render_report_pdf, typst_source
from netra.audit.models import Event
from netra.registry.services.geo import boundaries_import

pytestmark = pytest.mark.django_db


def test_the_report_counts_the_period_in_the_office_territory(world, make_case, tmp_path):
    make_case("21.01.04", violation="D-6", proven=True)
    make_case("21.01.06")
    make_case("21.04.01")  # Lingga: not Bintan's
    ring = [[104, 1], [105, 1], [105, 2], [104, 2], [104, 1]]
    features = [
        {
            "type": "Feature",
            "properties": {"kode": "21.01.04"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }
    ]
    (tmp_path / "k.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    boundaries_import(path=tmp_path / "k.geojson")
    user = world["staff"]["bintan"][Role.PIMPINAN]
    today = user.date_joined.date()
    report = selectors.periodic_report_for(user, start=today.replace(year=today.year - 1), end=today)
    assert (report.total.cases, report.total.proven) == (2, 1)
    assert [r.key for r in report.regions] == ["21.01.04", "21.01.06"]
    source = typst_source(report, None, has_map=True)
    assert "BAWASLU" in source.upper() and 'map: "peta.svg"' in source
    assert render_report_pdf(report).startswith(b"%PDF")


def test_the_report_download_is_audited_and_needs_a_valid_period(world, make_case):
    make_case("21.01.04")
    client = Client()
    client.force_login(world["staff"]["bintan"][Role.ANALIS])
    assert client.get("/statistik/laporan/").status_code == 200
    assert client.get("/statistik/laporan/", {"start": "2026-12-31", "end": "2024-01-01"}).status_code == 400
    response = client.get("/statistik/laporan/", {"start": "2020-01-01", "end": "2030-12-31"})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    event = Event.objects.filter(action="analytics.export").latest("seq")
    assert event.data == {"format": "pdf", "filters": {"start": "2020-01-01", "end": "2030-12-31"}, "rows": 1}
