"""The REST API root: each app contributes a ninja Router from its own ``api.py``.

Every error answer has the documented shape ``{"detail": "...", "errors": {field: [messages]}}``
(docs/api.md), in the request's language (``Accept-Language: id`` or ``en``; Indonesian by default).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaError

from netra.cases.services.common import CaseConflict
from netra.core.openapi import document_framework_errors
from netra.core.ratelimit import RateLimited, limited_headers

logger = logging.getLogger(__name__)


class NetraAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return document_framework_errors(super().get_openapi_schema(*args, **kwargs))


api = NetraAPI(
    title="Netra API",
    version="1.0.0",
    description="Netra: pengawasan netralitas ASN. Staff endpoints take a token (Authorization: Bearer ...).",
    urls_namespace="api",
)
api.add_router("/rules/", "netra.catalogue.api.router")
api.add_router("/registry/", "netra.registry.api.router")
api.add_router("/accounts/", "netra.accounts.api.router")
api.add_router("/cases/", "netra.cases.api.router")
api.add_router("/notifications/", "netra.notifications.api.router")
api.add_router("/prevention/", "netra.prevention.api.router")
api.add_router("/monitoring/", "netra.monitoring.api.router")
api.add_router("/stats", "netra.analytics.api.router")

# Where ninja found the value ("body", "form", "query", "path") and the handler's parameter name are
# not part of the field's name as the client wrote it.
_LOCATIONS = {"body", "form", "query", "path", "file", "header", "cookie"}


def _message(error: dict) -> str:
    """A translated message for a pydantic error (pydantic's own text is English only)."""
    error_type, ctx = str(error.get("type", "")), error.get("ctx") or {}
    if error_type == "missing":
        return _("Wajib diisi.")
    if error_type in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return _("Angka di luar batas yang diizinkan.")
    if error_type == "string_too_long":
        return _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": ctx.get("max_length", "?")}
    if error_type == "string_pattern_mismatch":
        return _("Format tidak valid.")
    if error_type == "value_error":  # our own validators' messages, already translated (netra.core.inputs)
        return str(ctx.get("error") or error.get("msg", "")).removeprefix("Value error, ") or _(
            "Nilai tidak valid."
        )
    if error_type.startswith("datetime"):
        return _("Waktu tidak valid (format ISO 8601, mis. 2024-10-01T09:00:00+07:00).")
    if error_type.startswith("date"):
        return _("Tanggal tidak valid (format TTTT-BB-HH).")
    if error_type.startswith("int"):
        return _("Harus berupa bilangan bulat.")
    if error_type.startswith("bool"):
        return _("Harus true atau false.")
    if error_type.startswith("list"):
        return _("Harus berupa daftar.")
    return _("Nilai tidak valid.")


def _field(error: dict, params: frozenset[str]) -> str:
    parts = [str(part) for part in error.get("loc", ())]
    while parts and (parts[0] in _LOCATIONS or parts[0] in params):
        parts.pop(0)
    return ".".join(parts) or "body"


# The handlers' parameter names for whole schemas (``payload: ReportIn``, ``filters: Query[...]``).
_PARAMETERS = frozenset({"payload", "filters", "params", "query"})


def schema_errors(errors: list[dict]) -> dict:
    """ninja's list of pydantic errors as ``{field: [messages]}``."""
    found: dict[str, list[str]] = {}
    for error in errors:
        found.setdefault(_field(error, _PARAMETERS), []).append(_message(error))
    return found


@api.exception_handler(SchemaError)
def schema_error(request, exc: SchemaError):
    """422: the body, query or path does not match the endpoint's schema."""
    errors = schema_errors(exc.errors)
    detail = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    return _answer(request, 422, detail, errors)


def _answer(request, status: int, detail: str, errors: dict | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(ValidationError)
def values_refused(request, exc: ValidationError):
    """400: a service refused the values (the same validation as the web forms and the importer)."""
    if not hasattr(exc, "error_dict"):
        return _answer(request, 400, "; ".join(exc.messages))
    errors = {name: [str(message) for message in messages] for name, messages in exc.message_dict.items()}
    detail = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    return _answer(request, 400, detail, errors)


@api.exception_handler(PermissionDenied)
def not_allowed(request, exc: PermissionDenied):
    """403: the caller's role, or the case's status, does not allow it."""
    return _answer(request, 403, str(exc) or _("Tidak diizinkan."))


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    """404: unknown, or outside the caller's jurisdiction (the two are never told apart)."""
    return _answer(request, 404, _("Tidak ditemukan."))


@api.exception_handler(DataError)
def not_storable(request, exc: DataError):
    """400: a value the database cannot hold (out of range, NUL) that no input type caught first.

    The shared input types refuse such values before any query; this keeps a missed field from
    answering 500 (and the client from retrying a request that can never succeed)."""
    logger.warning("value refused by the database on %s: %s", request.path, exc)
    return _answer(
        request, 400, _("Nilai tidak dapat disimpan (di luar batas atau berisi karakter terlarang).")
    )


@api.exception_handler(RateLimited)
def too_many(request, exc: RateLimited):
    """429: past the shared intake limit; wait Retry-After seconds or solve the challenge."""
    detail = _(
        "Terlalu banyak permintaan. Tunggu %(s)s detik, atau kirim ulang dengan header X-Netra-Challenge "
        "dan X-Netra-Proof berisi nonce yang SHA-256-nya dengan tantangan diawali %(bits)s bit nol."
    ) % {"s": exc.limited.retry_after, "bits": exc.limited.bits}
    response = _answer(request, 429, detail)
    for name, value in limited_headers(exc.limited).items():
        response[name] = value
    return response


@api.exception_handler(HttpError)
def refused_with_reason(request, exc: HttpError):
    """An endpoint's own refusal with its status and message (an unknown receipt code), in the same
    shape as every other error."""
    return _answer(request, exc.status_code, str(exc))


@api.exception_handler(CaseConflict)
def changed_meanwhile(request, exc: CaseConflict):
    """409: someone changed the case first; reload and retry."""
    return _answer(request, 409, str(exc))
