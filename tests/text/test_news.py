"""read_news on short authored articles: one behaviour each."""

import pytest

from netra.text.news import NewsFacts, read_news


def _regions(facts: NewsFacts) -> list[str]:
    return [r["code"] for r in facts.regions]


def _violations(facts: NewsFacts) -> list[tuple]:
    return [(v.subject, v.count, v.region_code) for v in facts.violations]


def test_output_shape():
    facts = read_news("Bawaslu Kota Bogor menemukan 3 ASN tidak netral, Senin (12/2/2024).", id="a1")
    assert list(facts.to_dict()) == [
        "id",
        "event_types",
        "regions",
        "violations",
        "legal_refs",
        "date",
        "evidence",
    ]
    assert facts.to_dict()["regions"] == [{"code": "32.71", "name": "Bogor", "level": "kota"}]
    assert facts.to_dict()["violations"] == [{"subject": "ASN", "count": 3, "region_code": "32.71"}]
    assert facts.id == "a1"
    assert facts.date == "2024-02-12"
    assert list(facts.evidence) == ["event_types", "regions", "violations", "legal_refs", "date", "warnings"]


def test_off_topic_article_is_lainnya_alone():
    text = "Pemkab Garut menggelar sosialisasi pajak kendaraan bagi warga, Selasa (17/9/2024)."
    facts = read_news(text)
    assert facts.event_types == ["lainnya"]
    assert facts.violations == []
    assert _regions(facts) == ["32.05"]


def test_dateline_alone_is_not_a_region():
    text = "Tanjungpinang, Bawaslu Kabupaten Lingga menemukan seorang PPNPN yang tidak netral."
    facts = read_news(text)
    assert _regions(facts) == ["21.04"]
    assert _violations(facts) == [("PPNPN", 1, "21.04")]


def test_province_qualifying_a_kabupaten_is_left_out():
    text = "Bawaslu Kabupaten Bintan, Kepulauan Riau, menggelar sosialisasi netralitas ASN."
    assert _regions(read_news(text)) == ["21.01"]


def test_see_also_links_are_ignored():
    text = (
        "Bawaslu Kabupaten Garut menggelar sosialisasi netralitas ASN.\n"
        "Baca juga: Bawaslu Kota Bekasi temukan 4 ASN tidak netral\n"
        "Kegiatan diikuti para camat."
    )
    facts = read_news(text)
    assert _regions(facts) == ["32.05"]
    assert facts.violations == []


def test_city_where_a_national_official_spoke_is_left_out():
    text = (
        "Kepala BKN mengatakan di Jakarta, Senin (4/12/2024), bahwa sebanyak 1.158 ASN dilaporkan "
        "melanggar netralitas secara nasional."
    )
    facts = read_news(text)
    assert _regions(facts) == []
    assert _violations(facts) == [("ASN", 1158, None)]
    assert facts.event_types == ["statistik"]


def test_attendees_listed_are_not_places_of_the_event():
    text = (
        "Bawaslu Kota Padang menggelar rapat koordinasi netralitas ASN di Hotel Mercure Padang. "
        "Rapat dihadiri Bawaslu Kabupaten Agam dan Bawaslu Kota Solok."
    )
    facts = read_news(text)
    assert _regions(facts) == ["13.71"]
    assert facts.event_types == ["rapat_koordinasi"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bawaslu Kabupaten Bogor menemukan dua orang ASN yang tidak netral.", [("ASN", 2, "32.01")]),
        (
            "Sebanyak 12 kepala desa di Kabupaten Serang terbukti melanggar netralitas.",
            [("kepala_desa", 12, "36.04")],
        ),
        (
            "Bawaslu Kota Semarang merekomendasikan sanksi bagi 3 PPPK yang terbukti berkampanye.",
            [("PPPK", 3, "33.74")],
        ),
        (
            "Bawaslu Kabupaten Malang menerima lima laporan dugaan pelanggaran netralitas ASN.",
            [("ASN", 5, "35.07")],
        ),
        ("Terdapat 16 jenis pelanggaran netralitas yang sering dilakukan ASN.", []),
        ("ASN yang melanggar dapat dikenai sanksi sesuai PP 94/2021, kata Ketua Bawaslu Kota Bekasi.", []),
    ],
)
def test_counts(sentence, expected):
    assert _violations(read_news(sentence)) == expected


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("ASN Pemkot Malang mengikuti apel dan ikrar netralitas ASN.", ["deklarasi"]),
        (
            "Seorang kepala desa di Kabupaten Bekasi dijatuhi sanksi teguran tertulis karena tidak netral.",
            ["temuan_pelanggaran", "sanksi"],
        ),
        (
            "Bawaslu RI mencatat 200 laporan dugaan pelanggaran netralitas ASN sepanjang Pilkada 2024.",
            ["statistik"],
        ),
        ("ASN yang terbukti tidak netral akan dijatuhi sanksi disiplin, tegas Bupati Bandung.", []),
        (
            "Sejumlah ASN ikut deklarasi dukungan kepada pasangan calon, kata Bawaslu Kabupaten Garut.",
            ["temuan_pelanggaran"],
        ),
    ],
)
def test_event_types(text, events):
    assert read_news(text).event_types == events


def test_date_prefers_the_event_over_election_day():
    text = (
        "Pemungutan suara pada 27 November 2024 makin dekat. Bawaslu Kota Bogor menggelar sosialisasi "
        "netralitas ASN, Kamis (3/10/2024)."
    )
    assert read_news(text).date == "2024-10-03"


def test_date_needs_day_month_and_year():
    assert (
        read_news("Bawaslu Kota Bogor menggelar sosialisasi netralitas ASN pada Rabu (13/11).").date is None
    )


def test_rejects_non_text():
    with pytest.raises(TypeError, match="str"):
        read_news(b"bytes")  # type: ignore[arg-type]


def test_a_headline_figure_repeated_in_an_aggregate_sentence_is_a_statistic():
    text = (
        "Bawaslu Sumbar: 32 ASN Terbukti Langgar Netralitas\n\n"
        "Bawaslu Provinsi Sumatera Barat merilis data. Tercatat 32 ASN terbukti melanggar netralitas."
    )
    facts = read_news(text)
    assert facts.event_types == ["statistik"]
    assert _violations(facts) == [("ASN", 32, "13")]
    assert len(facts.evidence["violations"][0]) == 2  # headline and body


def test_figures_of_a_national_body_have_no_region():
    text = (
        "Bawaslu RI mencatat sebanyak 240 ASN melanggar netralitas pada Pemilu 2024. "
        "Jumlah terbanyak berasal dari Provinsi Jawa Tengah dengan 31 kasus."
    )
    assert _violations(read_news(text)) == [("ASN", 240, None), ("ASN", 31, "33")]


def test_status_word_names_the_employment_type():
    text = "Seorang guru berstatus PPPK di Kabupaten Garut terbukti mengajak siswa memilih calon bupati."
    assert _violations(read_news(text)) == [("PPPK", 1, "32.05")]


def test_thousands_are_counts_and_years_are_not():
    text = "KASN menerima 2.034 aduan terkait netralitas ASN sepanjang tahun 2023 dan Pemilu 2024."
    assert _violations(read_news(text)) == [("ASN", 2034, None)]


def test_papua_distrik_is_a_kecamatan():
    text = "Bawaslu Kota Jayapura menggelar sosialisasi netralitas ASN di Distrik Abepura."
    assert _regions(read_news(text)) == ["91.71", "91.71.03"]


def test_a_request_to_sanction_is_not_a_sanction_and_the_office_district_is_not_a_place():
    text = (
        "Kepala BKN menyampaikan ada 417 ASN dilaporkan melanggar netralitas secara nasional. "
        '"Kami minta PPK segera menjatuhkan hukuman disiplin," kata Kepala BKN di Kantor BKN, Jakarta Timur, '
        "Kamis (24/10/2024)."
    )
    facts = read_news(text)
    assert facts.event_types == ["statistik"]
    assert _regions(facts) == []


@pytest.mark.parametrize(
    "text",
    [
        "Bawaslu Kabupaten Lingga di Provinsi Kepulauan Riau menggelar sosialisasi netralitas ASN.",
        "Bawaslu Kabupaten Lingga (Kepri) menggelar sosialisasi netralitas ASN.",
        "Bawaslu Kabupaten Lingga Provinsi Kepulauan Riau menggelar sosialisasi netralitas ASN.",
    ],
)
def test_qualifying_province_forms(text):
    assert _regions(read_news(text)) == ["21.04"]
