from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "netra.catalogue"
    label = "catalogue"
