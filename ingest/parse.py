"""Blocks -> Verslag: title, number, date, attendees, sections, statements.

Pure logic over `Block`s, so it is the same for every file format. Page breaks are repaired
here: a continuation row (empty label) joins the previous paragraph when that one stopped
mid-sentence or the continuation starts in lower case.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest.attendees import parse_attendees
from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Attendee, Block, Section, Statement, Verslag
from ingest.speakers import SpeakerIndex, Turn, attribute
from ingest.text import collapse_ws, cut, fold, int_to_roman, roman_to_int

CLOSING = "Afsluiting"
MAX_TURN_CHARS = 600  # longer turns are split at sentence boundaries for retrieval
TARGET_PART_CHARS = 450

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_DUTCH_DATE = re.compile(r"\b(\d{1,2})\s+(%s)\.?\s+(\d{4})\b" % "|".join(MONTHS), re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TITLE = re.compile(r"^\W*verslag\b.*?(?:\b(?P<num>[IVXLCDM]+|\d+))?\s*$", re.I)
_ATTENDEE_LABELS = {"aanwezig", "aanwezigen", "deelnemers", "present"}
_CLOSING_LABELS = {"afsluiting", "tot slot", "slot", "afronding"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“'‘0-9])")
_TERMINAL = (".", "!", "?", ":", ";", "…", '"', "”", "’")


def parse_date(text: str) -> str | None:
    """ISO date from `9 januari 2019`, `21-01-2019` or `2019-01-21`; None when absent/invalid."""
    for pattern, order in ((_DUTCH_DATE, "dmy"), (_ISO_DATE, "ymd"), (_NUMERIC_DATE, "dmy")):
        for m in pattern.finditer(text):
            a, b, c = m.groups()
            if order == "ymd":
                y, mo, d = int(a), int(b), int(c)
            else:
                d, y = int(a), int(c)
                mo = MONTHS[b.lower()] if not b.isdigit() else int(b)
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                continue
    return None


def parse_title(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[str, int | None] | None:
    """(title, number) when `text` is a verslag title line; a number above the bound is not
    a conversation number (it is left unset)."""
    if len(text) > 2 * limits.max_title_chars:
        return None  # before any regular expression runs over a long paragraph
    text = collapse_ws(text.lstrip("#").strip())
    # A date in the title is not the conversation's number ("Verslag gesprek 12 maart 2019").
    undated = text
    for pattern in (_DUTCH_DATE, _ISO_DATE, _NUMERIC_DATE):
        undated = pattern.sub("", undated)
    m = _TITLE.match(undated.rstrip(" ,-–():"))
    if not m or len(text) > limits.max_title_chars:
        return None
    num = m.group("num")
    if num is None:
        return text, None
    number = int(num) if num.isdigit() else roman_to_int(num)
    return text, number if number and number <= limits.max_number else None


def joins(previous: str, continuation: str) -> bool:
    """A page-break continuation belongs to the previous paragraph when that one stopped
    mid-sentence or the continuation starts in lower case."""
    return not previous.rstrip().endswith(_TERMINAL) or continuation[:1].islower()


def split_long(text: str, limit: int = MAX_TURN_CHARS) -> list[str]:
    """Split a very long turn at sentence boundaries into parts of about TARGET_PART_CHARS."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        if current and len(current) + 1 + len(sentence) > TARGET_PART_CHARS:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        if parts and len(current) < TARGET_PART_CHARS // 4:
            parts[-1] = f"{parts[-1]} {current}"  # no stub of a part
        else:
            parts.append(current)
    return parts


@dataclass
class _Draft:
    """Mutable state while walking the blocks."""

    title: str = ""
    number: int | None = None
    date_text: str = ""
    attendee_cells: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    last_cells: list[str] | None = None
    structured: bool = False  # saw a table row or heading

    def section(self, title: str) -> list[str]:
        for name, paras in self.sections:
            if name == title:
                return paras
        paras: list[str] = []
        self.sections.append((title, paras))
        return paras


def _extend(target: list[str], cells: tuple[str, ...] | list[str], continuation: bool) -> None:
    cells = list(cells)
    if continuation and target and cells and joins(target[-1], cells[0]):
        target[-1] = f"{target[-1]} {cells.pop(0)}"
    target.extend(cells)


def _walk(blocks: list[Block], limits: Limits) -> _Draft:
    d = _Draft()
    after_table = False  # paragraphs after a table row (not a heading) are the closing
    for block in blocks:
        if block.kind != "row":
            text = block.text
            parsed = parse_title(text, limits) if not d.title and not d.structured else None
            if parsed:
                d.title, d.number = parsed
                continue
            if block.kind == "title" and d.title:
                label = collapse_ws(text).rstrip(":")
                is_closing = fold(label) in _CLOSING_LABELS
                d.last_cells = d.section(CLOSING if is_closing else label)
                d.structured, after_table = True, False
            elif not d.structured:
                d.intro.append(text)
            elif after_table:
                d.last_cells = d.section(CLOSING)
                d.last_cells.append(text)
            elif d.last_cells is not None:
                d.last_cells.append(text)
            continue
        label = collapse_ws(block.label).rstrip(":").strip()
        key = fold(label)
        d.structured, after_table = True, True
        if not label:
            if d.last_cells is not None:
                _extend(d.last_cells, block.cells, continuation=True)
        elif key in _ATTENDEE_LABELS:
            d.last_cells = d.attendee_cells
            _extend(d.attendee_cells, block.cells, continuation=False)
        elif key.startswith("datum"):
            d.date_text = " ".join(block.cells)
            d.last_cells = None
        else:
            title = CLOSING if key in _CLOSING_LABELS else label
            d.last_cells = d.section(title)
            _extend(d.last_cells, block.cells, continuation=False)
    return d


class _TextBuilder:
    """Builds the normalised verslag text and records where each statement sits in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def verslag_id(number: int | None, text: str) -> str:
    """Stable id from content: readable prefix plus a content hash."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    prefix = f"gesprek-{int_to_roman(number).lower()}" if number else "verslag"
    return f"{prefix}-{digest}"


def bound_attendees(
    attendees: list[Attendee], limits: Limits, warnings: list[str]
) -> tuple[Attendee, ...]:
    """Attendees within the bounds: an empty or over-long name is not a name (dropped, with a
    warning), an over-long organisation is none, an over-long role is cut."""
    kept = [
        a
        for a in attendees
        if len(a.name) <= limits.max_name_chars and any(c.isalpha() for c in a.name)
    ]
    if len(kept) < len(attendees):
        warnings.append(
            f"{len(attendees) - len(kept)} attendee name(s) ignored: empty or over "
            f"{limits.max_name_chars} characters"
        )
    if len(kept) > limits.max_attendees:
        warnings.append(f"only the first {limits.max_attendees} attendees kept")
    return tuple(
        Attendee(
            a.name,
            cut(a.role, limits.max_role_chars),
            a.organisation
            if a.organisation and len(a.organisation) <= limits.max_name_chars
            else None,
        )
        for a in kept[: limits.max_attendees]
    )


def parse_blocks(blocks: list[Block], source: Path, limits: Limits = DEFAULT_LIMITS) -> Verslag:
    """Parse one file's blocks into a Verslag; IngestError when it has no verslag structure."""
    d = _walk(blocks, limits)
    warnings: list[str] = []
    # Question rows alone do not make a verslag (a memo with a question line, a spreadsheet
    # export, a web page would pass): it also needs a title, an attendee or a date row.
    if not d.sections or not (d.title or d.attendee_cells or d.date_text):
        raise IngestError(
            source,
            "no verslag structure found (expected a 'Verslag …' title, 'Aanwezig' and "
            "'Datum gesprek' rows, and question rows such as 'Hoe kijk je tegen de visie aan?')",
        )
    if not d.title:
        warnings.append("no title line 'Verslag gesprek …' found")
        d.title = source.stem
    attendees = bound_attendees(parse_attendees(d.attendee_cells), limits, warnings)
    if not attendees:
        warnings.append("no attendees ('Aanwezig') found")
    iso = parse_date(d.date_text) or parse_date(d.title)
    if iso is None:
        warnings.append("no date of the conversation found")

    index = SpeakerIndex(attendees)
    builder = _TextBuilder()
    builder.add(d.title)
    for para in d.intro:
        builder.add(para)
    if attendees:
        builder.add("Aanwezig: " + "; ".join(d.attendee_cells))
    if d.date_text:
        builder.add("Datum gesprek: " + d.date_text)

    placed: list[tuple[str, Turn, str, tuple[int, int]]] = []
    for title, paragraphs in d.sections:
        builder.add(title)
        for turn in attribute(paragraphs, index):
            offset = builder.length + (2 if builder.parts else 0)
            builder.add(turn.text)
            cursor = 0
            for part in split_long(turn.text):
                start = turn.text.index(part, cursor)
                cursor = start + len(part)
                placed.append((title, turn, part, (offset + start, offset + cursor)))
    if not placed:
        warnings.append("no statements found (are the question rows empty?)")
    if len(placed) > limits.max_statements:
        raise IngestError(
            source, f"{len(placed):,} statements, over the limit of {limits.max_statements:,}"
        )
    full_text = builder.text()
    vid = verslag_id(d.number, full_text)
    statements = tuple(
        Statement(
            id=f"{vid}-s{pos:03d}",
            verslag_id=vid,
            section=title,
            position=pos,
            text=part,
            speaker=turn.speaker.label if turn.speaker else None,
            organisation=turn.speaker.organisation if turn.speaker else None,
            persons=turn.speaker.persons if turn.speaker else (),
            attribution=turn.attribution,
            span=span,
        )
        for pos, (title, turn, part, span) in enumerate(placed)
    )
    sections = tuple(
        Section(title, "closing" if title == CLOSING else "question") for title, _ in d.sections
    )
    return Verslag(
        id=vid,
        number=d.number,
        title=d.title,
        date=iso,
        source=source.name,
        attendees=attendees,
        sections=sections,
        statements=statements,
        text=full_text,
        warnings=tuple(warnings),
    )
