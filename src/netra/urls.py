from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from netra.api import api

# A database outage answers 503 with Retry-After (JSON under /api/), any other failure a clean 500.
handler500 = "netra.core.views.server_error"

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("akun/", include("netra.accounts.urls")),
    path("registri/", include("netra.registry.urls")),
    path("kasus/", include("netra.cases.urls")),
    path("katalog/", include("netra.catalogue.urls")),
    path("notifikasi/", include("netra.notifications.urls")),
    path("pengumuman/", include("netra.notifications.notice_urls")),
    path("pencegahan/", include("netra.prevention.urls")),
    path("pemantauan/", include("netra.monitoring.urls")),
    path("statistik/", include("netra.analytics.urls")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
