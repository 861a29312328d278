"""The violation catalogue against the rows of SKB 2022, PP 94/2021 Pasal 5 huruf n and SKB 2020."""

from datetime import date

import pytest

from netra.law import catalogue
from netra.law.sources import LawError

SKB_2022 = [f"KE-{n}" for n in range(1, 8)] + [f"D-{n}" for n in range(1, 14)]
PP94 = [f"PP94-5n-{n}" for n in range(1, 8)]


def test_catalogue_holds_every_row_of_each_list():
    codes = [vt.code for vt in catalogue.all_types(include_unretrieved=True)]
    assert codes[:27] == SKB_2022 + PP94
    assert codes[27:] == [f"SKB2020-{n}" for n in range(1, 17)]


@pytest.mark.parametrize(
    ("code", "kind", "level"),
    [
        # SKB 2022 part A: every kode-etik row carries sanksi moral (PP 42/2004 Pasal 15).
        *[(f"KE-{n}", "moral", None) for n in range(1, 8)],
        # SKB 2022 part B, levels as printed by Kompas and NTBSatu.
        ("D-1", "disiplin", "berat"),
        ("D-2", "disiplin", "berat"),
        ("D-3", "disiplin", "sedang"),
        ("D-4", "disiplin", "berat"),
        ("D-5", "ptdh", None),
        ("D-6", "disiplin", "berat"),
        ("D-7", "disiplin", "berat"),
        ("D-8", "disiplin", "berat"),
        ("D-9", "disiplin", "sedang"),
        ("D-10", "disiplin", "berat"),
        ("D-11", "disiplin", "berat"),
        ("D-12", "disiplin", "berat"),
        ("D-13", "satgas", None),
        # PP 94/2021 Pasal 5 huruf n: angka 1-2 sedang, angka 3-7 berat (Pasal 14 huruf i).
        ("PP94-5n-1", "disiplin", "sedang"),
        ("PP94-5n-2", "disiplin", "sedang"),
        *[(f"PP94-5n-{n}", "disiplin", "berat") for n in range(3, 8)],
        ("SKB2020-16", "ptdh", None),
    ],
)
def test_sanction_kind_and_level_per_row(code, kind, level):
    sanction = catalogue.get(code).sanction
    assert (sanction.kind, sanction.level) == (kind, level)


def test_moral_sanction_options_are_those_of_pp_42_2004_pasal_15():
    sanction = catalogue.get("KE-4").sanction
    assert sanction.options == ["pernyataan secara tertutup", "pernyataan secara terbuka"]
    assert [str(c) for c in sanction.citations] == [
        "PP 42/2004 Pasal 15 ayat (1) [S]",
        "PP 42/2004 Pasal 15 ayat (3) [S]",
    ]


def test_disciplinary_options_follow_pp_94_2021_pasal_8():
    assert catalogue.get("D-3").sanction.options == [
        f"pemotongan tunjangan kinerja sebesar 25% selama {m} bulan" for m in (6, 9, 12)
    ]
    assert catalogue.get("D-1").sanction.options[-1] == (
        "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"
    )


def test_party_membership_cites_uu_5_2014_pasal_87_4_c():
    citations = [str(c) for c in catalogue.get("D-5").sanction.citations]
    assert "UU 5/2014 Pasal 87 ayat (4) huruf c [S]" in citations


def test_phase_separates_bakal_calon_rows_from_calon_rows():
    assert {catalogue.get(f"KE-{n}").phase for n in range(1, 8)} == {"bakal_calon"}
    assert catalogue.get("D-9").phase == "bakal_calon"
    assert catalogue.get("D-10").phase == "calon"
    assert catalogue.get("D-8").phase == "any"


def test_every_type_is_complete_and_cited():
    for vt in catalogue.all_types(include_unretrieved=True):
        assert vt.name_id and vt.name_en and vt.description, vt.code
        assert vt.citations and all(c.url or c.confidence == "M" or c.note for c in vt.citations), vt.code
        assert vt.subjects == ["PNS", "PPPK"], vt.code
        if vt.retrieved:
            assert vt.examples, vt.code
            assert vt.indicator in catalogue.INDICATORS or vt.code == "D-13", vt.code


def test_unretrieved_2020_items_are_marked_and_not_invented():
    for code in ("SKB2020-2", "SKB2020-3"):
        vt = catalogue.get(code)
        assert vt.retrieved is False and vt.unverified is True
        assert vt.examples == [] and vt.indicator is None and vt.published_text is None
        assert "tidak diperoleh" in vt.name_id
    assert catalogue.get("SKB2020-4").retrieved is True
    classifiable = [vt.code for vt in catalogue.all_types()]
    assert "SKB2020-2" not in classifiable and "SKB2020-3" not in classifiable and len(classifiable) == 41


def test_unverified_citations_mark_the_type():
    d3 = catalogue.get("D-3")
    assert d3.unverified and d3.to_dict()["unverified"] is True
    assert "PP 94/2021 Pasal 12 [M]" in [str(c) for c in d3.citations]
    assert catalogue.get("D-1").unverified is False


def test_criminal_references_point_at_section_3_provisions():
    assert [p.article for p in catalogue.get("D-10").criminal_provisions()] == [
        "Pasal 280 ayat (3) jo. Pasal 494",
        "Pasal 70 ayat (1) jo. Pasal 189",
    ]
    pasal_188 = catalogue.criminal_provision("uu10-71-188")
    assert pasal_188.liable == ["PNS", "PPPK", "kepala_desa"]
    assert catalogue.criminal_provision("uu7-283").criminal is False


def test_validity_dates_filter_by_instrument_period():
    on_2021 = {vt.instrument for vt in catalogue.all_types(on=date(2021, 1, 1))}
    on_2024 = {vt.instrument for vt in catalogue.all_types(on=date(2024, 2, 14))}
    assert on_2021 == {"skb-2020"}
    assert on_2024 == {"skb-2022", "pp-94-2021"}


def test_filter_by_instrument_and_reject_unknown_instrument():
    assert [vt.code for vt in catalogue.all_types(instrument="pp-94-2021")] == PP94
    with pytest.raises(LawError, match="unknown instrument"):
        catalogue.all_types(instrument="skb-1999")


def test_get_is_case_insensitive_and_unknown_codes_raise_key_error():
    assert catalogue.get(" d-5 ").code == "D-5"
    with pytest.raises(catalogue.UnknownViolation) as raised:
        catalogue.get("X-1")
    assert isinstance(raised.value, KeyError)
    assert "X-1" in str(raised.value)


def test_search_matches_every_word_and_ranks_exact_code_first():
    hits = [vt.code for vt in catalogue.search("D-1")]
    assert hits[0] == "D-1" and set(hits) >= {"D-10", "D-13"}
    assert {vt.code for vt in catalogue.search("foto calon")} >= {"KE-5", "D-7"}
    assert catalogue.search("kata-yang-tidak-ada") == []
    assert len(catalogue.search("  ")) == len(catalogue.all_types(include_unretrieved=True))


def test_to_dict_has_the_cli_shape():
    data = catalogue.get("D-5").to_dict()
    assert {"code", "name", "sanction", "indicator", "phase", "subjects", "citations"} <= set(data)
    assert data["sanction"]["kind"] == "ptdh" and data["sanction"]["level"] is None
    assert data["citations"][0]["instrument"] == "SKB 2022"
