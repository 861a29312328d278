from django.urls import path

from netra.cases.views import actions, agencies, elections, followup, letters, public, regions, staff

app_name = "cases"
urlpatterns = [
    # Public: no account needed.
    path("lapor/", public.report, name="report"),
    path("lapor/periksa/", public.report_check, name="report_check"),
    path("lapor/terkirim/", public.report_done, name="report_done"),
    path("lacak/", public.track, name="track"),
    path("wilayah/", regions.region_picker, name="region_picker"),
    path("instansi/", agencies.agency_options, name="agency_options"),
    # Staff: login required, jurisdiction enforced by the selectors (404 outside).
    path("", staff.case_list, name="list"),
    path("antrean/", staff.queue, name="queue"),
    path("temuan/baru/", staff.temuan_new, name="temuan_new"),
    path("kasn/", actions.kasn_handover, name="kasn_handover"),
    path("pemilihan/", elections.election_list, name="election_list"),
    path("pemilihan/<int:election_id>/", elections.election_detail, name="election_detail"),
    path("pemilihan/<int:election_id>/tanggal/", elections.election_dates, name="election_dates"),
    path("pemilihan/<int:election_id>/umum/", elections.election_setting, name="election_setting"),
    path("pemilihan/<int:election_id>/calon/", elections.election_candidate, name="election_candidate"),
    path(
        "pemilihan/<int:election_id>/calon/hapus/",
        elections.election_candidate_delete,
        name="election_candidate_delete",
    ),
    path("pemilihan/<int:election_id>/partai/", elections.election_party, name="election_party"),
    path(
        "pemilihan/<int:election_id>/partai/hapus/",
        elections.election_party_delete,
        name="election_party_delete",
    ),
    path(
        "pemilihan/<int:election_id>/wilayah/hapus/",
        elections.election_area_delete,
        name="election_area_delete",
    ),
    path("pemilihan/<int:election_id>/impor/", elections.election_import, name="election_import"),
    path("pemilihan/<int:election_id>/ekspor.<str:fmt>", elections.election_export, name="election_export"),
    path("kepatuhan/", followup.compliance, name="compliance"),
    path("kepatuhan/target/", followup.followup_target, name="followup_target"),
    path("templat-surat/<slug:kind>/", followup.letter_template, name="letter_template"),
    path("<int:case_id>/surat/", followup.letter_issue, name="letter_issue"),
    path(
        "<int:case_id>/surat/<int:letter_id>.<str:fmt>",
        followup.issued_letter_download,
        name="issued_letter_download",
    ),
    path(
        "<int:case_id>/rekomendasi/<int:rec_id>/tindak-lanjut/",
        followup.followup_state,
        name="followup_state",
    ),
    path("<int:case_id>/", staff.case_detail, name="detail"),
    path("<int:case_id>/aksi/<slug:action>/", actions.transition, name="transition"),
    path("<int:case_id>/komentar/", actions.comment_add, name="comment_add"),
    path("<int:case_id>/bukti/", actions.evidence_add, name="evidence_add"),
    path("<int:case_id>/bukti/<int:evidence_id>/unduh/", actions.evidence_download, name="evidence_download"),
    path("<int:case_id>/rekomendasi/<int:rec_id>/surat.pdf", letters.letter_pdf, name="letter_pdf"),
    path("<int:case_id>/rekomendasi/<int:rec_id>/surat.docx", letters.letter_docx, name="letter_docx"),
    path("<int:case_id>/tugaskan/", actions.assign, name="assign"),
    path("<int:case_id>/klarifikasi/", actions.clarification_add, name="clarification_add"),
    path("<int:case_id>/klarifikasi/catat/", actions.clarification_record, name="clarification_record"),
    path("<int:case_id>/kajian/", actions.kajian_add, name="kajian_add"),
    path(
        "<int:case_id>/terlapor/<int:terlapor_id>/cocokkan/",
        actions.terlapor_confirm,
        name="terlapor_confirm",
    ),
]
