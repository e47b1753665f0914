"""What a block of a verslag IS, whatever its layout: meta (attendees, date, closing), a
question heading, a person's name in an attendee table, or layout debris.

The parser walks blocks in order and asks these questions, so a question can be a table row,
a heading, a bold line, a numbered line, with or without its question mark, and an attendee
block can be a row, an inline `Aanwezig:` line, or a heading followed by a list or a table.
"""

from __future__ import annotations

import re

from ingest.dates import parse_date
from ingest.text import collapse_ws, fold

# How a verslag's title line starts: "Verslag …", "Gespreksverslag …", "Notulen …".
TITLE_START = r"^\W*(?:\w*verslag|notulen|\w*notitie|\w*notities)\b"
ATTENDEE_LABELS = frozenset("aanwezig aanwezigen deelnemers present gesprekspartners".split())
CLOSING_LABELS = frozenset({"afsluiting", "tot slot", "slot", "afronding", "afsluitend"})
# A header row of a two-column attendee table ("Naam | Functie").
ATTENDEE_TABLE_HEADERS = frozenset("naam name wie persoon deelnemer".split())

_META = re.compile(
    r"^(?P<label>aanwezig(?:en)?|deelnemers?|gesprekspartners|present|"
    r"datum(?:\s+(?:van\s+het\s+)?gesprek)?|gespreksdatum|afsluiting|tot slot|afronding)"
    r"\s*(?P<colon>:)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\s*(?:vraag\s*)?(?:\d+|[a-h]|[ivx]+)[.):]\s+", re.IGNORECASE)
QUESTION_WORDS = frozenset(
    """hoe wat welke welk wie waar waarom wanneer hoeveel waarmee waarover waaraan in kun
    kunt kan zijn is heeft hebben vindt vind ziet zie herken herkent mist wil""".split()
)
_TERMINAL = (".", ":", ";", "!", "…")
_LETTER = re.compile(r"[^\W\d_]")
_PAGE = re.compile(r"^(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:/|van|of)\s*\d+)?$", re.IGNORECASE)
_TITLE_ABBR = re.compile(
    r"^(?:(?:dhr|mevr|mw|mr|drs|dr|ir|ing|prof|ds)\.?\s+|(?:wethouder|burgemeester|wijkagent|"
    r"dominee|de heer|mevrouw)\s+(?=[A-ZÀ-Þ]))+",
    re.IGNORECASE,
)


def meta(text: str) -> tuple[str, str] | None:
    """('attendees' | 'date' | 'closing', the rest of the line) for a meta label line."""
    m = _META.match(collapse_ws(text))
    if not m:
        return None
    label, rest = fold(m["label"]), m["rest"].strip()
    # "Aanwezigen waren het eens …" is a sentence; "Datum gesprek 9 januari 2019" a row.
    if rest and not m["colon"] and not (label.startswith("datum") and parse_date(rest)):
        return None
    if label == "present" and rest:  # "Present: …" is more likely an organisation speaking
        return None
    if label.startswith(("datum", "gespreksdatum")):
        return "date", rest
    if label in CLOSING_LABELS:
        return ("closing", rest) if not rest or len(rest) > 20 else None
    return "attendees", rest


def strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text, count=1)


def question(text: str, *, heading: bool = False, item: bool = False) -> bool:
    """A question heading: short, no sentence end, opening with a question word or ending in
    '?'; a heading, bold line or numbered line needs less evidence than a bare paragraph."""
    t = collapse_ws(text)
    numbered = bool(_NUMBERING.match(t))
    t = strip_numbering(t)
    if not 8 <= len(t) <= 160 or t.endswith(_TERMINAL) or ". " in t.rstrip("?"):
        return False
    if not heading and re.match(r"^[^:?]{1,60}:\s", t):
        return False  # "Humanitas: hoe bereik je ouderen?" is a statement with a label
    first = fold(t.split()[0]).strip(",")
    asks = first in QUESTION_WORDS
    if t.endswith("?"):
        return asks or heading or numbered or (len(t) <= 100 and not item)
    return asks and (heading or numbered or len(t) <= 100) and not t[:1].islower()


def debris(text: str, title: str = "") -> bool:
    """Layout, not content: rules, page numbers, lone punctuation, and a short line that
    repeats the verslag's title (a running header or footer: "Gemeente X – Verslag 5")."""
    t = collapse_ws(text)
    if not _LETTER.search(t) or _PAGE.match(t):
        return True
    head = " ".join(fold(title).split()[:2])
    return bool(head) and len(t) <= 100 and not t.endswith(".") and head in fold(t)


def person_like(label: str) -> bool:
    """A table cell holding a person's name (an attendee table row), not a question."""
    t = _TITLE_ABBR.sub("", collapse_ws(label))
    words = t.split()
    if not 2 <= len(words) <= 6 or question(t) or any(c.isdigit() for c in t):
        return False
    caps = sum(w[:1].isupper() for w in words)
    return words[0][:1].isupper() and words[-1][:1].isupper() and caps >= len(words) - 3
