"""The demo data set: the Kepri 2024 findings, live cases at every stage, users, idempotence."""

import pytest

from netra.accounts.models import User
from netra.cases.demo import DEMO_PASSWORD, demo_load
from netra.cases.models import Case, Recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    return demo_load(roster_size=40, log=lambda *_: None)


def test_kepri_findings_of_pemilu_2024(demo):
    findings = Case.objects.filter(election__name="Pemilu 2024", kind="temuan")
    offices = sorted(findings.values_list("office__name", flat=True))
    assert offices == [
        "Bawaslu Kabupaten Bintan",
        "Bawaslu Kabupaten Lingga",
        "Bawaslu Provinsi Kepulauan Riau",
        "Bawaslu Provinsi Kepulauan Riau",
    ]
    recipients = {r.case.office.name: r.recipients for r in Recommendation.objects.filter(case__in=findings)}
    # The KASN hand-over: Bintan's file moved to BKN (after), the provincial ones still wait (before).
    assert recipients["Bawaslu Kabupaten Bintan"] == ["BKN"]
    assert recipients["Bawaslu Provinsi Kepulauan Riau"] == ["KASN"]
    bintan = Recommendation.objects.get(case__in=findings, case__office__name="Bawaslu Kabupaten Bintan")
    assert bintan.handed_over_to == "BKN" and bintan.to_bkn
    assert bintan.case.transitions.filter(action="kasn_handover").exists()
    assert recipients["Bawaslu Kabupaten Lingga"] == ["kepala_daerah"]
    assert sorted(findings.values_list("terlapor__subject_type", flat=True)) == ["PNS", "PNS", "PNS", "PPNPN"]


def test_the_demo_sanction_is_lighter_than_the_catalogue_and_flagged(demo):
    case = Case.objects.get(election__name="Pilkada Serentak 2024", status="tindak_lanjut")
    followup = case.followups.get()
    assert case.sanction_lighter and followup.lighter and followup.expected_class == "berat"
    assert followup.lighter_reason


def test_live_cases_span_provinces_and_stages(demo):
    live = Case.objects.filter(election__name="Pilkada Serentak 2024")
    assert {c[:2] for c in live.values_list("region_code", flat=True)} == {"21", "32"}
    statuses = set(live.values_list("status", flat=True))
    assert {
        "diterima",
        "kajian_awal",
        "diregistrasi",
        "klarifikasi",
        "kajian",
        "diputus",
        "rekomendasi_diteruskan",
        "tindak_lanjut",
        "informasi_awal",
        "tidak_diregistrasi",
    } <= statuses
    assert live.filter(kind="temuan").exists()
    evidence = [e for c in live for e in c.evidence.all()]
    assert evidence and all(len(e.sha256) == 64 and e.content_type == "text/plain" for e in evidence)


def test_one_user_per_role_and_office_with_the_printed_password(demo):
    user = User.objects.get(username="bintan.pimpinan")
    assert user.check_password(DEMO_PASSWORD) and user.office.name == "Bawaslu Kabupaten Bintan"
    assert User.objects.get(username="ppk-bintan.staf").office.kind == "ppk"
    assert len(demo.users) == 6 * 5 + 3 * 2


def test_running_it_again_adds_nothing(demo):
    counts = (Case.objects.count(), User.objects.count())
    again = demo_load(roster_size=40, log=lambda *_: None)
    assert (Case.objects.count(), User.objects.count()) == counts
    assert again.created_cases == 0 and again.created_users == 0


def test_demo_elections_are_configured_for_post_scoring(demo):
    from netra.cases.elections import scoring_config
    from netra.cases.models import Election, ElectionSetting
    from netra.text.posts import score_post

    pilkada = Election.objects.get(name="Pilkada Serentak 2024")
    bintan = scoring_config(pilkada, "21.01.04")  # a kecamatan of Bintan: Bintan's own race
    assert [c.label for c in bintan.candidates] == ["01", "02"]
    assert scoring_config(pilkada, "21.71").candidates[0].names[0] == "Hendra Wiratama"  # Batam: the Pilgub
    assert scoring_config(pilkada, "31") is None  # no demo race in Jakarta
    notes = set(ElectionSetting.objects.filter(election=pilkada).values_list("note", flat=True))
    assert all(note.startswith("Data demo") for note in notes)
    post = {
        "id": "demo-1",
        "bio": "ASN Dinas Kesehatan Kab. Bintan",
        "text": "Ayo rekan-rekan, 27 November coblos nomor 2! #IndraSumiati",
        "created_at": "2024-11-01T08:00:00+07:00",
    }
    result = score_post(post, bintan)
    assert result.flagged and result.targets == ["02"]
    pemilu = scoring_config(Election.objects.get(name="Pemilu 2024"))
    assert pemilu.candidate(2).names[0] == "Prabowo Subianto"
    versions = list(ElectionSetting.objects.values_list("version", flat=True))
    demo_load(roster_size=40, log=lambda *_: None)
    assert list(ElectionSetting.objects.values_list("version", flat=True)) == versions
