"""A worker killed in the middle and started again does not send a reminder twice: the real
``netra worker`` (database backend, scheduler inside) in subprocesses, email to a local SMTP server."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netra.core.taskqueue import DATABASE_BACKEND
from tests.notifications.conftest import decoded

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
NETRA = Path(sys.executable).parent / "netra"
HANDLER = "penangan@bintan.example"


def _reminders(inbox) -> list[str]:
    return [m for m in (decoded(t) for t in inbox.to(HANDLER)) if "Batas waktu" in m.splitlines()[0]]


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _runs_finished_since(database: Path, moment: str) -> int:
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE '%reminders_send' AND status = 'SUCCESSFUL' AND finished_at > ?",
            (moment,),
        ).fetchone()
    return row[0]


def _utc_now_text(database: Path) -> str:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')").fetchone()[0]


def _start(env) -> subprocess.Popen:
    return subprocess.Popen(
        [str(NETRA), "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_a_killed_and_restarted_worker_sends_the_reminder_once(tmp_path, smtp_server):
    host, port, inbox = smtp_server
    database = tmp_path / "netra.sqlite3"
    env = {
        **os.environ,
        "NETRA_DATA_DIR": str(tmp_path),
        "NETRA_DATABASE_URL": f"sqlite:///{database}",
        "NETRA_MEDIA_ROOT": str(tmp_path / "media"),
        "NETRA_EMAIL_URL": f"smtp://{host}:{port}",
        "NETRA_TASKS_BACKEND": DATABASE_BACKEND,
        "NETRA_REMINDER_INTERVAL": "1",
        "DJANGO_SETTINGS_MODULE": "netra.settings",
    }
    env.pop("NETRA_CACHE_URL", None)
    migrate = [sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"]
    subprocess.run(migrate, env=env, check=True, cwd=REPO)
    subprocess.run([sys.executable, "-m", "tests.notifications.worker_seed"], env=env, check=True, cwd=REPO)

    first = _start(env)
    try:
        _wait(lambda: len(_reminders(inbox)) >= 1, 120, "the first reminder email")
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # no clean shutdown: the lease is left held
        first.wait(timeout=30)
    restarted_at = _utc_now_text(database)

    second = _start(env)
    try:
        # The new process waits for the dead one's lease to expire, then schedules again: two runs.
        _wait(lambda: _runs_finished_since(database, restarted_at) >= 2, 120, "two runs after the restart")
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)

    assert len(_reminders(inbox)) == 1
    assert "Batas waktu hari ini" in _reminders(inbox)[0] or "24 jam" in _reminders(inbox)[0]
