"""Access matrix: every cases API endpoint x every role x every office relation -> allowed or denied.

The case is handled by Bawaslu Kabupaten Bintan in Kecamatan Gunung Kijang. Relations:
own (Bintan), parent (Provinsi Kepri), national (RI), child (Panwaslu Kecamatan Gunung Kijang,
whose territory contains the case), sibling (Lingga), unrelated (Bandung, Jawa Barat),
BKN, the PPK of the terlapor's agency (Bintan) and another PPK (Lingga).
"""

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.accounts.services import token_create
from tests.cases.helpers import case_in, photo

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cases"
ROLES = list(Role.values)
SEES_NEW_CASE = {"bintan", "kepri", "ri", "gunung_kijang"}
SEES_RECOMMENDED_CASE = SEES_NEW_CASE | {"bkn", "ppk_bintan"}
SUPERVISORS_COVERING = SEES_NEW_CASE  # supervisory offices whose territory holds 21.01.04
SUPERVISORY = {"ri", "kepri", "bintan", "lingga", "gunung_kijang", "jabar", "bandung"}


def _client(user) -> Client:
    _token, raw = token_create(user=user, name="matriks")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _visible(expected_ok: bool, office: str, visible: set[str], ok: int) -> int:
    """ok when allowed; 403 when the case is visible but the action is not; 404 when invisible."""
    if office not in visible:
        return 404
    return ok if expected_ok else 403


def _expectations(office: str, role: str) -> dict[str, int]:
    own = office == "bintan"
    sees = office in SEES_NEW_CASE
    return {
        "list": 200,
        "queue": 200,
        "detail": 200 if sees else 404,
        "actions": 200 if sees else 404,
        "transition": _visible(
            own and role in (Role.PIMPINAN, Role.STAF_PENANGANAN), office, SEES_NEW_CASE, 200
        ),
        "evidence_list": 200 if sees else 404,
        "evidence_add": _visible(
            own and role in (Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS), office, SEES_NEW_CASE, 201
        ),
        "evidence_file": 200 if sees and role != Role.ANALIS else 404,
        "comments": 200 if sees else 404,
        "comment_add": _visible(
            role in (Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS), office, SEES_NEW_CASE, 201
        ),
        "assignment": _visible(own and role == Role.PIMPINAN, office, SEES_NEW_CASE, 200),
        "temuan": _temuan_expectation(office, role),
        "followup_detail": 200 if office in SEES_RECOMMENDED_CASE else 404,
        "followup": _visible(
            office in ("bkn", "ppk_bintan") and role in (Role.PIMPINAN, Role.STAF_PENANGANAN),
            office,
            SEES_RECOMMENDED_CASE,
            200,
        ),
    }


def _temuan_expectation(office: str, role: str) -> int:
    if role not in (Role.PENGAWAS, Role.PIMPINAN) or office not in SUPERVISORY:
        return 403
    return 201 if office in SUPERVISORS_COVERING else 400


def _temuan_payload(world) -> dict:
    return {
        "election": world["elections"]["pilkada"].pk,
        "region": "21.01.04",
        "description": "ASN hadir dalam kampanye.",
        "place": "Lapangan",
        "observation": {"observed_at": "2024-10-01T09:00:00+07:00", "method": "Patroli", "what": "Hadir"},
    }


def _requests(world, case, evidence_id, recommended):
    """name -> (method, path, payload, json?) for one call of each endpoint."""
    followup = {
        "action": "record_followup",
        "sanction_code": "pp94-berat-a",
        "imposed_by": "Bupati Bintan",
        "imposed_on": "2024-11-01",
        "letter_number": "800/1",
    }
    return {
        "list": ("get", f"{BASE}/", None, False),
        "queue": ("get", f"{BASE}/queue", None, False),
        "detail": ("get", f"{BASE}/{case.pk}", None, False),
        "actions": ("get", f"{BASE}/{case.pk}/actions", None, False),
        "transition": ("post", f"{BASE}/{case.pk}/transitions", {"action": "start_kajian_awal"}, True),
        "evidence_list": ("get", f"{BASE}/{case.pk}/evidence", None, False),
        "evidence_add": ("post", f"{BASE}/{case.pk}/evidence", {"links": ["https://example.org/b"]}, False),
        "evidence_file": ("get", f"{BASE}/evidence/{evidence_id}/file", None, False),
        "comments": ("get", f"{BASE}/{case.pk}/comments", None, False),
        "comment_add": ("post", f"{BASE}/{case.pk}/comments", {"body": "Catatan"}, True),
        "assignment": ("post", f"{BASE}/{case.pk}/assignment", {"assignee": None}, True),
        "temuan": ("post", f"{BASE}/temuan", _temuan_payload(world), True),
        "followup_detail": ("get", f"{BASE}/{recommended.pk}", None, False),
        "followup": ("post", f"{BASE}/{recommended.pk}/transitions", followup, True),
    }


MUTATING = {"transition", "followup"}


def _call(client, method, path, payload, as_json):
    if method == "get":
        return client.get(path)
    if as_json:
        return client.post(path, payload, content_type="application/json")
    return client.post(path, payload)


@pytest.mark.parametrize(
    "office",
    [
        "bintan",
        "kepri",
        "ri",
        "gunung_kijang",
        "lingga",
        "bandung",
        "jabar",
        "bkn",
        "ppk_bintan",
        "ppk_lingga",
    ],
)
def test_access_matrix(world, office):
    shared = case_in(world, "diterima")
    shared_recommended = case_in(world, "rekomendasi_diteruskan")
    evidence_id = shared.evidence.get().pk
    for role in ROLES:
        client = _client(world["staff"][office][role])
        for name, status in _expectations(office, role).items():
            # A successful state change gets its own case so the next caller meets the same state.
            case, recommended = shared, shared_recommended
            if name in MUTATING and status == 200:
                case, recommended = case_in(world, "diterima"), case_in(world, "rekomendasi_diteruskan")
            method, path, payload, as_json = _requests(world, case, evidence_id, recommended)[name]
            response = _call(client, method, path, payload, as_json)
            assert response.status_code == status, (office, role, name, response.content[:300])
    shared.refresh_from_db()
    assert shared.status == "diterima"


def test_public_endpoints_need_no_account(world):
    case = case_in(world, "diterima")
    anonymous = Client()
    tracked = anonymous.post(f"{BASE}/track", {"code": case.receipt_code}, content_type="application/json")
    assert tracked.status_code == 200
    assert anonymous.get(f"{BASE}/elections").status_code == 200
    assert anonymous.get(f"{BASE}/violation-types").status_code == 200
    form = {
        "election": world["elections"]["pilkada"].pk,
        "region": "21.01.04",
        "description": "x",
        "anonymous": "true",
        "files": [photo()],
    }
    assert anonymous.post(f"{BASE}/reports", form).status_code == 201
    for path in (f"{BASE}/", f"{BASE}/queue", f"{BASE}/{case.pk}", f"{BASE}/{case.pk}/evidence"):
        assert anonymous.get(path).status_code == 401


def test_comments_are_bawaslu_notes_that_bkn_and_the_ppk_do_not_read(world):
    """The comments endpoint answers from its own selector: the handling office reads every comment,
    oldest first; BKN and the PPK, who may see a recommended case, read none of them."""
    from netra.cases import services

    case = case_in(world, "rekomendasi_diteruskan")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    for body in ("Pertama", "Kedua"):
        services.comment_add(user=staf, case=case, body=body)
    url = f"{BASE}/{case.pk}/comments"
    own = _client(world["staff"]["bintan"][Role.PIMPINAN]).get(url)
    assert [c["body"] for c in own.json()] == ["Pertama", "Kedua"]
    assert own.json()[0]["author"] == staf.username
    for office in ("bkn", "ppk_bintan"):
        response = _client(world["staff"][office][Role.PIMPINAN]).get(url)
        assert (response.status_code, response.json()) == (200, [])
    assert _client(world["staff"]["lingga"][Role.PIMPINAN]).get(url).status_code == 404
