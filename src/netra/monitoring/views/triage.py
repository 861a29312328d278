"""The triage queue and an item's page under ``/pemantauan/``, with the triage actions (assign,
dismiss, watch, "Jadikan temuan") for one item or a whole cluster. Reads through the selectors, writes
through the services; outside the user's territory an item is a 404, BKN and PPK offices get 404."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.accounts.scoping import is_supervisor
from netra.catalogue.labels import INDICATORS
from netra.monitoring import selectors
from netra.monitoring.models import Item
from netra.monitoring.services import triage as services

QUEUE_PAGE = 25


def supervisor_required(view):
    """Staff of a Bawaslu/Panwaslu office; BKN, PPK and office-less users get 404 (no monitoring)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_supervisor(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _flag(value: str) -> bool | None:
    return {"ya": True, "tidak": False}.get(value or "")


def _filters(request) -> selectors.QueueFilters:
    get = request.GET
    source = get.get("source", "")
    status = get.get("status", selectors.OPEN)
    if status not in (selectors.OPEN, selectors.ALL, *Item.Triage.values):
        status = selectors.OPEN
    kind = get.get("kind", "")
    return selectors.QueueFilters(
        status=status,
        code=get.get("code", "").strip()[:16],
        coordinated=_flag(get.get("coordinated", "")),
        watched=_flag(get.get("watched", "")),
        source=int(source) if source.isdigit() and len(source) < 10 else None,
        kind=kind if kind in Item.Kind.values else "",
        assigned_to_me=get.get("mine") == "1",
    )


def _query(request) -> str:
    keep = {k: v for k, v in request.GET.items() if k != "cursor" and v}
    return urlencode(keep)


@supervisor_required
@require_GET
def queue(request):
    filters = _filters(request)
    try:
        page = selectors.triage_queue(
            request.user, limit=QUEUE_PAGE, cursor=request.GET.get("cursor", ""), filters=filters
        )
    except selectors.BadCursor:
        page = selectors.triage_queue(request.user, limit=QUEUE_PAGE, filters=filters)
    for item in selectors.name_agencies(page.items):
        item.code_type = selectors.violation_type(item.violation_code)
        item.indicator_label = INDICATORS.get(item.indicator, item.indicator)
        item.top_candidate = next(iter(item.matches), None)
    context = {
        "page": page,
        "filters": filters,
        "query": _query(request),
        "statuses": [
            (selectors.OPEN, _("Terbuka (baru dan ditugaskan)")),
            (selectors.ALL, _("Semua")),
            *Item.Triage.choices,
        ],
        "kinds": Item.Kind.choices,
        "sources": selectors.source_choices(request.user),
    }
    if request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == "queue-rows":
        return render(request, "monitoring/queue_rows.html", context)
    context["counts"] = selectors.queue_counts(request.user)
    return render(request, "monitoring/queue.html", context)


def _detail_context(request, item_id: int) -> dict:
    detail = selectors.item_detail(request.user, item_id)
    return {
        "detail": detail,
        "item": detail.item,
        "indicator_label": INDICATORS.get(detail.item.indicator, detail.item.indicator),
        "officers": selectors.assignable_officers(request.user) if detail.may_triage else [],
        "may_make_temuan": detail.may_triage and selectors.may_make_temuan(request.user),
    }


@supervisor_required
@require_GET
def item_page(request, item_id: int):
    return render(request, "monitoring/item.html", _detail_context(request, item_id))


def _back(item_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("monitoring:item", args=[item_id]))


def _act(request, item_id: int, action, done: str):
    item = selectors.item_get_for(request.user, item_id)
    try:
        action(item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        raise PermissionDenied(str(exc)) from None
    else:
        messages.success(request, done)
    return _back(item_id)


@supervisor_required
@require_POST
def item_assign(request, item_id: int):
    assignee = request.POST.get("assignee", "")
    return _act(
        request,
        item_id,
        lambda item: services.item_assign(
            user=request.user, item=item, assignee=int(assignee) if assignee.isdigit() else 0
        ),
        _("Butir ditugaskan."),
    )


@supervisor_required
@require_POST
def item_dismiss(request, item_id: int):
    reason = request.POST.get("reason", "")
    return _act(
        request,
        item_id,
        lambda item: services.item_dismiss(user=request.user, item=item, reason=reason),
        _("Butir diabaikan."),
    )


def _pegawai_id(request) -> int | None:
    value = request.POST.get("pegawai", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


@supervisor_required
@require_POST
def item_watch(request, item_id: int):
    pegawai = _pegawai_id(request)

    def watch(item):
        if pegawai is None:
            raise ValidationError(_("Pilih pegawai pemilik akun."))
        services.item_watch(user=request.user, item=item, pegawai=pegawai)

    return _act(request, item_id, watch, _("Akun penulis kini dipantau."))


@supervisor_required
@require_POST
def item_temuan(request, item_id: int):
    item = selectors.item_get_for(request.user, item_id)
    try:
        case = services.item_to_temuan(
            item, user=request.user, pegawai=_pegawai_id(request), queue_capture=True
        )
    except ValidationError as exc:
        messages.error(request, _("Temuan belum dapat dibuat: %(why)s") % {"why": " ".join(exc.messages)})
        return _back(item_id)
    messages.success(request, _("Temuan dibuat dari butir pemantauan ini."))
    if selectors.temuan_capture_pending(request.user, case):
        messages.info(
            request, _("Halaman tautannya sedang ditangkap; hasilnya ditambahkan ke bukti temuan ini.")
        )
    return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


_CLUSTER_ACTIONS = {"dismiss", "assign", "watch"}


@supervisor_required
@require_POST
def cluster_action(request, item_id: int):
    """A bulk action on the open items of the item's cluster (those in the user's territory)."""
    item = selectors.item_get_for(request.user, item_id)
    action = request.POST.get("action", "")
    if item.cluster is None or action not in _CLUSTER_ACTIONS:
        raise Http404
    try:
        if action == "dismiss":
            count = services.cluster_dismiss(
                user=request.user, cluster=item.cluster, reason=request.POST.get("reason", "")
            )
        elif action == "assign":
            assignee = request.POST.get("assignee", "")
            count = services.cluster_assign(
                user=request.user, cluster=item.cluster, assignee=int(assignee) if assignee.isdigit() else 0
            )
        else:
            count = services.cluster_watch(user=request.user, cluster=item.cluster)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s butir dalam klaster diperbarui.") % {"n": count})
    return _back(item_id)
