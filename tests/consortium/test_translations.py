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


GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
TRANSLATED = ["lt", "lv", "et", "pl"]


def glossary_tables() -> list[list[dict[str, str]]]:
    """The Markdown tables of docs/glossary.md, each a list of rows keyed by the header's cells."""
    tables, header = [], None
    for line in GLOSSARY.read_text().splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if header is None:
            header = cells
            tables.append([])
        elif not set(line) <= set("|-: "):
            tables[-1].append(dict(zip(header, cells, strict=True)))
    return tables


def texts(message) -> list[tuple[str, str]]:
    """(English, translation) pairs of a message, its plural forms included."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [(ids[min(index, len(ids) - 1)], string) for index, string in enumerate(strings)]


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_uses_the_glossary_terms(language):
    terms, _forbidden = glossary_tables()
    assert len(terms) >= 10
    messages = [message for message in catalogue(language) if message.id]
    for row in terms:
        term = row["term"]
        word = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
        for message in messages:
            for english, translation in texts(message):
                if english.lower() == term:
                    assert translation.lower() == row[language], (language, english, translation)
                if row["differs"] == "yes" and word.search(PLACEHOLDER.sub(" ", english)):
                    assert translation != english, (language, "left in English", english)


def ruled_out(language: str) -> re.Pattern | None:
    """The words the glossary rules out in `language`, as one pattern of whole words."""
    _terms, forbidden = glossary_tables()
    words = [w.strip() for row in forbidden if row["language"] == language for w in row["words"].split(",")]
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE) if words else None


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_avoids_the_words_the_glossary_rules_out(language):
    pattern = ruled_out(language)
    for message in catalogue(language):
        for _english, translation in texts(message) if message.id and pattern else []:
            assert not pattern.search(translation), (language, translation)


def test_ruled_out_words_catch_the_informal_polish_and_spare_the_formal():
    assert ruled_out("pl").search("Podaj imię i nazwisko.")
    assert not ruled_out("pl").search("Prosimy podać imię i nazwisko.")
    assert ruled_out("lt").search("Gyvai ir nuotoliu")
    assert ruled_out("lv").search("Šis ir demonstrācijas uzaicinājums.")
