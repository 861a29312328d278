"""The news reader on real published articles: one test per error class of issue 10.

Each test reads an article of the labelled corpus from ../shared by its id (the texts are third-party and
never copied here) and asserts on the reader's output. Only development-split articles are used; the
blind split is scored once by benchmarks/text.py.
"""

import json
from functools import cache

import pytest

from netra.text.news import read_news
from netra.text.news_corpus import BLIND_IDS, DEV_LABELS, blind_ids, items, read_jsonl
from tests.shared_data import shared_path


@cache
def _texts() -> dict[str, str]:
    path = shared_path("corpus", "news.jsonl")
    return {row["id"]: row["text"] for row in read_jsonl(path)}


def _read(article_id: str) -> dict:
    assert article_id not in blind_ids(BLIND_IDS), "tests use development articles only"
    return read_news(_texts()[article_id], article_id).to_dict()


def _codes(facts: dict) -> set[str]:
    return {r["code"] for r in facts["regions"]}


def _counts(facts: dict) -> set[tuple[str, int, str | None]]:
    return {(v["subject"], v["count"], v["region_code"]) for v in facts["violations"]}


# --- event types -------------------------------------------------------------------------------------


def test_a_passing_mention_of_socialisation_is_not_sosialisasi():
    # A Bawaslu letter to the district; "bimtek" for ad hoc staff is mentioned in passing.
    facts = _read("artik-news-bawaslu-sorong-selatan-ingatkan-asn")
    assert "sosialisasi" not in facts["event_types"]
    assert read_news(_texts()["artik-news-bawaslu-sorong-selatan-ingatkan-asn"], model=None).event_types == [
        "sosialisasi"
    ]  # what the rules alone said


@pytest.mark.parametrize(
    "article_id",
    [
        "harianhaluan-anomali-netralitas-asn-di-pilkada-bawaslu",
        "pekanbaru-pelanggaran-netralitas-asn-pada-pilkada-serentak",
        "gorontalo-pelanggaran-netralitas-asn-di-gorontalo-direkomendasikan",
    ],
)
def test_a_statistics_article_is_statistik_not_findings_or_sanctions(article_id):
    assert _read(article_id)["event_types"] == ["statistik"]


def test_a_statistics_article_the_rules_called_a_finding_and_sanction():
    facts = _read("dara-dara-jakarta-terbukti-tidak-netral-ratusan")
    assert "statistik" in facts["event_types"]
    assert "temuan_pelanggaran" not in facts["event_types"]


def test_police_neutrality_is_lainnya_alone():
    assert _read("kalsel-propam-polda-kalsel-terjunkan-tim-awasi")["event_types"] == ["lainnya"]


def test_every_event_type_points_at_words_of_the_article():
    for row in read_jsonl(DEV_LABELS)[:80]:
        text = _texts()[row["id"]]
        facts = read_news(text).to_dict()
        for event in facts["event_types"]:
            spans = facts["evidence"]["event_types"][event]
            assert spans, (row["id"], event)
            assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)


# --- regions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_id", "regions"),
    [
        # "Kabupaten Pesisir Selatan (Pessel), Sumbar": the province only qualifies the kabupaten.
        ("klikpositif-rakor-bersama-wali-nagari-bawaslu-pessel", {"13.01"}),
        ("artik-news-bawaslu-sorong-selatan-ingatkan-asn", {"96.02"}),
        # Other articles' headlines under "BERITA TERKAIT" name Sumsel, Papua, Siak ...: not this story.
        ("jpnn-ada-dugaan-asn-tak-netral-bawaslu", {"72.12", "72.12.03"}),
    ],
)
def test_regions_are_the_locus(article_id, regions):
    assert _codes(_read(article_id)) == regions


def test_jakarta_as_the_seat_of_a_national_body_is_not_a_region():
    # "... direkomendasikan kepada Komisi Aparatur Sipil Negara (KASN) di Jakarta"
    facts = _read("gorontalo-pelanggaran-netralitas-asn-di-gorontalo-direkomendasikan")
    assert "31" not in _codes(facts)
    assert {"75", "75.01", "75.03", "75.04"} <= _codes(facts)


def test_kecamatan_listed_as_background_are_left_out():
    # Logistics go to "Kecamatan Buleleng, Sawan, Kubutambahan dan Tejakula": the kabupaten is the locus.
    codes = _codes(_read("nusabali-logistik-pemilu-mulai-dikirim"))
    assert "51.08" in codes
    assert not {c for c in codes if c.startswith("51.08.")}


@pytest.mark.parametrize(
    ("article_id", "kecamatan", "not_this"),
    [
        # "Kapanewon Depok" in a Sleman story is the kecamatan of Sleman, not Kota Depok.
        ("detik-bawaslu-sleman-periksa-lurah-buntut-laporan", "34.04.07", "32.76"),
        # "Camat Batu Ampar": five kecamatan share the name; the one in Batam.
        ("j5newsroom-enam-asn-di-batam-dilaporkan-ke", "21.71.02", "61.12.05"),
    ],
)
def test_an_ambiguous_name_resolves_by_the_surrounding_regions(article_id, kecamatan, not_this):
    codes = _codes(_read(article_id))
    assert kecamatan in codes and not_this not in codes


# --- counts --------------------------------------------------------------------------------------------


def test_a_regional_breakdown_is_one_entry_per_region():
    # "Kabupaten Rokan Hilir 1 pelanggaran, ... Kota Dumai, terdapat 3 pelanggaran netralitas ASN ..."
    facts = _read("pekanbaru-pelanggaran-netralitas-asn-pada-pilkada-serentak")
    assert _counts(facts) == {
        ("ASN", 11, "14"),
        ("ASN", 1, "14.07"),
        ("ASN", 1, "14.08"),
        ("ASN", 2, "14.05"),
        ("ASN", 2, "14.10"),
        ("ASN", 3, "14.72"),
        ("ASN", 2, "14.09"),
    }


def test_another_elections_figures_are_not_counts():
    # A 2024 pledge story recalls 914 cases nationally and some 20 in Aceh in Pemilu 2019.
    assert _read("aceh-panwaslih-aceh-optimistis-ikrar-netralitas-asn")["violations"] == []


def test_stage_subsets_and_sources_are_not_counts():
    # 999 violations, 25 in Jambi; 914 found by Bawaslu and 85 reported (sources), 894 forwarded (a stage).
    counts = {c for _, c, _ in _counts(_read("jambi-pilkada-di-jambi-sudah-ada-pelanggaran"))}
    assert {999, 25} <= counts
    assert not counts & {914, 85, 894}


def test_percentages_and_modus_breakdowns_are_not_counts():
    assert _counts(_read("sulsel-sulsel-zona-merah-pelanggaran-netralitas-asn")) == {
        ("ASN", 619, None),
        ("ASN", 416, None),
    }
    assert _read("jateng-pelanggaran-netralitas-asn-di-pemilu-samar")["violations"] == []


def test_a_lone_named_official_counts_as_one():
    # An official known by his initials uploads a candidate's photo.
    assert _counts(_read("staging-diduga-ungah-poto-cawapres-bawaslu-akan")) == {("ASN", 1, "35.77")}


# --- legal references ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_id", "refs"),
    [
        ("kalsel-propam-polda-kalsel-terjunkan-tim-awasi", ["Perpol 7/2022"]),
        ("maqnaia-tarakan-maqnaia-netralitas-aparatur-sipil-negara", ["UU 20/2023", "PP 53/2010"]),
        # "Undang - Undang Nomor 10 tahun 2023 tentang ASN" is written so: the reader keeps it as written.
        ("rejoso-aparatur-sipil-negara-asn-dilingkup-pemerintah", ["UU 10/2023", "PP 42/2004", "PP 94/2021"]),
    ],
)
def test_legal_references(article_id, refs):
    assert _read(article_id)["legal_refs"] == refs


# --- the labelled corpus itself --------------------------------------------------------------------------


def test_labels_cover_every_corpus_record_outside_the_blind_split():
    labelled = {row["id"] for row in read_jsonl(DEV_LABELS)}
    blind = set(blind_ids(BLIND_IDS))
    assert len(blind) >= 60 and not labelled & blind
    assert labelled | blind == set(_texts())


def test_labels_follow_the_label_guide():
    allowed = {"sosialisasi", "deklarasi", "rapat_koordinasi", "temuan_pelanggaran", "sanksi", "statistik"}
    for row in read_jsonl(DEV_LABELS):
        events = set(row["event_types"])
        assert events <= allowed | {"lainnya"}, row["id"]
        assert "lainnya" not in events or events == {"lainnya"}, row["id"]
        for v in row["violations"]:
            assert v["subject"] in {"ASN", "PPPK", "PPNPN", "kepala_desa", "perangkat_desa"}, row["id"]
            assert v["region_code"] is None or v["region_code"] in row["regions"], row["id"]
        assert items("date", row) <= {row["date"]}
        json.dumps(row)
