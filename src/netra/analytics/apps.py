from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "netra.analytics"
    label = "analytics"

    def ready(self) -> None:
        from netra.analytics.receivers import tally_follow_cases
        from netra.cases.signals import cases_changed

        cases_changed.connect(tally_follow_cases, dispatch_uid="netra.analytics.tally_follow_cases")
