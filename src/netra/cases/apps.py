from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "netra.cases"
    label = "cases"

    def ready(self) -> None:
        # The notification emails to the pelapor read the address through this (it is sealed here).
        from netra.cases.contact import reporter_email
        from netra.notifications.services.common import reporter_address_source

        reporter_address_source(reporter_email)
