"""``netra createuser``: create a staff account attached to an office."""

import sys
from pathlib import Path
from typing import Annotated

import typer


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise typer.BadParameter("no password on standard input", param_hint="--password-stdin")
        return password
    if not sys.stdin.isatty():
        raise typer.BadParameter("not interactive: pass the password with --password-stdin")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _find_office(region: str | None, kind: str | None):
    from netra.accounts.models import Office
    from netra.accounts.offices import office_for_region

    if bool(region) == bool(kind):
        raise typer.BadParameter("give exactly one of --office-region CODE or --office-kind bawaslu_ri|bkn")
    if kind:
        if kind not in (Office.Kind.BAWASLU_RI, Office.Kind.BKN):
            raise typer.BadParameter(
                "use bawaslu_ri or bkn (regional offices: --office-region)", param_hint="--office-kind"
            )
        office = Office.objects.filter(kind=kind).first()
    else:
        office = office_for_region((region or "").strip())
    if office is None:
        raise typer.BadParameter(
            f"no office for {region or kind!r}: load regions and run `netra offices ensure` first",
            param_hint="--office-region" if region else "--office-kind",
        )
    return office


def createuser(
    username: str = typer.Argument(..., help="Login name."),
    office_region: str = typer.Option(
        None,
        "--office-region",
        help="Region code of a Bawaslu office, "
        "e.g. 21.01 (Bawaslu Kabupaten Bintan) or 21 (Bawaslu Provinsi).",
    ),
    office_kind: str = typer.Option(None, "--office-kind", help="A national office: bawaslu_ri or bkn."),
    role: str = typer.Option(..., "--role", help="pimpinan, staf_penanganan, pengawas, analis or admin."),
    email: str = typer.Option("", "--email"),
    full_name: str = typer.Option("", "--full-name"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
) -> None:
    """Create a staff user attached to an office."""
    from netra.cli.django_setup import setup

    setup()
    from django.core.exceptions import ValidationError

    from netra.accounts.models import Role
    from netra.accounts.services import user_create

    if role not in Role.values:
        raise typer.BadParameter(
            f"unknown role {role!r}; choose one of {', '.join(Role.values)}", param_hint="--role"
        )
    office = _find_office(office_region, office_kind)
    password = _read_password(password_stdin)
    try:
        user = user_create(
            username=username, password=password, office=office, role=role, email=email, full_name=full_name
        )
    except ValidationError as error:
        typer.echo("Error: " + "; ".join(error.messages), err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Created {user.username} ({role}) at {office.name}.")


def offices_ensure(
    region: Annotated[
        list[str] | None, typer.Option("--region", help="Only these region codes (repeatable).")
    ] = None,
) -> None:
    """Create Bawaslu RI, BKN and the province and kab/kota offices for the loaded regions."""
    from netra.cli.django_setup import setup

    setup()
    from django.core.exceptions import ValidationError

    from netra.accounts.services import offices_ensure_tree

    try:
        created = offices_ensure_tree(region or None)
    except ValidationError as error:
        typer.echo("Error: " + "; ".join(error.messages), err=True)
        raise typer.Exit(1) from error
    typer.echo(f"{len(created)} offices created.")


def offices_letterhead(
    office_region: str = typer.Option(None, "--office-region", help="Region code of a Bawaslu office."),
    office_kind: str = typer.Option(None, "--office-kind", help="A national office: bawaslu_ri or bkn."),
    kop: str = typer.Option(
        None,
        "--kop",
        help="Kop lines separated by '|', e.g. "
        "'Badan Pengawas Pemilihan Umum|Kabupaten Bintan' ('' = from the office name).",
    ),
    address: str = typer.Option(None, "--address"),
    phone: str = typer.Option(None, "--phone"),
    email: str = typer.Option(None, "--email"),
    website: str = typer.Option(None, "--website"),
    place: str = typer.Option(None, "--place", help="Place written before the letter's date."),
    signatory_title: str = typer.Option(None, "--signatory-title", help="Jabatan above the signature."),
    logo: Annotated[
        Path | None,
        typer.Option("--logo", help="PNG or JPEG file (at most 512 KB).", exists=True, dir_okay=False),
    ] = None,
    remove_logo: bool = typer.Option(False, "--remove-logo"),
) -> None:
    """Show or change an office's kop surat (letterhead); options not given keep their value."""
    from netra.cli.django_setup import setup

    setup()
    from django.core.exceptions import ValidationError

    from netra.cases.services.letters import office_letterhead_update

    office = _find_office(office_region, office_kind)
    given = {
        "letterhead_name": None if kop is None else "\n".join(kop.split("|")),
        "address": address,
        "phone": phone,
        "email": email,
        "website": website,
        "letter_place": place,
        "signatory_title": signatory_title,
    }
    fields = {name: value for name, value in given.items() if value is not None}
    try:
        office_letterhead_update(
            office=office,
            actor="cli",
            remove_logo=remove_logo,
            logo=logo.read_bytes() if logo else None,
            **fields,
        )
    except ValidationError as error:
        typer.echo("Error: " + "; ".join(error.messages), err=True)
        raise typer.Exit(1) from error
    _print_letterhead(office)


def _print_letterhead(office) -> None:
    from netra.cases.letterdata import kop_lines

    typer.echo(f"{office.name}: kop " + " / ".join(kop_lines(office)))
    for label, value in (
        ("address", office.address),
        ("phone", office.phone),
        ("email", office.email),
        ("website", office.website),
        ("place", office.letter_place),
        ("signatory title", office.signatory_title),
    ):
        typer.echo(f"  {label}: {value or '-'}")
    typer.echo(f"  logo: {len(office.logo)} bytes" if office.logo else "  logo: -")


def demo_code(username: Annotated[str, typer.Argument(help="A demo account, e.g. bintan.pimpinan")]) -> None:
    """The current 6-digit sign-in code of a demo account (its authenticator was pre-enrolled by
    `netra demo`); real accounts keep their secret in their own authenticator app only."""
    from netra.cli.django_setup import setup

    setup()
    from netra.accounts.models import User
    from netra.accounts.services_twofactor import twofactor_demo_code

    user = User.objects.filter(username=username).first()
    code = twofactor_demo_code(user=user) if user is not None else None
    if code is None:
        typer.echo(f"Error: {username!r} is not a demo account with a pre-enrolled authenticator.", err=True)
        raise typer.Exit(2)
    typer.echo(code)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.command("createuser")(createuser)
    offices = typer.Typer(help="Supervision offices.", no_args_is_help=True)
    offices.command("ensure")(offices_ensure)
    offices.command("letterhead")(offices_letterhead)
    app.add_typer(offices, name="offices")
    accounts = typer.Typer(help="Staff accounts.", no_args_is_help=True)
    accounts.command("demo-code")(demo_code)
    app.add_typer(accounts, name="accounts")
