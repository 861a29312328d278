"""A report whose COMMIT fails: evidence files are never deleted under a row that may have committed.

The load benchmark (benchmarks/intake_load.py) cut the database mid-run and found one evidence row
without its file: the connection dropped while PostgreSQL committed, Django raised, and the old
cleanup deleted the files of a case that was stored after all. These tests inject the same faults at
the commit boundary (the transaction commits and the answer is lost; the commit fails for real; the
database stays unreachable) and check every row against storage.
"""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import OperationalError, connection
from django.utils import timezone

from netra.cases import services
from netra.cases.models import Case, Evidence
from netra.cases.services import evidence as evidence_services
from tests.cases.helpers import photo, report_data

LOST = "server closed the connection unexpectedly"


def _files_on_disk(media) -> set[str]:
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def _rows_have_files() -> None:
    for row in Evidence.objects.exclude(file=""):
        assert default_storage.exists(row.file.name), f"evidence {row.pk} lost its file {row.file.name}"


def _submit(world):
    data = report_data(world["elections"]["pilkada"])
    return services.laporan_submit_public(data=data, files=[photo()])


@pytest.fixture
def journal(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR / "unsettled-files.log"


@pytest.mark.django_db(transaction=True)
def test_a_commit_that_lands_but_whose_answer_is_lost_keeps_the_files_and_answers(
    world, media, journal, monkeypatch
):
    real_commit = connection.commit

    def commit_then_drop():
        real_commit()  # PostgreSQL stored it ...
        raise OperationalError(LOST)  # ... and the connection broke before the answer came back

    monkeypatch.setattr(connection, "commit", commit_then_drop)
    case, code = _submit(world)
    monkeypatch.undo()

    assert Case.objects.filter(receipt_code=code).exists()  # the citizen holds a receipt of a stored case
    assert Evidence.objects.filter(case=case).count() == 1
    _rows_have_files()
    assert not journal.exists()


@pytest.mark.django_db(transaction=True)
def test_a_commit_that_fails_for_real_leaves_no_orphan_once_settled(world, media, journal, monkeypatch):
    real_rollback = connection.rollback

    def commit_fails():
        real_rollback()
        raise OperationalError(LOST)

    monkeypatch.setattr(connection, "commit", commit_fails)
    with pytest.raises(OperationalError):
        _submit(world)
    monkeypatch.undo()

    assert not Case.objects.exists() and not Evidence.objects.exists()
    # Not deleted on the spot (a commit in flight could still land); settled later.
    assert len(_files_on_disk(media)) == 1 and journal.exists()
    early = evidence_services.files_settle()
    assert (early.deleted, early.pending) == (0, 1)
    settled = evidence_services.files_settle(now=timezone.now() + timedelta(minutes=5))
    assert (settled.kept, settled.deleted, settled.pending) == (0, 1, 0)
    assert _files_on_disk(media) == set()


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_after_the_commit_keeps_the_files_until_settled(
    world, media, journal, monkeypatch
):
    real_commit, real_set_autocommit = connection.commit, connection.set_autocommit

    def unreachable():
        raise OperationalError("connection refused")

    def commit_then_drop():
        real_commit()
        raise OperationalError(LOST)

    def back_to_autocommit_then_unreachable(autocommit, *args, **kwargs):
        real_set_autocommit(autocommit, *args, **kwargs)
        if autocommit:  # Django has closed the transaction: from now on the database is out of reach
            monkeypatch.setattr(connection, "ensure_connection", unreachable)

    monkeypatch.setattr(connection, "commit", commit_then_drop)
    monkeypatch.setattr(connection, "set_autocommit", back_to_autocommit_then_unreachable)
    with pytest.raises(OperationalError):  # the citizen gets a 503 and no receipt ...
        _submit(world)
    monkeypatch.undo()

    assert Case.objects.count() == 1  # ... although the report is stored: documented in docs/benchmarks.md
    _rows_have_files()  # and the row keeps its file
    settled = evidence_services.files_settle(now=timezone.now() + timedelta(minutes=5))
    assert (settled.kept, settled.deleted) == (1, 0)
    _rows_have_files()
    assert journal.read_text() == ""


@pytest.mark.django_db(transaction=True)
def test_a_failure_inside_the_transaction_still_deletes_the_files(world, media, journal, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit store failed")

    monkeypatch.setattr("netra.cases.services.casebuild.audit", broken)
    with pytest.raises(RuntimeError):
        _submit(world)
    assert not Case.objects.exists()
    assert _files_on_disk(media) == set()
    assert not journal.exists()
