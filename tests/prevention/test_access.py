"""Who reads and acts on prevention records: the access matrix, through the selectors and pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from netra.accounts.scoping import SUPERVISE, VIEW, can, restrict
from netra.prevention import selectors, services
from netra.prevention.models import Attendee, Document, Event, Pledge, Signatory
from tests.cases.helpers import photo
from tests.prevention.conftest import write_list

pytestmark = pytest.mark.django_db

# office key -> (sees the Bintan event/pledge, may act on it)
MATRIX = {
    "bintan": (True, True),
    "kepri": (True, True),
    "ri": (True, True),
    "gunung_kijang": (False, False),  # a kecamatan office does not see its kabupaten's records
    "lingga": (False, False),
    "bandung": (False, False),
    "bkn": (True, False),
    "ppk_bintan": (True, False),
    "ppk_lingga": (False, False),
}


@pytest.fixture
def bintan_records(tmp_path, roster, make_event, make_pledge, recorder, world):
    event = make_event(audience=[world["agencies"]["dinas_bintan"]])
    pledge = make_pledge()
    user = recorder("bintan")
    services.attendance_import(
        user=user, event=event, path=write_list(tmp_path / "a.csv", [("Siti Rahmawati", "", "", "")])
    )
    services.signatories_import(
        user=user, pledge=pledge, path=write_list(tmp_path / "b.csv", [("Dewi Lestari", "", "", "")])
    )
    services.document_add(user=user, parent=pledge, files=[photo()], kind=Document.Kind.SCAN)
    return event, pledge


@pytest.mark.parametrize(("office", "expected"), MATRIX.items())
def test_access_matrix_for_events_pledges_and_their_rows(office, expected, bintan_records, recorder):
    event, pledge = bintan_records
    user = recorder(office)
    sees, acts = expected
    for model in (Event, Pledge, Attendee, Signatory, Document):
        assert restrict(model.objects.all(), user, VIEW).exists() is sees, model
    assert can(user, event, VIEW) is sees and can(user, pledge, VIEW) is sees
    assert can(user, event, SUPERVISE) is acts and can(user, pledge, SUPERVISE) is acts


def test_ppk_sees_an_event_only_when_its_agency_is_organiser_or_audience(make_event, recorder, world):
    other = make_event(title="Rakor internal Bawaslu")
    heard = make_event(title="Sosialisasi Dinas", audience=[world["agencies"]["dinas_bintan"]])
    visible = set(selectors.event_list_for(recorder("ppk_bintan")).values_list("pk", flat=True))
    assert visible == {heard.pk} and other.pk not in visible


def test_the_public_reads_no_rows(bintan_records):
    for model in (Event, Pledge, Attendee, Signatory, Document):
        assert not restrict(model.objects.all(), AnonymousUser(), VIEW).exists()


def test_out_of_jurisdiction_is_404_and_visible_but_forbidden_is_403(
    client, bintan_records, recorder, tmp_path
):
    event, pledge = bintan_records
    client.force_login(recorder("lingga"))
    assert client.get(f"/pencegahan/ikrar/{pledge.pk}/").status_code == 404
    assert client.get(f"/pencegahan/kegiatan/{event.pk}/").status_code == 404
    client.force_login(recorder("ppk_bintan"))
    assert client.get(f"/pencegahan/ikrar/{pledge.pk}/").status_code == 200
    with (tmp_path / "x.csv").open("w") as handle:
        handle.write("nama\nSiti\n")
    with (tmp_path / "x.csv").open("rb") as handle:
        response = client.post(f"/pencegahan/ikrar/{pledge.pk}/impor/", {"file": handle})
    assert response.status_code == 403
    assert Signatory.objects.count() == 1
    assert client.get("/pencegahan/ikrar/baru/").status_code == 403


def test_recording_outside_the_territory_or_as_analyst_is_refused(make_event, make_pledge, world, regions):
    with pytest.raises(PermissionDenied):
        make_event(office="bintan", region="21.04")
    with pytest.raises(PermissionDenied):
        make_pledge(office="ppk_bintan")
    with pytest.raises(PermissionDenied):
        services.event_create(
            user=world["staff"]["bintan"]["analis"],
            data={"region": regions["21.01"]},
        )
    assert not Event.objects.exists() and not Pledge.objects.exists()


def test_selectors_raise_404_outside_jurisdiction(bintan_records, recorder):
    event, pledge = bintan_records
    with pytest.raises(Http404):
        selectors.pledge_get_for(recorder("bandung"), pledge.pk)
    with pytest.raises(Http404):
        selectors.event_get_for(AnonymousUser(), event.pk)
    document = pledge.documents.get()
    with pytest.raises(Http404):
        selectors.document_get_for(recorder("lingga"), document.pk)


def test_document_download_keeps_the_original_bytes_and_hash(client, bintan_records, recorder):
    import hashlib

    _event, pledge = bintan_records
    document = pledge.documents.get()
    client.force_login(recorder("kepri"))
    response = client.get(f"/pencegahan/berkas/{document.pk}/")
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and hashlib.sha256(body).hexdigest() == document.sha256
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
