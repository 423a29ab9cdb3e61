from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("signup/<str:token>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/check-your-email/", views.signed_up, name="signed_up"),
]
