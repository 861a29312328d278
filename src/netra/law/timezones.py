"""Each province's legal time zone (UU: WIB UTC+7, WITA UTC+8, WIT UTC+9). Deadlines end at local midnight."""

from zoneinfo import ZoneInfo

from netra.law import regioncode

ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

# Kemendagri province code -> zone. Kalimantan Barat and Tengah are WIB; the rest of Kalimantan is WITA.
_PROVINCE_ZONE = {
    **dict.fromkeys(["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"], "WIB"),
    **dict.fromkeys(["31", "32", "33", "34", "35", "36", "61", "62"], "WIB"),
    **dict.fromkeys(["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"], "WITA"),
    **dict.fromkeys(["81", "82", "91", "92", "93", "94", "95", "96"], "WIT"),
}


class UnknownProvince(ValueError):
    """A region code whose first two digits are not a province."""


def province_zone(region_code: str) -> str:
    """ "WIB", "WITA" or "WIT" for any region code ("64", "64.01", "64.01.02.2001")."""
    try:
        return _PROVINCE_ZONE[regioncode.province(region_code)]
    except KeyError:
        raise UnknownProvince(f"kode provinsi tidak dikenal: {region_code!r}") from None


def zoneinfo_for(region_code: str | None) -> ZoneInfo:
    """The IANA zone of a region; WIB (Jakarta) when no region is given."""
    return ZoneInfo(ZONES[province_zone(region_code)] if region_code else ZONES["WIB"])
