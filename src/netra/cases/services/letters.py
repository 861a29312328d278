"""Audit trail of official letters: who downloaded which recommendation letter, in which format."""

from django.db import transaction

from netra.cases.models import Recommendation
from netra.cases.services.common import audit


def letter_download_record(*, user, recommendation: Recommendation, fmt: str) -> None:
    """Record that ``user`` generated the letter of ``recommendation`` as ``fmt`` ("pdf"/"docx")."""
    with transaction.atomic():
        audit(
            user=user,
            action="case.recommendation.letter_download",
            obj=recommendation,
            data={"case_id": recommendation.case_id, "format": fmt,
                  "letter_number": recommendation.letter_number},
        )
