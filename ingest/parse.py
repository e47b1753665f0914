"""Blocks -> Verslag: title, number, date, attendees, sections, statements.

Pure logic over `Block`s, so it is the same for every file format. Page breaks are repaired
here: a continuation row (empty label) joins the previous paragraph when that one stopped
mid-sentence or the continuation starts in lower case.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest import structure
from ingest.attendees import TITLE_PREFIX, parse_attendees
from ingest.attribution import SPEAKER_HEADING, Turn, attribute
from ingest.dates import DUTCH_DATE, ISO_DATE, NUMERIC_DATE, parse_date
from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Attendee, Block, Section, Statement, Verslag
from ingest.speakers import SpeakerIndex
from ingest.text import (
    collapse_ws,
    continues_item,
    cut,
    fold,
    int_to_roman,
    roman_to_int,
    split_item,
)

CLOSING = "Afsluiting"
MAX_TURN_CHARS = 600  # longer turns are split at sentence boundaries for retrieval
TARGET_PART_CHARS = 450

_TITLE = re.compile(structure.TITLE_START + r".*?(?:\b(?P<num>[IVXLCDM]+|\d+))?\s*$", re.I)
_EARLY_NUMBER = re.compile(
    r"\b(?:\w*verslag|gesprek|nr\.?|nummer)\s+(?:nr\.?\s*)?(?P<num>[IVXLC]+|\d{1,3})\b(?![-/.]\d)"
)
# "… sociaal domein 23 - Dorpsbelangen Muntendam", "… domein 21 (vraag en antwoord)"
_NUMBER_BEFORE_REST = re.compile(r"\s(?P<num>[IVXLC]+|\d{1,3})\s+(?:[-–—|]\s|\()")
UNNAMED = "Gesprek (zonder vraag)"
# A short prefix before the title proper, set off by a dash, bar or colon.
_TITLE_PREFIX = re.compile(r"^[^:–—|]{1,40}?\s*[–—|:-]\s+(?=%s)" % structure.TITLE_START[1:], re.I)
_SUBJECT = re.compile(r"^(?:(?:onderwerp|subject|betreft|re|fw|fwd)\s*:\s*)+", re.IGNORECASE)
_INITIALS = re.compile(r"\b[A-Z]\.\s*(?=[A-Za-z])")  # "J.J. Boersma", "mw. A. de Vries"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“'‘0-9])")
_TERMINAL = (".", "!", "?", ":", ";", "…", '"', "”", "’")


def parse_title(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[str, int | None] | None:
    """(title, number) when `text` is a verslag title line; a number above the bound is not
    a conversation number (it is left unset)."""
    if len(text) > 2 * limits.max_title_chars:
        return None  # before any regular expression runs over a long paragraph
    text = collapse_ws(text.lstrip("#").strip())
    text = _SUBJECT.sub("", text)  # "Onderwerp: Verslag gesprek …" of an e-mailed verslag
    core = text
    prefix = _TITLE_PREFIX.match(text)  # "Meeting notes – Verslag gesprek 24"
    if prefix and not re.match(structure.TITLE_START, text, re.I):
        core = text[prefix.end() :]
    # A date in the title is not the conversation's number ("Verslag gesprek 12 maart 2019").
    undated = core
    for pattern in (DUTCH_DATE, ISO_DATE, NUMERIC_DATE):
        undated = pattern.sub("", undated)
    m = _TITLE.match(undated.rstrip(" ,-–():"))
    if not m or len(text) > limits.max_title_chars:
        return None
    num = m.group("num")
    if num is None:  # "Gespreksverslag 12 – visie sociaal domein", "Verslag gesprek 16 visie …"
        early = _EARLY_NUMBER.search(undated) or _NUMBER_BEFORE_REST.search(undated)
        num = early.group("num") if early else None
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
    collecting: str | None = None  # "attendees" after a bare `Aanwezig` heading, "date"
    signed: bool = False  # an e-mail's sign-off was seen: the rest is the signature
    attendee_group: str = ""  # an organisation heading a nested list of its people
    speaker_column: int | None = None  # inside a `Spreker | Inbreng | …` table: that column
    limits: Limits = DEFAULT_LIMITS

    def section(self, title: str) -> list[str]:
        for name, paras in self.sections:
            if name == title:
                return paras
        paras: list[str] = []
        self.sections.append((title, paras))
        return paras

    @property
    def has_meta(self) -> bool:
        return bool(self.attendee_cells or self.date_text)


def _extend(target: list[str], cells: tuple[str, ...] | list[str], continuation: bool) -> None:
    cells = list(cells)
    if (
        continuation
        and target
        and cells
        and not split_item(cells[0])[0]
        and joins(target[-1], cells[0])
    ):
        target[-1] = f"{target[-1]} {cells.pop(0)}"
    target.extend(cells)


def _meta_block(d: _Draft, kind: str, rest: str) -> None:
    """An `Aanwezig`/`Datum`/`Afsluiting` label, as a row label, heading or inline line."""
    d.collecting = None
    if kind == "other":  # absentees, place, mail header, author: neither content nor people
        d.last_cells = None if not d.sections else d.last_cells
        return
    if kind == "minutes":  # "Notulist: S. Hoekstra" before the questions took part
        if not d.sections:
            d.attendee_cells.append(f"{rest} (notulist)")
        return
    if kind == "attendees":
        d.last_cells = d.attendee_cells
        if rest:
            d.attendee_cells.append(rest)
        else:
            d.collecting = "attendees"
    elif kind == "date":
        d.date_text = d.date_text or rest
        d.collecting = None if rest else "date"
        d.last_cells = None
    else:
        d.last_cells = d.section(CLOSING)
        if rest:
            d.last_cells.append(rest)
        d.structured = True


def _agenda_item(text: str, item: bool, previous: Block | None, following: Block | None) -> bool:
    """A short numbered or bulleted line without a sentence end, alone between paragraphs that
    are no list items: an agenda item of minutes ("4. Rondvraag en sluiting"), a heading. The
    last bullet of a list (an item before it) stays a statement."""
    if not item or following is None or following.kind != "paragraph":
        return False
    if previous is not None and previous.kind == "paragraph" and split_item(previous.text)[0]:
        return False
    if previous is not None and continues_item(previous.text):
        return False
    nxt_item, _ = split_item(following.text)
    words = text.split()
    return (
        not nxt_item
        and not continues_item(following.text)
        and 1 <= len(words) <= 6
        and text[:1].isupper()
        and not text.endswith((*_TERMINAL, ","))
    )


def _paragraph(
    d: _Draft, block: Block, after_table: bool, around: tuple[Block | None, Block | None]
) -> bool:
    """Place one paragraph or heading; returns the new `after_table`."""
    item, text = split_item(block.text)
    heading = block.kind == "title"
    previous, following = around
    if d.signed or structure.debris(text, d.title) or structure.sublabel(text):
        return after_table
    if d.has_meta and structure.sign_off(text):
        d.signed = True
        return after_table
    if not d.title and not d.sections:
        parsed = parse_title(text, d.limits)
        if parsed:
            d.title, d.number = parsed
            return after_table
    found = structure.meta(text)
    if found and found[0] == "attendees" and found[1] and d.structured and d.sections:
        found = None  # attendees come before the questions: this is a statement
    if found:
        _meta_block(d, *found)
        return False
    if d.collecting == "date" and parse_date(text):
        d.date_text, d.collecting = text, None
        return after_table
    if d.collecting == "attendees" and item and following and continues_item(following.text):
        d.attendee_group = text  # "- Stichting X" with its people nested below
        return after_table
    if d.collecting == "attendees" and continues_item(block.text) and d.attendee_group:
        d.attendee_cells.append(f"{text}, {d.attendee_group}")
        return after_table
    d.attendee_group = ""
    if (
        d.collecting == "attendees"
        and not heading
        and (item or structure.person_like(text.split(",")[0].split("(")[0]))
        and len(text) <= 200
        and ". " not in _INITIALS.sub("", TITLE_PREFIX.sub("", text))
        and not structure.question(text, heading=heading, item=item)
    ):
        d.attendee_cells.append(text)
        return after_table
    d.collecting = None
    if not d.date_text and not d.sections and len(text) <= 60 and parse_date(text):
        d.date_text = text  # "Hoogezand, 2 april 2019" under the title
        return after_table
    bare = structure.bare_label(text) if d.has_meta and not item else None
    if (
        (heading and d.title)
        or structure.question(text, heading=heading, item=item)
        or bare
        or (d.has_meta and _agenda_item(text, item, previous, following))
    ):
        d.last_cells = d.section(structure.strip_numbering(collapse_ws(text)).rstrip(":"))
        d.structured = True
        return False
    if not d.structured and not d.has_meta:
        d.intro.append(text)
    elif after_table:
        d.last_cells = d.section(CLOSING)
        d.last_cells.append(block.text)
    elif d.last_cells is not None and d.last_cells is not d.attendee_cells:
        d.last_cells.append(block.text)
    else:  # after the meta, before any question: a section without a name
        d.last_cells = d.section(UNNAMED)
        d.last_cells.append(block.text)
    return after_table


def _row(d: _Draft, block: Block) -> bool:
    """Place one table row; True when it was a question row (the table's body)."""
    label = collapse_ws(block.label).rstrip(":").strip()
    key = fold(label)
    if label and structure.debris(label) and all(structure.debris(c) for c in block.cells):
        return False  # the export's empty `--<TAB>--` row
    found = structure.meta(label) if label else None
    d.structured = True
    content = tuple(c for c in block.cells if not structure.debris(split_item(c)[1], d.title))
    column = structure.speaker_column(label, block.cells)
    if column is not None:
        d.speaker_column = column
        return False
    if d.speaker_column is not None and not found and not structure.question(label):
        return _speaker_row(d, block)
    d.speaker_column = None
    if not label:
        if d.last_cells is not None:
            _extend(d.last_cells, content, continuation=True)
        return d.last_cells is not d.attendee_cells
    if found and not found[1]:
        _meta_block(d, *found)
        if found[0] == "date":
            d.date_text, d.collecting = " ".join(block.cells), None
        elif found[0] == "attendees":
            d.collecting = None
            _extend(d.attendee_cells, block.cells, continuation=False)
        else:
            _extend(d.section(CLOSING), block.cells, continuation=False)
            return True
        return False
    if key in structure.ATTENDEE_TABLE_HEADERS:
        d.collecting = "attendee table"
        return False
    table = d.collecting == "attendee table" and not structure.question(label)
    if table or (d.collecting == "attendees" and structure.person_like(label)):
        d.attendee_cells.append(", ".join((label, *block.cells)))
        return False
    d.collecting = None
    d.last_cells = d.section(structure.strip_numbering(label))
    _extend(d.last_cells, content, continuation=False)
    return True


def _speaker_row(d: _Draft, block: Block) -> bool:
    """One row of a speaker table: the speaker (or nobody, for an empty cell) heads the
    paragraphs of the content column, inside the section above the table."""
    cells = block.cells
    if block.columns and d.speaker_column is not None and d.speaker_column < len(block.columns):
        start = sum(block.columns[: d.speaker_column])
        cells = cells[start : start + block.columns[d.speaker_column]]
    if d.last_cells is None or d.last_cells is d.attendee_cells:
        d.last_cells = d.section(UNNAMED)
    d.last_cells.append(SPEAKER_HEADING + collapse_ws(block.label))
    d.last_cells.extend(c for c in cells if not structure.debris(split_item(c)[1], d.title))
    return True


def _walk(blocks: list[Block], limits: Limits) -> _Draft:
    d = _Draft(limits=limits)
    after_table = False  # paragraphs after a table row (not a heading) are the closing
    for i, block in enumerate(blocks):
        if block.kind == "row":
            after_table = _row(d, block)
        else:
            around = (blocks[i - 1] if i else None, blocks[i + 1] if i + 1 < len(blocks) else None)
            after_table = _paragraph(d, block, after_table, around)
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


def _speaker_headings(
    sections: list[tuple[str, list[str]]], index: SpeakerIndex
) -> list[tuple[str, list[str]]]:
    """A heading or row label that names an attendee ("## Humanitas", "Humanitas | …") is no
    question: its paragraphs join the question above, marked as that speaker's."""
    out: list[tuple[str, list[str]]] = []
    for title, paras in sections:
        named = title not in (CLOSING, UNNAMED) and not structure.question(title, heading=True)
        if not (named and index.known(title)):
            out.append((title, paras))
            continue
        if not out:
            out.append((UNNAMED, []))
        out[-1][1].extend([SPEAKER_HEADING + title, *paras])
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
    d = _walk(blocks, limits)
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
    attendees = bound_attendees(parse_attendees(d.attendee_cells), limits, warnings)
    if not attendees:
        warnings.append("no attendees ('Aanwezig') found")
    iso = parse_date(d.date_text) or parse_date(d.title)
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
