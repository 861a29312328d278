"""Records added after the index was built, searched by a linear scan until the next rebuild.

Keeps ``NameIndex.add`` cheap for the trickle of changes between nightly rebuilds; past a few
thousand records call ``NameIndex.rebuild``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netra.names.build import nip_as_int
from netra.names.context import apply_context, position_words
from netra.names.normalize import normalize_name
from netra.names.records import Match, NameKey, RosterRecord
from netra.names.scoring import score_name

if TYPE_CHECKING:
    from netra.names.context import Context
    from netra.names.index import NameIndex, _Query


class Overlay:
    def __init__(self, index: NameIndex):
        self._index = index
        self._records: dict[int, tuple[RosterRecord, tuple[str, ...]]] = {}

    def add(self, record: RosterRecord) -> None:
        tokens = normalize_name(record.name).tokens
        if not tokens:
            self._index.skipped.append(record.id)
            return
        self._records[record.id] = (record, tokens)

    def discard(self, record_id: int) -> None:
        self._records.pop(record_id, None)

    def get(self, record_id: int) -> RosterRecord | None:
        entry = self._records.get(record_id)
        return entry[0] if entry else None

    def tokens(self, record_id: int) -> tuple[str, ...] | None:
        entry = self._records.get(record_id)
        return tuple(entry[1]) if entry else None

    def count_named(self, tokens: tuple[str, ...], ctx: Context) -> int:
        """Records here with exactly these name tokens, within the search context's scope."""
        return sum(
            tuple(t) == tokens and ctx.accepts(r.agency_id, r.region_code) for r, t in self._records.values()
        )

    def __len__(self) -> int:
        return len(self._records)

    def records(self) -> list[RosterRecord]:
        return [record for record, _ in self._records.values()]

    def search(self, query: _Query, ctx: Context, keys: dict[int, NameKey]) -> list[Match]:
        found = []
        for record, tokens in self._records.values():
            if not ctx.accepts(record.agency_id, record.region_code):
                continue
            weights = [self._index.vocab.token_weight(t) for t in tokens]
            named = score_name(query.tokens, list(tokens), weights)
            if not named.reasons and not ctx.nip:
                continue
            row = (
                nip_as_int(record.nip),
                record.agency_id,
                record.region_code,
                position_words(record.position),
            )
            score, reasons = apply_context(named.score, list(named.reasons), ctx, row)
            reasons += [f"normalisasi: {step}" for step in query.normalized.applied]
            keys[record.id] = (tuple(tokens), round(sum(weights), 3))
            found.append(Match(record.id, round(score, 4), reasons))
        return found
