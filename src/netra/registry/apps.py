from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "netra.registry"
    label = "registry"
