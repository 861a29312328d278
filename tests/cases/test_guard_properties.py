"""Property: the daluwarsa finding is exactly netra.law's reporting window for the same facts."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.cases.models import Case, Election, Kind
from netra.cases.services.guards import late_report
from netra.law import deadlines
from netra.law.timezones import zoneinfo_for

pytestmark = pytest.mark.django_db

PROVINCES = ["11", "21", "32", "51", "64", "73", "81", "91"]  # WIB, WITA and WIT provinces


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    regime=st.sampled_from(["pemilu", "pemilihan"]),
    province=st.sampled_from(PROVINCES),
    known=st.dates(min_value=date(2023, 12, 1), max_value=date(2024, 12, 20)),
    wait=st.integers(min_value=0, max_value=25),
    hour=st.integers(min_value=0, max_value=23),
)
def test_late_exactly_when_received_after_the_laws_window(regime, province, known, wait, hour):
    election = Election(pk=1, name="uji", regime=regime, voting_day=date(2024, 11, 27))
    received_day = known + timedelta(days=wait)
    received_at = datetime.combine(received_day, time(hour, 30), tzinfo=zoneinfo_for(province))
    case = Case(
        kind=Kind.LAPORAN,
        election=election,
        known_on=known,
        received_at=received_at,
        region_code=f"{province}.01",
    )
    window = deadlines.compute(
        regime=regime, known=known, received=received_day, province=province
    ).report_window
    found = late_report(case)
    assert (found is not None) == (received_day > window.due)
    if found is not None:
        assert found.due == window.due and found.received == received_day
