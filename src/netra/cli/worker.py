"""``netra worker``: run the background worker of the configured tasks backend, with the reminder
scheduler beside it (netra.notifications.scheduler; one instance across all workers by a lease)."""

from typing import Annotated

import typer


def _start_scheduler(enabled: bool, burst: bool, say):
    """The scheduler thread, unless turned off or the worker only drains its queues (``--burst``)."""
    from django.conf import settings

    if burst or not enabled or not settings.NETRA_SCHEDULER or settings.NETRA_REMINDER_INTERVAL <= 0:
        return None
    from netra.notifications.scheduler import ReminderScheduler

    scheduler = ReminderScheduler()
    scheduler.start()
    say(f"Reminder scheduler: every {scheduler.interval:g} s while this worker holds the lease")
    return scheduler


def worker(
    queue: Annotated[
        list[str] | None,
        typer.Option("--queue", "-q", help="Work only on this queue (repeatable; default: all of them)."),
    ] = None,
    burst: Annotated[
        bool, typer.Option("--burst", help="Run what is queued, then exit (cron jobs, tests).")
    ] = False,
    scheduler: Annotated[
        bool,
        typer.Option(
            "--scheduler/--no-scheduler",
            help="Also run the reminder scheduler (only one worker at a time actually schedules).",
        ),
    ] = True,
) -> None:
    """Run background tasks: the database worker by default, an RQ worker with the broker backend."""
    from netra.cli.django_setup import setup

    setup()
    from netra.core.taskqueue.workers import WorkerUnavailable, run_worker

    beat = None
    try:
        beat = _start_scheduler(scheduler, burst, typer.echo)
        run_worker(queues=queue, burst=burst, say=typer.echo)
    except WorkerUnavailable as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from error
    finally:
        if beat is not None:
            beat.stop()
            beat.join(timeout=10)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    app.command("worker")(worker)
