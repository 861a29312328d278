"""``GET /api/v1/monitoring/queue``: the triage queue for the caller's territory, highest priority
first, in the shape ``netra monitor queue --json`` prints; page on with ``X-Next-Cursor``."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from netra.accounts.api_auth import AuthedRequest, staff_auth
from netra.accounts.scoping import is_supervisor
from netra.cases.schemas import ErrorOut
from netra.core.schemas import Limit, Line
from netra.monitoring import selectors

router = Router(tags=["monitoring"])


class AuthorMatchOut(Schema):
    pegawai_id: int | None = None
    name: str = ""
    nip: str | None = ""
    agency: str | None = ""
    score: float | None = None
    namesakes: int | None = None


class QueueItemOut(Schema):
    id: int
    priority: float
    score: float | None
    code: str = Field(alias="violation_code")
    indicator: str
    cues: list[dict[str, Any]]
    cluster_size: int
    coordinated: bool
    author_matches: list[AuthorMatchOut]
    text: str
    url: str
    source: str
    kind: str
    triage: str
    author_handle: str
    received_at: str

    @staticmethod
    def resolve_cues(obj) -> list:
        return [c for c in obj.cues or [] if isinstance(c, dict)]

    @staticmethod
    def resolve_cluster_size(obj) -> int:
        return obj.cluster.size if obj.cluster_id else 1

    @staticmethod
    def resolve_coordinated(obj) -> bool:
        return bool(obj.cluster_id and obj.cluster.coordinated)

    @staticmethod
    def resolve_author_matches(obj) -> list:
        if not hasattr(obj, "matches"):  # the agency's name for its id
            selectors.name_agencies([obj])
        return list(obj.matches)

    @staticmethod
    def resolve_source(obj) -> str:
        return obj.source.name

    @staticmethod
    def resolve_received_at(obj) -> str:
        return obj.received_at.isoformat()


def queue_item_dict(item) -> dict[str, Any]:
    """One queue row as JSON-ready data (the CLI's shape, the same schema as the API)."""
    return QueueItemOut.from_orm(item).model_dump(by_alias=False)


class QueueFiltersIn(Schema):
    office: Line = Field("", description='Region code of a supervisory office ("21.01"), "RI" for Bawaslu RI')
    status: Line = selectors.OPEN
    code: Line = ""
    coordinated: bool | None = None
    watched: bool | None = None
    source: int | None = Field(None, ge=1, le=2_147_483_647)
    limit: Limit = 50
    cursor: Line = ""


# 404 documented: offices that triage nothing (BKN, a PPK) get it (schemathesis as BKN found it undocumented)
@router.get("/queue", response={200: list[QueueItemOut], 404: ErrorOut}, auth=staff_auth)
def queue(request: AuthedRequest, response: HttpResponse, filters: Query[QueueFiltersIn]):
    """Processed items the caller's office may triage (Bawaslu/Panwaslu only; others get 404), highest
    priority first; ``limit`` at most 200; the next page's cursor in ``X-Next-Cursor``."""
    if not is_supervisor(request.auth):
        raise Http404
    office = None
    if filters.office:
        office = selectors.office_for_code(filters.office)
        if office is None:
            raise ValidationError({"office": [_("Kantor pengawas untuk kode wilayah ini tidak ditemukan.")]})
    wanted = selectors.QueueFilters(
        status=filters.status,
        code=filters.code,
        coordinated=filters.coordinated,
        watched=filters.watched,
        source=filters.source,
    )
    try:
        page = selectors.triage_queue(
            request.auth, office=office, limit=filters.limit, cursor=filters.cursor, filters=wanted
        )
    except selectors.BadCursor:
        raise ValidationError(
            {"cursor": [_("Kursor halaman tidak dikenal; mulai lagi tanpa cursor.")]}
        ) from None
    if page.next_cursor:
        params = request.GET.copy()
        params["cursor"] = page.next_cursor
        response["X-Next-Cursor"] = page.next_cursor
        response["Link"] = f'<{request.path}?{params.urlencode()}>; rel="next"'
    return selectors.name_agencies(page.items)
