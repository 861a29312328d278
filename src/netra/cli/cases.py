"""``netra demo``, ``netra serve``, ``netra import cases``, ``netra evidence verify``/``settle`` and
``netra cases kasn-handover`` / ``sanction-stats`` / ``erase-identities``."""

from pathlib import Path
from typing import Annotated

import typer

CASES_MAX = 5_000_000  # netra.cases.services.generate.MAX_CASES, without importing Django here
GENERATOR_USER = "ri.admin"  # the demo's national administrator signs the generation
evidence_app = typer.Typer(help="Evidence files.", no_args_is_help=True)
cases_app = typer.Typer(help="Case workflow: KASN hand-over, sanction statistics.", no_args_is_help=True)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.command("demo")(demo)
    app.command("serve")(serve)
    import_app.command("cases")(import_cases)
    app.add_typer(evidence_app, name="evidence")
    evidence_app.command("verify")(evidence_verify)
    evidence_app.command("settle")(evidence_settle)
    app.add_typer(cases_app, name="cases")
    cases_app.command("kasn-handover")(kasn_handover)
    cases_app.command("sanction-stats")(sanction_stats)
    cases_app.command("erase-identities")(erase_identities)


def _console():
    from rich.console import Console

    return Console()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _print_logins(summary, port: int | None) -> None:
    """The demo accounts, then the links: full links only when a server is about to answer on them."""
    from rich.table import Table

    from netra.cases.demo import DEMO_PASSWORD

    table = Table(title="Akun demo (kata sandi sama untuk semua; verifikasi dua langkah sudah aktif)")
    for column in ("nama pengguna", "kantor", "peran", "kunci TOTP"):
        table.add_column(column)
    for username, office, role, secret in summary.users:
        table.add_row(username, office, role, secret)
    console = _console()
    console.print(table)
    console.print(f"Kata sandi demo: [bold]{DEMO_PASSWORD}[/bold]")
    console.print(
        "Kode verifikasi (6 angka) setelah kata sandi: [bold]netra accounts demo-code NAMA_PENGGUNA[/bold], "
        "atau masukkan kunci TOTP akun itu ke aplikasi autentikator (Google Authenticator, Aegis, ...)."
    )
    console.print(
        f"{summary.regions} wilayah, {summary.roster} pegawai sintetis, {summary.cases} kasus demo."
    )
    for note in summary.notes:
        console.print(note)
    if port is None:
        console.print("Server tidak dijalankan (--no-serve). Jalankan [bold]netra serve[/bold], lalu buka:")
    base = "" if port is None else f"http://127.0.0.1:{port}"
    console.print(f"Masuk: {base}/akun/masuk/ (mis. [bold]bintan.pimpinan[/bold])")
    console.print(f"Antrean kasus: {base}/kasus/antrean/")
    console.print(f"Lapor tanpa akun: {base}/kasus/lapor/ ; lacak laporan: {base}/kasus/lacak/")
    console.print(f"API: {base}/api/v1/docs (OpenAPI: {base}/api/v1/openapi.json)")


def _start_worker():
    """The django-tasks database worker in the background, for tasks any app enqueues."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "netra.settings"}
    return subprocess.Popen(
        [sys.executable, "-m", "django", "db_worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def demo(
    port: Annotated[int, typer.Option(help="Port for the web server")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Prepare the demo and exit")] = False,
    desa: Annotated[bool, typer.Option("--desa", help="Also load desa/kelurahan (slower)")] = False,
    roster: Annotated[int, typer.Option(help="Synthetic roster size")] = 1500,
    cases: Annotated[
        int, typer.Option("--cases", help="Also add this many generated cases (all regions, stages...)")
    ] = 0,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the generated cases (same seed, same cases)")
    ] = 1,
) -> None:
    """Set up the demo (database, regions, offices, users, cases) and start the server."""
    if not 0 <= cases <= CASES_MAX:
        typer.echo(f"Error: --cases harus antara 0 dan {CASES_MAX}.", err=True)
        raise typer.Exit(2)
    from netra.cli.django_setup import setup

    setup()
    server = None if no_serve else _bind("127.0.0.1", port)  # a busy port fails before the long load
    console = _console()
    console.print("Menyiapkan basis data…")
    _migrate()
    from netra.cases.demo import demo_load

    summary = demo_load(desa=desa, roster_size=roster, log=console.print)
    from netra.prevention.demo import prevention_demo_load

    summary.notes += prevention_demo_load(log=console.print)
    from netra.monitoring.demo import monitoring_demo_load

    summary.notes += monitoring_demo_load(log=console.print)
    _demo_keys(console)
    if cases:
        _generate(cases, seed, console)
    _demo_statistics(console)
    if no_serve:
        _print_logins(summary, None)
        return
    _print_logins(summary, port)
    import signal
    import sys

    worker = _start_worker()
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))  # so the worker is stopped below
    try:
        _run(server, "127.0.0.1", port)
    finally:
        worker.terminate()


def _demo_statistics(console) -> None:
    """Fill the statistics summary and the vulnerability index now, so the dashboard and the index
    pages answer at once instead of after the first scheduled ``netra analytics refresh``."""
    from netra.analytics.services import index_refresh, tally_refresh

    run = tally_refresh()
    console.print(f"Statistik: {run.cases} kasus diringkas; indeks kerawanan {index_refresh()} wilayah.")


def _demo_keys(console) -> None:
    """The demo keeps its keys in its data directory (0600 files in a 0700 folder): the master key that
    wraps the case keys (made on first use) and the key that signs audit checkpoints; then it signs one."""
    from netra.audit.checkpoints import CheckpointError, signing_key_generate, signing_key_path
    from netra.audit.services import checkpoint_write
    from netra.core.crypto import master_ring

    master_ring()
    if not signing_key_path().exists():
        signing_key_generate()
    try:
        signed = checkpoint_write()
    except CheckpointError as error:
        console.print(f"Peringatan: checkpoint audit tidak ditandatangani: {error}")
        return
    console.print(f"Kunci di {signing_key_path().parent}; checkpoint audit: {signed.seq} peristiwa.")


def _generate(count: int, seed: int, console) -> None:
    """Generated cases through the service, as the national demo administrator (one audit event)."""
    from netra.accounts.models import User
    from netra.cases.services.generate import cases_generate

    console.print(f"Membuat {count} kasus sintetis (seed {seed})…")
    result = cases_generate(
        user=User.objects.get(username=GENERATOR_USER), count=count, seed=seed, log=console.print
    )
    rate = result.count / result.seconds if result.seconds else 0
    console.print(
        f"{result.count} kasus sintetis dibuat (id {result.first_id}-{result.last_id}) "
        f"dalam {result.seconds:.1f} detik ({rate:,.0f} kasus/detik)."
    )


def _bind(host: str, port: int):
    """A waitress server (a production WSGI server: threads, no reloader, no debug pages) bound to the
    port, or a one-line error and exit 2 when the address is taken or cannot be used."""
    from waitress import create_server

    from netra.wsgi import application

    try:
        return create_server(application, host=host, port=port, threads=8, ident="netra")
    except OSError as error:
        typer.echo(
            f"Error: tidak bisa memakai {host}:{port} ({error.strerror or error}). "
            f"Port itu mungkin dipakai program lain: pilih port lain dengan --port.",
            err=True,
        )
        raise typer.Exit(2) from None


def _run(server, host: str, port: int) -> None:
    _console().print(f"Netra berjalan di http://{host}:{port}/ (Ctrl+C untuk berhenti)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Worker processes: 1 = waitress in this process; more = gunicorn (production extra)"
        ),
    ] = 1,
    threads: Annotated[
        int, typer.Option(min=1, max=64, help="Threads per gunicorn worker (overlap database waits)")
    ] = 4,
) -> None:
    """Run the web server (put a TLS-terminating proxy in front in production).

    One process runs waitress with threads; Python's GIL then caps it near one core. ``--workers N``
    runs gunicorn with N processes (about two per core), each with ``--threads`` threads; set
    NETRA_DB_CONN_MAX_AGE so each thread keeps its database connection, and share the rate limits
    between workers with NETRA_CACHE_URL=redis://... (docs/deployment.md)."""
    from netra.cli.django_setup import setup

    setup()
    if workers > 1:
        _run_gunicorn(host, port, workers, threads)
        return
    _run(_bind(host, port), host, port)


def _run_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    """Replace this process with gunicorn serving netra.wsgi (its master handles signals and restarts)."""
    import os
    import shutil
    import sys

    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
    if not Path(gunicorn).exists():
        typer.echo("Error: --workers needs gunicorn: pip install 'netra-asn[production]'.", err=True)
        raise typer.Exit(2)
    args = [gunicorn, "netra.wsgi:application", "--bind", f"{host}:{port}", "--workers", str(workers)]
    args += ["--threads", str(threads), "--worker-class", "gthread", "--name", "netra"]
    # The heartbeat file in memory (a busy disk must not stall workers); keep-alive for a local proxy.
    args += ["--worker-tmp-dir", "/dev/shm" if Path("/dev/shm").is_dir() else "/tmp", "--keep-alive", "5"]  # noqa: S108
    _console().print(f"Netra berjalan di http://{host}:{port}/ ({workers} proses gunicorn × {threads} utas)")
    os.execv(gunicorn, args)  # noqa: S606 - a fixed program and arguments, no shell


def import_cases(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or XLSX")],
    user: Annotated[str, typer.Option("--user", help="Importing staff member (pimpinan/admin)")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only, write nothing")] = False,
    errors: Annotated[Path | None, typer.Option(help="Write the row-by-row errors to this CSV")] = None,
) -> None:
    """Import historical cases: every row is checked first; nothing is imported if any row fails."""
    from netra.cli.django_setup import setup

    setup()
    from django.core.exceptions import PermissionDenied

    from netra.accounts.models import User
    from netra.cases.importers import cases_import
    from netra.registry.tabular import write_errors_csv

    account = User.objects.filter(username=user).select_related("office").first()
    if account is None or account.office is None:
        raise typer.BadParameter(f"pengguna {user!r} tidak ditemukan atau tanpa kantor", param_hint="--user")
    try:
        result = cases_import(file, user=account, dry_run=dry_run)
    except PermissionDenied as exc:
        raise typer.BadParameter(str(exc), param_hint="--user") from exc
    _report_import(result, errors, write_errors_csv)


def _report_import(result, errors_path, write_errors_csv) -> None:
    console = _console()
    for error in result.errors:
        console.print(f"baris {error.row}, kolom {error.column or '-'} ({error.value!r}): {error.reason}")
    if errors_path and result.errors:
        write_errors_csv(result.errors, errors_path)
        console.print(f"Daftar kesalahan ditulis ke {errors_path}")
    if result.errors:
        console.print(
            f"[red]{len(result.errors)} kesalahan pada {result.rows} baris; tidak ada yang diimpor.[/red]"
        )
        raise typer.Exit(1)
    if result.dry_run:
        console.print(f"{result.rows} baris valid (uji coba, tidak ada yang ditulis).")
    else:
        console.print(f"[green]{len(result.created)} kasus diimpor.[/green]")


def evidence_verify() -> None:
    """Re-hash every stored evidence file and report those whose content changed or vanished."""
    from netra.cli.django_setup import setup

    setup()
    from netra.cases.services.evidence import evidence_verify_all

    report = evidence_verify_all()
    console = _console()
    if report.failed:
        console.print(
            f"[red]{len(report.failed)} dari {report.checked} berkas tidak cocok: {report.failed}[/red]"
        )
        raise typer.Exit(1)
    console.print(f"[green]{report.checked} berkas bukti utuh.[/green]")


def evidence_settle() -> None:
    """Settle files whose commit failed (a database outage mid-commit): keep those a row names,
    delete the others. Safe to run from cron; does nothing when the journal is empty."""
    from netra.cli.django_setup import setup

    setup()
    from netra.cases.services.evidence import files_settle

    report = files_settle()
    _console().print(
        f"{report.kept} berkas tersimpan dengan barisnya, {report.deleted} berkas tanpa baris dihapus, "
        f"{report.pending} menunggu (terlalu baru)."
    )


def _staff_user(username: str):
    from netra.accounts.models import User

    account = User.objects.filter(username=username).select_related("office").first()
    if account is None or account.office is None:
        raise typer.BadParameter(
            f"pengguna {username!r} tidak ditemukan atau tanpa kantor", param_hint="--user"
        )
    return account


def _processed_option(values: list[str]) -> dict:
    """``ID:YYYY-MM-DD`` pairs: recommendations KASN had already processed, and when."""
    from datetime import date

    found = {}
    for value in values:
        try:
            rec_id, day = value.split(":", 1)
            found[int(rec_id)] = date.fromisoformat(day)
        except ValueError:
            raise typer.BadParameter(f"{value!r}: tulis ID:TTTT-BB-HH", param_hint="--processed") from None
    return found


def kasn_handover(
    user: Annotated[str, typer.Option("--user", help="Pimpinan/admin of Bawaslu RI or BKN")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would move, write nothing")] = False,
    processed: Annotated[
        list[str] | None,
        typer.Option("--processed", help="ID:YYYY-MM-DD of a recommendation KASN had already processed"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """Hand recommendations stuck at KASN over: pending -> BKN, processed -> Kementerian PANRB
    (SE MenPANRB 4/2024), each audited with its legal basis."""
    import json

    from netra.cli.django_setup import setup

    setup()
    from django.core.exceptions import PermissionDenied, ValidationError

    from netra.cases.services.kasn import BASIS
    from netra.cases.services.kasn import kasn_handover as hand_over

    account = _staff_user(user)
    try:
        items = hand_over(user=account, dry_run=dry_run, processed=_processed_option(processed or []))
    except PermissionDenied as exc:
        raise typer.BadParameter(str(exc), param_hint="--user") from exc
    except ValidationError as exc:
        raise typer.BadParameter(" ".join(exc.messages), param_hint="--processed") from exc
    if as_json:
        typer.echo(
            json.dumps({"dry_run": dry_run, "basis": BASIS, "items": items}, ensure_ascii=False, indent=2)
        )
        return
    console = _console()
    for item in items:
        console.print(f"{item['register_number'] or item['case_id']} · {item['terlapor']} -> {item['to']}")
    verb = "akan dialihkan (uji coba)" if dry_run else "dialihkan"
    console.print(f"{len(items)} rekomendasi {verb}. Dasar: {BASIS}")


def sanction_stats(
    user: Annotated[str, typer.Option("--user", help="Whose cases to count (their jurisdiction)")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """How many sanctioned cases got a sanction lighter than the catalogue's class."""
    import json

    from netra.cli.django_setup import setup

    setup()
    from netra.cases.selectors import sanction_counts_for

    counts = sanction_counts_for(_staff_user(user))
    if as_json:
        typer.echo(json.dumps(counts))
        return
    _console().print(
        f"{counts['lighter']} dari {counts['sanctioned']} kasus bersanksi: lebih ringan dari katalog."
    )


def erase_identities(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list the cases that are due.")] = False,
) -> None:
    """Erase reporters' identities of cases closed longer than NETRA_IDENTITY_RETENTION_DAYS (audited)."""
    from netra.cli.django_setup import setup

    setup()
    from django.conf import settings

    from netra.cases.services.sealing import identities_due_for_erasure, identities_erase_expired

    days = settings.NETRA_IDENTITY_RETENTION_DAYS
    if dry_run:
        due = [case.pk for case in identities_due_for_erasure()]
        typer.echo(f"{len(due)} identities past {days} days: cases {', '.join(map(str, due)) or '-'}")
        return
    erased = identities_erase_expired()
    typer.echo(
        f"Erased {len(erased)} identities past {days} days: cases {', '.join(map(str, erased)) or '-'}"
    )
