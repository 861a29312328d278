"""The shared ninja input types: every endpoint takes its ids, paging and texts through these.

A bare ``int`` accepts 2^64, which the database cannot compare with a ``bigint`` (a 500 on SQLite and
PostgreSQL alike); a bare ``str`` accepts NUL, which PostgreSQL cannot hold. These types refuse both
with a 422 in the API's error shape before any query runs (``netra.api`` translates the messages).
"""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator

from netra.core.inputs import DB_INT_MAX, LINE_MAX, TEXT_MAX, text_problem


def _one_line(value: str) -> str:
    if problem := text_problem(value):
        raise ValueError(problem)
    return value


def _multiline(value: str) -> str:
    if problem := text_problem(value, multiline=True):
        raise ValueError(problem)
    return value


# A database row id (path or query): 1 .. 2^63 - 1.
Id = Annotated[int, Field(ge=1, le=DB_INT_MAX)]
# Paging: an offset into a list, a page size (each endpoint still caps it lower).
Offset = Annotated[int, Field(ge=0, le=DB_INT_MAX)]
Limit = Annotated[int, Field(ge=1, le=DB_INT_MAX)]
# One line of text (names, queries, codes): no control or bidi characters, at most LINE_MAX.
Line = Annotated[str, Field(max_length=LINE_MAX), AfterValidator(_one_line)]
# A long text (uraian, kajian, comments): line breaks and tabs allowed, at most TEXT_MAX.
Text = Annotated[str, Field(max_length=TEXT_MAX), AfterValidator(_multiline)]
# A Kemendagri region code as written in URLs and filters ("", "21", "21.01.04", "11.01.01.2001").
RegionCode = Annotated[str, Field(max_length=20, pattern=r"^[0-9.]*$")]


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """ninja's limit/offset paging with both numbers inside a database integer."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=DB_INT_MAX)
        offset: int = Field(0, ge=0, le=DB_INT_MAX)
