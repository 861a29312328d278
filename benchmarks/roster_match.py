"""Roster name matching at national scale: build time, memory, latency, recall, and the baseline.

    python benchmarks/roster_match.py [--size 4300000] [--queries 2000] [--baseline-queries 20]

Generates a seeded synthetic roster (netra.names.synthetic), builds a NameIndex, and runs perturbed
queries (titles, old spellings, typos, dropped middle names, initials, reordering...) unblocked and
blocked (by the true record's kab/kota or agency). The baseline, rapidfuzz.process.extract over all
names, runs in the same process on the first --baseline-queries of the same queries: it scans every
name, so it takes seconds per query at full size and only a sample is run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process

from netra.names import NameIndex, canonical_name
from netra.names.perturb import KINDS
from netra.names.synthetic import generate_roster, perturb

TARGETS = {"p95 blocked ms": 10, "p95 unblocked ms": 50, "recall@5": 0.98, "speed ratio": 20, "memory GB": 4}


def main() -> None:
    args = _arguments()
    print(_machine())
    rng = random.Random(args.seed)
    sample = set(rng.sample(range(1, args.size + 1), min(args.queries, args.size)))
    names, truths = [], {}
    rss_before = _rss_mb()
    started = time.perf_counter()

    def records():
        for person in generate_roster(args.size, seed=args.seed):
            names.append(person.nama)
            if person.id in sample:
                truths[person.id] = person
            yield person.record()

    index = NameIndex.build(records())
    build_s = time.perf_counter() - started
    rss_after = _rss_mb()
    print(
        f"roster {args.size:,} records; generate + build {build_s:.1f} s; "
        f"RSS {rss_before:.0f} -> {rss_after:.0f} MB (names list for the baseline included)"
    )
    queries = _queries(truths, rng)
    results = _run(index, queries)
    baseline = _baseline(names, queries[: args.baseline_queries], index)
    _report(args, build_s, results, baseline)


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=4_300_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--baseline-queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def _queries(truths, rng):
    out = []
    for person in sorted(truths.values(), key=lambda p: p.id):
        query = perturb(person.nama, rng)
        by_region = rng.random() < 0.5
        block = {"region_code": person.kode_wilayah[:5]} if by_region else {"agency_id": person.agency_id}
        out.append((person, query, block))
    return out


def _run(index, queries):
    timings = {"unblocked": [], "blocked": []}
    hits = {key: Counter() for key in timings}
    by_kind = {key: defaultdict(Counter) for key in timings}
    for person, query, block in queries:
        for kind, kwargs in (("unblocked", {}), ("blocked", block)):
            started = time.perf_counter()
            matches = index.search(query.text, limit=5, **kwargs)
            timings[kind].append((time.perf_counter() - started) * 1000)
            found = _count(person, [m.id for m in matches], index, index.namesakes(person.id, **kwargs))
            hits[kind].update(found)
            for perturbation in query.kinds:
                by_kind[kind][perturbation].update(found | {"n": 1})
    return timings, hits, by_kind


def _count(person, ids, index, namesakes) -> dict[str, float]:
    """strict: the true record. name: a record with the truth's normalised name (a namesake, which the
    name alone cannot tell apart). ceiling: the best recall@5 any ranking by name can reach, 5 / the
    number of namesakes in the scope, capped at 1."""
    truth = canonical_name(person.nama)
    same = [i == person.id or getattr(index.get(i), "name", None) == truth for i in ids]
    return {
        "strict@1": bool(ids) and ids[0] == person.id,
        "strict@5": person.id in ids,
        "name@1": bool(same) and same[0],
        "name@5": any(same),
        "ceiling@5": min(1.0, 5 / max(namesakes, 1)),
        "shared": namesakes > 5,
    }


def _baseline(names, queries, index):
    ours, theirs, found = [], [], 0
    for person, query, _ in queries:
        started = time.perf_counter()
        top = process.extract(query.text, names, scorer=fuzz.WRatio, limit=5)
        theirs.append(time.perf_counter() - started)
        found += person.id in [pos + 1 for _, _, pos in top]  # ids are 1..size in generation order
        started = time.perf_counter()
        index.search(query.text, limit=5)
        ours.append(time.perf_counter() - started)
    return {
        "queries": len(queries),
        "baseline ms": 1000 * statistics.mean(theirs) if theirs else 0,
        "ours ms": 1000 * statistics.mean(ours) if ours else 0,
        "baseline recall@5": found / max(len(queries), 1),
    }


def _report(args, build_s, results, baseline):
    timings, hits, by_kind = results
    n = len(timings["unblocked"])
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(
        f"\nqueries {n} perturbed, each run unblocked and blocked; build {build_s:.1f} s; "
        f"peak RSS {peak_gb:.2f} GB"
    )
    for kind, values in timings.items():
        p50, p95 = _pct(values, 50), _pct(values, 95)
        h = hits[kind]
        print(
            f"  {kind:9s} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  recall@1 {h['strict@1'] / n:.3f}  "
            f"recall@5 {h['strict@5'] / n:.3f} of a ceiling of {h['ceiling@5'] / n:.3f} "
            f"(= {h['strict@5'] / h['ceiling@5']:.3f} of what a name can reach; "
            f"{h['shared'] / n:.1%} of truths have over 5 namesakes in scope)  "
            f"same-name recall@1 {h['name@1'] / n:.3f}, @5 {h['name@5'] / n:.3f}"
        )
    print("  recall@5 by perturbation (a query may carry two): strict / ceiling / same-name")
    for name in KINDS:
        cells = []
        for kind in timings:
            c = by_kind[kind][name]
            m = max(c["n"], 1)
            cells.append(f"{kind} {c['strict@5'] / m:.3f} / {c['ceiling@5'] / m:.3f} / {c['name@5'] / m:.3f}")
        print(f"    {name:20s} n={by_kind['blocked'][name]['n']:5d}  " + "   ".join(cells))
    ratio = baseline["baseline ms"] / baseline["ours ms"] if baseline["ours ms"] else float("nan")
    print(
        f"  baseline rapidfuzz.process.extract(WRatio) over {args.size:,} names, "
        f"{baseline['queries']} queries: {baseline['baseline ms']:.0f} ms/query, "
        f"recall@5 {baseline['baseline recall@5']:.3f}; "
        f"index {baseline['ours ms']:.1f} ms/query on the same queries; speed ratio {ratio:.0f}x"
    )
    print(f"  targets: {TARGETS}")


def _pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"machine: {model}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, load {load}; "
        f"Python {platform.python_version()} ({sys.platform})"
    )


if __name__ == "__main__":
    main()
