from django.urls import path

from netra.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("lonceng/", views.bell, name="bell"),
    path("<int:notification_id>/dibaca/", views.mark_read, name="mark_read"),
    path("semua-dibaca/", views.mark_all_read, name="mark_all_read"),
    path("pengaturan/", views.preferences, name="settings"),
    path("kalender/baru/", views.calendar_token_new, name="calendar_token_create"),
    path("kalender/<int:token_id>/cabut/", views.calendar_token_cancel, name="calendar_token_revoke"),
    # No login: the feed authenticates by the secret token in its URL (calendar apps send no cookie).
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
