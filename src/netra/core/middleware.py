"""Request middleware shared by every app."""

from django.conf import settings


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
