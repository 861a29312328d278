"""``netra backup`` and ``netra restore``: the database, the evidence store and the audit checkpoints,
with a manifest of SHA-256 sums that a restore checks before it touches anything.

A backup is a folder ``netra-backup-<UTC time>/`` holding:

- ``database.sqlite3`` (SQLite's online backup API: a consistent snapshot while Netra runs) or
  ``database.pgdump`` (``pg_dump -Fc``, one consistent transaction);
- ``media/``: the evidence store (files stay encrypted) and other uploads, copied *after* the
  database, so every file the snapshot references is there;
- ``audit/``: the signed checkpoint file (copied just before the database) and its public key;
- ``keys.json``: which master keys the data needs (ids only). The master key itself is included
  (``keys/master.key``) only when asked: keep it apart from the backups it unlocks.
- ``manifest.json``: size and SHA-256 of every other file.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from netra.core.crypto import key_file_in_use, master_ring, write_private_file

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE, PG_FILE = "database.sqlite3", "database.pgdump"


class BackupError(Exception):
    """A backup that cannot be made, or one that must not be restored (altered, incomplete, other engine)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["-h", str(db.get("HOST") or "localhost"), "-p", str(db.get("PORT") or 5432)]
    return env, [*args, "-U", str(db.get("USER") or ""), "-d", str(db["NAME"])]


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def _database_snapshot(folder: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        with target:
            connection.connection.backup(target)
        target.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(folder / PG_FILE), *args], env)
        return "postgresql"
    raise BackupError(f"no backup method for {connection.vendor}")


def _copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def _key_reference(folder: Path, include_master_key: bool) -> None:
    path = key_file_in_use()
    ring = [key.key_id for key in master_ring()]
    source = str(path) if path else "NETRA_MASTER_KEY"
    reference = {"master_key_ids": ring, "source": source, "included": include_master_key}
    if include_master_key:
        text = path.read_text(encoding="ascii") if path else settings.NETRA_MASTER_KEY.replace(",", "\n")
        write_private_file(folder / "keys" / "master.key", text)
    (folder / "keys.json").write_text(json.dumps(reference, indent=2) + "\n", encoding="utf-8")


def _audit_files(folder: Path) -> None:
    for source in (
        Path(settings.NETRA_AUDIT_CHECKPOINT_DIR) / "checkpoints.jsonl",
        Path(settings.NETRA_AUDIT_PUBLIC_KEY_PATH),
    ):
        if source.exists():
            (folder / "audit").mkdir(exist_ok=True)
            shutil.copy2(source, folder / "audit" / source.name)


def _manifest(folder: Path, engine: str) -> dict:
    files = {
        str(path.relative_to(folder)): {"sha256": _sha256(path), "size": path.stat().st_size}
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    created = datetime.now(UTC).isoformat(timespec="seconds")
    return {"format": FORMAT, "created_at": created, "engine": engine, "files": files}


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    manifest_sha256: str
    files: int


def backup_create(destination: Path, *, include_master_key: bool = False) -> BackupResult:
    """Write a new backup folder under ``destination`` (0700, files as the process's umask allows)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = Path(destination) / f"netra-backup-{stamp}"
    folder.mkdir(mode=0o700, parents=True)
    # Order matters: checkpoints before the database (none signs more than the snapshot holds), the
    # database before the files (every file the snapshot names exists by then).
    _audit_files(folder)
    engine = _database_snapshot(folder)
    _copy_tree(Path(settings.MEDIA_ROOT), folder / "media")
    _key_reference(folder, include_master_key)
    manifest = _manifest(folder, engine)
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return BackupResult(folder, _sha256(folder / MANIFEST), len(manifest["files"]))


def backup_verify(folder: Path) -> dict:
    """The manifest, after checking that every file is there, unaltered, and nothing was added."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{folder} has no readable {MANIFEST}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST}
    problems = [f"missing: {name}" for name in sorted(set(manifest["files"]) - present)]
    problems += [f"not in the manifest: {name}" for name in sorted(present - set(manifest["files"]))]
    for name, entry in sorted(manifest["files"].items()):
        if name in present and _sha256(folder / name) != entry["sha256"]:
            problems.append(f"altered: {name}")
    if problems:
        raise BackupError("the backup does not match its manifest: " + "; ".join(problems[:20]))
    return manifest


def _database_restore(folder: Path, engine: str) -> None:
    if engine != connection.vendor:
        raise BackupError(f"this is a {engine} backup; Netra is configured for {connection.vendor}")
    connections.close_all()
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_FILE)
        source.backup(connection.connection)
        source.close()
        return
    env, args = _pg_env_and_args()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(folder / PG_FILE),
        ],
        env,
    )


def _set_aside(path: Path, stamp: str) -> None:
    if path.exists():
        path.rename(path.with_name(f"{path.name}.before-restore-{stamp}"))


def _files_restore(folder: Path, stamp: str) -> None:
    media = Path(settings.MEDIA_ROOT)
    _set_aside(media, stamp)
    media.mkdir(mode=0o700, parents=True, exist_ok=True)
    _copy_tree(folder / "media", media)
    checkpoints = Path(settings.NETRA_AUDIT_CHECKPOINT_DIR) / "checkpoints.jsonl"
    if (folder / "audit" / "checkpoints.jsonl").exists():
        _set_aside(checkpoints, stamp)
        checkpoints.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copy2(folder / "audit" / "checkpoints.jsonl", checkpoints)


def missing_master_keys(folder: Path) -> list[str]:
    """Master keys the backup's data needs that the current ring lacks (their data would not open)."""
    needed = json.loads((Path(folder) / "keys.json").read_text(encoding="utf-8"))["master_key_ids"]
    have = {key.key_id for key in master_ring()}
    return [key_id for key_id in needed if key_id not in have]


def backup_restore(folder: Path) -> dict:
    """Verify the manifest, then replace the database, the media folder and the checkpoint file.

    What was there before (media, checkpoints) is kept beside it as ``*.before-restore-<time>``.
    """
    folder = Path(folder)
    manifest = backup_verify(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    _database_restore(folder, manifest["engine"])
    _files_restore(folder, stamp)
    return manifest
