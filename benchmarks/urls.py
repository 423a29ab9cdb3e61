from django.urls import path

from benchmarks import views
from consortium.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/insert/", views.insert_row, name="bench_insert"),
    *portal_urlpatterns,
]
