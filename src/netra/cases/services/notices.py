"""The pemberitahuan status laporan as a letter: issued by the letter engine after a step the law
requires to be announced, and attached to the notice on the office's notice board."""

from netra.cases.models import Case, IssuedLetter, LetterKind
from netra.cases.services.letterissue import letter_issue
from netra.notifications.services import status_notice_letter_attach


def status_notice_letter_issue(*, case_id: int, status: str) -> IssuedLetter | None:
    """Issue the notice letter of ``case_id`` at ``status`` (the system issues it; audited by
    ``letter_issue``), once. None when the case has moved on meanwhile (the letter states the case's
    current status, and the newer step has its own notice) or the letter exists already."""
    case = Case.objects.select_related("office", "region").filter(pk=case_id).first()
    if case is None or case.status != status:
        return None

    def issue() -> IssuedLetter:
        return letter_issue(kind=LetterKind.PEMBERITAHUAN_STATUS, case=case, user=None)[0]

    return status_notice_letter_attach(case_id=case.pk, status=status, issue=issue)
