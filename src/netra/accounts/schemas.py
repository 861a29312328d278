"""API schemas for accounts."""

from datetime import datetime

from ninja import Field, Schema

from netra.accounts.scoping import jurisdiction_of
from netra.core.schemas import Line


class OfficeOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str


class JurisdictionOut(Schema):
    region_code: str
    national: bool
    description: str


class MeOut(Schema):
    """From the authenticated user."""

    username: str
    full_name: str
    role: str
    office: OfficeOut
    jurisdiction: JurisdictionOut

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.get_full_name()

    @staticmethod
    def resolve_jurisdiction(obj) -> dict:
        return jurisdiction_of(obj)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreateIn(Schema):
    name: Line


class TokenCreatedOut(TokenOut):
    """From a new token with its one-time plain value set as ``raw``."""

    token: str = Field(alias="raw")
