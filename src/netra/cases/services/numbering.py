"""Register numbers (nomor registrasi), e.g. ``001/Reg/LP/PW/Kab/13.06/II/2024`` (domain.md 2.4).

The layout is a template (setting ``NETRA_REGISTER_NUMBER_TEMPLATE``) because no 2024 example was
found in the sources. The sequence is a counter row per office, year and kind, incremented with
``F()`` in the caller's transaction, so two registrations never share a number on either engine.
"""

from django.conf import settings
from django.db.models import F

from netra.accounts.models import Office
from netra.cases.law import local_date
from netra.cases.models import Kind, RegisterCounter

DEFAULT_TEMPLATE = "{seq:03d}/Reg/{kind}/{regime}/{level}/{region}/{month}/{year}"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
KIND_CODE = {Kind.LAPORAN: "LP", Kind.TEMUAN: "TM"}
REGIME_CODE = {"pemilu": "PL", "pemilihan": "PW"}
LEVEL_CODE = {
    Office.Kind.BAWASLU_RI: "RI",
    Office.Kind.BAWASLU_PROVINSI: "Prov",
    Office.Kind.BAWASLU_KABKOTA: "Kab",
    Office.Kind.PANWASLU_KECAMATAN: "Kec",
}


def _next_sequence(office, year: int, kind: str) -> int:
    counter, _created = RegisterCounter.objects.get_or_create(office=office, year=year, kind=kind)
    RegisterCounter.objects.filter(pk=counter.pk).update(value=F("value") + 1)
    counter.refresh_from_db(fields=["value"])
    return counter.value


def register_number_issue(case, at) -> str:
    """The next register number of the case's office for the year of ``at`` (local time)."""
    day = local_date(at, case.region_code)
    office = case.office
    template = getattr(settings, "NETRA_REGISTER_NUMBER_TEMPLATE", DEFAULT_TEMPLATE)
    return template.format(
        seq=_next_sequence(office, day.year, case.kind),
        kind=KIND_CODE.get(case.kind, "LP"),
        regime=REGIME_CODE.get(case.election.regime if case.election_id else "", "PL"),
        level=LEVEL_CODE.get(office.kind, "Kab"),
        region=office.region_code or "00.00",
        month=ROMAN[day.month - 1],
        year=day.year,
    )
