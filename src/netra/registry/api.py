"""/api/v1/registry/: regions and agencies are public reference data; the roster needs staff auth.

Roster endpoints answer only rows inside the caller's jurisdiction; a record outside it is a 404.
"""

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import ValidationError as SchemaError
from ninja.pagination import paginate

from netra.accounts.api_auth import staff_auth
from netra.core.schemas import BoundedLimitOffsetPagination, Id, Limit, Line, RegionCode
from netra.names.nip import InvalidNip
from netra.registry import selectors
from netra.registry.matching import pegawai_match
from netra.registry.schemas import (
    AgencyOut,
    PegawaiMatchOut,
    PegawaiOut,
    RegionDetailOut,
    RegionOut,
    RegionResolveOut,
)

router = Router(tags=["registry"])


@router.get("/regions", response=list[RegionOut], summary="Children of a region (provinces without parent)")
def region_children(request, parent: RegionCode | None = None):
    return list(selectors.region_list(parent=parent))


@router.get("/regions/search", response=list[RegionOut], summary="Regions for a picker")
def region_search(request, q: Line, limit: Limit = 20):
    return selectors.region_search(q, limit=max(1, min(limit, 50)))


@router.get("/regions/resolve", response=RegionResolveOut, summary="What a code or name means")
def region_resolve_endpoint(request, q: Line):
    return selectors.region_resolution(q)


def _found(row):
    """The row a selector found, or the API's 404 (unknown, or outside the caller's jurisdiction)."""
    if row is None:
        raise Http404
    return row


@router.get("/regions/{code}", response=RegionDetailOut)
def region_detail(request, code: RegionCode):
    return _found(selectors.region_get(code))


class AgencyFilter(Schema):
    q: Line = ""
    kind: Line = ""
    region: RegionCode = ""
    parent: Id | None = None


@router.get("/agencies", response=list[AgencyOut])
@paginate(BoundedLimitOffsetPagination)
def agency_list(request, filters: Query[AgencyFilter]):
    return selectors.agency_list(q=filters.q, kind=filters.kind, region=filters.region, parent=filters.parent)


@router.get("/agencies/{agency_id}", response=AgencyOut)
def agency_detail(request, agency_id: Id):
    return _found(selectors.agency_get(agency_id))


class PegawaiFilter(Schema):
    q: Line = ""
    nip: Line = ""
    agency_id: Id | None = None
    region_code: RegionCode = ""


@router.get("/pegawai", response=list[PegawaiOut], auth=staff_auth)
@paginate(BoundedLimitOffsetPagination)
def pegawai_list(request, filters: Query[PegawaiFilter]):
    return selectors.pegawai_list_for(
        request.auth,
        q=filters.q,
        nip=filters.nip,
        agency_id=filters.agency_id,
        region_code=filters.region_code,
    )


class MatchQuery(Schema):
    name: Line
    nip: Line | None = None
    agency_id: Id | None = None
    region_code: RegionCode | None = None
    position: Line | None = None
    limit: Limit = 5


@router.get(
    "/pegawai/match",
    response=list[PegawaiMatchOut],
    auth=staff_auth,
    summary="Suggested roster records for a name as written, with scores and reasons",
)
def pegawai_match_endpoint(request, query: Query[MatchQuery]):
    try:
        return pegawai_match(
            request.auth,
            query.name,
            nip=query.nip,
            agency_id=query.agency_id,
            region_code=query.region_code,
            position=query.position,
            limit=query.limit,
        )
    except InvalidNip as exc:  # a NIP that cannot be one: the query is malformed, like a bad type
        raise SchemaError([{"loc": ("query", "nip"), "type": "value_error", "msg": str(exc)}]) from exc


@router.get("/pegawai/{pegawai_id}", response=PegawaiOut, auth=staff_auth)
def pegawai_detail(request, pegawai_id: Id):
    return _found(selectors.pegawai_get_for(request.auth, pegawai_id))
