"""The letter of a pemberitahuan status laporan, attached to its notice once."""

from collections.abc import Callable
from typing import Any

from django.db import transaction

from netra.notifications.models import StatusNotice


def status_notice_letter_attach(*, case_id: int, status: str, issue: Callable[[], Any]) -> Any:
    """Call ``issue()`` (which issues and audits the letter, in the letter engine's app) and attach
    its result to the notice of ``case_id`` at ``status``, once: the notice row is locked first, so two
    workers running the same task never issue two letters. None when there is no notice or it already
    has its letter."""
    with transaction.atomic():
        notice = StatusNotice.objects.select_for_update().filter(case_id=case_id, status=status).first()
        if notice is None or notice.letter_id is not None:
            return None
        letter = issue()
        StatusNotice.objects.filter(pk=notice.pk).update(letter=letter)
        return letter
