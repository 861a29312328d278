"""The golden output of post scoring on the devset posts, for speed work that must not change results.

``python tests/text/posts_golden.py`` rewrites tests/text/data/posts_golden.json.gz from the current
code; do that only when a change of results is intended (and say so in the commit). The golden file
was first written from the scorer as it stood before the speed-up of December 2026.

Besides the devset posts as written, every post is also scored in variants that walk other paths of
the tokeniser and the phrase matcher (upper and lower case, words joined by hyphens, words in
reverse order, punctuation glued to words) and against the other devset election, so that an
optimisation that only works on the exact devset strings still fails the test.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from netra.text.election import ElectionConfig
from netra.text.posts import score_posts

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"
GOLDEN = Path(__file__).resolve().parent / "data" / "posts_golden.json.gz"


def _variants(record: dict) -> Iterator[tuple[str, dict]]:
    text, bio = record["text"], record["bio"]
    words = text.split()
    yield "as_written", record
    yield "upper_text_lower_bio", {**record, "text": text.upper(), "bio": bio.lower()}
    pairs = ("-".join(words[i : i + 2]) for i in range(0, len(words), 2))
    yield "hyphenated", {**record, "text": " ".join(pairs)}
    yield "reversed", {**record, "text": " ".join(reversed(words)), "bio": " ".join(reversed(bio.split()))}
    yield "glued_punct", {**record, "text": ".".join(words) + "!!", "bio": bio.replace(" ", ",")}


def golden_records() -> list[dict]:
    """Every scored variant as plain data: exact floats (repr), cues as tuples, codes, clusters."""
    records = [json.loads(line) for line in (DEVSET / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    files = sorted({record["election"] for record in records})
    elections = {name: ElectionConfig.load(DEVSET / name) for name in files}
    names = sorted(elections)
    out = []
    for name in names:
        group = [record for record in records if record["election"] == name]
        other = names[(names.index(name) + 1) % len(names)]
        for election_name in (name, other):
            for variant in ("as_written", "upper_text_lower_bio", "hyphenated", "reversed", "glued_punct"):
                posts = [dict(v) for record in group for key, v in _variants(record) if key == variant]
                for post, result in zip(posts, score_posts(posts, elections[election_name]), strict=True):
                    out.append({
                        "id": post["id"],
                        "election": election_name,
                        "variant": variant,
                        "score": repr(result.score),
                        "civil_servant": repr(result.civil_servant),
                        "partisan": repr(result.partisan),
                        "violation": result.violation,
                        "targets": result.targets,
                        "language": result.language,
                        "cluster": result.duplicate_cluster,
                        "cues": [list(cue) for cue in result.cues],
                    })  # fmt: skip
    return out


def load_golden() -> list[dict]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def main() -> None:
    GOLDEN.parent.mkdir(exist_ok=True)
    data = json.dumps(golden_records(), ensure_ascii=False, separators=(",", ":"))
    with gzip.GzipFile(GOLDEN, "wb", mtime=0) as handle:
        handle.write(data.encode("utf-8"))
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
