"""What any text or number typed into Netra may hold: one policy for the forms, the API and imports.

PostgreSQL cannot store a NUL character at all and its ``bigint`` ends at 2^63 - 1, so a value past
either crashed the request with a 500 before it reached any validation. Every input path (the ninja
types of ``netra.core.schemas``, ``report_input_parse``, the importer, ``InputGuardMiddleware``) asks
these functions instead of each keeping its own rule.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

# Every integer column (and primary key) is a signed 64-bit ``bigint``.
DB_INT_MAX = 2**63 - 1
DB_INT_MIN = -(2**63)

# Explicit embeddings, overrides and isolates (U+202A-E, U+2066-9) can make a name display as another
# ("Trojan Source"); the implicit marks LRM/RLM are harmless and stay allowed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\r\t")

# Longest text accepted by the generic API types: one line (a name, a query) and a long text (an
# uraian, a kajian). Fields with a narrower column say so in their own schema.
LINE_MAX = 500
TEXT_MAX = 10_000


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why a typed text cannot be stored (NUL and other control characters, bidi overrides), or None."""
    allowed = LINE_BREAKS if multiline else frozenset()
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        return _("Mengandung karakter kontrol yang tidak diizinkan (mis. NUL atau ganti baris).")
    if any(ch in BIDI_CONTROLS for ch in value):
        return _("Mengandung karakter pengubah arah teks (bidi) yang tidak diizinkan.")
    return None


def int_problem(value: int, *, minimum: int = DB_INT_MIN, maximum: int = DB_INT_MAX) -> str | None:
    """Why an integer cannot be used as a database value or an offset, or None."""
    if not minimum <= value <= maximum:
        return _("Angka di luar batas (%(min)s sampai %(max)s).") % {"min": minimum, "max": maximum}
    return None


# An escaped NUL inside a JSON string: ``\u0000`` preceded by an even number of backslashes (an odd
# number means the backslash itself was escaped, and the text is the six characters ``\u0000``).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def json_has_nul(body: bytes) -> bool:
    return bool(_JSON_NUL.search(body))
