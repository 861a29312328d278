"""Cue lexicons and the phrase matcher that finds them in tokenised posts.

A cue is a span of a post (or of its author's bio) that a supervisor would point at: a civil-servant
marker ("ASN", "Kepala Dinas", a NIP), a partisan marker (a candidate's name, "paslon 02", a slogan),
a context word that says how the author takes sides ("ayo", "foto bareng", "tim pemenangan"), or a
counter-cue ("netralitas", a news account) that makes a reading as partisan support less likely.
Weights are logit contributions used by ``netra.text.posts``; they are documented in docs/text.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from netra.text.normalize import Token, tokenize

CIVIL_SERVANT = "civil_servant"
PARTISAN = "partisan"
CONTEXT = "context"
COUNTER = "counter"


class CueSpec(NamedTuple):
    """What a lexicon entry means once found."""

    side: str
    kind: str
    weight: float
    target: str | None = None


class Cue(NamedTuple):
    """A cue found in a post: ``start``/``end`` index ``field`` ("bio" or "text")."""

    side: str
    kind: str
    field: str
    text: str
    start: int
    end: int
    weight: float
    target: str | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": self.kind,
            "field": self.field,
            "text": self.text,
            "span": [self.start, self.end],
            "weight": self.weight,
        }
        if self.target is not None:
            data["target"] = self.target
        return data


def _entries(side: str, kind: str, weight: float, phrases: str) -> list[tuple[str, CueSpec]]:
    spec = CueSpec(side, kind, weight)
    return [(phrase.strip(), spec) for phrase in phrases.split("|") if phrase.strip()]


# Civil-servant markers. Weights are for the bio; the scorer discounts them in the post text.
CIVIL_SERVANT_LEXICON = [
    *_entries(
        CIVIL_SERVANT,
        "status",
        4.0,
        "asn|pns|cpns|pppk|p3k|aparatur sipil negara|pegawai negeri sipil|pegawai negeri|abdi negara|korpri",
    ),
    *_entries(
        CIVIL_SERVANT,
        "position",
        4.0,
        "camat|sekcam|sekretaris camat|lurah|seklur|sekretaris lurah|kepala desa|kades|sekdes|"
        "sekretaris desa|perangkat desa|kaur|kepala dusun|kadus|kepala dinas|kadis|kadin|kepala bidang|"
        "kabid|kepala seksi|kasi pemerintahan|kasi pem|kasi kesra|kasi trantib|kasubag|kasubbag|"
        "kepala bagian|kabag|sekda|sekretaris daerah|"
        "kepala badan|kaban|kepala sekolah|kepsek|kepala puskesmas|kapus|widyaiswara|asisten daerah|"
        "inspektur|kepala suku dinas|kasudin|kepala uptd|pj bupati|pj wali kota|pj gubernur|plt kepala",
    ),
    *_entries(
        CIVIL_SERVANT,
        "occupation",
        2.5,
        "guru|bidan|perawat|penyuluh|penyuluh pertanian|pengawas sekolah|dokter puskesmas|tenaga kesehatan|"
        "nakes|pegawai|staf|staff|honorer|ppnpn|satpol pp|pamong praja|operator sekolah|dosen",
    ),
    *_entries(
        CIVIL_SERVANT,
        "agency",
        2.0,
        "dinas|disdik|dindik|dinkes|dinsos|disdukcapil|dukcapil|dishub|diskominfo|dpmptsp|disperindag|"
        "sudin|suku dinas|bappeda|bpbd|bpkad|bkpsdm|bkpsdmd|bkd|bkn|setda|setwan|pemkab|pemkot|pemprov|pemda|"
        "kantor kecamatan|kecamatan|kelurahan|kantor desa|pemdes|puskesmas|rsud|sdn|smpn|sman|smkn|"
        "sd negeri|smp negeri|sma negeri|smk negeri|kemenag|kua|kementerian|inspektorat|uptd|opd",
    ),
    # Occupations outside the civil service: they argue against reading the author as ASN.
    *_entries(
        CIVIL_SERVANT,
        "not_civil_servant",
        -4.0,
        "pegawai swasta|karyawan swasta|karyawan|wiraswasta|wirausaha|pengusaha|ibu rumah tangga|irt|"
        "mahasiswa|mahasiswi|pelajar|freelancer|ojol|driver online|petani|pedagang|nelayan|buruh|"
        "guru ngaji|guru les|guru privat|guru swasta|content creator|youtuber|politisi|caleg|"
        # Retired or former civil servants and their families are not bound by the neutrality rules.
        "pensiunan|pensiunan pns|pensiunan asn|pensiunan guru|purna asn|purnabakti|purna bakti|mantan pns|"
        "mantan asn|eks pns|istri pns|istri asn|suami pns|suami asn|dharma wanita|dharma wanita persatuan",
    ),
]

# Phrases that contain a cue word but mean something else ("kader posyandu" is a health volunteer).
NEUTRAL_LEXICON = _entries(
    CONTEXT,
    "neutral_phrase",
    0.0,
    "kader posyandu|kader pkk|kader kesehatan|kader jkn|perjalanan dinas|pilih kasih|gas elpiji|gas lpg|"
    "kasi tau|kasi tahu",
)

# How the author takes sides; these only count next to a partisan cue.
CONTEXT_LEXICON = [
    *_entries(
        CONTEXT,
        "support",
        1.5,
        "dukung|mendukung|dukungan|pilih|memilih|pilihanku|coblos|nyoblos|menangkan|memenangkan|"
        "menang|lanjutkan|gas|gaspol|gass|all in|sikat|mantap|siap|pasti menang|satu putaran|"
        "presidenku|gubernurku|bupatiku|idola|terbaik|paling pas|👍|💪|❤️|love|bangga",
    ),
    *_entries(
        CONTEXT,
        "ajakan",
        1.0,
        "ayo|ayok|yuk|yok|mari|ajak|mengajak|jangan lupa|wajib pilih|pilihlah|coblos|kita menangkan|"
        "arahkan|mengarahkan|rekan-rekan|rekan2|teman-teman|teman2|bapak ibu|bapak/ibu|sobat|warga|"
        "keluarga besar|dulur",
    ),
    *_entries(
        CONTEXT,
        "photo",
        1.0,
        "foto bareng|foto bersama|fotbar|selfie|swafoto|wefie|berpose|pose|📸|ketemu langsung|"
        "bertemu langsung|bareng pak|bersama pak|bersama bapak|bersama ibu|bareng bu",
    ),
    *_entries(
        CONTEXT,
        "attendance",
        1.5,
        "hadir|menghadiri|hadiri|deklarasi|kampanye akbar|ikut kampanye|rapat umum|konsolidasi|posko|"
        "blusukan bareng|turun bersama",
    ),
    *_entries(
        CONTEXT,
        "team",
        2.0,
        "tim sukses|timses|tim pemenangan|tim ahli|tim ahli pemenangan|jadi relawan|tim relawan|"
        "ketua relawan|korwil|korcam|"
        "koordinator relawan|saksi paslon|jurkam|juru kampanye",
    ),
    *_entries(
        CONTEXT,
        "membership",
        2.0,
        "kader partai|pengurus partai|pengurus dpc|anggota partai|ketua ranting|ketua pac|dpac",
    ),
]

COUNTER_LEXICON = [
    *_entries(
        COUNTER,
        "neutrality",
        2.5,
        "netral|netralitas|#asnnetral|#netralitasasn|#asnberakhlak|bawaslu|panwascam|pkd|dilarang|"
        "larangan|sanksi|pelanggaran|kode etik|tidak berpihak|jangan berpihak|imbauan|himbauan|"
        "pengawasan|awasi|pemilu damai|pilkada damai|politik uang|hoaks|ikrar|pakta integritas",
    ),
    *_entries(
        COUNTER,
        "news",
        1.5,
        "diduga|dilaporkan|terlapor|menurut|ujarnya|katanya|dikonfirmasi|terancam|diperiksa|"
        "klarifikasi|rekomendasi|kasn|baca selengkapnya|selengkapnya|dikutip|wartawan|reporter",
    ),
]

# Bio markers of a media account (its posts report, they do not take sides).
NEWS_BIO_LEXICON = _entries(
    COUNTER,
    "news_account",
    5.0,
    "berita|news|portal|redaksi|media|jurnalis|wartawan|official|tv|radio|koran|kabar|info terkini|"
    "update terkini|pers",
)

FIRST_PERSON = frozenset(["saya", "aku", "sy", "gue", "gw", "kami", "kita", "sbg", "sebagai", "selaku"])

NIP_RE = re.compile(
    r"(?i)\bNIP\b\.?\s*:?\s*(?:19|20)\d{6}\s?\d{6}\s?[12]\s?\d{3}\b|\b(?:19|20)\d{6}\s?\d{6}\s?[12]\s?\d{3}\b"
)

_SIX_DIGITS_RE = re.compile(r"\d{6}")


class PhraseMatcher:
    """Finds multi-token phrases in token lists, trying each token's lower-cased and slang forms."""

    _CANDIDATES_LIMIT = 200_000

    def __init__(self) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], bool, CueSpec]]] = {}
        # (lower, norm, text) of a token -> the entries starting with one of its forms, longest first.
        self._candidates: dict[tuple[str, str, str], tuple[tuple[tuple[str, ...], bool, CueSpec], ...]] = {}

    def add(self, phrase: str, spec: CueSpec, *, case_sensitive: bool = False) -> None:
        tokens = [token for token in tokenize(phrase) if token.kind != "punct"]
        if not tokens:
            raise ValueError(f"phrase {phrase!r} has no words")
        forms = tuple(token.text if case_sensitive else token.lower for token in tokens)
        self._index.setdefault(forms[0], []).append((forms, case_sensitive, spec))
        self._candidates.clear()

    def clear_cache(self) -> None:
        """Forget the candidates remembered per token form (a cold start, for benchmarks)."""
        self._candidates.clear()

    def add_all(self, entries: Iterable[tuple[str, CueSpec]]) -> None:
        for phrase, spec in entries:
            self.add(phrase, spec)

    def find(self, tokens: Sequence[Token]) -> list[tuple[Token, Token, CueSpec]]:
        """Longest non-overlapping matches, left to right, as (first token, last token, spec)."""
        content = [token for token in tokens if token.kind != "punct"]
        candidates = self._candidates
        found = []
        position = 0
        count = len(content)
        while position < count:
            token = content[position]
            key = (token.lower, token.norm, token.text)
            entries = candidates.get(key)
            if entries is None:
                entries = self._entries_for(key)
            for forms, case_sensitive, spec in entries:
                if case_sensitive and token.text != forms[0]:
                    continue
                if _continues(content, position, forms, case_sensitive):
                    length = len(forms)
                    found.append((token, content[position + length - 1], spec))
                    position += length
                    break
            else:
                position += 1
        return found

    def _entries_for(self, key: tuple[str, str, str]) -> tuple[tuple[tuple[str, ...], bool, CueSpec], ...]:
        """The entries a token with these forms may start, in the order that makes the first one that
        matches the one the matcher keeps: longest first; among equally long ones, the order of the
        forms (lower, norm, text as a set, as it always was) and then of ``add``."""
        index = self._index
        lower, norm, text = key
        entries: list[tuple[tuple[str, ...], bool, CueSpec]] = []
        if lower in index or norm in index or text in index:
            for form in {lower, norm, text}:
                entries.extend(index.get(form, ()))
        ordered = tuple(sorted(entries, key=lambda entry: -len(entry[0])))  # stable: ties keep their order
        if len(self._candidates) >= self._CANDIDATES_LIMIT:
            self._candidates.clear()
        self._candidates[key] = ordered
        return ordered


def _continues(content: Sequence[Token], position: int, forms: tuple[str, ...], case_sensitive: bool) -> bool:
    if position + len(forms) > len(content):
        return False
    for offset in range(1, len(forms)):
        token = content[position + offset]
        form = forms[offset]
        if case_sensitive:
            if token.text != form:
                return False
        elif form not in (token.lower, token.norm):
            return False
    return True


def generic_matcher() -> PhraseMatcher:
    """A matcher over the election-independent lexicons (civil-servant, context and counter cues)."""
    matcher = PhraseMatcher()
    for lexicon in (CIVIL_SERVANT_LEXICON, CONTEXT_LEXICON, COUNTER_LEXICON, NEUTRAL_LEXICON):
        matcher.add_all(lexicon)
    return matcher


def news_bio_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher()
    matcher.add_all(NEWS_BIO_LEXICON)
    return matcher


def nip_cues(text: str, field: str) -> list[Cue]:
    """Civil-servant identity numbers (NIP: 18 digits starting with a birth date)."""
    if not _SIX_DIGITS_RE.search(text):  # every NIP has a run of at least six digits
        return []
    return [
        Cue(CIVIL_SERVANT, "nip", field, match.group(), match.start(), match.end(), 5.0)
        for match in NIP_RE.finditer(text)
    ]


def first_person_before(tokens: Sequence[Token], first: Token, window: int = 3) -> bool:
    """Whether a first-person word ("saya", "sebagai"...) precedes ``first`` within ``window`` tokens."""
    # The last ``window`` words ending before ``first``: the first ``window`` of them scanning back.
    seen = 0
    start = first.start
    for token in reversed(tokens):
        if token.kind == "word" and token.end <= start:
            if token.lower in FIRST_PERSON or token.norm in FIRST_PERSON:
                return True
            seen += 1
            if seen == window:
                return False
    return False
