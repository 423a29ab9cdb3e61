"""Move what staff wrote into the per-language columns 0010 added.

A call's single title and description go to the Lithuanian columns (the default language, as
django-modeltranslation's update_translation_fields does). The email texts, until now one row per status and
language, become one row per status with each language's subject and text in its own columns.
"""

from django.db import migrations

LANGUAGES = ("lt", "en", "lv", "et", "pl")


def forward(apps, schema_editor):
    RegistrationCall = apps.get_model("registrations", "RegistrationCall")
    MessageTemplate = apps.get_model("registrations", "MessageTemplate")
    for call in RegistrationCall.objects.all():
        call.title_lt = call.title_lt or call.title
        call.description_lt = call.description_lt or call.description
        call.save(update_fields=["title_lt", "description_lt"])

    for status in MessageTemplate.objects.values_list("status", flat=True).distinct():
        rows = {row.language: row for row in MessageTemplate.objects.filter(status=status)}
        kept = rows.get("lt") or next(iter(rows.values()))
        for language, row in rows.items():
            setattr(kept, f"subject_{language}", row.subject)
            setattr(kept, f"body_{language}", row.body)
        kept.language = "lt"
        kept.save()
        MessageTemplate.objects.filter(status=status).exclude(pk=kept.pk).delete()


def backward(apps, schema_editor):
    MessageTemplate = apps.get_model("registrations", "MessageTemplate")
    for kept in list(MessageTemplate.objects.all()):
        for language in LANGUAGES:
            subject, body = getattr(kept, f"subject_{language}"), getattr(kept, f"body_{language}")
            if not (subject and body):
                continue
            if language == "lt":
                kept.subject, kept.body = subject, body
                kept.save()
            else:
                MessageTemplate.objects.create(status=kept.status, language=language, subject=subject, body=body)


class Migration(migrations.Migration):
    dependencies = [("registrations", "0010_content_per_language")]

    operations = [migrations.RunPython(forward, backward)]
