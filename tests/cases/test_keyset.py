"""Keyset pages (netra.core.keyset) over real case rows: no row lost or repeated while paging, in either
direction, with ties on the sort key, null deadlines, and cases arriving between two clicks."""

from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.cases.models import Case
from netra.cases.selectors import LIST_KEYS, QUEUE_KEYS
from netra.core.keyset import BadCursor, paginate

pytestmark = pytest.mark.django_db
BASE = datetime(2024, 11, 1, 8, tzinfo=UTC)
_codes = count(1)
# Few distinct moments, so that many rows tie on the first key and the id must break the tie.
moments = st.integers(min_value=0, max_value=5).map(lambda hours: BASE + timedelta(hours=hours))
deadlines = st.one_of(st.none(), moments)
HYPOTHESIS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class _Undo(Exception):
    pass


def _add(world, received, due=None) -> Case:
    office = world["offices"]["bintan"]
    return Case.objects.create(
        kind="laporan",
        receipt_code=f"K{next(_codes):011d}",
        region_id="21.01",
        region_code="21.01",
        office=office,
        status="diterima",
        received_at=received,
        due_at=due,
        title="Uji halaman",
        description="Uji halaman",
    )


def _list_order(case: Case):
    return (-case.received_at.timestamp(), -case.pk)


def _queue_order(case: Case):
    due = case.due_at.timestamp() if case.due_at else float("inf")
    return (due, case.received_at.timestamp(), case.pk)


def _walk(qs, keys, size, *, backward=False, between=None):
    """Every page from one end to the other; ``between`` runs after each page (inserts rows)."""
    seen, cursor = [], ""
    for _ in range(1000):
        page = paginate(qs, keys, cursor=cursor, size=size, last=backward and not cursor)
        assert len(page.items) <= size
        seen.extend(reversed(page.items) if backward else page.items)
        cursor = page.previous_cursor if backward else page.next_cursor
        if between:
            between()
        if not cursor:
            return seen
    raise AssertionError("paging did not end")


@HYPOTHESIS
@given(received=st.lists(moments, min_size=0, max_size=30), size=st.integers(1, 7), backward=st.booleans())
def test_the_list_pages_through_every_case_once(world, received, size, backward):
    with pytest.raises(_Undo), transaction.atomic():
        rows = [_add(world, moment) for moment in received]
        seen = _walk(Case.objects.all(), LIST_KEYS, size, backward=backward)
        expected = sorted(rows, key=_list_order)
        assert [c.pk for c in seen] == [c.pk for c in (reversed(expected) if backward else expected)]
        raise _Undo


@HYPOTHESIS
@given(due=st.lists(deadlines, min_size=0, max_size=30), size=st.integers(1, 7), backward=st.booleans())
def test_the_queue_pages_nulls_last_and_every_case_once(world, due, size, backward):
    with pytest.raises(_Undo), transaction.atomic():
        rows = [_add(world, BASE, deadline) for deadline in due]
        seen = _walk(Case.objects.all(), QUEUE_KEYS, size, backward=backward)
        expected = sorted(rows, key=_queue_order)
        assert [c.pk for c in seen] == [c.pk for c in (reversed(expected) if backward else expected)]
        raise _Undo


@HYPOTHESIS
@given(
    received=st.lists(moments, min_size=1, max_size=25),
    arriving=st.lists(st.lists(moments, max_size=3), max_size=10),
    size=st.integers(1, 6),
)
def test_no_case_is_lost_or_repeated_while_new_cases_arrive(world, received, arriving, size):
    with pytest.raises(_Undo), transaction.atomic():
        before = {_add(world, moment).pk for moment in received}
        batches = iter(arriving)

        def new_cases_arrive():
            for moment in next(batches, []):
                _add(world, moment)

        seen = _walk(Case.objects.all(), LIST_KEYS, size, between=new_cases_arrive)
        ids = [c.pk for c in seen]
        assert len(ids) == len(set(ids))  # nothing twice
        assert before <= set(ids)  # nothing that was there when paging began is skipped
        assert [_list_order(c) for c in seen] == sorted(_list_order(c) for c in seen)
        raise _Undo


@pytest.mark.parametrize("cursor", ["garbage", "WyJuIiwgWzFdXQ", "WyJ4IiwgWzEsIDJdXQ", "%%%"])
def test_a_cursor_this_list_did_not_make_is_refused(world, cursor):
    with pytest.raises(BadCursor):
        paginate(Case.objects.all(), LIST_KEYS, cursor=cursor)
