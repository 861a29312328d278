"""API shapes for regions, agencies and the roster."""

from datetime import date

from ninja import Field, Schema

from netra.registry import selectors


class RegionOut(Schema):
    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None = Field(alias="parent_id")
    timezone: str


class BoundaryOut(Schema):
    centroid_lat: float
    centroid_lng: float
    bbox: tuple[float, float, float, float]


class RegionDetailOut(RegionOut):
    path: list[RegionOut]
    children_count: int
    boundary: BoundaryOut | None

    @staticmethod
    def resolve_path(obj) -> list:
        return selectors.region_ancestors(obj)

    @staticmethod
    def resolve_children_count(obj) -> int:
        return selectors.region_list(parent=obj.code).count()

    @staticmethod
    def resolve_boundary(obj):
        return selectors.region_boundary(obj.code)


class RegionResolveOut(Schema):
    query: str
    region: RegionOut | None
    candidates: list[RegionOut]


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    unit_type: str
    parent_id: int | None
    region_code: str | None = Field(alias="region_id")
    external_code: str


class PegawaiOut(Schema):
    id: int
    nip: str | None
    full_name: str
    agency: AgencyOut
    unit_name: str | None
    position: str
    employment_type: str
    region_code: str | None = Field(alias="region_id")
    region_name: str | None
    birth_date: date | None
    gender: str
    tmt_cpns: date | None

    @staticmethod
    def resolve_unit_name(obj) -> str | None:
        return obj.unit.name if obj.unit_id else None

    @staticmethod
    def resolve_region_name(obj) -> str | None:
        return obj.region.name if obj.region_id else None


class PegawaiMatchOut(Schema):
    score: float
    reasons: list[str]
    namesakes: int = Field(
        description="Roster records in the search scope with exactly this normalised "
        "name (itself included): above 1, check NIP, agency or position"
    )
    pegawai: PegawaiOut
