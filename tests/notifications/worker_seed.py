"""Seed a fresh database for the worker-restart test: one office, a handler with an email address,
and a case assigned to them whose deadline is an hour away (run as ``python -m``, not collected)."""

import os
from datetime import timedelta

import django


def seed() -> None:
    from django.utils import timezone

    from netra.accounts.models import Office, Role, User
    from netra.cases import services
    from netra.cases.models import Case, Election
    from netra.registry.models import Region
    from tests.cases.helpers import photo, report_data

    kepri = Region.objects.create(code="21", name="Kepulauan Riau", level=1, kind="provinsi", timezone="WIB")
    bintan = Region.objects.create(
        code="21.01", name="Kabupaten Bintan", level=2, kind="kabupaten", parent=kepri
    )
    Region.objects.create(code="21.01.04", name="Gunung Kijang", level=3, kind="kecamatan", parent=bintan)
    office = Office.objects.create(
        kind=Office.Kind.BAWASLU_KABKOTA, name="Bawaslu Kabupaten Bintan", region=bintan, region_code="21.01"
    )
    pimpinan = User.objects.create(username="pimpinan", office=office, role=Role.PIMPINAN)
    handler = User.objects.create(
        username="penangan", office=office, role=Role.STAF_PENANGANAN, email="penangan@bintan.example"
    )
    today = timezone.localdate()
    election = Election.objects.create(
        name="Pilkada Uji", regime="pemilihan", voting_day=today + timedelta(days=30),
        campaign_start=today - timedelta(days=30), campaign_end=today + timedelta(days=26),
    )  # fmt: skip
    case, _code = services.laporan_submit_public(data=report_data(election), files=[photo()])
    services.case_assign(user=pimpinan, case=case, assignee=handler)
    # The deadline is the law's; here it is moved an hour ahead so the reminder is due right now.
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() + timedelta(hours=1))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    django.setup()
    seed()
