"""``netra reminders run``: create the deadline reminders due now (or at ``--now``) and send them."""

import json
from datetime import datetime
from typing import Annotated

import typer

reminders_app = typer.Typer(help="Deadline reminders and notifications.", no_args_is_help=True)


def parse_moment(text: str | None) -> datetime | None:
    """An ISO 8601 date-time; without an offset it is read in the project's zone (WIB). None: now."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(
            f"not an ISO 8601 date-time: {text!r} (e.g. 2024-11-20T08:00+07:00)"
        ) from None
    from django.utils import timezone

    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@reminders_app.command("run")
def run(
    now: Annotated[
        str | None,
        typer.Option("--now", help="Run as if it were this moment (ISO 8601; default: the clock)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be created; create and send nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reminders as a JSON list.")] = False,
) -> None:
    """Create the reminders due (24 hours before, the day of, after a deadline) and send pending emails.

    Idempotent: run twice with the same --now, the second run creates and sends nothing new.
    """
    from netra.cli.django_setup import setup

    setup()
    from django.utils import timezone

    from netra.notifications.services import reminders_run

    try:
        moment = parse_moment(now) or timezone.now()
    except typer.BadParameter as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from error
    created = reminders_run(now=moment, dry_run=dry_run)
    if as_json:
        typer.echo(json.dumps([item.to_dict() for item in created], ensure_ascii=False, indent=2))
        return
    verb = "would create" if dry_run else "created"
    typer.echo(f"{len(created)} reminder(s) {verb} at {moment.isoformat()}")
    for item in created:
        typer.echo(
            f"  {item.kind:16} {item.channel:6} {item.recipient:20} "
            f"case {item.case_id} due {item.due:%Y-%m-%d %H:%M}"
        )


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(reminders_app, name="reminders")
