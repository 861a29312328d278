"""Read-mostly admin: cases change only through the services (workflow, audit), never here."""

from django.contrib import admin

from netra.cases.models import Case, Election


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ("name", "regime", "region", "voting_day", "is_active")
    list_filter = ("regime", "is_active")
    search_fields = ("name",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Visible for support; every field is read-only so the audit chain stays the only history."""

    list_display = (
        "pk",
        "kind",
        "status",
        "register_number",
        "office",
        "region_code",
        "received_at",
        "due_at",
    )
    list_filter = ("kind", "status", "source")
    search_fields = ("register_number", "title")
    exclude = ("search_text",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "search_text"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
