"""Load and fault benchmark of public intake: reports with evidence against ``netra serve`` on PostgreSQL.

    python benchmarks/intake_load.py [--clients 20] [--seconds 20] [--workers 3] [--threads 4]
                                     [--outage 10] [--sqlite]

Loopback only and bounded in time. It prepares its own database (``netra_shield_bench`` on
127.0.0.1:5432, dropped and recreated; with ``--sqlite`` a new SQLite file, the embedded default),
starts ``netra serve --workers N --threads T`` with PostgreSQL reached through a TCP proxy inside
this script, and runs two phases of ``--clients`` concurrent asyncio clients (httpx) posting
multipart reports with one JPEG each:

1. steady: reports/s, p50/p95/p99 latency, errors;
2. fault (PostgreSQL only: a SQLite file has no connection to cut): the same, while the proxy drops
   every database connection and refuses new ones for ``--outage`` seconds in the middle (the shared
   PostgreSQL server itself is never touched).

Then it counts receipts against rows (every 201's receipt code must be a case; no case without a
receipt answered) and evidence files against rows (no file without its row, no row without its file),
before and after ``netra evidence settle`` (files whose commit failed mid-outage are journalled and
settled there). Also prints one report's profile in-process: SQL queries and CPU time of the service
alone and of the whole API request.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PG = ("127.0.0.1", 5432)
DB_NAME = "netra_shield_bench"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 2000 + b"\xff\xd9"


# ---------------------------------------------------------------- a TCP proxy that can cut the database


class Proxy:
    """Forwards connections to PostgreSQL; ``cut()`` closes them all and refuses new ones."""

    def __init__(self) -> None:
        self.down = False
        self.pipes: set[asyncio.StreamWriter] = set()
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _accept(self, reader, writer) -> None:
        if self.down:
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*PG)
        except OSError:
            writer.close()
            return
        self.pipes |= {writer, up_writer}
        with contextlib.suppress(asyncio.CancelledError):  # the loop ends while connections are open
            await asyncio.gather(self._pump(reader, up_writer), self._pump(up_reader, writer))

    async def _pump(self, reader, writer) -> None:
        with contextlib.suppress(Exception):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(Exception):
            writer.close()
        self.pipes.discard(writer)

    def cut(self) -> None:
        self.down = True
        for writer in list(self.pipes):
            with contextlib.suppress(Exception):
                writer.transport.abort()
        self.pipes.clear()

    def restore(self) -> None:
        self.down = False


# ---------------------------------------------------------------- the database and the server


SQLITE = False  # --sqlite: the embedded default database instead of PostgreSQL


def _env(data_dir: Path, proxy_port: int | None) -> dict[str, str]:
    port = proxy_port or PG[1]
    url = (
        f"sqlite:///{data_dir / 'netra.sqlite3'}"
        if SQLITE
        else f"postgres://postgres@127.0.0.1:{port}/{DB_NAME}"
    )
    return {
        **os.environ,
        "NETRA_DATA_DIR": str(data_dir),
        "NETRA_DATABASE_URL": url,
        "NETRA_PUBLIC_REPORT_RATE": "0/m",  # the limit is not what is measured here
        "NETRA_PUBLIC_REPORT_GLOBAL_RATE": "0/m",
        "NETRA_LOG_LEVEL": "ERROR",
        "NETRA_DB_CONN_MAX_AGE": os.environ.get("NETRA_DB_CONN_MAX_AGE", "60"),  # no connect per request
        "DJANGO_SETTINGS_MODULE": "netra.settings",
    }


PREPARE = """
import django
django.setup()
from datetime import date, timedelta
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from netra.registry.services.regions import regions_load
from netra.accounts.services import offices_ensure_tree
from netra.cases.models import Election
regions_load(max_level=3)
offices_ensure_tree()
today = date.today()
e = Election.objects.create(name="Pilkada Beban", regime="pemilihan", voting_day=today + timedelta(days=30))
print(e.pk)
"""


def prepare(data_dir: Path) -> int:
    if not SQLITE:
        psql = ["psql", "-h", PG[0], "-U", "postgres", "-qc"]
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True, stderr=subprocess.DEVNULL)
        subprocess.run([*psql, f"CREATE DATABASE {DB_NAME}"], check=True)
    out = subprocess.run(
        [sys.executable, "-c", PREPARE], env=_env(data_dir, None), capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def start_server(data_dir: Path, proxy_port: int, port: int, workers: int, threads: int) -> subprocess.Popen:
    netra = str(Path(sys.executable).with_name("netra"))
    args = [netra, "serve", "--port", str(port), "--workers", str(workers), "--threads", str(threads)]
    return subprocess.Popen(
        args,
        env=_env(data_dir, proxy_port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


async def wait_up(base: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"{base}/api/v1/cases/elections")).status_code == 200:
                    return
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not start")


# ---------------------------------------------------------------- the load


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    receipts: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _form(election: int) -> dict:
    return {
        "election": str(election),
        "region": "21.01",
        "description": "Kepala dinas mengajak pegawai memilih pasangan calon dalam apel pagi.",
        "reporter_name": "Pelapor Uji Beban",
        "terlapor_name": "Kepala Dinas",
        "terlapor_subject_type": "PNS",
    }


async def client_loop(base: str, election: int, until: float, phase: Phase) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                answer = await client.post(
                    f"{base}/api/v1/cases/reports",
                    data=_form(election),
                    files={"files": ("bukti.jpg", JPEG, "image/jpeg")},
                )
                status = answer.status_code
            except httpx.HTTPError:
                status = 0
            phase.latencies.append(time.perf_counter() - started)
            phase.statuses[status] = phase.statuses.get(status, 0) + 1
            if status == 201:
                phase.receipts.append(answer.json()["receipt_code"].replace("-", ""))
            elif status == 503:
                await asyncio.sleep(0.2)  # a polite client honours the outage instead of hammering


async def run_phase(base, election, clients, seconds, proxy: Proxy | None, outage: float) -> Phase:
    phase, started = Phase(), time.monotonic()
    until = started + seconds
    tasks = [asyncio.create_task(client_loop(base, election, until, phase)) for _ in range(clients)]
    if proxy is not None:
        await asyncio.sleep((seconds - outage) / 2)
        proxy.cut()
        await asyncio.sleep(outage)
        proxy.restore()
    await asyncio.gather(*tasks)
    phase.seconds = time.monotonic() - started
    return phase


def report(name: str, phase: Phase) -> None:
    ok = phase.statuses.get(201, 0)
    ordered = sorted(phase.latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0

    print(
        f"{name}: {ok / phase.seconds:.1f} reports/s ({ok} in {phase.seconds:.1f} s), "
        f"p50 {pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms, "
        f"mean {statistics.mean(ordered) * 1000 if ordered else 0:.0f} ms, "
        f"answers {dict(sorted(phase.statuses.items()))}"
    )


# ---------------------------------------------------------------- counting receipts against rows


COUNT = """
import django, json, sys
django.setup()
from django.conf import settings
from netra.cases.models import Case, Evidence
codes = set(json.loads(sys.stdin.read()))
stored = set(Case.objects.values_list("receipt_code", flat=True))
files = {str(p.relative_to(settings.MEDIA_ROOT)) for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()}
rows = set(Evidence.objects.exclude(file="").values_list("file", flat=True))
print(json.dumps({"receipts": len(codes), "cases": len(stored), "lost": len(codes - stored),
  "unreceipted_cases": len(stored - codes), "files": len(files), "orphan_files": len(files - rows),
  "rows_without_file": len(rows - files)}))
"""


SETTLE = """
import django
django.setup()
from datetime import timedelta
from netra.cases.services.evidence import files_settle
print(files_settle(grace=timedelta(0)))  # the server is stopped: no commit is still in flight
"""


def settle(data_dir: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", SETTLE], env=_env(data_dir, None), capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def count(data_dir: Path, receipts: list[str]) -> str:
    import json

    out = subprocess.run(
        [sys.executable, "-c", COUNT],
        input=json.dumps(receipts),
        env=_env(data_dir, None),
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


PROFILE = """
import django, time
django.setup()
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.core.files.uploadedfile import SimpleUploadedFile
from netra.cases import services
from netra.cases.models import Election
JPEG = %r
data = {"election": Election.objects.get(name="Pilkada Beban").pk, "region": "21.01",
        "description": "Profil satu laporan.", "reporter_name": "Profil", "terlapor_name": "Kepala Dinas",
        "terlapor_subject_type": "PNS"}
services.laporan_submit_public(data=data, files=[SimpleUploadedFile("a.jpg", JPEG)])  # warm caches
cpu = time.process_time()
with CaptureQueriesContext(connection) as queries:
    for _ in range(20):
        services.laporan_submit_public(data=data, files=[SimpleUploadedFile("a.jpg", JPEG)])
service = (len(queries.captured_queries) / 20, (time.process_time() - cpu) * 1000 / 20)
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
def post():
    answer = client.post("/api/v1/cases/reports", {**data, "files": [SimpleUploadedFile("a.jpg", JPEG)]})
    assert answer.status_code == 201, answer.content
post()
cpu = time.process_time()
with CaptureQueriesContext(connection) as queries:
    for _ in range(20):
        post()
request = (len(queries.captured_queries) / 20, (time.process_time() - cpu) * 1000 / 20)
print(*service, *request)
"""


def profile(data_dir: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", PROFILE % JPEG],
        env=_env(data_dir, None),
        capture_output=True,
        text=True,
        check=True,
    )
    queries, cpu_ms, request_queries, request_ms = (float(x) for x in out.stdout.split())
    return (
        f"one report in-process, mean of 20: service {queries:.0f} SQL queries, {cpu_ms:.1f} ms CPU; "
        f"whole API request {request_queries:.0f} queries, {request_ms:.1f} ms CPU"
    )


async def main(args) -> None:
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()}")
    data_dir = Path(tempfile.mkdtemp(prefix="netra-bench-"))
    election = prepare(data_dir)
    proxy = Proxy()
    proxy_port = await proxy.start()
    port = args.port
    server = start_server(data_dir, proxy_port, port, args.workers, args.threads)
    base = f"http://127.0.0.1:{port}"
    receipts: list[str] = []
    try:
        await wait_up(base)
        database = "SQLite (WAL)" if SQLITE else "PostgreSQL"
        print(
            f"server: netra serve --workers {args.workers} --threads {args.threads} on {database}; "
            f"{args.clients} clients, {args.seconds} s a phase"
        )
        warm = await run_phase(base, election, args.clients, 3, None, 0)  # every worker loads its caches
        steady = await run_phase(base, election, args.clients, args.seconds, None, 0)
        report("steady", steady)
        receipts = warm.receipts + steady.receipts
        if not SQLITE and args.outage > 0:
            fault = await run_phase(base, election, args.clients, args.seconds, proxy, args.outage)
            report(f"with the database cut for {args.outage:.0f} s", fault)
            receipts += fault.receipts
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print("receipts against rows:", count(data_dir, receipts))
    print("netra evidence settle:", settle(data_dir))
    print("after settling:", count(data_dir, receipts))
    print(profile(data_dir))  # after counting: its two reports were not answered over HTTP
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--outage", type=float, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--sqlite", action="store_true", help="the embedded SQLite default; no outage phase")
    parser.add_argument("--port", type=int, default=8102)
    arguments = parser.parse_args()
    SQLITE = arguments.sqlite
    asyncio.run(main(arguments))
