"""Commands that touch the database call ``setup()`` first; pure commands never pay for Django."""

import os


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    import django

    django.setup()
