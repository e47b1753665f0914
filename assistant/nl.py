"""Dutch wording shared by answers, reports and the app: dates, gesprek labels, plurals and the
labels of opgave kinds. One home, so the CLI, the chat and the .docx say things the same way."""

from __future__ import annotations

import re

from ingest.records import Verslag
from ingest.text import int_to_roman

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()

# How each kind of the taxonomy is named: as a heading label, after a name, in a menu.
KIND_LABEL = {"opgave": "Opgave", "voorgestelde opgave": "Voorgestelde opgave", "thema": "Thema"}
KIND_SUFFIX = {"opgave": "", "voorgestelde opgave": " (voorstel)", "thema": " (thema)"}
KIND_MENU = {"opgave": "opgave", "voorgestelde opgave": "voorgesteld", "thema": "thema"}
OVERIG = "Overig"  # the group of statements tagged with no opgave


def dutch_date(iso: str | None) -> str:
    """`2019-01-09` -> `9 januari 2019`."""
    if not iso:
        return "datum onbekend"
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def roman(n: int | None) -> str:
    return int_to_roman(n) if n else "?"


def numeral(number: int | None, written: str = "") -> str:
    """A gesprek's number as its verslag writes it (`written`: its title and file name):
    "XLIII" for "Verslag gesprek XLIII", "43" for "Gespreksverslag 43"; Roman, the record's
    own convention, when it writes neither."""
    if not number:
        return "?"
    r = int_to_roman(number)
    if re.search(rf"\b{r}\b", written):
        return r
    return str(number) if re.search(rf"(?<!\d){number}(?!\d)", written) else r


def gesprek_no(v: Verslag) -> str:
    """The number of verslag `v` as it writes it (see `numeral`)."""
    return numeral(v.number, f"{v.title or ''} {v.source or ''}")


def gesprek_label(numeral_: str, date: str | None, *, capital: bool = False) -> str:
    """`gesprek II, 9 januari 2019`: how a verslag is named in running text."""
    word = "Gesprek" if capital else "gesprek"
    return f"{word} {numeral_}, {dutch_date(date)}"


def plural(n: int, one: str, many: str) -> str:
    """`1 uitspraak`, `3 uitspraken`."""
    return f"{n} {one if n == 1 else many}"
