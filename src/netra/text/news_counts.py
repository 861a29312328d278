"""Counts of persons or cases in neutrality news: "2 orang ASN", "seorang PPNPN", "ASN sebanyak 12 orang",
"5 kasus dugaan pelanggaran netralitas ASN". Only counts in a sentence about violations are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from netra.text.numbers import find_numbers

_I = re.IGNORECASE
SUBJECTS = ("ASN", "PNS", "PPPK", "PPNPN", "kepala_desa", "perangkat_desa", "lainnya")
_SUBJECT_WORDS: list[tuple[str, str]] = [
    ("PNS", r"pns|pegawai\s+negeri\s+sipil"),
    ("PPPK", r"pppk|p3k|pegawai\s+pemerintah\s+dengan\s+perjanjian\s+kerja"),
    ("PPNPN", r"ppnpn|(?:tenaga\s+|pegawai\s+)?honorer|non[\s-]?asn|tenaga\s+kontrak|pegawai\s+kontrak|thl"),
    ("kepala_desa", r"kepala\s+desa|kades|kepala\s+kampung|wali\s+nagari|kepala\s+pekon|keuchik|geuchik"
                    r"|petinggi"),
    ("perangkat_desa", r"perangkat\s+desa|aparatur\s+desa|perades|sekretaris\s+desa|sekdes|kepala\s+dusun"
                       r"|kadus|perangkat\s+(?:pekon|nagari|kampung)"),
    ("ASN", r"asn|aparatur\s+sipil\s+negara|aparatur|pegawai|camat|lurah|pejabat|guru|kepala\s+dinas"
            r"|kepala\s+sekolah|sekda|sekretaris\s+daerah|kepala\s+(?:bagian|bidang|seksi|opd)"),
    ("lainnya", r"anggota\s+bpd|bpd|tni|polri|anggota\s+(?:tni|polri)|penyelenggara|warga"),
]  # fmt: skip
_SUBJECT_RE = "|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(_SUBJECT_WORDS))
_CASE_NOUN = r"kasus|laporan|perkara|temuan|pelanggaran|dugaan\s+pelanggaran|aduan|pengaduan"
_AFTER = re.compile(
    rf"\s*(?:orang\s+|oknum\s+|personel\s+)?(?:(?P<case>{_CASE_NOUN})\b|(?:{_SUBJECT_RE})\b)", _I
)
_PERSONS_AFTER = re.compile(r"\s*(?:orang|oknum|personel)\b", _I)
_BEFORE = re.compile(
    rf"(?:{_SUBJECT_RE})\b[^.;]{{0,60}}?\b(?:sebanyak|berjumlah|mencapai|sejumlah|yakni|yaitu|ada|adalah)\s*:?\s*$",
    _I,
)
_SUBJECT_ONLY = re.compile(rf"\b(?:{_SUBJECT_RE})\b", _I)
_VIOLATION_CONTEXT = re.compile(
    r"melanggar|pelanggaran|tidak\s+netral|ketidaknetralan|dilaporkan|melaporkan|laporan|temuan|ditemukan"
    r"|menemukan|terbukti|direkomendasikan|merekomendasikan|rekomendasi|sanksi|dijatuhi|diberhentikan|dipecat"
    r"|diduga|dugaan|terlibat|berpihak|terlapor|diproses|ditindaklanjuti|diteruskan|diklarifikasi|terjaring"
    r"|kedapatan|kasus|kampanye|berkampanye|klarifikasi|aduan|pengaduan|dukungan|mendukung",
    _I,
)
_STATUS = re.compile(rf"\s+(?:berstatus|status|sebagai)\s+(?:{_SUBJECT_RE})\b", _I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_CASES = re.compile(rf"\s*(?:{_CASE_NOUN})\b", _I)
_AMONG = re.compile(r"\s*(?:orang\s+)?di\s*antaranya\b", _I)
_ADVICE = re.compile(
    r"\b(?:agar|supaya|jangan|diminta|diimbau|dihimbau|harus|wajib|diharapkan|dilarang|larangan)\b", _I
)


@dataclass(frozen=True, slots=True)
class CountMention:
    subject: str | None  # None: a count of cases ("14 laporan") whose subject the sentence does not say
    count: int
    start: int  # span of the count and its subject
    end: int
    cases: bool = False  # counts cases or reports ("14 laporan"), not persons


@lru_cache(maxsize=64)
def dominant_subject(text: str) -> str:
    """The subject the article talks about most, for counts that do not name theirs."""
    subjects = Counter(_subject_of(m) for m in _SUBJECT_ONLY.finditer(text))
    return subjects.most_common(1)[0][0] if subjects else "lainnya"


def _subject_of(match: re.Match[str]) -> str:
    return next(_SUBJECT_WORDS[i][0] for i in range(len(_SUBJECT_WORDS)) if match.group(f"s{i}"))


def find_counts(sentence: str, offset: int = 0) -> list[CountMention]:
    """Counts of persons or cases in one sentence that talks about violations; spans shifted by offset."""
    if not _VIOLATION_CONTEXT.search(sentence) or (_ADVICE.search(sentence) and not _finding(sentence)):
        return []
    found = []
    for number in find_numbers(sentence):
        if not isinstance(number.value, int) or number.value < 1 or _YEAR.fullmatch(number.text):
            continue  # a year ("Pemilu 2024"), unlike "2.034 aduan", has no thousands separator
        counted = _count_at(sentence, number.start, number.end, number.value)
        if counted:
            subject, start, end = counted
            cases = bool(_CASES.match(sentence, number.end))
            found.append(CountMention(subject, number.value, offset + start, offset + end, cases))
    return found


_FINDING = re.compile(
    r"ditemukan|menemukan|dilaporkan|terbukti|dijatuhi|direkomendasikan|tercatat|mencatat|diproses", _I
)


def _finding(sentence: str) -> bool:
    return bool(_FINDING.search(sentence))


def _count_at(sentence: str, start: int, end: int, value: int) -> tuple[str | None, int, int] | None:
    """(subject, span start, span end) for the number at [start, end), or None if it counts nothing."""
    after = _AFTER.match(sentence, end)
    if after and not after.group("case"):
        status = _STATUS.match(sentence, after.end())  # "seorang guru berstatus PPPK"
        return _subject_of(status or after), start, (status or after).end()
    if after:  # "5 kasus dugaan pelanggaran netralitas ASN": the subject follows the case noun
        subject = _SUBJECT_ONLY.search(sentence, after.end(), min(len(sentence), after.end() + 60))
        return (_subject_of(subject) if subject else None), start, after.end()
    among = _AMONG.match(sentence, end)
    if among:  # "1.158 ASN dilaporkan, 19 di antaranya dijatuhi sanksi"
        earlier = list(_SUBJECT_ONLY.finditer(sentence, 0, start))
        return (_subject_of(earlier[-1]) if earlier else None), start, among.end()
    before = _BEFORE.search(sentence[max(0, start - 90) : start])
    if before and (_PERSONS_AFTER.match(sentence, end) or value):
        persons = _PERSONS_AFTER.match(sentence, end)
        return _subject_of(before), max(0, start - 90) + before.start(), persons.end() if persons else end
    return None
