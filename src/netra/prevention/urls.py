from django.urls import path

from netra.prevention.views import coverage, public, staff

app_name = "prevention"

urlpatterns = [
    path("", staff.index, name="index"),
    path("kegiatan/", staff.event_list, name="event_list"),
    path("kegiatan/baru/", staff.event_new, name="event_new"),
    path("kegiatan/<int:event_id>/", staff.event_detail, name="event_detail"),
    path("kegiatan/<int:event_id>/impor/", staff.event_import, name="event_import"),
    path("kegiatan/<int:event_id>/tambah/", staff.event_entry_add, name="event_entry_add"),
    path("kegiatan/<int:event_id>/berkas/", staff.event_documents, name="event_documents"),
    path("ikrar/", staff.pledge_list, name="pledge_list"),
    path("ikrar/baru/", staff.pledge_new, name="pledge_new"),
    path("ikrar/<int:pledge_id>/", staff.pledge_detail, name="pledge_detail"),
    path("ikrar/<int:pledge_id>/impor/", staff.pledge_import, name="pledge_import"),
    path("ikrar/<int:pledge_id>/tambah/", staff.pledge_entry_add, name="pledge_entry_add"),
    path("ikrar/<int:pledge_id>/berkas/", staff.pledge_documents, name="pledge_documents"),
    path("instansi/", staff.agency_suggestions, name="agency_suggestions"),
    path("berkas/<int:document_id>/", staff.document_download, name="document_download"),
    path("cakupan/", coverage.region_coverage, name="coverage"),
    path("cakupan/instansi/<int:agency_id>/", coverage.agency_coverage, name="agency_coverage"),
    path("cakupan/wilayah/<str:code>/ringkas/", coverage.region_card, name="region_card"),
    path("publik/", public.public_index, name="public_index"),
    path("publik/instansi/<int:agency_id>/", public.public_agency, name="public_agency"),
    path("publik/wilayah/<str:code>/", public.public_region, name="public_region"),
    path("publik/ikrar/<str:token>/", public.public_pledge, name="public_pledge"),
    path("publik/ikrar/<str:token>/cetak/", public.public_pledge_print, name="public_pledge_print"),
    path("publik/ikrar/<str:token>/qr.svg", public.public_pledge_qr, name="public_pledge_qr"),
]
