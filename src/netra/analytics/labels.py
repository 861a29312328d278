"""Names people read for the keys statistics group by (region names, violation types, stages...)."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netra.cases.models import Election, Kind, Status, SubjectType
from netra.catalogue.labels import INDICATORS, LEVELS, SANCTION_KINDS
from netra.law import catalogue
from netra.registry.models import Agency, Region

DIMENSION_LABELS = {
    "region": _("Wilayah"),
    "type": _("Jenis pelanggaran"),
    "indicator": _("Indikator"),
    "subject": _("Status kepegawaian"),
    "agency": _("Instansi"),
    "stage": _("Tahap"),
    "source": _("Sumber"),
    "election": _("Pemilu/Pemilihan"),
    "month": _("Bulan diterima"),
    "sanction": _("Sanksi dijatuhkan menurut kelas katalog"),
}
CLASS_LABELS = {**LEVELS, **SANCTION_KINDS, "": _("tanpa kelas katalog")}


def dimension_label(by: str) -> str:
    return str(DIMENSION_LABELS[by])


def _violation_names(codes: list[str]) -> dict[str, str]:
    english = (get_language() or "").startswith("en")
    names = {}
    for code in codes:
        try:
            found = catalogue.get(code)
        except catalogue.UnknownViolation:
            continue
        names[code] = f"{code} · {found.name_en if english else found.name_id}"
    return names


def _region_names(codes: list[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def for_keys(by: str, keys: list[str]) -> dict[str, str]:
    """key -> label for the keys of one dimension (one query at most)."""
    if by == "region":
        return _region_names(keys)
    if by == "type":
        return _violation_names(keys)
    if by == "agency":
        ids = [int(k) for k in keys if k.isdigit()]
        return {str(pk): name for pk, name in Agency.objects.filter(pk__in=ids).values_list("pk", "name")}
    if by == "election":
        ids = [int(k) for k in keys if k.isdigit()]
        return {str(pk): name for pk, name in Election.objects.filter(pk__in=ids).values_list("pk", "name")}
    if by == "sanction":
        return {k: _sanction_label(k) for k in keys}
    choices = {"indicator": INDICATORS, "subject": dict(SubjectType.choices), "stage": dict(Status.choices)}
    choices["source"] = dict(Kind.choices)
    if by in choices:
        return {k: str(choices[by].get(k, k)) for k in keys}
    return {k: k for k in keys}  # month: "2024-02"


def unknown(by: str, key: str) -> str:
    """The label of a key without a name: not yet decided, or a code no longer in the reference."""
    if not key:
        return str(_("Belum ditentukan"))
    return key


def own_level(name: str) -> str:
    """A region's own row among its children: "Kepulauan Riau (tingkat ini)"."""
    return str(_("%(name)s (tingkat ini)") % {"name": name})


def _sanction_label(key: str) -> str:
    expected, _sep, imposed = key.partition("|")
    return str(
        _("katalog: %(expected)s → dijatuhkan: %(imposed)s")
        % {"expected": CLASS_LABELS.get(expected, expected), "imposed": CLASS_LABELS.get(imposed, imposed)}
    )
