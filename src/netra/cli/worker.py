"""``netra worker``: run the background worker of the configured tasks backend."""

from typing import Annotated

import typer


def worker(
    queue: Annotated[
        list[str] | None,
        typer.Option("--queue", "-q", help="Work only on this queue (repeatable; default: all of them)."),
    ] = None,
    burst: Annotated[
        bool, typer.Option("--burst", help="Run what is queued, then exit (cron jobs, tests).")
    ] = False,
) -> None:
    """Run background tasks: the database worker by default, an RQ worker with the broker backend."""
    from netra.cli.django_setup import setup

    setup()
    from netra.core.taskqueue.workers import WorkerUnavailable, run_worker

    try:
        run_worker(queues=queue, burst=burst, say=typer.echo)
    except WorkerUnavailable as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from error


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    app.command("worker")(worker)
