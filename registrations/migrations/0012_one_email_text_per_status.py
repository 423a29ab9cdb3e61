# The email texts are one row per status now, their subject and text in a column per language (0011 merged them).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registrations', '0011_content_into_language_columns'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='messagetemplate',
            options={'ordering': ['status'], 'verbose_name': 'email text', 'verbose_name_plural': 'email texts'},
        ),
        migrations.RemoveConstraint(
            model_name='messagetemplate',
            name='message_template_once_per_language',
        ),
        # A default only so that going back can restore the column on the merged rows (as Lithuanian).
        migrations.AlterField(
            model_name='messagetemplate',
            name='language',
            field=models.CharField(default='lt', max_length=8, verbose_name='language'),
        ),
        migrations.RemoveField(
            model_name='messagetemplate',
            name='language',
        ),
        migrations.AlterField(
            model_name='messagetemplate',
            name='status',
            field=models.CharField(choices=[('needs_information', 'Needs information'), ('accepted', 'Accepted'), ('declined', 'Declined')], max_length=32, unique=True, verbose_name='status'),
        ),
    ]
