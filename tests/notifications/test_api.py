"""/api/v1/notifications/: the user's own notifications, the unread count, mark read; 404 for others'."""

from django.test import Client

from netra.accounts.models import Role
from netra.accounts.services_tokens import token_create
from netra.cases import services as case_services
from netra.notifications.models import Notification
from tests.querycount import assert_flat


def _api(user) -> Client:
    _row, raw = token_create(user=user, name="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_list_unread_and_mark_read(world, submit):
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    case = submit()
    case_services.case_assign(user=world["staff"]["bintan"][Role.PIMPINAN], case=case, assignee=handler)
    client = _api(handler)

    rows = client.get("/api/v1/notifications/").json()
    assert [(r["kind"], r["case_id"]) for r in rows] == [("case_assigned", case.pk), ("new_report", case.pk)]
    assert rows[0]["kind_label"] == "Kasus ditugaskan kepada saya" and rows[0]["read_at"] is None
    assert client.get("/api/v1/notifications/unread").json() == {"unread": 2}

    read = client.post(f"/api/v1/notifications/{rows[0]['id']}/read").json()
    assert read["read_at"] is not None
    assert [r["kind"] for r in client.get("/api/v1/notifications/?unread=true").json()] == ["new_report"]


def test_anothers_notification_answers_404_and_no_token_401(world, submit):
    submit()
    row = Notification.objects.filter(kind="new_report").first()
    stranger = world["staff"]["lingga"][Role.PIMPINAN]
    response = _api(stranger).post(f"/api/v1/notifications/{row.pk}/read")
    assert response.status_code == 404 and "detail" in response.json()
    row.refresh_from_db()
    assert row.read_at is None
    assert Client().get("/api/v1/notifications/").status_code == 401


def test_api_list_does_not_grow_with_notifications(world, submit, django_assert_max_num_queries):
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    submit()

    def add():
        for _number in range(4):
            submit()

    assert_flat(_api(handler), "/api/v1/notifications/", 3, django_assert_max_num_queries, add)
