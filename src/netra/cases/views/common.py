"""Helpers the case views share: deadline highlighting, keyset paging, service errors onto forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from netra.cases import selectors

# The selectors' deadline states as CSS classes (the same red/amber highlighting on every page).
DEADLINE_CLASSES = {"overdue": "overdue", "nearly_due": "due-soon"}


def deadline_class(case) -> str:
    """``overdue``, ``due-soon`` or "" for the step the case is in now (``selectors.deadline_state``)."""
    return DEADLINE_CLASSES.get(selectors.deadline_state(case), "")


def mark_deadlines(cases, user=None) -> list:
    """The cases as a list, each with ``deadline_state`` set to its CSS class for the templates and
    ``receipt_shown`` to the receipt code when ``user`` may see it ("" otherwise, and without a user)."""
    rows = list(cases)
    for case in rows:
        case.deadline_state = deadline_class(case)
        # the receipt code is the reporter's key: only who may see the reporter sees it (as in the API)
        shown = user is not None and selectors.may_see_identities(user, case)
        case.receipt_shown = case.receipt_display if shown else ""
    return rows


PAGING_PARAMS = ("page", "cursor", "last")


def page_or_first(selector, request, user, **filters):
    """The keyset page the request's ``cursor`` (or ``last=1``) asks for; the first page for a
    cursor that does not decode (an old bookmark, a hand-edited link)."""
    cursor, last = request.GET.get("cursor", ""), request.GET.get("last") == "1"
    try:
        return selector(user, cursor=cursor, last=last and not cursor, **filters)
    except selectors.BadCursor:
        return selector(user, **filters)


def query_without_page(request) -> str:
    """The current query string minus the paging parameters, for links that keep the filters."""
    params = request.GET.copy()
    for name in PAGING_PARAMS:
        params.pop(name, None)
    return params.urlencode()


def errors_onto_form(form, exc: ValidationError, *, field_map: dict | None = None, fallback=None) -> None:
    """Put a service's ValidationError on the form: keyed errors on their fields, the rest on ``fallback``.

    ``field_map`` renames service keys (``terlapor.0.nip``) to form fields (``terlapor_nip``); keys the
    form does not have become non-field errors, so no message is ever lost.
    """
    field_map = field_map or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(fallback, exc.messages)
        return
    for key, errors in exc.error_dict.items():
        name = field_map.get(key, key)
        target = name if name in form.fields else None
        for error in errors:
            form.add_error(target, error)
