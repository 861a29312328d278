"""Audited reads: who saw a reporter's identity and who downloaded an evidence file.

Selectors decide what a user may read; these services leave the trace, one audit event per read, so
the handling office can later answer "who saw the pelapor's name" and "who took this file".
"""

from django.db import transaction

from netra.cases.models import Case, Evidence
from netra.cases.services.common import audit


def identity_view_record(
    *, user, case: Case, channel: str, reporter: bool = True, witnesses: int = 0, clarifications: int = 0
) -> None:
    """``user`` was shown identities of ``case`` (``channel``: "web" or "api"): the reporter's
    (``case.reporter.view``, with how many witnesses and pelapor/saksi clarifications were shown beside
    it), else witnesses' (``case.witness.view``), else only the names and berita acara of pelapor/saksi
    clarifications (``case.clarification.view``). Nothing shown, nothing recorded."""
    if not (reporter or witnesses or clarifications):
        return
    data: dict = {"channel": channel}
    if witnesses:
        data["witnesses"] = witnesses
    if clarifications:
        data["clarifications"] = clarifications
    if reporter:
        action = "case.reporter.view"
    else:
        action = "case.witness.view" if witnesses else "case.clarification.view"
    with transaction.atomic():
        audit(user=user, action=action, obj=case, data=data)


def identities_shown_record(*, user, detail, channel: str) -> None:
    """Audit what a ``selectors.CaseDetail`` shows of the reporter and the witnesses."""
    shown = [w for w in detail.witnesses if not w.erased]
    identity_view_record(
        user=user,
        case=detail.case,
        channel=channel,
        reporter=detail.reporter is not None,
        witnesses=len(shown),
        # The API's case detail lists no clarifications: only the page shows them.
        clarifications=detail.clarifications_shown if channel == "web" else 0,
    )


def evidence_download_record(*, user, evidence: Evidence, channel: str) -> None:
    """``user`` downloaded ``evidence`` (the SHA-256 says exactly which bytes)."""
    with transaction.atomic():
        audit(
            user=user,
            action="case.evidence.download",
            obj=evidence,
            data={"case_id": evidence.case_id, "sha256": evidence.sha256, "channel": channel},
        )
