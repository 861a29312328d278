"""Exports are reads, but who took which rows out of Netra is part of the legal record: one audit
event per export, written before the first byte streams."""

from django.db import transaction

from netra.analytics.services.common import audit


def export_record(*, user, what: str, file_format: str, filters: dict, rows: int) -> None:
    """Record that ``user`` exported ``rows`` rows of ``what`` (cases, a statistic) with ``filters``."""
    with transaction.atomic():
        audit(
            user=user,
            action="analytics.export",
            obj_type=f"analytics.{what}",
            obj_id=what,
            data={"format": file_format, "filters": filters, "rows": rows},
        )
