"""Reporters' identities and evidence files are stored encrypted (envelope encryption, a data key per
case), opened only for the roles that may see them, re-wrapped by a key rotation, and erased after the
retention period."""

import hashlib
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.audit.services import chain_verify
from netra.cases import selectors
from netra.cases.evidence import evidence_open, evidence_rehash
from netra.cases.models import Case, CaseKey, Reporter, Status
from netra.cases.sealing import identity_open
from netra.cases.services.sealing import identities_erase_expired
from netra.cli import app
from netra.core.crypto import KeyUnavailable, master_ring, new_key_text
from tests.cases.helpers import JPEG, case_in

pytestmark = pytest.mark.django_db
runner = CliRunner()
NIK = "3201011501900001"


@pytest.fixture
def key_file(settings, tmp_path):
    """The demo's key file, created on first use in this test's own key folder."""
    settings.NETRA_MASTER_KEY = ""
    settings.NETRA_KEY_DIR = tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    return settings.NETRA_MASTER_KEY_FILE


@pytest.fixture
def reported(world, key_file):
    return case_in(
        world, "diterima", reporter_nik=NIK, reporter_email="siti@example.org", reporter_phone="081234567890"
    )


def raw_reporter_row(case: Case) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_reporter WHERE case_id = %s", [case.pk])
        return " ".join(str(value) for value in cursor.fetchone())


def test_the_identity_is_stored_only_encrypted(reported):
    row = raw_reporter_row(reported)
    for plaintext in ("Siti", NIK, "siti@example.org", "081234567890"):
        assert plaintext not in row
    wrapped = CaseKey.objects.get(case=reported).wrapped
    assert wrapped.startswith(master_ring()[0].key_id + ":")


def test_the_key_file_is_private(reported, key_file):
    assert stat.S_IMODE(Path(key_file).stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(key_file).parent.stat().st_mode) == 0o700


def test_only_the_handling_offices_identity_roles_get_it_decrypted(world, reported):
    staff = world["staff"]
    for role in (Role.PIMPINAN, Role.STAF_PENANGANAN):
        identity = selectors.reporter_for(staff["bintan"][role], reported)
        assert (identity.name, identity.nik, identity.email) == ("Siti Aminah", NIK, "siti@example.org")
    for user in (staff["bintan"][Role.ANALIS], staff["bintan"][Role.PENGAWAS], staff["kepri"][Role.PIMPINAN]):
        assert selectors.reporter_for(user, reported) is None


def test_without_the_master_key_the_identity_does_not_open(settings, reported):
    settings.NETRA_MASTER_KEY = new_key_text()  # another ring: the case key's master is not in it
    with pytest.raises(KeyUnavailable):
        identity_open(Reporter.objects.get(case=reported))


def test_a_reporter_row_moved_to_another_case_does_not_open(world, reported):
    other = case_in(world, "diterima")
    sealed = Reporter.objects.get(case=reported).sealed
    Reporter.objects.filter(case=other).update(sealed=sealed)
    with pytest.raises(KeyUnavailable):
        identity_open(Reporter.objects.get(case=other))


def test_evidence_is_encrypted_on_disk_private_and_keeps_its_plaintext_fingerprint(reported):
    item = reported.evidence.get(link="")
    path = Path(default_storage.path(item.file.name))
    stored = path.read_bytes()
    assert item.encrypted and JPEG not in stored and not stored.startswith(JPEG[:3])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with evidence_open(item) as handle:
        plain = handle.read()
    assert plain == JPEG and hashlib.sha256(plain).hexdigest() == item.sha256
    assert evidence_rehash(item)


def test_an_altered_or_cut_evidence_file_fails_verification(reported):
    item = reported.evidence.get(link="")
    path = Path(default_storage.path(item.file.name))
    stored = path.read_bytes()
    path.write_bytes(stored[:-1] + bytes([stored[-1] ^ 1]))
    assert not evidence_rehash(item)
    path.write_bytes(stored[:-20])
    assert not evidence_rehash(item)
    path.write_bytes(stored)
    assert evidence_rehash(item)


def test_rotation_rewraps_every_case_key_and_drops_the_old_master_key(world, reported, key_file):
    second = case_in(world, "diterima")
    old_id = master_ring()[0].key_id
    result = runner.invoke(app, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    ring = master_ring()
    assert len(ring) == 1 and ring[0].key_id != old_id
    assert stat.S_IMODE(Path(key_file).stat().st_mode) == 0o600
    for case in (reported, second):
        assert CaseKey.objects.get(case=case).wrapped.startswith(ring[0].key_id + ":")
    assert identity_open(Reporter.objects.get(case=reported)).nik == NIK
    with evidence_open(reported.evidence.get(link="")) as handle:
        assert handle.read() == JPEG
    event = Event.objects.filter(action="keys.rewrap").get()
    assert event.object_id == ring[0].key_id and event.data["rewrapped"] == 2
    status = runner.invoke(app, ["keys", "status", "--json"])
    assert f'"{ring[0].key_id}": 2' in status.output


def _closed(case: Case, days_ago: int) -> None:
    Case.objects.filter(pk=case.pk).update(
        status=Status.SELESAI, closed_at=timezone.now() - timedelta(days=days_ago)
    )


def test_retention_erases_identities_of_cases_closed_long_enough_ago(world, settings, reported):
    settings.NETRA_IDENTITY_RETENTION_DAYS = 365
    recent, still_open = case_in(world, "diterima"), case_in(world, "diterima")
    _closed(reported, 400)
    _closed(recent, 100)
    assert identities_erase_expired() == [reported.pk]
    erased = Reporter.objects.get(case=reported)
    assert erased.sealed == "" and erased.erased_at is not None
    assert identity_open(erased).erased
    handler = world["staff"]["bintan"][Role.PIMPINAN]
    assert selectors.reporter_for(handler, Case.objects.get(pk=reported.pk)).name == ""
    for kept in (recent, still_open):
        assert identity_open(Reporter.objects.get(case=kept)).name == "Siti Aminah"
    event = Event.objects.get(action="case.reporter.erase")
    assert (event.object_id, event.data["retention_days"]) == (str(reported.pk), 365)
    assert identities_erase_expired() == []  # idempotent
    assert chain_verify().ok


def test_the_erase_command_lists_then_erases(world, settings, reported):
    settings.NETRA_IDENTITY_RETENTION_DAYS = 30
    _closed(reported, 31)
    dry = runner.invoke(app, ["cases", "erase-identities", "--dry-run"])
    assert dry.exit_code == 0 and f"cases {reported.pk}" in dry.output
    assert Reporter.objects.get(case=reported).erased_at is None
    done = runner.invoke(app, ["cases", "erase-identities"])
    assert done.exit_code == 0 and "Erased 1" in done.output
    assert Reporter.objects.get(case=reported).erased_at is not None


def test_an_erased_identity_shows_as_erased_on_the_case_page(world, settings, reported, client):
    settings.NETRA_IDENTITY_RETENTION_DAYS = 1
    _closed(reported, 2)
    identities_erase_expired()
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    page = client.get(f"/kasus/{reported.pk}/").content.decode()
    assert 'data-testid="reporter-erased"' in page and "Siti Aminah" not in page


def test_files_stored_before_encryption_are_sealed_once_and_altered_ones_refused(world, reported):
    """Simulate two files written in plaintext before the upgrade, one altered since."""
    from django.core.files.base import ContentFile

    from netra.cases.models import Evidence

    items = []
    for _ in range(2):
        item = (
            reported.evidence.get(link="") if not items else case_in(world, "diterima").evidence.get(link="")
        )
        name = default_storage.save(f"evidence/legacy/{item.pk}.jpg", ContentFile(JPEG))
        Evidence.objects.filter(pk=item.pk).update(file=name, encrypted=False)
        items.append(Evidence.objects.get(pk=item.pk))
    Path(default_storage.path(items[1].file.name)).write_bytes(JPEG + b"edited")
    legacy_folder = Path(default_storage.path("evidence/legacy"))
    legacy_folder.chmod(0o755)
    result = runner.invoke(app, ["keys", "seal-evidence"])
    assert stat.S_IMODE(legacy_folder.stat().st_mode) == 0o700
    assert result.exit_code == 1 and f"evidence {items[1].pk}" in result.output
    sealed = Evidence.objects.get(pk=items[0].pk)
    assert sealed.encrypted and sealed.file.name != items[0].file.name
    assert not default_storage.exists(items[0].file.name)
    assert JPEG not in Path(default_storage.path(sealed.file.name)).read_bytes()
    assert evidence_rehash(sealed)
    assert not Evidence.objects.get(pk=items[1].pk).encrypted
    assert Event.objects.filter(action="evidence.seal").count() == 1
