"""Writing monitoring sources: create one (feed, upload or partner push) for the user's office, the
default push source a partner's token writes to, and an upload into an upload source. Each write is
audited; who may write: staff of a supervisory office, on sources of offices in its territory."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from netra.accounts.scoping import is_supervisor, office_covers
from netra.audit.services import event_record
from netra.core.inputs import text_problem
from netra.monitoring.models import Item, Source
from netra.monitoring.services.ingest import FIELDS, IngestResult, ingest_file

DEFAULT_PUSH_NAME = "API mitra"
FETCH_INTERVAL_MIN = 300  # a feed is polled at most every five minutes (politeness)
FETCH_INTERVAL_MAX = 7 * 24 * 3600


class SourceUnknown(Exception):
    """No source of that name in the user's office (the API answers 404)."""


def require_monitor(user) -> None:
    """Monitoring is the work of Bawaslu/Panwaslu offices."""
    if not is_supervisor(user):
        raise PermissionDenied(
            _("Hanya staf kantor Bawaslu/Panwaslu yang dapat mengelola sumber pemantauan.")
        )


def require_source_act(user, source: Source) -> None:
    require_monitor(user)
    if not office_covers(user.office, source.office.region_code):
        raise PermissionDenied(_("Sumber ini milik kantor di luar wilayah Anda."))


def _audit(user, action: str, source: Source, data: dict) -> None:
    event_record(
        actor=user.get_username() if user is not None else "system",
        action=action,
        obj_type="monitoring.source",
        obj_id=source.pk,
        data=data,
        office_code=source.office.region_code,
    )


def clean_mapping(mapping: dict | None) -> dict[str, str]:
    """A column mapping {Netra field: column name}; unknown fields and bad names are refused."""
    cleaned: dict[str, str] = {}
    errors = []
    for name, column in (mapping or {}).items():
        if name not in FIELDS:
            errors.append(_("Kolom Netra tidak dikenal: %(name)s.") % {"name": name})
            continue
        column = str(column or "").strip()
        if not column:
            continue
        if len(column) > 200 or text_problem(column):
            errors.append(_("Nama kolom untuk %(name)s tidak sah.") % {"name": name})
            continue
        cleaned[name] = column
    if errors:
        raise ValidationError({"column_mapping": errors})
    return cleaned


def source_create(
    *,
    user,
    name: str,
    kind: str,
    url: str = "",
    column_mapping: dict | None = None,
    election=None,
    fetch_interval: int = 900,
    host_delay: int | None = None,
) -> Source:
    """A new source of the user's office. Feeds need an http(s) URL; names are unique per office."""
    require_monitor(user)
    errors: dict[str, list[str]] = {}
    name = " ".join((name or "").split())
    if not name or len(name) > 200 or text_problem(name):
        errors["name"] = [_("Nama sumber wajib diisi (paling banyak 200 karakter, tanpa karakter kontrol).")]
    if kind not in (Source.Kind.FEED, Source.Kind.UPLOAD, Source.Kind.PUSH):
        errors["kind"] = [_("Jenis sumber tidak dikenal.")]
    url = (url or "").strip()
    if kind == Source.Kind.FEED:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = [_("Umpan berita memerlukan alamat http(s) yang sah.")]
    else:
        url = ""
    if not FETCH_INTERVAL_MIN <= int(fetch_interval) <= FETCH_INTERVAL_MAX:
        errors["fetch_interval"] = [
            _("Selang pengambilan antara %(low)s dan %(high)s detik.")
            % {"low": FETCH_INTERVAL_MIN, "high": FETCH_INTERVAL_MAX}
        ]
    if host_delay is not None and not 1 <= int(host_delay) <= 3600:
        errors["host_delay"] = [_("Jeda antarpermintaan antara 1 dan 3600 detik.")]
    try:
        mapping = clean_mapping(column_mapping)
    except ValidationError as error:
        errors.update(error.message_dict)
        mapping = {}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            source = Source.objects.create(
                name=name,
                kind=kind,
                office=user.office,
                url=url,
                column_mapping=mapping,
                election=election,
                fetch_interval=int(fetch_interval),
                host_delay=int(host_delay) if host_delay is not None and kind == Source.Kind.FEED else None,
                created_by=user,
            )
            _audit(user, "monitoring.source_create", source, {"name": name, "kind": kind, "url": url})
    except IntegrityError as error:
        raise ValidationError({"name": [_("Kantor Anda sudah memiliki sumber dengan nama ini.")]}) from error
    return source


def push_source_for(user, name: str | None = None) -> Source:
    """The push source a partner's request writes to: the named PUSH source of the user's office
    (PermissionDenied when the name is another kind of source; ``SourceUnknown`` when unknown),
    or the office's default push source, created on first use."""
    require_monitor(user)
    if name:
        source = Source.objects.select_related("office").filter(office=user.office, name=name).first()
        if source is None:
            raise SourceUnknown(name)
        if source.kind != Source.Kind.PUSH:
            raise PermissionDenied(_("Sumber ini bukan sumber API mitra."))
        if not source.is_active:
            raise PermissionDenied(_("Sumber ini tidak aktif."))
        return source
    mine = Source.objects.select_related("office").filter(office=user.office)
    default = mine.filter(name=DEFAULT_PUSH_NAME).first()
    if default is None:
        try:
            return source_create(user=user, name=DEFAULT_PUSH_NAME, kind=Source.Kind.PUSH)
        except ValidationError:  # created meanwhile by a concurrent request
            default = mine.get(name=DEFAULT_PUSH_NAME)
    if default.kind != Source.Kind.PUSH:
        raise PermissionDenied(_("Sumber bawaan API mitra kantor Anda bukan sumber jenis API mitra."))
    return default


def source_upload(
    *,
    user,
    source: Source,
    data: bytes,
    filename: str,
    fmt: str | None = None,
    kind: str = "post",
    dry_run: bool,
) -> IngestResult:
    """A file uploaded into an upload source (a dry run only checks it)."""
    require_source_act(user, source)
    if source.kind != Source.Kind.UPLOAD:
        raise PermissionDenied(_("Berkas hanya dapat diunggah ke sumber jenis unggahan."))
    if kind not in Item.Kind.values:
        raise ValidationError({"kind": [_("Jenis butir tidak dikenal.")]})
    return ingest_file(
        source=source, data=data, filename=filename, fmt=fmt, kind=kind, user=user, dry_run=dry_run
    )
