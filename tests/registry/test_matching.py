import pytest
from django.contrib.auth.models import AnonymousUser

from netra.registry.matching import pegawai_match, roster_search
from netra.registry.models import Pegawai
from netra.registry.selectors import pegawai_get_for, pegawai_list_for
from netra.registry.services import roster_import
from tests.registry.conftest import HEADER
from tests.registry.factories import national_officer, officer


def test_national_officer_gets_best_matches_with_reasons(roster):
    matches = pegawai_match(national_officer(), "Joko Santoso", limit=3)
    names = [m.pegawai.full_name for m in matches]
    assert set(names[:2]) == {"Drs. H. Moch. Djoko Santoso M.Si.", "Djoko Santoso"}
    assert matches[0].score >= matches[-1].score
    assert all(m.reasons for m in matches)


def test_kabupaten_officer_only_sees_own_territory(roster):
    matches = pegawai_match(officer("bdg", "32.04"), "Djoko Santoso", limit=5)
    assert {m.pegawai.region_id[:5] for m in matches} == {"32.04"}
    assert "Kabupaten Sorong" not in {m.pegawai.agency.name for m in matches}


def test_region_outside_jurisdiction_gives_nothing(roster):
    assert pegawai_match(officer("bdg", "32.04"), "Djoko Santoso", region_code="96.01") == []


def test_region_block_narrows(roster):
    matches = pegawai_match(national_officer(), "Djoko Santoso", region_code="96")
    assert [m.pegawai.nip for m in matches] == ["198101012005011004"]


def test_nip_boosts_the_right_record(roster):
    matches = pegawai_match(national_officer(), "Djoko Santoso", nip="198101012005011004")
    assert matches[0].pegawai.nip == "198101012005011004"


@pytest.mark.parametrize("user", [AnonymousUser(), None])
def test_public_gets_no_roster(roster, user):
    assert pegawai_match(user, "Djoko Santoso") == []
    assert list(pegawai_list_for(user)) == []


def test_user_without_office_gets_no_roster(roster, django_user_model):
    user = django_user_model.objects.create_user(username="lonely", password="x-Very-long-pass-1")
    assert pegawai_match(user, "Djoko Santoso") == []
    assert not pegawai_list_for(user).exists()


def test_index_follows_roster_changes(roster, tmp_path):
    ri = national_officer()
    assert pegawai_match(ri, "Ratna Kusumawati") == [] or all(
        "Ratna" not in m.pegawai.full_name for m in pegawai_match(ri, "Ratna Kusumawati")
    )
    path = tmp_path / "more.csv"
    path.write_text(HEADER + "\n199001012015012001,Ratna Kusumawati,BKN,,Auditor,PNS,\n", encoding="utf-8")
    roster_import(path=path)
    assert pegawai_match(ri, "Ratna Kusumawati")[0].pegawai.full_name == "Ratna Kusumawati"


def test_unscoped_search_for_the_server_cli(roster):
    assert len(roster_search("Djoko Santoso", limit=10)) >= 2


def test_list_selector_scopes_and_filters(roster):
    bdg = officer("bdg", "32.04")
    assert set(pegawai_list_for(bdg).values_list("nip", flat=True)) == {
        "198001012005011001",
        "198203042006041002",
    }
    assert list(pegawai_list_for(bdg, q="Moch Djoko").values_list("nip", flat=True)) == ["198001012005011001"]
    assert pegawai_list_for(national_officer(), nip="19800101 200501 1 001").get().nip == "198001012005011001"
    sorong = Pegawai.objects.get(nip="198101012005011004")
    assert pegawai_get_for(bdg, sorong.pk) is None
    province = officer("jabar", "32", kind="bawaslu_provinsi")
    assert pegawai_list_for(province).count() == 3


def test_index_is_saved_for_other_processes(roster, settings):
    from netra.registry import matching

    path = matching.roster_index_refresh()
    assert (path / "index.json").exists()
    matching._cache["index"] = None  # a fresh process: loads the saved index instead of building
    assert pegawai_match(national_officer(), "Sri Wahyuni")[0].pegawai.full_name == "Sri Wahyuni"
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize("name", ["", "   ", "-", "Drs. H."])
def test_text_without_a_name_matches_nothing(roster, name):
    assert pegawai_match(national_officer(), name) == []
    assert roster_search(name) == []


def test_an_index_saved_in_an_older_format_is_rebuilt(roster, settings):
    import json

    from netra.registry import matching

    path = matching.roster_index_refresh()
    document = json.loads((path / "index.json").read_text())
    (path / "index.json").write_text(json.dumps({**document, "format": 1}))
    matching._cache["index"] = None
    assert pegawai_match(national_officer(), "Sri Wahyuni")[0].pegawai.full_name == "Sri Wahyuni"
    assert json.loads((path / "index.json").read_text())["format"] == document["format"]


def test_namesakes_are_counted_within_what_the_officer_may_see(roster, tmp_path):
    path = tmp_path / "namesake.csv"
    path.write_text(
        HEADER + "\n198702022012011001,DJOKO SANTOSO,Pemkab Bandung,,Guru,PNS,32.04.05\n", encoding="utf-8"
    )
    roster_import(path=path)
    national = {m.pegawai.nip: m.namesakes for m in pegawai_match(national_officer(), "Djoko Santoso")}
    assert national["198101012005011004"] == national["198702022012011001"] == 2
    assert national["198001012005011001"] == 1  # "Muhammad Djoko Santoso" is another name
    bandung = {m.pegawai.nip: m.namesakes for m in pegawai_match(officer("bdg", "32.04"), "Djoko Santoso")}
    assert bandung["198702022012011001"] == 1  # the Sorong namesake lies outside the officer's territory
