"""The staff site at /admin/: the portal's branding and, when STAFF_REQUIRE_2FA is on, a second factor.

After the password (counted by django-axes), staff who have not yet confirmed this session with a code from
their authenticator app (django-otp, TOTP) are sent to the verification page; staff without an authenticator
get a page that says how to obtain one. Until then every admin page treats them as not logged in.
"""

from functools import update_wrapper

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxLengthValidator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import devices_for_user, verify_token
from django_otp import login as otp_login


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Enter the 6-digit code shown in your authenticator app.")},
    )


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing a user name longer than any account's before trying it.

    Django only puts the length on the input (maxlength), and each attempt is recorded by django-axes, whose
    column would overflow: a long name typed by hand would end in a server error.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class PortalAdminSite(admin.AdminSite):
    site_header = _("Baltic AI Gigafactory Consortium: staff")
    site_title = _("Consortium portal staff")
    index_title = _("Registrations and meetings")
    login_form = StaffLoginForm
    # The app list beside every page took a third of a laptop's width from the registrations list; the index
    # and the breadcrumbs lead everywhere it did.
    enable_nav_sidebar = False
    # The apps staff work in come first on the index, in this order; the others follow alphabetically.
    first_apps = ("registrations", "events")

    def requires_second_factor(self) -> bool:
        return settings.STAFF_REQUIRE_2FA

    def awaiting_second_factor(self, request) -> bool:
        """Logged in with the password, but this session has not been confirmed with a code yet."""
        user = request.user
        return self.requires_second_factor() and user.is_active and user.is_staff and not user.is_verified()

    def has_permission(self, request):
        return super().has_permission(request) and not self.awaiting_second_factor(request)

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)
        # Someone who stops at the code page must still be able to log out.
        unconfirmed_logout = csrf_protect(never_cache(view))

        def guard(request, *args, **kwargs):
            if self.awaiting_second_factor(request):
                if request.path == reverse("admin:logout", current_app=self.name):
                    return unconfirmed_logout(request, *args, **kwargs)
                return redirect_to_login(
                    request.get_full_path(), reverse("admin:verify", current_app=self.name)
                )
            return protected(request, *args, **kwargs)

        return update_wrapper(guard, view)

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        if request.method == "GET" and self.awaiting_second_factor(request):
            return HttpResponseRedirect(self._verify_url(request))
        return super().login(request, extra_context)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: position for position, label in enumerate(self.first_apps)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(rank)))

    def get_urls(self):
        return [path("verify/", self.verify, name="verify"), *super().get_urls()]

    @method_decorator(never_cache)
    @method_decorator(csrf_protect)
    def verify(self, request):
        """Ask for the authenticator code; explain how to get an authenticator to those who have none."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login", current_app=self.name))
        next_url = self._next_url(request)
        if not self.awaiting_second_factor(request):
            return HttpResponseRedirect(next_url)
        devices = list(devices_for_user(user))
        context = {**self.each_context(request), "next": next_url, "has_permission": False}
        if not devices:
            context["title"] = _("Set up two-factor authentication")
            return TemplateResponse(request, "admin/two_factor_setup.html", context)
        form = TokenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            token = form.cleaned_data["otp_token"].replace(" ", "")
            # django-otp makes each device wait longer after every wrong code.
            allowed = [device for device in devices if device.verify_is_allowed()[0]]
            device = next((d for d in allowed if verify_token(user, d.persistent_id, token)), None)
            if device is not None:
                otp_login(request, device)
                return HttpResponseRedirect(next_url)
            form.add_error(
                "otp_token",
                _("That code is not right or has expired. Enter the code your authenticator app shows now.")
                if allowed
                else _("Too many wrong codes in a row. Wait a minute, then enter the code your app shows."),
            )
        context.update({"title": _("Confirm it is you"), "form": form})
        return TemplateResponse(request, "admin/two_factor_verify.html", context)

    def _next_url(self, request) -> str:
        candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
        return reverse("admin:index", current_app=self.name)

    def _verify_url(self, request) -> str:
        url = reverse("admin:verify", current_app=self.name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME)
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url
