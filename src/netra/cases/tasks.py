"""Background work for cases: interfaces only, each calls one service (style rule 6)."""

from django_tasks import task

from netra.cases.services.evidence import evidence_verify_all


@task()
def evidence_verify() -> dict:
    """Re-hash every stored evidence file (idempotent; safe to run on a schedule)."""
    report = evidence_verify_all()
    return {"checked": report.checked, "failed": report.failed}
