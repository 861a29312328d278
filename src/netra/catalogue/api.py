"""/api/v1/rules/: the law as code, public (no authentication: it is public law)."""

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from netra.catalogue.schemas import DeadlineReportOut, ErrorOut, ReferralOut, ViolationTypeOut
from netra.law import catalogue, deadlines, referral

router = Router(tags=["rules"])

# The law package's vocabularies (catalogue.INDICATORS, SANCTION_KINDS), as types so ninja rejects others.
Indicator = Literal["karier", "hubungan_partai_politik", "kegiatan_kampanye", "pelayanan_publik"]
SanctionKind = Literal["moral", "disiplin", "ptdh", "satgas"]


class CatalogueQuery(Schema):
    q: str | None = None
    indicator: Indicator | None = None
    kind: SanctionKind | None = None
    instrument: str | None = None
    on: date | None = None


class DeadlinesQuery(Schema):
    regime: str
    known: date
    received: date | None = None
    registered: date | None = None
    province: str | None = None


class ReferQuery(Schema):
    subject: str
    regime: str
    forwarded: date
    violation: str | None = None


def _bad_request(error: Exception) -> HttpError:
    return HttpError(400, str(error))


@router.get("/catalogue", response={200: list[ViolationTypeOut], 400: ErrorOut})
def catalogue_list(request: HttpRequest, filters: Query[CatalogueQuery]):
    """Violation types, searched (?q=) and filtered by indicator, sanction kind, instrument, date."""
    try:
        types = catalogue.all_types(on=filters.on, instrument=filters.instrument, include_unretrieved=True)
    except ValueError as error:
        raise _bad_request(error) from None
    if filters.q:
        wanted = [vt.code for vt in catalogue.search(filters.q)]
        types = sorted((vt for vt in types if vt.code in wanted), key=lambda vt: wanted.index(vt.code))
    return [
        vt.to_dict()
        for vt in types
        if (not filters.indicator or vt.indicator == filters.indicator)
        and (not filters.kind or vt.sanction.kind == filters.kind)
    ]


@router.get("/catalogue/{code}", response={200: ViolationTypeOut, 404: ErrorOut})
def catalogue_detail(request: HttpRequest, code: str):
    """One violation type with its sanction, criminal references and citations."""
    try:
        return catalogue.get(code).to_dict()
    except catalogue.UnknownViolation as error:
        raise HttpError(404, str(error)) from None


@router.get("/deadlines", response={200: DeadlineReportOut, 400: ErrorOut})
def deadlines_compute(request: HttpRequest, params: Query[DeadlinesQuery]):
    """Reporting window and decision deadlines, as `netra rules deadlines --json`."""
    try:
        return deadlines.compute(**params.dict()).to_dict()
    except ValueError as error:
        raise _bad_request(error) from None


@router.get("/refer", response={200: ReferralOut, 400: ErrorOut})
def refer(request: HttpRequest, params: Query[ReferQuery]):
    """Recipients and copies of a recommendation with reasons, as `netra rules refer --json`."""
    try:
        return referral.refer(**params.dict()).to_dict()
    except (ValueError, KeyError) as error:
        raise _bad_request(error) from None
