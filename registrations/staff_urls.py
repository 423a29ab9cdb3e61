"""Staff pages of this app outside its ModelAdmins, under /admin/registrations/ (the staff site's login, second
factor and never-cache apply: admin_view)."""

from django.contrib import admin
from django.urls import path

from registrations import staff

urlpatterns = [
    path("reply-file/<int:pk>/", admin.site.admin_view(staff.reply_file), name="reply_file"),
]
