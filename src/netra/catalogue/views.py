"""Public catalogue pages: the law is public, so no login is needed."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from netra.catalogue import labels
from netra.catalogue.forms import CatalogueFilterForm
from netra.law import catalogue, sources


def catalogue_index(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    types = catalogue.all_types(include_unretrieved=True)
    if form.is_bound:  # an invalid filter shows its error and no rows, never a silently widened list
        types = form.filtered() if form.is_valid() else []
    rows = [{"type": vt, **_labels(vt)} for vt in types]
    return render(request, "catalogue/index.html", {"form": form, "rows": rows})


def catalogue_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        vt = catalogue.get(code)
    except catalogue.UnknownViolation:
        raise Http404(str(code)) from None
    context = {
        "type": vt,
        **_labels(vt),
        "instrument": sources.instrument(vt.instrument),
        "criminal": vt.criminal_provisions(),
        "citations": [_citation(c) for c in vt.citations],
        "sanction_citations": [_citation(c) for c in vt.sanction.citations],
    }
    return render(request, "catalogue/detail.html", context)


def _labels(vt: catalogue.ViolationType) -> dict:
    return {
        "indicator_label": labels.INDICATORS.get(vt.indicator or "", ""),
        "kind_label": labels.SANCTION_KINDS[vt.sanction.kind],
        "level_label": labels.LEVELS.get(vt.sanction.level or "", ""),
        "phase_label": labels.PHASES[vt.phase],
    }


def _citation(citation: sources.Citation) -> dict:
    return {"citation": citation, "confidence_label": labels.CONFIDENCE[citation.confidence]}
