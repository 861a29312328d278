"""Keeping ``Reach`` (who was reached, per election) true to the attendance and signatory lists."""

from datetime import date

from django.db.models import Min

from netra.prevention.models import Attendee, Reach, Signatory
from netra.registry.models import Pegawai


def _first_dates(model, date_field: str, election_id: int, ids: set[int]) -> dict[int, date]:
    rows = model.objects.filter(election_id=election_id, pegawai_id__in=ids).order_by().values("pegawai_id")
    return {row["pegawai_id"]: row["first"] for row in rows.annotate(first=Min(date_field))}


def reach_refresh(*, election_id: int | None, pegawai_ids: set[int]) -> int:
    """Rewrite the reach rows of these people for the election (inside the caller's transaction)."""
    if election_id is None or not pegawai_ids:
        return 0
    Reach.objects.filter(election_id=election_id, pegawai_id__in=pegawai_ids).delete()
    socialised = _first_dates(Attendee, "event__held_on", election_id, pegawai_ids)
    pledged = _first_dates(Signatory, "pledge__made_on", election_id, pegawai_ids)
    reached = set(socialised) | set(pledged)
    staff = Pegawai.objects.filter(pk__in=reached).values_list("pk", "agency_id", "unit_id", "region_id")
    rows = [
        Reach(
            election_id=election_id,
            pegawai_id=pk,
            agency_id=agency_id,
            unit_id=unit_id,
            region_code=region_id or "",
            socialised_on=socialised.get(pk),
            pledged_on=pledged.get(pk),
        )
        for pk, agency_id, unit_id, region_id in staff
    ]
    Reach.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
