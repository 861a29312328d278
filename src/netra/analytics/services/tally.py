"""Rebuild the pre-aggregated statistics (CaseTally, DeadlineTally, ComplianceTally) from the cases,
in one transaction.

Readers keep seeing the previous tally until the rebuild commits. Run by the ``tally_refresh`` task
(``netra analytics refresh``, a cron line or the worker's queue) and after the demo generator.

Between two rebuilds the case services keep it fresh: each change of a case sends
``netra.cases.signals.cases_changed`` and, once that commits, the ``tally_regions_refresh`` task
recounts the rows of the kabupaten/kota concerned (a few thousand cases at most), replaces them, and
adds the difference to its province's rows; the offices' deadline rows are recounted too. A new case
shows on the dashboard as soon as the worker has run that task (seconds), not at the next rebuild.
"""

import time
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Substr
from django.utils import timezone

from netra.accounts.models import Office
from netra.accounts.scoping import region_subtree_q
from netra.analytics.grouping import (
    COMPLIANCE_MEASURES,
    compliance_groups,
    deadline_counts,
    live_key,
    outcome_counts,
    with_outcomes,
)
from netra.analytics.models import CaseTally, ComplianceTally, DeadlineTally, TallyRun
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


MEASURES = ("cases", "proven", "recommended", "sanctioned")
KABKOTA_LENGTH = regioncode.code_length(regioncode.KABUPATEN_KOTA)


def _case_tallies(cases: QuerySet | None = None) -> list[CaseTally]:
    """Level-2 rows (kabupaten/kota, or a province's own cases) of ``cases`` (default: all)."""
    base = with_outcomes((Case.objects.all() if cases is None else cases).order_by()).annotate(
        region5=Substr("region_code", 1, KABKOTA_LENGTH), bkn=F("recommended_to_bkn")
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
                    **{m: item[m] for m in MEASURES},
                )
            )
    return rows


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


def _compliance_tallies(now, cases: QuerySet | None = None) -> list[ComplianceTally]:
    """Follow-up compliance per level-2 code, instansi and BKN addressing, as of ``now``."""
    recommendations = (
        Recommendation.objects.all() if cases is None else Recommendation.objects.filter(case__in=cases)
    )
    grouped = compliance_groups(
        recommendations.annotate(region5=Substr("case__region_code", 1, KABKOTA_LENGTH), bkn=F("to_bkn")),
        now,
        "region5",
        "bkn",
    )
    return [
        ComplianceTally(
            region_code=item["region5"],
            to_bkn=item["bkn"],
            agency_id=item["top"],
            typed_name=(item["typed_name"] or "")[:255],
            **{m: item[m] for m in COMPLIANCE_MEASURES},
        )
        for item in grouped.iterator(chunk_size=_BATCH)
    ]


def tally_refresh(*, user=None) -> TallyRun:
    """Recount every tally from the cases; returns the run (when, how many cases, how long)."""
    started = time.monotonic()
    now = timezone.now()
    cases = _case_tallies()
    cases += _province_rows(cases)
    deadlines = _deadline_tallies(now)
    compliance = _compliance_tallies(now)
    with transaction.atomic():
        CaseTally.objects.all().delete()
        CaseTally.objects.bulk_create(cases, batch_size=_BATCH)
        DeadlineTally.objects.all().delete()
        DeadlineTally.objects.bulk_create(deadlines, batch_size=_BATCH)
        ComplianceTally.objects.all().delete()
        ComplianceTally.objects.bulk_create(compliance, batch_size=_BATCH)
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


# Incremental refresh: one kabupaten/kota at a time ---------------------------------------------------


def _group(row: CaseTally) -> tuple:
    return (row.dimension, row.key, row.election_id, row.to_bkn)


def _level2(code: str) -> str:
    """The level-2 code a case of region ``code`` is counted under (as Substr(region_code, 1, 5))."""
    return regioncode.ancestor_at(code, regioncode.KABUPATEN_KOTA) or code


def _cases_of(region5: str) -> QuerySet:
    """The cases counted under one level-2 code: a kabupaten/kota subtree, or a province's own."""
    if regioncode.level(region5) < regioncode.KABUPATEN_KOTA:
        return Case.objects.filter(region_code=region5)
    return Case.objects.filter(region_subtree_q(region5))


def _region_refresh(region5: str) -> int:
    """Recount ``region5``'s level-2 rows and move its province's rows by the difference."""
    old = {_group(row): row for row in CaseTally.objects.filter(level=2, region_code=region5)}
    new = {_group(row): row for row in _case_tallies(_cases_of(region5))}
    CaseTally.objects.filter(level=2, region_code=region5).delete()
    CaseTally.objects.bulk_create(new.values(), batch_size=_BATCH)
    ComplianceTally.objects.filter(region_code=region5).delete()
    ComplianceTally.objects.bulk_create(
        _compliance_tallies(timezone.now(), _cases_of(region5)), batch_size=_BATCH
    )
    province = regioncode.province(region5)
    totals = {
        _group(row): row
        for row in CaseTally.objects.select_for_update().filter(level=1, region_code=province)
    }
    for group in old.keys() | new.keys():
        before, after = old.get(group), new.get(group)
        diff = {m: getattr(after, m, 0) - getattr(before, m, 0) for m in MEASURES}
        if not any(diff.values()):
            continue
        total = totals.get(group)
        if total is None:
            dimension, key, election_id, to_bkn = group
            total = CaseTally(
                dimension=dimension,
                key=key,
                level=1,
                region_code=province,
                election_id=election_id,
                to_bkn=to_bkn,
            )
        for m in MEASURES:
            setattr(total, m, getattr(total, m) + diff[m])
        if total.cases <= 0:
            if total.pk is not None:
                total.delete()
        else:
            total.save()
    return len(new)


def _offices_refresh(office_ids: list[int], now) -> None:
    counts = deadline_counts(
        Transition.objects.filter(office_id__in=office_ids),
        Case.objects.filter(office_id__in=office_ids),
        now,
    )
    codes = dict(Office.objects.filter(pk__in=office_ids).values_list("pk", "region_code"))
    DeadlineTally.objects.filter(office_id__in=office_ids).exclude(office_id__in=counts).delete()
    for office_id, found in counts.items():
        DeadlineTally.objects.update_or_create(
            office_id=office_id, defaults={"region_code": codes.get(office_id, ""), **found}
        )


def tally_regions_refresh(*, region_codes: Iterable[str], office_ids: Iterable[int] = ()) -> int:
    """Bring the tally up to date for cases of these regions and the deadlines of these offices;
    returns how many level-2 rows were rewritten. Nothing to do while no full rebuild has run (the
    statistics then count live). Serialised with other refreshes by a lock on the last run's row."""
    with transaction.atomic():
        run = TallyRun.objects.select_for_update().first()
        if run is None:
            return 0
        rows = sum(_region_refresh(code) for code in sorted({_level2(code) for code in region_codes if code}))
        offices = sorted(set(office_ids))
        if offices:
            _offices_refresh(offices, timezone.now())
    return rows
