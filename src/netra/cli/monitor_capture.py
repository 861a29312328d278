"""``netra capture URL`` (evidence capture of a web page), ``netra monitor fetch`` (news feeds) and
``netra monitor verify-captures`` (re-hash the stored capture files). docs/monitoring-capture.md."""

import json
from typing import Annotated

import typer


def _setup() -> None:
    from netra.cli.django_setup import setup

    setup()


def _account(username: str):
    from netra.accounts.models import User

    account = User.objects.filter(username=username).select_related("office").first()
    if account is None or account.office is None:
        raise typer.BadParameter(
            f"pengguna {username!r} tidak ditemukan atau tanpa kantor", param_hint="--user"
        )
    return account


def capture(
    url: Annotated[str, typer.Argument(help="Alamat halaman (http:// atau https://)")],
    user: Annotated[str, typer.Option("--user", help="Petugas yang menangkap halaman")],
    item: Annotated[int | None, typer.Option("--item", help="ID butir pemantauan yang dilampiri")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON")] = False,
) -> None:
    """Fetch a page once and store it as WARC plus a rendered PDF/PNG, hashed and audited."""
    _setup()
    from django.core.exceptions import PermissionDenied

    from netra.monitoring.models import Item
    from netra.monitoring.services.capture import CaptureError, capture_url

    account = _account(user)
    target = None
    if item is not None:
        target = Item.objects.filter(pk=item).first()
        if target is None:
            raise typer.BadParameter(f"butir {item} tidak ditemukan", param_hint="--item")
    try:
        found = capture_url(url, user=account, item=target)
    except CaptureError as exc:
        typer.echo(f"Gagal: {exc}", err=True)
        raise typer.Exit(1) from exc
    except PermissionDenied as exc:
        raise typer.BadParameter(str(exc), param_hint="--user") from exc
    except Item.DoesNotExist as exc:
        raise typer.BadParameter(
            f"butir {item} di luar wilayah pengguna {user}", param_hint="--item"
        ) from exc
    answer = {
        "capture_id": found.pk,
        "url": found.url,
        "warc_sha256": found.warc_sha256,
        "rendered_kind": found.rendered_kind or None,
        "rendered_sha256": found.rendered_sha256 or None,
        "captured_at": found.captured_at.isoformat(),
        "status_code": found.status_code,
        "error": found.error,
    }
    if as_json:
        typer.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    typer.echo(f"Tangkapan {found.pk}: HTTP {found.status_code}, WARC sha256 {found.warc_sha256}")
    if found.rendered_kind:
        typer.echo(f"{found.rendered_kind.upper()} sha256 {found.rendered_sha256}")
    if found.error:
        typer.echo(f"Peringatan: {found.error}")


def fetch(
    source: Annotated[
        int | None, typer.Option("--source", help="ID sumber umpan (default: semua yang jatuh tempo)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON")] = False,
) -> None:
    """Fetch news feeds: one source now (--source), else every active feed whose time has come."""
    _setup()
    from netra.monitoring.models import Source
    from netra.monitoring.services.feeds import fetch_due_feeds, fetch_feed

    if source is not None:
        found = Source.objects.filter(pk=source, kind=Source.Kind.FEED).select_related("office").first()
        if found is None or not found.url:
            raise typer.BadParameter(f"sumber umpan {source} tidak ditemukan", param_hint="--source")
        results = [fetch_feed(found)]
    else:
        results = fetch_due_feeds()
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        if not results:
            typer.echo("Tidak ada umpan yang jatuh tempo.")
        for r in results:
            outcome = r.error or f"{r.new} baru, {r.duplicates} duplikat, {len(r.errors)} galat baris"
            typer.echo(f"sumber {r.source_id}: {r.status} (HTTP {r.http_status or '-'}): {outcome}")
    if any(r.status == "error" for r in results):
        raise typer.Exit(1)


def verify_captures(as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON")] = False) -> None:
    """Re-hash every stored capture file (WARC and rendering) against its recorded SHA-256."""
    _setup()
    from netra.monitoring.services.capture import capture_verify_all

    report = capture_verify_all()
    if as_json:
        failed = [{"capture_id": pk, "files": files} for pk, files in report.failed.items()]
        typer.echo(json.dumps({"checked": report.checked, "failed": failed}, indent=2))
    elif report.failed:
        for pk, files in report.failed.items():
            typer.echo(f"tangkapan {pk}: berkas berubah atau hilang: {', '.join(files)}")
    else:
        typer.echo(f"{report.checked} tangkapan diperiksa, semua utuh.")
    if report.failed:
        raise typer.Exit(1)


def register_commands(monitor_app: typer.Typer, app: typer.Typer) -> None:
    """Add ``netra capture`` and ``netra monitor fetch|verify-captures``."""
    app.command("capture")(capture)
    monitor_app.command("fetch")(fetch)
    monitor_app.command("verify-captures")(verify_captures)
