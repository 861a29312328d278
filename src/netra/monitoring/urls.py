"""Monitoring pages under ``/pemantauan/``: sources and uploads, the triage queue, page captures."""

from django.urls import path

from netra.monitoring.views import capture, sources, triage, watch

app_name = "monitoring"

urlpatterns: list = [
    path("sumber/", sources.source_list, name="source_list"),
    path("sumber/<int:source_id>/", sources.source_detail, name="source_detail"),
    path("sumber/<int:source_id>/unggah/", sources.source_upload_view, name="source_upload"),
    # Triage (triage12).
    path("", triage.queue, name="queue"),
    path("butir/<int:item_id>/", triage.item_page, name="item"),
    path("butir/<int:item_id>/tugaskan/", triage.item_assign, name="item_assign"),
    path("butir/<int:item_id>/abaikan/", triage.item_dismiss, name="item_dismiss"),
    path("butir/<int:item_id>/pantau/", triage.item_watch, name="item_watch"),
    path("butir/<int:item_id>/temuan/", triage.item_temuan, name="item_temuan"),
    path("butir/<int:item_id>/klaster/", triage.cluster_action, name="cluster_action"),
    path("akun/", watch.watch_list, name="watch_list"),
    path("akun/roster/", watch.roster_search, name="roster_search"),
    path("akun/<int:account_id>/hapus/", watch.watch_remove, name="watch_remove"),
]
urlpatterns += [
    # Page captures (capture12).
    path("butir/<int:item_id>/tangkapan/", capture.item_captures, name="item_captures"),
    path("butir/<int:item_id>/tangkap/", capture.item_capture, name="item_capture"),
    path(
        "butir/<int:item_id>/tangkapan/<int:capture_id>/<str:which>/",
        capture.capture_download,
        name="capture_download",
    ),
    path("sumber/<int:source_id>/ambil/", capture.source_fetch, name="source_fetch"),
]
