"""Version stamps: readers (matching indexes) compare one number instead of scanning tables.

A bump stores the current time in nanoseconds rather than adding one, so a stamp is never reused,
even after a rolled-back transaction took the previous value back.
"""

import time

from netra.registry.models import RegistryCounter

ROSTER = "roster"


def counter_bump(key: str = ROSTER) -> int:
    stamp = time.time_ns()
    RegistryCounter.objects.update_or_create(key=key, defaults={"value": stamp})
    return stamp


def counter_value(key: str = ROSTER) -> int:
    return RegistryCounter.objects.filter(key=key).values_list("value", flat=True).first() or 0
