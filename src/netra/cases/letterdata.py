"""Builds the plain ``netra.cases.letters.Letter`` of a recommendation the caller may already see.

Callers go through ``selectors.recommendation_letter_for``, which applies role and jurisdiction.
What the letter states comes from the office's records, never from the citizen's report: the facts
are the officer's summary in the latest kajian, the terlapor is the roster entry (or the agency
record) linked to the case, and the legal basis is the formal citations of ``netra.law``. The
reporter's identity is never read into the letter, and is struck from any text that repeats it.
"""

import re

from netra.cases.law import local_date
from netra.cases.letters import Letter, Letterhead, Terlapor
from netra.cases.letters.citations import formal_list
from netra.cases.models import Case, Kajian, Observation, Recommendation, Reporter
from netra.cases.sealing import ReporterIdentity, identity_open

# How a letter addresses each referral party of netra.law.referral (unknown keys print as they are).
_ADDRESSEES = {
    "BKN": "Kepala Badan Kepegawaian Negara",
    "KASN": "Ketua Komisi Aparatur Sipil Negara",
    "bupati_walikota": "Bupati/Wali Kota",
    "kepala_daerah": "Kepala Daerah",
    "gakkumdu": "Sentra Penegakan Hukum Terpadu",
    "kepala_desa": "Kepala Desa",
    "camat": "Camat",
    "KEMENPANRB": "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
}
_REDACTED = "[identitas pelapor]"
_PLACE_PREFIX = re.compile(r"^(kabupaten|kab\.|kota|provinsi)\s+", re.IGNORECASE)
# "Bawaslu Kabupaten Bintan" -> kop lines "Badan Pengawas Pemilihan Umum" / "Kabupaten Bintan".
_KOP_NAMES = {"Bawaslu": "Badan Pengawas Pemilihan Umum", "Panwaslu": "Panitia Pengawas Pemilihan Umum"}


def kop_lines(office) -> tuple[str, ...]:
    """The office's kop lines: as configured, else its name with the institution spelled out."""
    configured = tuple(line.strip() for line in office.letterhead_name.splitlines() if line.strip())
    if configured:
        return configured
    first, _space, rest = office.name.partition(" ")
    if first in _KOP_NAMES and rest:
        return (_KOP_NAMES[first], "Republik Indonesia" if rest == "RI" else rest)
    return (office.name,)


def letterhead_for(office) -> Letterhead:
    return Letterhead(
        lines=kop_lines(office),
        address=office.address,
        phone=office.phone,
        email=office.email,
        website=office.website,
        logo=bytes(office.logo or b""),
    )


def _signatory_role(office) -> str:
    return office.signatory_title.strip() or "Ketua " + " ".join(kop_lines(office))


def _place(office) -> str:
    if office.letter_place.strip():
        return office.letter_place.strip()
    return _PLACE_PREFIX.sub("", office.region.name) if office.region_id else "Jakarta"


def _root(agency):
    """The instansi an agency unit belongs to (a Dinas -> its Pemerintah Kabupaten)."""
    depth = 0
    while agency is not None and agency.parent_id and depth < 4:
        agency, depth = agency.parent, depth + 1
    return agency


def _agency_text(agency) -> str:
    """``Dinas Pendidikan Kabupaten Bintan, Pemerintah Kabupaten Bintan``: the unit and its instansi."""
    root = _root(agency)
    if root is None or root.pk == agency.pk or root.name in agency.name:
        return agency.name
    return f"{agency.name}, {root.name}"


def _recorded_agency(terlapor):
    """The agency record of the terlapor: the roster's unit or agency, else the linked agency."""
    if terlapor is None:
        return None
    pegawai = terlapor.pegawai
    if pegawai is not None:
        return pegawai.unit or pegawai.agency
    return terlapor.agency


def _terlapor(rec: Recommendation, prevention: tuple[str, ...] = ()) -> Terlapor:
    t = rec.terlapor
    if t is None:
        return Terlapor(name="-")
    agency = _recorded_agency(t)
    agency_text = _agency_text(agency) if agency is not None else t.agency_name
    p = t.pegawai
    if p is not None:
        return Terlapor(
            name=p.full_name,
            nip=p.nip or t.nip,
            position=p.position or t.position,
            agency=agency_text,
            prevention=prevention,
        )
    return Terlapor(name=t.name, nip=t.nip, position=t.position, agency=agency_text, prevention=prevention)


def _ppk_instansi(terlapor) -> str:
    agency = _root(_recorded_agency(terlapor))
    if agency is not None:
        return agency.name
    return terlapor.agency_name if terlapor is not None else ""


def addressee_known(key: str) -> bool:
    """Whether a routing key has the words a letter addresses it by (not the raw key)."""
    return key == "PPK" or key in _ADDRESSEES


def _addressee(key: str, instansi: str) -> str:
    if key == "PPK":
        return f"Pejabat Pembina Kepegawaian {instansi}".strip()
    return _ADDRESSEES.get(key, key)


def _redact(text: str, reporter: ReporterIdentity | None) -> str:
    """``text`` with the reporter's name, NIK, phone and e-mail replaced (case-insensitive)."""
    if reporter is None:
        return text
    for value in (reporter.name, reporter.nik, reporter.phone, reporter.email):
        if value and len(value.strip()) >= 3:
            text = re.sub(re.escape(value.strip()), _REDACTED, text, flags=re.IGNORECASE)
    return text


def _kajian_facts(kajian: Kajian) -> str:
    # A kajian written before "uraian singkat fakta" became a field has only the officer's analysis.
    return kajian.facts.strip() or kajian.analysis


def _facts(case: Case) -> str:
    """The officer's summary of the facts: the latest kajian dugaan, else the supervisor's own record
    of a finding (hasil pengawasan), else the decision's reasoning. Never the case description: a
    laporan's is the citizen's text, and a temuan adopted from a tip carries the tip's text."""
    kajian = case.kajian.filter(stage=Kajian.Stage.DUGAAN).order_by("-created_at", "-pk").first()
    if kajian is not None:
        return _kajian_facts(kajian)
    observation = Observation.objects.filter(case=case).first()
    if observation is not None:
        return observation.what
    decision = getattr(case, "decision", None)
    return decision.reasoning if decision else ""


def _violation(case: Case) -> tuple[str, tuple[str, ...]]:
    from netra.law import catalogue

    decision = getattr(case, "decision", None)
    code = case.violation_code or (decision.violation_code if decision else "")
    try:
        vt = catalogue.get(code) if code else None
    except (KeyError, LookupError, ValueError):
        vt = None
    if vt is None:
        return "", ()
    name = vt.name_id[:1].lower() + vt.name_id[1:] if vt.name_id[1:2].islower() else vt.name_id
    return name, formal_list(vt.citations)


def _referral_basis(rec: Recommendation) -> tuple[str, ...]:
    """Formal citations of the routes that sent this letter to its addressees."""
    from netra.law import referral
    from netra.law.sources import LawError

    case, terlapor = rec.case, rec.terlapor
    if terlapor is None or case.election is None:
        return ()
    try:
        found = referral.refer(
            subject=terlapor.subject_type,
            regime=case.election.regime,
            forwarded=local_date(rec.forwarded_at, case.region_code),
            violation=case.violation_code or None,
        )
    except (LawError, KeyError, LookupError, ValueError):
        return ()
    parties = {*rec.recipients, *rec.copies}
    return formal_list(c for route in found.routes if route.party in parties for c in route.citations)


def _recommendation_text(recipients: list[str], office: str) -> str:
    return (
        f"Berdasarkan uraian di atas, kami meneruskan rekomendasi kepada {', '.join(recipients)} "
        "untuk menindaklanjuti dugaan pelanggaran netralitas oleh terlapor sesuai dengan ketentuan "
        f"peraturan perundang-undangan dan menyampaikan hasil tindak lanjutnya kepada {office}."
    )


def _signatory(rec: Recommendation) -> str:
    user = rec.created_by
    return (user.get_full_name() or user.get_username()) if user else "-"


def letter_build(rec: Recommendation, *, prevention: tuple[str, ...] = ()) -> Letter:
    """The letter's data; ``prevention`` lists the terlapor's pledges and socialisations this election
    (``selectors.terlapor_prevention_for``, which the calling selector has scoped)."""
    case, office = rec.case, rec.case.office
    instansi = _ppk_instansi(rec.terlapor)
    recipients = [_addressee(key, instansi) for key in rec.recipients]
    stored = Reporter.objects.filter(case=case).first()
    # Opened only to strike the identity from the letter's text; it is never written into the letter.
    reporter = identity_open(stored) if stored is not None else None
    violation, violation_basis = _violation(case)
    return Letter(
        number=rec.letter_number,
        date=local_date(rec.forwarded_at, case.region_code),
        place=_place(office),
        letterhead=letterhead_for(office),
        office_name=office.name,
        recipients=tuple(recipients),
        copies=tuple(_addressee(key, instansi) for key in rec.copies),
        terlapor=_terlapor(rec, prevention),
        register_number=case.register_number or "-",
        facts=_redact(_facts(case), reporter) or "-",
        violation=violation,
        violation_basis=violation_basis,
        referral_basis=_referral_basis(rec),
        recommendation=_recommendation_text(recipients, office.name),
        signatory_name=_signatory(rec),
        signatory_role=_signatory_role(office),
    )
