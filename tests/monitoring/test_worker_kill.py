"""Nothing is lost when a worker dies: on the broker backend (RQ on Redis, real ``netra worker``
processes over the test's PostgreSQL database), a worker is SIGKILLed while it holds a batch; its
lease expires, which makes the batch due again, two other workers finish the stream, and
every item ends done exactly once (``versions["runs"] == 1``). Skips without Redis unless
NETRA_REQUIRE_BROKER=1; PostgreSQL only (the workers share the test's database)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from netra.monitoring.models import Item, Lease
from netra.monitoring.services import pipeline_queue
from netra.monitoring.services.ingest import items_add
from tests.core.test_worker_broker import BROKER_URL, _delete_queue, broker_reachable

pytestmark = [
    pytest.mark.broker,
    pytest.mark.postgresql(reason="the worker processes share the test's database"),
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]
POSTS = 600
BATCH = 150
LEASE = 15  # longer than a batch takes here, so only the dead worker's lease expires
TIMEOUT = 240  # seconds; a loaded 2-core machine starts a worker in several seconds


@pytest.fixture
def queue_name(settings):
    if not broker_reachable():
        message = f"Redis broker not reachable at {BROKER_URL} (set NETRA_TEST_BROKER_URL)"
        if os.environ.get("NETRA_REQUIRE_BROKER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    name = f"netra-test-{uuid.uuid4().hex[:12]}"
    queues = ["default", name]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": queues}}
    settings.RQ_QUEUES = {q: {"URL": BROKER_URL} for q in queues}
    settings.NETRA_TASK_QUEUES = queues
    settings.NETRA_BROKER_URL = BROKER_URL
    yield name
    _delete_queue(name)


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, data_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "NETRA_DATABASE_URL": database_url(),
        "NETRA_DATA_DIR": str(data_dir),
        "NETRA_TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "NETRA_BROKER_URL": BROKER_URL,
        "NETRA_TASK_QUEUES": f"default,{queue}",
        "NETRA_MONITOR_BATCH": str(BATCH),
        "NETRA_MONITOR_LEASE": str(LEASE),
        "NETRA_SCHEDULER": "false",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    command = [sys.executable, "-c", "from netra.cli import main; main()", "worker", "-q", queue]
    return subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill_tree(pid: int) -> None:
    """SIGKILL a worker and the job process RQ forked for the current job (which RQ moves to a
    session of its own, so killing the worker's process group alone would leave it running)."""
    try:
        children = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        children = []
    for child in children:
        os.kill(child, signal.SIGKILL)
    os.killpg(pid, signal.SIGKILL)


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}: {dict(Item.objects.values_list('state').annotate())}")
        time.sleep(0.05)


def held_items():
    """Items a worker holds: named by a live lease (there is no "running" state)."""
    return Item.objects.filter(pk__in=Lease.held_ids(), state="pending")


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(queue_name, sources, monkeypatch, tmp_path):
    from netra.monitoring.tasks import pipeline_run

    monkeypatch.setattr("netra.monitoring.tasks.pipeline_schedule", lambda count: None)  # enqueued below
    rows = [
        {"platform": "x", "author_handle": f"akun{n}", "text": f"kabar kampung hari ini nomor {n} ramai"}
        for n in range(POSTS)
    ]
    assert items_add(source=sources["upload"], rows=rows, kind="post").new == POSTS
    run = pipeline_run.using(queue_name=queue_name)
    first = start_worker(queue_name, tmp_path)
    workers = [first]
    try:
        run.enqueue()
        wait_for(lambda: held_items().exists(), "the first worker to claim a batch")
        kill_tree(first.pid)  # the worker and its job process (RQ forks one per job), mid-batch
        first.wait(timeout=30)
        held = set(held_items().values_list("pk", flat=True))
        assert held, "the worker finished its batch before it was killed"
        workers = [start_worker(queue_name, tmp_path), start_worker(queue_name, tmp_path)]
        for _ in range(POSTS // BATCH + 2):
            run.enqueue()
        wait_for(
            lambda: set(Item.objects.filter(state="pending").values_list("pk", flat=True)) == held,
            "the other items to be processed",
        )
        time.sleep(LEASE + 1)
        # The dead worker's items are due again; the scheduled sweeper clears their lease (unless a
        # task queued above claimed them first: an expired lease frees its items by itself).
        swept = pipeline_queue.sweep()
        assert swept["parked"] == 0 and swept["returned"] <= len(held)
        for _ in range(2):
            run.enqueue()
        wait_for(lambda: Item.objects.filter(state="done").count() == POSTS, "every item to be done")
    finally:
        for worker in workers:
            if worker.poll() is None:
                kill_tree(worker.pid)  # cleanup only: the assertions below read the database
                worker.wait(timeout=30)
    items = list(Item.objects.values_list("pk", "state", "versions", "attempts"))
    assert len(items) == POSTS
    assert all(state == "done" and versions["runs"] == 1 for _pk, state, versions, _attempts in items)
    assert {pk for pk, _s, _v, attempts in items if attempts == 2} == held  # claimed again once, only those
