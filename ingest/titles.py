"""The title line of a verslag: is this line one, and which conversation number it gives.

"Verslag gesprek visie sociaal domein II", "Gespreksverslag 12 – …", "Notulen gesprek …",
also behind a mail subject ("Onderwerp: Verslag …") or a short prefix ("Meeting notes – …").
"""

from __future__ import annotations

import re

from ingest import structure
from ingest.dates import DUTCH_DATE, ISO_DATE, NUMERIC_DATE
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Block
from ingest.text import collapse_ws, fold, roman_to_int

_TITLE = re.compile(structure.TITLE_START + r".*?(?:\b(?P<num>[IVXLCDM]+|\d+))?\s*$", re.I)
# "Gesprek visie sociaal domein XXII – …" as the whole title line (capitalised, no prefix: a
# "Bijeenkomst: gesprek …" line of an attendance sheet is no verslag title).
_GESPREK_TITLE = re.compile(
    r"^\W*Gesprek\s+(?:visie|nr\.?\s*\d+|\d+|[IVXLC]+\b).*?(?:\b(?P<num>[IVXLCDM]+|\d+))?\s*$"
)
_EARLY_NUMBER = re.compile(
    r"\b(?:\w*[Vv]erslag|[Gg]esprek|[Nn]r\.?|[Nn]ummer)\s+(?:nr\.?\s*)?(?P<num>[IVXLC]+|\d{1,3})\b(?![-/.]\d)"
)
# "… sociaal domein 23 - Dorpsbelangen Muntendam", "… domein 21 (vraag en antwoord)"
_NUMBER_BEFORE_REST = re.compile(r"\s(?P<num>[IVXLC]+|\d{1,3})\s+(?:[-–—|]\s|\()")
# A short prefix before the title proper, set off by a dash, bar or colon.
_TITLE_PREFIX = re.compile(r"^[^:–—|]{1,40}?\s*[–—|:-]\s+(?=%s)" % structure.TITLE_START[1:], re.I)
# "Verslag 6e gesprek …", "het 30e gesprek", "derde gesprek": an ordinal before "gesprek".
_ORDINALS = "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende".split()
_ORDINAL = re.compile(
    r"\b(?P<num>\d{1,3}(?:e|de|ste)|%s)\s+(?:\w+\s+)?(?:gesprek|bijeenkomst|overleg)\b"
    % "|".join(_ORDINALS),
    re.IGNORECASE,
)
_FILE_NAME = re.compile(r"\w-\w+\.(?:html?|docx?|pdf|txt|md|odt)\b", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?:(?:onderwerp|subject|betreft|re|fw|fwd)\s*:\s*)+", re.IGNORECASE)


def parse_title(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[str, int | None] | None:
    """(title, number) when `text` is a verslag title line; a number above the bound is not
    a conversation number (it is left unset)."""
    if len(text) > 2 * limits.max_title_chars:
        return None  # before any regular expression runs over a long paragraph
    text = collapse_ws(text.lstrip("#").strip())
    text = _SUBJECT.sub("", text)  # "Onderwerp: Verslag gesprek …" of an e-mailed verslag
    if _FILE_NAME.search(text) or (text.endswith(".") and len(text.split()) > 10):
        return None  # a sentence about a file ("`verslag-43.html` is …"), not a title
    core = text
    prefix = _TITLE_PREFIX.match(text)  # "Meeting notes – Verslag gesprek 24"
    if prefix and not re.match(structure.TITLE_START, text, re.I):
        core = text[prefix.end() :]
    # A date in the title is not the conversation's number ("Verslag gesprek 12 maart 2019").
    undated = core
    for pattern in (DUTCH_DATE, ISO_DATE, NUMERIC_DATE):
        undated = pattern.sub("", undated)
    m = _TITLE.match(undated.rstrip(" ,-–():")) or _GESPREK_TITLE.match(undated.rstrip(" ,-–():"))
    if not m or len(text) > limits.max_title_chars:
        return None
    num = m.group("num")
    if num is None:  # "Gespreksverslag 12 – visie sociaal domein", "Verslag gesprek 16 visie …"
        early = _EARLY_NUMBER.search(undated) or _NUMBER_BEFORE_REST.search(undated)
        num = early.group("num") if early else None
    if num is None:
        ordinal = _ORDINAL.search(undated)
        if ordinal is None:
            return text, None
        word = ordinal["num"].lower()
        num = str(_ORDINALS.index(word) + 1) if word in _ORDINALS else word.rstrip("detsn")
    number = int(num) if num.isdigit() else roman_to_int(num)
    return text, number if number and number <= limits.max_number else None


# The label of a form row that holds the document's title (`Onderwerp | Verslag gesprek 55`).
TITLE_LABELS = frozenset("onderwerp titel title subject betreft".split())


def title_row(block: Block) -> bool:
    """A form row whose label names the title and whose value is a numbered verslag title."""
    label = fold(collapse_ws(block.label)).rstrip(":")
    parsed = parse_title(block.cells[0]) if label in TITLE_LABELS and block.cells else None
    return bool(parsed and parsed[1] is not None)
