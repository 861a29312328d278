"""Creating staff users."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.accounts.models import Office, Role, User
from netra.audit.services import event_record


def _validate_identity(username: str, office, role: str) -> None:
    if not username:
        raise ValidationError({"username": _("Nama pengguna wajib diisi.")})
    if User.objects.filter(username__iexact=username).exists():
        message = _("Nama pengguna %(username)s sudah dipakai.") % {"username": username}
        raise ValidationError({"username": message})
    if not isinstance(office, Office) or office.pk is None:
        raise ValidationError({"office": _("Kantor wajib dipilih.")})
    if role not in Role.values:
        raise ValidationError(
            {
                "role": _("Peran %(role)s tidak dikenal; pilihan: %(choices)s.")
                % {"role": role, "choices": ", ".join(Role.values)}
            }
        )


def user_create(
    *,
    username: str,
    password: str,
    office: Office,
    role: str,
    email: str = "",
    full_name: str = "",
    actor: str = "system",
) -> User:
    """A staff member of ``office``; the password must pass the configured validators.

    ``full_name`` is kept in ``first_name`` (Indonesian names do not split into first/last).
    """
    username = (username or "").strip()
    _validate_identity(username, office, role)
    user = User(
        username=username,
        email=(email or "").strip(),
        first_name=(full_name or "").strip(),
        office=office,
        role=role,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        event_record(
            actor=actor,
            action="user.create",
            obj_type="user",
            obj_id=user.pk,
            data={"username": user.username, "role": role, "office": office.name},
            office_code=office.region_code,
        )
    return user
