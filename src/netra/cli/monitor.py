"""Monitoring commands: ``netra monitor ingest|process|queue|temuan|fetch`` and ``netra capture``."""

import json
from pathlib import Path
from typing import Annotated

import typer

monitor_app = typer.Typer(help="Pemantauan: sumber, pipeline dan antrean triase.", no_args_is_help=True)


def _setup() -> None:
    from netra.cli.django_setup import setup

    setup()


def _source(name: str):
    """A source by id or by name (a name held by sources of several offices must be given as id)."""
    from netra.monitoring.models import Source

    matches = list(Source.objects.filter(pk=int(name))) if name.isdigit() else []
    if not matches:
        matches = list(Source.objects.filter(name=name).select_related("office"))
    if not matches:
        raise typer.BadParameter(f"sumber {name!r} tidak ditemukan", param_hint="--source")
    if len(matches) > 1:
        ids = ", ".join(str(source.pk) for source in matches)
        raise typer.BadParameter(
            f"beberapa sumber bernama {name!r}: sebutkan id ({ids})", param_hint="--source"
        )
    return matches[0]


@monitor_app.command("ingest")
def ingest(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="JSON Lines, CSV or XLSX export.")
    ],
    source: Annotated[str, typer.Option("--source", help="The source's name (or id).")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="jsonl, csv or xlsx (default: from the file name).")
    ] = None,
    election: Annotated[int | None, typer.Option("--election", help="Election id for every row.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="post (social media) or news.")] = "post",
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON summary only.")] = False,
) -> None:
    """Add a file's rows to a source as pending items (idempotent: a row already stored is a duplicate)."""
    _setup()
    from netra.cases.models import Election
    from netra.monitoring.services.ingest import IngestFileError, ingest_file

    chosen = _source(source)
    chosen_election = None
    if election is not None:
        chosen_election = Election.objects.filter(pk=election).first()
        if chosen_election is None:
            raise typer.BadParameter(f"pemilihan {election} tidak ditemukan", param_hint="--election")
    if kind not in ("post", "news"):
        raise typer.BadParameter("gunakan post atau news", param_hint="--kind")
    try:
        result = ingest_file(
            source=chosen,
            data=file.read_bytes(),
            filename=file.name,
            fmt=fmt,
            kind=kind,
            election=chosen_election,
        )
    except IngestFileError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from error
    summary = result.to_dict()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
        return
    typer.echo(
        f"{summary['received']} baris diterima: {summary['new']} baru, {summary['duplicates']} duplikat, "
        f"{len(summary['errors'])} galat"
    )
    for row_error in result.errors[:20]:
        typer.echo(f"  baris {row_error.row}, kolom {row_error.column or '-'}: {row_error.reason}")
    if len(result.errors) > 20:
        typer.echo(f"  ... dan {len(result.errors) - 20} galat lain")


@monitor_app.command("process")
def process(
    wait: Annotated[
        bool, typer.Option("--wait", help="Run the pipeline here until nothing is due (else: enqueue tasks).")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Stop after this many items.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Run the monitoring pipeline on the pending items: in the foreground with --wait, else enqueue
    the work for the workers (after returning expired leases to pending)."""
    _setup()
    from netra.monitoring.pipeline import process_pending
    from netra.monitoring.tasks import pipeline_sweep

    if wait:
        summary = {"processed": process_pending(limit), "states": _states()}
    else:
        result = pipeline_sweep.call()
        summary = {"enqueued": result["enqueued"], "due": result["due"], "states": _states()}
    if as_json:
        typer.echo(json.dumps(summary))
        return
    for key, value in summary.items():
        typer.echo(f"{key}: {value}")


def _states() -> dict[str, int]:
    from django.db.models import Count

    from netra.monitoring.models import Item

    return {row["state"]: row["n"] for row in Item.objects.order_by().values("state").annotate(n=Count("pk"))}


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(monitor_app, name="monitor")
    from netra.cli.monitor_triage import register_commands as triage_commands  # queue, temuan

    triage_commands(monitor_app, app)
    from netra.cli.monitor_capture import register_commands as capture_commands  # capture, fetch

    capture_commands(monitor_app, app)
