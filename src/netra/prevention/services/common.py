"""Shared checks of the prevention services: who may record, and the audit event."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.scoping import SUPERVISE, can, is_supervisor
from netra.audit.services import event_record
from netra.cases.services.common import actor_name
from netra.prevention.coverage import PREVENTION
from netra.registry.services.counters import counter_bump

# Who records events and pledges: the supervisory office's staff, not its analysts.
RECORDING_ROLES = (Role.PIMPINAN, Role.PENGAWAS, Role.STAF_PENANGANAN, Role.ADMIN)


def require_recorder(user, region) -> None:
    """A supervisory office's recording staff, working inside its territory."""
    if not (is_supervisor(user) and user.has_role(*RECORDING_ROLES)):
        raise PermissionDenied(
            _("Hanya staf kantor Bawaslu/Panwaslu yang dapat mencatat kegiatan pencegahan.")
        )
    if not can(user, region, SUPERVISE):
        raise PermissionDenied(_("Wilayah ini di luar wilayah kantor Anda."))


def require_act(user, obj) -> None:
    """Adding to an event or pledge: recording staff of an office covering its region."""
    if not (user.has_role(*RECORDING_ROLES) and can(user, obj, SUPERVISE)):
        raise PermissionDenied(_("Anda tidak dapat mengubah catatan ini."))


def audit(*, user, action: str, obj, data: dict | None = None) -> None:
    """The write's audit event; also bumps the prevention version stamp (cached coverage is stale)."""
    counter_bump(PREVENTION)
    office = getattr(user, "office", None)
    event_record(
        actor=actor_name(user),
        action=action,
        obj_type=obj._meta.label_lower,
        obj_id=obj.pk,
        data=data,
        office_code=office.region_code if office is not None else "",
    )
