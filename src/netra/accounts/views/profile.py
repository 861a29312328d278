"""'Akun saya': who I am, my office and territory, 2FA, and my API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from netra.accounts.forms import TokenCreateForm
from netra.accounts.scoping import jurisdiction_of
from netra.accounts.selectors import token_get_for, token_list_for
from netra.accounts.services import token_create, token_revoke
from netra.accounts.services_twofactor import twofactor_enabled, twofactor_required


def _render(request, form=None, new_token=None, status=200):
    user = request.user
    context = {
        "jurisdiction": jurisdiction_of(user) if user.office_id else None,
        "twofactor_on": twofactor_enabled(user),
        "twofactor_required": twofactor_required(user),
        "tokens": token_list_for(user),
        "form": form or TokenCreateForm(),
        "new_token": new_token,
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_GET
def profile(request):
    return _render(request)


@login_required
@require_POST
def token_new(request):
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _render(request, form=form, status=400)
    try:
        token, raw = token_create(user=request.user, name=form.cleaned_data["name"])
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
        return _render(request, form=form, status=400)
    return _render(request, new_token={"token": token, "raw": raw})


@login_required
@require_POST
def token_cancel(request, token_id: int):
    token = token_revoke(user=request.user, token=token_get_for(request.user, token_id))
    messages.success(request, _("Token dicabut: %(name)s") % {"name": token.name})
    return redirect("accounts:account")
