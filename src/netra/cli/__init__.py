"""The ``netra`` command line. Each domain module adds its commands through ``register``."""

import typer

from netra.cli import (
    accounts,
    analytics,
    audit,
    backup,
    cases,
    compliance,
    elections,
    keys,
    monitor,
    posts,
    prevention,
    registry,
    reminders,
    rules,
    text,
    worker,
)

app = typer.Typer(
    name="netra",
    help="Netra: pengawasan netralitas ASN (civil-servant neutrality supervision).",
    no_args_is_help=True,
    add_completion=False,
    # Click's plain help: typer's rich panels label every flag, --help included, as "<bool>", which
    # reads as if the flag took a value.
    rich_markup_mode=None,
)
import_app = typer.Typer(help="Import data from CSV/XLSX files.", no_args_is_help=True)
app.add_typer(import_app, name="import")

for module in (
    rules,
    registry,
    text,
    posts,
    cases,
    compliance,
    elections,
    prevention,
    accounts,
    audit,
    keys,
    backup,
    reminders,
    worker,
    analytics,
    monitor,
):
    module.register(app, import_app)


def main() -> None:
    try:
        app()
    except Exception as error:
        from netra.cli.django_setup import setup_hint

        hint = setup_hint(error)
        if hint is None:
            raise
        typer.echo(f"Error: {hint}", err=True)
        raise SystemExit(2) from None
