"""The Kemendagri code tree (netra.law.regioncode): properties over generated codes, and the examples
people meet ("32.04" holds "32.04.01", never "32.040" nor its sibling "32.05")."""

from hypothesis import given
from hypothesis import strategies as st

from netra.law import regioncode

# A code is 1-4 parts: two-digit provinsi, kab/kota, kecamatan, four-digit desa/kelurahan.
_WIDTHS = (2, 2, 2, 4)


@st.composite
def codes(draw, min_level: int = 1, max_level: int = 4) -> str:
    depth = draw(st.integers(min_level, max_level))
    return ".".join(draw(st.text("0123456789", min_size=w, max_size=w)) for w in _WIDTHS[:depth])


@given(codes())
def test_a_region_lies_within_itself_and_every_holder_in_its_lineage(code):
    assert regioncode.within(code, code)
    assert not regioncode.below(code, code)
    lineage = regioncode.lineage(code)
    assert lineage[-1] == code and len(lineage) == regioncode.level(code)
    for holder in lineage[:-1]:
        assert regioncode.below(code, holder)
        assert not regioncode.within(holder, code)


@given(codes())
def test_the_whole_country_holds_every_region(code):
    assert regioncode.within(code, regioncode.NATIONAL)
    assert regioncode.below(code, regioncode.NATIONAL)
    assert not regioncode.within(regioncode.NATIONAL, code)


@given(codes(min_level=2))
def test_the_parent_is_one_level_up_and_holds_the_code(code):
    parent = regioncode.parent(code)
    assert parent is not None
    assert regioncode.level(parent) == regioncode.level(code) - 1
    assert regioncode.below(code, parent)
    assert regioncode.lineage(code)[:-1] == regioncode.lineage(parent)


@given(codes(max_level=1))
def test_a_province_has_no_parent_and_is_its_own_province(code):
    assert regioncode.parent(code) is None
    assert regioncode.province(code) == code


@given(codes(), codes())
def test_within_is_a_whole_part_prefix(code, ancestor):
    """Within exactly when the ancestor's parts begin the code's parts: never a digit-prefix."""
    expected = regioncode.parts(code)[: regioncode.level(ancestor)] == regioncode.parts(ancestor)
    assert regioncode.within(code, ancestor) == expected
    assert regioncode.related(code, ancestor) == (expected or regioncode.within(ancestor, code))
    assert regioncode.below(code, ancestor) == (expected and code != ancestor)


@given(codes(), codes())
def test_two_regions_within_each_other_are_the_same(a, b):
    both = regioncode.within(a, b) and regioncode.within(b, a)
    assert both == (a == b)


@given(codes(), st.data())
def test_within_is_transitive(a, data):
    b = data.draw(st.sampled_from(regioncode.lineage(a)))
    c = data.draw(st.sampled_from(regioncode.lineage(b)))
    assert regioncode.within(a, b) and regioncode.within(b, c)
    assert regioncode.within(a, c)


@given(codes(), st.integers(0, 5))
def test_the_ancestor_at_a_level_is_the_lineage_at_that_level(code, at_level):
    found = regioncode.ancestor_at(code, at_level)
    if 1 <= at_level <= regioncode.level(code):
        assert found == regioncode.lineage(code)[at_level - 1]
        assert regioncode.within(code, found)
    else:
        assert found is None


@given(codes())
def test_every_code_below_starts_with_the_descendant_prefix(code):
    child = code + ".01"
    assert child.startswith(regioncode.descendant_prefix(code))
    assert not code.startswith(regioncode.descendant_prefix(code))


def test_examples_from_the_code_list():
    assert regioncode.within("32.04.01", "32.04")
    assert not regioncode.within("32.040", "32.04")  # not a whole part
    assert not regioncode.within("32.05", "32.04")  # a sibling
    assert not regioncode.within("32", "32.04")  # the province is not inside its kabupaten
    assert regioncode.related("32", "32.04") and not regioncode.related("32.04", "21.01")
    assert regioncode.province("33.73.04.1001") == "33"
    assert regioncode.province(regioncode.NATIONAL) == regioncode.NATIONAL
    assert regioncode.parent("33.73.04.1001") == "33.73.04"
    assert regioncode.level("33.73.04.1001") == regioncode.DESA
    assert regioncode.level(regioncode.NATIONAL) == 0
    assert regioncode.lineage("21.01.04") == ["21", "21.01", "21.01.04"]
    assert regioncode.descendant_prefix(regioncode.NATIONAL) == regioncode.NATIONAL
