"""Properties of the deadline engine over any date from 2015 to 2035."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.law import deadlines
from netra.law.calendars import WorkingDays

dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
regimes = st.sampled_from(["pemilu", "pemilihan"])
steps = st.sampled_from(deadlines.STEPS)


@settings(max_examples=300, deadline=None)
@given(regime=regimes, step=steps, start=dates)
def test_a_deadline_is_never_on_or_before_its_start(regime, step, start):
    assert deadlines.due(regime=regime, step=step, start=start).due > start


@settings(max_examples=300, deadline=None)
@given(regime=regimes, step=steps, start=dates)
def test_working_day_deadlines_count_exactly_their_days_and_never_end_on_a_skipped_day(regime, step, start):
    deadline = deadlines.due(regime=regime, step=step, start=start)
    period = [start + timedelta(days=n) for n in range(1, (deadline.due - start).days + 1)]
    skipped = {day for day, _ in deadline.skipped}
    assert len([day for day in period if day not in skipped]) == deadline.days
    assert deadline.due not in skipped
    if deadline.unit == "hari_kerja":
        calendar = WorkingDays()
        assert calendar.closed(deadline.due) is None
        assert all(calendar.closed(day) for day in skipped)
        assert all(day.weekday() < 5 for day in period if day not in skipped)
    else:
        assert deadline.skipped == [] and deadline.due == start + timedelta(days=deadline.days)


@settings(max_examples=300, deadline=None)
@given(regime=regimes, start=dates)
def test_the_extension_is_never_earlier_than_the_base_decision(regime, start):
    base = deadlines.due(regime=regime, step="decision", start=start)
    extended = deadlines.due(regime=regime, step="decision_extended", start=start)
    assert extended.due >= base.due and extended.due_at >= base.due_at


@settings(max_examples=200, deadline=None)
@given(regime=regimes, step=steps, start=dates)
def test_wit_deadline_instant_is_earlier_than_wita_and_wib_for_the_same_date(regime, step, start):
    wib = deadlines.due(regime=regime, step=step, start=start, province="31")
    wita = deadlines.due(regime=regime, step=step, start=start, province="73")
    wit = deadlines.due(regime=regime, step=step, start=start, province="91")
    assert wib.due == wita.due == wit.due
    assert wit.due_at < wita.due_at < wib.due_at
    assert wib.due_at - wit.due_at == timedelta(hours=2)


@settings(max_examples=200, deadline=None)
@given(known=dates, gap=st.integers(min_value=0, max_value=30), regime=regimes)
def test_compute_agrees_with_due_for_each_step(known, gap, regime):
    received = known + timedelta(days=gap)
    report = deadlines.compute(regime=regime, known=known, received=received, registered=received)
    assert report.report_window.due == deadlines.due(regime=regime, step="report_window", start=known).due
    assert report.decision.due == deadlines.due(regime=regime, step="decision", start=received).due
    assert report.received_within_window == (received <= report.report_window.due)
