"""The agency picker of the intake forms: the terlapor's instansi chosen from the registry.

The free-text agency name always stays (people may not find their agency in the list); the picker adds
the registry id as radio buttons under it. The buttons are filled by htmx while typing, or, without
JavaScript, when the form is re-rendered. A name typed exactly as one registry agency is resolved to it.
The chosen id is checked again by the intake service.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from netra.registry.selectors import agency_get, agency_list, agency_list_matching

TEXT_FIELD = "terlapor_agency_name"
ID_FIELD = "terlapor_agency"
MIN_QUERY = 2
MATCH_LIMIT = 12
# Rows ranked for one query (every word is filtered in the database first).
SCAN_LIMIT = 400


def _words(text: str) -> list[str]:
    return text.casefold().split()


def _rank(agency, text: str) -> tuple:
    """Exact names first, then names starting with the text, then the rest in registry order."""
    name = agency.name.casefold()
    return (name != text, not name.startswith(text))


def agency_matches(text: str, *, limit: int = MATCH_LIMIT) -> list:
    """Registry agencies matching every word of ``text``: the longest word in the name or short name,
    the others also in the parent's name ("pendidikan bintan"); exact and leading matches first."""
    words = _words(text)
    if len(" ".join(words)) < MIN_QUERY:
        return []
    found = list(agency_list_matching(words)[:SCAN_LIMIT])
    query = " ".join(words)
    return sorted(found, key=lambda a: _rank(a, query))[:limit]


def agency_by_exact_name(text: str):
    """The one agency named exactly ``text`` (case and spacing aside); None when none or several."""
    name = " ".join(text.split())
    if len(name) < MIN_QUERY:
        return None
    found = list(agency_list(q=name).filter(name__iexact=name)[:2])
    return found[0] if len(found) == 1 else None


def with_agency(data):
    """The submitted data with ``terlapor_agency`` set when none was chosen and the typed name is
    exactly one registry agency's (the path without JavaScript). Other data is left as it is."""
    if (data.get(ID_FIELD) or "").strip():
        return data
    agency = agency_by_exact_name(data.get(TEXT_FIELD) or "")
    if agency is None:
        return data
    data = data.copy()
    data[ID_FIELD] = str(agency.pk)
    return data


def _selected(raw: str):
    raw = (raw or "").strip()
    return agency_get(int(raw)) if raw.isdigit() else None


def picker_context(data, *, error=None) -> dict:
    """What ``cases/_agency_picker.html`` shows for the current (possibly empty) input."""
    selected = _selected(data.get(ID_FIELD, ""))
    matches = [a for a in agency_matches(data.get(TEXT_FIELD, "")) if selected is None or a.pk != selected.pk]
    query = " ".join((data.get(TEXT_FIELD) or "").split())
    return {"selected": selected, "matches": matches, "query": query, "error": error, "min_query": MIN_QUERY}


@require_GET
def agency_options(request):
    """htmx fragment: the agencies matching the typed name, as radio buttons (public reference data)."""
    return render(request, "cases/_agency_options.html", {"picker": picker_context(request.GET)})
