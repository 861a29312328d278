from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "netra.audit"
    label = "audit"

    def ready(self) -> None:
        from netra.audit.privileges import check_audit_privileges

        checks.register(check_audit_privileges, checks.Tags.database)
