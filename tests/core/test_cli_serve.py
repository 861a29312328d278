"""``netra serve`` and ``netra demo`` as a newcomer meets them: a busy port, --no-serve, --help."""

import socket
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from netra.cli import app
from tests.core.test_cli_setup import _netra

runner = CliRunner()


@pytest.fixture
def busy_port():
    """A port some other program already listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_serve_on_a_busy_port_says_so_and_exits_2(tmp_path, busy_port):
    result = _netra(tmp_path, "serve", "--port", str(busy_port))
    assert result.returncode == 2
    assert f"tidak bisa memakai 127.0.0.1:{busy_port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Netra berjalan" not in result.stdout  # it never claims to run


def test_demo_on_a_busy_port_fails_before_loading_anything(tmp_path, busy_port):
    result = _netra(tmp_path, "demo", "--port", str(busy_port))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Menyiapkan basis data" not in result.stdout
    assert not (tmp_path / "netra.sqlite3").exists()


@pytest.mark.django_db
@pytest.mark.slow
def test_demo_no_serve_prints_paths_not_links_to_a_server(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.NETRA_AUDIT_SIGNING_KEY_PATH = tmp_path / "keys" / "audit-signing.pem"
    settings.NETRA_AUDIT_PUBLIC_KEY_PATH = tmp_path / "keys" / "audit-signing.pub"
    settings.NETRA_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    result = runner.invoke(app, ["demo", "--no-serve", "--roster", "30", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "keys" / "audit-signing.pem").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "checkpoints" / "checkpoints.jsonl").exists()
    assert "http://" not in result.output
    assert "--no-serve" in result.output and "netra serve" in result.output
    assert "/akun/masuk/" in result.output
    # The dashboard and the index pages answer at once: the demo fills them instead of waiting for cron.
    from netra.analytics.models import RegionIndex

    assert "Statistik:" in result.output
    assert RegionIndex.objects.filter(region_code="21.01").exists()


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_help_shows_flags_without_a_value_placeholder(command):
    code = "import sys; from netra.cli import main; sys.argv = ['netra', *sys.argv[1:]]; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, command, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "<bool>" not in result.stdout
    assert "--port <int>" in result.stdout
    help_line = next(line for line in result.stdout.splitlines() if line.strip().startswith("--help"))
    assert help_line.split()[1:3] == ["Show", "this"]
