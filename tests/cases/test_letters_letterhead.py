"""Each office's kop surat: the service, the admin form and the CLI that change it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from typer.testing import CliRunner

from netra.audit.models import Event
from netra.cases.letterdata import kop_lines, letterhead_for
from netra.cases.services.letters import LOGO_MAX_BYTES, office_letterhead_update
from netra.cli import app
from tests.cases.test_letters_pdf import png

pytestmark = pytest.mark.django_db


@pytest.fixture
def bintan(world):
    return world["offices"]["bintan"]


def test_kop_is_spelled_out_from_the_office_name_until_configured(world, bintan):
    assert kop_lines(bintan) == ("Badan Pengawas Pemilihan Umum", "Kabupaten Bintan")
    assert kop_lines(world["offices"]["ri"]) == ("Badan Pengawas Pemilihan Umum", "Republik Indonesia")
    assert kop_lines(world["offices"]["gunung_kijang"]) == (
        "Panitia Pengawas Pemilihan Umum",
        "Kecamatan Gunung Kijang",
    )
    head = letterhead_for(bintan)
    assert (head.address, head.phone, head.email, head.website, head.logo) == ("", "", "", "", b"")
    office_letterhead_update(office=bintan, actor="t", letterhead_name="Bawaslu\n\n  Kabupaten Bintan  ")
    assert kop_lines(bintan) == ("Bawaslu", "Kabupaten Bintan")


def test_update_saves_the_given_fields_and_audits_them(bintan):
    office_letterhead_update(
        office=bintan, actor="admin1", address=" Jalan Uji 1 ", phone="(0771) 1", logo=png()
    )
    bintan.refresh_from_db()
    assert (bintan.address, bintan.phone, bytes(bintan.logo)) == ("Jalan Uji 1", "(0771) 1", png())
    office_letterhead_update(office=bintan, actor="admin1", website="contoh.test")
    bintan.refresh_from_db()
    assert bintan.address == "Jalan Uji 1" and bintan.website == "contoh.test"  # others kept
    events = Event.objects.filter(action="office.letterhead_update").order_by("seq")
    assert [(e.actor, e.data["fields"]) for e in events] == [
        ("admin1", ["address", "logo", "phone"]),
        ("admin1", ["website"]),
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "bukan-email"}, "email"),
        ({"logo": b"GIF89a" + b"\x00" * 40}, "logo"),
        ({"logo": png()[:40]}, "logo"),
        ({"logo": png(4001, 1)}, "logo"),
        ({"logo": png() + b"\x00" * LOGO_MAX_BYTES}, "logo"),
        ({"phone": "9" * 61}, "phone"),
    ],
)
def test_invalid_values_change_nothing(bintan, change, field):
    with pytest.raises(ValidationError) as raised:
        office_letterhead_update(office=bintan, actor="t", address="Jalan Baru", **change)
    assert field in raised.value.message_dict
    bintan.refresh_from_db()
    assert bintan.address == "" and bytes(bintan.logo) == b""
    assert not Event.objects.filter(action="office.letterhead_update").exists()


def test_logo_can_be_removed(bintan):
    office_letterhead_update(office=bintan, actor="t", logo=png())
    office_letterhead_update(office=bintan, actor="t", remove_logo=True)
    bintan.refresh_from_db()
    assert bytes(bintan.logo) == b""


def test_only_letterhead_fields_can_be_changed(bintan):
    with pytest.raises(ValueError):
        office_letterhead_update(office=bintan, actor="t", name="Kantor Lain")


def _admin(client):
    user = get_user_model().objects.create_superuser("root", "root@contoh.test", "x-very-long-password-1")
    client.force_login(user)
    return user


def _admin_post(client, office, **extra):
    data = {
        "name": office.name,
        "kind": office.kind,
        "region": office.region_id,
        "region_code": office.region_code,
        "parent": office.parent_id or "",
        "agency": "",
        "letterhead_name": "",
        "address": "Jalan Admin 2",
        "phone": "",
        "email": "",
        "website": "",
        "letter_place": "",
        "signatory_title": "",
        **extra,
    }
    return client.post(reverse("admin:accounts_office_change", args=[office.pk]), data)


def test_admin_uploads_a_logo_checked_by_content(client, bintan):
    _admin(client)
    page = client.get(reverse("admin:accounts_office_change", args=[bintan.pk])).content.decode()
    assert 'name="logo_upload"' in page and 'name="address"' in page
    bad = _admin_post(client, bintan, logo_upload=SimpleUploadedFile("logo.png", png()[:40]))
    assert bad.status_code == 200 and "Berkas logo rusak" in bad.content.decode()
    bintan.refresh_from_db()
    assert bintan.address == "" and bytes(bintan.logo) == b""
    good = _admin_post(client, bintan, logo_upload=SimpleUploadedFile("logo.png", png()))
    assert good.status_code == 302
    bintan.refresh_from_db()
    assert bintan.address == "Jalan Admin 2" and bytes(bintan.logo) == png()
    assert Event.objects.filter(action="office.letterhead_update", actor="root").exists()


def test_cli_shows_and_changes_the_letterhead(bintan, tmp_path):
    runner = CliRunner()
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    result = runner.invoke(
        app,
        [
            "offices",
            "letterhead",
            "--office-region",
            "21.01",
            "--address",
            "Jalan CLI 3",
            "--website",
            "contoh.test",
            "--logo",
            str(logo),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "kop Badan Pengawas Pemilihan Umum / Kabupaten Bintan" in result.output
    assert "address: Jalan CLI 3" in result.output and f"logo: {len(png())} bytes" in result.output
    bintan.refresh_from_db()
    assert (bintan.address, bintan.website, bytes(bintan.logo)) == ("Jalan CLI 3", "contoh.test", png())
    logo.write_bytes(b"bukan gambar")
    bad = runner.invoke(app, ["offices", "letterhead", "--office-region", "21.01", "--logo", str(logo)])
    assert bad.exit_code == 1 and "PNG atau JPEG" in bad.output
    bintan.refresh_from_db()
    assert bytes(bintan.logo) == png()


def test_demo_kop_shows_only_what_a_public_source_gives(world, bintan):
    from netra.cases import demo

    demo._letterheads()
    demo._letterheads()  # idempotent
    bintan.refresh_from_db()
    assert bintan.website == "bintankab.bawaslu.go.id"
    assert (bintan.address, bintan.phone, bintan.email) == ("", "", "")
    assert Event.objects.filter(action="office.letterhead_update").count() == 1
    assert world["offices"]["lingga"].website == ""
