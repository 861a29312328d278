"""Public pages without an account: report form, live check, receipt and tracking."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Case, Evidence, Kind, Status
from netra.cases.sealing import identity_open
from tests.cases.helpers import photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The shared world creates dozens of users; argon2 for each would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def form_data(chosen_election, **overrides) -> dict:
    """What a browser posts for a complete named report (region picked down to kecamatan)."""
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {
        "identity": "identitas",
        "reporter_name": "Siti Aminah",
        "reporter_address": "Jl. Raya Kijang No. 5, Bintan",
        "reporter_phone": "081234567890",
        "terlapor_name": "Budi Santoso",
        "terlapor_nip": "",
        "terlapor_agency_name": "Dinas Pendidikan Kabupaten Bintan",
        "terlapor_position": "Kepala SDN 001",
        "terlapor_subject_type": "PNS",
        "election": str(chosen_election.pk),
        "title": "Kepala sekolah mengajak guru memilih paslon",
        "description": "Dalam rapat dinas kepala sekolah mengajak guru memilih pasangan calon nomor 2.",
        "occurred_on": day,
        "known_on": day,
        "place": "SDN 001 Gunung Kijang",
        "region_province": "21",
        "region_kabkota": "21.01",
        "region_kecamatan": "21.01.04",
        "evidence_links": "",
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "10",
    }
    data.update(overrides)
    return data


def test_report_form_renders_with_anonymity_explained_before_submit(client, world):
    response = client.get(reverse("cases:report"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tidak dapat diregistrasi sebagai laporan" in page
    assert "informasi awal" in page
    assert "Pilkada Uji" in page and "Pemilu Lama" not in page  # only open elections are offered
    assert 'name="region_province"' in page and "Kepulauan Riau" in page
    assert 'data-testid="check-panel"' in page
    assert 'data-testid="anonymous-warning"' not in page  # nothing chosen yet, nothing to warn about


def test_named_report_is_received_as_laporan_and_receipt_shown(client, world):
    data = form_data(world["elections"]["pilkada"], evidence_files=photo())
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:report_done")
    case = Case.objects.get()
    assert (case.kind, case.status, case.region_code) == (Kind.LAPORAN, Status.DITERIMA, "21.01.04")
    assert identity_open(case.reporter).name == "Siti Aminah"
    assert case.terlapor.get().agency_name == "Dinas Pendidikan Kabupaten Bintan"
    assert Evidence.objects.get(case=case).original_name == "foto.jpg"
    receipt = client.get(response["Location"]).content.decode()
    assert case.receipt_display in receipt
    assert "Siti Aminah" not in receipt


def test_anonymous_report_becomes_informasi_awal_without_reporter(client, world):
    data = form_data(world["elections"]["pilkada"], identity="anonim", reporter_name="", reporter_address="")
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.status) == (Kind.INFORMASI_AWAL, Status.INFORMASI_AWAL)
    assert not hasattr(case, "reporter") or case.reporter is None
    assert "informasi awal" in client.get(response["Location"]).content.decode()


def test_named_report_without_address_is_refused_and_keeps_every_typed_value(client, world):
    data = form_data(world["elections"]["pilkada"], reporter_address="", evidence_files=photo())
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 400
    assert Case.objects.count() == 0
    page = response.content.decode()
    assert "Wajib diisi untuk laporan dengan identitas" in page
    for typed in (
        "Siti Aminah",
        "Budi Santoso",
        "Kepala SDN 001",
        "SDN 001 Gunung Kijang",
        "mengajak guru memilih pasangan calon nomor 2",
    ):
        assert typed in page
    assert '<option value="21.01.04" selected>' in page  # the region picker keeps the choice
    assert "pilih lagi berkasnya" in page.lower()  # files cannot be refilled: the page says so


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"terlapor_nip": "12345"}, "NIP tidak valid"),
        ({"region_kabkota": "", "region_kecamatan": ""}, "Pilih wilayah sampai kabupaten/kota."),
        ({"occurred_on": "2999-01-01"}, "Tanggal kejadian tidak boleh di masa depan."),
        ({"evidence_links": "bukan tautan"}, "bukan alamat http(s)"),
        ({"election": ""}, "Pilih Pemilu atau Pemilihan"),
        ({"election": "999999"}, "Pilih Pemilu atau Pemilihan"),
        ({"form-0-address": "Jl. Saksi 1"}, "Tuliskan nama saksi"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(client, world, overrides, message):
    data = form_data(world["elections"]["pilkada"], **overrides)
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert message in response.content.decode()


def test_rejected_file_type_is_reported_on_the_evidence_field(client, world):
    fake = photo(name="foto.jpg", content=b"<html><script>alert(1)</script></html>")
    response = client.post(
        reverse("cases:report"), form_data(world["elections"]["pilkada"], evidence_files=fake)
    )
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "Berkas ditolak demi keamanan" in response.content.decode()


def test_live_check_lists_missing_requirements_and_expired_window(client, world):
    old = (timezone.localdate() - timedelta(days=40)).isoformat()
    data = form_data(
        world["elections"]["pilkada"], known_on=old, occurred_on=old, reporter_address="", place=""
    )
    response = client.post(reverse("cases:report_check"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="window-expired"' in page
    assert "Alamat pelapor" in page and "Tempat kejadian" in page
    assert "Bukti (berkas atau tautan)" in page


def test_live_check_counts_files_chosen_in_the_browser_and_warns_anonymous(client, world):
    data = form_data(world["elections"]["pilkada"], identity="anonim", evidence_count="1")
    page = client.post(reverse("cases:report_check"), data).content.decode()
    assert "Bukti (berkas atau tautan)" not in page
    assert 'data-testid="anonymous-warning"' in page
    assert 'data-testid="window-expired"' not in page


def test_live_check_survives_junk_ids(client, world):
    response = client.post(reverse("cases:report_check"), {"election": "abc", "region_province": "xx"})
    assert response.status_code == 200


def test_region_picker_lists_children_of_the_chosen_parent(client, world):
    page = client.get(reverse("cases:region_picker"), {"region_province": "21"}).content.decode()
    assert "Kabupaten Bintan" in page and "Kabupaten Lingga" in page
    assert "Kabupaten Bandung" not in page
    stale = client.get(
        reverse("cases:region_picker"), {"region_province": "32", "region_kabkota": "21.01"}
    ).content.decode()
    assert "Kabupaten Bandung" in stale and '<option value="21.01" selected>' not in stale


def test_tracking_shows_status_by_code_and_no_identity(client, world, submit):
    case = submit()
    response = client.post(reverse("cases:track"), {"code": case.receipt_display.lower()})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="track-status"' in page and "Diterima" in page
    assert "Bawaslu Kabupaten Bintan" in page
    for secret in ("Siti Aminah", "Budi Santoso", "081234567890", case.description[:30]):
        assert secret not in page


def test_tracking_unknown_code_says_so(client, world):
    response = client.post(reverse("cases:track"), {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 404
    assert 'data-testid="track-not-found"' in response.content.decode()


def test_receipt_page_without_a_fresh_report_goes_to_tracking(client, world):
    response = client.get(reverse("cases:report_done"))
    assert response.status_code == 302 and response["Location"] == reverse("cases:track")


def test_language_switch_serves_english_and_back(client, world):
    page = reverse("cases:report")
    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    english = client.get(page).content.decode()
    assert '<html lang="en">' in english
    assert "Report a suspected breach of civil-service neutrality" in english
    assert "cannot be registered as a report" in english
    client.post(reverse("set_language"), {"language": "id", "next": page})
    assert "Laporkan dugaan pelanggaran netralitas ASN" in client.get(page).content.decode()


def test_without_javascript_the_region_refresh_keeps_the_draft_and_stores_nothing(client, world):
    data = form_data(world["elections"]["pilkada"], region_kabkota="", region_kecamatan="", _refresh="1")
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 200
    assert Case.objects.count() == 0
    page = response.content.decode()
    assert 'name="region_kabkota"' in page and "Kabupaten Bintan" in page
    assert "Siti Aminah" in page and 'id="form-errors"' not in page


def test_witness_row_errors_are_summarised_at_the_top(client, world):
    data = form_data(world["elections"]["pilkada"], **{"form-1-phone": "0812"})
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 400
    page = response.content.decode()
    summary = page[page.index('id="form-errors"') : page.index("1. ")]
    assert "Tuliskan nama saksi" in summary


def test_pppk_number_follows_the_ni_pppk_layout_other_staff_numbers_digits_only(client, world):
    election = world["elections"]["pilkada"]
    bad = form_data(election, terlapor_subject_type="PPPK", terlapor_nip="12AB")
    assert client.post(reverse("cases:report"), bad).status_code == 400
    good = form_data(election, terlapor_subject_type="PPPK", terlapor_nip="1990 0101 2023 21 2 001")
    assert client.post(reverse("cases:report"), good).status_code == 302
    assert Case.objects.get().terlapor.get().nip == "199001012023212001"
    honorer = form_data(election, terlapor_subject_type="PPNPN", terlapor_nip="12 345")
    assert client.post(reverse("cases:report"), honorer).status_code == 302


def test_incident_outside_the_election_period_is_shown_and_must_be_confirmed(client, world):
    election = world["elections"]["pilkada"]
    old = (election.voting_day - timedelta(days=400)).isoformat()
    data = form_data(election, occurred_on=old, known_on=old)
    refused = client.post(reverse("cases:report"), data)
    assert refused.status_code == 400 and Case.objects.count() == 0
    page = refused.content.decode()
    assert 'data-testid="period-warning"' in page and "di luar masa pengawasan Pilkada Uji" in page
    assert 'name="confirm_period"' in page
    confirmed = client.post(reverse("cases:report"), {**data, "confirm_period": "on"})
    assert confirmed.status_code == 302 and Case.objects.get().occurred_on.isoformat() == old


def test_live_check_warns_about_an_incident_outside_the_election_period(client, world):
    election = world["elections"]["pilkada"]
    old = (election.voting_day - timedelta(days=400)).isoformat()
    data = form_data(election, occurred_on=old, known_on=old)
    panel = client.post(reverse("cases:report_check"), data).content.decode()
    assert 'data-testid="period-warning"' in panel and "Pilkada Uji" in panel
    inside = client.post(reverse("cases:report_check"), form_data(election)).content.decode()
    assert 'data-testid="period-warning"' not in inside


def test_elections_offered_are_those_held_in_the_chosen_region(client, world):
    from netra.cases.models import Election
    from netra.registry.models import Region

    lingga = Election.objects.create(
        name="Pilkada Lingga Uji",
        regime="pemilihan",
        voting_day=world["elections"]["pilkada"].voting_day,
        region=Region.objects.get(code="21.04"),
    )
    everything = client.get(reverse("cases:report")).content.decode()
    assert "Pilkada Uji (nasional)" in everything and "Pilkada Lingga Uji (Kabupaten Lingga)" in everything
    bintan = form_data(world["elections"]["pilkada"], _refresh="1")
    narrowed = client.post(reverse("cases:report"), bintan).content.decode()
    assert "Pilkada Uji" in narrowed and "Pilkada Lingga Uji" not in narrowed
    wrong = client.post(reverse("cases:report"), form_data(lingga))
    assert wrong.status_code == 400 and Case.objects.count() == 0
