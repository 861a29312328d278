"""API tokens: created for oneself, shown once, stored as SHA-256, revocable."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import ApiToken
from netra.audit.services import event_record

TOKEN_BYTES = 32
PREFIX_LENGTH = 8
# last_used_at is a hint for the owner, not a log: write it at most this often.
LAST_USED_RESOLUTION_SECONDS = 60


def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the raw value is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama token wajib diisi.")})
    max_length = ApiToken._meta.get_field("name").max_length
    if max_length is not None and len(name) > max_length:
        raise ValidationError({"name": _("Nama token terlalu panjang.")})
    if not (user.is_active and user.office_id):
        raise PermissionDenied(
            _("Hanya petugas aktif yang terhubung ke kantor yang dapat memiliki token API.")
        )
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, token_hash=ApiToken.hash(raw), prefix=raw[:PREFIX_LENGTH]
        )
        event_record(
            actor=user.username,
            action="token.create",
            obj_type="api_token",
            obj_id=token.pk,
            data={"name": name, "prefix": token.prefix},
            office_code=user.office.region_code,
        )
    return token, raw


def token_revoke(*, user, token: ApiToken) -> ApiToken:
    """Revoke one of ``user``'s own tokens (idempotent)."""
    if token.user_id != user.pk:
        raise PermissionDenied(_("Token hanya dapat dicabut oleh pemiliknya."))
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        event_record(
            actor=user.username,
            action="token.revoke",
            obj_type="api_token",
            obj_id=token.pk,
            data={"prefix": token.prefix},
            office_code=user.office.region_code if user.office_id else "",
        )
    return token


def token_touch(*, token: ApiToken) -> None:
    """Note that ``token`` was used now, at most once a minute.

    No audit event: the API request itself is what happened, and one event per request would
    bury the log; ``last_used_at`` only tells the owner whether a token is still in use.
    """
    now = timezone.now()
    last = token.last_used_at
    if last is not None and (now - last).total_seconds() < LAST_USED_RESOLUTION_SECONDS:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
