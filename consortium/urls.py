from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from consortium import views

urlpatterns = [
    # /livez, /readyz, /healthz and /metrics are answered by consortium.probes.ProbeMiddleware.
    # The language switch of the staff pages (the admin is not under a language prefix).
    path("i18n/", include("django.conf.urls.i18n")),
    # Staff pages of the registrations app outside its ModelAdmins (the files applicants attach to replies).
    path("admin/registrations/", include("registrations.staff_urls")),
    path("admin-language/", views.staff_language, name="staff_language"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", views.landing, name="landing"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("register/", include("registrations.urls")),
    path("events/", include("events.urls")),
)
