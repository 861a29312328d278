"""Reading an object's history."""

import pytest
from django.contrib.auth.models import AnonymousUser

from netra.accounts.models import User
from netra.audit.selectors import events_for_object
from netra.audit.services import event_record

pytestmark = pytest.mark.django_db


def test_events_for_object_returns_its_history_oldest_first():
    user = User.objects.create_user("ani", password="x")
    event_record(actor="ani", action="case.create", obj_type="case", obj_id=1)
    event_record(actor="ani", action="case.create", obj_type="case", obj_id=2)
    event_record(actor="ani", action="case.register", obj_type="case", obj_id="1")
    event_record(actor="ani", action="x", obj_type="temuan", obj_id=1)
    history = events_for_object(user, "case", 1)
    assert [e.action for e in history] == ["case.create", "case.register"]


def test_anonymous_and_inactive_users_get_nothing():
    event_record(actor="ani", action="case.create", obj_type="case", obj_id=1)
    inactive = User.objects.create_user("budi", password="x", is_active=False)
    assert not events_for_object(AnonymousUser(), "case", 1).exists()
    assert not events_for_object(inactive, "case", 1).exists()
