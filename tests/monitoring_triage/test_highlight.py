"""Cue segments: whatever the offsets, the segments give back the text exactly and mark only cues."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.monitoring.highlight import cue_segments

cue = st.fixed_dictionaries(
    {"start": st.integers(-5, 60), "end": st.integers(-5, 60), "field": st.sampled_from(["text", "bio"])}
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a busy shared machine
@given(st.text(max_size=50), st.lists(cue, max_size=8))
def test_segments_join_to_the_text_and_never_overlap(text, cues):
    segments = cue_segments(text, cues)
    assert "".join(s.text for s in segments) == text
    marked = [s for s in segments if s.marked]
    assert all(s.text and s.cue["field"] == "text" for s in marked)


def test_span_form_and_garbage_are_handled():
    text = "ayo dukung paslon"
    segments = cue_segments(
        text, [{"span": [4, 10]}, {"start": "x", "end": 3}, "junk", {"start": True, "end": 2}]
    )
    assert [(s.text, s.marked) for s in segments] == [("ayo ", False), ("dukung", True), (" paslon", False)]
    assert [s.text for s in cue_segments(text, [{"start": 0, "end": 10}, {"start": 4, "end": 17}])] == [
        "ayo dukung",
        " paslon",
    ]
