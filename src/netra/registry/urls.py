from django.urls import path

from netra.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.index, name="index"),
    path("wilayah/", views.region_browser, name="regions"),
    path("wilayah/cari", views.region_search_fragment, name="region_search"),
    path("wilayah/<str:code>/", views.region_browser, name="region"),
    path("wilayah/<str:code>/anak", views.region_children_fragment, name="region_children"),
    path("instansi/", views.agency_list, name="agencies"),
    path("instansi/cari", views.agency_search_fragment, name="agency_search"),
    path("pegawai/", views.pegawai_search, name="pegawai"),
    path("pegawai/<int:pegawai_id>/", views.pegawai_detail, name="pegawai_detail"),
]
