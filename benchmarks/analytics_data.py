"""Bulk cases for the analytics benchmarks (``analytics_scale.py``, ``exports.py``).

Loads the demo (regions, offices, users, elections), then adds generated cases with their terlapor,
decisions, recommendations and follow-ups by PostgreSQL COPY (bulk_create on SQLite), seeded: the
same ``--seed`` gives the same rows. Benchmark data only: no audit events, no workflow; the product's
own generator (``netra demo --cases N``, issue 11 part A) is the one to use for realistic walks.
"""

import io
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/netra_analytics"

STATUSES = [
    ("diterima", 10),
    ("kajian_awal", 8),
    ("diregistrasi", 10),
    ("klarifikasi", 8),
    ("kajian", 8),
    ("diputus", 6),
    ("rekomendasi_diteruskan", 12),
    ("tindak_lanjut", 10),
    ("selesai", 14),
    ("tidak_diregistrasi", 8),
    ("informasi_awal", 3),
    ("diarsipkan", 3),
]
VIOLATIONS = ["D-1", "D-2", "D-3", "D-4", "D-5", "D-6", "D-7", "D-8", "D-9", "D-10", "KE-1", "KE-2"]
SUBJECTS = [("PNS", 60), ("PPPK", 15), ("PPNPN", 12), ("kepala_desa", 8), ("perangkat_desa", 5)]
SANCTIONS = [
    ("sedang", "sedang"),
    ("berat", "sedang"),
    ("ringan", "ringan"),
    ("berat", "berat"),
    ("moral", "moral"),
]
PROVEN = {"diputus", "rekomendasi_diteruskan", "tindak_lanjut", "selesai"}


def setup(database_url: str) -> None:
    os.environ.setdefault("NETRA_DATABASE_URL", database_url)
    os.environ.setdefault("NETRA_DATA_DIR", "/tmp/netra-analytics-bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    Path(os.environ["NETRA_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def machine() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    python = sys.version.split()[0]
    return f"machine: {model}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, load {load}; Python {python}"


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def ensure_demo() -> None:
    from netra.accounts.models import User

    if not User.objects.filter(username="ri.pimpinan").exists():
        from netra.cases.demo import demo_load

        demo_load(roster_size=20000, log=lambda *_: None)


def _copy(table: str, columns: list[str], rows: list[tuple]) -> None:
    from django.db import connection

    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v).replace("\t", " ") for v in row) + "\n")
    buffer.seek(0)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        copy.write(buffer.read())


CASE_COLUMNS = [
    "id",
    "kind",
    "receipt_code",
    "register_number",
    "election_id",
    "region_id",
    "region_code",
    "office_id",
    "status",
    "source",
    "step",
    "due_at",
    "due_citation",
    "due_rule",
    "due_kind",
    "due_note",
    "due_unverified",
    "received_at",
    "created_at",
    "updated_at",
    "title",
    "description",
    "place",
    "violation_code",
    "non_registration_reason",
    "sanction_lighter",
    "search_text",
]


def add_cases(count: int, seed: int = 7, batch: int = 50_000, say=print) -> None:
    """``count`` generated cases (ids after the current maximum) with their side records."""
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from netra.accounts.models import Office, User
    from netra.cases.models import Case, Election
    from netra.registry.models import Agency, Region

    rng = random.Random(seed)
    kecamatan = list(Region.objects.filter(level=3).values_list("code", flat=True))
    offices = {o.region_code: o.pk for o in Office.objects.filter(kind__startswith="bawaslu")}
    national = offices[""]
    elections = list(Election.objects.values_list("pk", flat=True))
    agencies = list(Agency.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    actor = User.objects.get(username="ri.pimpinan").pk
    start = (Case.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    now = timezone.now()
    made = 0
    started = time.monotonic()
    while made < count:
        size = min(batch, count - made)
        cases, terlapor, decisions, recs, followups = [], [], [], [], []
        for i in range(start + made, start + made + size):
            code = rng.choice(kecamatan)
            office = offices.get(code[:5]) or offices.get(code[:2]) or national
            status = _weighted(rng, STATUSES)
            kind = (
                "informasi_awal"
                if status == "informasi_awal"
                else rng.choice(("laporan", "laporan", "temuan"))
            )
            received = now - timedelta(days=rng.randint(0, 900), minutes=rng.randint(0, 1440))
            registered = status not in (
                "diterima",
                "kajian_awal",
                "informasi_awal",
                "tidak_diregistrasi",
                "diarsipkan",
            )
            violation = rng.choice(VIOLATIONS) if status in PROVEN or status == "kajian" else ""
            open_step = status not in ("selesai", "tidak_diregistrasi", "diarsipkan", "informasi_awal")
            due = received + timedelta(days=rng.randint(3, 30)) if open_step else None
            cases.append(
                (
                    i,
                    kind,
                    f"B{i:011d}",
                    f"{i}/Reg/BENCH" if registered else None,
                    rng.choice(elections),
                    code,
                    code,
                    office,
                    status,
                    "demo",
                    "",
                    due,
                    "",
                    "",
                    "legal" if due else "",
                    "",
                    "f",
                    received,
                    received,
                    received,
                    f"Kasus bangku uji {i}",
                    "uraian",
                    "",
                    violation,
                    "",
                    "f",
                    "",
                )
            )
            terlapor.append(
                (i, i, f"Terlapor {i}", "", rng.choice(agencies), "", "", _weighted(rng, SUBJECTS))
            )
            if status in PROVEN:
                decisions.append((i, i, "terbukti", violation, "-", received, actor))
                if status in ("rekomendasi_diteruskan", "tindak_lanjut", "selesai"):
                    to_bkn = rng.random() < 0.5
                    recs.append(
                        (
                            i,
                            i,
                            i,
                            "[]",
                            "[]",
                            "[]",
                            "t" if to_bkn else "f",
                            "f" if to_bkn else "t",
                            f"{i}/PP",
                            received,
                            actor,
                            None,
                            None,
                            "",
                        )
                    )
                    if status != "rekomendasi_diteruskan":
                        expected, imposed = rng.choice(SANCTIONS)
                        followups.append(
                            (
                                i,
                                i,
                                i,
                                imposed,
                                "",
                                imposed,
                                expected,
                                "f",
                                "",
                                "PPK",
                                received.date(),
                                f"{i}/SK",
                                "",
                                actor,
                                received,
                            )
                        )
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _copy("cases_case", CASE_COLUMNS, cases)
                _copy(
                    "cases_terlapor",
                    ["id", "case_id", "name", "nip", "agency_id", "agency_name", "position", "subject_type"],
                    terlapor,
                )
                _copy(
                    "cases_decision",
                    [
                        "id",
                        "case_id",
                        "outcome",
                        "violation_code",
                        "reasoning",
                        "decided_at",
                        "decided_by_id",
                    ],
                    decisions,
                )
                _copy(
                    "cases_recommendation",
                    [
                        "id",
                        "case_id",
                        "terlapor_id",
                        "recipients",
                        "copies",
                        "reasons",
                        "to_bkn",
                        "to_ppk",
                        "letter_number",
                        "forwarded_at",
                        "created_by_id",
                        "kasn_processed_on",
                        "handed_over_at",
                        "handed_over_to",
                    ],
                    recs,
                )
                _copy(
                    "cases_followup",
                    [
                        "id",
                        "case_id",
                        "recommendation_id",
                        "sanction",
                        "sanction_code",
                        "sanction_class",
                        "expected_class",
                        "lighter",
                        "lighter_reason",
                        "imposed_by",
                        "imposed_on",
                        "letter_number",
                        "note",
                        "recorded_by_id",
                        "recorded_at",
                    ],
                    followups,
                )
            else:
                raise SystemExit("the analytics benchmarks run on PostgreSQL (NETRA_DATABASE_URL)")
        made += size
        say(f"  {start + made - 1 - start + 1:>9,} cases ({made / (time.monotonic() - started):,.0f}/s)")
    with connection.cursor() as cursor:
        for table in (
            "cases_case",
            "cases_terlapor",
            "cases_decision",
            "cases_recommendation",
            "cases_followup",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )
        cursor.execute("ANALYZE")


def case_count() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cases_case")
        return cursor.fetchone()[0]
