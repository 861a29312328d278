"""Generated cases at national scale (``netra demo --cases N``): benchmarks and demos of a full country.

Every generated case is consistent with the workflow a real one goes through: the transitions from
intake to its stage, the kajian awal with its syarat formil and materiel before registration, a
clarification and the kajian dugaan before the decision, the recommendation addressed as
``netra.law.referral`` says, the sanction assessed by ``netra.law.sanctions``, register numbers from
the office's counter, and the deadline of the current step as ``netra.law.deadlines`` answers it.
The law is asked once per distinct set of facts (a million cases share a few thousand), not once
per case, and rows are written with COPY (PostgreSQL) or ``executemany`` (SQLite), not the ORM.

Everything is invented and says so: people come from ``netra.names.synthetic``, every description
ends with "(Data sintetis ...)". The same seed on the same database gives the same cases. The whole
generation is one transaction and ONE audit event (``case.bulk_generate``, with the seed, the count
and the id range), not an event per case: the audit log records what an officer did, and the
officer did one thing.
"""

import random
import time as clock
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from netra.accounts.models import Office, Role, User
from netra.accounts.scoping import region_within
from netra.cases.deadlines import step_deadline
from netra.cases.law import (
    local_date,
    recommendation_fields,
    region_zone,
    route,
    sanction_menu,
    step_answer,
    step_start_fact,
)
from netra.cases.models import (
    Attendance,
    Case,
    Clarification,
    Decision,
    Election,
    FollowUp,
    Kajian,
    Kind,
    Observation,
    Party,
    Recommendation,
    RegisterCounter,
    Reporter,
    Source,
    Status,
    SubjectType,
    Terlapor,
    Transition,
)
from netra.cases.services.bulkwrite import TableWriter, ids_release, ids_reserve, table_lock
from netra.cases.services.common import audit
from netra.cases.services.numbering import DEFAULT_TEMPLATE, KIND_CODE, LEVEL_CODE, REGIME_CODE, ROMAN
from netra.cases.services.search import search_text_of
from netra.law import catalogue, regioncode

MAX_CASES = 5_000_000
PEOPLE_POOL = 4000
SYNTHETIC_NOTE = "(Data sintetis: orang dan peristiwa fiktif, dibuat oleh netra demo --cases.)"

# Where a laporan/temuan ends up (weights out of 100), and the path of statuses leading there.
OUTCOMES = {
    "diterima": 7,
    "kajian_awal": 6,
    "tidak_diregistrasi": 10,
    "diregistrasi": 4,
    "klarifikasi": 5,
    "kajian": 5,
    "diputus": 4,
    "rekomendasi_diteruskan": 14,
    "tindak_lanjut": 10,
    "selesai_terbukti": 12,
    "selesai_bukan": 8,
}
PATHS = {
    "diterima": [],
    "kajian_awal": ["start_kajian_awal"],
    "tidak_diregistrasi": ["start_kajian_awal", "reject"],
    "diregistrasi": ["start_kajian_awal", "register"],
    "klarifikasi": ["start_kajian_awal", "register", "start_klarifikasi"],
    "kajian": ["start_kajian_awal", "register", "start_klarifikasi", "start_kajian"],
    "diputus": ["start_kajian_awal", "register", "start_klarifikasi", "start_kajian", "decide"],
    "selesai_bukan": ["start_kajian_awal", "register", "start_klarifikasi", "start_kajian", "dismiss"],
    "rekomendasi_diteruskan": [
        "start_kajian_awal",
        "register",
        "start_klarifikasi",
        "start_kajian",
        "decide",
        "forward_recommendation",
    ],
}
PATHS["tindak_lanjut"] = [*PATHS["rekomendasi_diteruskan"], "record_followup"]
PATHS["selesai_terbukti"] = [*PATHS["tindak_lanjut"], "close"]
TARGET = {
    "start_kajian_awal": Status.KAJIAN_AWAL,
    "reject": Status.TIDAK_DIREGISTRASI,
    "register": Status.DIREGISTRASI,
    "start_klarifikasi": Status.KLARIFIKASI,
    "start_kajian": Status.KAJIAN,
    "decide": Status.DIPUTUS,
    "dismiss": Status.SELESAI,
    "forward_recommendation": Status.REKOMENDASI_DITERUSKAN,
    "record_followup": Status.TINDAK_LANJUT,
    "close": Status.SELESAI,
    "make_temuan": Status.DIJADIKAN_TEMUAN,
    "archive": Status.DIARSIPKAN,
}
TIP_OUTCOMES = {"informasi_awal": 30, "make_temuan": 40, "archive": 30}
KINDS = {Kind.LAPORAN: 57, Kind.TEMUAN: 35, Kind.INFORMASI_AWAL: 8}
SOURCES = {
    Kind.LAPORAN: {Source.WEB: 55, Source.STAFF: 25, Source.API: 10, Source.IMPORT: 10},
    Kind.TEMUAN: {Source.STAFF: 85, Source.IMPORT: 15},
    Kind.INFORMASI_AWAL: {Source.WEB: 40, Source.STAFF: 60},
}
SUBJECTS = {
    SubjectType.PNS: 55,
    SubjectType.PPPK: 15,
    SubjectType.PPNPN: 12,
    SubjectType.KEPALA_DESA: 10,
    SubjectType.PERANGKAT_DESA: 8,
}
PROVINCE_SHARE = 6  # percent of cases handled by a province office (its own temuan, mostly)
STORIES = (
    "mengajak peserta rapat dinas memilih pasangan calon",
    "mengunggah dukungan kepada pasangan calon di media sosial",
    "hadir berseragam dinas dalam kampanye terbuka",
    "memasang alat peraga kampanye di kantor pemerintah",
    "menjadi admin grup WhatsApp pemenangan pasangan calon",
    "membagikan bahan kampanye di balai desa",
    "berfoto dengan simbol jari nomor urut pasangan calon",
    "menggunakan fasilitas dinas untuk kegiatan kampanye",
    "memberikan sambutan yang mengarahkan warga memilih calon tertentu",
    "menyukai dan membagikan unggahan akun pemenangan pasangan calon",
)
PLACES = ("kantor dinas", "balai desa", "sekolah", "puskesmas", "kantor kecamatan", "media sosial")


@dataclass
class GenerateResult:
    count: int
    seed: int
    first_id: int = 0
    last_id: int = 0
    seconds: float = 0.0
    by_status: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class _Law:
    """netra.law's answers for this run, asked once per distinct question."""

    def __init__(self):
        self._answers: dict = {}
        self._starts: dict = {}
        self._routes: dict = {}
        self._menus: dict = {}

    def answer(self, *, step, facts):
        """The law's answer, asked again only for a new (step, regime, province, start date): the
        rule of a step counts from one fact, so the other facts cannot change it."""
        rule = (step, facts.regime)
        if rule not in self._starts:
            self._starts[rule] = step_start_fact(regime=facts.regime, step=step)
        key = (*rule, facts.province, getattr(facts, self._starts[rule]))
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = step_answer(step=step, facts=facts)
        return found

    def route(self, subject: str, regime: str, forwarded: date, violation: str) -> dict:
        key = (subject, regime, forwarded, violation)
        found = self._routes.get(key)
        if found is None:
            found = self._routes[key] = recommendation_fields(
                route(subject=subject, regime=regime, forwarded=forwarded, violation=violation)
            )
        return found

    def menu(self, violation: str, subject: str):
        key = (violation, subject)
        if key not in self._menus:
            self._menus[key] = sanction_menu(violation_code=violation, subject=subject)
        return self._menus[key]


@dataclass
class _World:
    """What generated cases are made of: regions with their offices, elections, agencies, people."""

    kabkota: list  # (region code, office, [kecamatan codes], province office)
    elections: list
    agencies: dict  # kab/kota code -> [(agency id, name)]
    people: list
    authors: dict  # office id -> user id (a pimpinan or staf of the office)
    fallback_author: int
    follow_up_author: int
    violations: list
    counters: dict = field(default_factory=dict)  # (office id, year, kind) -> last sequence issued
    registered: set = field(default_factory=set)  # register numbers already on file


def _world(user: User, seed: int) -> _World:
    from netra.names.synthetic import generate_roster
    from netra.registry.models import Agency, Region

    offices = {
        (o.kind, o.region_code): o
        for o in Office.objects.filter(kind__in=Office.SUPERVISORY, agency__isnull=True)
    }
    kecamatan: dict[str, list[str]] = {}
    for code in Region.objects.filter(level=Region.Level.KECAMATAN).values_list("code", flat=True):
        kecamatan.setdefault(_kabkota(code), []).append(code)
    kabkota = []
    for code in Region.objects.filter(level=Region.Level.KABUPATEN_KOTA).values_list("code", flat=True):
        office = offices.get((Office.Kind.BAWASLU_KABKOTA, code))
        province = offices.get((Office.Kind.BAWASLU_PROVINSI, regioncode.province(code)))
        if office is not None and province is not None:
            kabkota.append((code, office, kecamatan.get(code, [code]), province))
    elections = list(Election.objects.select_related("region"))
    if not kabkota or not elections:
        raise ValidationError("Jalankan netra demo dulu: wilayah, kantor Bawaslu dan pemilihan belum ada.")
    agencies: dict[str, list] = {}
    for pk, name, region in Agency.objects.filter(region__isnull=False).values_list(
        "pk", "name", "region_id"
    ):
        agencies.setdefault(_kabkota(region), []).append((pk, name))
    authors: dict[int | None, int] = {}
    for office_id, pk in (
        User.objects.filter(is_active=True, role__in=(Role.PIMPINAN, Role.STAF_PENANGANAN))
        .order_by("role", "pk")
        .values_list("office_id", "pk")
    ):
        authors.setdefault(office_id, pk)
    table_lock(RegisterCounter)  # registrations wait for this run, so sequences cannot collide
    counters = {(c.office_id, c.year, c.kind): c.value for c in RegisterCounter.objects.all()}
    registered = set(
        Case.objects.exclude(register_number=None).values_list("register_number", flat=True).iterator()
    )
    bkn = User.objects.filter(is_active=True, office__kind=Office.Kind.BKN).order_by("pk").first()
    return _World(
        kabkota=kabkota,
        elections=elections,
        agencies=agencies,
        people=list(generate_roster(PEOPLE_POOL, seed=seed)),
        authors=authors,
        fallback_author=user.pk,
        follow_up_author=bkn.pk if bkn else user.pk,
        violations=[v.code for v in catalogue.all_types()],
        counters=counters,
        registered=registered,
    )


def _kabkota(code: str) -> str:
    """The kabupaten/kota holding ``code``; a province's own code for a province-level region."""
    return regioncode.ancestor_at(code, regioncode.KABUPATEN_KOTA) or code


def _election_window(election: Election, today: date) -> tuple[date, date]:
    """Days a case of the election may come in: from a month before the candidates are set to two
    months after voting day, never after today (nothing is received in the future)."""
    start = (election.penetapan_calon or election.voting_day - timedelta(days=120)) - timedelta(days=30)
    end = min(election.voting_day + timedelta(days=60), today)
    return min(start, end - timedelta(days=90)), end


class _Generator:
    def __init__(self, world: _World, seed: int, first_id: int, user: User):
        self.world = world
        self.rng = random.Random(seed)
        self.receipts = random.Random(f"receipt:{seed}:{first_id}")
        self.law = _Law()
        self.user = user
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.writers = {
            model: TableWriter(model)
            for model in (
                Case,
                Reporter,
                Terlapor,
                Observation,
                Kajian,
                Clarification,
                Decision,
                Recommendation,
                FollowUp,
                Transition,
            )
        }
        self.ids = {model: ids_reserve(model) for model in self.writers if model is not Case}
        self.ids[Case] = first_id
        self.by_status: Counter = Counter()
        self.used: dict = {}  # (office id, year, kind) -> register numbers taken by this run

    def _id(self, model) -> int:
        value = self.ids[model]
        self.ids[model] = value + 1
        return value

    def _receipt(self) -> str:
        from netra.cases.receipts import ALPHABET, LENGTH

        return "".join(self.receipts.choice(ALPHABET) for _ in range(LENGTH))

    def _author(self, office) -> int:
        return self.world.authors.get(office.pk, self.world.fallback_author)

    def _place(self):
        """Region, handling office and election of one case (regional elections only in their region)."""
        rng = self.rng
        code, office, kecamatan, province = rng.choice(self.world.kabkota)
        region = rng.choice(kecamatan)
        if rng.randrange(100) < PROVINCE_SHARE:
            office, region = province, regioncode.province(code)
        elections = [
            e for e in self.world.elections if e.region_id is None or region_within(region, e.region_id)
        ]
        return region, office, rng.choice(elections or self.world.elections)

    def case(self) -> None:
        rng = self.rng
        kind = _weighted(rng, KINDS)
        outcome = _weighted(rng, TIP_OUTCOMES if kind == Kind.INFORMASI_AWAL else OUTCOMES)
        path = (
            []
            if outcome == "informasi_awal"
            else ([outcome] if kind == Kind.INFORMASI_AWAL else PATHS[outcome])
        )
        region, office, election = self._place()
        start, end = _election_window(election, self.today)
        day = start + timedelta(days=rng.randrange((end - start).days + 1))
        midnight = datetime.combine(day, time(0), tzinfo=region_zone(region))
        received = midnight + timedelta(minutes=rng.randrange(420, 1020))
        subject = _weighted(rng, SUBJECTS)
        person = rng.choice(self.world.people)
        story = rng.choice(STORIES)
        pk = self._id(Case)
        case = SimpleNamespace(
            pk=None,  # not saved yet: the deadline code counts from the facts given here
            id=pk,
            kind=kind,
            status=Status.INFORMASI_AWAL if kind == Kind.INFORMASI_AWAL else Status.DITERIMA,
            election=election,
            election_id=election.pk,
            region_code=region,
            office=office,
            received_at=received,
            known_on=(received - timedelta(days=rng.randrange(4))).date(),
            occurred_on=(received - timedelta(days=rng.randrange(4, 9))).date(),
            registered_at=None,
            decided_at=None,
            closed_at=None,
            register_number=None,
            violation_code="",
            sanction_lighter=False,
            recommended_to_bkn=False,
            recommended_to_ppk=False,
            non_registration_reason="",
            subject=subject,
            is_closed=False,
        )
        terlapor = self._terlapor(case, person, subject)
        self._intake(case, person, story)
        at = received
        entered = received
        for action in path:
            at = at + timedelta(days=rng.randrange(1, 4), hours=rng.randrange(8))
            if at > self.now:  # a recent case has not gone that far yet
                break
            entered = self._step(case, action, at, terlapor)
        self._write_case(case, person, story, terlapor, entered)

    def _terlapor(self, case, person, subject) -> list[dict]:
        agencies = self.world.agencies.get(_kabkota(case.region_code)) or self.world.agencies.get(
            regioncode.province(case.region_code), []
        )
        agency = self.rng.choice(agencies) if agencies else (None, "")
        row = {
            "id": self._id(Terlapor),
            "case_id": case.id,
            "name": person.nama,
            "nip": person.nip if subject == SubjectType.PNS else "",
            "agency_id": agency[0],
            "agency_name": agency[1],
            "position": person.jabatan
            if subject in (SubjectType.PNS, SubjectType.PPPK)
            else str(SubjectType(subject).label),
            "subject_type": subject,
        }
        self.writers[Terlapor].add(row)
        return [row]

    def _intake(self, case, person, story) -> None:
        at = case.received_at
        if case.kind == Kind.LAPORAN:
            self.writers[Reporter].add(
                {
                    "id": self._id(Reporter),
                    "case_id": case.id,
                    "name": "Pelapor fiktif",
                    "address": "Alamat fiktif",
                }
            )
        if case.kind == Kind.TEMUAN:
            self.writers[Observation].add(
                {
                    "id": self._id(Observation),
                    "case_id": case.id,
                    "observer_id": self._author(case.office),
                    "observed_at": at,
                    "place": "Wilayah pengawasan",
                    "method": "Patroli pengawasan",
                    "what": f"Terlapor {story}.",
                }
            )
        self._transition(case, "submit", "", case.status, at)

    def _transition(self, case, action, before, after, at) -> None:
        self.writers[Transition].add(
            {
                "id": self._id(Transition),
                "case_id": case.id,
                "action": action,
                "from_status": before,
                "to_status": after,
                "actor_id": None
                if action == "submit" and case.kind != Kind.TEMUAN
                else self._author(case.office),
                "office_id": case.office.pk,
                "at": at,
                "reason": "Data sintetis",
                "data": {},
            }
        )

    def _step(self, case, action: str, at: datetime, terlapor: list[dict]) -> datetime:
        before, after = case.status, TARGET[action]
        handler = getattr(self, f"_on_{action}", None)
        if handler is not None:
            handler(case, at, terlapor)
        case.status = after
        self._transition(case, "decide" if action == "dismiss" else action, before, after, at)
        return at

    def _kajian(self, case, stage: str, at: datetime, *, met: bool) -> None:
        checks = (
            {name: met for name in (*Kajian.FORMIL, *Kajian.MATERIEL)} if stage == Kajian.Stage.AWAL else {}
        )
        self.writers[Kajian].add(
            {
                "id": self._id(Kajian),
                "case_id": case.id,
                "stage": stage,
                "facts": "Fakta sintetis." if stage == Kajian.Stage.DUGAAN else "",
                "analysis": "Analisis sintetis.",
                "conclusion": "Kesimpulan sintetis.",
                "author_id": self._author(case.office),
                "created_at": at,
                **checks,
            }
        )

    def _on_register(self, case, at, terlapor) -> None:
        self._kajian(case, Kajian.Stage.AWAL, at, met=True)
        case.registered_at = at
        case.register_number = self._register_number(case, at)

    def _on_reject(self, case, at, terlapor) -> None:
        self._kajian(case, Kajian.Stage.AWAL, at, met=False)
        case.non_registration_reason = self.rng.choice(("formil", "materiel", "daluwarsa"))
        case.closed_at = at

    def _on_start_kajian(self, case, at, terlapor) -> None:
        self.writers[Clarification].add(
            {
                "id": self._id(Clarification),
                "case_id": case.id,
                "party": Party.TERLAPOR,
                "sealed": "",  # synthetic: no invitee name or berita acara to keep
                "scheduled_at": at - timedelta(hours=4),
                "place": "Kantor Bawaslu",
                "held_at": at - timedelta(hours=3),
                "attendance": Attendance.HADIR,
                "created_by_id": self._author(case.office),
                "created_at": at - timedelta(hours=5),
            }
        )

    def _decision(self, case, at, outcome: str) -> None:
        self._kajian(case, Kajian.Stage.DUGAAN, at - timedelta(hours=2), met=True)
        self.writers[Decision].add(
            {
                "id": self._id(Decision),
                "case_id": case.id,
                "outcome": outcome,
                "violation_code": case.violation_code,
                "reasoning": "Pertimbangan sintetis.",
                "decided_at": at,
                "decided_by_id": self._author(case.office),
            }
        )
        case.decided_at = at

    def _on_decide(self, case, at, terlapor) -> None:
        case.violation_code = self.rng.choice(self.world.violations)
        self._decision(case, at, Decision.Outcome.TERBUKTI)

    def _on_dismiss(self, case, at, terlapor) -> None:
        self._decision(case, at, Decision.Outcome.BUKAN_PELANGGARAN)
        case.closed_at = at

    def _on_forward_recommendation(self, case, at, terlapor) -> None:
        forwarded = local_date(at, case.region_code)
        case.recommendation_ids = []
        for person in terlapor:
            routing = self.law.route(
                person["subject_type"], case.election.regime, forwarded, case.violation_code
            )
            rec_id = self._id(Recommendation)
            case.recommendation_ids.append(rec_id)
            self.writers[Recommendation].add(
                {
                    "id": rec_id,
                    "case_id": case.id,
                    "terlapor_id": person["id"],
                    "letter_number": f"{case.id}/PP.01/sintetis",
                    "forwarded_at": at,
                    "created_by_id": self._author(case.office),
                    **routing,
                }
            )
            # The case's recipient flags (services.recipients), written with the case row.
            case.recommended_to_bkn = case.recommended_to_bkn or bool(routing.get("to_bkn"))
            case.recommended_to_ppk = case.recommended_to_ppk or bool(routing.get("to_ppk"))

    def _on_record_followup(self, case, at, terlapor) -> None:
        menu = self.law.menu(case.violation_code, case.subject)
        option = self.rng.choice(menu.options)
        lighter = menu.is_lighter(option)
        case.sanction_lighter = lighter
        self.writers[FollowUp].add(
            {
                "id": self._id(FollowUp),
                "case_id": case.id,
                "recommendation_id": case.recommendation_ids[0],
                "sanction": option.text[:300],
                "sanction_code": option.code,
                "sanction_class": option.sanction_class,
                "expected_class": menu.expected_class or "",
                "lighter": lighter,
                "lighter_reason": "Alasan sintetis." if lighter else "",
                "imposed_by": "Pejabat Pembina Kepegawaian",
                "imposed_on": local_date(at, case.region_code),
                "letter_number": f"800/{case.id}/sintetis",
                "note": "Tindak lanjut sintetis.",
                "recorded_by_id": self.world.follow_up_author,
                "recorded_at": at,
            }
        )

    def _on_close(self, case, at, terlapor) -> None:
        case.closed_at = at

    def _on_make_temuan(self, case, at, terlapor) -> None:
        case.closed_at = at

    def _on_archive(self, case, at, terlapor) -> None:
        case.closed_at = at

    def _register_number(self, case, at) -> str:
        day = local_date(at, case.region_code)
        key = (case.office.pk, day.year, case.kind)
        while True:
            self.used[key] = self.used.get(key, 0) + 1
            number = DEFAULT_TEMPLATE.format(
                seq=self.world.counters.get(key, 0) + self.used[key],
                kind=KIND_CODE.get(case.kind, "LP"),
                regime=REGIME_CODE.get(case.election.regime, "PL"),
                level=LEVEL_CODE.get(case.office.kind, "Kab"),
                region=case.office.region_code or "00.00",
                month=ROMAN[day.month - 1],
                year=day.year,
            )
            if number not in self.world.registered:  # e.g. an imported case numbered by hand
                return number

    def _write_case(self, case, person, story, terlapor, entered) -> None:
        from netra.cases.models import CLOSED_STATUSES

        case.is_closed = case.status in CLOSED_STATUSES
        deadline = step_deadline(case, entered, answer=self.law.answer)
        title = f"Dugaan pelanggaran netralitas oleh {person.nama}"
        description = f"Terlapor diduga {story}. {SYNTHETIC_NOTE}"
        place = self.rng.choice(PLACES)
        people = " ".join(
            " ".join(str(t[k] or "") for k in ("name", "nip", "agency_name", "position")) for t in terlapor
        )
        self.by_status[case.status] += 1
        self.writers[Case].add(
            {
                "id": case.id,
                "kind": case.kind,
                "receipt_code": self._receipt(),
                "register_number": case.register_number,
                "election_id": case.election_id,
                "region_id": case.region_code,
                "region_code": case.region_code,
                "office_id": case.office.pk,
                "status": case.status,
                "source": _weighted(self.rng, SOURCES[case.kind]),
                "step": deadline.step,
                "due_at": deadline.due_at,
                "due_citation": deadline.citation,
                "due_rule": deadline.rule_id,
                "due_kind": deadline.kind,
                "due_note": deadline.note,
                "due_unverified": deadline.unverified,
                "occurred_on": case.occurred_on,
                "known_on": case.known_on,
                "received_at": case.received_at,
                "registered_at": case.registered_at,
                "decided_at": case.decided_at,
                "closed_at": case.closed_at,
                "created_at": case.received_at,
                "updated_at": entered,
                "title": title,
                "description": description,
                "place": place,
                "violation_code": case.violation_code,
                "non_registration_reason": case.non_registration_reason,
                "sanction_lighter": case.sanction_lighter,
                "recommended_to_bkn": case.recommended_to_bkn,
                "recommended_to_ppk": case.recommended_to_ppk,
                "search_text": search_text_of(case.register_number, title, description, place, people),
            }
        )

    def finish(self) -> dict[str, int]:
        for writer in self.writers.values():
            writer.flush()
        for model in self.writers:
            ids_release(model)
        return {model._meta.label_lower: writer.written for model, writer in self.writers.items()}


def cases_generate(*, user: User, count: int, seed: int = 1, log=None) -> GenerateResult:
    """Add ``count`` generated cases over every region, stage, election, violation type, source and
    subject; one transaction, one audit event. ValidationError for a bad count or a database the demo
    has not prepared."""
    if not 0 < count <= MAX_CASES:
        raise ValidationError(f"Jumlah kasus harus antara 1 dan {MAX_CASES}.")
    started = clock.monotonic()
    with transaction.atomic():
        world = _world(user, seed)
        first_id = ids_reserve(Case)
        generator = _Generator(world, seed, first_id, user)
        for number in range(count):
            generator.case()
            if log and (number + 1) % 100_000 == 0:
                log(f"{number + 1} kasus…")
        rows = generator.finish()
        _counters_advance(generator.used, world.counters)
        result = GenerateResult(
            count=count,
            seed=seed,
            first_id=first_id,
            last_id=first_id + count - 1,
            by_status=dict(generator.by_status),
            rows=rows,
        )
        audit(
            user=user,
            action="case.bulk_generate",
            obj=Case(pk=first_id),
            data={
                "count": count,
                "seed": seed,
                "first_id": first_id,
                "last_id": result.last_id,
                "rows": rows,
            },
        )
    result.seconds = clock.monotonic() - started
    return result


def _counters_advance(used: dict, known: dict) -> None:
    """Count the generated registrations on each office's register counter, so the next real
    registration's sequence continues after them (the counters were locked at the start)."""
    counters = list(RegisterCounter.objects.all())
    for counter in counters:
        counter.value += used.get((counter.office_id, counter.year, counter.kind), 0)
    RegisterCounter.objects.bulk_update(counters, ["value"], batch_size=1000)
    RegisterCounter.objects.bulk_create(
        RegisterCounter(office_id=office_id, year=year, kind=kind, value=value)
        for (office_id, year, kind), value in used.items()
        if (office_id, year, kind) not in known
    )
