"""Request middleware shared by every app."""

from django.conf import settings
from django.utils.translation import gettext

from netra.core import views
from netra.core.inputs import json_has_nul
from netra.core.views import refusal


class DefaultLanguageMiddleware:
    """Show Bahasa Indonesia unless the user chose English with the language switch.

    Many officers run browsers set to English; Django's LocaleMiddleware would follow the browser's
    Accept-Language header. Placed before it, this drops the header (unless
    ``NETRA_LANGUAGE_FROM_BROWSER`` is on), so only the switch's cookie changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # API clients are programs that ask for a language on purpose (docs/api.md): they keep it.
        if not settings.NETRA_LANGUAGE_FROM_BROWSER and not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


def carries_nul(request) -> bool:
    """Whether the path, query, cookies or JSON body hold a NUL, which PostgreSQL cannot even compare.

    Form bodies are left to the forms (Django's CharField refuses NUL with a message on the field)."""
    values = [request.path, *request.GET.keys(), *request.COOKIES.keys(), *request.COOKIES.values()]
    values += [value for key in request.GET for value in request.GET.getlist(key)]
    if any("\x00" in value for value in values):
        return True
    return request.content_type == "application/json" and json_has_nul(request.body)


class InputGuardMiddleware:
    """400 for a request carrying NUL anywhere a view might pass it to a query unchecked.

    A last line behind the typed inputs (``netra.core.schemas``, the forms): before it, ``/registry/
    regions/%00`` and a dozen other URLs answered 500 on PostgreSQL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            detail = gettext("Permintaan berisi karakter NUL yang tidak diizinkan.")
            return refusal(request, 400, detail, "400.html")
        return self.get_response(request)


class OutageMiddleware:
    """Logs the end of a database outage on the first good answer after it (``netra.core.views``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if views.outage_seen() and response.status_code < 500:
            views.outage_over()
        return response
