"""Grouping expressions shared by the live statistics (selectors) and the tally rebuild (services)."""

from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Concat, Substr, TruncMonth

from netra.cases.models import CLOSED_STATUSES, Decision, FollowUp, Recommendation
from netra.law import regioncode


def child_length(region: str) -> int:
    """Length of the codes one level below ``region`` ("" -> provinces "21", "21" -> "21.01")."""
    return regioncode.code_length(regioncode.level(region) + 1)


def with_outcomes(qs: QuerySet) -> QuerySet:
    """Cases annotated with what became of them: proven, recommended, sanctioned."""
    case = OuterRef("pk")
    return qs.annotate(
        is_proven=Exists(Decision.objects.filter(case=case, outcome=Decision.Outcome.TERBUKTI)),
        is_recommended=Exists(Recommendation.objects.filter(case=case)),
        is_sanctioned=Exists(FollowUp.objects.filter(case=case)),
    )


def outcome_counts(distinct: bool = False) -> dict[str, Any]:
    return {
        "cases": Count("pk", distinct=distinct),
        "proven": Count("pk", distinct=distinct, filter=Q(is_proven=True)),
        "recommended": Count("pk", distinct=distinct, filter=Q(is_recommended=True)),
        "sanctioned": Count("pk", distinct=distinct, filter=Q(is_sanctioned=True)),
    }


def live_key(by: str, region: str) -> tuple[Any, bool]:
    """(grouping expression on Case, whether a case may count under several keys)."""
    return {
        "region": (Substr("region_code", 1, child_length(region)), False),
        "type": (F("violation_code"), False),
        "indicator": (F("violation_code"), False),
        "subject": (F("terlapor__subject_type"), True),
        "agency": (F("terlapor__agency_id"), True),
        "stage": (F("status"), False),
        "source": (F("kind"), False),
        "election": (F("election_id"), False),
        "month": (TruncMonth("received_at"), False),
        # "expected|imposed" sanction class of each follow-up (cases without one group under "|")
        "sanction": (Concat("followups__expected_class", Value("|"), "followups__sanction_class"), True),
    }[by]


DEADLINE_FIELDS = ("finished_on_time", "finished_late", "open_on_time", "open_overdue")


def deadline_counts(transitions: QuerySet, cases: QuerySet, now) -> dict[int, dict[str, int]]:
    """Per office: steps that ended within their stored deadline or after it (the transition
    records it), and open steps within or past it now."""
    finished = (
        transitions.filter(data__has_key="step_on_time")
        .order_by()
        .values("office_id")
        .annotate(on_time=Count("pk", filter=Q(data__step_on_time=True)), total=Count("pk"))
    )
    running = (
        cases.exclude(status__in=CLOSED_STATUSES)
        .filter(due_at__isnull=False)
        .order_by()
        .values("office_id")
        .annotate(overdue=Count("pk", filter=Q(due_at__lt=now)), total=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = {}
    for item in finished:
        found = counts.setdefault(item["office_id"], dict.fromkeys(DEADLINE_FIELDS, 0))
        found["finished_on_time"], found["finished_late"] = item["on_time"], item["total"] - item["on_time"]
    for item in running:
        found = counts.setdefault(item["office_id"], dict.fromkeys(DEADLINE_FIELDS, 0))
        found["open_overdue"], found["open_on_time"] = item["overdue"], item["total"] - item["overdue"]
    return counts


COMPLIANCE_MEASURES = (
    "recommendations",
    "acted_within_target",
    "acted_late",
    "overdue",
    "escalations",
    "lighter_than_catalogue",
)
# The terlapor's instansi: the top of its agency's record, three parents up, as compliance_for climbs.
_INSTANSI = Coalesce(
    "terlapor__agency__parent__parent__parent_id",
    "terlapor__agency__parent__parent_id",
    "terlapor__agency__parent_id",
    "terlapor__agency_id",
)


def compliance_groups(recommendations: QuerySet, at, *also: str) -> QuerySet:
    """Recommendations grouped by instansi (``top``) and the annotations named in ``also``, with the
    follow-up clock's outcome at ``at`` and the terlapor's typed agency name (``typed_name``)."""
    acted, due = Q(clock__acted_at__isnull=False), F("clock__due_at")
    lighter = Exists(FollowUp.objects.filter(recommendation=OuterRef("pk"), lighter=True))
    return (
        recommendations.annotate(top=_INSTANSI, is_lighter=lighter)
        .order_by()
        .values("top", *also)
        .annotate(
            recommendations=Count("pk"),
            acted_within_target=Count("pk", filter=acted & Q(clock__acted_at__lte=due)),
            acted_late=Count("pk", filter=acted & Q(clock__acted_at__gt=due)),
            overdue=Count(
                "pk",
                filter=Q(clock__acted_at__isnull=True)
                & (Q(clock__due_at__lt=at) | Q(clock__escalation_step__gt=0)),
            ),
            escalations=Coalesce(Sum("clock__escalation_step"), 0),
            lighter_than_catalogue=Count("pk", filter=Q(is_lighter=True)),
            typed_name=Max("terlapor__agency_name"),
        )
    )
