"""Fill the English catalogue from its own message ids: English is the language the portal is written in.

Run after `manage.py makemessages` (the Makefile's `messages` target does both). Entries that already have
an English text (a wording improved without touching the source) are kept.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def fill(path: Path) -> int:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    # makemessages leaves these blank for a new catalogue; without them msgfmt refuses plural entries.
    catalog.locale = "en"
    catalog.project = "consortium-portal"
    catalog.language_team = "English"
    catalog.last_translator = "EIMIN portal team"
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        message.flags.discard("fuzzy")
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = (message.id[0], message.id[1])
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
    catalog.fuzzy = False
    with path.open("wb") as handle:
        write_po(handle, catalog, width=79)
    return filled


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "locale/en/LC_MESSAGES/django.po"
    print(f"{target}: filled {fill(target)} entries")
