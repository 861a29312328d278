"""Two-factor enforcement for browser sessions.

A session of a user who has 2FA but did not pass it (e.g. a session opened before 2FA was turned
on elsewhere) is ended. A user whose role must use 2FA (``NETRA_REQUIRE_2FA_ROLES``) and has not
set it up is sent to the setup page. The API is left to ``api_auth``, which applies the same rule.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from netra.accounts.services_twofactor import twofactor_enabled, twofactor_required

ALWAYS_ALLOWED = {"accounts:login", "accounts:login_otp", "accounts:logout", "set_language"}
SETUP_ALLOWED = ALWAYS_ALLOWED | {"accounts:twofactor_setup"}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        match = request.resolver_match
        if user is None or not user.is_authenticated or user.is_verified() or match is None:
            return None
        if match.namespace == "api" or match.view_name in ALWAYS_ALLOWED:
            return None
        if twofactor_enabled(user):
            logout(request)
            messages.warning(request, _("Masuk lagi dengan kode verifikasi dua langkah."))
            return redirect("accounts:login")
        if twofactor_required(user) and match.view_name not in SETUP_ALLOWED:
            messages.warning(request, _("Peran Anda wajib memakai verifikasi dua langkah. Aktifkan dulu."))
            return redirect("accounts:twofactor_setup")
        return None
