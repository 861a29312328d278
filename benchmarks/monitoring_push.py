"""Monitoring push API throughput: partners' posts over HTTP into ``POST /api/v1/monitoring/items``.

    python benchmarks/monitoring_push.py [--posts 200000] [--batch 500] [--clients 4] [--workers 2]
                                         [--threads 2]

The web tier alone: ``benchmarks/monitoring.py`` measures the pipeline with a feeder that calls
``items_add`` in-process; a partner pushing over HTTP adds JSON parsing, validation, token checks and
the server. Same database, seed and synthetic stream as that script (PostgreSQL ``netra_monitor_bench``,
dropped and recreated; RQ on the local Redis, database 13). No pipeline worker runs: the tasks each
request enqueues wait in Redis and are dropped at the end.

The rows are made and serialised before the clock starts; ``--clients`` asyncio clients (httpx) then
post batches of ``--batch`` items to ``netra serve --workers N --threads T`` (gunicorn) as fast as it
answers. Prints the machine, items/s accepted, request latency p50/p95/max, the CPU milliseconds per
item of the server processes and of PostgreSQL's backends (the load-independent cost; ``CpuMeter``
from monitoring.py), and checks: every item stored once, a batch pushed again adds nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import monitoring as bench  # the sibling benchmark: database, seed, stream, CPU meter

PORT = 8113
RATES = {"NETRA_MONITOR_PUSH_RATE": "0/m", "NETRA_MONITOR_PUSH_GLOBAL_RATE": "0/m"}  # not measured here


def prepare(posts: int, batch: int) -> tuple[str, list[bytes], int]:
    """The database, a pengawas of Bawaslu RI with an API token, and the request bodies."""
    bench.recreate_database()
    bench.django_setup()
    from netra.accounts.models import Office, Role, User
    from netra.accounts.services import token_create

    rng = random.Random(7)
    source, names = bench.seed(rng, roster_size=20_000, watched_count=2_000)
    user = User.objects.create_user(
        username="mitra.bench", password=None, office=Office.objects.get(kind=Office.Kind.BAWASLU_RI)
    )
    User.objects.filter(pk=user.pk).update(role=Role.PENGAWAS)
    _token, raw = token_create(user=User.objects.get(pk=user.pk), name="benchmark")
    rows = list(bench.stream(rng, posts, names, watched_count=2_000))
    bodies = [
        json.dumps({"source": source.name, "items": rows[start : start + batch]}).encode()
        for start in range(0, len(rows), batch)
    ]
    return raw, bodies, len({(row["url"], row["text"]) for row in rows})


def start_server(workers: int, threads: int) -> subprocess.Popen:
    log = open(Path(bench.DATA_DIR) / "push-server.log", "w")  # noqa: SIM115 (kept open for the server)
    command = [sys.executable, "-c", "from netra.cli import main; main()", "serve"]
    command += ["--port", str(PORT), "--workers", str(workers), "--threads", str(threads)]
    return subprocess.Popen(
        command,
        env={**os.environ, **bench.ENV, **RATES, "NETRA_DB_CONN_MAX_AGE": "300"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=bench.ROOT,
    )


async def wait_up(client: httpx.AsyncClient) -> None:
    for _ in range(120):
        try:
            if (await client.get("/api/v1/openapi.json")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.5)
    raise SystemExit("the server did not start: see push-server.log in " + bench.DATA_DIR)


async def push_all(client: httpx.AsyncClient, bodies: list[bytes], clients: int) -> tuple[list[float], int]:
    """Post every body once, ``clients`` at a time; the latencies and the items answered as new."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    new = 0

    async def one_client() -> None:
        nonlocal new
        while not queue.empty():
            body = queue.get_nowait()
            began = time.perf_counter()
            answer = await client.post("/api/v1/monitoring/items", content=body)
            latencies.append(time.perf_counter() - began)
            if answer.status_code != 200 or answer.json()["errors"]:
                raise SystemExit(f"push refused: {answer.status_code} {answer.text[:500]}")
            new += answer.json()["new"]

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies, new


def stored_items() -> int:
    from netra.monitoring.models import Item

    return Item.objects.count()


def drop_queued_tasks() -> None:
    import redis

    redis.Redis.from_url(bench.BROKER_URL).flushdb()


def server_cpu(server: subprocess.Popen) -> float:
    """CPU seconds of the server: gunicorn's master and its worker processes."""
    try:
        kids = [
            int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        ]
    except OSError:
        kids = []
    return sum(bench.proc_cpu(pid) or 0.0 for pid in [server.pid, *kids])


async def measure(args, token: str, bodies: list[bytes], server, meter, sampler) -> tuple:
    """Warm every server process, then push the rest with the CPU meter running."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    base_url = f"http://127.0.0.1:{PORT}"
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=120) as client:
        await wait_up(client)
        await push_all(client, bodies[:2], 2)  # every worker process loads its code once
        import psycopg

        conn = psycopg.connect(bench.PG_URL.replace(bench.DB_NAME, "postgres"), autocommit=True)
        with conn:
            meter.start([], conn.cursor())  # PostgreSQL's backends only: the server is counted below
            sampler.start()
            web_before, began = server_cpu(server), time.perf_counter()
            latencies, new = await push_all(client, bodies[2:], args.clients)
            elapsed, web = time.perf_counter() - began, server_cpu(server) - web_before
            meter.sample([], conn.cursor())
        sampler.stopped.set()
        sampler.join()
        again = await client.post("/api/v1/monitoring/items", content=bodies[-1])
    return latencies, new, elapsed, again.json(), web


def report(args, bodies, distinct, measured, meter, sampler) -> None:
    latencies, new, elapsed, repeat, web = measured
    pushed = sum(len(json.loads(body)["items"]) for body in bodies[2:])
    web_ms, pg_ms = 1000 * web / max(1, pushed), 1000 * meter.totals().get("postgres", 0.0) / max(1, pushed)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"pushed {pushed:,} items in {len(latencies):,} requests of {args.batch} with {args.clients} clients "
        f"to {args.workers} x {args.threads} gunicorn: {pushed / elapsed:,.0f} items/s; request p50 "
        f"{statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s"
    )
    ceiling = 1000 * (os.cpu_count() or 1) / (web_ms + pg_ms) if web_ms + pg_ms else float("inf")
    print(
        f"CPU per item: web {web_ms:.3f} ms, PostgreSQL {pg_ms:.3f} ms -> the push path alone allows "
        f"at most {ceiling:,.0f} items/s on {os.cpu_count()} cores; server RSS {sampler.max_rss:.0f} MB"
    )
    stored = stored_items()
    print(
        f"stored {stored:,} items for {distinct:,} distinct posts ({new:,} answered new after warm-up); "
        f"the last batch again: new {repeat['new']}, duplicates {repeat['duplicates']}"
    )
    if stored != distinct or repeat["new"] != 0:
        raise SystemExit("items lost or stored twice")
    print(f"load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=500, help="items a request (at most 1,000)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {bench.machine()}")
    print(f"PostgreSQL: {bench.postgres_settings()}")
    drop_queued_tasks()
    token, bodies, distinct = prepare(args.posts, args.batch)
    server = start_server(args.workers, args.threads)
    meter = bench.CpuMeter()
    sampler = bench.Sampler([server])  # the server's RSS; CPU is read at the start and the end
    try:
        measured = asyncio.run(measure(args, token, bodies, server, meter, sampler))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        drop_queued_tasks()
    report(args, bodies, distinct, measured, meter, sampler)


if __name__ == "__main__":
    main()
