"""API schemas for accounts."""

from datetime import datetime

from ninja import Schema


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
    username: str
    full_name: str
    role: str
    office: OfficeOut
    jurisdiction: JurisdictionOut


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreateIn(Schema):
    name: str


class TokenCreatedOut(TokenOut):
    token: str
