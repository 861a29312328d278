"""What a neutrality news article reports: event types found sentence by sentence, with their spans.

Each type has trigger patterns; a sentence that only explains rules or gives advice ("ASN yang
melanggar dapat dikenai sanksi", "jangan sampai ada temuan") does not make a finding or a sanction.
"""

from __future__ import annotations

import re

from netra.text.sentences import Span

EVENT_TYPES = ("sosialisasi", "deklarasi", "rapat_koordinasi", "temuan_pelanggaran", "sanksi", "statistik")

_I = re.IGNORECASE
_TRIGGERS: dict[str, re.Pattern[str]] = {
    "sosialisasi": re.compile(
        r"\bsosialisasi\w*|\bbimbingan\s+teknis|\bbimtek\b|\bmeng?h?imbau\b|\b[h]?imbauan\b|\bpenyuluhan\b"
        r"|\bedukasi\b|\bseminar\b|\bwebinar\b|\bworkshop\b|\bcoaching\s+clinic|\bpembekalan\b"
        r"|\b(?:rapat|kegiatan|melakukan|memberikan)\s+pembinaan|\bpembinaan\s+(?:kepada|terhadap|bagi)\b"
        r"|\bsebagai\s+narasumber|\bdiskusi\s+publik|\btalk\s?show|\bdialog\s+publik|\bmenyampaikan\s+materi"
        r"|\bmenyosialisasikan\b|\b(?:meminta|mengingatkan|mengajak)\s+(?:\w+\s+){0,6}?(?:asn|pns|pppk|pegawai"
        r"|aparatur|kepala\s+desa|perangkat\s+desa|honorer)\b(?:\s+\w+){0,8}?\s+(?:menjaga\s+)?netral",
        _I,
    ),
    "deklarasi": re.compile(
        r"\b(?:men)?deklarasi\w*|\bikrar\b|\bberikrar\b|\bpakta\s+integritas|\bapel\s+(?:siaga\s+)?netralitas"
        r"|\bpenandatanganan\s+(?:komitmen|pernyataan|pakta|netralitas|deklarasi)"
        r"|\bmenandatangani\s+(?:komitmen|pernyataan|pakta|surat\s+pernyataan|deklarasi)"
        r"|\bkomitmen\s+bersama|\bjanji\s+netralitas|\bmengucapkan\s+(?:ikrar|janji)",
        _I,
    ),
    "rapat_koordinasi": re.compile(
        r"\brapat\s+koordinasi|\brakor(?:nis|da)?\b|\brapat\s+bersama\b|\baudiensi\b|\brapat\s+kerja\s+teknis",
        _I,
    ),
    "temuan_pelanggaran": re.compile(
        r"(?<!tidak\s)(?<!belum\s)(?<!tak\s)\b(?:menemukan|ditemukan|ditemukannya|kedapatan|terjaring)\b"
        r"|\bterbukti\s+(?:\w+\s+){0,2}?(?:melanggar|tidak\s+netral|melakukan|menjadi|ikut|terlibat|mendukung"
        r"|berkampanye|memberikan|mengunggah|berfoto|menghadiri)|\b(?:diduga|terindikasi)\s+(?:\w+\s+){0,3}?"
        r"(?:melanggar|tidak\s+netral|berpihak|terlibat|mendukung|ikut|menghadiri|berfoto|mengunggah|memberikan)"
        r"|\bdugaan\s+pelanggaran\s+netralitas|\b(?:menerima|menindaklanjuti|menangani|meregistrasi|memproses)"
        r"\s+(?:\w+\s+){0,3}?(?:laporan|temuan|kasus)|\bterlapor\b|\bdilaporkan\s+(?:ke|kepada|karena|atas)\b"
        r"|\bmelaporkan\s+(?:\w+\s+){0,3}?(?:asn|pns|pppk|kepala\s+desa|camat|lurah|oknum)"
        r"|\b(?:ikut|terlibat|menghadiri|mengikuti)\s+(?:\w+\s+){0,2}?(?:deklarasi\s+dukungan|kampanye"
        r"|kegiatan\s+kampanye|rapat\s+umum)|\bklarifikasi\s+(?:terhadap|kepada)|\bmemanggil\s+(?:\w+\s+){0,2}?(?:asn|pns|kepala\s+desa|oknum)",
        _I,
    ),
    "sanksi": re.compile(
        r"\b(?:dijatuhi|dijatuhkan|menjatuhkan|dikenai|dikenakan|diberi|diberikan|mendapat|mendapatkan"
        r"|menerima|menjalani)\s+(?:\w+\s+){0,2}?(?:sanksi|hukuman)|\bsanksi\s+(?:berupa|moral|disiplin|teguran"
        r"|penundaan|penurunan|pemberhentian|administratif)|\bhukuman\s+disiplin|\bdiberhentikan\b|\bdipecat\b"
        r"|\brekomendasi\s+sanksi|\bmerekomendasikan\s+(?:\w+\s+){0,8}?(?:sanksi|kepada\s+(?:bkn|kasn|bupati"
        r"|wali\s*kota|gubernur|pejabat\s+pembina))|\bteguran\s+(?:tertulis|lisan|keras)|\bdinonaktifkan\b"
        r"|\bdicopot\b|\b(?:memblokir|pemblokiran)\s+data\s+kepegawaian|\bpemotongan\s+(?:tunjangan|gaji|tpp)|\bmemberhentikan\b|\bkeputusan\s+pemberhentian",
        _I,
    ),
}
_STATISTIK = re.compile(
    r"\b(?:mencatat|tercatat(?!\s+sebagai)|mencatatkan|total|jumlah|rekapitulasi|rekap|merekap|direkap|sepanjang"
    r"|sejauh\s+ini|keseluruhan|secara\s+nasional|data\s+(?:bawaslu|bkn|kasn|penanganan))\b",
    _I,
)
# Advice, rules and conditions: such a sentence describes what may happen, not what happened.
_GENERIC = re.compile(
    r"\b(?:jika|apabila|bila|kalau|jangan|agar|supaya|dapat\s+dikenai|bisa|akan|terancam|ancaman|diancam"
    r"|dilarang|larangan|hindari|harus|wajib|bentuk\s+sanksi|jenis\s+sanksi|sanksi\s+tegas|ada\s+dua\s+sanksi"
    r"|berpotensi|rawan|minta|meminta|mendesak|mengantisipasi|mencegah|mengatur|diatur|ketentuan"
    r"|bagi\s+(?:\w+\s+){0,2}?yang)\b",
    _I,
)
_NEGATED = re.compile(r"\b(?:tidak|tak|jangan|bukan|belum|dilarang|larangan|tanpa)\s+(?:\w+\s+)?$", _I)
_SUPPORT_DECLARATION = re.compile(r"deklarasi\w*\s+(?:\w+\s+){0,2}?(?:dukungan|pemenangan|relawan|tim)", _I)
_NEEDS_SPECIFIC = ("temuan_pelanggaran", "sanksi")


def find_events(text: str, sentences: list[Span]) -> dict[str, list[tuple[int, int]]]:
    """Event type -> spans of the words that show it, in order of first appearance."""
    found: dict[str, list[tuple[int, int]]] = {}
    for sentence in sentences:
        body = sentence.text(text)
        for event, pattern in _TRIGGERS.items():
            for match in pattern.finditer(body):
                if event in _NEEDS_SPECIFIC and _hedged(body, match.start()):
                    continue
                if event == "deklarasi" and _SUPPORT_DECLARATION.match(body, match.start()):
                    continue  # a declaration of support for a candidate is itself a violation
                span = (sentence.start + match.start(), sentence.start + match.end())
                found.setdefault(event, []).append(span)
    return found


def _hedged(sentence: str, position: int) -> bool:
    """Advice, a rule, a condition or a negation: not a report of what happened."""
    return bool(_GENERIC.search(sentence) or _NEGATED.search(sentence, 0, position))


def statistic_cue(sentence: str) -> re.Match[str] | None:
    """Words that present a count as an aggregate ("Bawaslu mencatat", "sepanjang Pilkada")."""
    return _STATISTIK.search(sentence)
