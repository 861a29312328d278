"""An office's own service target replaces the count of a configurable rule only."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.law import deadlines
from netra.law.sources import LawError

START = date(2024, 11, 4)  # a Monday


def test_office_target_replaces_the_ppk_followup_count():
    default = deadlines.due(regime="pemilihan", step="ppk_followup", start=START, province="21")
    own = deadlines.due(
        regime="pemilihan", step="ppk_followup", start=START, province="21", days=3, unit="hari"
    )
    assert default.kind == own.kind == "service_target"
    # day one is the day after the trigger (netra.law convention): 5, 6, 7 November
    assert own.due == date(2024, 11, 7) and own.days == 3 and own.unit == "hari"
    assert own.override_note == "target layanan kantor" and default.due > own.due


def test_a_statutory_period_cannot_be_changed_per_office():
    with pytest.raises(LawError):
        deadlines.due(regime="pemilu", step="decision", start=START, days=30)


@pytest.mark.parametrize(("days", "unit"), [(0, None), (-1, None), (5, "minggu")])
def test_invalid_targets_are_refused(days, unit):
    with pytest.raises(LawError):
        deadlines.due(regime="pemilu", step="ppk_followup", start=START, days=days, unit=unit)


@given(st.integers(min_value=1, max_value=365), st.sampled_from(["hari", "hari_kerja"]))
def test_any_target_ends_after_it_starts_and_grows_with_its_days(days, unit):
    one = deadlines.due(regime="pemilu", step="ppk_followup", start=START, days=days, unit=unit)
    more = deadlines.due(regime="pemilu", step="ppk_followup", start=START, days=days + 1, unit=unit)
    assert START <= one.due < more.due
