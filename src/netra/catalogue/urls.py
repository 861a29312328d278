from django.urls import path

from netra.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.catalogue_index, name="index"),
    path("<str:code>/", views.catalogue_detail, name="detail"),
]
