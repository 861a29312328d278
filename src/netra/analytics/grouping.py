"""Grouping expressions shared by the live statistics (selectors) and the tally rebuild (services)."""

from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Substr, TruncMonth

from netra.cases.models import Decision, FollowUp, Recommendation


def child_length(region: str) -> int:
    """Length of the codes one level below ``region`` ("" -> provinces "21", "21" -> "21.01")."""
    return {0: 2, 2: 5, 5: 8}.get(len(region), 13)


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
    }[by]
