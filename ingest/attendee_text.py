"""Attendee text before it is split into people: forms that name nobody, or name someone
another way. ("A. (Annemiek) Dijkstra" is Annemiek Dijkstra; "zie presentielijst" names
nobody here; "ikzelf (Gerda Wieringa, beleidsadviseur)" is the writer by name; a bare "ik"
names no one the reader can know.)"""

from __future__ import annotations

import re

from ingest.text import collapse_ws

_ELSEWHERE = re.compile(r"^\W*(?:zie|volgens|conform|cf\.?)\s", re.IGNORECASE)
_KNOWN_AS = re.compile(r"\b(?:[A-Z]\.\s*)+\(([A-ZÀ-Þ][a-zà-ÿ]+)\)\s*")
_SELF = re.compile(
    r"^(?:ikzelf|mijzelf|ik|ondergetekende)\s*\(([^(),]+),\s*([^()]+)\)$", re.IGNORECASE
)
_BARE_SELF = re.compile(r"^(?:ikzelf|mijzelf|ik|ondergetekende|de schrijver)$", re.IGNORECASE)


# Who held an interview, named in the intro: "Afgenomen door Sanne Hofman (gemeente) op …".
_HELD_BY = re.compile(
    r"\b(?i:afgenomen|gevoerd|geleid|genotuleerd|ge[iï]nterviewd)\s+door\s+"
    r"(?P<who>[A-ZÀ-Þ][\w'’-]+(?:\s+(?:[a-z'’]{1,3}\s+)*[A-ZÀ-Þ][\w'’-]+){1,3})"
    r"\s*(?:\((?P<of>[^()]{2,80})\))?"
)


def held_by(text: str) -> str | None:
    """The person an intro says held the interview, as an attendee entry ("Sanne Hofman
    (gemeente, gespreksleider)"); the caller checks that it names a person."""
    m = _HELD_BY.search(text)
    if not m:
        return None
    of = f"{m['of']}, " if m["of"] else ""
    return f"{m['who']} ({of}gespreksleider)"


def clean_cells(cells: list[str]) -> list[str]:
    """The attendee cells with whitespace collapsed, known-as names resolved and references
    to a list kept elsewhere left out."""
    cells = [_KNOWN_AS.sub(r"\1 ", c) for c in map(collapse_ws, cells) if c]
    return [c for c in cells if not _ELSEWHERE.match(c)]


def writer_entries(entries: list[str]) -> list[str]:
    """Entries with the writer by name ("ikzelf (Name, role)": "Name (role)") and without a
    writer unnamed ("… en ik")."""
    return [_SELF.sub(r"\1 (\2)", e) for e in entries if e and not _BARE_SELF.match(e)]
