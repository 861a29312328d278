"""``netra monitor queue`` and ``netra monitor temuan``: the triage queue and "Jadikan temuan" from
the command line (added to the ``monitor`` group by ``netra.cli.monitor.register``)."""

import json
from typing import Annotated

import typer


def register_commands(monitor_app: typer.Typer, app: typer.Typer) -> None:
    monitor_app.command("queue")(queue)
    monitor_app.command("temuan")(temuan)


def _setup() -> None:
    from netra.cli.django_setup import setup

    setup()


def _user(username: str):
    from netra.accounts.models import User

    account = User.objects.filter(username=username).select_related("office").first()
    if account is None or account.office is None or not account.is_active:
        raise typer.BadParameter(
            f"pengguna {username!r} tidak ditemukan atau tanpa kantor", param_hint="--user"
        )
    return account


def queue(
    office: Annotated[
        str | None,
        typer.Option("--office", help='Region code of a supervisory office ("21.01"), "RI" for Bawaslu RI'),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="How many items")] = 50,
    user: Annotated[
        str | None, typer.Option("--user", help="Only what this officer may see (default: every item)")
    ] = None,
    status: Annotated[
        str, typer.Option("--status", help="terbuka (default), semua, or a triage state")
    ] = "terbuka",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """The triage queue, highest priority first: processed items with their suggested code, cues,
    cluster size and roster candidates."""
    _setup()
    from netra.monitoring import selectors
    from netra.monitoring.api_queue import queue_item_dict
    from netra.monitoring.models import Item

    chosen = None
    if office is not None:
        chosen = selectors.office_for_code(office)
        if chosen is None:
            raise typer.BadParameter(f"tidak ada kantor pengawas untuk {office!r}", param_hint="--office")
    filters = selectors.QueueFilters(status=status)
    if user is not None:
        rows = list(selectors.triage_queue(_user(user), office=chosen, limit=limit, filters=filters).items)
    else:  # the operator on the server: every item, the same filters and order
        everything = selectors.queue_rows(Item.objects.all(), filters, office=chosen)
        rows = list(everything.order_by("-priority", "-received_at", "-id")[:limit])
    found = [queue_item_dict(item) for item in selectors.name_agencies(rows)]
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    for row in found:
        best = row["author_matches"][0]["name"] if row["author_matches"] else "-"
        text = " ".join(row["text"].split())[:80]
        typer.echo(f"#{row['id']} {row['priority']:.2f} {row['code'] or '-':6} {best[:30]:30} {text}")
    if not found:
        typer.echo("Antrean kosong.")


def temuan(
    item_id: Annotated[int, typer.Argument(help="The monitoring item's id", min=1)],
    user: Annotated[str, typer.Option("--user", help="The officer making the temuan (pengawas or pimpinan)")],
    pegawai: Annotated[
        int | None, typer.Option("--pegawai", help="The terlapor's roster id (default: the best candidate)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Make a temuan of a monitoring item ("Jadikan temuan"), with the item as evidence."""
    _setup()
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404

    from netra.monitoring import selectors
    from netra.monitoring.services.triage import item_to_temuan

    officer = _user(user)
    try:
        item = selectors.item_get_for(officer, item_id)
        case = item_to_temuan(item, user=officer, pegawai=pegawai)
    except Http404:
        typer.echo(f"Error: butir {item_id} tidak ditemukan di wilayah {officer.username}.", err=True)
        raise typer.Exit(1) from None
    except (PermissionDenied, ValidationError) as exc:
        reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        typer.echo(f"Error: {reason}", err=True)
        raise typer.Exit(1) from None
    evidence = [
        {"sha256": e.sha256, "kind": e.content_type or "link", "name": e.original_name, "link": e.link}
        for e in case.evidence.order_by("pk")
    ]
    payload = {
        "case_id": case.pk,
        "receipt_code": case.receipt_code,
        "register_number": case.register_number,
        "evidence": evidence,
    }
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False))
    else:
        typer.echo(f"Temuan {case.pk} dibuat ({case.receipt_display}); {len(evidence)} bukti.")
