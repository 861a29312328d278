"""The public notice board and its letter show an unregistered report by the last four symbols of its
receipt code only (the whole code is the reporter's key to tracking); migration
``notifications.0003`` masks the notices an older version published."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from netra.notifications.models import StatusNotice
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db
MASKED = re.compile(r"^\*{4}-\*{4}-[2-9A-Z]{4}$")


def test_the_board_shows_an_unregistered_report_by_its_last_four_symbols(world, client):
    case = case_in(world, "tidak_diregistrasi")
    assert not case.register_number
    page = client.get(reverse("notices:board", args=[world["offices"]["bintan"].pk])).content.decode()
    assert case.receipt_code not in page and case.receipt_display not in page
    assert case.receipt_code[:4] not in page.split("****")[-1]  # nothing of the hidden part leaks
    masked = StatusNotice.objects.get(case=case).reference
    assert MASKED.match(masked) and masked.endswith(case.receipt_code[-4:]) and masked in page


def test_the_notice_letter_carries_the_same_masked_reference(world, client):
    from netra.cases.tasks import status_notice_letter
    from tests.cases.test_letters_pdf import pdf_pages_text

    case = case_in(world, "tidak_diregistrasi")
    status_notice_letter.call(case.pk, "tidak_diregistrasi")
    notice = StatusNotice.objects.get(case=case)
    pdf = client.get(reverse("notices:letter", args=[notice.office_id, notice.pk]))
    assert pdf.status_code == 200
    text = " ".join(pdf_pages_text(pdf.content))
    assert case.receipt_display not in text and case.receipt_code not in text
    assert notice.reference in text


def test_a_registered_report_is_still_shown_by_its_register_number(world):
    case = case_in(world, "diregistrasi")
    assert StatusNotice.objects.get(case=case, status="diregistrasi").reference == case.register_number


def test_the_migration_masks_notices_published_with_the_whole_code(world):
    case = case_in(world, "tidak_diregistrasi")
    StatusNotice.objects.filter(case=case).update(reference=case.receipt_display)
    registered = case_in(world, "diregistrasi")
    migration = importlib.import_module("netra.notifications.migrations.0003_mask_receipt_codes_on_notices")
    migration.mask_references(apps, None)
    migration.mask_references(apps, None)  # idempotent
    notice = StatusNotice.objects.get(case=case)
    assert MASKED.match(notice.reference) and notice.reference.endswith(case.receipt_code[-4:])
    assert notice.letter_id is None
    kept = StatusNotice.objects.get(case=registered, status="diregistrasi")
    assert kept.reference == registered.register_number


def test_the_migration_runs_on_an_empty_table(db):
    migration = importlib.import_module("netra.notifications.migrations.0003_mask_receipt_codes_on_notices")
    migration.mask_references(apps, None)
    assert not StatusNotice.objects.exists()
