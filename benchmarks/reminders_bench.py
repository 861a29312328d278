"""How long one scheduler pass takes: ``reminders_run`` over N open cases on a fresh SQLite database.

    python benchmarks/reminders_bench.py [--cases 2000] [--offices 20]

Seeds N cases whose deadlines fall between one day ago and three days ahead (about half due for a
reminder), spread over the offices, each office with a pimpinan and a staf penanganan (with email
addresses; the console email backend is replaced by the dummy one, so sending costs nothing), then
times the first pass (creates the reminders) and a second pass at the same moment (creates nothing).
"""

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def _setup(directory: Path) -> None:
    os.environ["NETRA_DATA_DIR"] = str(directory)
    os.environ["NETRA_DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ["NETRA_EMAIL_URL"] = "dummy://"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _seed(cases: int, offices: int):
    from django.utils import timezone

    from netra.accounts.models import Office, Role, User
    from netra.cases.models import Case, Election
    from netra.registry.models import Region

    now = timezone.now()
    province = Region.objects.create(code="21", name="Kepulauan Riau", level=1, kind="provinsi")
    made = []
    for number in range(offices):
        code = f"21.{number + 1:02d}"
        region = Region.objects.create(
            code=code, name=f"Kabupaten {number}", level=2, kind="kabupaten", parent=province
        )
        office = Office.objects.create(
            kind=Office.Kind.BAWASLU_KABKOTA, name=f"Bawaslu {code}", region=region, region_code=code
        )
        for role in (Role.PIMPINAN, Role.STAF_PENANGANAN):
            User.objects.create(
                username=f"{role}-{code}", office=office, role=role, email=f"{role}@{code}.example"
            )
        made.append((region, office))
    election = Election.objects.create(name="Pilkada", regime="pemilihan", voting_day=now.date())
    rows = []
    for number in range(cases):
        region, office = made[number % offices]
        rows.append(
            Case(
                kind="laporan", status="kajian_awal", receipt_code=f"B{number:011d}", election=election,
                region=region, region_code=region.code, office=office, step="kajian_awal",
                due_at=now + timedelta(minutes=(number * 97) % (4 * 24 * 60) - 24 * 60),
                received_at=now, title=f"Kasus {number}", description="-",
            )
        )  # fmt: skip
    Case.objects.bulk_create(rows, batch_size=500)
    return now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--offices", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netra-bench-") as directory:
        _setup(Path(directory))
        now = _seed(args.cases, args.offices)
        from django.db import connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        from netra.notifications.services import reminders_run

        reset_queries()
        with CaptureQueriesContext(connection) as first_queries:
            started = time.perf_counter()
            created = reminders_run(now=now)
            first = time.perf_counter() - started
        started = time.perf_counter()
        again = reminders_run(now=now)
        second = time.perf_counter() - started
    load = os.getloadavg()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load {load[0]:.1f}")
    print(f"python {platform.python_version()}, SQLite, {args.cases} open cases, {args.offices} offices")
    print(f"first pass: {len(created)} reminders created, emails sent, in {first:.2f} s")
    print(f"  ({len(first_queries)} queries: two per email, the claim and the mark; the rest per run)")
    print(f"second pass at the same moment: {len(again)} created in {second:.2f} s")


if __name__ == "__main__":
    main()
