"""Commands that touch the database call ``setup()`` first; pure commands never pay for Django."""

import os


class SetupError(Exception):
    """The environment's configuration cannot be used (a bad NETRA_* value)."""


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    import django

    try:
        django.setup()
    except ValueError as error:  # netra.core.env refuses a bad value with a message that names it
        raise SetupError(str(error)) from error


def setup_hint(error: Exception) -> str | None:
    """What to tell a user whose command failed on configuration or on a database not migrated yet."""
    if isinstance(error, SetupError):
        return f"konfigurasi tidak valid: {error}"
    text = str(error)
    missing_table = "no such table" in text or ("relation" in text and "does not exist" in text)
    if type(error).__module__.startswith("django.db") and missing_table:
        return (
            "basis data belum disiapkan (" + text.strip() + "): jalankan `netra demo` sekali, atau "
            "`python -m django migrate --settings=netra.settings` (lihat docs/deployment.md)"
        )
    return None
