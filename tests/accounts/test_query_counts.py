"""Query counts of the user's own token list (profile page and API): pinned, flat in the token count."""

import pytest
from django.test import Client

from netra.accounts.services_tokens import token_create
from tests.accounts.helpers import make_user, national_office
from tests.querycount import assert_flat

pytestmark = pytest.mark.django_db


def _more_tokens(user):
    def add():
        for number in range(5):
            token_create(user=user, name=f"skrip {number}")

    return add


def test_profile_token_list_does_not_grow_with_tokens(settings, django_assert_max_num_queries):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user("ani", national_office(), "pimpinan")
    token_create(user=user, name="pertama")
    client = Client()
    client.force_login(user)
    assert_flat(client, "/akun/", 8, django_assert_max_num_queries, _more_tokens(user))


def test_api_token_list_does_not_grow_with_tokens(settings, django_assert_max_num_queries):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user("ani", national_office(), "pimpinan")
    _row, raw = token_create(user=user, name="pertama")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert_flat(client, "/api/v1/accounts/tokens", 3, django_assert_max_num_queries, _more_tokens(user))
