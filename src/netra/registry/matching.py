"""Suggest roster records for a name as written, within the officer's jurisdiction.

The name index (netra.names.NameIndex) is built from the database once per process and rebuilt when
the roster's version stamp changes (every roster write bumps it).
"""

import threading
from dataclasses import dataclass

from netra.registry.models import Pegawai
from netra.registry.selectors import pegawai_list_for, roster_scope
from netra.registry.services.counters import counter_value

MAX_LIMIT = 50
_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "index": None}


@dataclass(frozen=True)
class PegawaiMatch:
    pegawai: Pegawai
    score: float
    reasons: list[str]


def roster_index():
    """The process-wide NameIndex over the whole roster, rebuilt when the roster has changed."""
    version = counter_value()
    with _lock:
        if _cache["index"] is None or _cache["version"] != version:
            _cache["index"] = _build_index()
            _cache["version"] = version
        return _cache["index"]


def _build_index():
    from netra.names import NameIndex, RosterRecord

    fields = ("id", "full_name", "nip", "agency_id", "region_id", "position")
    rows = Pegawai.objects.order_by().values_list(*fields).iterator(chunk_size=20_000)
    return NameIndex.build(RosterRecord(*row) for row in rows)


def pegawai_match(
    user,
    name: str,
    *,
    nip: str | None = None,
    agency_id: int | None = None,
    region_code: str | None = None,
    position: str | None = None,
    limit: int = 5,
) -> list[PegawaiMatch]:
    """The best roster records for ``name`` that the user may see, best first, with reasons."""
    scope = roster_scope(user)
    if scope is None or not (name or "").strip():
        return []
    block = _region_block(scope, region_code)
    if block is None:
        return []  # the region asked for lies outside the user's jurisdiction
    matches = roster_search(
        name, nip=nip, agency_id=agency_id, region_code=block, position=position, limit=limit
    )
    visible = (
        pegawai_list_for(user).select_related("agency", "unit", "region").in_bulk([m.id for m in matches])
    )
    return [PegawaiMatch(visible[m.id], m.score, list(m.reasons)) for m in matches if m.id in visible]


def roster_search(
    name: str,
    *,
    nip: str | None = None,
    agency_id: int | None = None,
    region_code: str | None = None,
    position: str | None = None,
    limit: int = 5,
):
    """Unscoped index search (``netra match`` on the server, and pegawai_match after scoping)."""
    return roster_index().search(
        name,
        nip=nip or None,
        agency_id=agency_id,
        region_code=region_code or None,
        position=position or None,
        limit=max(1, min(limit, MAX_LIMIT)),
    )


def _region_block(scope: str, region_code: str | None) -> str | None:
    """The narrower of the user's territory and the region asked for; None if they do not overlap."""
    wanted = (region_code or "").strip()
    if not wanted:
        return scope
    if not scope or wanted == scope or wanted.startswith(scope + "."):
        return wanted
    return None
