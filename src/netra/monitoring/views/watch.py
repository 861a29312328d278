"""Watched accounts under ``/pemantauan/akun/``: the list, adding one (platform, handle, the roster
record of its owner found by name or NIP) and removing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.monitoring import selectors
from netra.monitoring.services import watch as services
from netra.monitoring.views.triage import supervisor_required

PLATFORMS = ["facebook", "instagram", "tiktok", "x", "youtube", "threads", "whatsapp", "lainnya"]


@supervisor_required
@require_http_methods(["GET", "POST"])
def watch_list(request):
    errors: dict = {}
    values = {"platform": "", "handle": "", "pegawai": "", "note": ""}
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        pegawai = values["pegawai"]
        try:
            account = services.watched_add(
                user=request.user,
                platform=values["platform"],
                handle=values["handle"],
                pegawai=int(pegawai) if pegawai.isdigit() and len(pegawai) < 12 else None,
                note=values["note"],
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        else:
            messages.success(
                request, _("Akun @%(handle)s ditambahkan ke daftar pantauan.") % {"handle": account.handle}
            )
            return HttpResponseRedirect(reverse("monitoring:watch_list"))
    q = request.GET.get("q", "")
    context = {
        "accounts": selectors.watched_list_for(request.user, q=q)[:200],
        "q": q,
        "errors": errors,
        "general_errors": errors.get("__all__", []),
        "values": values,
        "platforms": PLATFORMS,
        "may_manage": request.user.has_role(*services.WATCH_ROLES),
    }
    return render(request, "monitoring/watch_list.html", context, status=400 if errors else 200)


@supervisor_required
@require_GET
def roster_search(request):
    """The roster records matching ``q`` (htmx: the options of the pegawai picker)."""
    people = selectors.roster_search(request.user, request.GET.get("q", ""))
    return render(request, "monitoring/watch_roster_options.html", {"people": people})


@supervisor_required
@require_POST
def watch_remove(request, account_id: int):
    account = selectors.watched_get_for(request.user, account_id)
    handle = account.handle
    services.watched_remove(user=request.user, account=account)
    messages.success(request, _("Akun @%(handle)s tidak lagi dipantau.") % {"handle": handle})
    return HttpResponseRedirect(reverse("monitoring:watch_list"))
