"""Configuring elections (Pemilu, Pilkada): dates, and the post scorer's context (candidates, parties,
slogans, hashtags, gestures, colours) per election and region. Every write is validated with the
pure configuration's rules (``netra.cases.elections.problems``, messages in Bahasa Indonesia),
bumps the configuration's version (the scorer's cache key) and is audited.

``user`` is the staff member acting from a page (role and jurisdiction checked: ``EDITOR_ROLES`` of
an office whose territory holds the configured area); None is the operator at the command line or
the demo, named by ``actor``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role, User
from netra.accounts.scoping import SUPERVISE, can
from netra.audit.services import event_record
from netra.cases.elections import (
    CANDIDATE_LISTS,
    GENERAL_LISTS,
    PERIOD_FIELDS,
    WHOLE_AREA,
    error_message,
    problems,
    setting_content,
)
from netra.cases.models import Election, ElectionCandidate, ElectionParty, ElectionSetting
from netra.law import regioncode
from netra.text.election import (
    ElectionConfigError,
    candidate_from_dict,
    check_rows,
    party_from_dict,
)

EDITOR_ROLES = (Role.PIMPINAN, Role.ADMIN, Role.PENGAWAS)


def election_ensure(*, values: dict[str, Any], actor: str = "system") -> tuple[Election, bool]:
    """The election named ``values["name"]``, created from ``values`` if missing; ``(election, created)``.

    An existing election is left as it is: configuring dates again is an edit, not a re-run.
    """
    name = str(values["name"])
    existing = Election.objects.filter(name=name).first()
    if existing is not None:
        return existing, False
    election = Election(**values)
    election.full_clean()
    with transaction.atomic():
        election.save()
        event_record(
            actor=actor,
            action="election.create",
            obj_type=Election._meta.label_lower,
            obj_id=election.pk,
            data={"name": name, "regime": election.regime, "voting_day": str(election.voting_day)},
        )
    return election, True


# Who may edit ----------------------------------------------------------------------------------------


def may_edit(user: User | None, election: Election, region_code: str = WHOLE_AREA) -> bool:
    """Whether ``user`` may edit ``election``'s configuration for ``region_code`` ("" the whole area)."""
    if user is None:
        return True
    probe = ElectionSetting(election=election, region_id=region_code or None)
    return user.has_role(*EDITOR_ROLES) and can(user, probe, SUPERVISE)


def _require(user: User | None, election: Election, region_code: str) -> None:
    if not may_edit(user, election, region_code):
        raise PermissionDenied(_("Anda tidak berwenang mengubah konfigurasi pemilihan ini."))


def _actor(user: User | None, actor: str) -> str:
    return user.username if user is not None else actor


def _office_code(user: User | None) -> str:
    return user.office.region_code if user is not None and user.office is not None else ""


# Validation ------------------------------------------------------------------------------------------


def _raise_problems(election: Election, key: str, content: dict[str, Any] | None) -> None:
    found = problems(election, {key: content})
    if found:
        raise ValidationError([_located(area, key, error) for area, error in found])


def _located(area: str, key: str, error: ElectionConfigError) -> str:
    message = error_message(error)
    if area == key:
        return message
    where = area or _("seluruh wilayah pemilihan")
    return _("Akibatnya pada konfigurasi %(area)s: %(message)s") % {"area": where, "message": message}


def _setting_key(election: Election, region_code: str | None) -> str:
    """The configuration key of ``region_code`` in ``election``: "" for its whole area."""
    code = (region_code or "").strip()
    if code in ("", election.region_id or ""):
        return WHOLE_AREA
    if election.region_id and not regioncode.below(code, election.region_id):
        raise ValidationError(
            _("Wilayah %(code)s berada di luar wilayah pemilihan ini (%(area)s).")
            % {"code": code, "area": election.region_id}
        )
    from netra.registry.models import Region

    if regioncode.level(code) > regioncode.KABUPATEN_KOTA or not Region.objects.filter(code=code).exists():
        raise ValidationError(
            _("Kode wilayah %(code)s bukan provinsi atau kabupaten/kota yang dikenal.") % {"code": code}
        )
    return code


# Writes ----------------------------------------------------------------------------------------------


def _empty() -> dict[str, Any]:
    return {"level": "", "slogans": [], "hashtags": [], "case_sensitive": [], "candidates": [], "parties": []}


def _current(election: Election, key: str) -> tuple[ElectionSetting | None, dict[str, Any]]:
    setting = (
        ElectionSetting.objects.filter(election=election, region_id=key or None)
        .prefetch_related("candidates", "parties")
        .first()
    )
    return setting, (setting_content(setting) if setting is not None else _empty())


def _store(
    *,
    election: Election,
    key: str,
    content: dict[str, Any],
    note: str | None,
    user: User | None,
    actor: str,
    action: str,
    data: dict[str, Any],
) -> ElectionSetting:
    """Validate ``content`` for ``key`` and write it whole (rows replaced, version bumped, audited)."""
    _raise_problems(election, key, content)
    with transaction.atomic():
        setting, created = ElectionSetting.objects.select_for_update().get_or_create(
            election=election, region_id=key or None
        )
        setting.level = content.get("level", "")
        for name in GENERAL_LISTS:
            setattr(setting, name, list(content.get(name, [])))
        if note is not None:
            setting.note = note
        setting.version = 1 if created else setting.version + 1
        setting.save()
        setting.candidates.all().delete()
        setting.parties.all().delete()
        ElectionCandidate.objects.bulk_create(
            ElectionCandidate(
                setting=setting,
                number=row["number"],
                colour=row.get("colour", ""),
                **{name: list(row.get(name, [])) for name in CANDIDATE_LISTS},
            )
            for row in content["candidates"]
        )
        ElectionParty.objects.bulk_create(
            ElectionParty(
                setting=setting,
                name=row["name"],
                abbreviations=list(row.get("abbreviations", [])),
                colour=row.get("colour", ""),
                position=position,
            )
            for position, row in enumerate(content["parties"])
        )
        event_record(
            actor=_actor(user, actor),
            action=action,
            obj_type=ElectionSetting._meta.label_lower,
            obj_id=setting.pk,
            data={"election": election.pk, "region": key, "version": setting.version, **data},
            office_code=_office_code(user),
        )
    return setting


def _lines(values: Any) -> list[str]:
    return [str(value).strip() for value in values or [] if str(value).strip()]


def election_setting_update(
    *,
    election: Election,
    region_code: str | None,
    values: dict[str, Any],
    user: User | None,
    actor: str = "system",
) -> ElectionSetting:
    """Level, general slogans/hashtags, case-sensitive phrases and the source note of a configuration
    (created when missing)."""
    key = _setting_key(election, region_code)
    _require(user, election, key)
    _setting, content = _current(election, key)
    content["level"] = str(values.get("level", "")).strip()
    for name in GENERAL_LISTS:
        content[name] = _lines(values.get(name))
    _check_general(content)
    return _store(
        election=election,
        key=key,
        content=content,
        note=str(values.get("note", "")).strip(),
        user=user,
        actor=actor,
        action="election.config_update",
        data={"level": content["level"]},
    )


def _check_general(content: dict[str, Any]) -> None:
    errors = [error for error in check_rows(content) if error.section == ""]
    if errors:
        raise ValidationError([error_message(error) for error in errors])


def _one(parse: Any, row: dict[str, Any]) -> dict[str, Any]:
    try:
        return parse(row).to_dict()
    except ElectionConfigError as exc:
        raise ValidationError(error_message(exc)) from exc


def election_candidate_save(
    *,
    election: Election,
    region_code: str | None,
    values: dict[str, Any],
    original_number: int | None = None,
    user: User | None,
    actor: str = "system",
) -> ElectionSetting:
    """Add a candidate, or replace the one numbered ``original_number`` (its number may change)."""
    key = _setting_key(election, region_code)
    _require(user, election, key)
    row = _one(
        candidate_from_dict,
        {
            "number": values.get("number"),
            **{name: _lines(values.get(name)) for name in CANDIDATE_LISTS},
            "colour": values.get("colour") or "",
        },
    )
    _setting, content = _current(election, key)
    others = [item for item in content["candidates"] if item["number"] != original_number]
    if any(item["number"] == row["number"] for item in others):
        raise ValidationError(
            _("Nomor urut %(number)s sudah dipakai calon lain.") % {"number": row["number"]}
        )
    content["candidates"] = sorted([*others, row], key=lambda item: item["number"])
    return _store(
        election=election,
        key=key,
        content=content,
        note=None,
        user=user,
        actor=actor,
        action="election.candidate_save",
        data={"number": row["number"], "names": row["names"][:2], "replaced": original_number},
    )


def _entry_delete(
    *, election: Election, region_code: str | None, entries: str, field: str, value: Any, missing: str, **who
) -> ElectionSetting:
    """Remove the entry of list ``entries`` whose ``field`` is ``value``; ``missing`` when none is."""
    key = _setting_key(election, region_code)
    _require(who["user"], election, key)
    _setting, content = _current(election, key)
    remaining = [item for item in content[entries] if item[field] != value]
    if len(remaining) == len(content[entries]):
        raise ValidationError(missing)
    content[entries] = remaining
    action = "election.candidate_delete" if entries == "candidates" else "election.party_delete"
    return _store(
        election=election, key=key, content=content, note=None, action=action, data={field: value}, **who
    )


def election_candidate_delete(
    *, election: Election, region_code: str | None, number: int, user: User | None, actor: str = "system"
) -> ElectionSetting:
    return _entry_delete(
        election=election,
        region_code=region_code,
        entries="candidates",
        field="number",
        value=number,
        missing=_("Tidak ada calon bernomor urut %(number)s.") % {"number": number},
        user=user,
        actor=actor,
    )


def election_party_save(
    *,
    election: Election,
    region_code: str | None,
    values: dict[str, Any],
    original_name: str | None = None,
    user: User | None,
    actor: str = "system",
) -> ElectionSetting:
    """Add a party, or replace the one named ``original_name`` (keeping its place in the list)."""
    key = _setting_key(election, region_code)
    _require(user, election, key)
    row = _one(
        party_from_dict,
        {
            "name": str(values.get("name") or "").strip(),
            "abbreviations": _lines(values.get("abbreviations")),
            "colour": values.get("colour") or "",
        },
    )
    _setting, content = _current(election, key)
    parties = content["parties"]
    if any(item["name"] == row["name"] and item["name"] != original_name for item in parties):
        raise ValidationError(_("Partai %(name)s sudah terdaftar.") % {"name": row["name"]})
    names = [item["name"] for item in parties]
    if original_name is not None and original_name in names:
        parties[names.index(original_name)] = row
    else:
        parties.append(row)
    return _store(
        election=election,
        key=key,
        content=content,
        note=None,
        user=user,
        actor=actor,
        action="election.party_save",
        data={"name": row["name"], "replaced": original_name},
    )


def election_party_delete(
    *, election: Election, region_code: str | None, name: str, user: User | None, actor: str = "system"
) -> ElectionSetting:
    return _entry_delete(
        election=election,
        region_code=region_code,
        entries="parties",
        field="name",
        value=name,
        missing=_("Tidak ada partai bernama %(name)s.") % {"name": name},
        user=user,
        actor=actor,
    )


def election_setting_delete(
    *, election: Election, region_code: str, user: User | None, actor: str = "system"
) -> None:
    """Remove a region's configuration (the wider one applies there again)."""
    key = _setting_key(election, region_code)
    _require(user, election, key)
    setting = ElectionSetting.objects.filter(election=election, region_id=key or None).first()
    if setting is None:
        raise ValidationError(_("Wilayah ini belum punya konfigurasi."))
    _raise_problems(election, key, None)
    with transaction.atomic():
        event_record(
            actor=_actor(user, actor),
            action="election.config_delete",
            obj_type=ElectionSetting._meta.label_lower,
            obj_id=setting.pk,
            data={"election": election.pk, "region": key},
            office_code=_office_code(user),
        )
        setting.delete()


# Dates ------------------------------------------------------------------------------------------------


def _check_dates(dates: dict[str, dt.date | None]) -> None:
    order = [
        ("penetapan_calon", "campaign_start"),
        ("campaign_start", "campaign_end"),
        ("campaign_end", "voting_day"),
    ]
    labels = {
        "penetapan_calon": _("penetapan calon"),
        "campaign_start": _("awal kampanye"),
        "campaign_end": _("akhir kampanye"),
        "voting_day": _("hari pemungutan suara"),
    }
    if dates.get("voting_day") is None:
        raise ValidationError(_("Hari pemungutan suara wajib diisi."))
    for first, second in order:
        before, after = dates.get(first), dates.get(second)
        if before is not None and after is not None and before > after:
            raise ValidationError(
                _("Tanggal %(first)s harus sebelum atau sama dengan %(second)s.")
                % {"first": labels[first], "second": labels[second]}
            )


def election_dates_update(
    *, election: Election, values: Mapping[str, dt.date | None], user: User | None, actor: str = "system"
) -> Election:
    """The phase dates (penetapan calon, campaign start and end, voting day) of ``election``."""
    _require(user, election, WHOLE_AREA)
    dates = {name: values.get(name, getattr(election, name)) for name in PERIOD_FIELDS.values()}
    _check_dates(dates)
    before = {name: getattr(election, name) for name in PERIOD_FIELDS.values()}
    if dates["penetapan_calon"] is None and ElectionSetting.objects.filter(election=election).exists():
        raise ValidationError(
            _("Tanggal penetapan calon wajib diisi selama pemilihan ini punya konfigurasi calon.")
        )
    with transaction.atomic():
        for name, value in dates.items():
            setattr(election, name, value)
        election.full_clean()
        election.save(update_fields=list(dates))
        ElectionSetting.objects.filter(election=election).update(version=_bumped(), updated_at=timezone.now())
        event_record(
            actor=_actor(user, actor),
            action="election.dates_update",
            obj_type=Election._meta.label_lower,
            obj_id=election.pk,
            data={
                name: [str(before[name]), str(value)]
                for name, value in dates.items()
                if before[name] != value
            },
            office_code=_office_code(user),
        )
    return election


def _bumped() -> Any:
    from django.db.models import F

    return F("version") + 1


# Import ----------------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What an import did (or, on a dry run, would do): errors stop it; warnings do not."""

    region_code: str = ""
    candidates: int = 0
    parties: int = 0
    dates_changed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "region_code": self.region_code,
            "candidates": self.candidates,
            "parties": self.parties,
            "dates_changed": self.dates_changed,
            "errors": self.errors,
            "warnings": self.warnings,
            "written": self.written,
        }


def _file_dates(data: dict[str, Any], outcome: ImportOutcome) -> dict[str, dt.date]:
    period = data.get("period", {})
    if not isinstance(period, dict):
        outcome.errors.append(_("Bagian [period] harus berisi tanggal."))
        return {}
    dates = {}
    for key, value in period.items():
        if key not in PERIOD_FIELDS:
            outcome.warnings.append(_("Tanggal %(key)s tidak dikenal dan diabaikan.") % {"key": key})
        elif isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            outcome.errors.append(
                _("Tanggal %(key)s harus berbentuk TTTT-BB-HH, misalnya 2024-09-22.") % {"key": key}
            )
        else:
            dates[PERIOD_FIELDS[key]] = value
    return dates


def election_config_import(
    *,
    election: Election,
    data: dict[str, Any],
    region_code: str | None = None,
    dry_run: bool = False,
    user: User | None,
    actor: str = "system",
) -> ImportOutcome:
    """Replace a configuration with a file's (``netra.text.election.parse_config`` of TOML or JSON in
    the devset's shape). The region is ``region_code``, else the file's ``region_code``; the file's
    [period] dates update the election's when it configures the whole area (warned otherwise). Every
    row's problem is listed; nothing is written when there is one, nor on a dry run."""
    outcome = ImportOutcome()
    requested = region_code if region_code is not None else str(data.get("region_code") or "")
    try:
        key = _setting_key(election, requested)
    except ValidationError as exc:
        outcome.errors += exc.messages
        return outcome
    outcome.region_code = key
    if not may_edit(user, election, key):
        raise PermissionDenied(_("Anda tidak berwenang mengubah konfigurasi pemilihan ini."))
    if data.get("regime") not in (None, election.regime):
        outcome.errors.append(
            _("Berkas ini untuk rezim %(file)s, sedangkan pemilihan ini %(election)s.")
            % {"file": data.get("regime"), "election": election.regime}
        )
    outcome.errors += [error_message(error) for error in check_rows(data)]
    dates = _file_dates(data, outcome)
    if outcome.errors:
        return outcome
    content = {
        "level": str(data.get("level") or "").strip(),
        **{name: [value.strip() for value in data.get(name, [])] for name in GENERAL_LISTS},
        "candidates": [candidate_from_dict(row).to_dict() for row in data.get("candidates", [])],
        "parties": [party_from_dict(row).to_dict() for row in data.get("parties", [])],
    }
    outcome.candidates, outcome.parties = len(content["candidates"]), len(content["parties"])
    changed = {name: value for name, value in dates.items() if getattr(election, name) != value}
    if changed and key != WHOLE_AREA:
        outcome.warnings.append(
            _("Tanggal tahapan dalam berkas diabaikan: konfigurasi wilayah mengikuti tanggal pemilihannya.")
        )
        changed = {}
    outcome.dates_changed = sorted(changed)
    with transaction.atomic():
        if changed:
            try:
                election_dates_update(election=election, values=changed, user=user, actor=actor)
            except ValidationError as exc:
                outcome.errors += exc.messages
                transaction.set_rollback(True)
        if not outcome.errors:
            note = str(data.get("note") or "").strip() or None
            _import_store(election, key, content, note, outcome, user=user, actor=actor, dry_run=dry_run)
        if outcome.errors or dry_run:
            transaction.set_rollback(True)
    if outcome.errors or dry_run:
        election.refresh_from_db()
        outcome.written = False
        return outcome
    outcome.written = True
    return outcome


def _import_store(
    election: Election,
    key: str,
    content: dict[str, Any],
    note: str | None,
    outcome: ImportOutcome,
    *,
    user: User | None,
    actor: str,
    dry_run: bool,
) -> None:
    try:
        _store(
            election=election,
            key=key,
            content=content,
            note=note,
            user=user,
            actor=actor,
            action="election.config_import",
            data={"candidates": outcome.candidates, "parties": outcome.parties, "dry_run": dry_run},
        )
    except ValidationError as exc:
        outcome.errors += exc.messages
