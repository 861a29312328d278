"""A per-process cache of reference rows that almost never change (regions, offices), so the hot public
intake path does not read them on every report.

Each entry lives ``ttl`` seconds; saving or deleting a row of the model empties the cache in that
process at once, and other processes (gunicorn workers) see the change within ``ttl``. A lookup that
finds nothing is not cached, so a row created later is found at once. ``memos_clear`` empties them
all (the test suite calls it between tests, whose databases differ).
"""

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.db.models.signals import post_delete, post_save

_ALL: list["RowMemo"] = []


class RowMemo:
    def __init__(self, *models, ttl: float = 300.0, size: int = 10_000) -> None:
        self.ttl, self.size = ttl, size
        self._items: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(
                    self._changed, sender=model, weak=False, dispatch_uid=f"memo-{id(self)}-{model}"
                )
        _ALL.append(self)

    def get(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """The cached value for ``key``, else ``load()`` (cached unless None)."""
        hit = self._items.get(key)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        value = load()
        if value is not None:
            with self._lock:
                if len(self._items) >= self.size:
                    self._items.clear()
                self._items[key] = (time.monotonic() + self.ttl, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def _changed(self, **kwargs) -> None:
        self.clear()


def memos_clear() -> None:
    for memo in _ALL:
        memo.clear()
