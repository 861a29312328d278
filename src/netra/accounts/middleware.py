"""Two-factor enforcement for browser sessions.

A session of a user who has 2FA but did not pass it (e.g. a session opened before 2FA was turned
on elsewhere) is ended. A user whose role must use 2FA (``NETRA_REQUIRE_2FA_ROLES``) and has not
set it up is sent to the setup page. The API is left to ``api_auth``, which applies the same rule.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
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


IDLE_KEY = "netra_last_seen"
IDLE_WRITE_EVERY = 60  # seconds: the session is saved at most once a minute for the idle clock


class StaffIdleTimeoutMiddleware:
    """Ends a signed-in session left idle for ``NETRA_STAFF_IDLE_MINUTES`` (0: no idle limit).

    Staff see reporters' identities; a browser left open in a shared office must not stay signed
    in for the whole session age. The last activity is kept in the session (written at most once a
    minute, so a busy page does not save the session on every request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._expired(request):
            logout(request)
            messages.info(request, _("Sesi Anda berakhir karena tidak ada aktivitas. Silakan masuk lagi."))
            if request.path.startswith("/api/"):
                return self.get_response(request)  # the API answers 401 to the ended session
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> bool:
        minutes = int(getattr(settings, "NETRA_STAFF_IDLE_MINUTES", 0))
        now = int(time.time())
        last = request.session.get(IDLE_KEY)
        if minutes and last is not None and now - int(last) > minutes * 60:
            return True
        if last is None or now - int(last) >= IDLE_WRITE_EVERY:
            request.session[IDLE_KEY] = now
        return False
