"""The concrete sanctions a follow-up may record, per violation type and employment status.

Pure data and two questions: which options the law offers for a case (``menu``) and whether the one
chosen is lighter than the class the catalogue sets for the violation (``assess``). Sources and
confidence marks (domain.md 1.2, 1.3, 1.5, 1.6):

* PNS: PP 94/2021 Pasal 8 ayat (2)-(4), three options per level (ringan, sedang, berat) [S: Gempita
  quoting the text, Tribun, BKN statements]; PTDH for party membership, UU 5/2014 Pasal 87 ayat (4)
  huruf c [S] (its UU 20/2023 successor article is not verified [M]).
* Kode etik (KE-n): sanksi moral of PP 42/2004 Pasal 15 ayat (3): pernyataan secara tertutup or
  terbuka [S]. The two are not ranked against each other by the text, so neither counts as lighter.
* PPPK: PP 49/2018 Pasal 52 applies the PNS discipline procedure [S]; that the PNS options apply
  one to one is an inference [M]; the heaviest sanction is pemutusan hubungan perjanjian kerja [S].
* PPNPN/honorer: no statute; the employment contract decides, imposed by the kepala OPD or kepala
  daerah [S for who, M for the options below].
* Kepala desa: UU 6/2014 Pasal 29 huruf j and Pasal 30: teguran lisan and/or tertulis; if not heeded,
  pemberhentian sementara and then pemberhentian [S]. Perangkat desa: Pasal 51 huruf j and Pasal 52,
  the same steps [1].

Any status may also record "lainnya": a sanction in free text, which needs a written reason and,
where the catalogue sets a class, is flagged because nobody can check it against that class.
"""

from dataclasses import dataclass

from netra.law import catalogue
from netra.law.sources import LawError

OTHER = "lainnya"
# Severity ranks of the discipline scale; a chosen option ranked below the expected class is lighter.
RANK = {"ringan": 1, "sedang": 2, "berat": 3, "ptdh": 4}
DISCIPLINE_SUBJECTS = ("PNS", "PPPK")


@dataclass(frozen=True)
class SanctionOption:
    code: str
    text: str
    sanction_class: str  # ringan | sedang | berat | ptdh | moral | kontrak | desa | lainnya
    basis: str
    confidence: str

    @property
    def rank(self) -> int | None:
        return RANK.get(self.sanction_class)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "text": self.text,
            "class": self.sanction_class,
            "basis": self.basis,
            "confidence": self.confidence,
        }


def _pp94(code: str, level: str, letter: str, ayat: str, text: str) -> SanctionOption:
    basis = f"PP 94/2021 Pasal 8 ayat ({ayat}) huruf {letter}"
    return SanctionOption(code, text, level, basis, "S")


PP94 = (
    _pp94("pp94-ringan-a", "ringan", "a", "2", "teguran lisan"),
    _pp94("pp94-ringan-b", "ringan", "b", "2", "teguran tertulis"),
    _pp94("pp94-ringan-c", "ringan", "c", "2", "pernyataan tidak puas secara tertulis"),
    _pp94("pp94-sedang-a", "sedang", "a", "3", "pemotongan tunjangan kinerja sebesar 25% selama 6 bulan"),
    _pp94("pp94-sedang-b", "sedang", "b", "3", "pemotongan tunjangan kinerja sebesar 25% selama 9 bulan"),
    _pp94("pp94-sedang-c", "sedang", "c", "3", "pemotongan tunjangan kinerja sebesar 25% selama 12 bulan"),
    _pp94("pp94-berat-a", "berat", "a", "4", "penurunan jabatan setingkat lebih rendah selama 12 bulan"),
    _pp94(
        "pp94-berat-b",
        "berat",
        "b",
        "4",
        "pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
    ),
    _pp94(
        "pp94-berat-c",
        "berat",
        "c",
        "4",
        "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
    ),
)
PTDH = SanctionOption(
    "uu5-ptdh",
    "pemberhentian tidak dengan hormat sebagai PNS",
    "ptdh",
    "UU 5/2014 Pasal 87 ayat (4) huruf c",
    "S",
)
PPPK_PHPK = SanctionOption(
    "pppk-phpk", "pemutusan hubungan perjanjian kerja", "ptdh", "PP 49/2018 Pasal 52", "S"
)
MORAL = (
    SanctionOption(
        "pp42-tertutup",
        "sanksi moral: pernyataan secara tertutup",
        "moral",
        "PP 42/2004 Pasal 15 ayat (3) huruf a",
        "S",
    ),
    SanctionOption(
        "pp42-terbuka",
        "sanksi moral: pernyataan secara terbuka",
        "moral",
        "PP 42/2004 Pasal 15 ayat (3) huruf b",
        "S",
    ),
)
PPNPN = (
    SanctionOption(
        "ppnpn-teguran", "teguran sesuai perjanjian kerja", "kontrak", "Perjanjian kerja PPNPN", "M"
    ),
    SanctionOption("ppnpn-putus", "pemutusan perjanjian kerja", "kontrak", "Perjanjian kerja PPNPN", "M"),
)


def _desa(prefix: str, article: str, confidence: str, who: str) -> tuple[SanctionOption, ...]:
    return (
        SanctionOption(
            f"{prefix}-teguran-lisan",
            "teguran lisan",
            "desa",
            f"UU 6/2014 Pasal {article} ayat (1)",
            confidence,
        ),
        SanctionOption(
            f"{prefix}-teguran-tertulis",
            "teguran tertulis",
            "desa",
            f"UU 6/2014 Pasal {article} ayat (1)",
            confidence,
        ),
        SanctionOption(
            f"{prefix}-berhenti-sementara",
            f"pemberhentian sementara sebagai {who}",
            "desa",
            f"UU 6/2014 Pasal {article} ayat (2)",
            confidence,
        ),
        SanctionOption(
            f"{prefix}-berhenti",
            f"pemberhentian sebagai {who}",
            "desa",
            f"UU 6/2014 Pasal {article} ayat (2)",
            confidence,
        ),
    )


KEPALA_DESA = _desa("desa30", "30", "S", "kepala desa")
PERANGKAT_DESA = _desa("desa52", "52", "1", "perangkat desa")
OTHER_OPTION = SanctionOption(OTHER, "lainnya (tulis sanksinya)", OTHER, "", "M")


_STEPS = "Teguran dahulu; bila tidak dilaksanakan, pemberhentian sementara lalu pemberhentian"
_NON_ASN = {
    "PPNPN": (
        PPNPN,
        "Sanksi PPNPN/honorer mengikuti perjanjian kerja; dijatuhkan kepala OPD atau kepala daerah.",
    ),
    "kepala_desa": (KEPALA_DESA, f"{_STEPS} (UU 6/2014 Pasal 30)."),
    "perangkat_desa": (PERANGKAT_DESA, f"{_STEPS} (UU 6/2014 Pasal 52)."),
}


@dataclass(frozen=True)
class SanctionMenu:
    """The options for one case, the class the catalogue expects, and a note on who decides."""

    subject: str
    violation_code: str | None
    expected_class: str | None
    options: tuple[SanctionOption, ...]
    note: str = ""

    def option(self, code: str) -> SanctionOption:
        for item in self.options:
            if item.code == code:
                return item
        raise LawError(f"sanksi {code!r} bukan pilihan untuk {self.subject} / {self.violation_code or '-'}")

    def is_lighter(self, option: SanctionOption) -> bool:
        """Lighter than the catalogue's class; a free-text sanction cannot be checked, so it counts."""
        if self.expected_class is None:
            return False
        if option.code == OTHER:
            return True
        expected, chosen = RANK.get(self.expected_class), option.rank
        return expected is not None and chosen is not None and chosen < expected

    def to_dict(self) -> dict[str, object]:
        return {
            "subject": self.subject,
            "violation_code": self.violation_code,
            "expected_class": self.expected_class,
            "note": self.note,
            "options": [o.to_dict() for o in self.options],
        }


def _expected_class(violation_code: str | None) -> tuple[str | None, str]:
    """(class, note) the catalogue sets for the violation: a disciplinary level, moral, PTDH or none."""
    if not violation_code:
        return None, "Jenis pelanggaran belum diputus; tidak ada kelas sanksi dari katalog."
    try:
        sanction = catalogue.get(violation_code).sanction
    except catalogue.UnknownViolation:
        return None, "Jenis pelanggaran tidak ada dalam katalog."
    if sanction.kind == "disiplin" and sanction.level in RANK:
        return sanction.level, ""
    if sanction.kind in ("moral", "ptdh"):
        return sanction.kind, sanction.note or ""
    return None, sanction.note or ""


def _discipline_options(subject: str, expected: str | None) -> tuple[SanctionOption, ...]:
    if subject == "PPPK":
        return (*PP94[:8], PPPK_PHPK)
    return (*PP94, PTDH) if expected in ("ptdh", None) else PP94


def menu(*, violation_code: str | None, subject: str) -> SanctionMenu:
    """The sanctions the law offers for ``subject`` (PNS, PPPK, PPNPN, kepala_desa, perangkat_desa,
    lainnya) found to have committed ``violation_code``; "lainnya" always comes last."""
    expected, note = _expected_class(violation_code)
    if subject in DISCIPLINE_SUBJECTS:
        options = MORAL if expected == "moral" else _discipline_options(subject, expected)
        return SanctionMenu(subject, violation_code, expected, (*options, OTHER_OPTION), note)
    options, note = _NON_ASN.get(subject, ((), "Status kepegawaian tidak dikenal: tulis sanksinya."))
    return SanctionMenu(subject, violation_code, None, (*options, OTHER_OPTION), note)


@dataclass(frozen=True)
class Assessment:
    option: SanctionOption
    expected_class: str | None
    lighter: bool


def assess(*, violation_code: str | None, subject: str, code: str) -> Assessment:
    """The chosen option and whether it is lighter than the catalogue's class (LawError if not offered)."""
    found = menu(violation_code=violation_code, subject=subject)
    option = found.option(code)
    return Assessment(option, found.expected_class, found.is_lighter(option))
