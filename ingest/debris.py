"""Layout debris: text in a verslag's file that is never a statement — rules, page numbers
and running headers and footers, stamps and print lines, footnotes at a page's foot, a
transcript's stage notes, web chrome, end markers, an interviewer's follow-up, the procedural
sentences of minutes — and notes on the document itself before its first question."""

from __future__ import annotations

import re

from ingest.dates import parse_date
from ingest.text import collapse_ws, fold

_LETTER = re.compile(r"[^\W\d_]")
_PAGE = re.compile(r"^(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:/|van|of)\s*\d+)?$", re.IGNORECASE)
# The parts of a running header or footer line: "Gemeente X | pagina 1", "Pagina 1 -
# printversie", "Verslag 5 · page 2 of 3 · concept".
_FURNITURE_PARTS = re.compile(r"\s*[|–—·•]\s*|\s+-\s+")


def _page_line(text: str) -> bool:
    """A short line with a page reference as one of its parts, the others a few words each."""
    parts = [p for p in _FURNITURE_PARTS.split(text) if p]
    return (
        len(parts) > 1
        and any(_PAGE.match(p) for p in parts)
        and all(len(p.split()) <= 6 for p in parts)
    )


# A stamp or print line: "*Concept – niet verspreiden*", "Afgedrukt op 3 april 2019".
_STAMP = re.compile(
    r"^[*_\s]*(?:(?:concept|draft)\s*[–—:-]|vertrouwelijk\b|niet (?:voor )?verspreid|"
    r"afgedrukt (?:op|door)\b|geprint (?:op|door)\b|printed (?:on|by)\b)",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")  # a footnote at the foot of a page
# A transcript's time stamp opening a turn: "[00:01:20] Name: …", "(00:01:20)", "00:01:20".
TIMESTAMP = re.compile(
    r"^(?:\[\d{1,2}:\d{2}(?::\d{2})?\]|\(\d{1,2}:\d{2}:\d{2}\)|\d{1,2}:\d{2}:\d{2})\s*(?=\S)"
)
_STAGE_NOTE = re.compile(r"^\[[^\]]*\]$")


def stage_note(text: str) -> bool:
    """A short note in brackets alone ("[onverstaanbaar]", "[gelach]"): no text; a longer
    "[Notitie transcribent: …]" reports what was agreed and stays."""
    return bool(_STAGE_NOTE.match(text)) and len(text.split()) <= 6


# The buttons and prompts of a web page printed or exported with its text.
_CHROME = re.compile(
    r"^(?:deel deze pagina|delen via|wees de eerste|schrijf een (?:opmerking|reactie)|"
    r"plaats een reactie|geef een reactie|vind ik leuk|be the first|leave a comment|"
    r"share this|\d+ min(?:uten)? lezen|leestijd|terug naar (?:boven|(?:het )?overzicht)|"
    r"naar boven|print deze pagina|lees ook)\b",
    re.IGNORECASE,
)
# The end of a note or a transcript and an export's footer: "-- einde aantekeningen --",
# "Einde transcriptie - 00:41:37", "--- geëxporteerd uit Notities op 10-04-2019 08:12 ---".
_END_MARK = re.compile(
    r"^[-=*_~\s]*(?:einde|end of|ge[eë]xporteerd|exported|gegenereerd|generated)\b", re.IGNORECASE
)
_FOLLOW_UP = re.compile(
    r"^[_*\s]*(?:doorvraag|vervolgvraag|wedervraag|vraag (?:van de )?interviewer)\s*:", re.I
)
# A sentence of minutes that only runs the meeting: "Opening om 10.05 uur", "Geen
# mededelingen", "De agenda wordt vastgesteld", "Sluiting 11.45 uur".
_PROCEDURAL = re.compile(
    r"^(?:(?:opening|sluiting)(?:\s+(?:om|van de vergadering|van het gesprek))?"
    r"\s+(?:om\s+)?\d{1,2}[.:]\d{2}(?:\s*uur)?|"
    r"(?:de\s+)?(?:voorzitter|gespreksleider)\s+(?:opent|sluit)\b.*|"
    r"geen\s+(?:mededelingen|rondvraag|bijzonderheden|vragen)|"
    r"(?:de\s+)?(?:vergadering|bijeenkomst)\s+wordt(?:\s+om\s+\d{1,2}[.:]\d{2}(?:\s*uur)?)?"
    r"\s+(?:geopend|gesloten)|"
    r"de\s+(?:agenda|notulen|besluitenlijst)\s+(?:wordt|worden)\s+(?:ongewijzigd\s+)?vastgesteld)"
    r"\s*[.!]?$",
    re.IGNORECASE,
)


# A note on the document itself before the first question: "In dit verslag staan de namen
# van de sprekers in hoofdletters", "De reacties zijn per opgave geordend", "niet letterlijk".
_EDITORIAL = re.compile(
    r"\bdit\s+(?:verslag|overzicht)\b|\bniet letterlijk\b|"
    r"\b(?:zijn|is|staan)\s+(?:per\s+\w+\s+)?(?:geordend|samengevat|ingedeeld)\b|\bin de kolom\b",
    re.IGNORECASE,
)


def editorial(text: str) -> bool:
    """A short note on how the verslag is written, or its byline ("Slochteren · woensdag 24
    april 2019 · verslag: M. Tiggelaar"): not something said in the conversation."""
    parts = re.split(r"\s[·|•]\s", text)
    byline = len(text) <= 160 and len(parts) > 1 and any(parse_date(p) for p in parts)
    return byline or (len(text) <= 300 and bool(_EDITORIAL.search(text)))


def procedural(text: str) -> bool:
    """Every sentence of `text` only opens, runs or closes the meeting (no content)."""
    sentences = [s for s in re.split(r"(?<=[.!])\s+", collapse_ws(text)) if s]
    return bool(sentences) and all(_PROCEDURAL.match(s) for s in sentences)


def debris(text: str, title: str = "") -> bool:
    """Layout, not content: rules, page numbers, lone punctuation, and a short line that
    repeats the verslag's title (a running header or footer: "Gemeente X – Verslag 5")."""
    t = collapse_ws(text)
    if not _LETTER.search(t) or _PAGE.match(t) or _FOOTNOTE.match(t):
        return True
    if len(t) <= 100 and _page_line(t) and not t.endswith("."):
        return True  # a running footer "Gemeente X – verslag 21 | pagina 1"
    if len(t) <= 80 and _STAMP.match(t) and not t.endswith("."):
        return True
    if stage_note(t):
        return True
    if _FOLLOW_UP.match(t):  # the interviewer's follow-up question: no statement
        return True
    if len(t) <= 80 and _CHROME.match(t):
        return True
    if len(t.split()) <= 8 and _END_MARK.match(t) and not t.endswith("."):
        return True
    if len(t) <= 200 and procedural(t):
        return True
    head = " ".join(fold(title).split()[:2])
    return bool(head) and len(t) <= 100 and not t.endswith(".") and head in fold(t)
