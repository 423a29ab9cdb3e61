"""Bring the seeded email texts in line with the portal's terms (docs/glossary.md), where staff left them as seeded.

Latvian calls the call "pieteikšanās kārta", not "uzaicinājums"; Polish addresses the reader formally, staff too.
"""

from django.db import migrations

REPLACEMENTS = {
    "body_lv": ('reģistrējāt organizāciju {organisation} uzaicinājumā "{call}"', 'reģistrējāt organizāciju {organisation} pieteikšanās kārtā "{call}"'),
    "body_pl": ("[[Opisz tutaj, czego brakuje lub co wymaga poprawienia.]]", "[[Proszę opisać tutaj, czego brakuje lub co wymaga poprawienia.]]"),
}


def replace(apps, forward):
    MessageTemplate = apps.get_model("registrations", "MessageTemplate")
    for template in MessageTemplate.objects.filter(status="needs_information"):
        for field, (old, new) in REPLACEMENTS.items():
            if not forward:
                old, new = new, old
            setattr(template, field, (getattr(template, field) or "").replace(old, new))
        template.save()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0013_call_in_five_languages")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: replace(apps, True), lambda apps, schema_editor: replace(apps, False)
        )
    ]
