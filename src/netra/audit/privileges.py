"""Whether the database role Netra runs as could quietly rewrite the audit log.

On PostgreSQL the application role should hold only SELECT and INSERT on ``audit_event`` and
SELECT, INSERT and UPDATE on ``audit_chainhead`` (the head moves forward on every append), and own
neither table: an owner or superuser can TRUNCATE, disable triggers or switch to
``session_replication_role = replica``. docs/security.md ("Database roles") sets up the separate
owner role. SQLite has no roles: its triggers stop the application, not whoever holds the file.
"""

from django.core.checks import Warning as CheckWarning
from django.db import connections

# Privileges the application role must NOT hold, per audit table.
FORBIDDEN = {
    "audit_event": ("UPDATE", "DELETE", "TRUNCATE"),
    "audit_chainhead": ("DELETE", "TRUNCATE"),
}


def _postgresql_problems(cursor) -> list[str]:
    cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
    role, superuser = cursor.fetchone()
    problems = [f"role {role} is a superuser: it can bypass every guard"] if superuser else []
    for table, privileges in FORBIDDEN.items():
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = %s", [table])
        row = cursor.fetchone()
        if row and row[0] == role:
            problems.append(f"role {role} owns {table}: it can truncate it and disable its triggers")
        for privilege in privileges:
            cursor.execute("SELECT has_table_privilege(current_user, %s, %s)", [table, privilege])
            if cursor.fetchone()[0]:
                problems.append(f"role {role} has {privilege} on {table}")
    return problems


def audit_privilege_problems(using: str = "default") -> list[str]:
    """What the connected role may do to the audit tables that it should not (empty: nothing)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        return _postgresql_problems(cursor)


def check_audit_privileges(app_configs=None, databases=None, **kwargs) -> list[CheckWarning]:
    """System check (``check --database default``): warn when the app role can rewrite the log."""
    problems = [p for alias in databases or [] for p in audit_privilege_problems(alias)]
    return [
        CheckWarning(
            problem,
            hint="Run Netra as a role without these privileges (docs/security.md, 'Database roles').",
            id="netra.audit.W001",
        )
        for problem in problems
    ]
