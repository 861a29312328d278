"""Post scoring benchmark: accuracy on the authored development set and throughput on one core.

Run alone with ``python benchmarks/posts_bench.py``; ``benchmarks/text.py`` calls ``bench_posts()``.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections import Counter, defaultdict
from pathlib import Path

from netra.text.election import ElectionConfig
from netra.text.posts import THRESHOLD, score_posts

DEVSET = Path(__file__).resolve().parent / "devset"
MIN_POSTS = 20_000


def load_devset() -> dict[str, list[dict]]:
    """Devset posts grouped by the election configuration file they belong to."""
    groups: dict[str, list[dict]] = defaultdict(list)
    with (DEVSET / "posts.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                groups[record["election"]].append(record)
    return groups


def _accuracy(groups: dict[str, list[dict]], elections: dict[str, ElectionConfig]) -> dict:
    counts = Counter()
    by_category: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for name, records in groups.items():
        for record, result in zip(records, score_posts(records, elections[name]), strict=True):
            predicted, gold = result.flagged, bool(record["label"])
            counts[(predicted, gold)] += 1
            by_category[record["category"]]["flagged" if predicted else "not_flagged"] += 1
            if predicted != gold:
                errors.append({"id": record["id"], "gold": int(gold), "score": round(result.score, 3)})
    tp, fp, fn = counts[(True, True)], counts[(True, False)], counts[(False, True)]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "posts": sum(counts.values()),
        "positives": tp + fn,
        "threshold": THRESHOLD,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "flagged_by_category": {key: dict(value) for key, value in sorted(by_category.items())},
        "errors": errors,
    }


def _throughput(groups: dict[str, list[dict]], elections: dict[str, ElectionConfig]) -> dict:
    total = sum(len(records) for records in groups.values())
    copies = -(-MIN_POSTS // total)
    replicated = {
        name: [_copy(record, copy) for copy in range(copies) for record in records]
        for name, records in groups.items()
    }
    started, started_cpu = time.perf_counter(), time.process_time()
    scored = sum(len(score_posts(records, elections[name])) for name, records in replicated.items())
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    return {
        "posts": scored,
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(elapsed, 3),
        # CPU time of this single-threaded process: the figure for one core, robust to a busy machine.
        "posts_per_second": round(scored / cpu),
        "posts_per_wall_second": round(scored / elapsed),
    }


def _copy(record: dict, copy: int) -> dict:
    """A distinct copy (id, bio and text differ) so that no per-string cache can inflate the figure."""
    return {
        **record,
        "id": f"{record['id']}-{copy}",
        "bio": f"{record['bio']} {copy}",
        "text": f"{record['text']} ~{copy}",
    }


def bench_posts() -> dict:
    """Accuracy on benchmarks/devset/posts.jsonl and single-core throughput on a replicated copy."""
    groups = load_devset()
    elections = {name: ElectionConfig.load(DEVSET / name) for name in groups}
    return {
        "accuracy": _accuracy(groups, elections),
        "throughput": _throughput(groups, elections),
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "system": f"{platform.system()} {platform.release()}",
        },
    }


def main() -> None:
    figures = bench_posts()
    accuracy, throughput = figures["accuracy"], figures["throughput"]
    print(f"machine: {json.dumps(figures['machine'])}")
    print(
        f"devset: {accuracy['posts']} posts, {accuracy['positives']} positive; "
        f"threshold {accuracy['threshold']}: "
        f"precision {accuracy['precision']}, recall {accuracy['recall']}, F1 {accuracy['f1']}"
    )
    for category, flagged in accuracy["flagged_by_category"].items():
        print(f"  {category:<14} {flagged}")
    print(f"misclassified: {accuracy['errors']}")
    print(
        f"throughput: {throughput['posts']} posts in {throughput['cpu_seconds']} CPU s = "
        f"{throughput['posts_per_second']} posts/s on one core "
        f"({throughput['posts_per_wall_second']} per wall-clock second on this machine now)"
    )


if __name__ == "__main__":
    main()
