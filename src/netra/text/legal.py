"""Legal references in Indonesian text, normalised: ``UU 5/2014``, ``PP 94/2021``, ``Perbawaslu 7/2022``,
``Permenpan 6/2022``, ``SKB 2022`` (``SKB`` when no year is written).

A reference keeps the number and year as written. A small catalogue of the regulations that neutrality
news cites (data/news_legal_catalogue.csv) fills in a missing year ("PP 94") when the number is unique,
and flags an evidently wrong year with a warning when the title written after "tentang" names a
catalogued regulation with the same number but another year ("PP 42 tahun 2024 tentang Pembinaan Jiwa
Korps dan Kode Etik PNS" stays ``PP 42/2024``, with a warning naming PP 42/2004). Common misspellings
of the act's kind ("Peraturan Pemeritah", "Peraturan Pemerintahan", "undangan undang") are read too.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Longest forms first inside each kind; kinds that share a prefix (Perppu before PP) come first.
_KINDS: list[tuple[str, str]] = [
    ("Perppu", r"peraturan\s+pemerintah\s+pengganti\s+undang[\s-]*undang|perppu|perpu"),
    ("UU", r"undang(?:an)?[\s-]*undang|uu"),
    ("PP", r"peraturan\s+pem(?:e|i)?r(?:i|e)?n?tah(?:an)?|pp"),
    ("Perpres", r"peraturan\s+presiden|perpres"),
    ("Perbawaslu", r"peraturan\s+(?:badan\s+pengawas\s+pemilihan\s+umum|bawaslu)|perbawaslu"),
    ("PKPU", r"peraturan\s+(?:komisi\s+pemilihan\s+umum|kpu)|pkpu"),
    ("Perpol", r"peraturan\s+kepolisian(?:\s+negara\s+republik\s+indonesia)?|perpol"),
    ("Peraturan BKN", r"peraturan\s+(?:badan\s+kepegawaian\s+negara|bkn)|perban\s+bkn"),
    ("Permendagri", r"peraturan\s+menteri\s+dalam\s+negeri|permendagri"),
    ("Permenpan", r"peraturan\s+menteri\s+(?:pendayagunaan\s+aparatur\s+negara\s+dan\s+reformasi\s+"
                  r"birokrasi|pan[\s-]?rb)|permen\s*pan(?:[\s-]?rb)?"),
]  # fmt: skip
_KIND_RE = "|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(_KINDS))
# "Undang-Undang (UU) RI", "UU ASN Nomor 20 Tahun 2023", "PP Disiplin PNS Nomor 94 Tahun 2021"
_AFTER_KIND = (
    r"(?:\s*\([A-Za-z-]+\))?(?:\s+(?:RI|republik\s+indonesia))?"
    r"(?:\s+(?:ASN|Pemilu|Pilkada|Pemilihan|Desa|Pemda|Disiplin\s+PNS|Manajemen\s+PPPK))?"
)
_NUMBER = r"(?:\s*(?:nomor|nomer|no\b\.?|nr\.?)\s*|\s+)(?P<number>\d{1,4})(?![\d.,]\d)"
_YEAR = r"(?:\s*(?:/|tahun|thn\.?|th\.?)\s*(?P<year>(?:19[4-9]|20\d)\d)\b)?"
_ACT = re.compile(rf"\b(?:{_KIND_RE}){_AFTER_KIND}{_NUMBER}{_YEAR}", re.IGNORECASE)
_SKB = re.compile(
    r"\b(?:surat\s+keputusan\s+bersama|keputusan\s+bersama|skb)\b(?:\s*\(SKB\))?"
    r"(?P<rest>(?:\s+(?:\d\s+menteri|lima\s+menteri|netralitas(?:\s+ASN)?|nomor\s+\d+|no\.?\s*\d+"
    r"|(?:ke)?menpan[\s-]?rb|pan[\s-]?rb))*"
    r"(?:\s*(?:tahun|th\.?|/)?\s*(?P<year>(?:19|20)\d\d)\b)?)",
    re.IGNORECASE,
)
_NOT_SKB = re.compile(r"\b(?:gedung|sanggar|aula)\s+$", re.IGNORECASE)
_TITLE = re.compile(r"\s*tentang\s+(?P<title>[^.;:\n\"“”]{3,200})", re.IGNORECASE)
_TITLE_NOISE = re.compile(r"\b(?:dan|atas|nomor|tahun|\d+|serta|tentang|dalam|ke|di)\b|[^a-z\s]")


# The kinds news-labels.md asks for; a KPU regulation, a BKN or Mendagri regulation is left out of the news
# facts (find_legal_refs still finds them).
NEWS_KINDS = frozenset({"UU", "Perppu", "PP", "Perpres", "Perbawaslu", "Perpol", "Permenpan", "SKB"})


@dataclass(frozen=True, slots=True)
class LegalRef:
    ref: str  # normalised, e.g. "UU 5/2014"
    start: int
    end: int
    text: str
    warning: str | None = None  # "the title names PP 42/2004": the written year is evidently wrong

    @property
    def kind(self) -> str:
        return self.ref.split(" ")[0] if not self.ref.startswith("Peraturan BKN") else "Peraturan BKN"


@cache
def _catalogue() -> dict[str, frozenset[str]]:
    raw = resources.files("netra.text").joinpath("data/news_legal_catalogue.csv").read_text("utf-8")
    return {row["ref"]: _title_words(row["title"]) for row in csv.DictReader(raw.splitlines())}


def _title_words(title: str) -> frozenset[str]:
    title = title.lower().replace("walikota", "wali kota").replace("pns", "pegawai negeri sipil")
    title = title.replace("asn", "aparatur sipil negara").replace("undang-undang", "undang undang")
    return frozenset(_TITLE_NOISE.sub(" ", title).split())


def _kind(match: re.Match[str]) -> tuple[str, str]:
    """The kind of act and the words that named it."""
    i = next(i for i in range(len(_KINDS)) if match.group(f"k{i}"))
    return _KINDS[i][0], match.group(f"k{i}")


def _title_matches(wanted: frozenset[str], words: frozenset[str]) -> bool:
    return bool(wanted) and len(wanted & words) >= max(1, int(len(wanted) * 0.75))


def _resolve(kind: str, number: str, year: str | None, title: str | None) -> tuple[str | None, str | None]:
    """The normalised reference as written (the catalogue fills a missing year), and a warning when the
    title names a catalogued act with the same number and another year."""
    same_number = [ref for ref in _catalogue() if ref.startswith(f"{kind} {number}/")]
    words = _title_words(title) if title else frozenset()
    titled = next((ref for ref in same_number if words and _title_matches(_catalogue()[ref], words)), None)
    if year:
        written = f"{kind} {number}/{year}"
        if titled and titled != written:
            return written, f"{written} as written, but its title is that of {titled}: the year looks wrong"
        return written, None
    if titled:
        return titled, None
    return (same_number[0] if len(same_number) == 1 else None), None


def find_legal_refs(text: str) -> list[LegalRef]:
    """Every legal reference in ``text`` in order; a numbered act without a known year is left out."""
    found: list[LegalRef] = []
    for match in _ACT.finditer(text):
        kind, named = _kind(match)
        if len(named) == 2 and not named.isupper():
            continue  # "pp" or "uu" in lower case is rarely a reference
        title = _TITLE.match(text, match.end())
        written_title = title.group("title") if title else None
        ref, warning = _resolve(kind, match.group("number"), match.group("year"), written_title)
        if ref:
            found.append(LegalRef(ref, match.start(), match.end(), match.group(0), warning))
    for match in _SKB.finditer(text):
        if match.group(0)[:3].lower() == "skb" and not match.group(0)[:3].isupper():
            continue
        if _NOT_SKB.search(text, max(0, match.start() - 20), match.start()):
            continue  # "gedung SKB Karang Baru": a Sanggar Kegiatan Belajar
        end = match.end() if match.group("year") else match.start("rest") + len(match.group("rest").rstrip())
        ref = f"SKB {match.group('year')}" if match.group("year") else "SKB"
        found.append(LegalRef(ref, match.start(), end, text[match.start() : end]))
    return sorted(found, key=lambda r: r.start)


def normalise_legal_ref(text: str) -> str | None:
    """The normalised form of a text that is one legal reference ("UU No. 5/2014" -> "UU 5/2014")."""
    refs = find_legal_refs(text)
    return refs[0].ref if len(refs) == 1 else None
