"""Monitoring pipeline throughput: a synthetic stream of posts through ingest and the whole pipeline.

    python benchmarks/monitoring.py [--posts 1000000] [--rate 1500] [--workers 2] [--no-kill]

PostgreSQL (database ``netra_monitor_bench`` on 127.0.0.1:5432, dropped and recreated) and the RQ
broker on the local Redis (database 13, its "default" queue emptied first), with ``--workers``
``netra worker`` processes (RQ SimpleWorker: one process each, warm caches). The script seeds a
roster, watched accounts and the devset's Pilpres 2024 configuration, then feeds posts through
``items_add`` in chunks of 1,000 (as the push API does) at ``--rate`` posts/s, SIGKILLs one worker's
process group at 40 % of the stream and starts a replacement (a supervisor's job); the dead worker's
batch is due again once its lease expires (the sweeper, scheduled inside the workers, deletes it).

The stream is generated here from our own templates (no corpus text): about 2 % partisan posts
naming the configured candidates, 5 % copies of a few thousand messages posted by several accounts
(near-duplicate clusters), watched accounts and display names of roster members.

Prints: the machine and its load, posts/s sustained (first arrival to last completion, and until 99 %
were done), p50/p95/max arrival->queue latency, worker RSS (max per process), lost and duplicated items
(must be 0), the national scale the rate implies (posts/day), and the CPU budget: CPU milliseconds per
post of the feeder (``items_add`` apart), the workers, PostgreSQL's backends for this database, the
server's own processes and Redis, with the rate their sum allows on this machine's cores (the
load-independent figure: see ``CpuMeter``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "netra_monitor_bench"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
BROKER_URL = "redis://127.0.0.1:6379/13"
DATA_DIR = "/tmp/netra-monitor-bench"
CHUNK = 1000
GOALS = {"posts_per_s": 1500, "p95_s": 5.0, "rss_mb": 500}

ENV = {
    "NETRA_DATABASE_URL": PG_URL,
    "NETRA_DATA_DIR": DATA_DIR,
    "NETRA_TASKS_BACKEND": "django_tasks_rq.RQBackend",
    "NETRA_BROKER_URL": BROKER_URL,
    "NETRA_TASK_QUEUES": "default",
    "NETRA_RQ_WORKER_CLASS": "rq.worker.SimpleWorker",
    "NETRA_MONITOR_LEASE": "20",  # a batch takes 1-3 s here: the lease only bounds a dead worker's wait
    "NETRA_REMINDER_INTERVAL": "5",
    "NETRA_SCHEDULED_TASKS": "netra.monitoring.tasks.pipeline_sweep",
    "DJANGO_SETTINGS_MODULE": "netra.settings",
}

# Our own templates (Bahasa Indonesia, everyday posts; no corpus sentence).
OPENERS = ["Pagi ini", "Sore tadi", "Barusan", "Hari ini", "Malam ini", "Tadi siang", "Minggu ini"]
SUBJECTS = [
    "jalan di depan pasar",
    "posyandu di kampung kami",
    "antrean di puskesmas",
    "harga cabai di pasar",
    "lomba tujuh belasan",
    "kerja bakti warga",
    "banjir di perumahan",
    "jadwal ronda malam",
    "pengajian ibu-ibu",
    "latihan voli pemuda",
]
PREDICATES = [
    "ramai sekali",
    "sudah mulai diperbaiki",
    "lebih sepi dari biasanya",
    "berjalan lancar",
    "bikin macet lagi",
    "seru dan penuh tawa",
    "perlu perhatian pemerintah desa",
]
CLOSERS = ["Semoga bermanfaat.", "Tetap semangat!", "Jaga kesehatan ya.", "Terima kasih semua.", ""]
PARTISAN = [
    "Ayo dukung {cand}, coblos nomor {num} tanggal 14 Februari! {tag}",
    "Sebagai {role} saya ajak warga pilih {cand}, nomor {num} untuk Indonesia maju {tag}",
    "Hadir di deklarasi relawan {cand} bersama rekan kantor, menangkan nomor {num}! {tag}",
    "Salam {num} jari, {cand} pasti menang. {tag}",
]
CANDIDATES = [
    (1, "Anies Muhaimin", "#AMIN2024"),
    (2, "Prabowo Gibran", "#PrabowoGibran2024"),
    (3, "Ganjar Mahfud", "#GanjarMahfud2024"),
]
ROLES = ["guru", "camat", "lurah", "ASN", "kepala desa", "pegawai dinas"]
FIRST = [
    "Siti",
    "Budi",
    "Dewi",
    "Ahmad",
    "Rina",
    "Yusuf",
    "Agus",
    "Sri",
    "Eko",
    "Nur",
    "Indah",
    "Rudi",
    "Wahyu",
]
LAST = ["Rahmawati", "Santoso", "Lestari", "Fauzi", "Marlina", "Maulana", "Hartono", "Wibowo", "Saputra"]


PG_SETTINGS = ("shared_buffers", "max_wal_size", "autovacuum", "synchronous_commit")


def postgres_settings() -> str:
    """The server settings the figures depend on; a server without autovacuum (some CI images turn it
    off) never analyses the growing tables, and its plans go wrong within minutes."""
    shown = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-Atc",
            "SELECT string_agg(name || '=' || current_setting(name), ' ') FROM unnest(%s) AS name"
            % ("ARRAY[" + ",".join(f"'{n}'" for n in PG_SETTINGS) + "]"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if "autovacuum=off" in shown:
        print("WARNING: autovacuum is off: turn it on as in production (docs/deployment.md)", flush=True)
    return shown


def machine() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, load {load}; "
        f"Python {platform.python_version()}"
    )


# ---------------------------------------------------------------------------------- setup


def recreate_database() -> None:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True, stderr=subprocess.DEVNULL)
    subprocess.run([*psql, f"CREATE DATABASE {DB_NAME}"], check=True)


def django_setup() -> None:
    os.environ.update(ENV)
    Path(DATA_DIR).mkdir(parents=True, exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def seed(rng: random.Random, roster_size: int, watched_count: int):
    """Regions, a Bawaslu office tree, a roster, watched accounts, the Pilpres election."""
    import tomllib

    from netra.accounts.models import Office
    from netra.cases.models import Election
    from netra.cases.services.elections import election_config_import
    from netra.monitoring.models import Source, WatchedAccount
    from netra.registry.matching import roster_index_refresh
    from netra.registry.models import Agency, Pegawai, Region
    from netra.registry.services.counters import counter_bump

    regions = []
    for p in range(1, 5):
        province = Region.objects.create(
            code=f"3{p}", name=f"Provinsi Uji {p}", level=1, kind="provinsi", timezone="WIB"
        )
        for k in range(1, 6):
            regions.append(
                Region.objects.create(
                    code=f"3{p}.0{k}",
                    name=f"Kabupaten Uji {p}{k}",
                    level=2,
                    kind="kabupaten",
                    parent=province,
                    timezone="WIB",
                )
            )
    ri = Office.objects.create(name="Bawaslu RI", kind=Office.Kind.BAWASLU_RI, region_code="")
    for region in regions:
        Office.objects.create(
            name=f"Bawaslu {region.name}",
            kind=Office.Kind.BAWASLU_KABKOTA,
            region=region,
            region_code=region.code,
            parent=ri,
        )
    agencies = [Agency.objects.create(name=f"Pemerintah {r.name}", kind="pemkab", region=r) for r in regions]
    people = []
    for index in range(roster_size):
        name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)} {index}"
        agency = rng.choice(agencies)
        people.append(
            Pegawai(
                full_name=name,
                name_normalized=name.lower(),
                nip=f"19{index:016d}",
                agency=agency,
                region_id=agency.region_id,
                position=rng.choice(["guru", "camat", "lurah", "staf", ""]),
                employment_type="pns",
            )
        )
    Pegawai.objects.bulk_create(people, batch_size=5000)
    counter_bump()
    roster_index_refresh()  # built once here; the workers load it from the data directory
    pegawai = list(Pegawai.objects.values_list("pk", "full_name"))
    watched = []
    for index in range(watched_count):
        pk, _name = pegawai[index % len(pegawai)]
        watched.append(WatchedAccount(platform="x", handle=f"asn_{index}", pegawai_id=pk, office=ri))
    WatchedAccount.objects.bulk_create(watched)
    election = Election.objects.create(name="Pilpres 2024", regime="pemilu", voting_day="2024-02-14")
    data = tomllib.loads((ROOT / "benchmarks/devset/election_pilpres2024.toml").read_text())
    outcome = election_config_import(election=election, data=data, region_code="", user=None)
    assert not outcome.errors, outcome.errors
    source = Source.objects.create(
        name="Mitra benchmark", kind=Source.Kind.PUSH, office=ri, election=election
    )
    return source, [name for _pk, name in pegawai]


# ---------------------------------------------------------------------------------- the stream


def stream(rng: random.Random, total: int, names: list[str], watched_count: int):
    """Rows of posts: 2 % partisan, 5 % copies of campaign messages, the rest everyday posts."""
    messages = [
        f"{rng.choice(OPENERS)} mari kita {rng.choice(['hadiri', 'ramaikan', 'dukung'])} acara "
        f"{rng.choice(SUBJECTS)} nomor {n}, ajak keluarga dan tetangga ya #acara{n}"
        for n in range(3000)
    ]
    start = time.time() - 3 * 86400
    for index in range(total):
        draw = rng.random()
        account = rng.randrange(300_000)
        handle, name, bio = f"akun{account}", "", ""
        if draw < 0.02:
            number, candidate, tag = rng.choice(CANDIDATES)
            role = rng.choice(ROLES)
            text = rng.choice(PARTISAN).format(cand=candidate, num=number, tag=tag, role=role)
            if rng.random() < 0.5:
                handle = f"asn_{rng.randrange(watched_count)}"
            else:
                name, bio = rng.choice(names), f"{role} di kabupaten"
        elif draw < 0.07:
            text = messages[rng.randrange(len(messages))]
            if rng.random() < 0.2:
                handle = f"asn_{rng.randrange(watched_count)}"
        else:
            text = (
                f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}, "
                f"kata {rng.choice(FIRST)} {rng.randrange(10_000)}. {rng.choice(CLOSERS)}"
            )
            if rng.random() < 0.1:
                name = rng.choice(names)
        yield {
            "platform": "x",
            "author_handle": handle,
            "author_name": name,
            "author_bio": bio,
            "text": text + f" ({index})" if draw >= 0.07 else text,
            "url": f"https://x.example/{handle}/status/{index}",
            "posted_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(start + index * 0.2)),
            "reactions": rng.randrange(500),
            "shares": rng.randrange(50),
        }


# ---------------------------------------------------------------------------------- workers


def start_worker(index: int) -> subprocess.Popen:
    log = open(Path(DATA_DIR) / f"worker-{index}.log", "w")  # noqa: SIM115 (kept open for the process)
    env = {**os.environ, **ENV}
    return subprocess.Popen(
        [sys.executable, "-c", "from netra.cli import main; main()", "worker"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=ROOT,
    )


def rss_mb(pid: int) -> float:
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for proc in [pid, *map(int, children)]:
        try:
            for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total = max(total, int(line.split()[1]) / 1024)
        except OSError:
            pass
    return total


TICK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid: int, *, children: bool = False) -> float | None:
    """CPU seconds (user + system) a process used, from /proc; with ``children`` also those of its
    waited-for children. None when the process is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / TICK


def procs_named(name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


class CpuMeter:
    """CPU seconds of the run's processes between ``start`` and ``stop`` (the load-independent cost):

    * workers: each worker process and its children, last value seen (a killed worker keeps what it
      had used at the last sample);
    * PostgreSQL: the backends serving the benchmark's database (pids from pg_stat_activity, sampled
      every 2 s: a backend seen first during the run counts whole, one that ends keeps its last
      sample), plus the server's own processes (WAL writer, checkpointer, background writer,
      autovacuum, the postmaster) as ``postgres_other``, which on a shared server also does others' work;
    * Redis: the redis-server process (shared too: other databases' clients count);
    * the feeder: this process (generating rows and ``items_add``), with ``items_add`` alone apart.
    """

    def __init__(self) -> None:
        self.first: dict[tuple[str, int], float] = {}
        self.last: dict[tuple[str, int], float] = {}
        self.lock = threading.Lock()
        self.backends: set[int] = set()
        self.started = 0.0

    def see(self, role: str, pid: int, *, children: bool = False, new: bool = False) -> None:
        value = proc_cpu(pid, children=children)
        if value is None:
            return
        with self.lock:
            self.first.setdefault((role, pid), 0.0 if new else value)
            self.last[(role, pid)] = value

    def sample(self, workers: list[subprocess.Popen], cursor=None) -> None:
        for worker in workers:
            self.see("workers", worker.pid, new=True)
            try:
                kids = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
            except OSError:
                kids = []
            for kid in kids:
                self.see("workers", int(kid), new=True)
        others: set[int] = set()
        if cursor is not None:
            cursor.execute("SELECT pid, datname, backend_type FROM pg_stat_activity")
            seen = set()
            for pid, datname, backend_type in cursor.fetchall():
                if datname == DB_NAME:
                    seen.add(pid)
                elif backend_type == "client backend":
                    others.add(pid)  # another database's session: not ours
            for pid in seen:
                self.see("postgres", pid, new=self.started > 0 and pid not in self.backends)
            self.backends |= seen
        for pid in procs_named("postgres"):
            if pid not in self.backends and pid not in others:
                self.see("postgres_other", pid)  # WAL writer, checkpointer, autovacuum, postmaster
        for pid in procs_named("redis-server"):
            self.see("redis", pid)

    def start(self, workers, cursor) -> None:
        """The baseline: what the processes used before the stream (the workers' start-up) is not
        counted; a worker started later (the replacement of the killed one) counts whole."""
        for worker in workers:
            self.see("workers", worker.pid)
        self.sample(workers, cursor)
        self.started = time.time()

    def totals(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        with self.lock:
            for key, value in self.last.items():
                out[key[0]] += value - self.first[key]
        return dict(out)


class Sampler(threading.Thread):
    def __init__(self, workers: list[subprocess.Popen], meter: CpuMeter | None = None):
        super().__init__(daemon=True)
        self.workers = workers
        self.meter = meter
        self.max_rss = 0.0
        self.loads: list[float] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        import psycopg

        connection = psycopg.connect(PG_URL.replace(DB_NAME, "postgres"), autocommit=True)
        with connection, connection.cursor() as cursor:
            while not self.stopped.wait(2):
                for worker in list(self.workers):
                    self.max_rss = max(self.max_rss, rss_mb(worker.pid))
                self.loads.append(os.getloadavg()[0])
                if self.meter is not None:
                    self.meter.sample(list(self.workers), cursor)


def cpu_budget(cpu: dict[str, float], posts: int) -> dict[str, float]:
    """CPU milliseconds per new post by role; ``total`` leaves out ``ingest`` (part of ``feeder``)."""
    posts = max(1, posts)
    roles = ("feeder", "ingest", "workers", "postgres", "postgres_other", "redis")
    out = {role: round(1000 * cpu.get(role, 0.0) / posts, 3) for role in roles}
    out["total"] = round(sum(value for role, value in out.items() if role != "ingest"), 3)
    return out


def budget_line(budget: dict[str, float]) -> str:
    cores = os.cpu_count() or 1
    ceiling = 1000 * cores / budget["total"] if budget["total"] else float("inf")
    return (
        f"CPU per post: feeder {budget['feeder']} ms (items_add {budget['ingest']}), workers "
        f"{budget['workers']}, PostgreSQL {budget['postgres']} (+ server {budget['postgres_other']}), "
        f"Redis {budget['redis']}; total {budget['total']} ms -> at most {ceiling:,.0f} posts/s on "
        f"{cores} cores"
    )


# ---------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=1500, help="posts/s fed (0: as fast as ingest goes)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--roster", type=int, default=50_000)
    parser.add_argument("--watched", type=int, default=2_000)
    parser.add_argument("--no-kill", action="store_true", help="do not kill a worker mid-run")
    parser.add_argument("--drain-timeout", type=float, default=3600)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    rng = random.Random(12)
    print(f"machine: {machine()}", flush=True)
    print(f"PostgreSQL: {postgres_settings()}", flush=True)
    recreate_database()
    django_setup()
    import django_rq
    from django.db import connection

    from netra.monitoring.models import Item
    from netra.monitoring.services.ingest import items_add

    django_rq.get_queue("default").empty()
    t0 = time.time()
    source, names = seed(rng, args.roster, args.watched)
    print(f"seeded roster {args.roster}, watched {args.watched} in {time.time() - t0:.0f} s", flush=True)
    workers = [start_worker(i) for i in range(args.workers)]
    meter = CpuMeter()
    sampler = Sampler(workers, meter)
    time.sleep(3)
    with connection.cursor() as cursor:
        meter.start(workers, cursor)
    sampler.start()
    feeder_cpu = time.thread_time()
    ingest_cpu = 0.0
    new = received = 0
    killed_at = None
    started = time.time()
    chunk: list[dict] = []
    for index, row in enumerate(stream(rng, args.posts, names, args.watched), start=1):
        chunk.append(row)
        if len(chunk) < CHUNK and index < args.posts:
            continue
        before = time.thread_time()
        result = items_add(source=source, rows=chunk, kind="post")
        ingest_cpu += time.thread_time() - before
        new, received = new + result.new, received + result.received
        chunk = []
        if args.rate:
            ahead = index / args.rate - (time.time() - started)
            if ahead > 0:
                time.sleep(ahead)
        if killed_at is None and not args.no_kill and index >= 0.4 * args.posts:
            victim = workers[0]
            for child in Path(f"/proc/{victim.pid}/task/{victim.pid}/children").read_text().split():
                os.kill(int(child), signal.SIGKILL)  # a forked job process (rq.Worker) has its own session
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait()
            killed_at = time.time() - started
            workers[0] = start_worker(len(workers) + 1)
            print(
                f"killed worker {victim.pid} at {index} posts ({killed_at:.0f} s); replacement started",
                flush=True,
            )
        if index % 50_000 < CHUNK:
            waiting = Item.objects.filter(state__in=["pending", "failed"]).count()  # the partial index
            print(
                f"  fed {index}, waiting {waiting}, {time.time() - started:.0f} s, "
                f"load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    fed_seconds = time.time() - started
    feeder_cpu = time.thread_time() - feeder_cpu
    print(f"fed {received} posts ({new} new) in {fed_seconds:.0f} s; draining", flush=True)
    deadline = time.time() + args.drain_timeout
    while time.time() < deadline:
        # The states the pipeline index holds (an index scan, not a count of every row).
        remaining = Item.objects.filter(state__in=["pending", "failed"]).count()
        if remaining == 0:
            break
        time.sleep(5)
    sampler.stopped.set()
    sampler.join()
    with connection.cursor() as cursor:
        meter.sample(workers, cursor)
    cpu = meter.totals()
    cpu["feeder"], cpu["ingest"] = feeder_cpu, ingest_cpu
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FILTER (WHERE state = 'done'),
                      count(*) FILTER (WHERE state = 'parked'),
                      count(*) FILTER (WHERE state NOT IN ('done', 'parked')),
                      count(*) FILTER (WHERE state = 'done' AND (versions->>'runs')::int <> 1),
                      min(received_at), max(processed_at),
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY latency),
                      percentile_cont(0.95) WITHIN GROUP (ORDER BY latency),
                      max(latency),
                      percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at))
               FROM (SELECT *, extract(epoch FROM processed_at - received_at) AS latency
                     FROM monitoring_item) AS items"""
        )
        done, parked, unfinished, duplicated, first, last, p50, p95, worst, t99 = cursor.fetchone()
        p50, p95, worst = (float(value or 0) for value in (p50, p95, worst))
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE size > 1), count(*) FILTER (WHERE coordinated) "
            "FROM monitoring_cluster"
        )
        clusters, multi, coordinated = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM monitoring_item WHERE score >= 0.5")
        (flagged,) = cursor.fetchone()
    seconds = (last - first).total_seconds() if first and last else float("nan")
    rate = done / seconds if seconds else 0.0
    # The rate until 99 % of the items were done: the killed worker's batch waits for its lease (the
    # last percent), which on a short run would otherwise dominate the end-to-end time.
    seconds99 = (t99 - first.timestamp()) if first and t99 else float("nan")
    rate99 = 0.99 * done / seconds99 if seconds99 else 0.0
    figures = {
        "posts": received,
        "new": new,
        "done": done,
        "parked": parked,
        "lost": new - done - parked + 0 * unfinished,
        "unfinished": unfinished,
        "duplicated": duplicated,
        "seconds": round(seconds, 1),
        "posts_per_s": round(rate, 1),
        "posts_per_s_to_99pct": round(rate99, 1),
        "p50_s": round(p50 or 0, 2),
        "p95_s": round(p95 or 0, 2),
        "max_s": round(worst or 0, 2),
        "worker_rss_mb": round(sampler.max_rss, 1),
        "load_avg": round(sum(sampler.loads) / max(1, len(sampler.loads)), 2),
        "killed_worker_at_s": round(killed_at, 1) if killed_at is not None else None,
        "clusters": clusters,
        "clusters_with_copies": multi,
        "coordinated": coordinated,
        "flagged_posts": flagged,
        "cpu_ms_per_post": cpu_budget(cpu, new),
        "fed_rate": args.rate,
        "workers": args.workers,
        "posts_per_day": round(rate * 86400),
        "machine": machine(),
        "postgres": postgres_settings(),
    }
    print(json.dumps(figures, indent=2))

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    verdict = [
        f"posts/s {rate:.0f} (goal >= {GOALS['posts_per_s']}): {met(rate >= GOALS['posts_per_s'])}; "
        f"{rate99:.0f} until 99 % were done",
        f"p95 arrival->queue {figures['p95_s']} s (goal < {GOALS['p95_s']}): {met(p95 < GOALS['p95_s'])}",
        f"worker RSS {figures['worker_rss_mb']} MB (goal < {GOALS['rss_mb']}): "
        f"{met(sampler.max_rss < GOALS['rss_mb'])}",
        f"lost {figures['lost']}, duplicated {duplicated}",
        f"national scale: {figures['posts_per_day']:,} posts/day at this rate",
        budget_line(figures["cpu_ms_per_post"]),
    ]
    print("\n".join(verdict))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
