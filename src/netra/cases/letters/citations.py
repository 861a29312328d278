"""Citations of ``netra.law`` as an official letter writes them: article first, then the full title.

``Pasal 14 huruf i angka 3 dan 4 Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai
Negeri Sipil``, never Netra's short form with its confidence mark (``PP 94/2021 Pasal 14 [S]``).
A letter cites only what can be cited: a regulation, not a news report, a statement, Netra's practice
or a rule Netra has not verified (confidence "M").
"""

import re
from collections.abc import Iterable
from functools import cache

from netra.law.sources import Citation, instruments

# The kinds of instrument a letter may cite when the citation names no article.
_REGULATION = re.compile(
    r"^(UU|PP|Perpres|Perbawaslu|Permen\w*|SE|SKB|Undang|Peraturan|Surat Edaran|Keputusan)\b"
)
_ABBREVIATIONS = (
    (re.compile(r"^UU (\d+)/(\d{4})$"), "Undang-Undang Nomor {0} Tahun {1}"),
    (re.compile(r"^PP (\d+)/(\d{4})$"), "Peraturan Pemerintah Nomor {0} Tahun {1}"),
    (re.compile(r"^Perpres (\d+)/(\d{4})$"), "Peraturan Presiden Nomor {0} Tahun {1}"),
    (
        re.compile(r"^Perbawaslu (\d+)/(\d{4})$"),
        "Peraturan Badan Pengawas Pemilihan Umum Nomor {0} Tahun {1}",
    ),
    (
        re.compile(r"^SE MenPANRB (\d+)/(\d{4})$"),
        "Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor {0} Tahun {1}",
    ),
)


@cache
def _titles() -> dict[str, str]:
    """Short name -> full title of every instrument in netra.law's data files."""
    return {item.short: item.title for item in instruments()}


def instrument_title(short: str) -> str:
    """``PP 94/2021`` -> its full title; a known abbreviation spelled out; anything else unchanged."""
    if short in _titles():
        return _titles()[short]
    for pattern, template in _ABBREVIATIONS:
        found = pattern.match(short)
        if found:
            return template.format(*found.groups())
    return short


def citable(citation: Citation) -> bool:
    """Whether an official letter may cite it: verified enough, and a regulation rather than a report."""
    if citation.unverified:
        return False
    return bool(citation.article) or bool(_REGULATION.match(citation.instrument))


def formal(citation: Citation) -> str:
    """The citation as a letter writes it (no confidence mark, no URL, no note)."""
    parts = [citation.article or ""]
    if citation.paragraph:
        parts.append(f"ayat ({citation.paragraph})")
    if citation.letter:
        parts.append(f"huruf {citation.letter}")
    if citation.point:
        parts.append(f"angka {citation.point}")
    parts.append(instrument_title(citation.instrument))
    return " ".join(part for part in parts if part)


def formal_list(citations: Iterable[Citation]) -> tuple[str, ...]:
    """The citable citations, formal and without repeats, in their order."""
    return tuple(dict.fromkeys(formal(c) for c in citations if citable(c)))
