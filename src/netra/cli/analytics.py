"""``netra stats``, ``netra index``, ``netra export cases`` and ``netra analytics refresh|report``."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from netra.analytics.dimensions import DIMENSIONS

analytics_app = typer.Typer(
    help="Statistik: ringkasan, indeks kerawanan, laporan berkala.", no_args_is_help=True
)
export_app = typer.Typer(help="Ekspor daftar (CSV/XLSX).", no_args_is_help=True)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.command("stats")(stats)
    app.command("index")(index)
    app.add_typer(export_app, name="export")
    export_app.command("cases")(export_cases)
    app.add_typer(analytics_app, name="analytics")
    analytics_app.command("refresh")(refresh)


def _setup() -> None:
    from netra.cli.django_setup import setup

    setup()


def _user(username: str | None):
    """The account whose jurisdiction applies; None: the operator at the server (every case)."""
    if username is None:
        return None
    from netra.accounts.models import User

    account = User.objects.filter(username=username).select_related("office").first()
    if account is None or account.office is None:
        raise typer.BadParameter(
            f"pengguna {username!r} tidak ditemukan atau tanpa kantor", param_hint="--user"
        )
    return account


def _region(code: str | None) -> str:
    from netra.registry.selectors import region_get

    if not code:
        return ""
    region = region_get(code.strip())
    if region is None:
        raise typer.BadParameter(f"kode wilayah {code!r} tidak dikenal", param_hint="--region")
    return region.code


def _election(election: int | None) -> int | None:
    from netra.cases.selectors import election_list

    if election is not None and not election_list(active_only=False).filter(pk=election).exists():
        raise typer.BadParameter(f"pemilu/pemilihan {election} tidak dikenal", param_hint="--election")
    return election


def stats(
    by: Annotated[
        str, typer.Option("--by", help="region|type|indicator|subject|agency|stage|source|election|month")
    ],
    region: Annotated[str | None, typer.Option("--region", help="Kode wilayah Kemendagri (mis. 21)")] = None,
    election: Annotated[int | None, typer.Option("--election", help="ID pemilu/pemilihan")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Hitung dalam yurisdiksi pengguna ini")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON")] = False,
) -> None:
    """Cases counted by region, violation type, indicator, subject, agency, stage, source..."""
    if by not in DIMENSIONS:
        raise typer.BadParameter(f"pilih salah satu: {', '.join(DIMENSIONS)}", param_hint="--by")
    _setup()
    from netra.analytics.selectors import case_stats_all, case_stats_for

    account, code, election = _user(user), _region(region), _election(election)
    if account is None:
        found = case_stats_all(by=by, region=code, election=election)
    else:
        found = case_stats_for(account, by=by, region=code, election=election)
    rows = [
        {
            "key": r.key,
            "label": r.label,
            "cases": r.cases,
            "proven": r.proven,
            "recommended": r.recommended,
            "sanctioned": r.sanctioned,
        }
        for r in found.rows
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in found.rows:
        typer.echo(f"{r.key or '-':<14} {r.label[:48]:<48} {r.cases:>8} {r.proven:>7}")


def index(
    region: Annotated[str, typer.Option("--region", help="Kode provinsi atau kabupaten/kota")],
    election: Annotated[
        int | None, typer.Option("--election", help="ID pemilu/pemilihan (default: terbaru)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON")] = False,
) -> None:
    """The Indeks Kerawanan Netralitas ASN of one region, with its inputs."""
    _setup()
    from netra.analytics.selectors import region_index_all
    from netra.analytics.services import index_refresh

    code, election = _region(region), _election(election)
    found = region_index_all(region=code, election=election)
    if found is None:
        index_refresh(election_id=election)
        found = region_index_all(region=code, election=election)
    if found is None:
        raise typer.BadParameter(
            f"wilayah {code} tidak punya kasus maupun data pegawai", param_hint="--region"
        )
    answer = {
        "region": found.region_code,
        "region_name": found.region.name,
        "election": found.election_id or None,
        "score": found.score,
        "class": found.klass,
        "formula_version": found.formula_version,
        "inputs": found.inputs,
        "parts": found.parts,
        "computed_at": found.computed_at.isoformat(),
    }
    if as_json:
        typer.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    typer.echo(
        f"{found.region.name} ({found.region_code}): {found.score:.1f} · {found.klass}"
        f" · {found.formula_version}"
    )
    for name, value in found.inputs.items():
        typer.echo(f"  {name:<22} {'tidak tersedia' if value is None else value}")


def export_cases(
    file_format: Annotated[str, typer.Option("--format", help="csv atau xlsx")],
    out: Annotated[Path, typer.Option("--out", help="Berkas tujuan ('-' untuk stdout, CSV saja)")],
    region: Annotated[str | None, typer.Option("--region", help="Kode wilayah")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Ekspor dalam yurisdiksi pengguna ini")] = None,
) -> None:
    """The case list (scoped to --user, else every case) as CSV or XLSX, streamed, audited."""
    if file_format not in ("csv", "xlsx"):
        raise typer.BadParameter("pilih csv atau xlsx", param_hint="--format")
    if str(out) == "-" and file_format != "csv":
        raise typer.BadParameter("XLSX tidak dapat ditulis ke stdout", param_hint="--out")
    _setup()
    from netra.analytics.render import exports
    from netra.analytics.selectors import case_export_all
    from netra.analytics.services import export_record
    from netra.cases.selectors import case_list_for

    account, code = _user(user), _region(region)
    cases = case_export_all(region=code) if account is None else case_list_for(account, region=code)
    count = cases.count()
    export_record(user=account, what="cases", file_format=file_format, filters={"region": code}, rows=count)
    if file_format == "csv":
        _write_csv(exports.case_csv(cases), out)
    else:
        with exports.xlsx_file(exports.case_rows(cases), "kasus") as made, out.open("wb") as target:
            while chunk := made.read(1 << 20):
                target.write(chunk)
    typer.echo(f"{count} kasus diekspor ke {out}", err=True)


def _write_csv(lines, out: Path) -> None:
    if str(out) == "-":
        sys.stdout.writelines(lines)
        return
    with out.open("w", encoding="utf-8", newline="") as target:
        target.writelines(lines)


def refresh(
    index_too: Annotated[
        bool, typer.Option("--index/--no-index", help="Hitung ulang indeks kerawanan juga")
    ] = True,
    enqueue: Annotated[
        bool, typer.Option("--enqueue", help="Antrekan ke worker alih-alih menjalankan di sini")
    ] = False,
) -> None:
    """Rebuild the pre-aggregated statistics (and the vulnerability index): run it from cron."""
    _setup()
    from netra.analytics import tasks

    if enqueue:
        tasks.tally_refresh.enqueue()
        if index_too:
            tasks.index_refresh.enqueue()
        typer.echo("Dimasukkan ke antrean; jalankan `netra worker`.")
        return
    from netra.analytics.services import index_refresh, tally_refresh

    run = tally_refresh()
    typer.echo(f"Ringkasan dihitung ulang: {run.cases} kasus dalam {run.seconds:.1f} detik.")
    if index_too:
        typer.echo(f"Indeks kerawanan: {index_refresh()} wilayah.")
