"""Two-factor authentication with django-otp: a TOTP app plus single-use backup codes.

The TOTP secret is stored encrypted (``netra.accounts.models.SealedTOTPDevice``); backup codes are
django-otp's static tokens, stored only as a keyed hash (``backup_code_digest``): a database reader
cannot use them, and cannot try the 2^40 possible codes offline without ``SECRET_KEY``.

Writers (``twofactor_*``) and the readers the views need. Codes are checked device by device
through ``django_otp.verify_token`` so each device's throttling applies.
"""

import re
from base64 import b32encode

import django_otp
import qrcode
from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from qrcode.image.svg import SvgPathImage

from netra.accounts.models import SealedTOTPDevice as TOTPDevice
from netra.audit.services import event_record

BACKUP_CODE_COUNT = 10
DEVICE_NAME = "Aplikasi autentikator"
BACKUP_NAME = "Kode cadangan"
TOTP_PATTERN = re.compile(r"^\d{6}$")
BACKUP_PATTERN = re.compile(r"^[a-z2-7]{8}$")


def twofactor_enabled(user) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def twofactor_required(user) -> bool:
    """Whether the user must use 2FA: every staff account (a role, or the admin's superuser) while
    ``NETRA_REQUIRE_2FA`` is on (the default), else the roles in ``NETRA_REQUIRE_2FA_ROLES``."""
    if getattr(settings, "NETRA_REQUIRE_2FA", True) and (user.role or user.is_superuser):
        return True
    return user.role in getattr(settings, "NETRA_REQUIRE_2FA_ROLES", [])


def twofactor_pending_device(*, user) -> TOTPDevice:
    """The unconfirmed TOTP device to show as a QR code, created on first visit and reused.

    A new device holds a fresh shared secret, so its creation is audited like enabling and disabling.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is not None:
        return device
    with transaction.atomic():
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        _audit(user, "user.2fa_setup")
    return device


def device_secret(device: TOTPDevice) -> str:
    """The shared secret in base32, for typing into an app that cannot scan."""
    return b32encode(device.bin_key).decode("ascii")


def device_qr_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the otpauth:// URL."""
    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _audit(user, action: str) -> None:
    event_record(
        actor=user.username,
        action=action,
        obj_type="user",
        obj_id=user.pk,
        office_code=user.office.region_code if user.office_id else "",
    )


def twofactor_confirm(*, user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending device with a current code; returns the new backup codes, or None."""
    code = normalise_code(code)
    if device.user_id != user.pk or device.confirmed or not TOTP_PATTERN.match(code):
        return None
    with transaction.atomic():
        if django_otp.verify_token(user, device.persistent_id, code) is None:
            return None
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.confirmed = True
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _replace_backup_codes(user)
        _audit(user, "user.2fa_enable")
    return codes


BACKUP_SALT = "netra.2fa.backup-code"


def backup_code_digest(user_id: int, code: str, *, secret: str | None = None) -> str:
    """What is stored for a backup code: an HMAC keyed by ``SECRET_KEY`` (kept outside the database),
    bound to its user, cut to 16 base32 characters (80 bits; django-otp's token column is 16 wide)."""
    mac = salted_hmac(BACKUP_SALT, f"{user_id}:{code}", secret=secret, algorithm="sha256").digest()
    return b32encode(mac[:10]).decode("ascii").lower()


def _backup_code_digests(user_id: int, code: str) -> list[str]:
    """The digest under ``SECRET_KEY`` and under each of ``SECRET_KEY_FALLBACKS`` (a rotated key)."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [backup_code_digest(user_id, code, secret=secret) for secret in secrets]


def _replace_backup_codes(user) -> list[str]:
    """New backup codes: shown to the user once, stored only as digests."""
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    digests = [backup_code_digest(user.pk, c) for c in codes]
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=d) for d in digests])
    return codes


def twofactor_check(*, user, code: str):
    """The confirmed device that accepts ``code`` (an app code or a backup code), or None."""
    code = normalise_code(code)
    if TOTP_PATTERN.match(code):
        devices, candidates = TOTPDevice.objects.filter(user=user, confirmed=True), [code]
    elif BACKUP_PATTERN.match(code):
        # django-otp deletes the matching token row: each code works once.
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
        digests = _backup_code_digests(user.pk, code)
        stored = StaticToken.objects.filter(device__in=devices, token__in=digests)
        found = set(stored.values_list("token", flat=True))
        # One attempt per device, so a fallback key costs no extra throttling failure.
        candidates = [d for d in digests if d in found][:1] or digests[:1]
    else:
        return None
    for device in devices:
        for candidate in candidates:
            verified = django_otp.verify_token(user, device.persistent_id, candidate)
            if verified is not None:
                return verified
    return None


def twofactor_login_check(*, user, code: str, request):
    """``twofactor_check`` for the sign-in step. A TOTP secret that does not open (the server has the
    wrong master key) is audited as a failed login (``data.step: "key_unavailable"``) and raised again:
    ``netra.core.views.server_error`` answers it with a 503 page, never a traceback."""
    from netra.accounts.services_signin import signin_failure_record
    from netra.core.crypto import KeyUnavailable

    try:
        return twofactor_check(user=user, code=code)
    except KeyUnavailable:
        signin_failure_record(username=user.get_username(), request=request, step="key_unavailable")
        raise


def twofactor_disable(*, user, code: str) -> bool:
    """Remove every device after checking a current code; False (nothing removed) otherwise."""
    with transaction.atomic():
        if twofactor_check(user=user, code=code) is None:
            return False
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        _audit(user, "user.2fa_disable")
    return True


DEMO_DEVICE_NAME = "Autentikator demo"


def twofactor_demo_enrol(*, user) -> str:
    """Give a demo account a confirmed TOTP device (2FA is required of every staff account) and
    return its secret in base32, so the demo's output can say how to get codes. Idempotent."""
    device = TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE_NAME, confirmed=True).first()
    if device is None:
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, confirmed=True)
            _audit(user, "user.2fa_enable")
    return device_secret(device)


def totp_secrets_rewrap(ring) -> int:
    """Re-wrap every TOTP secret under the ring's newest master key (``netra keys rotate``); the caller
    holds the transaction and records the event. Returns how many changed."""
    changed = 0
    for device in TOTPDevice.objects.select_for_update().order_by("pk"):
        if device.rewrap(ring):
            TOTPDevice.objects.filter(pk=device.pk).update(sealed_key=device.sealed_key)
            changed += 1
    return changed


def totp_secrets_by_master() -> dict[str, int]:
    """How many TOTP secrets each master key wraps (for ``netra keys status``)."""
    from netra.core.crypto import wrapped_key_id

    counts: dict[str, int] = {}
    for sealed in TOTPDevice.objects.values_list("sealed_key", flat=True).iterator():
        counts[wrapped_key_id(sealed)] = counts.get(wrapped_key_id(sealed), 0) + 1
    return counts


def twofactor_demo_code(*, user) -> str | None:
    """The current 6-digit code of a demo account's device; None for any other account (a real
    officer's secret never leaves their authenticator app)."""
    device = TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE_NAME, confirmed=True).first()
    if device is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
