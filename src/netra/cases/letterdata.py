"""Builds the plain ``netra.cases.letters.Letter`` of a recommendation the caller may already see.

Callers go through ``selectors.recommendation_letter_for``, which applies role and jurisdiction. The
reporter's identity is never read into the letter, and is struck from the facts if the reporter
wrote it into the description.
"""

import re

from netra.cases.letters import Letter, Terlapor, Violation
from netra.cases.models import Case, Recommendation, Reporter
from netra.cases.services.lawbridge import local_date, violation_for_letter

# How a letter addresses each referral party of netra.law.referral (unknown keys print as they are).
_ADDRESSEES = {
    "BKN": "Kepala Badan Kepegawaian Negara",
    "KASN": "Ketua Komisi Aparatur Sipil Negara",
    "bupati_walikota": "Bupati/Wali Kota",
    "kepala_daerah": "Kepala Daerah",
    "gakkumdu": "Sentra Penegakan Hukum Terpadu",
}
_REDACTED = "[identitas pelapor]"
_CONFIDENCE_MARK = re.compile(r"\s*\[[A-Z]\](?![A-Za-z])")  # Netra's own source-confidence marks
_PLACE_PREFIX = re.compile(r"^(kabupaten|kab\.|kota|provinsi)\s+", re.IGNORECASE)


def _agency(terlapor) -> str:
    if terlapor is None:
        return ""
    return terlapor.agency_name or (terlapor.agency.name if terlapor.agency_id else "")


def _addressee(key: str, agency: str) -> str:
    if key == "PPK":
        return f"Pejabat Pembina Kepegawaian {agency}".strip()
    return _ADDRESSEES.get(key, key)


def _redact(text: str, reporter: Reporter | None) -> str:
    """``text`` with the reporter's name, NIK, phone and e-mail replaced (case-insensitive)."""
    if reporter is None:
        return text
    for value in (reporter.name, reporter.nik, reporter.phone, reporter.email):
        if value and len(value.strip()) >= 3:
            text = re.sub(re.escape(value.strip()), _REDACTED, text, flags=re.IGNORECASE)
    return text


def _terlapor(rec: Recommendation) -> Terlapor:
    t = rec.terlapor
    if t is None:
        return Terlapor(name="-")
    return Terlapor(name=t.name, nip=t.nip, position=t.position, agency=_agency(t))


def _violations(case: Case) -> tuple[Violation, ...]:
    decision = getattr(case, "decision", None)
    code = case.violation_code or (decision.violation_code if decision else "")
    found = violation_for_letter(code) if code else None
    return (Violation(name=found[0], citations=tuple(_plain(c) for c in found[1])),) if found else ()


def _plain(citation: str) -> str:
    """A citation as a letter writes it: without the confidence marks Netra shows its own staff."""
    return _CONFIDENCE_MARK.sub("", citation).strip()


def _recommendation_text(recipients: list[str], office: str) -> str:
    return (
        f"Berdasarkan uraian di atas, kami meneruskan rekomendasi kepada {', '.join(recipients)} "
        "untuk menindaklanjuti dugaan pelanggaran netralitas oleh terlapor sesuai dengan ketentuan "
        f"peraturan perundang-undangan dan menyampaikan hasil tindak lanjutnya kepada {office}."
    )


def _signatory(rec: Recommendation) -> str:
    user = rec.created_by
    return (user.get_full_name() or user.get_username()) if user else "-"


def letter_build(rec: Recommendation) -> Letter:
    case, office = rec.case, rec.case.office
    agency = _agency(rec.terlapor)
    recipients = [_addressee(key, agency) for key in rec.recipients]
    reporter = Reporter.objects.filter(case=case).first()
    return Letter(
        number=rec.letter_number,
        date=local_date(rec.forwarded_at, case.region_code),
        place=_PLACE_PREFIX.sub("", office.region.name) if office.region_id else "Jakarta",
        office_name=office.name,
        recipients=tuple(recipients),
        copies=tuple(_addressee(key, agency) for key in rec.copies),
        terlapor=_terlapor(rec),
        register_number=case.register_number or "-",
        facts=_redact(case.description, reporter),
        violations=_violations(case),
        reasons=tuple(_plain(_redact(str(r), reporter)) for r in rec.reasons),
        recommendation=_recommendation_text(recipients, office.name),
        signatory_name=_signatory(rec),
        signatory_role=f"Pimpinan {office.name}",
    )
