"""A new user's first command on a bad configuration or an empty database gets a clear error, exit 2."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _netra(tmp_path, *args, **environ):
    environment = {**os.environ, "NETRA_DATA_DIR": str(tmp_path), **environ}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    code = "import sys; from netra.cli import main; sys.argv = ['netra', *sys.argv[1:]]; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_database_not_migrated_yet_says_how_to_set_it_up(tmp_path):
    result = _netra(tmp_path, "match", "Joko Santoso")
    assert result.returncode == 2
    assert "basis data belum disiapkan" in result.stderr and "netra demo" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_setting_is_named_without_a_traceback(tmp_path):
    result = _netra(tmp_path, "match", "Joko", NETRA_CACHE_URL="memcached://cache:11211")
    assert result.returncode == 2
    assert "konfigurasi tidak valid: NETRA_CACHE_URL must be a redis" in result.stderr
    assert "Traceback" not in result.stderr
