from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netra.accounts.models import ApiToken, Office, User


def login_through_netra(request, extra_context=None):
    """The admin signs in through Netra's login, so throttling and 2FA apply there too."""
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in but not admin staff: no login loop
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), "accounts:login")


# One login for the whole site (with the second factor): the admin's own is replaced on purpose.
admin.site.login = login_through_netra  # type: ignore[method-assign]


@admin.register(User)
class NetraUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "office", "role", "is_active")
    list_filter = ("role", "is_active", "office__kind")
    list_select_related = ("office",)
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Netra", {"fields": ("office", "role")}))
    autocomplete_fields = ("office",)


class OfficeAdminForm(forms.ModelForm):
    """The office with its kop surat; the logo is uploaded here and checked by decoding it."""

    logo_upload = forms.FileField(label=_("logo (PNG/JPEG)"), required=False)
    remove_logo = forms.BooleanField(label=_("hapus logo"), required=False)

    class Meta:
        model = Office
        fields = (
            "name",
            "kind",
            "region",
            "region_code",
            "agency",
            "parent",
            "letterhead_name",
            "address",
            "phone",
            "email",
            "website",
            "letter_place",
            "signatory_title",
        )

    def clean_logo_upload(self):
        from netra.cases.services.letters import LOGO_MAX_BYTES, logo_check

        upload = self.cleaned_data.get("logo_upload")
        if upload is None:
            return None
        data = upload.read(LOGO_MAX_BYTES + 1)
        try:
            logo_check(data)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return data


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    form = OfficeAdminForm
    list_display = ("name", "kind", "region_code", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "region_code")
    raw_id_fields = ("region", "agency", "parent")
    fieldsets = (
        (None, {"fields": ("name", "kind", "region", "region_code", "agency", "parent")}),
        (
            _("Kop surat"),
            {
                "fields": (
                    "letterhead_name",
                    "address",
                    "phone",
                    "email",
                    "website",
                    "letter_place",
                    "signatory_title",
                    "logo_upload",
                    "remove_logo",
                )
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        """Saves the office; the kop surat goes through the service, so the change is audited."""
        from netra.cases.services.letters import LETTERHEAD_FIELDS, office_letterhead_update

        super().save_model(request, obj, form, change)
        office_letterhead_update(
            office=obj,
            actor=request.user.get_username(),
            logo=form.cleaned_data.get("logo_upload"),
            remove_logo=form.cleaned_data.get("remove_logo", False),
            **{name: form.cleaned_data.get(name, "") for name in LETTERHEAD_FIELDS},
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their owners; admins can only see and revoke them."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "token_hash", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
