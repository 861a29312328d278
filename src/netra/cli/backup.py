"""``netra backup`` and ``netra restore`` (docs/deployment.md, "Backup and restore")."""

import json
from pathlib import Path
from typing import Annotated

import typer


def backup(
    destination: Annotated[Path, typer.Argument(help="Folder that receives netra-backup-<time>/.")],
    include_master_key: Annotated[
        bool,
        typer.Option("--include-master-key", help="Also copy the master key (keep such a backup apart!)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Snapshot the database, the evidence store and the audit checkpoints, with a SHA-256 manifest."""
    from netra.cli.django_setup import setup

    setup()
    from netra.core.backup import BackupError, backup_create
    from netra.core.crypto import KeyUnavailable

    try:
        result = backup_create(destination, include_master_key=include_master_key)
    except (BackupError, KeyUnavailable, OSError) as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        report = {
            "folder": str(result.folder),
            "files": result.files,
            "manifest_sha256": result.manifest_sha256,
        }
        typer.echo(json.dumps(report, sort_keys=True))
        return
    typer.echo(f"Backup {result.folder}: {result.files} files, manifest SHA-256 {result.manifest_sha256}")


def _record_restore(folder: Path, manifest: dict) -> None:
    from django.db import transaction

    from netra.audit.services import event_record

    with transaction.atomic():
        event_record(
            actor="system",
            action="system.restore",
            obj_type="backup",
            obj_id=folder.name[:64],
            data={"created_at": manifest["created_at"], "engine": manifest["engine"]},
        )


def restore(
    folder: Annotated[Path, typer.Argument(help="A netra-backup-<time>/ folder.")],
    yes: Annotated[bool, typer.Option("--yes", help="Replace the current database and files.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Only verify the manifest.")] = False,
) -> None:
    """Verify a backup's manifest, then replace the database, evidence store and checkpoint file."""
    from netra.cli.django_setup import setup

    setup()
    from netra.audit.services import chain_verify
    from netra.core.backup import BackupError, backup_restore, backup_verify, missing_master_keys

    try:
        manifest = backup_verify(folder)
        if check:
            typer.echo(f"OK: {len(manifest['files'])} files match the manifest ({manifest['created_at']}).")
            return
        if not yes:
            typer.echo("Error: restoring replaces the current database and files: add --yes.", err=True)
            raise typer.Exit(2)
        missing = missing_master_keys(folder)
        manifest = backup_restore(folder)
    except BackupError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    _record_restore(Path(folder), manifest)
    verified = chain_verify()
    typer.echo(
        f"Restored the backup of {manifest['created_at']}; audit chain: {'OK' if verified.ok else 'BROKEN'}."
    )
    if missing:
        typer.echo(
            f"Warning: master keys {', '.join(missing)} are not in the key ring: their data will not open."
        )
    if not verified.ok:
        raise typer.Exit(1)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.command("backup")(backup)
    app.command("restore")(restore)
