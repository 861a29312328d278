"""``netra compliance`` (PPK follow-up compliance, and ``escalate``: the due escalation steps with
their letters) and ``netra letters list CASE_ID``."""

import json
from datetime import datetime
from typing import Annotated

import typer

compliance_app = typer.Typer(
    help="Kepatuhan tindak lanjut rekomendasi oleh PPK: ringkasan dan eskalasi.",
    invoke_without_command=True,
)
letters_app = typer.Typer(help="Surat yang diterbitkan untuk kasus.", no_args_is_help=True)

UserOption = Annotated[
    str | None,
    typer.Option("--user", help="Read as this user (their jurisdiction); default: nationally, as Bawaslu RI"),
]


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(compliance_app, name="compliance")
    compliance_app.command("escalate")(escalate)
    app.add_typer(letters_app, name="letters")
    letters_app.command("list")(letters_list)


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def _reader(username: str | None):
    """The user whose jurisdiction the command reads: ``--user``, else the national Bawaslu office
    (an operator at the server reads everything, as its pimpinan would)."""
    from netra.accounts.models import Office, Role, User

    if username:
        account = User.objects.filter(username=username, is_active=True).select_related("office").first()
        if account is None or account.office is None:
            _fail(f"pengguna {username!r} tidak ditemukan, tidak aktif atau tanpa kantor")
        return account
    national = Office.objects.filter(kind=Office.Kind.BAWASLU_RI).first()
    if national is None:
        _fail("tidak ada kantor Bawaslu RI; berikan --user")
    return User(username="cli", office=national, role=Role.PIMPINAN, is_active=True)


def _moment(raw: str | None) -> datetime | None:
    """``--now`` as an aware datetime (ISO 8601; without a zone: the server's time zone)."""
    if raw is None:
        return None
    from django.utils import timezone

    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        _fail(f"--now bukan tanggal-waktu ISO 8601: {raw!r}")
        raise
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@compliance_app.callback()
def compliance(
    ctx: typer.Context,
    agency: Annotated[int | None, typer.Option("--agency", help="Only this instansi (agency id)")] = None,
    region: Annotated[str, typer.Option("--region", help="Only cases in this region code subtree")] = "",
    user: UserOption = None,
    now: Annotated[str | None, typer.Option("--now", help="Count overdue at this moment (ISO 8601)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """Recommendations received per PPK instansi: acted on within the service target, overdue,
    sanctions lighter than the catalogue, escalations."""
    if ctx.invoked_subcommand is not None:
        return
    from netra.cli.django_setup import setup

    setup()
    from netra.cases.schemas import ComplianceOut
    from netra.cases.selectors import compliance_for
    from netra.registry.models import Region

    region = region.strip()
    if region and not Region.objects.filter(code=region).exists():
        _fail(f"kode wilayah tidak dikenal: {region!r}")
    report = compliance_for(_reader(user), agency_id=agency, region=region, now=_moment(now))
    data = ComplianceOut.model_validate(report, from_attributes=True).model_dump(mode="json")
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(
        f"{data['recommendations']} rekomendasi: {data['acted_within_target']} ditindaklanjuti dalam target, "
        f"{data['overdue']} lewat target, {data['lighter_than_catalogue']} sanksi lebih ringan, "
        f"{data['escalations']} langkah eskalasi."
    )
    for row in data["agencies"]:
        typer.echo(
            f"- {row['agency']} ({row['agency_id']}): {row['recommendations']} rekomendasi, "
            f"{row['acted_within_target']} dalam target, {row['overdue']} lewat target, "
            f"{row['escalations']} eskalasi"
        )


def escalate(
    now: Annotated[str | None, typer.Option("--now", help="Escalate as at this moment (ISO 8601)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """Take every due escalation step once: permintaan tindak lanjut, then teguran and the request to
    BKN to block the data in SIASN. Running it again with the same --now issues nothing new."""
    from netra.cli.django_setup import setup

    setup()
    from netra.cases.services import followup_escalate_due

    taken = followup_escalate_due(now=_moment(now))
    rows = [
        {
            "case_id": item.case_id,
            "recommendation_id": item.recommendation_id,
            "step": item.step,
            "letters": [
                {"kind": x.kind, "number": x.number, "date": x.issued_on.isoformat(), "sha256": x.sha256}
                for x in item.letters
            ],
        }
        for item in taken
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for item in taken:
        numbers = ", ".join(letter.number for letter in item.letters)
        typer.echo(
            f"kasus {item.case_id}, rekomendasi {item.recommendation_id}: langkah {item.step} ({numbers})"
        )
    typer.echo(f"{len(rows)} langkah eskalasi diambil.")


def letters_list(
    case_id: Annotated[int, typer.Argument(help="The case id")],
    user: UserOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """The letters issued for a case: kind, number, date, SHA-256 of the archived PDF."""
    from netra.cli.django_setup import setup

    setup()
    from django.http import Http404

    from netra.cases.schemas import IssuedLetterOut
    from netra.cases.selectors import letters_for

    try:
        letters = letters_for(_reader(user), case_id)
    except Http404:
        _fail(f"kasus {case_id} tidak ditemukan (atau di luar wilayah pengguna)")
        raise
    rows = [IssuedLetterOut.model_validate(x, from_attributes=True).model_dump(mode="json") for x in letters]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        typer.echo(f"{row['date']}  {row['kind']:<26} {row['number']:<40} {row['sha256']}")
