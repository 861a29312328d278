"""Text benchmark: news-reading accuracy and throughput on one core.

    python benchmarks/text.py [--seconds 5] [--blind]

Prints per-field precision, recall and F1 of ``read_news`` on the real news corpus
(``../shared/corpus/news.jsonl``, labels in ``benchmarks/news/``): the development split (the learned
layer was trained on it, so its figures are in-sample) with and without the learned layer, and, with
``--blind``, the blind split (labelled and scored once at the end; see docs/benchmarks.md). Then the
authored sets in benchmarks/devset/, articles per CPU second over the real corpus, and, when
benchmarks/posts_bench.py exists, the post-scoring figures. Runs in one process, so on one core.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import time
from pathlib import Path

from netra.text.news import read_news
from netra.text.news_corpus import (
    BLIND_LABELS,
    DEFAULT_CORPUS,
    DEV_LABELS,
    CorpusMissing,
    load_articles,
)
from netra.text.news_corpus import score as score_articles

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset" / "news.jsonl"
# (name, articles, gold labels): the development set the rules were tuned on, and a held-out set
# written afterwards and scored once before any change (see docs/benchmarks.md).
SETS = [
    ("development", DEVSET, HERE / "devset" / "news_labels.jsonl"),
    ("held-out", HERE / "devset" / "news_holdout.jsonl", HERE / "devset" / "news_holdout_labels.jsonl"),
]
SET_FIELDS = ("event_types", "regions", "violations", "legal_refs")
LABELS = HERE / "devset" / "news_labels.jsonl"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _items(field: str, facts: dict) -> set:
    if field == "regions":
        return {r if isinstance(r, str) else r["code"] for r in facts["regions"]}
    if field == "violations":
        return {(v["subject"], v["count"], v["region_code"]) for v in facts["violations"]}
    return set(facts[field])


def evaluate(articles: list[dict], labels: dict[str, dict]) -> tuple[dict[str, dict], list[str]]:
    """Micro precision/recall per field over all articles, and the ids with any difference."""
    tally = {field: [0, 0, 0] for field in (*SET_FIELDS, "date")}  # true positives, predicted, gold
    wrong = []
    for article in articles:
        facts, gold = read_news(article["text"], article["id"]).to_dict(), labels[article["id"]]
        differs = False
        for field in SET_FIELDS:
            got, want = _items(field, facts), _items(field, gold)
            _add(tally[field], len(got & want), len(got), len(want))
            differs |= got != want
        date_right = facts["date"] is not None and facts["date"] == gold["date"]
        _add(tally["date"], int(date_right), int(facts["date"] is not None), int(gold["date"] is not None))
        differs |= facts["date"] != gold["date"]
        if differs:
            wrong.append(article["id"])
    scores = {field: _scores(*counts) for field, counts in tally.items()}
    return scores, wrong


def _add(counts: list[int], hits: int, predicted: int, gold: int) -> None:
    counts[0] += hits
    counts[1] += predicted
    counts[2] += gold


def _scores(hits: int, predicted: int, gold: int) -> dict:
    precision = hits / predicted if predicted else 1.0
    recall = hits / gold if gold else 1.0
    return {"precision": precision, "recall": recall, "support": gold}


def bench_news(articles: list[dict], seconds: float) -> dict:
    """Articles per second of CPU time (one core) and of wall time, over repeated passes of the
    development set; the first pass, which loads the gazetteer, is not counted. On a shared machine
    the wall-time figure also measures the other processes."""
    for article in articles:
        read_news(article["text"])
    done, characters = 0, 0
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall_start < seconds:
        for article in articles:
            read_news(article["text"])
            characters += len(article["text"])
        done += len(articles)
    cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
    return {
        "articles": done,
        "articles_per_cpu_s": done / cpu,
        "articles_per_wall_s": done / wall,
        "chars_per_cpu_s": characters / cpu,
    }


def bench_posts() -> dict | None:
    """The post-scoring figures, when the posts benchmark is present."""
    path = HERE / "posts_bench.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("posts_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["posts_bench"] = module
    spec.loader.exec_module(module)
    return module.bench_posts()


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        model = names[0] if names else model
    return f"{model}, {os.cpu_count()} CPUs visible, Python {platform.python_version()}, {platform.system()}"


def report_corpus(name: str, labels: Path, model: object = "shipped") -> list[dict]:
    """Per-field P/R/F1 on one split of the real corpus; the articles, for the throughput run."""
    try:
        articles = load_articles(labels, DEFAULT_CORPUS)
    except CorpusMissing as error:
        print(f"news {name}: skipped ({error})")
        return []
    kwargs = {} if model == "shipped" else {"model": model}
    tally = score_articles((a.id, read_news(a.text, a.id, **kwargs).to_dict(), a.labels) for a in articles)
    print(f"news {name}: {len(articles)} real articles ({labels.relative_to(HERE.parent)})")
    print(f"  {'field':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>6}")
    for field, s in tally.scores().items():
        print(f"  {field:<14}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}{int(s['support']):>6}")
    print(f"  articles fully right: {len(articles) - len(tally.differing)}/{len(articles)}")
    return [{"id": a.id, "text": a.text} for a in articles]


def report_accuracy(name: str, texts: Path, gold: Path) -> None:
    articles = load_jsonl(texts)
    labels = {label["id"]: label for label in load_jsonl(gold)}
    scores, wrong = evaluate(articles, labels)
    source = texts.relative_to(HERE.parent)
    print(f"news {name} set: {len(articles)} articles authored for Netra ({source})")
    print(f"  {'field':<14}{'precision':>10}{'recall':>8}{'gold':>6}")
    for field, score in scores.items():
        print(f"  {field:<14}{score['precision']:>10.3f}{score['recall']:>8.3f}{score['support']:>6}")
    right = len(articles) - len(wrong)
    print(f"  articles fully right: {right}/{len(articles)}; differing: {' '.join(wrong) or '-'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time spent measuring throughput")
    parser.add_argument("--blind", action="store_true", help="also score the blind split (done once)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    print(f"machine: {machine()}")
    real = report_corpus("development split, rules and learned layer (in-sample)", DEV_LABELS)
    report_corpus("development split, rules alone", DEV_LABELS, model=None)
    if args.blind and BLIND_LABELS.exists():
        report_corpus("BLIND split, rules and learned layer", BLIND_LABELS)
    for name, texts, gold in SETS:
        report_accuracy(name, texts, gold)
    speed = bench_news(real or load_jsonl(DEVSET), args.seconds)
    print(
        f"news throughput (1 core): {speed['articles_per_cpu_s']:.0f} articles per CPU second "
        f"({speed['chars_per_cpu_s'] / 1000:.0f} k characters/s), "
        f"{speed['articles_per_wall_s']:.0f} per wall second over the {'real corpus' if real else 'devset'};"
        " target >= 200 articles/s"
    )
    posts = bench_posts()
    if posts is None:
        print("posts: benchmarks/posts_bench.py not present")
    else:
        for key, value in posts.items():
            print(f"posts {key}: {json.dumps(value, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
