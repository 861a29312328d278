"""The five seed articles in ../shared/seeds come out right."""

import pytest

from netra.text.news import read_news
from tests.shared_data import shared_path

SEEDS = {
    "000_3fc08c55a2bfa328.txt": {
        # Bawaslu Kota Pariaman attends the socialisation that Bawaslu Sumatera Barat holds in Bukittinggi;
        # the camat of four other places are only invited.
        "event_types": ["sosialisasi"],
        "regions": [
            ("13.77", "Pariaman", "kota"),
            ("13.75", "Bukittinggi", "kota"),
            ("13", "Sumatera Barat", "provinsi"),
        ],
        "violations": [],
        "legal_refs": [],
        "date": "2024-06-14",
    },
    "001_bbeb1a3d7aee19ea.txt": {
        # The Lampung province official only attended; the meeting is Bawaslu Lampung Selatan's.
        "event_types": ["sosialisasi"],
        "regions": [("18.01", "Lampung Selatan", "kabupaten")],
        "violations": [],
        "legal_refs": ["UU 5/2014"],
        "date": "2023-02-17",
    },
    "002_e367222756b0ff1d.txt": {
        # "16 jenis pelanggaran" counts kinds of violation, not people; the dateline KAJEN is not a region.
        "event_types": ["rapat_koordinasi"],
        "regions": [("33.26", "Pekalongan", "kabupaten")],
        "violations": [],
        "legal_refs": ["UU 5/2014"],
        "date": "2023-03-15",
    },
    "003_952fe3f73ed4cab4.txt": {
        # The dateline Tanjungpinang is not where it happened; the election month has no day.
        "event_types": ["sosialisasi", "deklarasi", "temuan_pelanggaran"],
        "regions": [
            ("21", "Kepulauan Riau", "provinsi"),
            ("21.01", "Bintan", "kabupaten"),
            ("21.04", "Lingga", "kabupaten"),
        ],
        "violations": [("ASN", 2, "21"), ("ASN", 1, "21.01"), ("PPNPN", 1, "21.04")],
        "legal_refs": [],
        "date": None,
    },
    "004_3c7e18628a8c8334.txt": {
        # "PP Nomor 42 tahun 2024 tentang Pembinaan Jiwa Korps dan Kode Etik PNS": kept as written
        # (news-labels.md), with a warning that the title is that of PP 42/2004.
        "event_types": ["deklarasi"],
        "regions": [("32.04", "Bandung", "kabupaten")],
        "violations": [],
        "legal_refs": ["PP 42/2024"],
        "date": "2024-09-30",
    },
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed(name):
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    facts = read_news(text, name).to_dict()
    expected = SEEDS[name]
    assert facts["event_types"] == expected["event_types"]
    assert [(r["code"], r["name"], r["level"]) for r in facts["regions"]] == expected["regions"]
    assert [(v["subject"], v["count"], v["region_code"]) for v in facts["violations"]] == expected[
        "violations"
    ]
    assert facts["legal_refs"] == expected["legal_refs"]
    assert facts["date"] == expected["date"]


def test_seed_with_an_evidently_wrong_year_warns():
    text = shared_path("seeds", "004_3c7e18628a8c8334.txt").read_text(encoding="utf-8")
    (warning,) = read_news(text).to_dict()["evidence"]["warnings"]
    assert warning["ref"] == "PP 42/2024" and "PP 42/2004" in warning["message"]
    assert text[warning["start"] : warning["end"]] == warning["text"]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_evidence_points_into_the_text(name):
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    facts = read_news(text, name).to_dict()
    evidence = facts["evidence"]
    assert set(evidence["event_types"]) == set(facts["event_types"])
    assert list(evidence["regions"]) == [r["code"] for r in facts["regions"]]
    assert len(evidence["violations"]) == len(facts["violations"])
    assert list(evidence["legal_refs"]) == facts["legal_refs"]
    assert bool(evidence["date"]) == (facts["date"] is not None)
    spans = [s for group in evidence["event_types"].values() for s in group]
    spans += [s for group in evidence["regions"].values() for s in group]
    spans += [s for group in evidence["violations"] for s in group] + evidence["date"]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
