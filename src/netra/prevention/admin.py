"""Read-only admin: prevention records change only through the services (audit), never here."""

from django.contrib import admin

from netra.prevention.models import Event, Pledge, PledgeTemplate


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ("title", "kind", "held_on", "region_code", "office", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("title", "organiser_name")


@admin.register(Pledge)
class PledgeAdmin(ReadOnly):
    list_display = ("title", "kind", "agency", "made_on", "election", "is_demo")
    list_filter = ("kind", "method", "is_demo")
    search_fields = ("title",)


@admin.register(PledgeTemplate)
class PledgeTemplateAdmin(ReadOnly):
    list_display = ("title", "key", "version", "kind")
