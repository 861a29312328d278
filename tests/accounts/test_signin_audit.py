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
