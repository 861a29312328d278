"""Compute and store the Indeks Kerawanan Netralitas ASN of every province and kabupaten/kota.

The inputs are counted with a few grouped queries for all regions at once (never one query per
region); the arithmetic is ``netra.analytics.formula``. Run by the ``index_refresh`` task.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.module_loading import import_string

from netra.analytics import formula
from netra.analytics.grouping import with_outcomes
from netra.analytics.models import IndexWeights, RegionIndex
from netra.analytics.selectors.index import formula_version, index_weights, may_set_weights
from netra.analytics.services.common import audit
from netra.cases.models import Case, Election, FollowUp, Recommendation, Terlapor
from netra.core.taskqueue import enqueue_on_commit
from netra.law import regioncode
from netra.monitoring.models import Item
from netra.prevention.models import Reach
from netra.registry.models import Pegawai, Region

LEVELS = (regioncode.PROVINSI, regioncode.KABUPATEN_KOTA)
KABUPATEN_LENGTH = regioncode.code_length(regioncode.KABUPATEN_KOTA)
WEIGHT_FIELDS = tuple(formula.SCALES)
Counts = dict[str, int]


def latest_election() -> Election | None:
    return Election.objects.order_by("-voting_day", "-pk").first()


def previous_election(election: Election | None) -> Election | None:
    if election is None:
        return None
    earlier = Election.objects.filter(voting_day__lt=election.voting_day)
    return earlier.order_by("-voting_day", "-pk").first()


def _by_level(rows: Iterable[tuple[str, int]]) -> Counts:
    """Counts per region code at province and kabupaten level from (code, count) pairs."""
    found: Counts = defaultdict(int)
    for code, count in rows:
        for at_level in LEVELS:
            if region := regioncode.ancestor_at(code, at_level):
                found[region] += count
    return found


def _grouped(qs, field: str = "region_code", **extra) -> dict[str, Counts]:
    """``{measure: {region: n}}`` for Count('pk') plus ``extra`` measures, grouped at both levels."""
    measures = {"n": Count("pk"), **extra}
    raw = list(
        qs.order_by().annotate(r5=Substr(field, 1, KABUPATEN_LENGTH)).values("r5").annotate(**measures)
    )
    return {m: _by_level((row["r5"], row[m]) for row in raw) for m in measures}


def _registered(election: Election | None) -> dict[str, Counts]:
    qs = Case.objects.filter(register_number__isnull=False)
    if election is not None:
        qs = qs.filter(election=election)
    return _grouped(with_outcomes(qs), proven=Count("pk", filter=Q(is_proven=True)))


def _repeat(election: Election | None) -> dict[str, Counts]:
    """Identified terlapor (roster match or NIP) per region, and those in more than one case."""
    qs = Terlapor.objects.filter(case__register_number__isnull=False).filter(
        Q(pegawai__isnull=False) | ~Q(nip="")
    )
    if election is not None:
        qs = qs.filter(case__election=election)
    cases_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for code, pegawai, nip, case in qs.values_list("case__region_code", "pegawai_id", "nip", "case_id"):
        region = regioncode.ancestor_at(code, regioncode.KABUPATEN_KOTA) or code
        cases_of[(region, f"p{pegawai}" if pegawai else f"n{nip}")].add(case)
    people = _by_level((code, 1) for code, _person in cases_of)
    repeat = _by_level((code, 1) for (code, _p), found in cases_of.items() if len(found) > 1)
    return {"people": people, "repeat": repeat}


def _followups(election: Election | None) -> dict[str, Counts]:
    qs = Recommendation.objects.filter(to_ppk=True)
    if election is not None:
        qs = qs.filter(case__election=election)
    answered = Q(pk__in=FollowUp.objects.filter(recommendation__isnull=False).values("recommendation_id"))
    return _grouped(qs, "case__region_code", answered=Count("pk", filter=answered))


def _prevention(election: Election | None, roster: Counts) -> Counts | None:
    """Share of the region's roster reached by socialisation or a pledge for the election
    (``prevention.Reach``: one row per person reached); None when the election has no prevention
    records at all (not measured, rather than nobody reached)."""
    if election is None:
        return None
    reach = Reach.objects.filter(election=election).filter(
        Q(socialised_on__isnull=False) | Q(pledged_on__isnull=False)
    )
    if not reach.exists():
        return None
    reached = _grouped(reach)["n"]
    return {code: reached.get(code, 0) for code in roster}


def _monitoring(election: Election | None) -> dict[str, Counts] | None:
    """Monitored items placed in a region (pipeline done) and those flagged with a likely violation
    that no officer dismissed; None when the election has no monitored items at all (not measured)."""
    qs = Item.objects.filter(state=Item.State.DONE).exclude(region_code="")
    if election is not None:
        qs = qs.filter(election=election)
    if not qs.exists():
        return None
    flagged = ~Q(violation_code="") & ~Q(triage__in=(Item.Triage.DISMISSED, Item.Triage.IRRELEVANT))
    return _grouped(qs, flagged=Count("pk", filter=flagged))


def _roster() -> Counts:
    qs = Pegawai.objects.filter(region__isnull=False)
    return _grouped(qs, "region_id")["n"]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _rate(count: int, roster: int) -> float | None:
    return round(count * 1000 / roster, 4) if roster else None


def region_inputs(code: str, data: dict) -> dict[str, float | None]:
    """The formula's inputs for one region from the grouped counts (None: not measurable)."""
    registered, roster = data["registered"]["n"].get(code, 0), data["roster"].get(code, 0)
    previous = data["previous"]
    return {
        "violations_per_1000": _rate(registered, roster),
        "share_proven": _share(data["registered"]["proven"].get(code, 0), registered),
        "repeat_offenders": _share(
            data["repeat"]["repeat"].get(code, 0), data["repeat"]["people"].get(code, 0)
        ),
        "monitoring_signals": _share(
            data["monitoring"]["flagged"].get(code, 0), data["monitoring"]["n"].get(code, 0)
        )
        if data["monitoring"] is not None
        else None,
        "prevention_coverage": _share(data["prevention"].get(code, 0), roster)
        if data["prevention"] is not None
        else None,
        "followup_compliance": _share(
            data["followups"]["answered"].get(code, 0), data["followups"]["n"].get(code, 0)
        ),
        "previous_election": _rate(previous["n"].get(code, 0), roster) if previous is not None else None,
    }


def _gather(election: Election | None) -> dict:
    previous = previous_election(election)
    roster = _roster()
    return {
        "registered": _registered(election),
        "repeat": _repeat(election),
        "followups": _followups(election),
        "roster": roster,
        "prevention": _prevention(election, roster),
        "monitoring": _monitoring(election),
        "previous": _registered(previous) if previous is not None else None,
    }


def _index_row(region: Region, election_id: int, data: dict, weights: IndexWeights, now) -> RegionIndex:
    inputs = region_inputs(region.code, data)
    found = formula.compute(
        inputs,
        {name: getattr(weights, name) for name in WEIGHT_FIELDS},
        high=weights.threshold_high,
        medium=weights.threshold_medium,
    )
    parts = {
        p.name: {"scaled": p.scaled, "weight": p.weight, "points": round(p.points, 2)} for p in found.parts
    }
    return RegionIndex(
        region=region,
        region_code=region.code,
        election_id=election_id,
        score=found.score,
        klass=found.klass,
        formula_version=formula_version(weights),
        inputs=inputs,
        parts=parts,
        computed_at=now,
    )


def index_refresh(*, election_id: int | None = None, user=None) -> int:
    """Recompute the index of every province and kabupaten/kota with cases or a roster for one
    election (default: the latest); returns how many regions were scored."""
    election = Election.objects.filter(pk=election_id).first() if election_id else latest_election()
    if election_id and election is None:
        raise ValidationError({"election": "Pemilu/pemilihan tidak dikenal."})
    data, weights, now = _gather(election), index_weights(), timezone.now()
    codes = set(data["registered"]["n"]) | set(data["roster"]) | set((data["previous"] or {"n": {}})["n"])
    regions = Region.objects.filter(code__in=codes, level__in=(1, 2))
    key = election.pk if election is not None else 0
    rows = [_index_row(region, key, data, weights, now) for region in regions]
    with transaction.atomic():
        RegionIndex.objects.filter(election_id=key).delete()
        RegionIndex.objects.bulk_create(rows, batch_size=1000)
        audit(
            user=user,
            action="analytics.index_refresh",
            obj_type="cases.election",
            obj_id=key,
            data={"regions": len(rows), "formula_version": formula_version(weights)},
        )
    return len(rows)


def weights_set(*, user, values: dict[str, float], note: str = "") -> IndexWeights:
    """A new version of the weights (national office's pimpinan or admin only)."""
    if not may_set_weights(user):
        raise PermissionDenied("Hanya pimpinan atau admin Bawaslu RI yang menetapkan bobot indeks.")
    fields = (*WEIGHT_FIELDS, "threshold_high", "threshold_medium")
    if any(float(values.get(f, 0)) < 0 for f in fields):
        raise ValidationError("Bobot dan batas kelas tidak boleh negatif.")
    if float(values["threshold_medium"]) >= float(values["threshold_high"]):
        raise ValidationError("Batas rawan sedang harus lebih rendah dari batas rawan tinggi.")
    with transaction.atomic():
        weights = IndexWeights.objects.create(
            **{f: float(values[f]) for f in fields}, note=note, created_by=user, created_at=timezone.now()
        )
        audit(
            user=user,
            action="analytics.weights_set",
            obj_type="analytics.indexweights",
            obj_id=weights.pk,
            data={**{f: float(values[f]) for f in fields}, "note": note},
        )
    return weights


def index_refresh_enqueue(*, election_id: int | None = None) -> None:
    """Queue a recomputation (after the weights change) once the caller's transaction commits."""
    # The task module calls this package's services; naming the task by path keeps the import
    # graph one-way (services never import tasks).
    enqueue_on_commit(import_string("netra.analytics.tasks.index_refresh"), election_id)
