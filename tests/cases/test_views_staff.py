"""Staff pages: queue, list, case page, and the workflow driven through the web forms."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import Role
from netra.cases import services
from netra.cases.models import Case, Clarification, Comment, Kajian, Status
from tests.cases.helpers import records_before

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The shared world creates dozens of users; argon2 for each would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def page_of(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(name, args=args), query)


def act(client, case, action, **fields):
    """POST one workflow action form as the browser does (fields carry the action's prefix)."""
    data = {f"{action}-{key}": value for key, value in fields.items()}
    return client.post(reverse("cases:transition", args=[case.pk, action]), data)


def test_staff_pages_need_login(client, world, submit):
    case = submit()
    for url in (
        reverse("cases:queue"),
        reverse("cases:list"),
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:temuan_new"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_queue_lists_own_open_cases_deadline_first(client, world, submit):
    later, sooner = submit(title="Kasus kedua"), submit(title="Kasus pertama")
    Case.objects.filter(pk=later.pk).update(due_at=timezone.now() + timedelta(days=3))
    Case.objects.filter(pk=sooner.pk).update(due_at=timezone.now() - timedelta(hours=1))
    page = page_of(client, world["staff"]["bintan"][Role.STAF_PENANGANAN], "cases:queue").content.decode()
    assert page.index("Kasus pertama") < page.index("Kasus kedua")
    assert 'class="is-overdue"' in page and "Lewat tenggat" in page
    sibling = page_of(client, world["staff"]["lingga"][Role.PIMPINAN], "cases:queue").content.decode()
    assert "Kasus pertama" not in sibling


def test_nearly_due_cases_are_highlighted_amber(client, world, submit):
    case = submit(title="Hampir lewat")
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() + timedelta(hours=5))
    page = page_of(client, world["staff"]["bintan"][Role.PIMPINAN], "cases:list").content.decode()
    assert 'class="is-due-soon"' in page


def test_case_list_filters_and_search(client, world, submit):
    submit(title="Camat kampanye", terlapor_name="Ahmad Camat")
    submit(title="Guru unggah foto", terlapor_name="Rina Guru", terlapor_subject_type="PPPK")
    user = world["staff"]["kepri"][Role.ANALIS]
    found = page_of(client, user, "cases:list", q="Rina").content.decode()
    assert "Guru unggah foto" in found and "Camat kampanye" not in found
    pppk = page_of(client, user, "cases:list", subject_type="PPPK").content.decode()
    assert "Guru unggah foto" in pppk and "Camat kampanye" not in pppk
    overdue = page_of(client, user, "cases:list", overdue="on").content.decode()
    assert "Camat kampanye" not in overdue


def test_case_list_rejects_bad_filter_values_clearly(client, world):
    response = page_of(
        client, world["staff"]["ri"][Role.ANALIS], "cases:list", status="nonsense", region="x.y"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kode wilayah berupa angka bertitik" in page
    assert 'value="x.y"' in page  # what was typed stays in the filter


def test_case_list_paginates_and_keeps_filters(client, world, submit):
    for number in range(27):
        submit(title=f"Kasus nomor {number}")
    user = world["staff"]["bintan"][Role.PIMPINAN]
    first = page_of(client, user, "cases:list", kind="laporan").content.decode()
    following = re.search(r'href="\?kind=laporan&amp;cursor=([\w-]+)" rel="next"', first)
    assert "27 kasus" in first and following and "page=" not in first  # no page-number links
    second = page_of(client, user, "cases:list", kind="laporan", cursor=following[1]).content.decode()
    titles = set(re.findall(r"Kasus nomor \d+", first)) | set(re.findall(r"Kasus nomor \d+", second))
    assert len(titles) == 27 and 'rel="prev"' in second and 'rel="next"' not in second
    oldest = page_of(client, user, "cases:list", kind="laporan", last=1).content.decode()
    assert "Kasus nomor 0<" in oldest and "Kasus nomor 26<" not in oldest
    junk = page_of(client, user, "cases:list", kind="laporan", cursor="not-a-cursor")
    assert junk.status_code == 200 and "Kasus nomor 26<" in junk.content.decode()  # back to the first page


def test_case_page_shows_reporter_only_to_handling_office_handlers(client, world, submit):
    case = submit()
    staff = world["staff"]
    own = page_of(client, staff["bintan"][Role.STAF_PENANGANAN], "cases:detail", case.pk).content.decode()
    assert "Siti Aminah" in own and 'data-testid="reporter"' in own
    for user in (staff["bintan"][Role.PENGAWAS], staff["kepri"][Role.PIMPINAN], staff["bintan"][Role.ANALIS]):
        page = page_of(client, user, "cases:detail", case.pk).content.decode()
        assert "Siti Aminah" not in page
        assert 'data-testid="reporter-hidden"' in page


def test_case_page_offers_only_actions_valid_now(client, world, submit):
    case = submit()
    staff = world["staff"]
    page = page_of(client, staff["bintan"][Role.PIMPINAN], "cases:detail", case.pk).content.decode()
    assert 'data-action="start_kajian_awal"' in page and 'data-action="forward"' in page
    assert 'data-action="register"' not in page and 'data-action="decide"' not in page
    province = page_of(client, staff["kepri"][Role.PIMPINAN], "cases:detail", case.pk).content.decode()
    assert 'data-testid="no-actions"' in province
    analis = page_of(client, staff["bintan"][Role.ANALIS], "cases:detail", case.pk).content.decode()
    assert 'data-testid="no-actions"' in analis


def test_action_not_available_is_refused_and_changes_nothing(client, world, submit):
    case = submit()
    client.force_login(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    assert act(client, case, "register").status_code == 403
    client.force_login(world["staff"]["kepri"][Role.PIMPINAN])
    assert act(client, case, "start_kajian_awal").status_code == 403
    client.force_login(world["staff"]["lingga"][Role.PIMPINAN])
    assert act(client, case, "start_kajian_awal").status_code == 404
    case.refresh_from_db()
    assert case.status == Status.DITERIMA


def test_full_procedure_through_the_web_forms(client, world, submit):
    case = submit()
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    detail = reverse("cases:detail", args=[case.pk])
    assert act(client, case, "start_kajian_awal")["Location"] == detail
    kajian = {
        "kajian-stage": "awal",
        "kajian-analysis": "Syarat formil dan materiel terpenuhi.",
        "kajian-conclusion": "Dapat diregistrasi.",
        **{f"kajian-{name}": "on" for name in (*Kajian.FORMIL, *Kajian.MATERIEL)},
    }
    assert client.post(reverse("cases:kajian_add", args=[case.pk]), kajian).status_code == 302
    assert act(client, case, "register").status_code == 302
    assert act(client, case, "start_klarifikasi").status_code == 302
    when = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    invite = {
        "clar-party": "terlapor",
        "clar-person_name": "Budi Santoso",
        "clar-scheduled_at": when,
        "clar-place": "Kantor Bawaslu Kabupaten Bintan",
    }
    assert client.post(reverse("cases:clarification_add", args=[case.pk]), invite).status_code == 302
    item = Clarification.objects.get(case=case)
    record = {"rec-clarification": item.pk, "rec-held_at": when, "rec-record": "Terlapor mengakui ajakan."}
    assert client.post(reverse("cases:clarification_record", args=[case.pk]), record).status_code == 302
    assert act(client, case, "start_kajian").status_code == 302
    dugaan = {
        "kajian-stage": "dugaan",
        "kajian-facts": "Terlapor mengajak guru memilih dalam rapat dinas.",
        "kajian-analysis": "Unsur Pasal 5 huruf n terpenuhi.",
        "kajian-conclusion": "Terbukti.",
    }
    assert client.post(reverse("cases:kajian_add", args=[case.pk]), dugaan).status_code == 302
    assert (
        act(
            client,
            case,
            "decide",
            outcome="terbukti",
            violation_code="D-8",
            reason="Terbukti mengajak guru memilih.",
        ).status_code
        == 302
    )
    assert (
        act(client, case, "forward_recommendation", letter_number="001/PP.01/K.KR-01/2024").status_code == 302
    )
    case.refresh_from_db()
    assert case.status == Status.REKOMENDASI_DITERUSKAN and case.register_number
    assert Kajian.objects.filter(case=case).count() == 2
    page = client.get(detail).content.decode()
    assert "Terlapor mengakui ajakan." in page and "001/PP.01/K.KR-01/2024" in page
    assert "Rekomendasi diteruskan" in page


def test_decide_without_violation_type_keeps_reasoning_and_explains(client, world, submit):
    case = submit()
    user = world["staff"]["bintan"][Role.PIMPINAN]
    for action in ("start_kajian_awal", "register", "start_kajian", "decide"):
        records_before(world, Case.objects.get(pk=case.pk), action)
        if action != "decide":
            services.case_transition(user=user, case=Case.objects.get(pk=case.pk), action=action)
    client.force_login(user)
    response = act(client, case, "decide", outcome="terbukti", reason="Pertimbangan panjang saya.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pilih jenis pelanggaran yang terbukti." in page
    assert "Pertimbangan panjang saya." in page
    assert Case.objects.get(pk=case.pk).status == Status.KAJIAN


def test_reject_needs_a_reason(client, world, submit):
    case = submit()
    user = world["staff"]["bintan"][Role.PIMPINAN]
    services.case_transition(user=user, case=case, action="start_kajian_awal")
    client.force_login(user)
    response = act(client, case, "reject", reason_code="materiel", reason="")
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == Status.KAJIAN_AWAL


def test_comment_with_empty_body_is_refused(client, world, submit):
    case = submit()
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    url = reverse("cases:comment_add", args=[case.pk])
    assert client.post(url, {"comment-body": ""}).status_code == 400
    assert client.post(url, {"comment-body": "Perlu cek akun Facebook."}).status_code == 302
    assert Comment.objects.get(case=case).body == "Perlu cek akun Facebook."


def test_evidence_download_is_an_attachment_that_is_not_sniffed(client, world, submit):
    case = submit()
    evidence = case.evidence.get()
    url = reverse("cases:evidence_download", args=[case.pk, evidence.pk])
    client.force_login(world["staff"]["kepri"][Role.STAF_PENANGANAN])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="foto.jpg"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")
    for user in (world["staff"]["lingga"][Role.PIMPINAN], world["staff"]["bintan"][Role.ANALIS]):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    wrong_case = submit()
    assert (
        client.get(reverse("cases:evidence_download", args=[wrong_case.pk, evidence.pk])).status_code == 404
    )


def temuan_data(election, **overrides) -> dict:
    day = timezone.localdate() - timedelta(days=1)
    data = {
        "observed_at": f"{day.isoformat()}T10:30",
        "observation_place": "Akun Facebook terlapor",
        "method": "Penelusuran akun media sosial.",
        "what": "Terlapor mengunggah foto bersama pasangan calon dengan simbol jari.",
        "terlapor_name": "Dewi Lestari",
        "terlapor_nip": "",
        "terlapor_agency_name": "Dinas Kesehatan Kabupaten Bintan",
        "terlapor_position": "Kepala Puskesmas",
        "terlapor_subject_type": "PNS",
        "election": str(election.pk),
        "title": "Kepala Puskesmas unggah foto dengan paslon",
        "description": "Unggahan foto bersama pasangan calon nomor 1 dengan simbol jari.",
        "occurred_on": day.isoformat(),
        "place": "Facebook",
        "region_province": "21",
        "region_kabkota": "21.01",
        "region_kecamatan": "21.01.06",
        "evidence_links": "https://facebook.com/posts/123",
    }
    data.update(overrides)
    return data


def test_supervisor_files_a_temuan_with_observation_record(client, world):
    user = world["staff"]["bintan"][Role.PENGAWAS]
    client.force_login(user)
    response = client.post(reverse("cases:temuan_new"), temuan_data(world["elections"]["pilkada"]))
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert (case.kind, case.office, case.observation.observer) == ("temuan", world["offices"]["bintan"], user)
    assert case.evidence.get().link == "https://facebook.com/posts/123"
    page = client.get(response["Location"]).content.decode()
    assert "Penelusuran akun media sosial." in page


def test_temuan_outside_the_office_territory_is_refused_with_input_kept(client, world):
    client.force_login(world["staff"]["lingga"][Role.PENGAWAS])
    response = client.post(reverse("cases:temuan_new"), temuan_data(world["elections"]["pilkada"]))
    assert response.status_code == 400
    assert Case.objects.count() == 0
    page = response.content.decode()
    assert "di luar wilayah pengawasan kantor Anda" in page
    assert "Dewi Lestari" in page and "Penelusuran akun media sosial." in page


def test_temuan_in_the_future_is_refused(client, world):
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("cases:temuan_new"), temuan_data(world["elections"]["pilkada"], observed_at=future)
    )
    assert response.status_code == 400
    assert "Waktu pengawasan tidak boleh di masa depan." in response.content.decode()
    assert Case.objects.count() == 0


def test_terlapor_roster_match_is_suggested_and_confirmed(client, world, submit):
    from netra.registry.models import Pegawai
    from netra.registry.services.counters import counter_bump

    agency = world["agencies"]["dinas_bintan"]
    pegawai = Pegawai.objects.create(
        nip="198001012005011001",
        full_name="Budi Santoso",
        name_normalized="budi santoso",
        agency=agency,
        position="Kepala SDN 001",
        employment_type="PNS",
        region_id="21.01",
    )
    counter_bump()
    case = submit()
    client.force_login(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="pegawai-matches"' in page and "198001012005011001" in page
    terlapor = case.terlapor.get()
    url = reverse("cases:terlapor_confirm", args=[case.pk, terlapor.pk])
    client.force_login(world["staff"]["lingga"][Role.PIMPINAN])
    assert client.post(url, {"pegawai": pegawai.pk}).status_code == 404
    client.force_login(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    assert client.post(url, {"pegawai": pegawai.pk}).status_code == 302
    terlapor.refresh_from_db()
    assert (terlapor.pegawai, terlapor.nip, terlapor.agency) == (pegawai, "198001012005011001", agency)
    after = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "cocok dengan data pegawai" in after and 'data-testid="pegawai-matches"' not in after


def test_bkn_records_the_sanction_from_its_queue(client, world, submit):
    case = submit()
    leader = world["staff"]["bintan"][Role.PIMPINAN]
    for action, params in (
        ("start_kajian_awal", {}),
        ("register", {}),
        ("start_kajian", {}),
        ("decide", {"outcome": "terbukti", "violation_code": "D-8", "reason": "Terbukti."}),
        ("forward_recommendation", {"letter_number": "001/REK/2024"}),
    ):
        records_before(world, Case.objects.get(pk=case.pk), action)
        services.case_transition(user=leader, case=Case.objects.get(pk=case.pk), action=action, **params)
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    queue = page_of(client, bkn, "cases:queue").content.decode()
    assert case.title in queue
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-action="record_followup"' in page and "Siti Aminah" not in page
    bad = act(
        client,
        case,
        "record_followup",
        sanction_code="pp94-ringan-a",
        lighter_reason="Alasan saya yang panjang",
        imposed_by="",
        imposed_on="",
        letter_number="",
    )
    assert bad.status_code == 400 and "Alasan saya yang panjang" in bad.content.decode()
    assert "penurunan jabatan setingkat lebih rendah selama 12 bulan (PP 94/2021 Pasal 8" in page
    done = act(
        client,
        case,
        "record_followup",
        sanction_code="pp94-berat-a",
        imposed_by="Bupati Bintan",
        imposed_on=timezone.localdate().isoformat(),
        letter_number="800/123/BKPSDM/2024",
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.TINDAK_LANJUT
    followup = case.followups.get()
    assert followup.imposed_by == "Bupati Bintan" and not case.sanction_lighter
    assert followup.sanction == "penurunan jabatan setingkat lebih rendah selama 12 bulan"


def test_informasi_awal_can_be_archived_with_a_reason(client, world, submit):
    tip = submit(anonymous=True, reporter_name="", reporter_address="")
    assert tip.status == Status.INFORMASI_AWAL
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    page = client.get(reverse("cases:detail", args=[tip.pk])).content.decode()
    assert 'data-action="make_temuan"' in page and 'data-action="archive"' in page
    assert act(client, tip, "archive", reason="").status_code == 400
    assert act(client, tip, "archive", reason="Tidak cukup petunjuk untuk ditelusuri.").status_code == 302
    assert Case.objects.get(pk=tip.pk).status == Status.DIARSIPKAN


def test_forward_with_corrected_region_hands_the_case_to_the_competent_office(client, world, submit):
    case = submit()
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    refused = act(client, case, "forward", region="", reason="")
    assert refused.status_code == 400 and Case.objects.get(pk=case.pk).status == Status.DITERIMA
    moved = act(client, case, "forward", region="21.04.01", reason="Kejadian di Singkep, Kabupaten Lingga.")
    assert moved.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.office, case.region_code) == (
        Status.DITERUSKAN,
        world["offices"]["lingga"],
        "21.04.01",
    )
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    client.force_login(world["staff"]["lingga"][Role.STAF_PENANGANAN])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Diteruskan ke Bawaslu Kabupaten Lingga" in page and 'data-action="start_kajian_awal"' in page


def test_clarification_record_form_appears_only_while_one_is_pending(client, world, submit):
    case = submit()
    user = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    leader = world["staff"]["bintan"][Role.PIMPINAN]
    for action in ("start_kajian_awal", "register", "start_klarifikasi"):
        records_before(world, Case.objects.get(pk=case.pk), action)
        services.case_transition(user=leader, case=Case.objects.get(pk=case.pk), action=action)
    page = page_of(client, user, "cases:detail", case.pk).content.decode()
    assert 'data-record="clarification"' in page and 'data-record="clarification_record"' not in page
    services.clarification_schedule(
        user=user,
        case=Case.objects.get(pk=case.pk),
        party="saksi",
        person_name="Rudi",
        scheduled_at=timezone.now(),
        place="Kantor",
    )
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-record="clarification_record"' in page


def test_case_list_can_show_only_my_assigned_cases(client, world, submit):
    mine = submit(title="Kasus untuk saya")
    submit(title="Kasus orang lain")
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    services.case_assign(user=world["staff"]["bintan"][Role.PIMPINAN], case=mine, assignee=handler)
    page = page_of(client, handler, "cases:list", assigned_to_me="on").content.decode()
    assert "Kasus untuk saya" in page and "Kasus orang lain" not in page


def test_staff_add_evidence_and_bad_files_are_explained(client, world, submit):
    from tests.cases.helpers import photo

    case = submit()
    url = reverse("cases:evidence_add", args=[case.pk])
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    bad = client.post(
        url, {"evidence-files": photo("catatan.pdf", b"bukan pdf"), "evidence-description": "BA"}
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Berkas ditolak demi keamanan" in page and "Pilih lagi berkasnya" in page
    assert case.evidence.count() == 1
    good = client.post(
        url,
        {
            "evidence-files": photo("kedua.jpg"),
            "evidence-links": "https://x.com/p/1",
            "evidence-description": "Foto kedua",
        },
    )
    assert good.status_code == 302
    assert sorted(e.original_name or e.link for e in case.evidence.all()) == [
        "foto.jpg",
        "https://x.com/p/1",
        "kedua.jpg",
    ]
    client.force_login(world["staff"]["kepri"][Role.PENGAWAS])
    assert client.post(url, {"evidence-links": "https://x.com/p/2"}).status_code == 403


def test_kajian_dugaan_needs_the_facts_and_the_case_page_shows_them(client, world, submit):
    case = submit()
    user = world["staff"]["bintan"][Role.PIMPINAN]
    for action in ("start_kajian_awal", "register", "start_klarifikasi"):
        records_before(world, case, action)
        case = services.case_transition(user=user, case=case, action=action)
    client.force_login(user)
    url = reverse("cases:kajian_add", args=[case.pk])
    kajian = {"kajian-stage": "dugaan", "kajian-analysis": "Analisis.", "kajian-conclusion": "Terbukti."}
    refused = client.post(url, kajian)
    assert refused.status_code == 400
    assert "Uraian singkat fakta wajib diisi" in refused.content.decode()
    assert not Kajian.objects.filter(case=case, stage="dugaan").exists()
    facts = "Terlapor hadir berseragam dinas dalam kampanye terbuka."
    assert client.post(url, {**kajian, "kajian-facts": facts}).status_code == 302
    assert Kajian.objects.get(case=case, stage="dugaan").facts == facts
    assert facts in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
