"""The case tests' small world (Kepri: Bintan, Lingga; Jawa Barat: Bandung) plus a builder of cases
with their outcomes written straight to the tables, fast enough for hundreds of rows."""

import itertools
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from netra.cases.models import Case, Decision, FollowUp, Recommendation, Terlapor
from netra.cases.services.recipients import case_recipients_refresh

# The world of the case tests (fixtures: regions, offices, staff, elections, agencies, world...).
from tests.cases.conftest import *  # noqa: F403

_numbers = itertools.count(1)


def _office_for(world, region_code: str):
    offices = world["offices"]
    for key, code in (
        ("gunung_kijang", "21.01.04"),
        ("bintan", "21.01"),
        ("lingga", "21.04"),
        ("bandung", "32.04"),
    ):
        if region_code.startswith(code):
            return offices[key]
    return offices["jabar"] if region_code.startswith("32") else offices["kepri"]


@pytest.fixture
def make_case(world):
    """A case in ``region`` with what became of it (proven, recommended to BKN/PPK, sanctioned)."""
    pimpinan = world["staff"]["ri"]["pimpinan"]

    def make(
        region="21.01.04",
        *,
        status="diterima",
        kind="laporan",
        violation="",
        election="pilkada",
        subject="PNS",
        agency=None,
        proven=False,
        to_bkn=False,
        to_ppk=False,
        sanction=None,
        received_at=None,
        registered=None,
        nip="",
    ):
        n = next(_numbers)
        at = received_at or timezone.now() - timedelta(days=n % 40)
        case = Case.objects.create(
            kind=kind,
            receipt_code=f"T{n:011d}",
            register_number=f"{n:03d}/Reg/UJI"
            if (registered if registered is not None else proven)
            else None,
            election=world["elections"][election] if election else None,
            region_id=region,
            region_code=region,
            office=_office_for(world, region),
            status=status,
            received_at=at,
            title=f"Kasus uji {n}",
            description="uraian",
            violation_code=violation,
        )
        terlapor = Terlapor.objects.create(
            case=case, name=f"Terlapor {n}", subject_type=subject, agency=agency, nip=nip
        )
        if proven:
            Decision.objects.create(
                case=case,
                outcome="terbukti",
                violation_code=violation,
                reasoning="-",
                decided_at=at,
                decided_by=pimpinan,
            )
        if to_bkn or to_ppk:
            rec = Recommendation.objects.create(
                case=case,
                terlapor=terlapor,
                to_bkn=to_bkn,
                to_ppk=to_ppk,
                letter_number=f"{n}/PP",
                forwarded_at=at,
                created_by=pimpinan,
            )
            case_recipients_refresh(case.pk)  # what every service that writes a recommendation does
            if sanction:
                expected, imposed = sanction
                FollowUp.objects.create(
                    case=case,
                    recommendation=rec,
                    sanction=imposed,
                    sanction_class=imposed,
                    expected_class=expected,
                    imposed_by="Bupati",
                    imposed_on=at.date(),
                    letter_number=f"{n}/BKPSDM",
                    recorded_by=pimpinan,
                    recorded_at=at,
                )
        return case

    return make


def month_start(year: int, month: int) -> datetime:
    return timezone.make_aware(datetime(year, month, 1, 12))
