from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from netra.accounts.models import ApiToken, Office, User


def login_through_netra(request, extra_context=None):
    """The admin signs in through Netra's login, so throttling and 2FA apply there too."""
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in but not admin staff: no login loop
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), "accounts:login")


admin.site.login = login_through_netra


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
