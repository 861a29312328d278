from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from netra.accounts.models import ApiToken, Office, User


@admin.register(User)
class NetraUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "office", "role", "is_active")
    list_filter = ("role", "is_active", "office__kind")
    list_select_related = ("office",)
    fieldsets = (*UserAdmin.fieldsets, ("Netra", {"fields": ("office", "role")}))
    autocomplete_fields = ("office",)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region_code", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "region_code")
    raw_id_fields = ("region", "agency", "parent")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their owners; admins can only see and revoke them."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "token_hash", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
