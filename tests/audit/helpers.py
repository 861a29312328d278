"""Bypass the append-only guards (inside the test's transaction only) to simulate tampering."""

from django.db import connection


def disable_guards() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")


def tamper(sql: str, params: list) -> None:
    disable_guards()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
