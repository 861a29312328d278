"""``netra elections``: list elections, show or export their post-scoring configuration, import one
from a TOML or JSON file (the devset's shape, benchmarks/devset/election_*.toml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

FORMATS = ("toml", "json")


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    elections = typer.Typer(help="Elections and the post scorer's configuration.", no_args_is_help=True)
    elections.command("list")(list_elections)
    elections.command("show")(show)
    elections.command("import")(import_config)
    elections.command("export")(export)
    app.add_typer(elections, name="elections")


def _election(election_id: int):
    from netra.cli.django_setup import setup

    setup()
    from netra.cases.models import Election

    election = Election.objects.filter(pk=election_id).first()
    if election is None:
        raise typer.BadParameter(f"pemilihan {election_id} tidak ditemukan", param_hint="ELECTION")
    return election


def list_elections(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """Every election with its dates and how many areas are configured."""
    from netra.cli.django_setup import setup

    setup()
    from django.db.models import Count

    from netra.cases.models import Election

    rows = [
        {
            "id": election.pk,
            "name": election.name,
            "regime": election.regime,
            "region_code": election.region_id or "",
            "voting_day": election.voting_day.isoformat(),
            "configured_areas": election.areas,
        }
        for election in Election.objects.annotate(areas=Count("settings")).order_by("-voting_day", "name")
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        typer.echo(
            f"{row['id']:>4}  {row['name']}  ({row['regime']}, {row['voting_day']}, "
            f"{row['configured_areas']} konfigurasi)"
        )


def show(
    election_id: Annotated[int, typer.Argument(metavar="ID", help="Election id (netra elections list)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """An election's dates and every configured area: candidates, parties, slogans, hashtags."""
    election = _election(election_id)
    from netra.cases.elections import election_overview

    overview = election_overview(election)
    if as_json:
        typer.echo(json.dumps(overview, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{overview['name']} ({overview['regime']})")
    for key, value in overview["period"].items():
        typer.echo(f"  {key}: {value}")
    if not overview["areas"]:
        typer.echo("  belum ada konfigurasi calon")
    for area in overview["areas"]:
        typer.echo(
            f"- {area['region_name'] or 'seluruh wilayah'} [{area['region_code'] or '*'}] v{area['version']}"
        )
        for candidate in area["candidates"]:
            typer.echo(f"    {candidate['number']:02d} {', '.join(candidate['names'])}")
        if area["parties"]:
            typer.echo(f"    partai: {', '.join(party['name'] for party in area['parties'])}")


def import_config(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="TOML or JSON configuration")],
    election_id: Annotated[int, typer.Option("--election", metavar="ID", help="Election id")],
    region: Annotated[
        str | None,
        typer.Option(
            "--region", metavar="CODE", help="Province or kabupaten/kota code (default: the file's)"
        ),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="toml or json (default: from the suffix)")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and report, write nothing")] = False,
    user: Annotated[
        str | None, typer.Option("--user", help="Act as this staff member (role and region checked)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Replace an area's configuration with a file's; every bad row is listed, nothing written then."""
    election = _election(election_id)
    from django.core.exceptions import PermissionDenied

    from netra.cases.elections import error_message
    from netra.cases.services import election_config_import
    from netra.text.election import ElectionConfigError, parse_config

    chosen = (fmt or file.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise typer.BadParameter("format harus toml atau json", param_hint="--format")
    try:
        data = parse_config(file.read_text(encoding="utf-8"), chosen)
    except FileNotFoundError as exc:
        raise typer.BadParameter(f"berkas {file} tidak ada", param_hint="FILE") from exc
    except (ElectionConfigError, UnicodeDecodeError) as exc:
        message = error_message(exc) if isinstance(exc, ElectionConfigError) else str(exc)
        raise typer.BadParameter(message, param_hint="FILE") from exc
    account = _user(user)
    try:
        outcome = election_config_import(
            election=election, data=data, region_code=region, dry_run=dry_run, user=account, actor="cli"
        )
    except PermissionDenied as exc:
        raise typer.BadParameter(str(exc), param_hint="--user") from exc
    if as_json:
        typer.echo(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))
    else:
        where = outcome.region_code or "seluruh wilayah"
        state = (
            "ditulis" if outcome.written else ("uji coba, tidak ditulis" if not outcome.errors else "ditolak")
        )
        typer.echo(f"{where}: {outcome.candidates} calon, {outcome.parties} partai ({state})")
        for warning in outcome.warnings:
            typer.echo(f"peringatan: {warning}")
        for error in outcome.errors:
            typer.echo(f"galat: {error}", err=True)
    if outcome.errors:
        raise typer.Exit(1)


def _user(username: str | None):
    if username is None:
        return None
    from netra.accounts.models import User

    account = User.objects.filter(username=username).select_related("office").first()
    if account is None or account.office is None:
        raise typer.BadParameter(
            f"pengguna {username!r} tidak ditemukan atau tanpa kantor", param_hint="--user"
        )
    return account


def export(
    election_id: Annotated[int, typer.Argument(metavar="ID", help="Election id")],
    region: Annotated[
        str, typer.Option("--region", metavar="CODE", help="Area (default: the whole area)")
    ] = "",
    fmt: Annotated[str, typer.Option("--format", help="toml or json")] = "toml",
) -> None:
    """An area's configuration as a file that ``netra elections import`` reads back."""
    election = _election(election_id)
    from netra.cases.elections import area_file_data
    from netra.text.election import config_json, dump_toml

    if fmt not in FORMATS:
        raise typer.BadParameter("format harus toml atau json", param_hint="--format")
    data = area_file_data(election, region)
    if data is None:
        raise typer.BadParameter(f"wilayah {region or '*'} belum punya konfigurasi", param_hint="--region")
    typer.echo(dump_toml(data) if fmt == "toml" else config_json(data), nl=False)
