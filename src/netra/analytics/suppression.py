"""Cell suppression for the public statistics: no published figure may single a person out.

Rules (docs/analytics.md):

1. *Primary*: a count from 1 to ``minimum - 1`` is not published (shown as "< minimum"); zero is
   published, it points at nobody.
2. *Secondary*: a row total is published, so a row with exactly one suppressed cell would let anyone
   subtract it back; the smallest other non-zero cell of that row is suppressed as well.
3. A row total below ``minimum`` is itself suppressed. No column totals are published.
"""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    value: int
    suppressed: bool


def suppress_row(values: Mapping[str, int], minimum: int) -> dict[str, Cell]:
    """One row (column -> count) with rules 1 and 2 applied."""
    hidden = {k for k, v in values.items() if 0 < v < minimum}
    if len(hidden) == 1:
        others = sorted((v, k) for k, v in values.items() if v > 0 and k not in hidden)
        if others:
            hidden.add(others[0][1])
    return {k: Cell(v, k in hidden) for k, v in values.items()}


def suppress_total(total: int, minimum: int) -> Cell:
    return Cell(total, 0 < total < minimum)
