"""Compose one invented Indonesian name, with titles, for a naming tradition, gender, age and position."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from functools import cache

from netra.names import synthetic_data as data

ZIPF = 0.5
HEAD_TRADITION_SHARE = 0.75
SINGLE_KEPT = 0.5
UPPER_CASE_SHARE = 0.3  # many rosters are kept in capitals
# A row of synthetic_data.POSITIONS: jabatan, share of the roster, where it is placed, the degrees it holds.
Position = tuple[str, float, str, tuple[str, ...]]


def pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


@cache
def _cum(length: int) -> list[float]:
    total, out = 0.0, list[float]()
    for k in range(length):
        total += 1 / (k + 1) ** ZIPF
        out.append(total)
    return out


def zipf(rng: random.Random, parts: Sequence[str]) -> str:
    return rng.choices(parts, cum_weights=_cum(len(parts)))[0]


def compose_name(
    rng: random.Random, tradition: str, female: bool, birth_year: int, position: Position
) -> str:
    if tradition in _HEAD_TRADITIONS and rng.random() < _head_rate(female):
        return _with_titles(rng, pick(rng, _head_names(female)), tradition, female, birth_year, position)
    parts = _COMPOSERS[tradition](rng, female, birth_year)
    if tradition not in ("balinese", "batak") and rng.random() < (0.35 if birth_year >= 1975 else 0.15):
        parts.insert(max(len(parts) - 1, 1), derived_name(rng, female))
    parts = list(dict.fromkeys(parts))  # no "Siti Siti"
    if set(parts) <= data.NEVER_ALONE or (len(parts) == 1 and rng.random() < SINGLE_KEPT):
        parts.append(derived_name(rng, female))  # keeps any one-word name below the published head
    name = " ".join(parts)
    if rng.random() < UPPER_CASE_SHARE:
        name = name.upper()
    return _with_titles(rng, name, tradition, female, birth_year, position)


def _other_than(rng: random.Random, parts_list: Sequence[str], taken: list[str]) -> str:
    for _ in range(5):
        choice = zipf(rng, parts_list)
        if choice not in taken:
            return choice
    return choice


def derived_name(rng: random.Random, female: bool) -> str:
    root = zipf(rng, data.DERIVED_ROOTS)
    return root + zipf(rng, data.DERIVED_FEMALE if female else data.DERIVED_MALE)


def _generic(
    rng: random.Random,
    female: bool,
    birth_year: int,
    given: Sequence[str],
    closing: Sequence[str],
    prefixes: Sequence[str] = (),
    endings: Sequence[str] = (),
) -> list[str]:
    if birth_year >= 1985 and rng.random() < 0.4:
        first = zipf(rng, data.MODERN_FEMALE if female else data.MODERN_MALE)
    else:
        first = zipf(rng, given)
    roll = rng.random()
    single = 0.2 if birth_year < 1975 else 0.06
    if roll < single:  # a whole name in one word is usually a composed one ("Su" + "yanto")
        return [_single_name(rng, female, first, prefixes, endings)]
    if endings and rng.random() < 0.35:
        last = rng.choice(prefixes) + zipf(rng, endings)
    else:
        last = zipf(rng, closing)
    if roll > 0.75:
        return [first, zipf(rng, given), last]
    return [first, last]


def _single_name(
    rng: random.Random, female: bool, first: str, prefixes: Sequence[str], endings: Sequence[str]
) -> str:
    if endings and rng.random() < 0.6:
        return rng.choice(prefixes) + zipf(rng, endings)
    if first in data.NEVER_ALONE or rng.random() < 0.5:
        return derived_name(rng, female)
    return first


@cache
def _head_names(female: bool) -> dict[str, float]:
    return dict(data.HEAD_NAMES_FEMALE if female else data.HEAD_NAMES_MALE)


@cache
def _head_rate(female: bool) -> float:
    """The chance of a published head name, so that e.g. Nurhayati is 0.127% of the roster, as of e-KTP
    holders (half are women; the traditions that use these names make up about 80% of the roster)."""
    total = sum(_head_names(female).values())
    return total / (data.E_KTP_HOLDERS / 2) / HEAD_TRADITION_SHARE


def _javanese(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    if female:
        return _generic(
            rng,
            female,
            birth_year,
            data.JAVANESE_FEMALE,
            data.JAVANESE_CLOSING_FEMALE,
            data.JAVANESE_PREFIXES,
            data.JAVANESE_FEMALE_ENDINGS,
        )
    return _generic(
        rng,
        female,
        birth_year,
        data.JAVANESE_MALE,
        data.JAVANESE_CLOSING_MALE,
        data.JAVANESE_PREFIXES,
        data.JAVANESE_MALE_ENDINGS,
    )


def _sundanese(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    if female:
        return _generic(rng, female, birth_year, data.SUNDANESE_FEMALE, data.SUNDANESE_CLOSING_FEMALE)
    return _generic(rng, female, birth_year, data.SUNDANESE_MALE, data.SUNDANESE_CLOSING_MALE)


def _batak(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    first = zipf(rng, data.BATAK_FEMALE if female else data.BATAK_MALE)
    parts = [first]
    if rng.random() < 0.3:
        parts.append(zipf(rng, data.CHRISTIAN_FEMALE if female else data.CHRISTIAN_MALE))
    if rng.random() < 0.95:
        parts.append(zipf(rng, data.BATAK_SURNAMES))
    return parts


def _minang(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    parts = [zipf(rng, data.MINANG_FEMALE if female else data.MINANG_MALE)]
    if rng.random() < 0.7:
        parts.append(zipf(rng, data.MINANG_CLOSING))
    return parts


def _bugis(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    parts = ["Andi"] if rng.random() < 0.15 else []
    given = data.BUGIS_FEMALE if female else data.BUGIS_MALE
    parts.append(zipf(rng, given))
    if rng.random() < 0.65:
        parts.append(_other_than(rng, given if rng.random() < 0.5 else data.BUGIS_CLOSING, parts))
    return parts


def _balinese(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    parts = ["Ni" if female else "I"]
    if rng.random() < 0.15:
        castes = data.BALINESE_CASTE_FEMALE if female else data.BALINESE_CASTE_MALE
        parts = [rng.choice(castes)]
    if rng.random() < 0.75:
        order = rng.choices(data.BALINESE_ORDER, weights=[4, 3, 2, 1])[0]
        parts.append(rng.choice(order) if not female or order[0] != "Putu" else rng.choice(("Putu", "Luh")))
    given = data.BALINESE_FEMALE if female else data.BALINESE_MALE
    parts.append(zipf(rng, given))
    if rng.random() < 0.3:
        parts.append(zipf(rng, given))
    return parts


def _muslim(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    if female:
        lead = rng.random()
        parts = ["Siti"] if lead < 0.25 else ["Nur"] if lead < 0.32 else []
        given = data.MUSLIM_FEMALE if parts or lead > 0.6 else data.MODERN_FEMALE
        parts.append(_other_than(rng, given, parts))
        if rng.random() < 0.85:
            parts.append(zipf(rng, data.MUSLIM_CLOSING_FEMALE + data.MODERN_CLOSING_FEMALE))
        return parts
    parts = []
    if rng.random() < 0.3:
        written, weights = zip(*data.MUHAMMAD_WRITTEN, strict=True)
        parts.append(rng.choices(written, weights=weights)[0])
    first = zipf(rng, data.MUSLIM_MALE)
    parts.append(first)
    if first == "Abdul":
        parts.append(zipf(rng, data.ABDUL_COMPANIONS))
    elif rng.random() < 0.8:
        parts.append(zipf(rng, data.MUSLIM_CLOSING_MALE + data.MODERN_CLOSING_MALE))
    return parts


def _christian(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    parts = [zipf(rng, data.CHRISTIAN_FEMALE if female else data.CHRISTIAN_MALE)]
    if rng.random() < 0.3:
        parts.append(zipf(rng, data.MODERN_FEMALE if female else data.MODERN_MALE))
    if rng.random() < 0.85:
        parts.append(zipf(rng, data.EASTERN_SURNAMES))
    return parts


def _aceh(rng: random.Random, female: bool, birth_year: int) -> list[str]:
    parts = []
    if rng.random() < 0.1:
        parts.append("Cut" if female else "Teuku")
    parts.append(zipf(rng, data.ACEH_FEMALE if female else data.ACEH_MALE))
    if rng.random() < 0.7:
        parts.append(zipf(rng, data.MUSLIM_CLOSING_FEMALE if female else data.MUSLIM_CLOSING_MALE))
    return parts


_COMPOSERS: dict[str, Callable[[random.Random, bool, int], list[str]]] = {
    "javanese": _javanese,
    "sundanese": _sundanese,
    "batak": _batak,
    "minang": _minang,
    "bugis": _bugis,
    "balinese": _balinese,
    "muslim": _muslim,
    "christian": _christian,
    "aceh": _aceh,
}
_HEAD_TRADITIONS = {"javanese", "sundanese", "muslim", "minang", "bugis", "aceh"}
_MUSLIM_TRADITIONS = {"javanese", "sundanese", "minang", "bugis", "muslim", "aceh"}
_PREFIX_TITLES = {"Drs.", "Dra.", "dr.", "Dr.", "Ir."}


def _with_titles(
    rng: random.Random, name: str, tradition: str, female: bool, birth_year: int, position: Position
) -> str:
    degree = rng.choice(position[3])
    if degree.startswith(("Drs.", "Dra.")):
        degree = ("Dra." if female else "Drs.") + degree[4:]
    if degree.startswith("S.") and birth_year < 1967 and rng.random() < 0.4:
        degree = "Dra." if female else "Drs."
    if degree.startswith("S.") and "M." not in degree and rng.random() < 0.08:
        degree += rng.choice((", M.Si.", ", M.M.", ", M.Pd.", ", M.H."))
    prefix, suffix = "", ""
    head = degree.split(",")[0].strip()
    if head in _PREFIX_TITLES:
        prefix, suffix = head + " ", degree[len(head) :].strip(" ,")
    else:
        suffix = degree
    if tradition in _MUSLIM_TRADITIONS and birth_year < 1980 and rng.random() < 0.1:
        prefix += "Hj. " if female else "H. "
    return f"{prefix}{name}{', ' + suffix if suffix else ''}"
