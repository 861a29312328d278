"""Readings of the law that the statute's words do not settle, so every answer can say it rests on them.

A rule names the readings it needs in its data file (``interpretations = [...]``); the counting
conventions every deadline shares (day 1, cuti bersama, closing time) are added by ``netra.law.deadlines``.
Two of them can be switched to the other reading through NETRA_LAW_OVERRIDES (``[reading]``).
"""

from dataclasses import dataclass
from typing import Any

from netra.law.sources import LawError


@dataclass(frozen=True)
class Interpretation:
    id: str
    text: str  # the reading in force, one short line in Indonesian
    alternative: str  # the other reading, as the law's words would also allow
    switch: str | None = None  # the ``[reading]`` key of NETRA_LAW_OVERRIDES that selects the alternative

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "alternative": self.alternative, "switch": self.switch}


# The texts say what Netra does and which words of the law leave room for another reading.
_ALL = (
    Interpretation(
        "hari_kerja_454",
        "UU 7/2017 Pasal 454 ayat (5) dan (7) menyebut \u201chari\u201d, bukan \u201chari kerja\u201d; "
        "Netra menghitung hari kerja",
        "hari kalender",
    ),
    Interpretation(
        "extension_3_plus_2",
        "UU 1/2015 Pasal 134 ayat (6) dibaca sebagai perpanjangan 2 hari setelah 3 hari (3 + 2)",
        "2 hari sejak keterangan tambahan diterima",
    ),
    Interpretation(
        "followup_includes_recommendation",
        "\u201cditindaklanjuti\u201d dibaca mencakup penerusan rekomendasi, "
        "dalam batas putusan yang diperpanjang",
        "penerusan rekomendasi tanpa batas waktu undang-undang",
    ),
    Interpretation(
        "cuti_bersama_libur",
        "cuti bersama dihitung sebagai hari libur",
        "cuti bersama dihitung sebagai hari kerja",
        switch="cuti_bersama",
    ),
    Interpretation(
        "cuti_bersama_kerja",
        "cuti bersama dihitung sebagai hari kerja (NETRA_LAW_OVERRIDES)",
        "cuti bersama dihitung sebagai hari libur",
        switch="cuti_bersama",
    ),
    Interpretation(
        "day_one_after_trigger",
        "hari ke-1 adalah hari setelah peristiwa pemicu",
        "hari ke-1 adalah hari peristiwa pemicu",
    ),
    Interpretation(
        "ends_2359",
        "batas berakhir pukul 23.59 waktu setempat pada hari terakhir",
        "batas berakhir saat loket tutup (16.00, Jumat 16.30; Perbawaslu 9/2024 Pasal 5)",
        switch="counter_closing",
    ),
    Interpretation(
        "ends_at_counter_closing",
        "batas berakhir saat loket tutup: 16.00, Jumat 16.30 waktu setempat, kecuali hari layanan "
        "1\u00d724 jam (Perbawaslu 9/2024 Pasal 5; NETRA_LAW_OVERRIDES)",
        "batas berakhir pukul 23.59 waktu setempat",
        switch="counter_closing",
    ),
)
INTERPRETATIONS: dict[str, Interpretation] = {item.id: item for item in _ALL}
# Only these may be named by a rule in a data file; the others are conventions added by the code.
RULE_READINGS = frozenset({"hari_kerja_454", "extension_3_plus_2", "followup_includes_recommendation"})


def get(interpretation_id: str) -> Interpretation:
    try:
        return INTERPRETATIONS[interpretation_id]
    except KeyError:
        raise LawError(f"tafsiran tidak dikenal: {interpretation_id!r}") from None


def rule_readings(ids: list[str], rule_id: str) -> tuple[Interpretation, ...]:
    """The readings a data-file rule names, refusing conventions and unknown ids."""
    unknown = [i for i in ids if i not in RULE_READINGS]
    if unknown:
        raise LawError(f"aturan {rule_id}: tafsiran tidak dikenal {unknown}")
    return tuple(INTERPRETATIONS[i] for i in ids)


def line(readings: list[Interpretation]) -> str:
    """The readings as one short line for the page and the CLI ("" when none)."""
    return "Tafsiran: " + "; ".join(r.text for r in readings) if readings else ""
