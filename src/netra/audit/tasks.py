"""Background work for the audit log: interfaces only, each calls one service (style rule 6)."""

from django_tasks import task

from netra.audit.services import checkpoint_write


@task()
def audit_checkpoint() -> dict:
    """Sign the chain's current count and newest hash (safe to run on a schedule)."""
    checkpoint = checkpoint_write()
    return {"seq": checkpoint.seq, "head_hash": checkpoint.head_hash, "at": checkpoint.at}
