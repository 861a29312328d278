"""The choropleth (or tile grid) of any figure by region: click a region for its cases; the table
beside it opens the map one level down. Printable (the print stylesheet keeps map and table)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from netra.accounts.scoping import territory
from netra.analytics import selectors
from netra.analytics.forms import FIGURE_CHOICES, MapForm
from netra.analytics.render import maps
from netra.analytics.views.common import scope
from netra.analytics.views.dashboard import region_map


@login_required
@require_GET
def region_map_page(request):
    form, region, election = scope(request, MapForm)
    region = region or selectors.map_parent(territory(request.user) or "")  # the user's own territory
    figure = (form.cleaned_data.get("figure") if form.is_bound and form.is_valid() else "") or "cases"
    areas, has_boundaries = region_map(request.user, figure=figure, region=region, election=election)
    title = dict(FIGURE_CHOICES)[figure]
    drawn = maps.choropleth(areas, str(title))[0] if has_boundaries else maps.tile_grid(areas, str(title))
    rows = [
        {
            "area": a,
            "down": selectors.map_url(figure=figure, parent=a.code, election=election)
            if selectors.has_map_below(a.code)
            else "",
        }
        for a in areas
    ]
    context = {
        "form": form,
        "map": drawn,
        "rows": rows,
        "figure": figure,
        "figure_label": title,
        "has_boundaries": has_boundaries,
        "parent": selectors.region_named(region) if region else None,
        "up": selectors.map_url(figure=figure, parent=selectors.region_above(region), election=election)
        if region
        else "",
    }
    return render(request, "analytics/map.html", context, status=400 if form.errors else 200)
