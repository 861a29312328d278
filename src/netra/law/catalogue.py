"""The violation catalogue: SKB 2022 (KE-n, D-n), PP 94/2021 Pasal 5 huruf n (PP94-5n-n), SKB 2020.

Each type is read from its instrument's data file, with its sanction, related criminal provisions and
citations. Indicators are Netra's classification into KASN's four neutrality domains.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from netra.law.sources import Citation, Instrument, LawError, citation_from, instrument, instruments, rules

INDICATORS = ("karier", "hubungan_partai_politik", "kegiatan_kampanye", "pelayanan_publik")
PHASES = ("bakal_calon", "calon", "any")
SANCTION_KINDS = ("moral", "disiplin", "ptdh", "satgas")
LEVELS = ("ringan", "sedang", "berat")
SUBJECTS = ("PNS", "PPPK", "PPNPN", "kepala_desa", "perangkat_desa")
# Catalogue order: the current matrix first, then the PP 94/2021 forms, then the older list.
_INSTRUMENT_ORDER = ("skb-2022", "pp-94-2021", "skb-2020")


class UnknownViolation(KeyError):
    """A violation code that is not in the catalogue."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown violation"


@dataclass(frozen=True)
class Sanction:
    id: str
    kind: str
    level: str | None
    options: list[str]
    citations: list[Citation]
    note: str | None = None
    unverified: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "level": self.level,
            "options": list(self.options),
            "note": self.note,
            "unverified": self.unverified or any(c.unverified for c in self.citations),
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class CriminalProvision:
    id: str
    regime: str
    instrument: str
    article: str
    conduct: str
    penalty: str
    liable: list[str]
    liable_other: str | None
    criminal: bool
    citations: list[Citation]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "regime": self.regime,
            "instrument": self.instrument,
            "article": self.article,
            "conduct": self.conduct,
            "penalty": self.penalty,
            "liable": list(self.liable),
            "liable_other": self.liable_other,
            "criminal": self.criminal,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class ViolationType:
    code: str
    name_id: str
    name_en: str
    description: str
    examples: list[str]
    indicator: str | None
    subjects: list[str]
    phase: str
    sanction: Sanction
    criminal_refs: list[str]
    citations: list[Citation]
    valid_from: date | None
    valid_to: date | None
    instrument: str
    published_text: str | None = None
    retrieved: bool = True

    @property
    def unverified(self) -> bool:
        return not self.retrieved or any(c.unverified for c in self.citations)

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def criminal_provisions(self) -> list[CriminalProvision]:
        return [criminal_provision(ref) for ref in self.criminal_refs]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name_id,
            "name_en": self.name_en,
            "description": self.description,
            "published_text": self.published_text,
            "examples": list(self.examples),
            "sanction": self.sanction.to_dict(),
            "indicator": self.indicator,
            "phase": self.phase,
            "subjects": list(self.subjects),
            "criminal_refs": list(self.criminal_refs),
            "citations": [c.to_dict() for c in self.citations],
            "instrument": self.instrument,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "retrieved": self.retrieved,
            "unverified": self.unverified,
        }


def _check(value: Any, allowed: tuple[Any, ...], what: str, where: str) -> None:
    if value not in allowed:
        raise LawError(f"{where}: {what} {value!r} is not one of {', '.join(map(str, allowed))}")


def _citations(raw: list[dict[str, Any]], inst: Instrument, where: str) -> list[Citation]:
    if not raw:
        raise LawError(f"{where}: every rule needs at least one citation")
    return [citation_from(c, inst.short) for c in raw]


@cache
def _sanctions() -> dict[str, Sanction]:
    found = {}
    for inst, raw in rules("sanction"):
        where = f"{inst.id} sanction {raw['id']}"
        _check(raw["kind"], SANCTION_KINDS, "kind", where)
        _check(raw.get("level"), (*LEVELS, None), "level", where)
        found[raw["id"]] = Sanction(
            id=raw["id"],
            kind=raw["kind"],
            level=raw.get("level"),
            options=list(raw["options"]),
            citations=_citations(raw.get("citations", []), inst, where),
            note=raw.get("note"),
            unverified=bool(raw.get("unverified", False)),
        )
    return found


@cache
def _criminal() -> dict[str, CriminalProvision]:
    found = {}
    for inst, raw in rules("criminal"):
        where = f"{inst.id} criminal {raw['id']}"
        for subject in raw["liable"]:
            _check(subject, SUBJECTS, "liable subject", where)
        found[raw["id"]] = CriminalProvision(
            id=raw["id"],
            regime=raw["regime"],
            instrument=inst.short,
            article=raw["article"],
            conduct=raw["conduct"],
            penalty=raw["penalty"],
            liable=list(raw["liable"]),
            liable_other=raw.get("liable_other"),
            criminal=bool(raw.get("criminal", True)),
            citations=_citations(raw.get("citations", []), inst, where),
        )
    return found


def criminal_provision(provision_id: str) -> CriminalProvision:
    try:
        return _criminal()[provision_id]
    except KeyError:
        raise LawError(f"unknown criminal provision {provision_id!r}") from None


def criminal_provisions() -> list[CriminalProvision]:
    return list(_criminal().values())


def _violation(inst: Instrument, raw: dict[str, Any]) -> ViolationType:
    where = f"{inst.id} violation {raw.get('code')}"
    _check(raw.get("indicator"), (*INDICATORS, None), "indicator", where)
    _check(raw["phase"], PHASES, "phase", where)
    for subject in raw["subjects"]:
        _check(subject, SUBJECTS, "subject", where)
    if raw["sanction"] not in _sanctions():
        raise LawError(f"{where}: unknown sanction {raw['sanction']!r}")
    for ref in raw["criminal_refs"]:
        criminal_provision(ref)
    return ViolationType(
        code=raw["code"],
        name_id=raw["name_id"],
        name_en=raw["name_en"],
        description=raw["description"],
        examples=list(raw["examples"]),
        indicator=raw.get("indicator"),
        subjects=list(raw["subjects"]),
        phase=raw["phase"],
        sanction=_sanctions()[raw["sanction"]],
        criminal_refs=list(raw["criminal_refs"]),
        citations=_citations(raw.get("citations", []), inst, where),
        valid_from=inst.valid_from,
        valid_to=inst.valid_to,
        instrument=inst.id,
        published_text=raw.get("published_text"),
        retrieved=bool(raw.get("retrieved", True)),
    )


def _sort_key(item: tuple[int, ViolationType]) -> tuple[int, str, int]:
    """Instruments in catalogue order, rows in the order their data file lists them."""
    index, vt = item
    order = _INSTRUMENT_ORDER.index(vt.instrument) if vt.instrument in _INSTRUMENT_ORDER else 99
    return (order, vt.instrument, index)


@cache
def _types() -> tuple[ViolationType, ...]:
    listed = [
        (i, _violation(inst, raw)) for inst in instruments() for i, raw in enumerate(inst.rules["violation"])
    ]
    found = [vt for _, vt in sorted(listed, key=_sort_key)]
    codes = [vt.code for vt in found]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise LawError(f"duplicate violation codes: {duplicates}")
    return tuple(found)


def all_types(
    *, on: date | None = None, instrument: str | None = None, include_unretrieved: bool = False
) -> list[ViolationType]:
    """Every type that can classify a case, optionally only those valid on a date or from one instrument.

    Items whose text was not retrieved (SKB 2020 butir 2 and 3) cannot classify anything: they are left
    out unless ``include_unretrieved`` asks for the whole list as published (the public catalogue)."""
    if instrument is not None:
        _instrument_id(instrument)
    return [
        vt
        for vt in _types()
        if (on is None or vt.valid_on(on))
        and (instrument is None or vt.instrument == instrument)
        and (vt.retrieved or include_unretrieved)
    ]


def _instrument_id(instrument_id: str) -> str:
    instrument(instrument_id)
    if not any(vt.instrument == instrument_id for vt in _types()):
        raise LawError(f"instrument {instrument_id!r} defines no violation types")
    return instrument_id


def catalogue_instruments() -> list[Instrument]:
    """The instruments that define violation types, in catalogue order."""
    ids = list(dict.fromkeys(vt.instrument for vt in _types()))
    return [instrument(i) for i in ids]


def get(code: str) -> ViolationType:
    """The type with this code (case-insensitive); UnknownViolation when there is none."""
    wanted = code.strip().upper()
    for vt in _types():
        if vt.code.upper() == wanted:
            return vt
    raise UnknownViolation(f"jenis pelanggaran tidak dikenal: {code!r}")


def _haystack(vt: ViolationType) -> str:
    parts = [vt.code, vt.name_id, vt.name_en, vt.description, vt.published_text or "", vt.indicator or ""]
    return " ".join(parts + vt.examples).casefold()


def search(query: str) -> list[ViolationType]:
    """Types whose code, names, description or examples contain every word of the query."""
    words = query.casefold().split()
    if not words:
        return list(_types())
    hits = [vt for vt in _types() if all(w in _haystack(vt) for w in words)]
    exact = [vt for vt in hits if vt.code.casefold() == query.strip().casefold()]
    return exact + [vt for vt in hits if vt not in exact]
