"""Rebuild the pre-aggregated statistics (CaseTally, DeadlineTally) from the cases, in one transaction.

Readers keep seeing the previous tally until the rebuild commits. Run by the ``tally_refresh`` task
(``netra analytics refresh``, a cron line or the worker's queue) and after the demo generator.
"""

import time

from django.db import transaction
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Substr
from django.utils import timezone

from netra.accounts.models import Office
from netra.analytics.grouping import deadline_counts, live_key, outcome_counts, with_outcomes
from netra.analytics.models import CaseTally, DeadlineTally, TallyRun
from netra.analytics.services.common import audit
from netra.cases.models import Case, Recommendation, Transition
from netra.law import regioncode

# CaseTally dimension -> the grouping of live_key it stores ("total" groups nothing).
DIMENSIONS = ("total", "type", "subject", "agency", "stage", "source", "month", "sanction")
_BATCH = 5000


def _key(dimension: str):
    return (Value(""), False) if dimension == "total" else live_key(dimension, "")


def _text(value) -> str:
    if value is None:
        return ""
    return f"{value:%Y-%m}" if hasattr(value, "year") else str(value)


def _case_tallies() -> list[CaseTally]:
    bkn = Exists(Recommendation.objects.filter(case=OuterRef("pk"), to_bkn=True))
    base = with_outcomes(Case.objects.order_by()).annotate(
        region5=Substr("region_code", 1, regioncode.code_length(regioncode.KABUPATEN_KOTA)), bkn=bkn
    )
    rows = []
    for dimension in DIMENSIONS:
        expression, joins = _key(dimension)
        grouped = base.annotate(group=expression).values("group", "region5", "election_id", "bkn")
        for item in grouped.annotate(**outcome_counts(joins)).iterator(chunk_size=_BATCH):
            rows.append(
                CaseTally(
                    dimension=dimension,
                    key=_text(item["group"])[:60],
                    region_code=item["region5"],
                    election_id=item["election_id"],
                    to_bkn=item["bkn"],
                    **{m: item[m] for m in ("cases", "proven", "recommended", "sanctioned")},
                )
            )
    return rows + _province_rows(rows)


def _province_rows(rows: list[CaseTally]) -> list[CaseTally]:
    """The kabupaten-level rows summed per province: the national scope reads these."""
    summed: dict[tuple, CaseTally] = {}
    for row in rows:
        province = regioncode.province(row.region_code)
        key = (row.dimension, row.key, province, row.election_id, row.to_bkn)
        found = summed.setdefault(
            key,
            CaseTally(
                dimension=row.dimension,
                key=row.key,
                level=1,
                region_code=province,
                election_id=row.election_id,
                to_bkn=row.to_bkn,
            ),
        )
        for measure in ("cases", "proven", "recommended", "sanctioned"):
            setattr(found, measure, getattr(found, measure) + getattr(row, measure))
    return list(summed.values())


def _deadline_tallies(now) -> list[DeadlineTally]:
    counts = deadline_counts(Transition.objects.all(), Case.objects.all(), now)
    codes = dict(Office.objects.filter(pk__in=counts).values_list("pk", "region_code"))
    return [
        DeadlineTally(office_id=office_id, region_code=codes.get(office_id, ""), **found)
        for office_id, found in counts.items()
    ]


def tally_refresh(*, user=None) -> TallyRun:
    """Recount every tally from the cases; returns the run (when, how many cases, how long)."""
    started = time.monotonic()
    now = timezone.now()
    cases = _case_tallies()
    deadlines = _deadline_tallies(now)
    with transaction.atomic():
        CaseTally.objects.all().delete()
        CaseTally.objects.bulk_create(cases, batch_size=_BATCH)
        DeadlineTally.objects.all().delete()
        DeadlineTally.objects.bulk_create(deadlines, batch_size=_BATCH)
        total = sum(row.cases for row in cases if row.dimension == "total" and row.level == 1)
        run = TallyRun.objects.create(finished_at=timezone.now(), cases=total, seconds=0)
        run.seconds = round(time.monotonic() - started, 3)
        TallyRun.objects.filter(pk=run.pk).update(seconds=run.seconds)
        TallyRun.objects.exclude(pk=run.pk).delete()
        audit(
            user=user,
            action="analytics.tally_refresh",
            obj_type="analytics.tallyrun",
            obj_id=run.pk,
            data={"cases": total, "rows": len(cases), "offices": len(deadlines), "seconds": run.seconds},
        )
    return run
