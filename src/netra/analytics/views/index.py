"""The Indeks Kerawanan Netralitas ASN: the regions' scores, how each came out, and the weights."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netra.analytics import selectors, services
from netra.analytics.forms import WEIGHT_LABELS, MapForm, WeightsForm, weight_rows
from netra.analytics.views.common import scope


@login_required
@require_GET
def index_list(request):
    form, region, election = scope(request, MapForm)
    province = selectors.province_of(region)
    indexes = selectors.region_index_list_for(request.user, parent=province, election=election)
    weights = selectors.index_weights()
    context = {
        "form": form,
        "indexes": indexes,
        "parent": selectors.region_named(province) if province else None,
        "weights": weights,
        "weight_rows": weight_rows(weights),
        "version": selectors.formula_version(weights),
        "may_set_weights": selectors.may_set_weights(request.user),
    }
    return render(request, "analytics/index_list.html", context)


@login_required
@require_GET
def index_detail(request, code: str):
    election = request.GET.get("election")
    found = selectors.region_index_for(
        request.user, region=code, election=int(election) if (election or "").isdigit() else None
    )
    parts = [
        {
            "name": name,
            "label": WEIGHT_LABELS[name],
            "input": found.inputs.get(name),
            **found.parts.get(name, {}),
        }
        for name in WEIGHT_LABELS
    ]
    context = {"index": found, "parts": parts, "weights": selectors.index_weights()}
    return render(request, "analytics/index_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def weights(request):
    if not selectors.may_set_weights(request.user):
        raise PermissionDenied
    current = selectors.index_weights()
    initial = {
        name: getattr(current, name) for name in (*WEIGHT_LABELS, "threshold_high", "threshold_medium")
    }
    form = WeightsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.weights_set(user=request.user, values=form.cleaned_data, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            services.index_refresh_enqueue()
            messages.success(request, _("Bobot baru disimpan; indeks dihitung ulang di latar belakang."))
            return redirect("analytics:index")
    return render(request, "analytics/weights.html", {"form": form, "current": current})
