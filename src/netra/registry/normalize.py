"""Normal forms for region codes and place names, shared by loading, aliases and resolution."""

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_CODE_DIGITS = re.compile(r"\d{2}(?:\.?\d{2}(?:\.?\d{2}(?:\.?\d{4})?)?)?")
# Type words that precede a kab/kota or province name in official and everyday writing.
_PREFIXES = re.compile(
    r"^(?:pemerintah |pem )?(?:provinsi|prov|pemprov|kabupaten administrasi|kabupaten|kab adm|kab|pemkab"
    r"|kota administrasi|kota adm|kota|pemkot|kecamatan|kec|distrik|kelurahan|kel|desa) "
)


def normalize_place(text: str) -> str:
    """``"Kab. Bandung-Barat"`` -> ``"kab bandung barat"``: lower case, ASCII, single spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub(" ", ascii_text.lower()).strip()


def strip_type_prefix(normalized: str) -> str:
    """``"kabupaten administrasi kepulauan seribu"`` -> ``"kepulauan seribu"`` (one prefix only)."""
    return _PREFIXES.sub("", normalized, count=1)


def parse_region_code(text: str) -> str | None:
    """The dotted form of a code written dotted or not (``"3204"``, ``"32.04.01"``), else None.

    Only the four Kemendagri shapes are accepted: 2, 4, 6 or 10 digits.
    """
    candidate = text.strip()
    if not _CODE_DIGITS.fullmatch(candidate):
        return None
    digits = candidate.replace(".", "")
    if "." in candidate and candidate != dotted(digits):
        return None  # dots in the wrong places ("3.204")
    return dotted(digits)


def dotted(digits: str) -> str:
    return ".".join(part for part in (digits[0:2], digits[2:4], digits[4:6], digits[6:10]) if part)
