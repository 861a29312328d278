"""Typed readers for settings that come from the environment (Healthchecks' style)."""

import os
import secrets
from pathlib import Path


def env(name: str, default: str = "") -> str:
    """A string from the environment; ``NAME_FILE`` pointing at a file wins (container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = env(name, "")
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = env(name, "")
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = env(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def data_dir() -> Path:
    """Where the demo keeps its database, uploads and generated secret."""
    default = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "netra"
    path = Path(env("NETRA_DATA_DIR", str(default))).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """NETRA_SECRET_KEY, or a key generated once and kept (mode 600) in the data directory."""
    key = env("NETRA_SECRET_KEY")
    if key:
        return key
    path = directory / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def cache_config(url: str) -> dict:
    """Django CACHES for NETRA_CACHE_URL: Redis shared by every process (rate limits hold across
    workers), or, when unset, each process's own memory (one process, like the demo)."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"NETRA_CACHE_URL must be a redis://, rediss:// or unix:// URL, not {url!r}")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "netra",
        }
    }
