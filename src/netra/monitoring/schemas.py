"""The monitoring API's schemas: the partner push (items in, the ingest summary out)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema

from netra.core.schemas import Id


class PushItemIn(Schema):
    """One post or article. Only ``text`` is required; values are checked row by row (a bad row is
    reported in ``errors`` and the others are stored), so the types here are deliberately loose."""

    text: str | None = Field(None, max_length=50_000)
    platform: str | None = Field(None, max_length=200)
    author_handle: str | None = Field(None, max_length=500)
    author_name: str | None = Field(None, max_length=1000)
    author_bio: str | None = Field(None, max_length=10_000)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    posted_at: str | None = Field(None, max_length=64, description="ISO 8601; without offset = WIB")
    reactions: int | str | None = Field(None, description="0 .. 2147483647")
    shares: int | str | None = None
    media_description: str | None = Field(None, max_length=20_000)
    external_id: str | None = Field(None, max_length=500)
    raw: dict[str, Any] | None = None


class PushIn(Schema):
    source: str | None = Field(
        None, max_length=200, description="A push source of your office; default: its 'API mitra' source."
    )
    kind: Literal["post", "news"] = "post"
    election: Id | None = Field(None, description="Election id for every item (default: the ingest rule).")
    items: list[PushItemIn] = Field(..., description="At most NETRA_MONITOR_PUSH_MAX_ITEMS (1,000) items.")


class RowErrorOut(Schema):
    row: int = Field(..., description="1-based position of the item in the request")
    column: str
    reason: str


class PushOut(Schema):
    received: int
    new: int
    duplicates: int
    errors: list[RowErrorOut]
