"""Dates of conversations as verslagen write them: `9 januari 2019`, `21-01-2019`, ISO."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Month names in full ("mei", "januari"), not their abbreviations ("Jan" is also a name).
FULL_MONTHS = tuple(
    m for m in MONTHS if all(len(m) >= len(o) for o, n in MONTHS.items() if n == MONTHS[m])
)
# The year in four digits, or two after an apostrophe ("16 april '19").
DUTCH_DATE = re.compile(r"\b(\d{1,2})\s+(%s)\.?\s+(\d{4}\b|['’‘]\d{2}\b)" % "|".join(MONTHS), re.I)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
# "4-3-'19", "04.03.19": a two-digit year, in a short date value only (not in prose, where
# "versie 1.2.19" or a phone number would read as one), when no four-digit date is found.
SHORT_DATE = re.compile(r"(?<![\d.:/-])(\d{1,2})([-/.])(\d{1,2})\2['’]?(\d{2})(?![\d.:/-]?\d)")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_date(text: str) -> str | None:
    """ISO date from `9 januari 2019`, `21-01-2019` or `2019-01-21`; None when absent/invalid."""
    for pattern, order in ((DUTCH_DATE, "dmy"), (ISO_DATE, "ymd"), (NUMERIC_DATE, "dmy")):
        for m in pattern.finditer(text):
            a, b, c = m.groups()
            if order == "ymd":
                y, mo, d = int(a), int(b), int(c)
            else:
                d, y = int(a), int(c) if c.isdigit() else 2000 + int(c[1:])
                mo = MONTHS[b.lower()] if not b.isdigit() else int(b)
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                continue
    for m in SHORT_DATE.finditer(text if len(text) <= 40 else ""):  # a date cell, not prose
        try:
            return date(2000 + int(m[4]), int(m[3]), int(m[1])).isoformat()
        except ValueError:
            continue
    return None


# A date without its year ("woensdag 13 feb."), as an e-mail writes the day it reports on.
_YEARLESS = re.compile(r"\b(\d{1,2})\s+(%s)\b\.?(?!\s*['’‘]?\d)" % "|".join(MONTHS), re.I)


def yearless_date(text: str, reference: str) -> str | None:
    """ISO date of the first yearless Dutch date in `text`, in the year that puts it on or
    before `reference` (an ISO date: the e-mail's sent date); None when there is none."""
    ref = date.fromisoformat(reference)
    for m in _YEARLESS.finditer(text):
        for year in (ref.year, ref.year - 1):
            try:
                found = date(year, MONTHS[m[2].lower()], int(m[1]))
            except ValueError:
                break
            if found <= ref:
                return found.isoformat()
    return None
