"""Properties of the region-code parser and the place-name normaliser."""

from hypothesis import given
from hypothesis import strategies as st

from netra.law import regioncode
from netra.registry.normalize import dotted, normalize_place, parse_region_code

digits = st.text(alphabet="0123456789", min_size=1, max_size=12)
code_digits = st.sampled_from([2, 4, 6, 10]).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)
)


@given(code_digits)
def test_dotted_and_undotted_forms_parse_to_the_same_code(raw):
    code = parse_region_code(raw)
    assert code == parse_region_code(dotted(raw))
    assert code.replace(".", "") == raw
    assert regioncode.level(code) == {2: 1, 4: 2, 6: 3, 10: 4}[len(raw)]


@given(code_digits)
def test_parent_of_a_parsed_code_holds_it_one_level_up(raw):
    code = parse_region_code(raw)
    parent = regioncode.parent(code)
    if regioncode.level(code) == regioncode.PROVINSI:
        assert parent is None
    else:
        assert regioncode.below(code, parent) and regioncode.level(parent) == regioncode.level(code) - 1


@given(digits.filter(lambda d: len(d) not in (2, 4, 6, 10)))
def test_other_lengths_are_not_codes(raw):
    assert parse_region_code(raw) is None


@given(st.text())
def test_parser_never_raises(text):
    result = parse_region_code(text)
    assert result is None or set(result) <= set("0123456789.")


@given(st.text())
def test_normalised_names_are_idempotent_lowercase_ascii(text):
    once = normalize_place(text)
    assert normalize_place(once) == once
    assert once == once.strip() and "  " not in once
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in once)
    assert once == once.lower()


def test_normaliser_examples():
    assert normalize_place("Kab. Bandung-Barat") == "kab bandung barat"
    assert normalize_place("  KOTA  Administrasi   Jakarta Pusat ") == "kota administrasi jakarta pusat"
    assert normalize_place("Tojo Una-Una") == "tojo una una"
