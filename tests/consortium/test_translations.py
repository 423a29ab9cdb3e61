"""Every text in every language: no entry untranslated or fuzzy, placeholders intact, catalogues compile."""

import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%|\{[a-z_]+\}|\[\[|\]\]|</?[a-z]+[^>]*>")


def catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_catalogue_is_complete_and_not_fuzzy(language):
    messages = [message for message in catalogue(language) if message.id]

    untranslated = [
        m.id for m in messages if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert messages
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_translations_keep_every_placeholder_and_tag(language):
    for message in catalogue(language):
        if not message.id:
            continue
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        for translation in translations:
            wanted = sorted(set(PLACEHOLDER.findall(source)))
            assert sorted(set(PLACEHOLDER.findall(translation))) == wanted, (language, source, translation)


def test_catalogues_compile_with_gnu_gettext(tmp_path, monkeypatch, settings):
    if not shutil.which("msgfmt"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (msgfmt) is needed in CI")
        pytest.skip("GNU gettext (msgfmt) is not installed")
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = []  # compile the copy only

    call_command("compilemessages", locale=[code for code, _name in settings.LANGUAGES], verbosity=0)

    assert sorted(path.parent.parent.name for path in copy.glob("*/LC_MESSAGES/django.mo")) == sorted(
        code for code, _name in settings.LANGUAGES
    )
