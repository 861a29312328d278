"""``netra analyze posts``: one JSON object per post, clear errors, and the installed command."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from netra.cli import app

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"
CONFIG = str(DEVSET / "election_pilpres2024.toml")
POSTS = [
    {
        "id": "a",
        "author": "x",
        "bio": "PNS Pemkab Garut",
        "text": "Coblos 02 ya ✌️ #PrabowoGibran2024",
        "created_at": "2024-01-20T08:00:00+07:00",
        "platform": "facebook",
        "action": "shared",
    },
    {
        "id": "b",
        "author": "y",
        "bio": "",
        "text": "Great debate tonight, all candidates did well",
        "created_at": "2024-01-20T09:00:00+07:00",
        "platform": "x",
    },
]


def write_posts(tmp_path, records=POSTS):
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    return str(path)


def test_prints_one_object_per_post(tmp_path):
    result = CliRunner().invoke(app, ["analyze", "posts", write_posts(tmp_path), "--election", CONFIG])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["violation"] == "D-6" and lines[0]["score"] > 0.5
    assert lines[1]["language"] == "en" and lines[1]["violation"] is None


def test_file_with_byte_order_mark(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in POSTS), encoding="utf-8-sig")
    result = CliRunner().invoke(app, ["analyze", "posts", str(path), "--election", CONFIG])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_language_filter_says_what_it_left_out(tmp_path):
    result = CliRunner().invoke(
        app, ["analyze", "posts", write_posts(tmp_path), "--election", CONFIG, "--language", "id"]
    )
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]
    assert "1 of 2 posts left out" in result.stderr


def test_bad_line_stops_with_its_number(tmp_path):
    path = write_posts(tmp_path, [POSTS[0], {"id": "c", "text": "no date"}])
    result = CliRunner().invoke(app, ["analyze", "posts", path, "--election", CONFIG])
    assert result.exit_code == 2
    assert "line 2" in result.output and "created_at" in result.output
    assert result.stdout.count("{") == 0


def test_bad_election_file(tmp_path):
    missing = str(tmp_path / "none.toml")
    runner = CliRunner(env={"COLUMNS": "250"})
    result = runner.invoke(app, ["analyze", "posts", write_posts(tmp_path), "--election", missing])
    assert result.exit_code == 2
    assert "no such election configuration" in result.output


def test_installed_command_reads_stdin(tmp_path):
    netra = Path(sys.executable).parent / "netra"
    completed = subprocess.run(
        [str(netra), "analyze", "posts", "-", "--election", CONFIG],
        input="\n".join(json.dumps(record) for record in POSTS),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert [json.loads(line)["id"] for line in completed.stdout.splitlines()] == ["a", "b"]
