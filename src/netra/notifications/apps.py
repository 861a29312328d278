from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "netra.notifications"
    label = "notifications"
