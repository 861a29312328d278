"""The broker backend end to end: enqueue through django_tasks, a real RQ worker over Redis runs it.

The worker is ``netra worker --burst`` in a subprocess, configured only by the environment, as in
production. NETRA_TEST_BROKER_URL picks the Redis (default 127.0.0.1:6379, database 15); without it
reachable these tests skip, unless NETRA_REQUIRE_BROKER=1 (CI) turns the skip into a failure.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist
from typer.testing import CliRunner

from netra.cli import app
from netra.core.taskqueue import BROKER_BACKEND, enqueue_on_commit
from tests.core import sample_tasks

pytestmark = pytest.mark.broker

BROKER_URL = os.environ.get("NETRA_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]
WORKER_TIMEOUT = 120  # a burst worker starts in about a second; a loaded 2-core machine has taken over 40 s


def broker_reachable() -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        return bool(Redis.from_url(BROKER_URL, socket_connect_timeout=1).ping())
    except RedisError:
        return False


@pytest.fixture(scope="module")
def queue_name():
    """A queue of this test run only, so parallel runs on one Redis never take each other's jobs."""
    if not broker_reachable():
        message = f"Redis broker not reachable at {BROKER_URL} (set NETRA_TEST_BROKER_URL)"
        if os.environ.get("NETRA_REQUIRE_BROKER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return f"netra-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def broker(queue_name):
    queues = ["default", queue_name]
    with override_settings(
        TASKS={"default": {"BACKEND": BROKER_BACKEND, "QUEUES": queues}},
        RQ_QUEUES={name: {"URL": BROKER_URL} for name in queues},
        NETRA_TASK_QUEUES=queues,
        NETRA_BROKER_URL=BROKER_URL,
    ):
        yield queue_name
        _delete_queue(queue_name)


def _delete_queue(name: str) -> None:
    import django_rq

    queue = django_rq.get_queue(name)
    for registry in (queue.finished_job_registry, queue.failed_job_registry, queue.scheduled_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
    queue.delete(delete_jobs=True)


def run_worker(queue: str) -> subprocess.CompletedProcess:
    """``netra worker --burst`` in its own process, configured through the environment only."""
    env = {
        **os.environ,
        "NETRA_TASKS_BACKEND": BROKER_BACKEND,
        "NETRA_BROKER_URL": BROKER_URL,
        "NETRA_TASK_QUEUES": f"default,{queue}",
        "NETRA_TASK_RESULT_TTL": "300",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    command = [sys.executable, "-c", "from netra.cli import main; main()", "worker", "--burst", "-q", queue]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=WORKER_TIMEOUT)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def queued(queue: str) -> int:
    import django_rq

    return django_rq.get_queue(queue).count


def test_worker_runs_enqueued_tasks_over_the_broker_and_records_results(broker):
    done = sample_tasks.square.using(queue_name=broker).enqueue(12)
    failed = sample_tasks.fail.using(queue_name=broker).enqueue("bad input")
    assert done.status == TaskResultStatus.READY and queued(broker) == 2

    worker = run_worker(broker)

    assert f"broker backend (RQ on {BROKER_URL})" in worker.stdout
    assert queued(broker) == 0
    done.refresh()
    failed.refresh()
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value["square"] == 144
    assert done.return_value["pid"] != os.getpid()  # it ran in the worker, not here
    assert done.worker_ids
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path == "tests.core.sample_tasks.SampleTaskError"
    assert "bad input" in failed.errors[0].traceback
    read_back = default_task_backend.get_result(done.id)  # as another process would, by id
    assert read_back.status == TaskResultStatus.SUCCESSFUL and read_back.return_value["square"] == 144


def test_an_unknown_result_id_is_reported(broker):
    with pytest.raises(TaskResultDoesNotExist):
        default_task_backend.get_result("no-such-task")


def test_a_failed_job_requeued_runs_again_and_keeps_both_attempts(broker):
    """The recovery an admin has today: requeue from the failed registry (django-rq's admin does this)."""
    import django_rq

    failed = sample_tasks.fail.using(queue_name=broker).enqueue("first")
    run_worker(broker)
    registry = django_rq.get_queue(broker).failed_job_registry
    assert failed.id in registry.get_job_ids()

    registry.requeue(failed.id)
    run_worker(broker)

    failed.refresh()
    assert failed.status == TaskResultStatus.FAILED
    assert len(failed.errors) == 2 and len(failed.worker_ids) == 2


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_reaches_the_broker_only_after_commit(broker):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(sample_tasks.square.using(queue_name=broker), 1)
        raise RuntimeError("request failed")
    assert queued(broker) == 0

    with transaction.atomic():
        enqueue_on_commit(sample_tasks.square.using(queue_name=broker), 2)
        assert queued(broker) == 0
    assert queued(broker) == 1


def test_unreachable_broker_is_reported_clearly():
    unreachable = "redis://:secret@127.0.0.1:1/0"
    with override_settings(
        TASKS={"default": {"BACKEND": BROKER_BACKEND, "QUEUES": ["default"]}},
        RQ_QUEUES={"default": {"URL": unreachable}},
        NETRA_BROKER_URL=unreachable,
    ):
        result = CliRunner().invoke(app, ["worker", "--burst"])
    assert result.exit_code == 2
    assert "broker redis://:***@127.0.0.1:1/0 is not reachable" in result.output
    assert "secret" not in result.output
