"""``netra serve --workers N --threads T`` (gunicorn for throughput) and ``netra evidence settle``."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from typer.testing import CliRunner

from netra.cases.services.evidence import files_journal_add
from netra.cli import app

runner = CliRunner()


def test_serve_with_workers_runs_gunicorn_with_threads_and_keepalive(monkeypatch):
    started = {}

    def execv(program, args):
        started["args"] = args

    monkeypatch.setattr("os.execv", execv)
    result = runner.invoke(app, ["serve", "--workers", "3", "--threads", "2", "--port", "8102"])
    assert result.exit_code == 0, result.output
    args = started["args"]
    assert args[1] == "netra.wsgi:application"
    option = dict(zip(args[2::2], args[3::2], strict=False))
    assert option["--bind"] == "127.0.0.1:8102" and option["--workers"] == "3"
    assert option["--threads"] == "2" and option["--worker-class"] == "gthread"
    assert option["--keep-alive"] == "5" and option["--worker-tmp-dir"] in ("/dev/shm", "/tmp")


@pytest.mark.django_db
def test_settle_deletes_the_file_no_row_names_and_empties_the_journal(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    name = default_storage.save("evidence/2026/12/yatim.jpg", ContentFile(b"x"))
    files_journal_add([name])
    journal = tmp_path / "unsettled-files.log"
    old = (timezone.now() - timedelta(minutes=5)).isoformat()
    journal.write_text(journal.read_text().replace(journal.read_text().split("\t")[0], old))

    result = runner.invoke(app, ["evidence", "settle"])
    assert result.exit_code == 0, result.output
    assert "1 berkas tanpa baris dihapus" in result.output
    assert not default_storage.exists(name) and journal.read_text() == ""
