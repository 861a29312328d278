"""Election configuration in the database: services (validated, audited, role- and region-checked),
the scorer's compiled configuration per region (merge, cache, invalidation), import and export."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases import selectors, services
from netra.cases.elections import scoring_config
from netra.cases.models import Election, ElectionSetting
from netra.text.election import ElectionConfig, dump_toml, parse_config
from netra.text.posts import score_post

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"
PILPRES_TOML = (DEVSET / "election_pilpres2024.toml").read_text(encoding="utf-8")
POST = {
    "id": "p1",
    "bio": "ASN Dinas Pendidikan Kab. Bintan",
    "text": "Ayo bapak ibu coblos nomor 2 ya, Pak Budi pilihan kita!",
    "created_at": "2024-11-01T09:00:00+07:00",
}


@pytest.fixture
def pilkada(db):
    return Election.objects.create(
        name="Pilkada Serentak Uji",
        regime="pemilihan",
        penetapan_calon=dt.date(2024, 9, 22),
        campaign_start=dt.date(2024, 9, 25),
        campaign_end=dt.date(2024, 11, 23),
        voting_day=dt.date(2024, 11, 27),
    )


@pytest.fixture
def pemilu(db):
    return Election.objects.create(
        name="Pemilu Uji 2024",
        regime="pemilu",
        penetapan_calon=dt.date(2023, 11, 13),
        voting_day=dt.date(2024, 2, 14),
    )


def candidate(number, name, parties=(), **extra):
    return {"number": number, "names": [name], "parties": list(parties), **extra}


def configure_bintan(pilkada, user=None):
    services.election_party_save(
        election=pilkada,
        region_code="",
        values={"name": "Partai Gerakan Indonesia Raya", "abbreviations": ["Gerindra"]},
        user=user,
    )
    services.election_party_save(
        election=pilkada,
        region_code="21.01",
        values={"name": "Partai Lokal Bintan", "abbreviations": ["PLB"]},
        user=user,
    )
    services.election_candidate_save(
        election=pilkada,
        region_code="21.01",
        values=candidate(1, "Andi Saputra", ["PLB"], nicknames=["Bang Andi"]),
        user=user,
    )
    services.election_candidate_save(
        election=pilkada,
        region_code="21.01",
        values=candidate(2, "Budi Hartono", ["Gerindra"], nicknames=["Pak Budi"], colour="#1f77b4"),
        user=user,
    )  # fmt: skip


def test_regional_candidates_score_posts_of_that_region_only(regions, pilkada):
    configure_bintan(pilkada)
    bintan = scoring_config(pilkada, "21.01.04")
    assert [c.label for c in bintan.candidates] == ["01", "02"]
    assert {p.name for p in bintan.parties} == {"Partai Gerakan Indonesia Raya", "Partai Lokal Bintan"}
    assert bintan.candidate(2).colour == "#1F77B4"
    result = score_post(POST, bintan)
    assert result.flagged and result.targets == ["02"] and result.violation == "D-8"
    # Lingga and the election's whole area have parties but no candidates: nothing to score against.
    assert scoring_config(pilkada, "21.04") is None
    assert scoring_config(pilkada) is None


def test_scoring_config_is_cached_until_the_configuration_or_a_date_changes(
    regions, pilkada, django_assert_num_queries
):
    configure_bintan(pilkada)
    first = scoring_config(pilkada, "21.01")
    with django_assert_num_queries(1):
        assert scoring_config(pilkada, "21.01") is first
    services.election_candidate_save(
        election=pilkada, region_code="21.01", values=candidate(3, "Citra Lestari"), user=None
    )
    changed = scoring_config(pilkada, "21.01")
    assert changed is not first and [c.number for c in changed.candidates] == [1, 2, 3]
    services.election_dates_update(
        election=pilkada, values={"penetapan_calon": dt.date(2024, 9, 23)}, user=None
    )
    assert scoring_config(pilkada, "21.01").penetapan == dt.date(2024, 9, 23)


def test_election_without_configuration_has_no_scoring_config(pemilu):
    assert scoring_config(pemilu) is None


def test_writes_are_audited_and_bump_the_version(regions, pilkada):
    configure_bintan(pilkada)
    setting = ElectionSetting.objects.get(election=pilkada, region_id="21.01")
    assert setting.version == 3
    actions = list(Event.objects.filter(object_type="cases.electionsetting").values_list("action", flat=True))
    assert actions.count("election.candidate_save") == 2 and actions.count("election.party_save") == 2


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (candidate(1, "Andi", ["PKX"]), "menyebut partai yang belum terdaftar: PKX"),
        (candidate(0, "Andi"), "Nomor urut harus bilangan bulat positif"),
        ({"number": 1, "names": []}, "belum punya nama"),
        (candidate(1, "Andi", colour="merah"), "Warna harus berbentuk #RRGGBB"),
        (candidate(1, "!!!"), "tidak memuat kata apa pun"),
    ],
)
def test_invalid_candidate_is_refused_in_indonesian(regions, pilkada, values, message):
    with pytest.raises(ValidationError) as raised:
        services.election_candidate_save(election=pilkada, region_code="21.01", values=values, user=None)
    assert message in " ".join(raised.value.messages)
    assert not ElectionSetting.objects.exists()


def test_duplicate_number_and_party_still_in_use_are_refused(regions, pilkada):
    configure_bintan(pilkada)
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.election_candidate_save(
            election=pilkada, region_code="21.01", values=candidate(2, "Dewi"), user=None
        )
    # Removing a national party a Bintan candidate names breaks Bintan's list: refused, reason given.
    with pytest.raises(ValidationError) as raised:
        services.election_party_delete(
            election=pilkada, region_code="", name="Partai Gerakan Indonesia Raya", user=None
        )
    assert "21.01" in raised.value.messages[0] and "Gerindra" in raised.value.messages[0]


def test_region_outside_or_below_kabupaten_is_refused(regions, pilkada):
    with pytest.raises(ValidationError, match="bukan provinsi atau kabupaten/kota"):
        services.election_candidate_save(
            election=pilkada, region_code="21.01.04", values=candidate(1, "Andi"), user=None
        )


def test_who_may_edit_which_area(regions, pilkada, pemilu, staff):
    configure_bintan(pilkada)
    may = services.may_edit
    assert may(staff["bintan"][Role.PIMPINAN], pilkada, "21.01")
    assert may(staff["kepri"][Role.PENGAWAS], pilkada, "21.01")
    assert not may(staff["lingga"][Role.PIMPINAN], pilkada, "21.01")
    assert not may(staff["bintan"][Role.PIMPINAN], pilkada, "")
    assert not may(staff["bintan"][Role.STAF_PENANGANAN], pilkada, "21.01")
    assert may(staff["ri"][Role.ADMIN], pemilu, "")
    assert not may(staff["kepri"][Role.PIMPINAN], pemilu, "")
    assert not may(staff["bkn"][Role.PIMPINAN], pemilu, "")
    with pytest.raises(PermissionDenied):
        services.election_candidate_save(
            election=pilkada,
            region_code="21.01",
            values=candidate(3, "Eka"),
            user=staff["lingga"][Role.PIMPINAN],
        )
    services.election_candidate_save(
        election=pilkada, region_code="21.01", values=candidate(3, "Eka"), user=staff["bintan"][Role.PIMPINAN]
    )
    event = Event.objects.filter(action="election.candidate_save").latest("pk")
    assert event.actor == staff["bintan"][Role.PIMPINAN].username


def test_who_reads_which_area(regions, pilkada, staff):
    configure_bintan(pilkada)
    services.election_candidate_save(
        election=pilkada, region_code="32.04", values=candidate(1, "Fajar"), user=None
    )
    codes = lambda user: [area.code for area in selectors.election_areas_for(user, pilkada)]  # noqa: E731
    assert codes(staff["ri"][Role.ANALIS]) == ["", "21.01", "32.04"]
    assert codes(staff["bintan"][Role.ANALIS]) == ["", "21.01"]
    assert codes(staff["gunung_kijang"][Role.PENGAWAS]) == ["", "21.01"]
    assert codes(staff["lingga"][Role.PIMPINAN]) == [""]
    with pytest.raises(Http404):
        selectors.election_get_for(staff["bkn"][Role.PIMPINAN], pilkada.pk)
    with pytest.raises(Http404):
        selectors.election_area_for(staff["lingga"][Role.PIMPINAN], pilkada, "21.01")


def test_import_of_the_devset_file_then_export_round_trips(pemilu):
    outcome = services.election_config_import(
        election=pemilu, data=parse_config(PILPRES_TOML, "toml"), user=None
    )
    assert outcome.errors == [] and outcome.written and outcome.candidates == 3 and outcome.parties == 15
    pemilu.refresh_from_db()
    assert pemilu.campaign_start == dt.date(2023, 11, 28)  # the file's [period] filled the election's dates
    from_db = scoring_config(pemilu)
    from_file = ElectionConfig.load(DEVSET / "election_pilpres2024.toml")
    assert [c.to_dict() for c in from_db.candidates] == [c.to_dict() for c in from_file.candidates]
    assert from_db.case_sensitive == from_file.case_sensitive
    staff_user = None
    exported = _export(pemilu, staff_user)
    again = parse_config(dump_toml(exported), "toml")
    assert again["candidates"] == exported["candidates"] and again["period"] == exported["period"]


def _export(election, user):
    from netra.cases.elections import period_of, setting_content

    setting = ElectionSetting.objects.get(election=election, region__isnull=True)
    return {"regime": election.regime, "period": period_of(election), **setting_content(setting)}


def test_import_lists_every_bad_row_and_writes_nothing(pemilu):
    data = parse_config(PILPRES_TOML, "toml")
    data["candidates"][0]["number"] = "satu"
    data["parties"][2]["colour"] = "biru"
    data["candidates"][2]["names"] = []
    outcome = services.election_config_import(election=pemilu, data=data, user=None)
    assert not outcome.written
    assert outcome.errors == [
        "Baris calon ke-1: Nomor urut harus bilangan bulat positif, bukan satu.",
        "Baris calon ke-3: Calon nomor 3 belum punya nama.",
        "Baris partai ke-3: Warna harus berbentuk #RRGGBB, misalnya #1F77B4, bukan biru.",
    ]
    assert not ElectionSetting.objects.exists()


def test_dry_run_reports_without_writing(pemilu):
    outcome = services.election_config_import(
        election=pemilu, data=parse_config(PILPRES_TOML, "toml"), dry_run=True, user=None
    )
    assert outcome.errors == [] and not outcome.written and outcome.candidates == 3
    assert outcome.dates_changed == ["campaign_end", "campaign_start"]
    pemilu.refresh_from_db()
    assert pemilu.campaign_start is None and not ElectionSetting.objects.exists()


def test_import_into_the_wrong_regime_is_refused(pilkada):
    outcome = services.election_config_import(
        election=pilkada, data=parse_config(PILPRES_TOML, "toml"), user=None
    )
    assert outcome.errors == ["Berkas ini untuk rezim pemilu, sedangkan pemilihan ini pemilihan."]


def test_dates_must_run_in_order(pemilu):
    with pytest.raises(ValidationError, match="awal kampanye harus sebelum"):
        services.election_dates_update(
            election=pemilu,
            values={"campaign_start": dt.date(2024, 1, 10), "campaign_end": dt.date(2024, 1, 1)},
            user=None,
        )
