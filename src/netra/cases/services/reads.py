"""Audited reads: who saw a reporter's identity and who downloaded an evidence file.

Selectors decide what a user may read; these services leave the trace, one audit event per read, so
the handling office can later answer "who saw the pelapor's name" and "who took this file".
"""

from django.db import transaction

from netra.cases.models import Case, Evidence
from netra.cases.services.common import audit


def identity_view_record(*, user, case: Case, channel: str) -> None:
    """``user`` was shown the reporter's identity of ``case`` (``channel``: "web" or "api")."""
    with transaction.atomic():
        audit(user=user, action="case.reporter.view", obj=case, data={"channel": channel})


def evidence_download_record(*, user, evidence: Evidence, channel: str) -> None:
    """``user`` downloaded ``evidence`` (the SHA-256 says exactly which bytes)."""
    with transaction.atomic():
        audit(
            user=user,
            action="case.evidence.download",
            obj=evidence,
            data={"case_id": evidence.case_id, "sha256": evidence.sha256, "channel": channel},
        )
