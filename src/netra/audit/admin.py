from django.contrib import admin

from netra.audit.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by services and never edited."""

    list_display = ("seq", "at", "actor", "action", "object_type", "object_id", "office_code")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
