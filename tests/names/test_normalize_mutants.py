"""Name normalisation, every output field at once (tokens, steps applied, titles, position, raw) for the
cases each rule exists for: old spellings letter by letter, dotted degrees at their size limits, initials
that are or are not titles, notes in full (docs/testing.md)."""

import re

import pytest

from netra.names.normalize import NormalizedName, canonical_name, normalize_name

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
