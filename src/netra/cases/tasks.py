"""Background work for cases: interfaces only, each calls one service (style rule 6)."""

from django_tasks import task

from netra.cases.services.evidence import evidence_verify_all
from netra.cases.services.sealing import identities_erase_expired


@task()
def evidence_verify() -> dict:
    """Re-hash every stored evidence file (idempotent; safe to run on a schedule)."""
    report = evidence_verify_all()
    return {"checked": report.checked, "failed": report.failed}


@task()
def identity_retention() -> dict:
    """Erase reporters' identities past the retention period (idempotent; run it daily)."""
    return {"erased_cases": identities_erase_expired()}
