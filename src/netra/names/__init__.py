"""Indonesian civil-servant names and NIPs: parsing, normalisation and roster matching (pure Python)."""

from netra.names.index import NameIndex
from netra.names.nip import InvalidNip, NipInfo, is_valid_nip, parse_nip
from netra.names.normalize import NormalizedName, canonical_name, normalize_name
from netra.names.records import Match, RosterRecord

__all__ = [
    "InvalidNip", "Match", "NameIndex", "NipInfo", "NormalizedName", "RosterRecord", "canonical_name",
    "is_valid_nip", "normalize_name", "parse_nip",
]
