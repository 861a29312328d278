"""Downloads of the official letter (surat penerusan rekomendasi) of a recommendation, as PDF or DOCX."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from netra.cases import selectors, services
from netra.cases.letters import render_docx, render_pdf, safe_filename

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FORMATS = {"pdf": (render_pdf, "application/pdf"), "docx": (render_docx, DOCX_TYPE)}


def letter_response(user, case_id: int, rec_id: int, fmt: str) -> HttpResponse:
    """The letter as an attachment, after the download is audited (the web pages and the API)."""
    rec, letter = selectors.recommendation_letter_for(user, case_id, rec_id)
    render, content_type = _FORMATS[fmt]
    body = render(letter)
    services.letter_download_record(user=user, recommendation=rec, fmt=fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(rec.letter_number, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def letter_pdf(request, case_id: int, rec_id: int):
    return letter_response(request.user, case_id, rec_id, "pdf")


@login_required
@require_GET
def letter_docx(request, case_id: int, rec_id: int):
    return letter_response(request.user, case_id, rec_id, "docx")
