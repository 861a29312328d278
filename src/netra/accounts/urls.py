from django.contrib.auth.views import LogoutView
from django.urls import path

from netra.accounts.views import login, profile, twofactor

app_name = "accounts"
urlpatterns = [
    path("", profile.profile, name="account"),
    path("masuk/", login.NetraLoginView.as_view(), name="login"),
    path("masuk/kode/", login.login_otp, name="login_otp"),
    path("keluar/", LogoutView.as_view(), name="logout"),
    path("2fa/aktifkan/", twofactor.twofactor_setup, name="twofactor_setup"),
    path("2fa/matikan/", twofactor.twofactor_off, name="twofactor_disable"),
    path("token/baru/", profile.token_new, name="token_create"),
    path("token/<int:token_id>/cabut/", profile.token_cancel, name="token_revoke"),
]
