"""Shared test setup. ``NETRA_DATABASE_URL`` picks the engine (SQLite by default, PostgreSQL in CI)."""

import os
import tempfile
from pathlib import Path

# Keep tests away from a developer's real data directory and secret.
os.environ.setdefault("NETRA_DATA_DIR", tempfile.mkdtemp(prefix="netra-test-"))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
