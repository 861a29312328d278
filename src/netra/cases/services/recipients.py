"""Who a recommendation goes to (from netra.law.referral) and which BKN/PPK office may act on it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netra.accounts.scoping import FOLLOW_UP, restrict
from netra.cases.models import SubjectType
from netra.cases.services.lawbridge import Routing, route

# Recipient labels that mean "the employee's personnel authority" (PPK, or the kepala daerah who is
# the PPK of regional staff and the employer of PPNPN) as opposed to BKN, KASN or Gakkumdu.
_PPK_MARKERS = ("PPK", "KEPALA_DAERAH", "KEPALA DAERAH", "BUPATI", "WALIKOTA", "WALI KOTA", "GUBERNUR")


def _mentions(labels, markers) -> bool:
    return any(marker in str(label).upper() for label in labels for marker in markers)


def route_for(case, terlapor, forwarded) -> Routing:
    if case.election_id is None:
        raise ValidationError(
            {"election": _("Kasus tidak terkait pemilihan; penerima tidak dapat ditentukan.")}
        )
    if terlapor.subject_type == SubjectType.LAINNYA:
        raise ValidationError(
            {
                "terlapor": _(
                    "Status kepegawaian terlapor %(name)s belum ditentukan (PNS, PPPK, PPNPN, kepala desa, "
                    "perangkat desa); lengkapi dulu agar penerima rekomendasi dapat ditentukan."
                )
                % {"name": terlapor.name}
            }
        )
    return route(
        subject=terlapor.subject_type,
        regime=case.election.regime,
        forwarded=forwarded,
        violation=case.violation_code or None,
    )


def recommendation_fields(routing: Routing) -> dict:
    everyone = [*routing.recipients, *routing.copies]
    return {
        "recipients": routing.recipients,
        "copies": routing.copies,
        "reasons": routing.reasons,
        "to_bkn": _mentions(everyone, ("BKN",)),
        "to_ppk": _mentions(everyone, _PPK_MARKERS),
    }


def recommendation_for(user, case):
    """The recommendation of ``case`` that the user's office (BKN or a PPK) answers with a follow-up."""
    found = restrict(case.recommendations.all(), user, FOLLOW_UP).first()
    if found is None:
        raise ValidationError(_("Tidak ada rekomendasi untuk kantor Anda pada kasus ini."))
    return found
