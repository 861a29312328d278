"""Indonesian civil-servant names and NIPs: parsing, normalisation and roster matching (pure Python)."""

from netra.names.nip import InvalidNip, NipInfo, is_valid_nip, parse_nip

__all__ = ["InvalidNip", "NipInfo", "is_valid_nip", "parse_nip"]
