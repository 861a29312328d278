"""Name normalisation, every output field at once (tokens, steps applied, titles, position, raw) for the
cases each rule exists for: old spellings letter by letter, dotted degrees at their size limits, initials
that are or are not titles, notes in full (docs/testing.md)."""

import re

import pytest

from netra.names.normalize import NormalizedName, _transform_token, canonical_name, normalize_name

CASES = [
    ("Joko Santoso", ("joko", "santoso"), (), (), None),
    ("JOKO SANTOSO", ("joko", "santoso"), (), (), None),
    ("José Santoso", ("jose", "santoso"), (), (), None),
    ("Joko  Santoso-Putro", ("joko", "santoso", "putro"), (), (), None),
    ("Tjahjono", ("cahyono",), ("ejaan lama: Tjahjono → cahyono",), (), None),
    ("Djoko Santoso", ("joko", "santoso"), ("ejaan lama: Djoko → joko",), (), None),
    ("Soekarno", ("sukarno",), ("ejaan lama: Soekarno → sukarno",), (), None),
    ("Sjahrir", ("syahrir",), ("ejaan lama: Sjahrir → syahrir",), (), None),
    ("Njoto", ("nyoto",), ("ejaan lama: Njoto → nyoto",), (), None),
    (
        "Achmad Chaerudin",
        ("ahmad", "khaerudin"),
        ("ejaan lama, varian nama: Achmad → ahmad", "ejaan lama: Chaerudin → khaerudin"),
        (),
        None,
    ),
    (
        "Mochammad Hatta",
        ("muhamad", "hata"),
        ("huruf ganda, ejaan lama, varian nama: Mochammad → muhamad", "huruf ganda: Hatta → hata"),
        (),
        None,
    ),
    ("Joko Santoso (alm.)", ("joko", "santoso"), ("keterangan dalam kurung diabaikan",), (), None),
    ("Joko Santoso, S.H.", ("joko", "santoso"), ("gelar dihapus: S.H.",), ("S.H.",), None),
    ("Joko Santoso, S.Gz.", ("joko", "santoso"), ("gelar dihapus: S.Gz.",), ("S.Gz.",), None),
    ("Joko Santoso, S.Kesm.", ("joko", "santoso"), ("gelar dihapus: S.Kesm.",), ("S.Kesm.",), None),
    ("Joko Santoso, M.Tr.Kes.", ("joko", "santoso"), ("gelar dihapus: M.Tr.Kes.",), ("M.Tr.Kes.",), None),
    ("Joko Santoso, A.B.C.", ("joko", "santoso"), ("gelar dihapus: A.B.C.",), ("A.B.C.",), None),
    ("Joko Santoso, Abcde.Fg", ("joko", "santoso", "abcdefg"), (), (), None),  # a group of 5: not a degree
    ("Hidayat, M.", ("hidayat", "m"), (), (), None),
    ("Santoso, Joko", ("santoso", "joko"), (), (), None),
    ("Santoso, Budi Ani", ("santoso", "budi", "ani"), (), (), None),  # short words without dots: a name
    ("Joko Santoso SH MM", ("joko", "santoso"), ("gelar dihapus: SH MM",), ("SH", "MM"), None),
    (
        "Joko Santoso, SH, M.Tr.Kes.",
        ("joko", "santoso"),
        ("gelar dihapus: SH M.Tr.Kes.",),
        ("SH", "M.Tr.Kes."),
        None,
    ),
    ("Dr. S. Wahyuni", ("s", "wahyuni"), ("gelar dihapus: Dr.",), ("Dr.",), None),
    ("K. H. Ahmad Dahlan", ("ahmad", "dahlan"), ("gelar keagamaan dihapus: K. H.",), ("K.", "H."), None),
    ("Hadji Joko Santoso", ("joko", "santoso"), ("gelar keagamaan dihapus: Hadji",), ("Hadji",), None),
    ("Ir. Joko Widodo", ("joko", "widodo"), ("gelar dihapus: Ir.",), ("Ir.",), None),
    (
        "Dra. Hj. Siti Aminah, M.Pd.",
        ("siti", "aminah"),
        ("gelar dihapus: Dra.", "gelar keagamaan dihapus: Hj.", "gelar dihapus: M.Pd."),
        ("Dra.", "Hj.", "M.Pd."),
        None,
    ),
    (
        "Ibu Hj. Siti Aminah",
        ("siti", "aminah"),
        ("gelar keagamaan dihapus: Hj.", "sapaan dihapus: Ibu"),
        ("Hj.",),
        None,
    ),
    ("Bapak Joko", ("joko",), ("sapaan dihapus: Bapak",), (), None),
    (
        "pak camat Joko Santoso",
        ("joko", "santoso"),
        ("sapaan dihapus: pak", "jabatan dihapus: camat"),
        (),
        "camat",
    ),
    (
        "Kepala Dinas Pendidikan Joko Santoso",
        ("joko", "santoso"),
        ("jabatan dihapus: Kepala Dinas Pendidikan",),
        (),
        "kepala dinas",
    ),
    (
        "Drs. H. Moch. Djoko Santoso, M.Si.",
        ("muhamad", "joko", "santoso"),
        (
            "gelar dihapus: Drs.",
            "gelar keagamaan dihapus: H.",
            "gelar dihapus: M.Si.",
            "ejaan lama, varian nama: Moch. → muhamad",
            "ejaan lama: Djoko → joko",
        ),
        ("Drs.", "H.", "M.Si."),
        None,
    ),
]


# ASCII ids: mutmut passes the ids back to pytest, which escapes other characters in them.
@pytest.mark.parametrize(
    ("raw", "tokens", "applied", "titles", "position"),
    CASES,
    ids=[re.sub(r"[^A-Za-z0-9]+", "-", c[0]).strip("-") for c in CASES],
)
def test_every_field_of_the_normalised_name(raw, tokens, applied, titles, position):
    assert normalize_name(raw) == NormalizedName(raw, tokens, applied, titles, position)
    assert canonical_name(raw) == " ".join(tokens)


def test_a_name_that_is_only_a_title_word_is_kept_as_written():
    assert normalize_name("Hj").tokens == ("hj",)


def test_a_name_must_be_text():
    with pytest.raises(TypeError, match="a name must be str, not int"):
        normalize_name(42)


# `_transform_token` is cached (lru_cache). mutmut 3 runs every mutant in a process forked after the
# unmutated tests have filled that cache, so without clearing it a mutant of `_modern_spelling` or `_step`
# is never called for a token seen before and survives tests that fail on it (docs/testing.md).
@pytest.fixture(autouse=True)
def _fresh_spelling_cache():
    _transform_token.cache_clear()
    yield
    _transform_token.cache_clear()


# Where each title segment ends up: suffix segments keep their written order, and titles stripped from
# the end of the name come first, so only a segment recognised as titles by itself keeps its place.
ORDER_CASES = [
    # "SH" has no dot: recognised as a title only through the suffix table, segment by segment.
    ("Joko Santoso, M.Tr.Kes., SH", ("M.Tr.Kes.", "SH")),
    ("Joko Santoso, M.Si., SH MM", ("M.Si.", "SH", "MM")),
    # "S. Pd" is one title of two words, then "M.Pd" a second one in the same segment.
    ("Siti Aminah, SH, S. Pd M.Pd", ("SH", "S.", "Pd", "M.Pd")),
    # "S. Pd. I" ends with a lone letter: not a title of three words in a suffix segment, so the segment
    # is read as part of the name and the three words are stripped from its end instead.
    ("Siti Aminah, M.Pd., S. Pd. I", ("S.", "Pd.", "I", "M.Pd.")),
]


@pytest.mark.parametrize(
    ("raw", "titles"),
    ORDER_CASES,
    ids=[re.sub(r"[^A-Za-z0-9]+", "-", c[0]).strip("-") for c in ORDER_CASES],
)
def test_the_order_of_titles_after_a_comma(raw, titles):
    tokens = tuple(raw.split(",")[0].lower().split())
    expected = NormalizedName(raw, tokens, (f"gelar dihapus: {' '.join(titles)}",), titles, None)
    assert normalize_name(raw) == expected


def test_a_name_that_is_only_a_position_is_kept():
    assert normalize_name("Kepala Dinas") == NormalizedName("Kepala Dinas", ("kepala", "dinas"), ())
    assert normalize_name("Bapak Camat") == NormalizedName(
        "Bapak Camat", ("camat",), ("sapaan dihapus: Bapak",)
    )


SPELLING_CASES = [
    ("Tjoet Nja Dhien", ("cut", "nya", "dhien"), ("ejaan lama: Tjoet → cut", "ejaan lama: Nja → nya")),
    (
        "Djoehana Njoman",
        ("juhana", "nyoman"),
        ("ejaan lama: Djoehana → juhana", "ejaan lama: Njoman → nyoman"),
    ),
    ("Nji Ageng Serang", ("nyi", "ageng", "serang"), ("ejaan lama: Nji → nyi",)),
    # "dj" becomes "j" first and only then reveals the initial "nj" of the old spelling.
    ("Ndjoto", ("nyoto",), ("ejaan lama: Ndjoto → nyoto",)),
    ("Moh. Ichsan", ("muhamad", "ikhsan"), ("varian nama: Moh. → muhamad", "ejaan lama: Ichsan → ikhsan")),
]


@pytest.mark.parametrize(
    ("raw", "tokens", "applied"),
    SPELLING_CASES,
    ids=[re.sub(r"[^A-Za-z0-9]+", "-", c[0]).strip("-") for c in SPELLING_CASES],
)
def test_old_spellings_letter_by_letter(raw, tokens, applied):
    assert normalize_name(raw) == NormalizedName(raw, tokens, applied)


def test_a_second_pass_strips_what_the_first_revealed():
    # "SS" becomes "s" in the first pass, and "s s" is then the degree S.S. (Sarjana Sastra).
    raw = "Pak Camat Khairul SS S."
    assert normalize_name(raw) == NormalizedName(
        raw,
        ("khairul",),
        ("sapaan dihapus: Pak", "jabatan dihapus: Camat", "huruf ganda: SS → s", "gelar dihapus: s s"),
        ("s", "s"),
        "camat",
    )


EDGE_CASES = [
    # A position and its unit words never take the last word.
    ("Kepala Dinas Pendidikan", ("pendidikan",), ("jabatan dihapus: Kepala Dinas",), (), "kepala dinas"),
    ("Joko SH", ("joko",), ("gelar dihapus: SH",), ("SH",), None),
    # A name written only as a degree keeps its first word.
    ("S. H.", ("s", "h"), (), (), None),
    ("S. Pd", ("s", "pd"), (), (), None),
]


@pytest.mark.parametrize(
    ("raw", "tokens", "applied", "titles", "position"),
    EDGE_CASES,
    ids=[re.sub(r"[^A-Za-z0-9]+", "-", c[0]).strip("-") for c in EDGE_CASES],
)
def test_the_last_word_is_always_kept(raw, tokens, applied, titles, position):
    assert normalize_name(raw) == NormalizedName(raw, tokens, applied, titles, position)
