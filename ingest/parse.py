"""Blocks -> Verslag: title, number, date, attendees, sections, statements.

Pure logic over `Block`s, so it is the same for every file format. `ingest.walk` sorts the
blocks into title, meta and sections; this module turns them into attendees and attributed
statements and refuses a document with no verslag structure.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest import structure
from ingest.attendees import parse_attendees
from ingest.attribution import SPEAKER_HEADING, Turn, attribute
from ingest.dates import parse_date, yearless_date
from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Attendee, Block, Section, Statement, Verslag
from ingest.speakers import SpeakerIndex
from ingest.text import cut, int_to_roman
from ingest.titles import parse_title
from ingest.walk import CLOSING, UNNAMED, joins, walk

# Re-exported: callers and tests know these names from here.
__all__ = [
    "CLOSING",
    "UNNAMED",
    "bound_attendees",
    "joins",
    "parse_blocks",
    "parse_date",
    "parse_title",
    "split_long",
    "verslag_id",
]

MAX_TURN_CHARS = 600  # longer turns are split at sentence boundaries for retrieval
TARGET_PART_CHARS = 450

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“'‘0-9])")


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


def _speaker_headings(
    sections: list[tuple[str, list[str]]], index: SpeakerIndex
) -> list[tuple[str, list[str]]]:
    """A heading or row label that names an attendee ("## Humanitas", "Humanitas | …") is no
    question: its paragraphs join the question above, marked as that speaker's."""
    out: list[tuple[str, list[str]]] = []
    for title, paras in sections:
        named = title not in (CLOSING, UNNAMED) and not structure.question(title, heading=True)
        name = structure.heading_speaker(title)  # "Reactie Kledingbank": the Kledingbank
        if not (named and index.known(name)):
            out.append((title, paras))
            continue
        if not out:
            out.append((UNNAMED, []))
        out[-1][1].extend([SPEAKER_HEADING + name, *paras])
    return out


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
    d = walk(blocks, limits)
    warnings: list[str] = []
    # Question rows alone do not make a verslag (a memo with a question line, a spreadsheet
    # export, a web page would pass): it also needs a title, an attendee or a date row.
    # A document whose statements sit under no question needs a title and attendees or a date.
    named = any(title != UNNAMED for title, _ in d.sections)
    # Without a `Verslag …` title it takes attendees (an agenda has a date and questions).
    signals = d.title or d.attendee_cells
    if not signals or not (named or (d.sections and d.title and d.has_meta)):
        raise IngestError(
            source,
            "no verslag structure found (expected a 'Verslag …' title, 'Aanwezig' and "
            "'Datum gesprek' rows, and question rows such as 'Hoe kijk je tegen de visie aan?')",
        )
    if not named:
        warnings.append(f"no question headings recognised: statements are under '{UNNAMED}'")
    elif any(title == UNNAMED for title, _ in d.sections):
        warnings.append(f"statements before the first question are under '{UNNAMED}'")
    if not d.title:
        warnings.append("no title line 'Verslag gesprek …' found")
        d.title = source.stem
    listed = " ".join(d.attendee_cells)  # the interviewer named in the intro attended too
    hosts = [h for h in d.hosts if h.split(" (")[0] not in listed]
    attendees = bound_attendees(parse_attendees(d.attendee_cells + hosts), limits, warnings)
    if not attendees:
        warnings.append("no attendees ('Aanwezig') found")
    iso = parse_date(d.date_text) or parse_date(d.title) or parse_date(d.date_hint)
    if iso is None and d.sent:  # "wat er woensdag 13 feb. is besproken" in an e-mail
        iso = next(filter(None, (yearless_date(p, d.sent) for p in d.intro)), None)
    if iso is None and not d.attendee_cells and d.number is None:  # a README about verslagen
        raise IngestError(
            source, "no verslag: neither the date of a conversation nor who attended it found"
        )
    if iso is None:
        warnings.append("no date of the conversation found")

    index = SpeakerIndex(attendees)
    d.sections = _speaker_headings(d.sections, index)
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
            # Only a person the text itself names: an organisation's label ("Humanitas:")
            # never puts its attendee's name on the statement (presence is no evidence).
            persons=turn.speaker.persons if turn.speaker and turn.speaker.is_person else (),
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
