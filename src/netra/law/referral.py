"""Who receives Bawaslu's recommendation on an ASN-neutrality case, who gets copies, and why.

Routing (domain.md section 4): PNS/PPPK -> KASN when forwarded before 24 Aug 2024, BKN from that day,
with a copy to the PPK; PPNPN -> kepala daerah; kepala/perangkat desa -> bupati/wali kota; Sentra
Gakkumdu when a criminal provision tied to the violation type may apply in the regime.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netra.law import catalogue, overrides
from netra.law.catalogue import CriminalProvision, ViolationType
from netra.law.sources import Citation, LawError, citation_from, rules

REGIMES = ("pemilu", "pemilihan")
GAKKUMDU = "gakkumdu"
_ROLE_ORDER = ("recipient", "copy", "note")


@dataclass(frozen=True)
class Route:
    """One addressee with the reason and its sources."""

    party: str
    role: str  # "recipient" | "copy" | "note"
    reason: str
    citations: list[Citation]

    def text(self) -> str:
        sources = "; ".join(c.label() for c in self.citations)
        return f"{self.party}: {self.reason}" + (f" ({sources})" if sources else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "role": self.role,
            "reason": self.reason,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Referral:
    subject: str
    regime: str
    forwarded: date
    violation: str | None
    routes: list[Route] = field(default_factory=list)

    @property
    def recipients(self) -> list[str]:
        return _parties(self.routes, "recipient")

    @property
    def copies(self) -> list[str]:
        return [p for p in _parties(self.routes, "copy") if p not in self.recipients]

    @property
    def reasons(self) -> list[str]:
        return [route.text() for route in self.routes]

    @property
    def unverified(self) -> bool:
        return any(c.unverified for route in self.routes for c in route.citations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "recipients": self.recipients,
            "copies": self.copies,
            "reasons": self.reasons,
            "subject": self.subject,
            "regime": self.regime,
            "forwarded": self.forwarded.isoformat(),
            "violation": self.violation,
            "routes": [route.to_dict() for route in self.routes],
            "unverified": self.unverified,
        }


def _parties(routes: list[Route], role: str) -> list[str]:
    return list(dict.fromkeys(route.party for route in routes if route.role == role))


def validate_regime(regime: str) -> str:
    if regime not in REGIMES:
        raise LawError(f"rezim tidak dikenal: {regime!r} (pilih: {', '.join(REGIMES)})")
    return regime


def validate_subject(subject: str) -> str:
    if subject not in catalogue.SUBJECTS:
        raise LawError(f"subjek tidak dikenal: {subject!r} (pilih: {', '.join(catalogue.SUBJECTS)})")
    return subject


def _date_in(raw: dict[str, Any], day: date) -> bool:
    start, end = raw.get("valid_from"), raw.get("valid_to")
    return (start is None or start <= day) and (end is None or day <= end)


def _administrative_routes(subject: str, forwarded: date) -> list[Route]:
    routes = []
    disabled = overrides.current().disabled_referrals
    for inst, raw in rules("referral"):
        if subject in raw["subjects"] and _date_in(raw, forwarded) and raw["id"] not in disabled:
            role, party = ("recipient", raw["recipient"]) if "recipient" in raw else ("copy", raw["copy"])
            citations = [citation_from(c, inst.short) for c in raw["citations"]]
            routes.append(Route(party=party, role=role, reason=raw["reason"], citations=citations))
    return routes


def _criminal_route(provision: CriminalProvision, subject: str) -> Route | None:
    where = f"{provision.instrument} {provision.article}"
    if not provision.criminal:
        return Route("catatan", "note", f"{where}: {provision.penalty}", provision.citations)
    if subject in provision.liable:
        reason = f"{where} dapat diterapkan kepada terlapor ({subject}): {provision.penalty}"
        return Route(GAKKUMDU, "recipient", reason, provision.citations)
    if provision.liable_other:
        reason = (
            f"{where} mengancam pidana {provision.liable_other} yang melibatkan terlapor; "
            f"pertimbangkan penanganan terpisah melalui Sentra Gakkumdu: {provision.penalty}"
        )
        return Route(GAKKUMDU, "copy", reason, provision.citations)
    return None


def _violation_routes(vt: ViolationType, subject: str, regime: str) -> list[Route]:
    routes = []
    if subject not in vt.subjects:
        reason = (
            f"jenis {vt.code} dirumuskan untuk {', '.join(vt.subjects)}; bagi {subject} sanksinya "
            "mengikuti dasar hukum subjek tersebut (perjanjian kerja atau UU Desa)"
        )
        routes.append(Route("catatan", "note", reason, vt.citations[:1]))
    for provision in vt.criminal_provisions():
        if provision.regime == regime:
            route = _criminal_route(provision, subject)
            if route:
                routes.append(route)
    return routes


def refer(*, subject: str, regime: str, forwarded: date, violation: str | None = None) -> Referral:
    """Recipients and copies of the recommendation, with a cited reason for each."""
    validate_subject(subject)
    validate_regime(regime)
    if not isinstance(forwarded, date):
        raise LawError(f"tanggal penerusan harus berupa tanggal, bukan {forwarded!r}")
    routes = _administrative_routes(subject, forwarded)
    if violation is None:
        routes.append(
            Route(
                "catatan",
                "note",
                "jenis pelanggaran tidak diberikan; kemungkinan jalur pidana "
                "(Sentra Gakkumdu) belum diperiksa",
                [],
            )
        )
    else:
        vt = catalogue.get(violation)
        routes += _violation_routes(vt, subject, regime)
        violation = vt.code
    routes.sort(key=lambda route: _ROLE_ORDER.index(route.role))
    return Referral(subject=subject, regime=regime, forwarded=forwarded, violation=violation, routes=routes)
