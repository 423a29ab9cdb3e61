from django.urls import path

from registrations import views

app_name = "registrations"
urlpatterns = [
    path("", views.register, name="register"),
    path("check/", views.check, name="check"),
    path("done/<str:reference>/", views.done, name="done"),
    path("already-registered/", views.already_registered, name="already_registered"),
    path("edit/<str:token>/", views.edit, name="edit"),
    path("edit/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("edit/<str:token>/reply/", views.reply, name="reply"),
]
