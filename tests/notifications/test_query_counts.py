"""Query counts of the notification list, the bell, the feed and the notice board: pinned and flat."""

from django.test import Client
from django.urls import reverse

from netra.accounts.models import Role
from netra.cases import services as case_services
from netra.notifications.services import calendar_token_create
from tests.cases.helpers import act, case_in
from tests.querycount import assert_flat


def _more_reports(world, submit):
    def add():
        for _number in range(4):
            submit()

    return add


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_and_bell_do_not_grow_with_notifications(world, submit, django_assert_max_num_queries):
    user = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    case_services.case_assign(user=world["staff"]["bintan"][Role.PIMPINAN], case=submit(), assignee=user)
    client = _client(user)
    add = _more_reports(world, submit)
    assert_flat(client, reverse("notifications:list"), 8, django_assert_max_num_queries, add)
    assert_flat(client, reverse("notifications:bell"), 5, django_assert_max_num_queries, add)


def test_calendar_feed_does_not_grow_with_cases(world, submit, django_assert_max_num_queries):
    user = world["staff"]["bintan"][Role.PIMPINAN]
    submit()
    token = calendar_token_create(user=user)
    url = reverse("notifications:calendar_feed", args=[token.raw])
    assert_flat(Client(), url, 3, django_assert_max_num_queries, _more_reports(world, submit))


def test_notice_board_does_not_grow_with_notices(world, django_assert_max_num_queries):
    case_in(world, "diregistrasi")

    def add():
        for _number in range(3):
            act(world, case_in(world, "kajian_awal"), "register", "pimpinan", {})

    url = reverse("notices:board", args=[world["offices"]["bintan"].pk])
    assert_flat(Client(), url, 3, django_assert_max_num_queries, add)


def test_notice_board_index_and_settings_are_pinned(world, django_assert_max_num_queries):
    user = world["staff"]["bintan"][Role.PIMPINAN]

    def add():
        for _number in range(3):
            calendar_token_create(user=user)

    calendar_token_create(user=user)
    assert_flat(_client(user), reverse("notifications:settings"), 9, django_assert_max_num_queries, add)
    assert_flat(Client(), reverse("notices:index"), 2, django_assert_max_num_queries, lambda: None)
