"""Every list fast at any scope, at 10 k, 100 k and 1 M cases on PostgreSQL.

    python benchmarks/cases_scale.py [--sizes 10000,100000,1000000] [--repeat 30] [--seed 1]
                                     [--prefix netra_scale] [--host 127.0.0.1:5432] [--explain]
                                     [--only "Kepri / search,PPK"]

For each size, a database ``<prefix>_<size>`` (created when missing) gets the demo (no roster) and
generated cases (``netra demo --cases``, topped up to the size, then VACUUM ANALYZE); a child process
per size then measures, with the Django test client (middleware, views, templates: everything but
the socket), p50/p95 over ``--repeat`` requests after two warm-ups, for five scopes (Bawaslu RI, BKN,
Bawaslu Provinsi Kepulauan Riau, Bawaslu Kabupaten Bintan, the PPK of Pemerintah Kabupaten Bintan):
the case list's first and last page, the API list (limit 50), the queue, and a search of a common
word and a rarer one (``--only``: the "scope / screen" lines holding one of the comma-separated
texts). It prints the
machine and load first, one line per figure (wall-clock p50/p95, and the median CPU time of the
Django process, which a loaded machine inflates far less than wall time; PostgreSQL's own time is
in the wall figure only), and the growth 10 k -> 100 k -> 1 M last. The goal (issue 11) is p95 <
150 ms for every page at one million cases.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

GOAL_MS = 150
SCOPES = {
    "Bawaslu RI": "ri.pimpinan",
    "BKN": "bkn.staf",
    "Kepri": "kepri.pimpinan",
    "Bintan": "bintan.pimpinan",
    "PPK Bintan": "ppk-bintan.staf",
}
SCREENS = {
    "list first": ("/kasus/", {}),
    "list last": ("/kasus/", {"last": "1"}),
    "api list": ("/api/v1/cases/", {"limit": "50"}),
    "queue": ("/kasus/antrean/", {}),
    "search common": ("/kasus/", {"q": "kampanye"}),
    "search rare": ("/kasus/", {"q": "whatsapp pemenangan"}),
}


def main() -> None:
    args = _arguments()
    if args.child:
        _child(args)
        return
    print(_machine(), flush=True)
    results: dict[int, dict] = {}
    for size in args.sizes:
        database = f"{args.prefix}_{_label(size)}"
        _create_database(args.host, database)
        env = {
            **os.environ,
            "NETRA_DATABASE_URL": f"postgres://postgres@{args.host}/{database}",
            "NETRA_DATA_DIR": os.environ.get("NETRA_DATA_DIR", "/tmp/netra-scale-bench"),
        }
        command = [sys.executable, __file__, "--child", "--sizes", str(size), "--repeat", str(args.repeat)]
        command += ["--seed", str(args.seed), *(["--explain"] if args.explain else [])]
        command += ["--only", args.only] if args.only else []
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout is not None
            for line in child.stdout:
                if line.startswith("{"):
                    results[size] = json.loads(line)
                else:
                    print(line, end="", flush=True)
        if child.returncode:
            sys.exit(f"size {size}: the measuring process failed ({child.returncode})")
    _growth(results)
    print(f"after: load {_load()}")


def _label(size: int) -> str:
    return f"{size // 1_000_000}m" if size % 1_000_000 == 0 else f"{size // 1000}k"


def _create_database(host: str, name: str) -> None:
    import psycopg

    server, port = host.split(":")
    with psycopg.connect(
        host=server, port=int(port), user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


# ---------------------------------------------------------------- child: one database, one size


def _child(args) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    django.setup()
    size = args.sizes[0]
    _prepare(size, args.seed)
    from netra.accounts.models import User
    from netra.cases.models import Case

    if args.explain:
        _explain(args.only)
        return
    figures: dict[str, dict] = {}
    for scope, username in SCOPES.items():
        if not any(_chosen(args.only, scope, screen) for screen in SCREENS):
            continue
        user = User.objects.get(username=username)
        scoped = _scope_size(user)
        for screen, (path, query) in SCREENS.items():
            if not _chosen(args.only, scope, screen):
                continue
            timings, cpu, status, size_kb = _measure(user, path, query, args.repeat)
            p50, p95, cpu50 = statistics.median(timings), _percentile(timings, 95), statistics.median(cpu)
            mark = ("ok" if p95 < GOAL_MS else "SLOW") if status == 200 else f"FAILED (HTTP {status})"
            figures[f"{scope} / {screen}"] = {"p50": p50, "p95": p95, "cpu_p50": cpu50, "cases": scoped}
            print(
                f"{_label(size):>5} {scope:<12} ({scoped:>7} cases) {screen:<14} p50 {p50:7.1f} ms  "
                f"p95 {p95:7.1f} ms  (Django CPU p50 {cpu50:5.1f} ms)  {size_kb:6.1f} KB  HTTP {status}  "
                f"{mark}  load {_load()}",
                flush=True,
            )
    print(json.dumps({"size": Case.objects.count(), "figures": figures}))


def _plans(user) -> dict:
    """The SQL behind each screen, as the selectors build it (first rows of a page: size 25 + 1)."""
    from netra.cases import selectors

    def ordered(qs, keys, reverse=False):
        return qs.order_by(*(key.order(reverse=reverse) for key in keys))[:26]

    listed = selectors.case_list_for(user)
    return {
        "list first": ordered(listed, selectors.LIST_KEYS),
        "list last": ordered(listed, selectors.LIST_KEYS, reverse=True),
        "queue": ordered(selectors.queue_for(user), selectors.QUEUE_KEYS),
        "search common": ordered(selectors.case_list_for(user, q="kampanye"), selectors.LIST_KEYS),
        "search rare": ordered(selectors.case_list_for(user, q="whatsapp pemenangan"), selectors.LIST_KEYS),
        "count (bounded)": listed.order_by()[:10001],
    }


def _chosen(only: str, scope: str, screen: str) -> bool:
    """Whether ``--only`` keeps the line "scope / screen" (no ``--only``: every line)."""
    name = f"{scope} / {screen}"
    return not only or any(part.strip() and part.strip() in name for part in only.split(","))


def _explain(only: str = "") -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every screen's main query, per scope (docs/benchmarks.md)."""
    from netra.accounts.models import User

    for scope, username in SCOPES.items():
        user = User.objects.get(username=username)
        for screen, qs in _plans(user).items():
            if not _chosen(only, scope, screen):
                continue
            print(f"\n=== {scope} / {screen}", flush=True)
            print(qs.explain(analyze=True, buffers=True), flush=True)


def _prepare(size: int, seed: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from netra.accounts.models import User
    from netra.cases.demo import demo_load
    from netra.cases.models import Case
    from netra.cases.services.generate import cases_generate

    pending = MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )
    call_command("migrate", interactive=False, verbosity=0)
    if pending:  # rewritten rows and new indexes: fresh statistics and visibility map before measuring
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    if not User.objects.filter(username="ri.admin").exists():
        demo_load(roster_size=0, log=lambda *_: None)
    missing = size - Case.objects.count()
    if missing > 0:
        started = time.perf_counter()
        result = cases_generate(user=User.objects.get(username="ri.admin"), count=missing, seed=seed)
        took = time.perf_counter() - started
        print(
            f"{_label(size):>5} generated {missing} cases in {took:.0f} s ({missing / took:,.0f}/s)",
            flush=True,
        )
        print(f"{_label(size):>5} rows: {result.rows}", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _scope_size(user) -> int:
    from netra.cases.selectors import case_list_for

    return case_list_for(user).count()


def _client(user, api: bool):
    from django.test import Client

    from netra.accounts.services import token_create

    if api:
        _row, raw = token_create(user=user, name=f"benchmark {time.time():.0f}")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client = Client()
    client.force_login(user)
    second_factor_passed(client, user)
    return client


def second_factor_passed(client, user) -> None:
    """The demo's staff have an authenticator enrolled; mark the session as having passed it (what
    django-otp's login step stores), so the pages answer instead of sending back to the login."""
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    device = next(iter(devices_for_user(user)), None)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def _measure(user, path: str, query: dict, repeat: int) -> tuple[list[float], int, float]:
    client = _client(user, api=path.startswith("/api/"))
    for _ in range(2):
        client.get(path, query)
    timings, cpu = [], []
    response = None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path, query)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    assert response is not None
    return timings, cpu, response.status_code, len(response.content) / 1024


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


# ---------------------------------------------------------------- report


def _growth(results: dict[int, dict]) -> None:
    if len(results) < 2:
        return
    sizes = sorted(results)
    print("\np95 growth " + " -> ".join(_label(s) for s in sizes))
    for name in results[sizes[0]]["figures"]:
        values = [results[s]["figures"].get(name, {}).get("p95") for s in sizes]
        shown = " -> ".join("-" if v is None else f"{v:.0f}" for v in values)
        print(f"  {name:<32} {shown} ms")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"machine: {model}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, load {_load()}; "
        f"Python {platform.python_version()} ({sys.platform})"
    )


def _arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", type=lambda s: [int(x) for x in s.split(",")]
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prefix", default="netra_scale")
    parser.add_argument("--host", default="127.0.0.1:5432")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each screen instead")
    parser.add_argument("--only", default="", help='the "scope / screen" lines holding one of these texts')
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
