"""Official letters: the audit trail of downloads, and each office's kop surat (letterhead)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.accounts.models import Office
from netra.audit.services import event_record
from netra.cases.models import Recommendation
from netra.cases.services.common import audit

LETTERHEAD_FIELDS = (
    "letterhead_name",
    "address",
    "phone",
    "email",
    "website",
    "letter_place",
    "signatory_title",
)
LOGO_MAX_BYTES = 512 * 1024


def letter_download_record(*, user, recommendation: Recommendation, fmt: str) -> None:
    """Record that ``user`` generated the letter of ``recommendation`` as ``fmt`` ("pdf"/"docx")."""
    with transaction.atomic():
        audit(
            user=user,
            action="case.recommendation.letter_download",
            obj=recommendation,
            data={
                "case_id": recommendation.case_id,
                "format": fmt,
                "letter_number": recommendation.letter_number,
            },
        )


def logo_check(data: bytes) -> None:
    """Raise a ValidationError unless ``data`` is a PNG or JPEG logo of at most 512 KB that decodes."""
    from netra.cases.letters import logo_problem

    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": _("Logo paling besar 512 KB.")})
    problem = logo_problem(data)
    if problem == "format":
        raise ValidationError({"logo": _("Logo harus berupa berkas PNG atau JPEG.")})
    if problem == "pixels":
        raise ValidationError({"logo": _("Ukuran logo paling besar 4000 x 4000 piksel.")})
    if problem:
        raise ValidationError({"logo": _("Berkas logo rusak atau tidak dapat dibaca sebagai gambar.")})


def office_letterhead_update(
    *, office: Office, actor: str, logo: bytes | None = None, remove_logo: bool = False, **fields: str
) -> Office:
    """Change the kop surat of ``office``: the text ``fields`` given, and the logo (PNG/JPEG).

    ``logo`` replaces the logo after its content is decoded; ``remove_logo`` clears it. Fields not
    given keep their value. Audited as ``office.letterhead_update`` with the names of what changed
    (nothing changed: nothing saved, nothing audited).
    """
    unknown = set(fields) - set(LETTERHEAD_FIELDS)
    if unknown:
        raise ValueError(f"not letterhead fields: {sorted(unknown)}")
    before = {name: getattr(office, name) for name in fields}
    for name, value in fields.items():
        setattr(office, name, (value or "").strip())
    office.full_clean(exclude=["parent", "region", "agency", "logo"])
    changed = [name for name in fields if getattr(office, name) != before[name]]
    if logo is not None:
        logo_check(logo)
        office.logo = logo
        changed.append("logo")
    elif remove_logo and office.logo:
        office.logo = b""
        changed.append("logo")
    if changed:
        with transaction.atomic():
            office.save(update_fields=changed)
            event_record(
                actor=actor,
                action="office.letterhead_update",
                obj_type="office",
                obj_id=office.pk,
                data={"fields": sorted(changed)},
                office_code=office.region_code,
            )
    return office
