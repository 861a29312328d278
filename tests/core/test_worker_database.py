"""The database backend on one node: enqueue through django_tasks, ``netra worker --burst`` runs it."""

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from netra.cli import app
from netra.core.taskqueue import DATABASE_BACKEND, enqueue_on_commit
from tests.core import sample_tasks

# The worker closes its database connection when it stops, so it cannot run inside a test transaction.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]
runner = CliRunner()


@pytest.fixture
def database_backend():
    with override_settings(TASKS={"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": ["default"]}}):
        yield


def run_worker(*args: str):
    result = runner.invoke(app, ["worker", "--burst", *args])
    assert result.exit_code == 0, result.output
    return result


def test_worker_runs_queued_tasks_and_records_results():
    done = sample_tasks.square.enqueue(7)
    failed = sample_tasks.fail.enqueue("bad input")
    assert done.status == TaskResultStatus.READY

    output = run_worker().output

    assert "database backend" in output and "queues default" in output
    done.refresh()
    failed.refresh()
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value["square"] == 49
    assert done.worker_ids and done.finished_at is not None
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path == "tests.core.sample_tasks.SampleTaskError"
    assert "bad input" in failed.errors[0].traceback


def test_enqueue_on_commit_waits_for_the_commit():
    with transaction.atomic():
        enqueue_on_commit(sample_tasks.square, 3)
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY

    run_worker()

    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_enqueue_on_commit_drops_the_task_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(sample_tasks.square, 3)
        raise RuntimeError("request failed")
    assert not DBTaskResult.objects.exists()


def test_worker_on_one_queue_leaves_the_others():
    with override_settings(
        NETRA_TASK_QUEUES=["default", "bulk"],
        TASKS={"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": ["default", "bulk"]}},
    ):
        bulk = sample_tasks.square.using(queue_name="bulk").enqueue(2)
        default = sample_tasks.square.enqueue(3)
        run_worker("--queue", "bulk")
        bulk.refresh()
        default.refresh()
    assert bulk.status == TaskResultStatus.SUCCESSFUL
    assert default.status == TaskResultStatus.READY


@pytest.mark.django_db
def test_unknown_queue_is_refused():
    result = runner.invoke(app, ["worker", "--burst", "--queue", "nope"])
    assert result.exit_code == 2
    assert "unknown queue(s) nope" in result.output


@pytest.mark.django_db
def test_a_backend_without_worker_is_refused():
    immediate = "django_tasks.backends.immediate.ImmediateBackend"
    with override_settings(TASKS={"default": {"BACKEND": immediate}}):
        result = runner.invoke(app, ["worker", "--burst"])
    assert result.exit_code == 2
    assert "has no worker to run" in result.output
