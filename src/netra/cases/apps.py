from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _fts_after_migrate(sender, using="default", **kwargs) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it: put the FTS ones back."""
    from django.db import connections

    from netra.cases.fulltext import sqlite_fts_ensure

    sqlite_fts_ensure(connections[using])


class CasesConfig(AppConfig):
    name = "netra.cases"
    label = "cases"

    def ready(self) -> None:
        # The notification emails to the pelapor read the address through this (it is sealed here).
        from netra.cases.contact import reporter_email
        from netra.cases.fulltext import Words
        from netra.cases.models import Case
        from netra.notifications.services.common import reporter_address_source

        reporter_address_source(reporter_email)

        Case._meta.get_field("search_text").register_lookup(Words)
        post_migrate.connect(_fts_after_migrate, sender=self, dispatch_uid="cases_fts_after_migrate")
