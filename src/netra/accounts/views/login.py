"""Password login, then the OTP step for users who turned on 2FA; the lockout page."""

import time
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from netra.accounts.forms import CodeForm
from netra.accounts.selectors import user_get_active
from netra.accounts.services_signin import signin_failure_record
from netra.accounts.services_twofactor import twofactor_enabled, twofactor_login_check

PENDING_KEY = "netra_2fa_pending"
PENDING_SECONDS = 300
MAX_CODE_FAILURES = 5


class NetraLoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor_enabled(user):
            return super().form_valid(form)
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "failures": 0,
        }
        query = urlencode({"next": self.get_success_url()})
        return redirect(f"{reverse('accounts:login_otp')}?{query}")


def _pending(request) -> dict | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return pending


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _count_failure(request, pending: dict) -> bool:
    """Record a wrong code; True when the user must start again from the password."""
    pending["failures"] += 1
    request.session[PENDING_KEY] = pending
    if pending["failures"] >= MAX_CODE_FAILURES:
        request.session.pop(PENDING_KEY, None)
        return True
    return False


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_otp(request):
    pending = _pending(request)
    user = user_get_active(pending["user"]) if pending else None
    if pending is None or user is None:
        messages.error(request, _("Sesi masuk sudah berakhir. Silakan masuk lagi."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor_login_check(user=user, code=form.cleaned_data["code"], request=request)
        if device is not None:
            request.session.pop(PENDING_KEY, None)
            auth_login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            return redirect(_safe_next(request))
        signin_failure_record(username=user.get_username(), request=request, step="code")
        if _count_failure(request, pending):
            messages.error(request, _("Terlalu banyak kode yang salah. Silakan masuk lagi."))
            return redirect("accounts:login")
        form.add_error("code", _("Kode tidak cocok atau sudah dipakai. Coba lagi."))
    return render(request, "accounts/login_otp.html", {"form": form, "next": _safe_next(request)})


def lockout_response(request, original_response=None, credentials=None):
    """django-axes lockout: a clear page (HTTP 429) saying how long to wait."""
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/lockout.html", context, status=429)
