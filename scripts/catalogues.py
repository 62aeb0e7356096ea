"""Keeps the translation catalogues complete: English mirrors its source; Dutch must be filled by hand."""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "translations" / "{}" / "LC_MESSAGES" / "messages.po"


def fill_english() -> None:
    """The source strings are English, so the English catalogue repeats them."""
    path = Path(str(CATALOGUE).format("en"))
    with open(path, "rb") as handle:
        catalogue = read_po(handle, locale="en")
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and not all(strings):
            # A plural message's id is (singular, plural): English says exactly that.
            message.string = message.id
        message.flags.discard("fuzzy")
    with open(path, "wb") as handle:
        write_po(handle, catalogue, width=0, omit_header=False, no_location=True)


def missing(locale: str) -> list[str]:
    """Message ids without a translation (or marked fuzzy) in a catalogue."""
    with open(str(CATALOGUE).format(locale), "rb") as handle:
        catalogue = read_po(handle, locale=locale)
    gaps = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


if __name__ == "__main__":
    fill_english()
    gaps = missing("nl")
    for gap in gaps:
        print(f"nl: untranslated: {gap}")
    sys.exit(1 if gaps and "--check" in sys.argv else 0)
