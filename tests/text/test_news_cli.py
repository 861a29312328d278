"""``netra analyze news``: plain text, JSON Lines and standard input, one JSON object per article."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from netra.cli import app

runner = CliRunner()
ARTICLE = "Bawaslu Kabupaten Bintan menemukan 1 orang ASN yang tidak netral, Senin (12/2/2024)."
KEYS = ["id", "event_types", "regions", "violations", "legal_refs", "date", "evidence"]


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_plain_text_files_in_order(tmp_path):
    first = tmp_path / "bintan.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second = tmp_path / "pajak.txt"
    second.write_text("Pemkot Bogor menggelar lomba kebersihan antarkelurahan.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "news", str(first), str(second), "--format", "json"])
    assert result.exit_code == 0, result.output
    facts = _lines(result.output)
    assert [f["id"] for f in facts] == ["bintan", "pajak"]
    assert list(facts[0]) == KEYS
    assert facts[0]["violations"] == [{"subject": "ASN", "count": 1, "region_code": "21.01"}]
    assert facts[0]["regions"] == [{"code": "21.01", "name": "Bintan", "level": "kabupaten"}]
    assert facts[0]["date"] == "2024-02-12"
    assert facts[1]["event_types"] == ["lainnya"]


def test_json_lines_keep_ids_and_order(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [{"id": "b", "text": ARTICLE}, {"id": 7, "text": "ASN Pemkab Bandung ikrar netralitas."}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "news", str(path)])
    assert result.exit_code == 0, result.output
    facts = _lines(result.output)
    assert [f["id"] for f in facts] == ["b", "7"]
    assert facts[1]["event_types"] == ["deklarasi"]


def test_standard_input():
    result = runner.invoke(app, ["analyze", "news", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    (facts,) = _lines(result.output)
    assert facts["id"] is None
    assert facts["event_types"] == ["temuan_pelanggaran"]


def test_bad_input_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short names keep the messages on one line of the error box
    missing = runner.invoke(app, ["analyze", "news", "none.txt"])
    assert missing.exit_code != 0
    assert "no such file" in missing.output
    broken = Path("broken.jsonl")
    broken.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", "news", "broken.jsonl"])
    assert result.exit_code != 0
    assert "line 2" in result.output
    wrong_format = runner.invoke(app, ["analyze", "news", "--format", "xml", str(broken)])
    assert wrong_format.exit_code != 0


def test_the_installed_script(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    script = Path(sys.executable).with_name("netra")
    done = subprocess.run(
        [str(script), "analyze", "news", str(path)], capture_output=True, text=True, check=True
    )
    (facts,) = _lines(done.stdout)
    assert list(facts) == KEYS
    assert facts["id"] == "a"


def test_leading_blank_lines_and_non_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("n.jsonl").write_text(
        '\n\n{"id": "x", "text": "ASN Pemkab Bandung ikrar netralitas."}\n\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["analyze", "news", "n.jsonl"])
    assert result.exit_code == 0, result.output
    assert [f["id"] for f in _lines(result.output)] == ["x"]
    Path("bad.txt").write_bytes(b"\xff\xfe ASN")
    bad = runner.invoke(app, ["analyze", "news", "bad.txt"])
    assert bad.exit_code != 0
    assert "UTF-8" in bad.output
