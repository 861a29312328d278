"""Two-factor authentication with django-otp: a TOTP app plus single-use backup codes.

Writers (``twofactor_*``) and the readers the views need. Codes are checked device by device
through ``django_otp.verify_token`` so each device's throttling applies.
"""

import re
from base64 import b32encode

import django_otp
import qrcode
from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

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


def _replace_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=c) for c in codes])
    return codes


def twofactor_check(*, user, code: str):
    """The confirmed device that accepts ``code`` (an app code or a backup code), or None."""
    code = normalise_code(code)
    if TOTP_PATTERN.match(code):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    elif BACKUP_PATTERN.match(code):
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    else:
        return None
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


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


def twofactor_demo_code(*, user) -> str | None:
    """The current 6-digit code of a demo account's device; None for any other account (a real
    officer's secret never leaves their authenticator app)."""
    device = TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE_NAME, confirmed=True).first()
    if device is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
