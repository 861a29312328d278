"""What the case services announce to other apps, without importing them (analytics imports cases,
never the other way round).

``cases_changed`` is sent by a case service, inside its transaction, whenever something counted in
the statistics changes: a case created or imported, a transition (stage, decision, recommendation,
follow-up), a KASN hand-over (BKN addressing), a terlapor added or edited (subject, agency). Keyword
arguments: ``region_codes`` (the cases' region codes, before and after) and ``office_ids`` (the
offices whose deadline compliance may have moved). The analytics app refreshes the tally rows of
those regions once the transaction commits (``netra.analytics.receivers``).
"""

from collections.abc import Iterable

from django.dispatch import Signal

cases_changed = Signal()


def cases_changed_send(*, region_codes: Iterable[str], office_ids: Iterable[int | None] = ()) -> None:
    codes = sorted({code for code in region_codes if code is not None})
    offices = sorted({pk for pk in office_ids if pk is not None})
    if codes or offices:
        cases_changed.send(sender="cases", region_codes=codes, office_ids=offices)
