"""Watched accounts: an office registers a social-media account linked to the roster record of the
ASN who owns it; posts of that account are then tied to that person. Every write is audited."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.scoping import SUPERVISE, VIEW, can, is_supervisor, restrict
from netra.audit.services import event_record
from netra.core.inputs import text_problem
from netra.monitoring.models import Item, WatchedAccount
from netra.registry.models import Pegawai

WATCH_ROLES = (Role.PIMPINAN, Role.PENGAWAS, Role.STAF_PENANGANAN)
_HANDLE = re.compile(r"^[a-z0-9._\-]{1,200}$")
_PLATFORM = re.compile(r"^[a-z0-9._\-]{1,40}$")


def audit(*, user, action: str, obj, data: dict | None = None) -> None:
    """One audit event for a monitoring write (inside the caller's transaction)."""
    event_record(
        actor=user.get_username(),
        action=action,
        obj_type=obj._meta.label_lower,
        obj_id=obj.pk,
        data=data,
        office_code=user.office.region_code if user.office else "",
    )


def require_watcher(user) -> None:
    if not (is_supervisor(user) and user.has_role(*WATCH_ROLES)):
        raise PermissionDenied(_("Hanya petugas pengawas yang dapat mengelola akun dipantau."))


def handle_clean(handle: str) -> str:
    """Lower case, without a leading "@" or a profile URL's prefix; ValidationError when unusable."""
    value = str(handle or "").strip()
    if text_problem(value):
        raise ValidationError({"handle": _("Nama akun berisi karakter yang tidak diizinkan.")})
    value = value.rstrip("/").rsplit("/", 1)[-1] if "/" in value else value
    value = value.lstrip("@").lower()
    if not _HANDLE.match(value):
        raise ValidationError({"handle": _("Nama akun hanya boleh berisi huruf, angka, titik, garis bawah.")})
    return value


def platform_clean(platform: str) -> str:
    value = str(platform or "").strip().lower()
    if not _PLATFORM.match(value):
        raise ValidationError({"platform": _("Pilih platform media sosial.")})
    return value


def _pegawai(user, pegawai) -> Pegawai | None:
    if pegawai is None:
        return None
    pk = pegawai.pk if isinstance(pegawai, Pegawai) else pegawai
    found = restrict(Pegawai.objects.filter(pk=pk), user, VIEW).first()
    if found is None:
        raise ValidationError({"pegawai": _("Pegawai tidak ditemukan di roster wilayah Anda.")})
    return found


def _link_items(account: WatchedAccount) -> int:
    """Tie the account's posts already received (and not yet tied) to it."""
    return Item.objects.filter(
        platform=account.platform, author_handle__iexact=account.handle, watched_account__isnull=True
    ).update(watched_account=account)


def _watched_ensure(
    *, user, platform: str, handle: str, pegawai=None, note: str = ""
) -> tuple[WatchedAccount, bool]:
    """The watched account for (platform, handle), created for the user's office when missing, and
    linked to ``pegawai`` when given (an account another office watches is refused with its name).
    Returns (account, created)."""
    require_watcher(user)
    platform, handle = platform_clean(platform), handle_clean(handle)
    person = _pegawai(user, pegawai)
    if len(note) > 2000 or text_problem(note, multiline=True):
        raise ValidationError({"note": _("Catatan terlalu panjang atau berisi karakter tidak diizinkan.")})
    account = WatchedAccount.objects.select_for_update().filter(platform=platform, handle=handle).first()
    if account is not None:
        if not can(user, account, SUPERVISE):
            raise ValidationError(
                {"handle": _("Akun ini sudah dipantau oleh %(office)s.") % {"office": account.office.name}}
            )
        if person is not None and account.pegawai_id != person.pk:
            account.pegawai = person
            account.save(update_fields=["pegawai"])
            audit(user=user, action="monitoring.watched.link", obj=account, data={"pegawai_id": person.pk})
        return account, False
    try:
        with transaction.atomic():
            account = WatchedAccount.objects.create(
                platform=platform,
                handle=handle,
                pegawai=person,
                office=user.office,
                note=note.strip(),
                created_by=user,
            )
    except IntegrityError:  # registered by someone else a moment ago
        raise ValidationError({"handle": _("Akun ini baru saja didaftarkan; muat ulang halaman.")}) from None
    linked = _link_items(account)
    audit(
        user=user,
        action="monitoring.watched.add",
        obj=account,
        data={
            "platform": platform,
            "handle": handle,
            "pegawai_id": person.pk if person else None,
            "items": linked,
        },
    )
    return account, True


def watched_ensure(
    *, user, platform: str, handle: str, pegawai=None, note: str = ""
) -> tuple[WatchedAccount, bool]:
    """The watched account for (platform, handle), created for the user's office when missing, and
    linked to ``pegawai`` when given (an account another office watches is refused with its name).
    Returns (account, created); one transaction (or a savepoint of the caller's)."""
    with transaction.atomic():
        return _watched_ensure(user=user, platform=platform, handle=handle, pegawai=pegawai, note=note)


def watched_add(*, user, platform: str, handle: str, pegawai=None, note: str = "") -> WatchedAccount:
    """Register an account for the user's office (refused when it is already watched)."""
    with transaction.atomic():
        account, created = watched_ensure(
            user=user, platform=platform, handle=handle, pegawai=pegawai, note=note
        )
        if not created:
            raise ValidationError({"handle": _("Akun ini sudah ada dalam daftar akun dipantau.")})
    return account


def watched_remove(*, user, account: WatchedAccount) -> None:
    """Stop watching: the account's items keep their text but lose the link."""
    require_watcher(user)
    if not can(user, account, SUPERVISE):
        raise PermissionDenied(_("Akun ini di luar wilayah pengawasan Anda."))
    with transaction.atomic():
        data = {"platform": account.platform, "handle": account.handle, "pegawai_id": account.pegawai_id}
        audit(user=user, action="monitoring.watched.remove", obj=account, data=data)
        Item.objects.filter(watched_account=account).update(watched_account=None)
        account.delete()
