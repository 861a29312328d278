"""Cue extraction, as a supervisor sees it in ``score_post`` output: which words fired, where, for whom."""

from pathlib import Path

import pytest

from netra.text.election import ElectionConfig
from netra.text.posts import score_post

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"
PILPRES = ElectionConfig.load(DEVSET / "election_pilpres2024.toml")
JAKARTA = ElectionConfig.load(DEVSET / "election_pilgub_jakarta2024.toml")


def cues(text="", bio="", election=PILPRES):
    post = {"id": "t", "text": text, "bio": bio, "created_at": "2024-01-20T08:00:00+07:00"}
    result = score_post(post, election).to_dict()
    return result["cues"]


def found(side, text="", bio="", election=PILPRES):
    return [(cue["kind"], cue["text"], cue.get("target")) for cue in cues(text, bio, election)[side]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jangan lupa nomor urut 2 ya", [("ballot_number", "nomor urut 2", "02")]),
        ("Paslon 02 mantap", [("ballot_number", "Paslon 02", "02")]),
        ("pilih no 1", [("ballot_number", "pilih no 1", "01")]),
        ("no1 pokoknya", [("ballot_number", "no1", "01")]),
        ("coblos nomor tiga", [("ballot_number", "coblos nomor tiga", "03")]),
        ("01 aja dulu", [("ballot_number", "01", "01")]),
        ("Salam dua jari semuanya", [("gesture", "Salam dua jari", "02")]),
        ("semangat ✌️", [("gesture", "✌️", "02")]),
        ("Pak Ganjar keren", [("candidate", "Pak Ganjar", "03")]),
        ("Prabowo-Gibran menang", [("candidate", "Prabowo-Gibran", "02")]),
        ("kader PDIP solid", [("membership", "kader PDIP", "03")]),
        ("Golkar solid", [("party", "Golkar", "02")]),
        ("#AMINajaDulu", [("hashtag", "#AMINajaDulu", "01")]),
        ("#GanjarPresiden2024", [("hashtag", "#GanjarPresiden2024", "03")]),
        ("cek @aniesbaswedan", [("mention", "@aniesbaswedan", "01")]),
        ("Oke gas oke gas", [("slogan", "Oke gas", "02"), ("slogan", "oke gas", "02")]),
        ("AMIN!", [("candidate", "AMIN", "01")]),
        # Not partisan: the everyday "amin", dates, times, addresses, numbers out of range.
        ("semoga sehat, amin ya Allah", []),
        ("rapat tgl 14/02/2024 jam 08.00", []),
        ("kerja bakti RW 03 besok", []),
        ("nomor urut 7", []),
        ("kapan pan kita ketemu", []),
    ],
)
def test_partisan_cues(text, expected):
    assert found("partisan", text) == expected


def test_partisan_cues_follow_the_election():
    assert found("partisan", "Bang Doel pasti menang", election=JAKARTA) == [("candidate", "Bang Doel", "03")]
    assert found("partisan", "Ibu-ibu Dharma Wanita Persatuan", election=JAKARTA) == []


@pytest.mark.parametrize(
    ("bio", "expected"),
    [
        ("ASN Disdik Kab. Cianjur", [("status", "ASN"), ("agency", "Disdik")]),
        ("Kepala Dinas Pertanian", [("position", "Kepala Dinas")]),
        ("Camat Cileungsi", [("position", "Camat")]),
        ("Sekdes Mekarsari", [("position", "Sekdes")]),
        ("Guru PPPK SDN 1 Pabuaran", [("occupation", "Guru"), ("status", "PPPK"), ("agency", "SDN")]),
        ("NIP 19850312 201001 1 005", [("nip", "NIP 19850312 201001 1 005")]),
        ("Korpri Kab. Bogor", [("status", "Korpri")]),
        ("Pedagang pasar", [("not_civil_servant", "Pedagang")]),
        ("Kader posyandu Melati", []),
        ("Pensiunan PNS Kemenag", [("not_civil_servant", "Pensiunan PNS"), ("agency", "Kemenag")]),
        ("CPNS 2024", [("status", "CPNS")]),
    ],
)
def test_civil_servant_cues_in_bio(bio, expected):
    assert [(kind, text) for kind, text, _ in found("civil_servant", bio=bio)] == expected


def test_civil_servant_cue_in_text_is_discounted_unless_first_person():
    plain = cues(text="ASN harus profesional")["civil_servant"][0]
    first_person = cues(text="saya sebagai ASN harus profesional")["civil_servant"][0]
    assert plain["weight"] < first_person["weight"] == 4.0


def test_occupations_in_text_do_not_count_against_the_author():
    assert found("civil_servant", text="biar petani sejahtera", bio="PNS") == [("status", "PNS", None)]


def test_cue_spans_point_at_the_field():
    text, bio = "Yuk coblos paslon 02 #PrabowoGibran2024", "Lurah Kebon Jeruk"
    result = cues(text, bio)
    for side in result.values():
        for cue in side:
            source = text if cue["field"] == "text" else bio
            assert source[cue["span"][0] : cue["span"][1]] == cue["text"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ingat, ASN wajib menjaga netralitas", "neutrality"),
        ("Camat diduga tidak netral, Bawaslu lakukan klarifikasi", "news"),
    ],
)
def test_counter_cues(text, kind):
    assert kind in {cue["kind"] for cue in cues(text)["counter"]}
