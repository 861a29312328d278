"""'Akun saya': identity, jurisdiction, and managing one's own tokens in the browser."""

import pytest

from netra.accounts.models import ApiToken, User
from netra.accounts.services import token_create
from tests.accounts.helpers import PASSWORD, make_tree, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_user("ani", make_tree()["21.01"], "staf_penanganan", full_name="Ani Wulandari")


def test_profile_shows_office_role_and_territory(client, staff):
    client.force_login(staff)
    body = client.get("/akun/").content.decode()
    assert "Bawaslu Kabupaten Bintan" in body and "Kabupaten Bintan" in body
    assert "Staf penanganan pelanggaran" in body


def test_token_is_shown_once_then_only_its_prefix(client, staff):
    client.force_login(staff)
    response = client.post("/akun/token/baru/", {"name": "rekap mingguan"})
    assert response.status_code == 200
    raw = response.context["new_token"]["raw"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=staff)
    assert token.token_hash == ApiToken.hash(raw)
    again = client.get("/akun/").content.decode()
    assert raw not in again and token.prefix in again


def test_blank_token_name_is_refused(client, staff):
    client.force_login(staff)
    response = client.post("/akun/token/baru/", {"name": ""})
    assert response.status_code == 400 and response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_revoking_own_token(client, staff):
    token, _ = token_create(user=staff, name="skrip")
    client.force_login(staff)
    assert client.post(f"/akun/token/{token.pk}/cabut/").status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_someone_elses_token_is_not_found(client, staff):
    other = make_user("budi", staff.office)
    theirs, _ = token_create(user=other, name="milik budi")
    client.force_login(staff)
    assert client.post(f"/akun/token/{theirs.pk}/cabut/").status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None


def test_revoke_needs_post(client, staff):
    token, _ = token_create(user=staff, name="skrip")
    client.force_login(staff)
    assert client.get(f"/akun/token/{token.pk}/cabut/").status_code == 405


def test_user_without_office_sees_a_notice_and_cannot_make_tokens(client):
    homeless = User.objects.create_user("tanpa", password=PASSWORD)
    client.force_login(homeless)
    assert "Belum terhubung ke kantor" in client.get("/akun/").content.decode()
    assert client.post("/akun/token/baru/", {"name": "x"}).status_code == 400
    assert not ApiToken.objects.exists()


def test_jurisdiction_descriptions_per_office_kind():
    from netra.accounts.models import Office
    from netra.accounts.scoping import jurisdiction_of
    from netra.accounts.services import office_create
    from netra.registry.models import Agency, Region

    offices = make_tree()
    pemkab = Agency.objects.create(
        name="Pemerintah Kabupaten Bintan", kind="pemkab", region=Region.objects.get(code="21.01")
    )
    offices["ppk"] = office_create(kind=Office.Kind.PPK, agency=pemkab)
    expected = {
        "ri": ("", True, "Seluruh Indonesia"),
        "bkn": ("", True, "Rekomendasi yang diteruskan kepada BKN, seluruh Indonesia"),
        "21": ("21", False, "Kepulauan Riau dan wilayah di bawahnya"),
        "21.01": ("21.01", False, "Kabupaten Bintan dan wilayah di bawahnya"),
        "21.01.01": ("21.01.01", False, "Bintan Timur"),
        "ppk": ("21.01", False, "Rekomendasi tentang pegawai Pemerintah Kabupaten Bintan dan unit kerjanya"),
    }
    for key, (code, national, description) in expected.items():
        user = make_user(f"u-{key}", offices[key])
        shown = jurisdiction_of(user)  # same dict as the API's "jurisdiction"
        assert shown == {"region_code": code, "national": national, "description": description}
