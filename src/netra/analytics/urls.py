from django.urls import path

from netra.analytics.views import dashboard, exports, index, maps, public, report

app_name = "analytics"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("angka/<str:by>/", dashboard.figure, name="figure"),
    path("peta/", maps.region_map_page, name="map"),
    path("indeks/", index.index_list, name="index"),
    path("indeks/bobot/", index.weights, name="weights"),
    path("indeks/<str:code>/", index.index_detail, name="index_detail"),
    path("ekspor/kasus.<str:file_format>", exports.case_export, name="case_export"),
    path("ekspor/statistik.<str:file_format>", exports.stats_export, name="stats_export"),
    path("laporan/", report.periodic_report, name="report"),
    # Public: no account needed.
    path("terbuka/", public.open_data, name="open_data"),
    path("terbuka.csv", public.open_data_csv, name="open_data_csv"),
]
