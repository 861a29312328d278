"""Bypass the append-only guards (inside the test's transaction only) to simulate tampering."""

from django.db import connection

SQLITE_TRIGGERS = (
    "audit_event_no_update",
    "audit_event_no_delete",
    "audit_chainhead_no_delete",
    "audit_chainhead_forward_only",
)


def disable_guards() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
            cursor.execute("ALTER TABLE audit_chainhead DISABLE TRIGGER audit_chainhead_guard")
        else:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def tamper(sql: str, params: list) -> None:
    disable_guards()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
