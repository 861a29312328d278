"""``netra keys``: the master key ring that wraps every case's data key (docs/security.md, "Keys")."""

import json

import typer

keys_app = typer.Typer(help="Encryption keys: status, new key, rotation.", no_args_is_help=True)


def _setup() -> None:
    from netra.cli.django_setup import setup

    setup()


@keys_app.command("generate")
def generate() -> None:
    """Print a new random master key (base64), e.g. for NETRA_MASTER_KEY in a secret store."""
    from netra.core.crypto import new_key_text

    typer.echo(new_key_text())


@keys_app.command("status")
def status(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Where the ring comes from, its key ids (newest first), and how many case keys and TOTP secrets
    each wraps."""
    _setup()
    from netra.accounts.services_twofactor import totp_secrets_by_master
    from netra.cases.services.sealing import case_keys_by_master
    from netra.core.crypto import KeyUnavailable, key_file_in_use, master_ring

    try:
        ring = [key.key_id for key in master_ring()]
    except KeyUnavailable as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    path = key_file_in_use()
    source, counts, totp = (
        str(path) if path else "NETRA_MASTER_KEY",
        case_keys_by_master(),
        totp_secrets_by_master(),
    )
    if as_json:
        answer = {"source": source, "keys": ring, "case_keys": counts, "totp_secrets": totp}
        typer.echo(json.dumps(answer, sort_keys=True))
        return
    typer.echo(f"Master keys from {source}, newest first: {', '.join(ring)}")
    for key_id in sorted(set(counts) | set(totp)):
        typer.echo(
            f"  {key_id}: {counts.get(key_id, 0)} case keys, {totp.get(key_id, 0)} TOTP secrets"
            f"{'' if key_id in ring else '  (NOT IN THE RING: unreadable)'}"
        )


@keys_app.command("rotate")
def rotate(
    keep_old: bool = typer.Option(False, "--keep-old", help="Keep the old keys in the key file afterwards."),
) -> None:
    """Put a new master key first and re-wrap every case's data key and TOTP secret with it.

    With a key file, the new key is generated and written first; the old keys are dropped once every
    data key is re-wrapped (unless --keep-old). With NETRA_MASTER_KEY, put the new key (from
    `netra keys generate`) first in it yourself, run this, then remove the old key.
    """
    _setup()
    from netra.cases.services.sealing import case_keys_rewrap
    from netra.core.crypto import (
        KeyUnavailable,
        key_file_in_use,
        master_ring,
        new_key_text,
        write_private_file,
    )

    path = key_file_in_use()
    try:
        old = master_ring()
        if path is not None:
            lines = path.read_text(encoding="ascii").split()
            write_private_file(path, "\n".join([new_key_text(), *lines]) + "\n")
        report = case_keys_rewrap()
    except KeyUnavailable as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    if path is not None and not keep_old:
        write_private_file(path, path.read_text(encoding="ascii").split()[0] + "\n")
    typer.echo(
        f"Re-wrapped {report.rewrapped} of {report.total} case keys and {report.totp_rewrapped} of"
        f" {report.totp_total} TOTP secrets under master key {report.key_id} (was {old[0].key_id})."
    )
    if path is None:
        typer.echo("Now remove the old key from NETRA_MASTER_KEY.")


@keys_app.command("seal-evidence")
def seal_evidence() -> None:
    """Encrypt evidence files stored before encryption at rest and make their folders 0700 (once, after
    upgrading)."""
    _setup()
    from netra.cases.services.sealing import evidence_seal_legacy, evidence_store_tighten

    report = evidence_seal_legacy()
    typer.echo(f"Sealed {len(report.sealed)} evidence files; made {evidence_store_tighten()} paths private.")
    if report.refused:
        refused = ", ".join(map(str, report.refused))
        typer.echo(
            f"Left untouched, their bytes do not match the upload fingerprint: evidence {refused}", err=True
        )
        raise typer.Exit(1)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(keys_app, name="keys")
