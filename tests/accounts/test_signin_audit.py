"""Every login and every failed login leaves exactly one audit event."""

import pytest

from netra.audit.models import Event
from netra.audit.services import chain_verify
from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
LOGIN = "/akun/masuk/"


@pytest.fixture
def staff():
    return make_user("ani", national_office(), "pimpinan")


def test_a_login_is_audited_once(client, staff):
    before = Event.objects.count()
    response = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert response.status_code == 302
    events = list(Event.objects.filter(seq__gt=before))
    assert [(e.action, e.actor, e.object_type) for e in events] == [("account.login", "ani", "accounts.user")]
    assert events[0].data == {"ip": "127.0.0.1"}


def test_each_failed_login_is_audited_once_even_during_a_lockout(client, staff):
    before = Event.objects.count()
    for _ in range(7):  # the sixth and seventh are refused by the lockout, still audited
        client.post(LOGIN, {"username": "ani", "password": "salah"})
    client.post(LOGIN, {"username": "nobody-here", "password": "salah"})
    events = list(Event.objects.filter(seq__gt=before))
    assert [e.action for e in events] == ["account.login_failed"] * 8
    assert [e.object_id for e in events] == ["ani"] * 7 + ["nobody-here"]
    assert all(e.actor == "public" and e.data["ip"] == "127.0.0.1" for e in events)
    assert chain_verify().ok


def test_with_2fa_the_login_is_audited_after_the_code_and_each_wrong_code_too(
    client, staff, settings, tmp_path
):
    """The password alone is no login (no event); every wrong code is a failed login (step "code");
    the right code completes the login (one event)."""
    from base64 import b32decode

    from django_otp.oath import totp

    from netra.accounts.services_twofactor import twofactor_demo_enrol

    settings.NETRA_MASTER_KEY, settings.NETRA_KEY_DIR = "", tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    secret = b32decode(twofactor_demo_enrol(user=staff))
    before = Event.objects.order_by("-seq").values_list("seq", flat=True).first()
    assert client.post(LOGIN, {"username": "ani", "password": PASSWORD}).status_code == 302
    assert not Event.objects.filter(seq__gt=before, action="account.login").exists()
    assert client.post("/akun/masuk/kode/", {"code": "000000"}).status_code == 200
    staff.sealedtotpdevice_set.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post("/akun/masuk/kode/", {"code": f"{totp(secret):06d}"}).status_code == 302
    events = list(Event.objects.filter(seq__gt=before, action__startswith="account.login"))
    assert [(e.action, e.data.get("step")) for e in events] == [
        ("account.login_failed", "code"),
        ("account.login", None),
    ]
    assert events[0].object_id == "ani" and events[0].data["ip"] == "127.0.0.1"
    assert chain_verify().ok
