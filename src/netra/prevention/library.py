"""The pledge template library: common pledge texts, versioned.

These are templates written for Netra in its own words after the usual points of a neutrality pledge
(domain.md section 8: keep neutrality before, during and after the election; avoid conflicts of
interest and intimidation; use social media wisely; refuse money politics). They are not the text of
any particular government's pledge: an agency that pledged other words records them as a custom text.
A changed wording is a new ``version``; pledges keep the version they were made with.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateText:
    key: str
    version: int
    kind: str
    title: str
    text: str


_NEUTRALITY_POINTS = (
    "1. menjaga dan menegakkan netralitas sebagai Aparatur Sipil Negara sebelum, selama, dan sesudah "
    "tahapan {election};\n"
    "2. tidak memihak kepada peserta atau pasangan calon mana pun, menghindari konflik kepentingan, "
    "serta tidak menekan atau mengintimidasi rekan kerja dan masyarakat;\n"
    "3. memakai media sosial dengan bijak: tidak memberi dukungan kepada peserta, tidak menyebarkan "
    "kampanye hitam, ujaran kebencian, atau berita bohong;\n"
    "4. menolak politik uang dan pemberian dalam bentuk apa pun yang berkaitan dengan {election}."
)

LIBRARY = (
    TemplateText(
        key="ikrar-netralitas-asn",
        version=1,
        kind="ikrar",
        title="Ikrar Netralitas ASN (templat Netra)",
        text="Kami, Aparatur Sipil Negara di lingkungan {agency}, berikrar:\n" + _NEUTRALITY_POINTS,
    ),
    TemplateText(
        key="deklarasi-netralitas-asn",
        version=1,
        kind="deklarasi",
        title="Deklarasi Netralitas ASN (templat Netra)",
        text="Dengan ini kami, pegawai {agency}, menyatakan dan berjanji:\n" + _NEUTRALITY_POINTS,
    ),
    TemplateText(
        key="pakta-integritas-netralitas",
        version=1,
        kind="pakta_integritas",
        title="Pakta Integritas Netralitas ASN (templat Netra)",
        text=(
            "Saya yang bertanda tangan di bawah ini, pegawai {agency}, menandatangani pakta integritas "
            "ini dan berjanji:\n" + _NEUTRALITY_POINTS + "\nApabila saya melanggar, saya bersedia "
            "menerima sanksi sesuai dengan ketentuan peraturan perundang-undangan."
        ),
    ),
)


def fill(text: str, *, agency: str, election: str) -> str:
    """The template's words for one agency and election (placeholders ``{agency}``, ``{election}``)."""
    return text.replace("{agency}", agency).replace("{election}", election)
