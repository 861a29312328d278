"""The letter kinds: for each, its numbering series, its subject, the wording an office may change
(opening and closing paragraphs, with the placeholders it may use) and the builder that reads the
office's records into a ``netra.cases.letters.notice.Notice``.

The surat penerusan rekomendasi is the registry's first kind; it keeps its own builder
(``letterdata.letter_build``) and templates (``letter.typ``/``letter.docx``), and its number is the
one the pimpinan types when forwarding. Every other kind is numbered by Netra
(``services.letterissue.letter_number_issue``) and rendered from ``notice.typ``/``notice.docx``.
What the law fixes (the legal basis, the facts, the dates and the numbering) is written here and
cannot be edited by an office.
"""

import string
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

# A module reference, not names: letterdata loads netra.cases.services, which issues letters.
from netra.cases import letterdata
from netra.cases.law import local_date
from netra.cases.letters.citations import instrument_title
from netra.cases.letters.data import date_id
from netra.cases.letters.notice import Notice
from netra.cases.models import Case, Clarification, LetterKind, Recommendation, Regime
from netra.cases.sealing import clarification_opened
from netra.law.timezones import zoneinfo_for
from netra.text.dates import format_date

# Peraturan BKN 1/2023 is not in netra.law's data (it sets no deadline or route); its title as
# domain.md section 1.7 verified it.
BKN_BLOCKING_REGULATION = (
    "Peraturan Badan Kepegawaian Negara Nomor 1 Tahun 2023 tentang Pemblokiran Data Kepegawaian "
    "dan/atau Layanan Kepegawaian pada Sistem Informasi ASN"
)
_HANDLING_REGULATION: dict[str, str] = {
    Regime.PEMILU: "Perbawaslu 7/2022",
    Regime.PEMILIHAN: "Perbawaslu 9/2024",
}
_ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


@dataclass
class LetterFacts:
    """What one letter is about: the case, and the recommendation or clarification it concerns."""

    case: Case
    issued_on: date
    number: str = ""
    recommendation: Recommendation | None = None
    clarification: Clarification | None = None
    # Escalations: the letters issued before this one (kind -> IssuedLetter) and the clock's dates.
    earlier: dict = field(default_factory=dict)
    due_on: date | None = None
    next_due_on: date | None = None


@dataclass(frozen=True)
class KindSpec:
    kind: str
    series: str  # the numbering series in the letter number (Netra's codes: domain.md 2.4 found none)
    subject: str
    opening: str  # default opening paragraph; ``{placeholders}`` from ``placeholders``
    closing: str
    placeholders: tuple[str, ...]
    build: Callable[["KindSpec", LetterFacts, dict], Notice] | None = None


CLOSING = "Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih."
_COMMON = ("kantor", "nomor_registrasi")
_ESCALATION = (*_COMMON, "nomor_rekomendasi", "tanggal_rekomendasi", "terlapor", "target_layanan")


def placeholders_in(text: str) -> set[str]:
    """The ``{name}`` fields of ``text``; ValueError when braces do not pair or a field has a format."""
    found = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(name)
        found.add(name)
    return found


def fill(text: str, values: dict) -> str:
    return text.format(**{name: values.get(name, "") for name in placeholders_in(text)})


def _time_text(moment: datetime, region_code: str) -> str:
    zone = zoneinfo_for(region_code)
    local = moment.astimezone(zone)
    return f"{local:%H.%M} {_ZONE_NAMES.get(str(zone), '')}".strip()


def _handling_basis(case: Case) -> tuple[str, ...]:
    election = case.election
    short = _HANDLING_REGULATION.get(election.regime) if election is not None else None
    return (instrument_title(short),) if short else ()


def _head(spec: KindSpec, facts: LetterFacts, wording: dict, values: dict, **parts) -> Notice:
    office = facts.case.office
    default_signer = parts.pop("signatory_name", "-")
    return Notice(
        number=facts.number,
        date=facts.issued_on,
        place=letterdata._place(office),
        letterhead=letterdata.letterhead_for(office),
        subject=spec.subject,
        opening=fill(wording.get("opening") or spec.opening, values),
        closing=fill(wording.get("closing") or spec.closing, values),
        signatory_name=wording.get("signatory_name") or default_signer,
        signatory_role=wording.get("signatory_title") or letterdata._signatory_role(office),
        **parts,
    )


def _common_values(facts: LetterFacts) -> dict:
    case = facts.case
    return {"kantor": case.office.name, "nomor_registrasi": case.register_number or "-"}


def _build_invitation(spec: KindSpec, facts: LetterFacts, wording: dict) -> Notice:
    item = facts.clarification
    assert item is not None
    if not item.person_name:  # the officer issuing the invitation sees the invitee's name
        clarification_opened(item)
    case = facts.case
    values = {**_common_values(facts), "nama": item.person_name, "pihak": item.get_party_display().lower()}
    day = local_date(item.scheduled_at, case.region_code)
    return _head(
        spec,
        facts,
        wording,
        values,
        recipients=(f"Sdr. {item.person_name}",),
        particulars=(
            ("Hari, tanggal", format_date(day, weekday=True)),
            ("Waktu", _time_text(item.scheduled_at, case.region_code)),
            ("Tempat", item.place),
            ("Keperluan", f"Klarifikasi sebagai {values['pihak']}"),
        ),
        points=(
            "Saudara diminta membawa kartu identitas serta dokumen atau bukti lain yang berkaitan.",
            f"Konfirmasi kehadiran dapat disampaikan kepada {case.office.name}.",
        ),
        basis_intro="Undangan ini disampaikan berdasarkan:",
        basis=_handling_basis(case),
        signatory_name=_signer(case),
    )


_STATUS_TEXT = {
    "diregistrasi": "Laporan diregistrasi dan ditangani lebih lanjut.",
    "tidak_diregistrasi": "Laporan tidak diregistrasi.",
    "diteruskan": "Laporan diteruskan kepada pengawas yang berwenang.",
    "klarifikasi": "Laporan dalam proses klarifikasi.",
    "kajian": "Laporan dalam proses kajian.",
    "diputus": "Laporan terbukti sebagai pelanggaran netralitas.",
    "selesai": "Penanganan laporan selesai.",
    "rekomendasi_diteruskan": "Rekomendasi diteruskan kepada instansi yang berwenang.",
    "tindak_lanjut": "Rekomendasi telah ditindaklanjuti oleh instansi yang berwenang.",
}


def _build_status(spec: KindSpec, facts: LetterFacts, wording: dict) -> Notice:
    case = facts.case
    values = _common_values(facts)
    received = local_date(case.received_at, case.region_code)
    from netra.cases.receipts import receipt_code_masked

    # The notice board is public: the receipt code's last four symbols identify the report to its
    # reporter (the whole code is their key to tracking), never a name.
    return _head(
        spec,
        facts,
        wording,
        values,
        recipients=(f"Pelapor dan masyarakat, melalui papan pengumuman {case.office.name}",),
        particulars=(
            ("Kode tanda terima (4 karakter terakhir)", receipt_code_masked(case.receipt_code)),
            ("Nomor registrasi", case.register_number or "-"),
            ("Tanggal diterima", date_id(received)),
            ("Status", case.get_status_display()),
            ("Keterangan", _STATUS_TEXT.get(case.status, case.get_status_display())),
        ),
        basis_intro="Pemberitahuan ini disampaikan berdasarkan:",
        basis=_handling_basis(case),
        signatory_name=_signer(case),
    )


def _signer(case: Case) -> str:
    """The pimpinan who forwarded the case's recommendation, else the office's (first) pimpinan; an
    office that names its signer in its template overrides both."""
    from netra.accounts.models import Role, User

    rec = case.recommendations.select_related("created_by").first()
    user = rec.created_by if rec else None
    if user is None:
        user = (
            User.objects.filter(office=case.office, role=Role.PIMPINAN, is_active=True).order_by("pk").first()
        )
    return (user.get_full_name() or user.get_username()) if user else "-"


def _rec_values(facts: LetterFacts) -> dict:
    rec = facts.recommendation
    assert rec is not None
    terlapor = letterdata._terlapor(rec)
    return {
        **_common_values(facts),
        "nomor_rekomendasi": rec.letter_number,
        "tanggal_rekomendasi": date_id(
            local_date(rec.handed_over_at or rec.forwarded_at, facts.case.region_code)
        ),
        "terlapor": f"{terlapor.name}" + (f" (NIP {terlapor.nip})" if terlapor.nip else ""),
        "target_layanan": date_id(facts.due_on) if facts.due_on else "-",
    }


def _escalation_parties(rec: Recommendation) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(addressees, copies) of a request or reprimand: the PPK, who imposes the sanction, when the
    forwarding named it (as recipient or copy), the other recipients (BKN...) in copy; else the
    recipients of the forwarding (a kepala daerah for a PPNPN)."""
    instansi = letterdata._ppk_instansi(rec.terlapor)
    named = [*rec.recipients, *rec.copies]
    to = ["PPK"] if "PPK" in named else list(rec.recipients)
    copies = [key for key in rec.recipients if key not in to]
    return (
        tuple(letterdata._addressee(key, instansi) for key in to),
        tuple(letterdata._addressee(key, instansi) for key in copies),
    )


def _rec_basis(rec: Recommendation) -> tuple[str, ...]:
    _name, violation_basis = letterdata._violation(rec.case)
    return tuple(dict.fromkeys((*violation_basis, *letterdata._referral_basis(rec))))


def _service_target_point(facts: LetterFacts) -> str:
    return (
        f"Batas waktu dalam surat ini adalah target layanan {facts.case.office.name} untuk tindak lanjut "
        "rekomendasi, bukan batas waktu yang ditetapkan peraturan perundang-undangan."
    )


def _build_request(spec: KindSpec, facts: LetterFacts, wording: dict) -> Notice:
    rec = facts.recommendation
    assert rec is not None
    due = date_id(facts.next_due_on) if facts.next_due_on else "-"
    return _head(
        spec,
        facts,
        wording,
        _rec_values(facts),
        recipients=_escalation_parties(rec)[0],
        copies=_escalation_parties(rec)[1],
        points=(
            "Kami meminta Saudara menindaklanjuti rekomendasi tersebut sesuai ketentuan peraturan "
            "perundang-undangan dan menyampaikan hasilnya, berupa salinan keputusan penjatuhan hukuman "
            f"disiplin atau alasan tidak dijatuhkannya hukuman, kepada {facts.case.office.name} paling "
            f"lambat tanggal {due}.",
            _service_target_point(facts),
        ),
        basis_intro="Rekomendasi tersebut berdasarkan:",
        basis=_rec_basis(rec),
        signatory_name=_rec_signer(rec),
    )


def _earlier_text(facts: LetterFacts, kind: str) -> str:
    letter = facts.earlier.get(kind)
    return f"Nomor {letter.number} tanggal {date_id(letter.issued_on)}" if letter else "-"


def _build_reprimand(spec: KindSpec, facts: LetterFacts, wording: dict) -> Notice:
    rec = facts.recommendation
    assert rec is not None
    values = {
        **_rec_values(facts),
        "surat_permintaan": _earlier_text(facts, LetterKind.PERMINTAAN_TINDAK_LANJUT),
    }
    return _head(
        spec,
        facts,
        wording,
        values,
        recipients=_escalation_parties(rec)[0],
        copies=tuple(dict.fromkeys((*_escalation_parties(rec)[1], "Kepala Badan Kepegawaian Negara"))),
        points=(
            f"Permintaan tindak lanjut kami dengan surat {values['surat_permintaan']} belum dijawab sampai "
            f"dengan tanggal {date_id(facts.next_due_on) if facts.next_due_on else '-'}.",
            "Dengan surat ini kami menegur Saudara dan meminta Saudara segera menindaklanjuti rekomendasi "
            "tersebut dan menyampaikan hasilnya kepada kami.",
            "Bersamaan dengan surat ini, kami meminta Kepala Badan Kepegawaian Negara mempertimbangkan "
            "pemblokiran data kepegawaian dan/atau layanan kepegawaian pada Sistem Informasi ASN sampai "
            "rekomendasi ditindaklanjuti.",
            _service_target_point(facts),
        ),
        basis_intro="Rekomendasi tersebut berdasarkan:",
        basis=_rec_basis(rec),
        signatory_name=_rec_signer(rec),
    )


def _build_block_request(spec: KindSpec, facts: LetterFacts, wording: dict) -> Notice:
    rec = facts.recommendation
    assert rec is not None
    values = _rec_values(facts)
    instansi = letterdata._ppk_instansi(rec.terlapor) or "-"
    t = letterdata._terlapor(rec)
    return _head(
        spec,
        facts,
        wording,
        values,
        recipients=("Kepala Badan Kepegawaian Negara",),
        copies=_escalation_parties(rec)[0],
        particulars=(
            ("Nama", t.name),
            ("NIP", t.nip or "-"),
            ("Jabatan", t.position or "-"),
            ("Instansi", t.agency or "-"),
            ("Pejabat Pembina Kepegawaian", f"Pejabat Pembina Kepegawaian {instansi}"),
            ("Surat permintaan tindak lanjut", _earlier_text(facts, LetterKind.PERMINTAAN_TINDAK_LANJUT)),
            ("Surat teguran", _earlier_text(facts, LetterKind.TEGURAN)),
        ),
        points=(
            "Sampai dengan tanggal surat ini, Pejabat Pembina Kepegawaian tersebut belum menyampaikan hasil "
            "tindak lanjut rekomendasi, meskipun telah diminta dan ditegur.",
            "Kami meminta Saudara mempertimbangkan pemblokiran data kepegawaian dan/atau layanan "
            "kepegawaian pada Sistem Informasi ASN sesuai kewenangan Badan Kepegawaian Negara sampai "
            "rekomendasi ditindaklanjuti.",
        ),
        basis_intro="Permintaan ini disampaikan berdasarkan:",
        basis=(*_rec_basis(rec), BKN_BLOCKING_REGULATION),
        signatory_name=_rec_signer(rec),
    )


def _rec_signer(rec: Recommendation) -> str:
    user = rec.created_by
    return (user.get_full_name() or user.get_username()) if user else "-"


KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            kind=LetterKind.PENERUSAN_REKOMENDASI,
            series="",
            subject="Penerusan Rekomendasi Dugaan Pelanggaran Netralitas",
            opening="",
            closing=CLOSING,
            placeholders=(),
        ),
        KindSpec(
            kind=LetterKind.UNDANGAN_KLARIFIKASI,
            series="UND",
            subject="Undangan Klarifikasi",
            opening=(
                "Dalam rangka penanganan dugaan pelanggaran netralitas dengan nomor registrasi "
                "{nomor_registrasi}, {kantor} mengundang Saudara untuk hadir memberikan keterangan "
                "sebagai {pihak} pada:"
            ),
            closing="Demikian undangan ini disampaikan, atas kehadiran Saudara diucapkan terima kasih.",
            placeholders=(*_COMMON, "nama", "pihak"),
            build=_build_invitation,
        ),
        KindSpec(
            kind=LetterKind.PEMBERITAHUAN_STATUS,
            series="PS",
            subject="Pemberitahuan Status Laporan",
            opening="{kantor} memberitahukan status penanganan laporan dugaan pelanggaran sebagai berikut:",
            closing="Demikian pemberitahuan ini disampaikan untuk diketahui.",
            placeholders=_COMMON,
            build=_build_status,
        ),
        KindSpec(
            kind=LetterKind.PERMINTAAN_TINDAK_LANJUT,
            series="TL",
            subject="Permintaan Tindak Lanjut Rekomendasi",
            opening=(
                "Menindaklanjuti surat {kantor} Nomor {nomor_rekomendasi} tanggal {tanggal_rekomendasi} "
                "perihal Penerusan Rekomendasi Dugaan Pelanggaran Netralitas atas nama {terlapor}, sampai "
                "dengan tanggal {target_layanan} kami belum menerima hasil tindak lanjut dari Saudara."
            ),
            closing=CLOSING,
            placeholders=_ESCALATION,
            build=_build_request,
        ),
        KindSpec(
            kind=LetterKind.TEGURAN,
            series="TG",
            subject="Teguran atas Rekomendasi yang Belum Ditindaklanjuti",
            opening=(
                "{kantor} telah meneruskan rekomendasi dugaan pelanggaran netralitas atas nama {terlapor} "
                "dengan surat Nomor {nomor_rekomendasi} tanggal {tanggal_rekomendasi}."
            ),
            closing=CLOSING,
            placeholders=(*_ESCALATION, "surat_permintaan"),
            build=_build_reprimand,
        ),
        KindSpec(
            kind=LetterKind.PERMINTAAN_BLOKIR,
            series="BLK",
            subject="Permintaan Pemblokiran Data Kepegawaian pada Sistem Informasi ASN",
            opening=(
                "{kantor} telah meneruskan rekomendasi dugaan pelanggaran netralitas dengan surat Nomor "
                "{nomor_rekomendasi} tanggal {tanggal_rekomendasi} atas nama:"
            ),
            closing=CLOSING,
            placeholders=_ESCALATION,
            build=_build_block_request,
        ),
    )
}
EDITABLE_KINDS = tuple(kind for kind, spec in KINDS.items() if spec.build is not None)


def spec_for(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown letter kind {kind!r}") from None
