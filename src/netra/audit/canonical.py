"""The canonical form of an event that the chain hashes: sorted keys, ISO UTC datetimes, no spaces."""

import hashlib
import json
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder

HASHED_FIELDS = ("seq", "at", "actor", "office_code", "action", "object_type", "object_id", "data")


def normalise_data(data: dict | None) -> dict:
    """Round-trip through JSON so what is hashed is exactly what the database stores and returns."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TypeError("audit event data must be a dict")
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def iso_utc(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(fields: dict) -> str:
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["at"] = iso_utc(payload["at"])
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, fields: dict) -> str:
    return hashlib.sha256((prev_hash + canonical_json(fields)).encode("utf-8")).hexdigest()
