from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "netra.analytics"
    label = "analytics"
