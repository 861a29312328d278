"""The region-subtree rule of netra.accounts.scoping, as a property over generated region codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.accounts.scoping import region_below, region_subtree_q, region_within
from netra.registry.models import Region

segment = st.sampled_from(["1", "01", "02", "10", "11", "71", "2001"])
codes = st.lists(segment, min_size=1, max_size=4).map(".".join)


@given(codes, codes)
def test_within_means_whole_segments_from_the_start(code, ancestor):
    parts, head = code.split("."), ancestor.split(".")
    assert region_within(code, ancestor) is (parts[: len(head)] == head)
    assert region_below(code, ancestor) is (parts[: len(head)] == head and code != ancestor)


@given(codes)
def test_everything_is_within_the_whole_country(code):
    assert region_within(code, "") and region_below(code, "")


def test_a_sibling_sharing_a_text_prefix_is_not_within():
    assert not region_within("21.010", "21.01") and not region_within("211", "21")


@pytest.mark.django_db
def test_the_query_selects_what_the_predicate_accepts():
    made = ["21", "21.01", "21.01.04", "21.010", "21.71", "211"]
    for code in made:
        Region.objects.create(code=code, name=code, level=code.count(".") + 1, kind="x", timezone="WIB")
    for ancestor in ["", "21", "21.01", "21.010", "211"]:
        rows = Region.objects.filter(region_subtree_q(ancestor, "code"))
        selected = set(rows.values_list("code", flat=True))
        assert selected == {c for c in made if region_within(c, ancestor)}, ancestor
