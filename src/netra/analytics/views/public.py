"""Open data: cases per region and violation type, small cells suppressed; the page and its CSV."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from netra.analytics import selectors
from netra.analytics.forms import MapForm
from netra.analytics.views.exports import download


def _table(request):
    form = MapForm(request.GET or None, elections=())
    region = form.cleaned_data.get("region", "") if form.is_bound and form.is_valid() else ""
    return form, selectors.open_statistics(region=selectors.map_parent(region))


def _published(cell, minimum: int):
    return f"<{minimum}" if cell.suppressed else cell.value


def open_rows(table):
    yield (
        "kode_wilayah",
        "wilayah",
        *(code or "belum_ditentukan" for code, _label in table.columns),
        "jumlah",
    )
    for row in table.rows:
        cells = (_published(c, table.minimum) for c in row.cells)
        yield (row.code, row.name, *cells, _published(row.total, table.minimum))


@require_GET
def open_data(request):
    form, table = _table(request)
    return render(
        request, "analytics/open_data.html", {"form": form, "table": table, "query": request.GET.urlencode()}
    )


@require_GET
def open_data_csv(request):
    _form, table = _table(request)
    return download(open_rows(table), name="data-terbuka", file_format="csv")
