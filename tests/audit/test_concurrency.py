"""Concurrent writers on separate connections must not fork the chain."""

import threading

import pytest
from django.db import connections, transaction

from netra.audit.models import Event
from netra.audit.services import chain_verify, event_record

WRITERS = 8
EVENTS_EACH = 5


def _writer(index: int, barrier: threading.Barrier, errors: list) -> None:
    try:
        barrier.wait()
        for n in range(EVENTS_EACH):
            with transaction.atomic():
                event_record(actor=f"writer{index}", action="test.concurrent", obj_type="case", obj_id=n)
    except Exception as error:  # reported to the main thread
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.postgresql(reason="needs a server with real row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_do_not_fork_the_chain():
    barrier = threading.Barrier(WRITERS)
    errors: list = []
    threads = [threading.Thread(target=_writer, args=(i, barrier, errors)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(Event.objects.values_list("seq", flat=True)) == list(range(1, WRITERS * EVENTS_EACH + 1))
    result = chain_verify()
    assert result.ok and result.count == WRITERS * EVENTS_EACH


@pytest.mark.django_db(transaction=True)
def test_event_record_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        event_record(actor="a", action="x", obj_type="case", obj_id=1)
    assert Event.objects.count() == 0
