"""Keyset (cursor) pagination: pages that cost the same on page 1 and page 40 000.

An OFFSET page makes the database walk and throw away every row before it, and a page number needs
an exact COUNT(*); a keyset page asks for "the next ``size`` rows after this one in the sort order",
which an index on the sort keys answers directly, and stays correct while rows are inserted (no row
is skipped or shown twice when a new case arrives between two clicks).

The cursor is opaque to clients: URL-safe base64 of the sort-key values of the row the page starts
after (``n``) or before (``p``). A cursor that does not decode is a ``BadCursor`` (400 in the API,
the first page in the web UI). Tampering with it only moves the page: rows still come from the
caller's scoped queryset.
"""

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet

FORWARD, BACKWARD = "n", "p"


class BadCursor(ValueError):
    """The cursor was not made by this module for this ordering."""


@dataclass(frozen=True)
class Key:
    """One sort key: a field, its direction, and (ascending nullable fields only) nulls last."""

    name: str
    descending: bool = False
    nulls_last: bool = False

    def order(self, reverse: bool = False):
        descending = self.descending != reverse
        expression = F(self.name)
        if self.nulls_last:  # reversed, the nulls come first
            return expression.desc(nulls_first=True) if reverse else expression.asc(nulls_last=True)
        return expression.desc() if descending else expression.asc()


@dataclass
class Page:
    """One page of rows plus the cursors of its neighbours (None where there is none)."""

    items: list
    next_cursor: str | None = None
    previous_cursor: str | None = None
    size: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _encode(direction: str, values: list) -> str:
    raw = json.dumps([direction, values], separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, qs: QuerySet, keys: list[Key]) -> tuple[str, list]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        direction, raw = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if direction not in (FORWARD, BACKWARD) or len(raw) != len(keys):
            raise BadCursor(cursor)
        values = [
            None if value is None else _field(qs, key.name).to_python(value)
            for key, value in zip(keys, raw, strict=True)
        ]
    except (binascii.Error, UnicodeError, ValueError, TypeError) as error:
        raise BadCursor(cursor) from error
    if any(value is None for key, value in zip(keys, values, strict=True) if not key.nulls_last):
        raise BadCursor(cursor)
    return direction, values


def _field(qs: QuerySet, name: str):
    meta = qs.model._meta
    return meta.pk if name == "pk" else meta.get_field(name)


def _values(row, keys: list[Key]) -> list:
    return [getattr(row, key.name) for key in keys]


def _beyond(key: Key, value, after: bool) -> Q | None:
    """Rows strictly after (or before) ``value`` on this one key; None when there are none."""
    forward = after != key.descending  # moving towards larger values
    if key.nulls_last:
        if value is None:
            return None if after else Q(**{f"{key.name}__isnull": False})
        if after:
            return Q(**{f"{key.name}__gt": value}) | Q(**{f"{key.name}__isnull": True})
        return Q(**{f"{key.name}__lt": value})
    return Q(**{f"{key.name}__{'gt' if forward else 'lt'}": value})


def _same(key: Key, value) -> Q:
    return Q(**{f"{key.name}__isnull": True}) if value is None else Q(**{key.name: value})


def after_q(keys: list[Key], values: list, *, after: bool = True) -> Q:
    """Rows after (``after``) or before the row with ``values``, in the keys' order.

    The OR of "equal on the first i keys, beyond on key i+1", plus a non-strict bound on the first
    key that the database uses as an index range (the OR alone it can only filter).
    """
    terms = Q(pk__in=[])
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        beyond = _beyond(key, value, after)
        if beyond is not None:
            terms |= equal & beyond
        equal &= _same(key, value)
    first, value = keys[0], values[0]
    if value is not None and not first.nulls_last:
        forward = after != first.descending
        terms &= Q(**{f"{first.name}__{'gte' if forward else 'lte'}": value})
    return terms


def paginate(qs: QuerySet, keys: list[Key], *, cursor: str = "", size: int = 25, last: bool = False) -> Page:
    """The page of ``qs`` (in ``keys`` order) that ``cursor`` points to; the first page for "", the
    last page for ``last``. BadCursor for a cursor this ordering did not make."""
    direction, values = _decode(cursor, qs, keys) if cursor else (BACKWARD if last else FORWARD, None)
    forward = direction == FORWARD
    if values is not None:
        qs = qs.filter(after_q(keys, values, after=forward))
    rows = list(qs.order_by(*(key.order(reverse=not forward) for key in keys))[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    page = Page(items=rows, size=size)
    if rows:
        came_from_elsewhere = values is not None
        has_next = more if forward else came_from_elsewhere
        has_previous = came_from_elsewhere if forward else more
        if has_next:
            page.next_cursor = _encode(FORWARD, _values(rows[-1], keys))
        if has_previous:
            page.previous_cursor = _encode(BACKWARD, _values(rows[0], keys))
    return page
