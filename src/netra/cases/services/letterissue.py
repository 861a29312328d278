"""Issuing letters of every kind: numbering per office, year and kind, rendering to PDF and DOCX,
archiving both with the PDF's SHA-256, and the audit event. Also each office's wording of its letters
(``LetterTemplate``), within what the law leaves open."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.scoping import HANDLE, can
from netra.audit.services import event_record

# A module reference, not names: letterkinds reaches netra.cases.services (lawbridge) while loading.
from netra.cases import letterkinds
from netra.cases.law import local_date
from netra.cases.letters.data import clean_text
from netra.cases.letters.notice import render_notice_docx, render_notice_pdf
from netra.cases.models import (
    Case,
    Clarification,
    IssuedLetter,
    LetterCounter,
    LetterKind,
    LetterTemplate,
    Party,
)
from netra.cases.sealing import letter_names_identity
from netra.cases.services.common import actor_name, audit, now
from netra.cases.services.numbering import ROMAN
from netra.cases.services.sealing import letter_sealed

SYSTEM_ACTOR = "system:letters"  # the notification worker announcing a status change
DEFAULT_NUMBER_TEMPLATE = "{seq:03d}/{series}/{region}/{month}/{year}"
ISSUING_ROLES = (Role.PIMPINAN, Role.STAF_PENANGANAN)
# Issued on request by the handling office (or by the notification worker, user=None).
ON_REQUEST = (LetterKind.UNDANGAN_KLARIFIKASI, LetterKind.PEMBERITAHUAN_STATUS)
_TEXT_LIMITS = {"opening": 1500, "closing": 600, "signatory_name": 200, "signatory_title": 200}


def letter_number_issue(*, office, kind: str, day) -> str:
    """The next number of ``kind`` for ``office`` in the year of ``day`` (counter incremented with
    F() in the caller's transaction: two letters never share a number on either engine)."""
    counter, _created = LetterCounter.objects.get_or_create(office=office, year=day.year, kind=kind)
    LetterCounter.objects.filter(pk=counter.pk).update(value=F("value") + 1)
    counter.refresh_from_db(fields=["value"])
    template = getattr(settings, "NETRA_LETTER_NUMBER_TEMPLATE", DEFAULT_NUMBER_TEMPLATE)
    return template.format(
        seq=counter.value,
        series=letterkinds.spec_for(kind).series,
        region=office.region_code or "00.00",
        month=ROMAN[day.month - 1],
        year=day.year,
    )


def _wording(office, kind: str) -> dict:
    template = LetterTemplate.objects.filter(office=office, kind=kind).first()
    if template is None:
        return {}
    return {
        "opening": template.opening,
        "closing": template.closing,
        "signatory_name": template.signatory_name,
        "signatory_title": template.signatory_title,
    }


def letter_render(*, kind: str, facts: letterkinds.LetterFacts):
    """The ``Notice`` of a letter with the office's wording (the number must be in ``facts``)."""
    spec = letterkinds.spec_for(kind)
    if spec.build is None:
        raise ValueError(f"{kind} has its own builder (letterdata.letter_build)")
    return spec.build(spec, facts, _wording(facts.case.office, kind))


def letter_store(*, kind: str, facts: letterkinds.LetterFacts, at: datetime, user=None) -> IssuedLetter:
    """Number, render and archive one letter (inside the caller's transaction; no audit of its own)."""
    case = facts.case
    facts.number = letter_number_issue(office=case.office, kind=kind, day=facts.issued_on)
    notice = letter_render(kind=kind, facts=facts)
    pdf = render_notice_pdf(notice)
    stored_pdf, stored_docx = pdf, render_notice_docx(notice)
    addressee = "; ".join(notice.recipients)
    invitee = facts.clarification
    sealed = letter_names_identity(kind, invitee)
    if sealed and invitee is not None:  # names a pelapor or saksi: stored encrypted, listed as the party
        with translation.override("id"):
            addressee = str(Party(invitee.party).label)
        stored_pdf = letter_sealed(case=case, content=stored_pdf, fmt="pdf")
        stored_docx = letter_sealed(case=case, content=stored_docx, fmt="docx")
    return IssuedLetter.objects.create(
        case=case,
        office=case.office,
        kind=kind,
        recommendation=facts.recommendation,
        clarification=facts.clarification,
        number=facts.number,
        issued_at=at,
        issued_on=facts.issued_on,
        addressee=addressee[:300],
        subject=notice.subject[:300],
        pdf=stored_pdf,
        docx=stored_docx,
        sha256=hashlib.sha256(pdf).hexdigest(),
        sealed=sealed,
        issued_by=user,
    )


def recommendation_letter_archive(*, recommendation, at: datetime, user) -> IssuedLetter:
    """Archive the surat penerusan rekomendasi as forwarded (inside the forwarding's transaction,
    which audits it): the same bytes the download gives while the case's records stay unchanged."""
    from netra.cases.letterdata import letter_build
    from netra.cases.letters import render_docx, render_pdf

    letter = letter_build(recommendation)
    pdf = render_pdf(letter)
    return IssuedLetter.objects.create(
        case=recommendation.case,
        office=recommendation.case.office,
        kind=LetterKind.PENERUSAN_REKOMENDASI,
        recommendation=recommendation,
        number=letter.number,
        issued_at=at,
        issued_on=letter.date,
        addressee="; ".join(letter.recipients)[:300],
        subject=letter.subject[:300],
        pdf=pdf,
        docx=render_docx(letter),
        sha256=hashlib.sha256(pdf).hexdigest(),
        issued_by=user,
    )


def _check_issuer(user, case: Case, kind: str) -> None:
    if kind not in ON_REQUEST:
        raise ValidationError({"kind": _("Jenis surat ini diterbitkan oleh proses tindak lanjut.")})
    if user is None:
        return  # the notification worker: no person, the office's own letter
    if not can(user, case, HANDLE) or not user.has_role(*ISSUING_ROLES):
        raise PermissionDenied(_("Hanya pimpinan atau staf penanganan kantor yang menangani kasus ini."))


def _clarifications(case: Case, clarification_id) -> list[Clarification]:
    if clarification_id is not None:
        found = case.clarifications.filter(pk=clarification_id).first()
        if found is None:
            raise ValidationError({"clarification": _("Klarifikasi bukan milik kasus ini.")})
        return [found]
    # Every invitee still to be invited: scheduled, not held, no invitation yet.
    return list(case.clarifications.filter(held_at__isnull=True, letters__isnull=True))


def letter_issue(
    *, kind: str, case: Case, user=None, clarification_id: int | None = None, at=None
) -> list[IssuedLetter]:
    """Issue the letters of ``kind`` for ``case``: one undangan klarifikasi per invitee (the given
    clarification id, else every scheduled one without an invitation), or one pemberitahuan status.

    ``user`` None is the system (the notification worker announcing a status change). Audited once as
    ``case.letter_issue`` with the numbers and SHA-256 of what was issued.
    """
    _check_issuer(user, case, kind)
    at = at or now()
    day = local_date(at, case.region_code)
    if kind == LetterKind.UNDANGAN_KLARIFIKASI:
        facts_list = [
            letterkinds.LetterFacts(case=case, issued_on=day, clarification=c)
            for c in _clarifications(case, clarification_id)
        ]
        if not facts_list:
            raise ValidationError({"clarification": _("Belum ada jadwal klarifikasi yang perlu diundang.")})
    else:
        facts_list = [letterkinds.LetterFacts(case=case, issued_on=day)]
    with transaction.atomic():
        letters = [letter_store(kind=kind, facts=facts, at=at, user=user) for facts in facts_list]
        event_record(
            actor=actor_name(user) if user is not None else SYSTEM_ACTOR,
            action="case.letter_issue",
            obj_type="cases.case",
            obj_id=case.pk,
            data={"kind": kind, "letters": [{"number": x.number, "sha256": x.sha256} for x in letters]},
            office_code=case.office.region_code,
        )
    return letters


def letter_download_audit(*, user, letter: IssuedLetter, fmt: str) -> None:
    """Audit a download; of a sealed invitation it is also a view of the identity it names."""
    data = {"case_id": letter.case_id, "format": fmt, "number": letter.number}
    if letter.sealed:
        data["identity"] = True
    with transaction.atomic():
        audit(user=user, action="case.letter_download", obj=letter, data=data)


def letter_template_check(kind: str, data: dict) -> dict:
    """The wording ``data`` cleaned; ValidationError for an unknown placeholder, unpaired braces, a
    control character or a text too long. Only the editable fields are accepted."""
    spec = letterkinds.spec_for(kind)
    if spec.build is None:
        raise ValidationError({"kind": _("Surat ini tidak dapat diubah kantor.")})
    errors, cleaned = {}, {}
    for name, limit in _TEXT_LIMITS.items():
        value = str(data.get(name) or "").strip()
        if clean_text(value) != value.replace("\r\n", "\n"):
            errors[name] = _("Teks memuat karakter kendali.")
            continue
        if len(value) > limit:
            errors[name] = _("Paling banyak %(n)d karakter.") % {"n": limit}
            continue
        try:
            unknown = letterkinds.placeholders_in(value) - set(spec.placeholders)
        except ValueError:
            errors[name] = _("Kurung kurawal { } tidak berpasangan atau isian tidak sah.")
            continue
        if unknown and name in ("opening", "closing"):
            errors[name] = _("Isian tidak dikenal: %(names)s. Yang tersedia: %(allowed)s.") % {
                "names": ", ".join(sorted(unknown)),
                "allowed": ", ".join("{" + p + "}" for p in spec.placeholders),
            }
        elif letterkinds.placeholders_in(value) and name not in ("opening", "closing"):
            errors[name] = _("Nama dan jabatan penanda tangan tidak memuat isian.")
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def letter_template_save(*, user, kind: str, data: dict) -> LetterTemplate:
    """Save the wording of ``kind`` for the user's office (pimpinan of a supervisory office)."""
    office = getattr(user, "office", None)
    if office is None or not office.is_supervisory or not user.has_role(Role.PIMPINAN):
        raise PermissionDenied(_("Hanya pimpinan kantor pengawas yang dapat mengubah templat surat."))
    cleaned = letter_template_check(kind, data)
    with transaction.atomic():
        template, _created = LetterTemplate.objects.update_or_create(
            office=office, kind=kind, defaults=cleaned
        )
        audit(
            user=user,
            action="office.letter_template_update",
            obj=template,
            data={"kind": kind, "fields": sorted(name for name, value in cleaned.items() if value)},
        )
    return template


__all__ = ["letter_issue", "letter_number_issue", "letter_template_save"]
