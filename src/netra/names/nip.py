"""Parse and validate the 18-digit NIP (Nomor Induk Pegawai) of an Indonesian civil servant.

PNS layout (Perka BKN 43/2007): birth date ``yyyymmdd`` + TMT CPNS ``yyyymm`` + gender digit
(1 = laki-laki, 2 = perempuan) + a 3-digit serial.

The NI PPPK of a contract employee has the same length but not the same middle: after the birth date
come the year of first appointment as calon PPPK and a two-digit code that is not a month (widely seen
as "21"; published descriptions call it the number of work agreements), then gender and serial. So an
NI PPPK is parsed with ``pppk=True``; its month check would reject most real numbers.

Error messages are in Indonesian because officers read them in import reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

NIP_LENGTH = 18
GENDERS = {"1": "L", "2": "P"}
_SEPARATORS = re.compile(r"[\s.\-_/]+")


class InvalidNip(ValueError):
    """A NIP that is not 18 digits or whose parts are not a real date, gender or TMT."""


PPPK_FIRST_YEAR = 2019  # the first PPPK were appointed in 2019, under PP 49/2018


@dataclass(frozen=True)
class NipInfo:
    nip: str
    birth_date: date
    tmt_cpns: date | None  # PNS only: the month of appointment as CPNS
    gender: str
    serial: str
    kind: str = "PNS"  # or "PPPK"
    pppk_year: int | None = None  # PPPK only: the year of first appointment
    pppk_code: str | None = None  # PPPK only: the two digits after that year


def clean_nip(raw: str) -> str:
    """Strip the spaces, dots and dashes people write inside a NIP; the rest must be digits."""
    if not isinstance(raw, str):
        raise InvalidNip(f"NIP harus berupa teks, bukan {type(raw).__name__}")
    cleaned = _SEPARATORS.sub("", raw.strip())
    if not cleaned:
        raise InvalidNip("NIP kosong")
    bad = sorted({ch for ch in cleaned if not ("0" <= ch <= "9")})
    if bad:
        raise InvalidNip(f"NIP hanya boleh berisi angka (ada karakter {''.join(bad)!r})")
    return cleaned


def parse_nip(raw: str, *, pppk: bool = False) -> NipInfo:
    """Parse a NIP such as ``"19800101 200501 1 001"`` (or, with ``pppk``, an NI PPPK such as
    ``"19900101 202321 2 001"``); raise InvalidNip saying what is wrong."""
    nip = clean_nip(raw)
    if len(nip) != NIP_LENGTH:
        raise InvalidNip(f"NIP harus {NIP_LENGTH} digit (ada {len(nip)})")
    birth = _birth_date(nip[:8])
    if pppk:
        year, code = _pppk_appointment(nip[8:14], birth)
        return NipInfo(nip, birth, None, _gender(nip), nip[15:], "PPPK", year, code)
    tmt = _tmt_cpns(nip[8:14])
    if tmt <= birth:
        raise InvalidNip(f"TMT CPNS {tmt:%m/%Y} tidak setelah tanggal lahir {birth:%d-%m-%Y}")
    return NipInfo(nip=nip, birth_date=birth, tmt_cpns=tmt, gender=_gender(nip), serial=nip[15:])


def is_valid_nip(raw: str, *, pppk: bool = False) -> bool:
    try:
        parse_nip(raw, pppk=pppk)
    except InvalidNip:
        return False
    return True


def _gender(nip: str) -> str:
    """ "L" or "P" from the 15th digit (checked after the dates, so a date error is reported first)."""
    gender = GENDERS.get(nip[14])
    if gender is None:
        raise InvalidNip(f"digit jenis kelamin (ke-15) harus 1 atau 2 (ada {nip[14]})")
    return gender


def _pppk_appointment(part: str, birth: date) -> tuple[int, str]:
    year, code = int(part[:4]), part[4:6]
    if not PPPK_FIRST_YEAR <= year <= date.today().year + 1:
        raise InvalidNip(
            f"tahun pengangkatan PPPK {year} tidak masuk akal (PPPK ada sejak {PPPK_FIRST_YEAR})"
        )
    if year <= birth.year:
        raise InvalidNip(f"tahun pengangkatan PPPK {year} tidak setelah tahun lahir {birth.year}")
    if code == "00":
        raise InvalidNip("dua digit setelah tahun pengangkatan PPPK tidak boleh 00")
    return year, code


def format_nip(nip: str) -> str:
    """The usual written form: ``19800101 200501 1 001``."""
    digits = clean_nip(nip)
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _birth_date(part: str) -> date:
    year, month, day = int(part[:4]), int(part[4:6]), int(part[6:8])
    if not 1900 <= year <= date.today().year:
        raise InvalidNip(f"tahun lahir {year} tidak masuk akal")
    if not 1 <= month <= 12:
        raise InvalidNip(f"bulan lahir harus 01-12 (ada {part[4:6]})")
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidNip(f"tanggal lahir {part[6:8]}-{part[4:6]}-{year} tidak ada") from None


def _tmt_cpns(part: str) -> date:
    year, month = int(part[:4]), int(part[4:6])
    if not 1900 <= year <= date.today().year + 1:
        raise InvalidNip(f"tahun TMT CPNS {year} tidak masuk akal")
    if not 1 <= month <= 12:
        raise InvalidNip(f"bulan TMT CPNS harus 01-12 (ada {part[4:6]})")
    return date(year, month, 1)
