"""Statistics API: ``GET /api/v1/stats?by=...&region=...&election=...``, the rows of
``netra stats --json`` for the caller's jurisdiction. Errors have the shape of ``netra.api``."""

from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from netra.accounts.api_auth import AuthedRequest, staff_auth
from netra.analytics import selectors
from netra.analytics.schemas import StatRowOut
from netra.cases.schemas import ErrorOut
from netra.core.schemas import Id, RegionCode

router = Router(tags=["statistics"])
Dimension = Literal[
    "region", "type", "indicator", "subject", "agency", "stage", "source", "election", "month", "sanction"
]


class StatsQuery(Schema):
    by: Dimension = Field(description="What to group by (the dimensions of netra stats --by).")
    region: RegionCode = Field("", description="A Kemendagri region code inside the caller's jurisdiction.")
    election: Id | None = Field(None, description="An election id (GET /api/v1/cases/elections).")


@router.get("", response={200: list[StatRowOut], 404: ErrorOut}, auth=staff_auth)
def stats(request: AuthedRequest, filters: Query[StatsQuery]):
    """Cases the caller may see, grouped ``by`` one dimension, with how many were proven,
    recommended and sanctioned: the same rows as ``netra stats --by ... --json`` and the dashboard.
    404 for an unknown region or election, or a region outside the caller's jurisdiction."""
    found = selectors.case_stats_checked_for(
        request.auth, by=filters.by, region=filters.region, election=filters.election
    )
    return found.rows
