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


EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def _email_from_url(url: str) -> dict:
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in EMAIL_BACKENDS:
        raise ValueError(
            f"NETRA_EMAIL_URL must start with one of {', '.join(sorted(EMAIL_BACKENDS))}://, not {url!r}"
        )
    config: dict = {"EMAIL_BACKEND": EMAIL_BACKENDS[parts.scheme]}
    if parts.scheme == "file":
        config["EMAIL_FILE_PATH"] = unquote(parts.path)
    if not parts.scheme.startswith("smtp"):
        return config
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    default_port = {"smtps": 465, "smtp+tls": 587}.get(parts.scheme, 25)
    return {
        **config,
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls" or query.get("tls", "").lower() in {"1", "true", "yes"},
    }


def email_config() -> dict:
    """Django's EMAIL_* settings from NETRA_EMAIL_URL (``smtp://user:pass@host:25``, ``smtp+tls://``
    for STARTTLS, ``smtps://`` for TLS from the start, ``console://``, ``file:///dir``), or from the
    separate NETRA_SMTP_HOST/PORT/USER/PASSWORD/TLS/SSL variables; with neither, the console backend
    (the demo prints its emails in the worker's output instead of sending them)."""
    url = env("NETRA_EMAIL_URL")
    host = env("NETRA_SMTP_HOST")
    if url:
        config = _email_from_url(url)
    elif host:
        ssl = envbool("NETRA_SMTP_SSL", False)
        config = {
            "EMAIL_BACKEND": EMAIL_BACKENDS["smtp"],
            "EMAIL_HOST": host,
            "EMAIL_PORT": envint("NETRA_SMTP_PORT", 465 if ssl else 25),
            "EMAIL_HOST_USER": env("NETRA_SMTP_USER"),
            "EMAIL_HOST_PASSWORD": env("NETRA_SMTP_PASSWORD"),
            "EMAIL_USE_TLS": envbool("NETRA_SMTP_TLS", False),
            "EMAIL_USE_SSL": ssl,
        }
    else:
        config = {"EMAIL_BACKEND": EMAIL_BACKENDS["console"]}
    if config.get("EMAIL_USE_TLS") and config.get("EMAIL_USE_SSL"):
        raise ValueError("choose STARTTLS (NETRA_SMTP_TLS) or TLS from the start (NETRA_SMTP_SSL), not both")
    config["EMAIL_TIMEOUT"] = envint("NETRA_EMAIL_TIMEOUT", 20)
    return config
