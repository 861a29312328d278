"""The text of an item cut into plain and cue segments, so a template can wrap cues in ``<mark>``.

Pure: the template escapes every segment (autoescape), nothing here builds HTML. Cue offsets come
from the pipeline (``Item.cues``: ``start``/``end`` or ``span``, per ``field``); offsets out of range,
overlapping or inverted cues are clipped or skipped rather than trusted.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    cue: dict[str, Any] | None = None  # the cue this segment marks; None for plain text

    @property
    def marked(self) -> bool:
        return self.cue is not None


def _span(cue: dict[str, Any]) -> tuple[int, int] | None:
    start, end = cue.get("start"), cue.get("end")
    if start is None and isinstance(cue.get("span"), list | tuple) and len(cue["span"]) == 2:
        start, end = cue["span"]
    if isinstance(start, bool) or isinstance(end, bool):
        return None
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    return start, end


def cue_segments(text: str, cues: list[Any] | None, field: str = "text") -> list[Segment]:
    """``text`` as segments in order; the cues of ``field`` (valid, non-overlapping) are marked.

    Joining the segments' texts always gives back ``text`` exactly.
    """
    spans: list[tuple[int, int, dict[str, Any]]] = []
    for cue in cues or []:
        if not isinstance(cue, dict) or cue.get("field", "text") != field:
            continue
        span = _span(cue)
        if span is None:
            continue
        start, end = max(0, span[0]), min(len(text), span[1])
        if start < end:
            spans.append((start, end, cue))
    spans.sort(key=lambda s: (s[0], -s[1]))
    segments: list[Segment] = []
    position = 0
    for start, end, cue in spans:
        if start < position:  # overlaps a cue already marked
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], cue))
        position = end
    if position < len(text) or not segments:
        segments.append(Segment(text[position:]))
    return segments
