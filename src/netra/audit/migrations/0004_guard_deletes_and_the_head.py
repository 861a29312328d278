"""Database guards for the whole audit log: no event deleted, the head never removed or moved back.

Both engines: a trigger refuses DELETE of the chain head and any UPDATE that moves it backwards.
SQLite also refuses DELETE of events now (tests empty these tables through ``tests/conftest.py``,
which lifts the triggers around Django's flush). PostgreSQL already refused UPDATE and DELETE of
events (0003); TRUNCATE is stopped by privileges there (docs/security.md, "Database roles"), and a
table owner's ``session_replication_role = replica`` by the signed checkpoints.

The head row is created from the newest event if it does not exist yet, so that from now on a
missing head beside existing events always means tampering.
"""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION audit_chainhead_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit_chainhead cannot be deleted';
    END IF;
    IF NEW.last_seq < OLD.last_seq THEN
        RAISE EXCEPTION 'audit_chainhead cannot move backwards';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chainhead_guard BEFORE UPDATE OR DELETE ON audit_chainhead
    FOR EACH ROW EXECUTE FUNCTION audit_chainhead_guard();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS audit_chainhead_guard ON audit_chainhead;
DROP FUNCTION IF EXISTS audit_chainhead_guard();
"""
SQLITE_UP = [
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: DELETE refused'); END""",
    """CREATE TRIGGER audit_chainhead_no_delete BEFORE DELETE ON audit_chainhead
    BEGIN SELECT RAISE(ABORT, 'audit_chainhead cannot be deleted'); END""",
    """CREATE TRIGGER audit_chainhead_forward_only BEFORE UPDATE ON audit_chainhead
    WHEN NEW.last_seq < OLD.last_seq
    BEGIN SELECT RAISE(ABORT, 'audit_chainhead cannot move backwards'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_chainhead_no_delete",
    "DROP TRIGGER IF EXISTS audit_chainhead_forward_only",
]


def _run(schema_editor, postgres: str, sqlite: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    statements = [postgres] if vendor == "postgresql" else sqlite if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql, params=None)


def head_from_newest_event(apps, schema_editor):
    Event, ChainHead = apps.get_model("audit", "Event"), apps.get_model("audit", "ChainHead")
    newest = Event.objects.order_by("-seq").first()
    if newest is not None and not ChainHead.objects.filter(pk=1).exists():
        ChainHead.objects.create(pk=1, last_seq=newest.seq, last_hash=newest.hash)


def forwards(apps, schema_editor):
    head_from_newest_event(apps, schema_editor)
    _run(schema_editor, POSTGRES_UP, SQLITE_UP)


def backwards(apps, schema_editor):
    _run(schema_editor, POSTGRES_DOWN, SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_triggers"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
