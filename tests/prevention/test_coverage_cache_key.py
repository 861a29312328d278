"""A coverage figure's cache key stays valid whatever the region parameter holds."""

import warnings

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import CacheKeyWarning

from netra.prevention.coverage import Coverage, cached

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("scope", ["x" * 400, "32 04\n\x01", "32.04", ""])
def test_any_scope_gives_a_valid_key_and_is_remembered(scope):
    cache.clear()
    calls = []

    def compute():
        calls.append(1)
        return Coverage(scope=scope, name="", election_id=None)

    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        cached("region", scope, None, compute)
        cached("region", scope, None, compute)
    assert calls == [1]


def test_different_scopes_are_different_entries():
    cache.clear()
    first = cached("region", "32", None, lambda: Coverage(scope="32", name="", election_id=None))
    second = cached("region", "33", None, lambda: Coverage(scope="33", name="", election_id=None))
    assert (first.scope, second.scope) == ("32", "33")
