"""Prevention commands: ``netra import attendance``, ``netra import signatories``, ``netra coverage``."""

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    import_app.command("attendance")(import_attendance)
    import_app.command("signatories")(import_signatories)
    app.command("coverage")(coverage)


def _setup() -> None:
    from netra.cli.django_setup import setup

    setup()


def _user(username: str | None, recorded_by):
    """The importing officer: ``--user``, else the officer who recorded the event or pledge."""
    from netra.accounts.models import User

    if username is None:
        if recorded_by is None:
            raise typer.BadParameter("tidak ada petugas pencatat: sebutkan --user", param_hint="--user")
        return recorded_by
    account = User.objects.filter(username=username).select_related("office").first()
    if account is None or account.office is None:
        raise typer.BadParameter(
            f"pengguna {username!r} tidak ditemukan atau tanpa kantor", param_hint="--user"
        )
    return account


def _report(result, as_json: bool, errors_path: Path | None) -> None:
    from netra.registry.tabular import write_errors_csv

    if as_json:
        payload = {
            "rows": result.rows,
            "dry_run": result.dry_run,
            "matched": result.matched,
            "counts": result.counts,
            "errors": [
                {"row": e.row, "column": e.column, "value": e.value, "reason": e.reason}
                for e in result.errors
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
    else:
        for e in result.errors:
            typer.echo(f"baris {e.row}, kolom {e.column or '-'} ({e.value!r}): {e.reason}")
        if not result.errors:
            counts = ", ".join(f"{k}: {v}" for k, v in sorted(result.counts.items()))
            done = "uji coba, tidak ada yang ditulis" if result.dry_run else "diimpor"
            typer.echo(f"{result.rows} baris {done}; {result.matched} cocok dengan roster ({counts}).")
    if errors_path and result.errors:
        write_errors_csv(result.errors, errors_path)
    if result.errors:
        if not as_json:
            typer.echo(f"{len(result.errors)} kesalahan; tidak ada yang diimpor.", err=True)
        raise typer.Exit(1)


FileArg = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, help="CSV or XLSX: nama, nip, instansi, jabatan")
]
UserOpt = Annotated[str | None, typer.Option("--user", help="Importing officer (default: who recorded it)")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Validate and match only, write nothing")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output")]
ErrorsOpt = Annotated[Path | None, typer.Option(help="Write the row-by-row errors to this CSV")]


def _run_import(kind: str, file: Path, object_id: int, user, dry_run: bool, as_json: bool, errors) -> None:
    _setup()
    from django.core.exceptions import PermissionDenied

    from netra.prevention import services
    from netra.prevention.models import Event, Pledge

    model = Event if kind == "event" else Pledge
    obj = model.objects.filter(pk=object_id).first()
    if obj is None:
        raise typer.BadParameter(f"{kind} {object_id} tidak ditemukan", param_hint=f"--{kind}")
    account = _user(user, obj.created_by)
    try:
        if isinstance(obj, Event):
            result = services.attendance_import(user=account, event=obj, path=file, dry_run=dry_run)
        else:
            result = services.signatories_import(user=account, pledge=obj, path=file, dry_run=dry_run)
    except PermissionDenied as exc:
        raise typer.BadParameter(str(exc), param_hint="--user") from exc
    _report(result, as_json, errors)


def import_attendance(
    file: FileArg,
    event: Annotated[int, typer.Option("--event", help="Event id")],
    user: UserOpt = None,
    dry_run: DryRun = False,
    as_json: JsonOpt = False,
    errors: ErrorsOpt = None,
) -> None:
    """Replace an event's attendance list (all rows valid, or nothing) and match it to the roster."""
    _run_import("event", file, event, user, dry_run, as_json, errors)


def import_signatories(
    file: FileArg,
    pledge: Annotated[int, typer.Option("--pledge", help="Pledge id")],
    user: UserOpt = None,
    dry_run: DryRun = False,
    as_json: JsonOpt = False,
    errors: ErrorsOpt = None,
) -> None:
    """Replace a pledge's signatory list (all rows valid, or nothing) and match it to the roster."""
    _run_import("pledge", file, pledge, user, dry_run, as_json, errors)


def coverage_payload(cov, election) -> dict:
    """The ``--json`` shape (issue 14), plus the region's name and the election."""
    return {
        "region": cov.scope,
        "name": cov.name,
        "election_id": election.pk if election else None,
        "election": election.name if election else None,
        "workforce": cov.workforce,
        "socialised": cov.socialised,
        "pledged": cov.pledged,
        "socialised_share": cov.socialised_share,
        "pledged_share": cov.pledged_share,
        "agencies": [
            {
                "agency_id": a.agency_id,
                "agency": a.agency,
                "workforce": a.workforce,
                "socialised": a.socialised,
                "pledged": a.pledged,
                "socialised_share": a.socialised_share,
                "pledged_share": a.pledged_share,
                "last_pledge": a.last_pledge.isoformat() if a.last_pledge else None,
            }
            for a in cov.agencies
        ],
    }


def coverage(
    region: Annotated[str, typer.Option("--region", help="Region code, e.g. 32.04")],
    election: Annotated[
        int | None, typer.Option("--election", help="Election id (default: the latest active)")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Share of the roster's workforce socialised and pledged for an election, per agency."""
    _setup()
    from netra.prevention import selectors
    from netra.registry.selectors import region_get

    place = region_get(region.strip())
    if place is None:
        raise typer.BadParameter(f"kode wilayah {region!r} tidak dikenal", param_hint="--region")
    chosen = selectors.election_for_coverage(election)
    if election is not None and chosen is None:
        raise typer.BadParameter(f"pemilu/pemilihan {election} tidak ditemukan", param_hint="--election")
    cov = selectors.region_coverage(place.code, chosen.pk if chosen else None, place.name)
    payload = coverage_payload(cov, chosen)
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    typer.echo(f"{place.name} ({place.code}) · {payload['election'] or 'tanpa pemilu aktif'}")
    typer.echo(
        f"pegawai {cov.workforce}, tersosialisasi {cov.socialised} ({cov.socialised_share:.1%}), "
        f"ikrar {cov.pledged} ({cov.pledged_share:.1%})"
    )
    for a in cov.agencies:
        last = a.last_pledge.isoformat() if a.last_pledge else "-"
        typer.echo(
            f"  {a.agency}: {a.workforce} pegawai, {a.socialised} sosialisasi, "
            f"{a.pledged} ikrar, terakhir {last}"
        )
