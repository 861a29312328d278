"""``netra audit verify`` and ``netra audit log``."""

import typer

audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@audit_app.command("verify")
def verify() -> None:
    """Recompute the chain. Exit 0 if intact, 1 if broken (printing the first bad event)."""
    from netra.cli.django_setup import setup

    setup()
    from netra.audit.services import chain_verify

    result = chain_verify()
    if result.ok:
        typer.echo(f"OK: {result.count} events, chain intact. Newest hash: {result.head_hash}")
        if result.checkpoint_seq is None:
            typer.echo("No signed checkpoint yet: run `netra audit checkpoint` on a schedule.")
        else:
            typer.echo(f"Matches the newest signed checkpoint ({result.checkpoint_seq} events).")
        return
    typer.echo(
        f"BROKEN at seq {result.first_bad_seq}: {result.reason} ({result.count} events verified before it).",
        err=True,
    )
    raise typer.Exit(1)


@audit_app.command("keygen")
def keygen(
    force: bool = typer.Option(False, "--force", help="Replace an existing key (keep the old .pub!)."),
) -> None:
    """Create the Ed25519 key that signs checkpoints (private 0600, outside the database)."""
    from netra.cli.django_setup import setup

    setup()
    from netra.audit.checkpoints import (
        CheckpointError,
        public_key_path,
        signing_key_generate,
        signing_key_path,
    )

    try:
        key_id = signing_key_generate(force=force)
    except CheckpointError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Signing key {key_id}: {signing_key_path()} (private, 0600), {public_key_path()} (public).")


@audit_app.command("checkpoint")
def checkpoint() -> None:
    """Verify the chain, then append a signed checkpoint (count + newest hash). Run it from cron."""
    from netra.cli.django_setup import setup

    setup()
    from netra.audit.checkpoints import CheckpointError, checkpoint_path
    from netra.audit.services import checkpoint_write

    try:
        signed = checkpoint_write()
    except CheckpointError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Checkpoint: {signed.seq} events, newest hash {signed.head_hash}, in {checkpoint_path()}.")


@audit_app.command("privileges")
def privileges() -> None:
    """Exit 1 when Netra's database role could update, delete or truncate the audit tables."""
    from netra.cli.django_setup import setup

    setup()
    from netra.audit.privileges import audit_privilege_problems

    problems = audit_privilege_problems()
    for problem in problems:
        typer.echo(f"PROBLEM: {problem}", err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo("OK: the database role cannot rewrite the audit tables (or the engine has no roles).")


def _parse_object(value: str | None) -> tuple[str, str]:
    if not value:
        return "", ""
    obj_type, sep, obj_id = value.partition(":")
    if not sep or not obj_type or not obj_id:
        raise typer.BadParameter("use TYPE:ID, e.g. case:42", param_hint="--object")
    return obj_type, obj_id


@audit_app.command("log")
def log(
    obj: str = typer.Option(None, "--object", help="Only events about TYPE:ID, e.g. case:42."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many of the newest events."),
) -> None:
    """Print the newest events, oldest first."""
    obj_type, obj_id = _parse_object(obj)
    from netra.cli.django_setup import setup

    setup()
    import json

    from netra.audit.selectors import events_recent

    for event in events_recent(obj_type=obj_type, obj_id=obj_id, limit=limit):
        data = json.dumps(event.data, ensure_ascii=False, sort_keys=True) if event.data else ""
        typer.echo(
            f"#{event.seq}\t{event.at.isoformat(timespec='seconds')}\t{event.actor}\t"
            f"{event.action}\t{event.object_type}:{event.object_id}\t{data}".rstrip()
        )


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(audit_app, name="audit")
