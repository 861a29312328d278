"""Suggest roster records for a name as written, within the officer's jurisdiction.

The name index (netra.names.NameIndex) is built from the database once per process and rebuilt when
the roster's version stamp changes (every roster write bumps it).
"""

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from netra.accounts.scoping import region_within, territory
from netra.registry.models import Pegawai
from netra.registry.selectors import pegawai_list_for
from netra.registry.services.counters import counter_value

MAX_LIMIT = 50
_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "index": None}


@dataclass(frozen=True)
class PegawaiMatch:
    pegawai: Pegawai
    score: float
    reasons: list[str]
    namesakes: int = 1  # records in the search scope with exactly this name, itself included


def roster_index():
    """The process-wide NameIndex over the whole roster, current with the roster's version stamp.

    Another process may already have saved the index of this version to the data directory; it is
    then memory-mapped instead of rebuilt (a national roster takes minutes to build, a second to load).
    """
    version = counter_value()
    with _lock:
        if _cache["index"] is None or _cache["version"] != version:
            _cache["index"] = _load_or_build(version)
            _cache["version"] = version
        return _cache["index"]


def roster_index_refresh() -> Path:
    """Build and save the index for the current roster now (after an import), not on the next match."""
    version = counter_value()
    roster_index()
    return _index_dir(version)


def _index_dir(version: int) -> Path:
    return Path(settings.DATA_DIR) / "name-index" / f"roster-{version}"


def _load_or_build(version: int):
    from netra.names import NameIndex

    path = _index_dir(version)
    if (path / "index.json").exists():
        try:
            return NameIndex.load(path)
        except ValueError:  # saved by an older Netra in another format: rebuild it
            shutil.rmtree(path, ignore_errors=True)
    index = _build_index()
    _save(index, path)
    return index


def _save(index, path: Path) -> None:
    """Write beside the final place, then rename: readers never see half an index."""
    staging = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    index.save(staging)
    try:
        staging.rename(path)
    except OSError:  # another process saved the same version first
        shutil.rmtree(staging, ignore_errors=True)
        return
    for old in path.parent.glob("roster-*"):
        if old != path and ".tmp-" not in old.name:  # others may be writing theirs
            shutil.rmtree(old, ignore_errors=True)


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
    wanted = {
        "name": name,
        "nip": nip,
        "agency_id": agency_id,
        "region_code": region_code,
        "position": position,
    }
    return pegawai_match_many(user, [wanted], limit=limit)[0]


def pegawai_match_many(user, people: list[dict], *, limit: int = 5) -> list[list[PegawaiMatch]]:
    """``pegawai_match`` for several people at once (a case's terlapor): one index lookup and one
    roster query for all of them, so a case page does not query once per terlapor.

    Each item of ``people`` holds ``name`` and optionally ``nip``, ``agency_id``, ``region_code``
    and ``position``; the result lists their matches in the same order.
    """
    scope = territory(user)
    if scope is None or not people:
        return [[] for _ in people]
    index = roster_index()
    found = []
    for person in people:
        block = _region_block(scope, person.get("region_code"))
        # None: the region asked for lies outside the user's jurisdiction
        hits = [] if block is None else _search(index, person, block, limit)
        found.append((person, block, hits))
    ids = [m.id for _person, _block, hits in found for m in hits]
    visible = pegawai_list_for(user).select_related("agency", "unit", "region").in_bulk(ids) if ids else {}
    return [
        [
            PegawaiMatch(
                visible[m.id],
                m.score,
                list(m.reasons),
                index.namesakes(m.id, agency_id=person.get("agency_id"), region_code=block or None),
            )
            for m in hits
            if m.id in visible
        ]
        for person, block, hits in found
    ]


def _search(index, person: dict, block: str, limit: int):
    from netra.names import normalize_name

    if not normalize_name(person.get("name") or "").tokens:
        return []
    return index.search(
        person["name"],
        nip=person.get("nip") or None,
        agency_id=person.get("agency_id"),
        region_code=block or None,
        position=person.get("position") or None,
        limit=max(1, min(limit, MAX_LIMIT)),
    )


def roster_search(
    name: str,
    *,
    nip: str | None = None,
    agency_id: int | None = None,
    region_code: str | None = None,
    position: str | None = None,
    limit: int = 5,
):
    """Unscoped index search (``netra match`` on the server, and pegawai_match after scoping).

    A text with no name left after titles and greetings are removed ("Drs.", "-") matches nothing.
    """
    person = {"name": name, "nip": nip, "agency_id": agency_id, "position": position}
    return _search(roster_index(), person, region_code or "", limit)


def _region_block(scope: str, region_code: str | None) -> str | None:
    """The narrower of the user's territory and the region asked for; None if they do not overlap."""
    wanted = (region_code or "").strip()
    if not wanted:
        return scope
    if region_within(wanted, scope):
        return wanted
    return None
