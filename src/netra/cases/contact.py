"""The reporter's email address for the status notices the law requires (netra.notifications)."""

from netra.cases.models import Reporter
from netra.cases.sealing import identity_open
from netra.core.crypto import KeyUnavailable


def reporter_email(case_id: int) -> str:
    """The pelapor's email, opened from the sealed identity; "" when there is none, it was erased,
    or the master key to open it is not available in this process."""
    reporter = Reporter.objects.filter(case_id=case_id).first()
    if reporter is None:
        return ""
    try:
        return identity_open(reporter).email
    except KeyUnavailable:
        return ""
