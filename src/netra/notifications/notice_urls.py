"""The public notice board (papan pengumuman) of each office, at /pengumuman/<office>/."""

from django.urls import path

from netra.notifications import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_boards, name="index"),
    path("<int:office_id>/", views.notice_board, name="board"),
    path("<int:office_id>/<int:notice_id>.pdf", views.notice_letter, name="letter"),
]
