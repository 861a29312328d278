"""What the law package loads and refuses, checked against the data files read independently.

These tests were written from mutmut's survivors (docs/testing.md). The loaders are cached, so each
test that reads the data files clears those caches first: otherwise a mutant in a loader would never
run, because the unmutated code filled the cache before the mutant was switched on.
"""

import importlib.util
import os
import tomllib
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest

from netra.law import calendars, catalogue, interpretations, overrides, sanctions, sources
from netra.law.sources import Citation, LawError

D = date.fromisoformat
_LOADERS = (
    sources.instruments,
    catalogue._sanctions,
    catalogue._criminal,
    catalogue._types,
    overrides._shipped,
    overrides._local,
)


def _clear_loaders() -> None:
    for loader in _LOADERS:
        loader.cache_clear()


@pytest.fixture(autouse=True)
def fresh_law():
    _clear_loaders()
    yield
    _clear_loaders()


def _raw_files() -> dict[str, dict]:
    folder = resources.files("netra.law").joinpath("data")
    return {
        entry.name: tomllib.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }


def _citation(raw: dict, default_instrument: str) -> Citation:
    return Citation(
        instrument=raw.get("instrument", default_instrument),
        article=raw.get("article"),
        paragraph=raw.get("paragraph"),
        letter=raw.get("letter"),
        point=raw.get("point"),
        url=raw.get("url"),
        confidence=raw.get("confidence", "M"),
        note=raw.get("note"),
    )


def _raw_rows(kind: str) -> list[tuple[dict, dict]]:
    return [(data["instrument"], row) for data in _raw_files().values() for row in data.get(kind, [])]


# --- sources ----------------------------------------------------------------------------------------


def test_every_instrument_is_loaded_with_its_metadata_and_rules():
    raw = {data["instrument"]["id"]: data for data in _raw_files().values()}
    loaded = sources.instruments()
    assert [i.id for i in loaded] == sorted(raw)
    for item in loaded:
        meta = raw[item.id]["instrument"]
        assert (item.title, item.short, item.kind) == (meta["title"], meta["short"], meta["kind"])
        assert (item.valid_from, item.valid_to, item.gazette) == (
            meta.get("valid_from"),
            meta.get("valid_to"),
            meta.get("gazette"),
        )
        assert item.rules == {kind: raw[item.id].get(kind, []) for kind in sources.RULE_KINDS}


def test_a_citation_defaults_to_its_instrument_and_the_weakest_mark():
    cited = sources.citation_from({"article": "Pasal 5"}, "PP 94/2021")
    assert cited == Citation(instrument="PP 94/2021", article="Pasal 5", confidence="M")
    assert cited.unverified is True
    assert str(cited) == "PP 94/2021 Pasal 5 [M]"
    named = sources.citation_from({"instrument": "UU 5/2014", "confidence": "V"}, "PP 94/2021")
    assert (named.instrument, named.confidence, named.unverified) == ("UU 5/2014", "V", False)


def test_a_citation_prints_every_part_and_its_dict_says_the_same():
    cited = Citation("UU 7/2017", "Pasal 280", "2", "f", "3", "https://x.test", "S", "catatan")
    assert str(cited) == "UU 7/2017 Pasal 280 ayat (2) huruf f angka 3 [S]"
    assert cited.label() == str(cited)
    assert cited.to_dict() == {
        "instrument": "UU 7/2017",
        "article": "Pasal 280",
        "paragraph": "2",
        "letter": "f",
        "point": "3",
        "url": "https://x.test",
        "confidence": "S",
        "unverified": False,
        "note": "catatan",
        "text": "UU 7/2017 Pasal 280 ayat (2) huruf f angka 3 [S]",
    }
    practice = Citation("Praktik Bawaslu", note="pernyataan resmi", confidence="1")
    assert practice.label() == "Praktik Bawaslu: pernyataan resmi [1]"
    assert Citation("X").label() == "X [M]"


def test_bad_citations_are_refused_with_the_reason():
    with pytest.raises(LawError) as bad_mark:
        sources.citation_from({"confidence": "Z"}, "PP 1/2000")
    assert str(bad_mark.value) == "unknown confidence mark 'Z' in a citation of PP 1/2000"
    with pytest.raises(LawError) as bad_key:
        sources.citation_from({"article": "Pasal 1", "ayat": "2", "bab": "I"}, "PP 1/2000")
    assert str(bad_key.value) == "unknown citation keys ['ayat', 'bab'] in PP 1/2000"
    raw = {"article": "Pasal 1", "confidence": "S"}
    sources.citation_from(raw, "PP 1/2000")
    assert raw == {"article": "Pasal 1", "confidence": "S"}, "the data table itself is not changed"


def test_an_unknown_instrument_names_the_known_ones():
    with pytest.raises(LawError) as unknown:
        sources.instrument("uu-0-1900")
    known = ", ".join(i.id for i in sources.instruments())
    assert str(unknown.value) == f"unknown instrument 'uu-0-1900' (known: {known})"
    assert sources.instrument("pp-94-2021").short == "PP 94/2021"


# --- a data folder of our own, for the refusals of the loaders ----------------------------------------

_INSTRUMENT = '[instrument]\nid = "uji-1"\nshort = "Uji 1"\ntitle = "Peraturan Uji"\nkind = "uji"\n'
_SANCTION = (
    '[[sanction]]\nid = "uji-ringan"\nkind = "disiplin"\nlevel = "ringan"\noptions = ["teguran"]\n'
    'citations = [{ article = "Pasal 1" }]\n'
)
_VIOLATION = (
    '[[violation]]\ncode = "U-1"\nname_id = "Uji"\nname_en = "Test"\ndescription = "d"\nexamples = []\n'
    'indicator = "karier"\nsubjects = ["PNS"]\nphase = "calon"\nsanction = "uji-ringan"\n'
    'criminal_refs = []\ncitations = [{ article = "Pasal 2" }]\n'
)


@pytest.fixture
def law_folder(tmp_path, monkeypatch):
    """Point the package's data folder at tmp_path/data and return a writer of its files."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(sources.resources, "files", lambda _package: tmp_path)

    def write(name: str, text: str) -> Path:
        path = data / name
        path.write_text(text, encoding="utf-8")
        _clear_loaders()
        return path

    return write


def test_files_that_are_not_instruments_are_ignored(law_folder):
    law_folder("uji.toml", _INSTRUMENT + _SANCTION + _VIOLATION)
    law_folder("_draft.toml", "this is not toml at all [")
    law_folder("notes.txt", "nor this")
    assert [i.id for i in sources.instruments()] == ["uji-1"]
    assert [vt.code for vt in catalogue.all_types()] == ["U-1"]
    undated = catalogue.get("U-1").to_dict()
    assert (undated["valid_from"], undated["valid_to"], undated["unverified"]) == (None, None, True)


def test_an_instrument_without_a_key_is_refused(law_folder):
    law_folder("uji.toml", _INSTRUMENT.replace('short = "Uji 1"\n', ""))
    with pytest.raises(LawError) as missing:
        sources.instruments()
    assert str(missing.value) == "uji.toml: missing key 'short'"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('indicator = "karier"', 'indicator = "lain"'), "indicator 'lain' is not one of karier, "),
        (('phase = "calon"', 'phase = "kapan"'), "phase 'kapan' is not one of bakal_calon, calon, any"),
        (('subjects = ["PNS"]', 'subjects = ["PNS", "TNI"]'), "subject 'TNI' is not one of PNS, PPPK, "),
        (('sanction = "uji-ringan"', 'sanction = "uji-x"'), "unknown sanction 'uji-x'"),
        (
            ('citations = [{ article = "Pasal 2" }]', "citations = []"),
            "every rule needs at least one citation",
        ),
    ],
)
def test_a_bad_violation_row_is_refused_with_its_place(law_folder, change, message):
    law_folder("uji.toml", _INSTRUMENT + _SANCTION + _VIOLATION.replace(*change))
    with pytest.raises(LawError) as bad:
        catalogue.all_types()
    assert str(bad.value).startswith(f"uji-1 violation U-1: {message}")


def test_a_violation_without_an_indicator_is_accepted(law_folder):
    law_folder("uji.toml", _INSTRUMENT + _SANCTION + _VIOLATION.replace('indicator = "karier"\n', ""))
    assert catalogue.get("u-1").indicator is None


def test_bad_sanction_and_criminal_rows_are_refused(law_folder):
    law_folder(
        "uji.toml", _INSTRUMENT + _SANCTION.replace('level = "ringan"', 'level = "ekstra"') + _VIOLATION
    )
    with pytest.raises(LawError) as level:
        catalogue.all_types()
    assert str(level.value) == (
        "uji-1 sanction uji-ringan: level 'ekstra' is not one of ringan, sedang, berat, None"
    )
    criminal = (
        '[[criminal]]\nid = "uji-pidana"\nregime = "pemilu"\narticle = "Pasal 9"\nconduct = "c"\n'
        'penalty = "p"\nliable = ["camat"]\ncitations = [{ article = "Pasal 9" }]\n'
    )
    law_folder("uji.toml", _INSTRUMENT + _SANCTION + criminal + _VIOLATION)
    with pytest.raises(LawError) as liable:
        catalogue.criminal_provisions()
    assert str(liable.value).startswith("uji-1 criminal uji-pidana: liable subject 'camat' is not one of PNS")


def test_duplicate_codes_and_unknown_criminal_references_are_refused(law_folder):
    law_folder("uji.toml", _INSTRUMENT + _SANCTION + _VIOLATION + _VIOLATION)
    with pytest.raises(LawError) as duplicate:
        catalogue.all_types()
    assert str(duplicate.value) == "duplicate violation codes: ['U-1']"
    law_folder(
        "uji.toml",
        _INSTRUMENT + _SANCTION + _VIOLATION.replace("criminal_refs = []", 'criminal_refs = ["x"]'),
    )
    with pytest.raises(LawError) as unknown:
        catalogue.all_types()
    assert str(unknown.value) == "unknown criminal provision 'x'"


# --- catalogue ----------------------------------------------------------------------------------------


def _expected_order() -> list[str]:
    """skb-2022, then pp-94-2021, then skb-2020 (catalogue order), each in its file's order."""
    by_instrument = {}
    for data in _raw_files().values():
        codes = [row["code"] for row in data.get("violation", [])]
        if codes:
            by_instrument[data["instrument"]["id"]] = codes
    order = ["skb-2022", "pp-94-2021", "skb-2020"]
    assert sorted(by_instrument) == sorted(order), "a new instrument needs its place in the catalogue order"
    return [code for inst in order for code in by_instrument[inst]]


def test_the_catalogue_lists_every_row_in_catalogue_order():
    assert [vt.code for vt in catalogue.all_types(include_unretrieved=True)] == _expected_order()
    assert [i.id for i in catalogue.catalogue_instruments()] == ["skb-2022", "pp-94-2021", "skb-2020"]


def _expected_type(meta: dict, row: dict) -> dict:
    sanction = catalogue._sanctions()[row["sanction"]].to_dict()
    citations = [_citation(c, meta["short"]).to_dict() for c in row["citations"]]
    retrieved = row.get("retrieved", True)
    return {
        "code": row["code"],
        "name": row["name_id"],
        "name_en": row["name_en"],
        "description": row["description"],
        "published_text": row.get("published_text"),
        "examples": row["examples"],
        "sanction": sanction,
        "indicator": row.get("indicator"),
        "phase": row["phase"],
        "subjects": row["subjects"],
        "criminal_refs": row["criminal_refs"],
        "citations": citations,
        "instrument": meta["id"],
        "valid_from": meta["valid_from"].isoformat() if meta.get("valid_from") else None,
        "valid_to": meta["valid_to"].isoformat() if meta.get("valid_to") else None,
        "retrieved": retrieved,
        "unverified": not retrieved or any(c["unverified"] for c in citations),
    }


def test_every_violation_type_carries_its_row_of_the_data_files():
    rows = _raw_rows("violation")
    assert len(rows) == len(catalogue.all_types(include_unretrieved=True))
    for meta, row in rows:
        found = catalogue.get(row["code"])
        assert found.to_dict() == _expected_type(meta, row)
        assert (found.name_id, found.sanction.id) == (row["name_id"], row["sanction"])
        assert (found.valid_from, found.valid_to) == (meta.get("valid_from"), meta.get("valid_to"))
        assert found.unverified is _expected_type(meta, row)["unverified"]
        assert [p.id for p in found.criminal_provisions()] == row["criminal_refs"]


def test_every_sanction_carries_its_row():
    rows = _raw_rows("sanction")
    assert sorted(catalogue._sanctions()) == sorted(row["id"] for _, row in rows)
    for meta, row in rows:
        citations = [_citation(c, meta["short"]) for c in row.get("citations", [])]
        sanction = catalogue._sanctions()[row["id"]]
        assert sanction.to_dict() == {
            "id": row["id"],
            "kind": row["kind"],
            "level": row.get("level"),
            "options": row["options"],
            "note": row.get("note"),
            "unverified": row.get("unverified", False) or any(c.unverified for c in citations),
            "citations": [c.to_dict() for c in citations],
        }
        assert sanction.unverified is row.get("unverified", False)


def test_every_criminal_provision_carries_its_row():
    rows = _raw_rows("criminal")
    assert [p.id for p in catalogue.criminal_provisions()] == [
        row["id"] for _, row in sorted(rows, key=lambda pair: pair[0]["id"])
    ]
    for meta, row in rows:
        found = catalogue.criminal_provision(row["id"])
        assert found.to_dict() == {
            "id": row["id"],
            "regime": row["regime"],
            "instrument": meta["short"],
            "article": row["article"],
            "conduct": row["conduct"],
            "penalty": row["penalty"],
            "liable": row["liable"],
            "liable_other": row.get("liable_other"),
            "criminal": row.get("criminal", True),
            "citations": [_citation(c, meta["short"]).to_dict() for c in row["citations"]],
        }
    with pytest.raises(LawError) as unknown:
        catalogue.criminal_provision("uu-x")
    assert str(unknown.value) == "unknown criminal provision 'uu-x'"


def test_a_type_is_valid_from_its_first_to_its_last_day():
    skb2020 = catalogue.get("SKB2020-1")
    assert (skb2020.valid_from, skb2020.valid_to) == (D("2020-09-10"), D("2022-09-21"))
    assert skb2020.valid_on(D("2020-09-10")) and skb2020.valid_on(D("2022-09-21"))
    assert not skb2020.valid_on(D("2020-09-09")) and not skb2020.valid_on(D("2022-09-22"))
    on_first_day = {vt.code for vt in catalogue.all_types(on=D("2022-09-22"))}
    assert "KE-1" in on_first_day and "SKB2020-1" not in on_first_day


def test_instrument_filters_and_their_refusals():
    assert {vt.instrument for vt in catalogue.all_types(instrument="pp-94-2021")} == {"pp-94-2021"}
    with pytest.raises(LawError) as empty:
        catalogue.all_types(instrument="uu-7-2017")
    assert str(empty.value) == "instrument 'uu-7-2017' defines no violation types"
    with pytest.raises(LawError, match="unknown instrument 'x-1'"):
        catalogue.all_types(instrument="x-1")


def test_unknown_codes_and_their_message():
    assert catalogue.get(" ke-1 ").code == "KE-1"
    with pytest.raises(catalogue.UnknownViolation) as unknown:
        catalogue.get("KE-99")
    assert str(unknown.value) == "jenis pelanggaran tidak dikenal: 'KE-99'"
    assert str(catalogue.UnknownViolation()) == "unknown violation"


def test_search_reads_published_text_and_indicator_and_puts_the_exact_code_first():
    assert catalogue.search("xxxx") == [] and catalogue.search("xx xx") == []
    assert [vt.code for vt in catalogue.search("pelayanan_publik")][:1] == ["D-12"]
    by_published_text = {vt.code for vt in catalogue.search("baliho alat peraga lainnya")}
    assert "KE-1" in by_published_text
    assert next(vt.code for vt in catalogue.search("d-1")) == "D-1"
    assert len(catalogue.search("   ")) == len(catalogue.all_types(include_unretrieved=True))


# --- sanctions ----------------------------------------------------------------------------------------


def _fresh_sanctions():
    """The sanctions module executed again, so its import-time tables are built under test."""
    spec = importlib.util.spec_from_file_location("netra.law.sanctions", sanctions.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_option_tables_carry_their_legal_basis():
    module = _fresh_sanctions()
    assert [o.to_dict() for o in module.PP94[:1] + module.PP94[-1:]] == [
        {
            "code": "pp94-ringan-a",
            "text": "teguran lisan",
            "class": "ringan",
            "basis": "PP 94/2021 Pasal 8 ayat (2) huruf a",
            "confidence": "S",
        },
        {
            "code": "pp94-berat-c",
            "text": "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
            "class": "berat",
            "basis": "PP 94/2021 Pasal 8 ayat (4) huruf c",
            "confidence": "S",
        },
    ]
    assert [o.basis for o in module.PP94[3:6]] == [f"PP 94/2021 Pasal 8 ayat (3) huruf {x}" for x in "abc"]
    assert {o.sanction_class for o in module.PP94[3:6]} == {"sedang"}
    assert [o.to_dict() for o in module.KEPALA_DESA] == [
        {
            "code": "desa30-teguran-lisan",
            "text": "teguran lisan",
            "class": "desa",
            "basis": "UU 6/2014 Pasal 30 ayat (1)",
            "confidence": "S",
        },
        {
            "code": "desa30-teguran-tertulis",
            "text": "teguran tertulis",
            "class": "desa",
            "basis": "UU 6/2014 Pasal 30 ayat (1)",
            "confidence": "S",
        },
        {
            "code": "desa30-berhenti-sementara",
            "text": "pemberhentian sementara sebagai kepala desa",
            "class": "desa",
            "basis": "UU 6/2014 Pasal 30 ayat (2)",
            "confidence": "S",
        },
        {
            "code": "desa30-berhenti",
            "text": "pemberhentian sebagai kepala desa",
            "class": "desa",
            "basis": "UU 6/2014 Pasal 30 ayat (2)",
            "confidence": "S",
        },
    ]
    assert [(o.code, o.text, o.basis, o.confidence) for o in module.PERANGKAT_DESA][2:] == [
        (
            "desa52-berhenti-sementara",
            "pemberhentian sementara sebagai perangkat desa",
            "UU 6/2014 Pasal 52 ayat (2)",
            "1",
        ),
        ("desa52-berhenti", "pemberhentian sebagai perangkat desa", "UU 6/2014 Pasal 52 ayat (2)", "1"),
    ]


def test_menus_say_who_they_are_for_and_why_no_class_applies():
    undecided = sanctions.menu(violation_code=None, subject="PNS")
    assert (undecided.subject, undecided.violation_code, undecided.expected_class) == ("PNS", None, None)
    assert undecided.note == "Jenis pelanggaran belum diputus; tidak ada kelas sanksi dari katalog."
    unknown = sanctions.menu(violation_code="KE-99", subject="PPPK")
    assert unknown.note == "Jenis pelanggaran tidak ada dalam katalog."
    berat = sanctions.menu(violation_code="D-1", subject="PNS")
    assert (berat.violation_code, berat.expected_class, berat.note) == ("D-1", "berat", "")
    assert [o.code for o in berat.options][-2:] == ["pp94-berat-c", "lainnya"], "no PTDH for a berat class"
    ptdh = sanctions.menu(violation_code="D-5", subject="PNS")
    assert ptdh.note == catalogue.get("D-5").sanction.note and ptdh.note
    assert ptdh.options[-2].code == "uu5-ptdh"
    moral = sanctions.menu(violation_code="KE-1", subject="PNS")
    assert moral.note == catalogue.get("KE-1").sanction.note
    older = sanctions.menu(violation_code="SKB2020-1", subject="PNS")
    assert (older.expected_class, older.note) == (None, catalogue.get("SKB2020-1").sanction.note)
    satgas = sanctions.menu(violation_code="D-13", subject="PNS")
    assert (satgas.expected_class, satgas.note) == (None, catalogue.get("D-13").sanction.note)


def test_non_asn_menus_keep_the_violation_and_name_the_subject():
    desa = sanctions.menu(violation_code="D-1", subject="kepala_desa")
    assert (desa.subject, desa.violation_code, desa.expected_class) == ("kepala_desa", "D-1", None)
    assert desa.note.endswith("(UU 6/2014 Pasal 30).")
    other = sanctions.menu(violation_code="D-1", subject="relawan")
    assert other.note == "Status kepegawaian tidak dikenal: tulis sanksinya."
    assert [o.code for o in other.options] == ["lainnya"]
    assert other.to_dict() == {
        "subject": "relawan",
        "violation_code": "D-1",
        "expected_class": None,
        "note": "Status kepegawaian tidak dikenal: tulis sanksinya.",
        "options": [
            {
                "code": "lainnya",
                "text": "lainnya (tulis sanksinya)",
                "class": "lainnya",
                "basis": "",
                "confidence": "M",
            }
        ],
    }


def test_an_option_not_offered_is_refused_by_name():
    with pytest.raises(LawError) as refused:
        sanctions.menu(violation_code=None, subject="PNS").option("desa30-berhenti")
    assert str(refused.value) == "sanksi 'desa30-berhenti' bukan pilihan untuk PNS / -"
    with pytest.raises(LawError) as named:
        sanctions.menu(violation_code="D-1", subject="PNS").option("x")
    assert str(named.value) == "sanksi 'x' bukan pilihan untuk PNS / D-1"


def test_an_assessment_keeps_the_chosen_option():
    chosen = sanctions.assess(violation_code="D-1", subject="PNS", code="pp94-ringan-a")
    assert (chosen.option.code, chosen.expected_class, chosen.lighter) == ("pp94-ringan-a", "berat", True)


# --- overrides ------------------------------------------------------------------------------------------


@pytest.fixture
def override_file(tmp_path, monkeypatch):
    path = tmp_path / "law.toml"

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(overrides.ENV_VAR, str(path))
        return path

    return write


def _refusal(override_file, text: str) -> str:
    path = override_file(text)
    with pytest.raises(LawError) as refused:
        overrides.current()
    message = str(refused.value)
    assert message.startswith(f"{path}: "), "a refusal names the file"
    return message.removeprefix(f"{path}: ")


def test_override_refusals_name_the_rule_and_the_known_ones(override_file):
    deadline_ids = sorted(r["id"] for _, r in sources.rules("deadline"))
    referral_ids = sorted(r["id"] for _, r in sources.rules("referral"))
    assert _refusal(override_file, '[deadline."x"]\ndays = 2\n') == (
        f"unknown deadline rule 'x' (known: {', '.join(deadline_ids)})"
    )
    assert _refusal(override_file, "[referral.x]\nenabled = false\n") == (
        f"unknown referral rule 'x' (known: {', '.join(referral_ids)})"
    )
    assert _refusal(override_file, '[deadline."pemilihan.kajian_awal"]\nunit = "jam"\n') == (
        "unit for pemilihan.kajian_awal must be one of hari_kerja, hari_kalender, got 'jam'"
    )
    assert _refusal(override_file, "[referral.ppk]\nenabled = 1\n") == (
        "referral ppk takes enabled = true|false (and an optional note)"
    )
    assert _refusal(override_file, "[referral.ppk]\nenabled = false\nwhy = 1\n") == (
        "referral ppk takes enabled = true|false (and an optional note)"
    )


def test_a_rule_without_the_configurable_flag_is_not_configurable(override_file):
    fixed_deadline = next(r["id"] for _, r in sources.rules("deadline") if "configurable" not in r)
    fixed_referral = next(r["id"] for _, r in sources.rules("referral") if "configurable" not in r)
    assert "cannot be overridden" in _refusal(override_file, f'[deadline."{fixed_deadline}"]\ndays = 2\n')
    assert "cannot be overridden" in _refusal(
        override_file, f"[referral.{fixed_referral}]\nenabled = false\n"
    )


@pytest.mark.parametrize("days", ["1", "2"])
def test_a_period_of_one_day_or_more_is_accepted(override_file, days):
    override_file(f'[deadline."pemilihan.kajian_awal"]\ndays = {days}\n')
    assert overrides.current().deadlines["pemilihan.kajian_awal"].days == int(days)


@pytest.mark.parametrize("days", ["0", "true", "1.5"])
def test_a_period_that_is_not_a_whole_number_of_days_is_refused(override_file, days):
    message = _refusal(override_file, f'[deadline."pemilihan.kajian_awal"]\ndays = {days}\n')
    assert message.startswith("days for pemilihan.kajian_awal must be a whole number of at least 1")


def test_referrals_read_true_and_false_and_keep_a_note(override_file):
    override_file('[referral.ppk]\nenabled = true\nnote = "tetap"\n')
    assert overrides.current().disabled_referrals == frozenset()
    override_file("[referral.ppk]\nenabled = false\n")
    os.utime(overrides.os.environ[overrides.ENV_VAR], (1, 1))
    assert overrides.current().disabled_referrals == frozenset({"ppk"})


def test_a_changed_file_is_read_again_and_sources_list_both_files(override_file):
    path = override_file("[reading]\ncounter_closing = true\n")
    os.utime(path, (1_000, 1_000))
    first = overrides.current()
    assert first.counter_closing is True
    assert first.sources == ("netra/law/data/calendar/decrees.toml", str(path))
    path.write_text("[reading]\ncounter_closing = false\n", encoding="utf-8")
    os.utime(path, (2_000, 2_000))
    assert overrides.current().counter_closing is False


def test_calendar_day_refusals_and_extra_keys(override_file):
    row = '[[non_working_day]]\ndate = 2024-12-31\nreason = "r"\ndecree = "k"\n'
    override_file(row + 'url = "https://x.test"\n')
    assert overrides.current().non_working[D("2024-12-31")] == "r (k)"
    message = _refusal(override_file, row + 'hari = "selasa"\n')
    assert message.startswith("each day needs date (YYYY-MM-DD), reason and decree")
    message = _refusal(override_file, row.replace("[[non_working_day]]", "[[working_day]]") + "x = 1\n")
    assert message.startswith("each day needs date")


def test_readings_default_and_their_refusals(override_file):
    override_file('[reading]\ncuti_bersama = "libur"\n')
    current = overrides.current()
    assert (current.cuti_bersama_working, current.counter_closing, current.open_24h) == (False, False, ())
    assert _refusal(override_file, '[reading]\ncounter_closing = "ya"\n') == (
        "reading.counter_closing takes true or false"
    )
    assert _refusal(override_file, "[reading]\nlain = 1\n") == "unknown reading keys ['lain']"


def test_a_single_open_day_table_and_a_one_day_period(override_file):
    override_file('[reading.open_24h]\nstart = 2024-11-27\nend = 2024-11-27\nreason = "pemungutan suara"\n')
    current = overrides.current()
    assert current.open_24h == ((D("2024-11-27"), D("2024-11-27"), "pemungutan suara"),)
    assert current.open_all_day(D("2024-11-27"))
    assert not current.open_all_day(D("2024-11-26")) and not current.open_all_day(D("2024-11-28"))
    message = _refusal(
        override_file, '[reading.open_24h]\nstart = 2024-11-27\nend = 2024-11-26\nreason = "x"\n'
    )
    assert message == "each reading.open_24h needs start <= end (YYYY-MM-DD) and reason"
    override_file('[[reading.open_24h]]\nstart = 2024-11-24\nend = 2024-11-27\nreason = "masa tenang"\n')
    assert overrides.current().open_all_day(D("2024-11-24"))


# --- calendars, time zones, interpretations --------------------------------------------------------------


def test_a_period_of_one_day_ends_on_the_next_counted_day():
    friday = D("2024-10-04")
    assert calendars.add_days(calendars.CalendarDays(), friday, 1) == (friday + timedelta(days=1), [])
    end, skipped = calendars.add_days(calendars.WorkingDays(), friday, 1)
    assert end == D("2024-10-07") and [day for day, _ in skipped] == [D("2024-10-05"), D("2024-10-06")]
    with pytest.raises(ValueError, match="a period needs at least one day, got 0"):
        calendars.add_days(calendars.CalendarDays(), friday, 0)


def test_an_interpretation_reads_as_one_line_and_as_data():
    readings = [interpretations.get("hari_kerja_454"), interpretations.get("day_one_after_trigger")]
    assert interpretations.line(readings) == (
        "Tafsiran: " + readings[0].text + "; hari ke-1 adalah hari setelah peristiwa pemicu"
    )
    assert interpretations.get("ends_2359").to_dict() == {
        "id": "ends_2359",
        "text": "batas berakhir pukul 23.59 waktu setempat pada hari terakhir",
        "alternative": "batas berakhir saat loket tutup (16.00, Jumat 16.30; Perbawaslu 9/2024 Pasal 5)",
        "switch": "counter_closing",
    }
