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


@task()
def followup_escalate() -> list[dict]:
    """Take the PPK follow-up escalation steps that are due (idempotent: a step is taken once, so a
    scheduler may run it as often as it likes, from one worker or several)."""
    from netra.cases.services.followup import followup_escalate_due

    return [
        {
            "case_id": item.case_id,
            "recommendation_id": item.recommendation_id,
            "step": item.step,
            "letters": [letter.number for letter in item.letters],
        }
        for item in followup_escalate_due()
    ]


@task()
def status_notice_letter(case_id: int, status: str) -> dict:
    """Issue the pemberitahuan status laporan letter of an announced step (idempotent)."""
    from netra.cases.services.notices import status_notice_letter_issue

    letter = status_notice_letter_issue(case_id=case_id, status=status)
    return {"number": letter.number if letter else None}
