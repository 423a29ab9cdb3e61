"""Texts of Django's admin and of the add-ons that the portal translates anew, in every language.

The project's catalogues (LOCALE_PATHS) are read before Django's and the add-ons' own: a text listed here and
translated in locale/ replaces one that is missing there (the add-ons' model names, "Show counts") or that
reads wrongly with our model names (Lithuanian "Pakeisti registracija" becomes "Keisti: registracija").
Listing them here is what keeps them in the catalogues through `make makemessages --no-obsolete`.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

DJANGO_ADMIN = (
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the following '
        "related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related objects, but your "
        "account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the following protected "
        "related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following objects and their "
        "related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related objects, but your account "
        "doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would require deleting the following protected related objects:"
    ),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
)

# django-axes, django-post-office and django-otp name their models in English only, or not at all.
ADD_ONS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    pgettext_lazy("Email address", "Email"),
    pgettext_lazy("Email addresses", "Emails"),
    gettext_noop("Log"),
    gettext_noop("Logs"),
    gettext_noop("Email Template"),
    gettext_noop("Email Templates"),
    gettext_noop("Attachment"),
    gettext_noop("Attachments"),
)

# Apps and models whose names the add-ons leave untranslatable: named here with the same English words, so
# that nothing changes for migrations, and translated in locale/.
APP_NAMES = {
    "otp_totp": gettext_lazy("Authenticator apps"),
    "post_office": gettext_lazy("Outgoing email"),
}
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (gettext_lazy("TOTP device"), gettext_lazy("TOTP devices")),
}


def name_add_ons() -> None:
    """Give the add-ons' apps and models names that the catalogues can translate (called once, at start-up)."""
    for label, name in APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        if label in apps.app_configs:
            options = apps.get_model(label, model_name)._meta
            options.verbose_name, options.verbose_name_plural = singular, plural
