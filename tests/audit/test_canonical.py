"""Properties of the canonical form the chain hashes."""

import json
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from netra.audit.canonical import HASHED_FIELDS, canonical_json, chain_hash, normalise_data

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
events = st.fixed_dictionaries(
    {
        "seq": st.integers(1, 10**9),
        "at": st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)),
        "actor": st.text(min_size=1, max_size=20),
        "office_code": st.sampled_from(["", "21", "21.01", "21.01.01"]),
        "action": st.text(min_size=1, max_size=20),
        "object_type": st.text(min_size=1, max_size=20),
        "object_id": st.text(min_size=1, max_size=10),
        "data": st.dictionaries(st.text(max_size=8), json_values, max_size=5),
    }
)


@given(events)
def test_canonical_json_is_compact_sorted_and_round_trips(fields):
    text = canonical_json(fields)
    parsed = json.loads(text)
    assert list(parsed) == sorted(HASHED_FIELDS)
    assert text == json.dumps(parsed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert parsed["data"] == fields["data"]


@given(events, st.sampled_from([f for f in HASHED_FIELDS if f not in ("seq", "at", "data")]))
def test_changing_any_text_field_changes_the_hash(fields, name):
    changed = {**fields, name: fields[name] + "x"}
    assert chain_hash("0" * 64, changed) != chain_hash("0" * 64, fields)


@given(events)
def test_the_same_instant_in_another_zone_hashes_the_same(fields):
    jakarta = timezone(timedelta(hours=7))
    moved = {**fields, "at": fields["at"].astimezone(jakarta)}
    assert chain_hash("a" * 64, moved) == chain_hash("a" * 64, fields)
    later = {**fields, "at": fields["at"] + timedelta(microseconds=1)}
    assert chain_hash("a" * 64, later) != chain_hash("a" * 64, fields)


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=5))
def test_normalise_data_is_idempotent(data):
    once = normalise_data(data)
    assert normalise_data(once) == once == data
