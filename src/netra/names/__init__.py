"""Indonesian civil-servant names and NIPs: parsing, normalisation and roster matching (pure Python).

    from netra.names import NameIndex, RosterRecord, normalize_name, parse_nip

    parse_nip("19800101 200501 1 001").birth_date        # date(1980, 1, 1); InvalidNip says what is wrong
    normalize_name("Drs. H. Moch. Djoko Santoso, M.Si.").canonical   # "muhamad joko santoso"
    index = NameIndex.build(RosterRecord(id, nama, nip, agency_id, kode_wilayah, jabatan) for ...)
    index.search("pak camat Joko", region_code="33", limit=5)   # [Match(id, score, reasons), ...]
    index.save(path); NameIndex.load(path)                 # memory-mapped, no rebuild at start-up

``netra.names.synthetic`` generates realistic synthetic rosters (CSV for the importer) and perturbed
queries; ``benchmarks/roster_match.py`` measures the index at national scale.
"""

from netra.names.index import NameIndex
from netra.names.nip import InvalidNip, NipInfo, is_valid_nip, parse_nip
from netra.names.normalize import NormalizedName, canonical_name, normalize_name
from netra.names.records import Match, RosterRecord

__all__ = [
    "InvalidNip",
    "Match",
    "NameIndex",
    "NipInfo",
    "NormalizedName",
    "RosterRecord",
    "canonical_name",
    "is_valid_nip",
    "normalize_name",
    "parse_nip",
]
