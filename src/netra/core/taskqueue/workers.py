"""Run the worker that belongs to the configured tasks backend (``netra worker``)."""

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from netra.core.taskqueue import BROKER_BACKEND, DATABASE_BACKEND

# An RQ worker must build django_tasks_rq's Job: the plain rq Job cannot call a django_tasks Task.
RQ_JOB_CLASS = "django_tasks_rq.Job"


class WorkerUnavailable(Exception):
    """The configured backend has no worker to run, or its broker cannot be reached."""


def configured_backend() -> str:
    return str(settings.TASKS["default"]["BACKEND"])


def redacted_url(url: str) -> str:
    """The broker URL with its password hidden, for log lines and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def chosen_queues(queues: list[str] | None) -> list[str]:
    """The queues to work on: the given ones (each must be configured) or every configured queue."""
    configured = list(settings.NETRA_TASK_QUEUES)
    if not queues:
        return configured
    unknown = [name for name in queues if name not in configured]
    if unknown:
        raise WorkerUnavailable(
            f"unknown queue(s) {', '.join(unknown)}: NETRA_TASK_QUEUES lists {', '.join(configured)}"
        )
    return list(queues)


def run_worker(*, queues: list[str] | None, burst: bool, say: Callable[[str], None]) -> None:
    """Work on ``queues`` until stopped (or, with ``burst``, until they are empty)."""
    backend = configured_backend()
    names = chosen_queues(queues)
    if backend == DATABASE_BACKEND:
        _run_database_worker(names, burst, say)
    elif backend == BROKER_BACKEND:
        _run_broker_worker(names, burst, say)
    else:
        raise WorkerUnavailable(
            f"NETRA_TASKS_BACKEND={backend} has no worker to run: use {DATABASE_BACKEND} (one node) "
            f"or {BROKER_BACKEND} (Redis broker); the immediate backend runs tasks in the calling process"
        )


def _run_database_worker(queues: list[str], burst: bool, say: Callable[[str], None]) -> None:
    from django.core.management import call_command

    database = settings.DATABASES["default"]
    say(
        f"Netra worker: database backend ({database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}), "
        f"queues {', '.join(queues)}" + (", until they are empty" if burst else ", Ctrl-C to stop")
    )
    # The startup delay spreads many workers' first polls; a burst run has nothing to spread.
    call_command("db_worker", queue_name=",".join(queues), batch=burst, startup_delay=not burst, reload=False)


def _run_broker_worker(queues: list[str], burst: bool, say: Callable[[str], None]) -> None:
    import django_rq
    from django_rq.utils import reset_db_connections
    from django_rq.workers import get_worker
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq.logutils import setup_loghandlers

    broker = redacted_url(settings.NETRA_BROKER_URL)
    try:
        django_rq.get_connection(queues[0]).ping()
    except RedisConnectionError as error:
        raise WorkerUnavailable(f"broker {broker} is not reachable (NETRA_BROKER_URL): {error}") from error
    say(
        f"Netra worker: broker backend (RQ on {broker}), queues {', '.join(queues)}"
        + (", until they are empty" if burst else ", Ctrl-C to stop")
    )
    setup_loghandlers("INFO")
    worker = get_worker(*queues, job_class=RQ_JOB_CLASS, default_result_ttl=settings.NETRA_TASK_RESULT_TTL)
    reset_db_connections()  # each job runs in a forked child: it must not share the parent's connections
    # The scheduler moves deferred tasks (run_after) onto their queue when they are due.
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
