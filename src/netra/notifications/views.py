"""Notification pages: the bell (htmx), the list, mark read, settings with the calendar feed, the feed
itself (by its secret token) and the public notice board of an office."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.notifications import selectors, services
from netra.notifications.forms import PreferencesForm

PAGE_SIZE = 30


@login_required
@require_GET
def bell(request):
    """The header's bell with the unread count (loaded and refreshed by htmx)."""
    count = selectors.unread_count_for(request.user)
    return render(request, "notifications/_bell.html", {"unread": count})


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("belum") == "1"
    rows = selectors.notification_list_for(request.user, unread_only=unread_only)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only, "unread": selectors.unread_count_for(request.user)},
    )


@login_required
@require_POST
def mark_read(request, notification_id: int):
    notification = selectors.notification_get_for(request.user, notification_id)
    services.notification_mark_read(user=request.user, notification=notification)
    if notification.case_id and request.POST.get("open") == "1":
        return redirect("cases:detail", case_id=notification.case_id)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("%(n)s pemberitahuan ditandai telah dibaca.") % {"n": count})
    return redirect("notifications:list")


def _settings_page(request, form=None, new_token=None, status=200):
    choices, digest = selectors.preferences_for(request.user)
    context = {
        "form": form or PreferencesForm(choices=choices, digest=digest),
        "tokens": selectors.calendar_token_list_for(request.user),
        "new_token": new_token,
        "feed_base": settings.SITE_URL.rstrip("/"),
    }
    return render(request, "notifications/settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    if not request.user.office_id:
        raise Http404("No office.")
    if request.method == "GET":
        return _settings_page(request)
    choices, digest = selectors.preferences_for(request.user)
    form = PreferencesForm(request.POST, choices=choices, digest=digest)
    if not form.is_valid():
        return _settings_page(request, form=form, status=400)
    services.preferences_set(user=request.user, choices=form.choices(), digest=form.cleaned_data["digest"])
    messages.success(request, _("Pengaturan pemberitahuan disimpan."))
    return redirect("notifications:settings")


@login_required
@require_POST
def calendar_token_new(request):
    if not request.user.office_id:
        raise Http404("No office.")
    token = services.calendar_token_create(user=request.user)
    return _settings_page(request, new_token=token)


@login_required
@require_POST
def calendar_token_cancel(request, token_id: int):
    token = selectors.calendar_token_get_for(request.user, token_id)
    services.calendar_token_revoke(user=request.user, token=token)
    messages.success(request, _("Tautan kalender dicabut."))
    return redirect("notifications:settings")


@require_GET
def calendar_feed(request, token: str):
    """The office's deadlines as iCalendar; an unknown or revoked token answers 404."""
    owner = selectors.calendar_token_owner(token)
    if owner is None or not owner.office_id:
        raise Http404("No such calendar.")
    body = selectors.calendar_feed_for(owner, now=timezone.now(), site_url=settings.SITE_URL)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def notice_boards(request):
    """The offices whose notice boards a citizen can open."""
    return render(request, "notifications/notice_boards.html", {"offices": selectors.notice_office_list()})


@require_GET
def notice_board(request, office_id: int):
    """Papan pengumuman: the office's pemberitahuan status laporan (public)."""
    office = selectors.notice_office_get(office_id)
    notices = selectors.notice_list_for_office(office)
    return render(request, "notifications/notice_board.html", {"office": office, "notices": notices})


@require_GET
def notice_letter(request, office_id: int, notice_id: int):
    """The notice's letter as PDF (public: it names no one), inline so a browser shows it."""
    letter = selectors.notice_letter_get(selectors.notice_office_get(office_id), notice_id)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pemberitahuan-{notice_id}.pdf"'
    return response
