"""Every coverage entry point validates the region code before any figure (and its cache entry) is
made: junk, long or odd codes are refused (400 for the officer's page and the API, 404 for the public
page), and no cache key ever holds the raw parameter."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from netra.accounts.models import Role
from tests.cases.test_api import client_for

pytestmark = pytest.mark.django_db
JUNK = ["x" * 5000, "32 04\x01", "../../etc", "%%%", "32.04.99.99.99.99"]


def cache_keys() -> list[str]:
    return [str(key) for key in getattr(cache, "_cache", {})]  # the local-memory cache of the tests


@pytest.mark.parametrize("junk", JUNK)
def test_the_officers_coverage_page_refuses_an_unknown_region(world, junk):
    browser = Client()
    browser.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    answer = browser.get(reverse("prevention:coverage"), {"region": junk})
    assert answer.status_code == 400
    assert answer.context["form"].errors["region"]
    assert not any(junk in key for key in cache_keys())


@pytest.mark.parametrize("junk", JUNK)
def test_the_api_refuses_an_unknown_region(world, junk):
    answer = client_for(world["staff"]["bintan"][Role.PIMPINAN]).get(
        "/api/v1/prevention/coverage", {"region": junk}
    )
    assert answer.status_code in (400, 422)
    assert not any(junk in key for key in cache_keys())


@pytest.mark.parametrize("junk", ["x" * 5000, "32 04", "zz", "32.04.99.99.99.99"])
def test_the_public_page_answers_404_for_an_unknown_region(world, junk):
    answer = Client().get(reverse("prevention:public_region", args=[junk]))
    assert answer.status_code == 404


def test_a_known_region_still_answers(world):
    browser = Client()
    browser.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    assert browser.get(reverse("prevention:coverage"), {"region": "21.01"}).status_code == 200
    assert browser.get(reverse("prevention:coverage")).status_code == 200
