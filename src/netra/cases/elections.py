"""The post scorer's election configuration, from the database to the pure ``ElectionConfig``.

An election has one configuration for its whole area (``ElectionSetting`` with no region) and, for a
Pilkada, one per province or kabupaten/kota that runs a race. For a region, the configurations on
its path are merged from the widest down: the most specific one that lists candidates gives the
candidates (a Pilbup's pairs replace the national list), parties add up (a regional entry of the same
name replaces the wider one), general slogans, hashtags and case-sensitive phrases add up. The
phase dates are the election's own.

``scoring_config(election, region_code)`` is what the monitoring pipeline calls for every batch of
posts: one small query for the versions, and the compiled matcher from a per-process cache while
nothing changed. The services (``netra.cases.services.elections``) validate every write through
``problems`` with the pure configuration's rules; ``error_message`` words them in Bahasa Indonesia.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from netra.cases.models import Election, ElectionSetting
from netra.law import regioncode
from netra.text.election import ElectionConfig, ElectionConfigError

log = logging.getLogger(__name__)

# The file's [period] keys and the Election fields they are.
PERIOD_FIELDS = {
    "penetapan": "penetapan_calon",
    "campaign_start": "campaign_start",
    "campaign_end": "campaign_end",
    "voting_day": "voting_day",
}
CANDIDATE_LISTS = ("names", "nicknames", "parties", "slogans", "hashtags", "gestures")
GENERAL_LISTS = ("slogans", "hashtags", "case_sensitive")
WHOLE_AREA = ""  # the key of an election's configuration without a region

_CACHE: dict[tuple[int, str], tuple[tuple[Any, ...], ElectionConfig | None]] = {}
_CACHE_LIMIT = 1024
_LOCK = threading.Lock()
_ELECTION_FIELDS = ("name", "regime", "region_id", *PERIOD_FIELDS.values())


def scoring_config(election: Election, region_code: str | None = None) -> ElectionConfig | None:
    """The compiled configuration for ``election`` in ``region_code`` (a post's region; None: the
    election's own area), or None when no candidates are configured there (or it does not compile,
    which the services prevent; logged). Cached per process; a changed configuration or phase date
    is seen on the next call."""
    # updated_at besides the version: a database restored or rebuilt (tests) may reuse ids and versions.
    values = ("pk", "version", "updated_at", "region_id", *(f"election__{name}" for name in _ELECTION_FIELDS))
    rows = list(ElectionSetting.objects.filter(election_id=election.pk).values_list(*values))
    if not rows:
        return None
    election_values = rows[0][4:]
    area = region_code if region_code is not None else (election_values[2] or WHOLE_AREA)
    path = _path([(row[3] or WHOLE_AREA, row) for row in rows], area)
    key = (election_values, tuple(row[:3] for row in path))
    cache_key = (election.pk, area)
    cached = _CACHE.get(cache_key)
    if cached is not None and cached[0] == key:
        return cached[1]
    config = _compile(election.pk, [row[0] for row in path], area)
    with _LOCK:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[cache_key] = (key, config)
    return config


def _compile(election_id: int, setting_ids: list[int], area: str) -> ElectionConfig | None:
    election = Election.objects.select_related("region").get(pk=election_id)
    settings = {
        setting.pk: setting for setting in _with_rows(ElectionSetting.objects.filter(pk__in=setting_ids))
    }
    contents = [setting_content(settings[pk]) for pk in setting_ids if pk in settings]
    data = merged_data(election, contents, area)
    if not data["candidates"]:
        return None
    try:
        return ElectionConfig.from_dict(data)
    except ElectionConfigError as exc:
        log.warning("election %s, area %r: configuration does not compile: %s", election_id, area, exc)
        return None


def _with_rows(settings: Any) -> Any:
    return settings.select_related("region").prefetch_related("candidates", "parties")


def _path(keyed: Iterable[tuple[str, Any]], area: str) -> list[Any]:
    """The items whose key (a region code, "" for the whole area) holds ``area``, widest first."""
    found = [(key, item) for key, item in keyed if regioncode.within(area, key)]
    return [item for key, item in sorted(found, key=lambda pair: regioncode.level(pair[0]))]


def setting_content(setting: ElectionSetting) -> dict[str, Any]:
    """A configuration's own rows as file-shaped data (candidates by number, parties in order)."""
    candidates = sorted(setting.candidates.all(), key=lambda candidate: candidate.number)
    parties = sorted(setting.parties.all(), key=lambda party: (party.position, party.name))
    return {
        "level": setting.level,
        **{key: list(getattr(setting, key)) for key in GENERAL_LISTS},
        "candidates": [
            {
                "number": candidate.number,
                **{key: list(getattr(candidate, key)) for key in CANDIDATE_LISTS},
                **({"colour": candidate.colour} if candidate.colour else {}),
            }
            for candidate in candidates
        ],
        "parties": [
            {
                "name": party.name,
                "abbreviations": list(party.abbreviations),
                **({"colour": party.colour} if party.colour else {}),
            }
            for party in parties
        ],
    }


def period_of(election: Election) -> dict[str, Any]:
    return {key: getattr(election, name) for key, name in PERIOD_FIELDS.items() if getattr(election, name)}


def merged_data(election: Election, contents: Sequence[Mapping[str, Any]], area: str) -> dict[str, Any]:
    """The file-shaped data for ``area`` from the contents on its path (widest first)."""
    candidates: list[dict[str, Any]] = []
    parties: dict[str, dict[str, Any]] = {}
    lists: dict[str, list[str]] = {key: [] for key in GENERAL_LISTS}
    level = ""
    for content in contents:
        if content.get("candidates"):
            candidates = list(content["candidates"])
        for party in content.get("parties", []):
            parties.pop(party.get("name"), None)
            parties[party.get("name")] = party
        for key in GENERAL_LISTS:
            lists[key] += [value for value in content.get(key, []) if value not in lists[key]]
        level = content.get("level") or level
    return {
        "name": election.name,
        "regime": election.regime,
        "level": level,
        "region_code": area or election.region_id or WHOLE_AREA,
        "period": period_of(election),
        "candidates": candidates,
        "parties": list(parties.values()),
        **lists,
    }


def problems(
    election: Election, replaced: Mapping[str, Mapping[str, Any] | None]
) -> list[tuple[str, ElectionConfigError]]:
    """What would be wrong if the configurations keyed in ``replaced`` (region code, "" for the whole
    area) held the given contents (None: removed): each area whose merge includes a replaced one is
    checked with the pure rules, as ``(area, error)``. Empty: the change may be written."""
    stored = {
        setting.region_id or WHOLE_AREA: setting_content(setting)
        for setting in _with_rows(ElectionSetting.objects.filter(election_id=election.pk))
    }
    contents = {**stored, **{key: value for key, value in replaced.items() if value is not None}}
    for key, value in replaced.items():
        if value is None:
            contents.pop(key, None)
    found = []
    for area in sorted(contents, key=regioncode.level):
        path = _path(contents.items(), area)
        if not any(regioncode.within(area, key) for key in replaced):
            continue
        data = merged_data(election, path, area)
        found += [(area, error) for error in ElectionConfig.check(data, require_candidates=False)]
    return found


# Messages ------------------------------------------------------------------------------------------

_SECTIONS = {"candidates": "calon", "parties": "partai", "period": "tahapan"}
_KEYS = {
    "names": "nama",
    "nicknames": "nama panggilan",
    "parties": "partai pengusung",
    "slogans": "slogan",
    "hashtags": "tagar",
    "gestures": "gestur",
    "abbreviations": "singkatan",
    "case_sensitive": "frasa peka huruf besar",
    "name": "nama",
    "regime": "rezim",
    "candidates": "calon",
}


def error_message(error: ElectionConfigError) -> str:
    """``error`` in Bahasa Indonesia, with the row it concerns when known."""
    params = error.params
    key = _KEYS.get(str(params.get("key", "")), str(params.get("key", "")))
    messages = {
        "regime": lambda: (
            _("Rezim harus pemilu atau pemilihan, bukan %(value)s.") % {"value": params.get("value")}
        ),
        "no_candidates": lambda: _("Isikan sedikitnya satu calon."),
        "duplicate_number": lambda: (
            _("Nomor urut dipakai lebih dari sekali: %(numbers)s.")
            % {"numbers": ", ".join(str(number) for number in params.get("numbers", []))}
        ),
        "duplicate_party": lambda: (
            _("Nama partai tercatat lebih dari sekali: %(names)s.")
            % {"names": ", ".join(params.get("names", []))}
        ),
        "unknown_parties": lambda: (
            _(
                "Calon nomor %(number)s menyebut partai yang belum terdaftar: %(parties)s. "
                "Tambahkan partainya dulu."
            )
            % {"number": params.get("number"), "parties": ", ".join(params.get("parties", []))}
        ),
        "region": lambda: _("Kode wilayah %(value)s tidak dikenal.") % {"value": params.get("value")},
        "penetapan_missing": lambda: _(
            "Tanggal penetapan calon belum diisi; isi dulu tanggal tahapan pemilihan ini."
        ),
        "required": lambda: _("Kolom %(key)s wajib diisi.") % {"key": key},
        "strings": lambda: _("Kolom %(key)s harus berupa daftar teks yang tidak kosong.") % {"key": key},
        "period_table": lambda: _("Bagian [period] harus berisi tanggal."),
        "date": lambda: (
            _("Tanggal %(key)s harus berbentuk TTTT-BB-HH, misalnya 2024-09-22.") % {"key": params.get("key")}
        ),
        "number": lambda: (
            _("Nomor urut harus bilangan bulat positif, bukan %(value)s.") % {"value": params.get("value")}
        ),
        "no_name": lambda: _("Calon nomor %(number)s belum punya nama.") % {"number": params.get("number")},
        "colour": lambda: (
            _("Warna harus berbentuk #RRGGBB, misalnya #1F77B4, bukan %(value)s.")
            % {"value": params.get("value")}
        ),
        "phrase": lambda: _("Frasa %(phrase)s tidak memuat kata apa pun.") % {"phrase": params.get("phrase")},
        "syntax": lambda: (
            _("Berkas bukan %(format)s yang sah: %(detail)s")
            % {"format": params.get("format"), "detail": params.get("detail")}
        ),
        "format": lambda: _("Format berkas harus TOML atau JSON."),
        "not_table": lambda: _("Isian harus berupa tabel (pasangan kunci dan nilai)."),
        "not_list": lambda: _("Bagian %(key)s harus berupa daftar tabel.") % {"key": key},
        "malformed": lambda: (
            _("Isian tidak lengkap atau salah bentuk (%(detail)s).") % {"detail": params.get("detail")}
        ),
    }
    message = messages.get(error.code, lambda: str(error))()
    if error.row is not None and error.section in _SECTIONS:
        return _("Baris %(section)s ke-%(row)s: %(message)s") % {
            "section": _SECTIONS[error.section],
            "row": error.row,
            "message": message,
        }
    return message


# The operator's view (command line) -------------------------------------------------------------------


def election_overview(election: Election) -> dict[str, Any]:
    """``election`` with its dates and every configured area's own rows (``netra elections show``)."""
    settings = _with_rows(ElectionSetting.objects.filter(election=election))
    areas = []
    for setting in sorted(
        settings, key=lambda item: (regioncode.level(item.region_id or ""), item.region_id or "")
    ):
        area = setting.region_id or WHOLE_AREA
        compiled = scoring_config(election, area or None)
        areas.append({
            "region_code": area,
            "region_name": setting.region.name if setting.region else "",
            "version": setting.version,
            "note": setting.note,
            "updated_at": setting.updated_at.isoformat(),
            "scoring_candidates": [c.label for c in compiled.candidates] if compiled else [],
            **setting_content(setting),
        })  # fmt: skip
    return {
        "id": election.pk,
        "name": election.name,
        "regime": election.regime,
        "region_code": election.region_id or "",
        "is_active": election.is_active,
        "period": {key: value.isoformat() for key, value in period_of(election).items()},
        "areas": areas,
    }


def area_file_data(election: Election, region_code: str) -> dict[str, Any] | None:
    """An area's configuration in the file's shape, for export; None when the area has none."""
    setting = _with_rows(
        ElectionSetting.objects.filter(election=election, region_id=region_code or None)
    ).first()
    if setting is None:
        return None
    content = setting_content(setting)
    name = f"{election.name}: {setting.region.name}" if setting.region else election.name
    data: dict[str, Any] = {"name": name, "regime": election.regime}
    if content["level"]:
        data["level"] = content["level"]
    data["region_code"] = region_code or election.region_id or WHOLE_AREA
    if setting.note:
        data["note"] = setting.note
    for key in GENERAL_LISTS:
        data[key] = content[key]
    data["period"] = period_of(election)
    data["candidates"] = content["candidates"]
    data["parties"] = content["parties"]
    return data
