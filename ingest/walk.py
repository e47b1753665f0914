"""Walk a file's blocks in order and sort them: title, date, attendees, sections with their
paragraphs. What a block *is* comes from `ingest.structure`; this module keeps the state
(which section is open, whether an attendee list is being read, a speaker table's column).
Page breaks are repaired here: a continuation row (empty label) joins the previous paragraph
when that one stopped mid-sentence or the continuation starts in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import structure
from ingest.attendee_text import held_by
from ingest.attendees import (
    TITLE_PREFIX,
    heads_person,
    names_a_person,
    person_entries,
)
from ingest.attribution import SPEAKER_CELL, SPEAKER_HEADING
from ingest.dates import parse_date
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Block
from ingest.text import collapse_ws, continues_item, split_item
from ingest.titles import parse_title, title_row

CLOSING = "Afsluiting"
UNNAMED = "Gesprek (zonder vraag)"
_INITIALS = re.compile(r"\b[A-Z]\.\s*(?=[A-Za-z(])")  # "J.J. Boersma", "mw. A. de Vries"
_TERMINAL = (".", "!", "?", ":", ";", "…", '"', "”", "’")


def joins(previous: str, continuation: str) -> bool:
    """A page-break continuation belongs to the previous paragraph when that one stopped
    mid-sentence or the continuation starts in lower case."""
    return not previous.rstrip().endswith(_TERMINAL) or continuation[:1].islower()


@dataclass
class Draft:
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
    subject_title: bool = False  # the title so far is an e-mail's subject line
    attendee_group: str = ""  # an organisation over its people, or a person over their role
    group_person: bool | None = None  # the group heading is the person (None: not yet known)
    named_row: bool = False  # the open section came from a row label that is no question
    speaker_table: structure.SpeakerTable | None = None  # inside a `Spreker | Inbreng` table
    name_column: int = 0  # an attendee table's column of names (`Organisatie | Naam`: 1)
    hosts: list[str] = field(default_factory=list)  # who held the interview, from the intro
    date_hint: str = ""  # an intro sentence that dates the conversation ("… op 19 februari 2019")
    sent: str = ""  # the ISO date of a header line (mail sent, note made): a year for "13 feb."
    limits: Limits = DEFAULT_LIMITS

    def section(self, title: str) -> list[str]:
        """The open section when it has this title (a row label repeated after a page
        break), else a new one: a speaker's row label under the next question is new."""
        if self.sections and self.sections[-1][0] == title:
            return self.sections[-1][1]
        paras: list[str] = []
        self.sections.append((title, paras))
        return paras

    @property
    def has_meta(self) -> bool:
        return bool(self.attendee_cells or self.date_text)


# A sentence under the title that dates the conversation ("Gesprek gevoerd op 18-06-2019 …").
_DATE_SENTENCE = re.compile(
    r"\b(?:gesprek|gevoerd|gehouden|plaatsgevonden|vond plaats|bijeenkomst|overleg|afgenomen)\b",
    re.IGNORECASE,
)


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


def _place(d: Draft, cells: tuple[str, ...], continuation: bool) -> None:
    """A row's cell paragraphs into the open section; a cell that is a section heading
    ("Overige punten" after the last question of a text file) opens that section."""
    start = 0
    cells = tuple(c for c in cells if (structure.meta(c) or ("",))[0] != "other")  # "Labels: …"
    for i, cell in enumerate(cells):
        if (d.has_meta or d.sent) and structure.sign_off(cell):  # "Groet, Gerda": a signature
            cells, d.signed = cells[:i], True
            break
    for i, cell in enumerate(cells):
        if not split_item(cell)[0] and structure.section_word(cell):
            if d.last_cells is not None:
                _extend(d.last_cells, cells[start:i], continuation and start == 0)
            d.last_cells = d.section(structure.strip_numbering(collapse_ws(cell)).rstrip(":"))
            start = i + 1
    if d.last_cells is not None:
        _extend(d.last_cells, cells[start:], continuation and start == 0)


def _meta_block(d: Draft, kind: str, rest: str) -> None:
    """An `Aanwezig`/`Datum`/`Afsluiting` label, as a row label, heading or inline line."""
    d.collecting = None
    if kind == "other":  # absentees, place, mail header, author: neither content nor people
        d.sent = d.sent or parse_date(rest) or ""
        d.collecting = None if rest else "other"
        d.last_cells = None if not d.sections else d.last_cells
        return
    if kind in ("minutes", "chair"):  # "Notulist: S. Hoekstra" before the questions took part
        if not d.sections:
            role = "notulist" if kind == "minutes" else "gespreksleider"
            d.attendee_cells.append(f"{rest} ({role})")
        return
    if kind == "attendees":
        d.last_cells = d.attendee_cells
        if rest:
            d.attendee_cells.append(rest)
        if not rest or rest.rstrip().endswith((";", ",")):
            d.collecting = "attendees"  # a list that goes on below ("…, Name, role;")
    elif kind == "date":
        d.date_text = d.date_text or rest
        d.collecting = None if rest else "date"
        d.last_cells = None
    else:
        d.last_cells = d.section(CLOSING)
        if rest:
            d.last_cells.append(rest)
        d.structured = True


def _grouped_attendee(d: Draft, text: str) -> None:
    """A line under an attendee group's heading: the role and organisation of the person
    heading it ("Name, directeur, Org"), or people of the organisation heading it
    ("Name (role)" under "Org": "Name (role, Org)")."""
    group = d.attendee_group
    if d.group_person is None:
        d.group_person = heads_person(group, text)
        if d.group_person:
            d.attendee_cells.append(f"{group}, {text}")
            return
    if d.group_person:  # a further line of the same person ("<dd>role<br>Org</dd>")
        d.attendee_cells[-1] = f"{d.attendee_cells[-1]}, {text}"
        return
    for entry in person_entries(text):
        d.attendee_cells.append(
            f"{entry[:-1]}, {group})" if entry.endswith(")") else f"{entry}, {group}"
        )


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
    d: Draft, block: Block, after_table: bool, around: tuple[Block | None, Block | None]
) -> bool:
    """Place one paragraph or heading; returns the new `after_table`."""
    item, text = split_item(block.text)
    heading = block.kind == "title"
    previous, following = around
    running = "" if d.subject_title else d.title  # a running header repeats the title
    if d.collecting == "date" and not d.signed and parse_date(text):
        d.date_text, d.collecting = text, None  # "18-09-2020" under "Datum gesprek"
        return after_table
    if d.signed or structure.debris(text, running) or structure.sublabel(text):
        return after_table
    if d.has_meta and structure.sign_off(text):
        d.signed = True
        return after_table
    if (not d.title or d.subject_title) and not d.sections:
        parsed = parse_title(text, d.limits)
        subject = (structure.meta(text) or ("",))[0] == "other"  # "Onderwerp: FW: verslag …"
        if parsed and not (d.title and subject):
            # a mail's subject is the title until the forwarded verslag's own title line
            d.title, d.number = parsed[0], parsed[1] if parsed[1] is not None else d.number
            d.subject_title = subject
            return after_table
    if d.collecting == "other" and (
        continues_item(block.text)  # the value of a `<dt>Locatie</dt>` label
        or structure.person_like(re.split(r",|\(|\s[–—-]\s", text)[0])  # under "Afwezig:"
    ):
        return after_table  # neither content nor attendees
    found = structure.meta(text)
    if found is None and item and following is not None and continues_item(following.text):
        found = structure.meta(text.rstrip(":") + ":")  # `<dt>Locatie</dt><dd>…</dd>`
    if found and found[0] == "attendees" and found[1] and d.structured and d.sections:
        found = None  # attendees come before the questions: this is a statement
    if found:
        _meta_block(d, *found)
        return False
    if d.collecting == "attendees" and item and following and continues_item(following.text):
        # "- Stichting X" with its people nested below; "<dt>Name</dt><dd>role, Org</dd>"
        d.attendee_group, d.group_person = text, None
        return after_table
    if d.collecting == "attendees" and continues_item(block.text) and d.attendee_group:
        _grouped_attendee(d, text)
        return after_table
    d.attendee_group = ""
    if (
        d.collecting == "attendees"
        and not heading
        and (
            item
            or continues_item(block.text)  # `<dt>Aanwezig</dt><dd>A<br>B</dd>`
            or structure.person_like(re.split(r",|\(|\s[–—-]\s", text)[0])
        )
        and (len(text) <= 200 or not d.attendee_cells)  # the corpus' run-on paragraph
        and ". " not in _INITIALS.sub("", TITLE_PREFIX.sub("", text))
        and not structure.question(text, heading=heading, item=item)
    ):
        d.attendee_cells.append(text)
        return after_table
    d.collecting = None
    held = held_by(text) if not (d.sections or d.structured) else None
    if held and names_a_person(held.split(" (")[0]):
        d.hosts.append(held)
    if (
        not d.date_text
        and not d.sections
        and (len(text) <= 60 or (len(text) <= 200 and _DATE_SENTENCE.search(text)))
        and parse_date(text)
    ):
        d.date_text = text  # "Hoogezand, 2 april 2019" under the title
        return after_table
    bare = structure.bare_label(text) if d.has_meta and not item else None
    if (
        (heading and d.title)
        or structure.question(text, heading=heading, item=item)
        or bare
        or (d.has_meta and structure.section_word(text))  # "3. AFSPRAKEN" too
        or (d.has_meta and _agenda_item(text, item, previous, following))
    ):
        d.last_cells = d.section(structure.strip_numbering(collapse_ws(text)).rstrip(":"))
        d.structured = True
        return False
    if not d.structured and not d.has_meta:
        d.intro.append(text)
        if not d.date_hint and len(text) <= 400 and _DATE_SENTENCE.search(text):
            d.date_hint = text if parse_date(text) else ""
    elif after_table:
        d.last_cells = d.section(CLOSING)
        d.last_cells.append(block.text)
    elif d.last_cells is not None and d.last_cells is not d.attendee_cells:
        d.last_cells.append(block.text)
    elif not d.sections and structure.editorial(text):
        d.intro.append(text)  # "In dit verslag staan de namen …": about the verslag
    else:  # after the meta, before any question: a section without a name
        d.last_cells = d.section(UNNAMED)
        d.last_cells.append(block.text)
    return after_table


def _row(d: Draft, block: Block) -> bool:
    """Place one table row; True when it was a question row (the table's body)."""
    if d.signed:
        return False
    if (not d.title or d.number is None) and not d.sections and title_row(block):
        # `Onderwerp | Verslag gesprek 55 …` in a template's form table
        d.title, d.number = parse_title(block.cells[0], d.limits) or (d.title, d.number)
        return False
    label = collapse_ws(block.label).rstrip(":").strip()
    if label and structure.debris(label) and all(structure.debris(c) for c in block.cells):
        return False  # the export's empty `--<TAB>--` row
    found = structure.meta(label) if label else None
    d.structured = True
    content = tuple(c for c in block.cells if not structure.debris(split_item(c)[1], d.title))
    speakers = structure.speaker_table(label, block.cells)
    if speakers is not None:  # the header row: its cells are no statements
        d.speaker_table = speakers
        return False
    t = d.speaker_table
    if t is not None and not any(block.cells) and _heading_row(label):
        # a question or section row merged across the table ("Vraag 1 – …", "Afspraken"):
        # it opens that section, and the rows below it are still the table's
        d.last_cells = d.section(structure.strip_numbering(label).rstrip(":"))
        return True
    if t is not None and not found and (t.question is not None or not structure.question(label)):
        return _speaker_row(d, block, t)
    d.speaker_table = None
    if not label:
        if d.last_cells is not None:
            if d.named_row and content and d.last_cells and not joins(d.last_cells[-1], content[0]):
                # An empty left cell below a row naming a speaker ("Hilde Wolters | …"): a
                # new turn of nobody we know, unless it continues a sentence cut by a page.
                d.last_cells.append(SPEAKER_HEADING)
                _place(d, content, continuation=False)
            else:
                _place(d, content, continuation=True)
        return d.last_cells is not d.attendee_cells
    held = structure.meta(f"{label}: {' '.join(block.cells)}") if label and not found else None
    if held and held[0] in ("minutes", "chair", "other"):  # `Gespreksleider | Name`, `Plaats | …`
        _meta_block(d, *held)
        return False
    if found and not found[1]:
        _meta_block(d, *found)
        if found[0] == "date":
            d.date_text, d.collecting = " ".join(block.cells), None
        elif found[0] == "attendees":
            # a list that goes on below the row ("…, Name, role;"): keep collecting
            open_end = bool(block.cells) and block.cells[-1].rstrip().endswith((";", ","))
            d.collecting = "attendees" if open_end else None
            _extend(d.attendee_cells, block.cells, continuation=False)
        else:
            _extend(d.section(CLOSING), block.cells, continuation=False)
            return True
        return False
    name_column = structure.attendee_header(label, block.cells)
    if name_column is not None:
        d.collecting, d.name_column = "attendee table", name_column
        return False
    table = d.collecting == "attendee table" and not structure.question(label)
    if table or (d.collecting == "attendees" and structure.person_like(label)):
        cells = [label, *block.cells]
        if table and 0 < d.name_column < len(cells):  # the name first: "Name (role), Org"
            cells.insert(0, cells.pop(d.name_column))
        d.attendee_cells.append(", ".join(cells))
        return False
    d.collecting = None
    reopened = bool(d.sections) and d.sections[-1][0] == structure.strip_numbering(label)
    d.last_cells = d.section(structure.strip_numbering(label))
    d.named_row = not structure.question(label) and not structure.section_word(label)
    if d.named_row and reopened and SPEAKER_HEADING in d.last_cells:
        d.last_cells.append(SPEAKER_HEADING + label)  # the speaker again, after nobody's row
    _place(d, content, continuation=False)
    return True


def _heading_row(label: str) -> bool:
    """A row that is only a question or a section word: a heading inside a table."""
    return bool(label) and (structure.question(label) or structure.section_word(label))


def _speaker_row(d: Draft, block: Block, t: structure.SpeakerTable) -> bool:
    """One row of a speaker table: the speaker cell (empty, "allen" or "–": nobody) heads the
    paragraphs of the content column, in the row's question or the section above the table."""
    counts = block.columns or (1,) * len(block.cells)
    columns, at = [[block.label] if block.label.strip() else []], 0
    for n in counts:
        columns.append(list(block.cells[at : at + n]))
        at += n
    if t.question is not None and len(columns) < t.width:
        columns.insert(t.question, [])  # the question cell spans this row from above
    cell = lambda i: columns[i] if i < len(columns) else []  # noqa: E731
    asked = collapse_ws(" ".join(cell(t.question))) if t.question is not None else ""
    if asked and structure.question(asked):
        d.last_cells = d.section(structure.strip_numbering(asked).rstrip(":"))
    if d.last_cells is None or d.last_cells is d.attendee_cells:
        d.last_cells = d.section(UNNAMED)
    who = cell(t.speaker) if t.speaker is not None else []  # an action list's: nobody
    d.last_cells.append(SPEAKER_CELL + collapse_ws(" ".join(who)))
    d.last_cells.extend(
        c for c in cell(t.content) if not structure.debris(split_item(c)[1], d.title)
    )
    return True


def walk(blocks: list[Block], limits: Limits) -> Draft:
    d = Draft(limits=limits)
    after_table = False  # paragraphs after a table row (not a heading) are the closing
    for i, block in enumerate(blocks):
        text = split_item(block.text)[1]
        if block.kind != "row" and structure.TIMESTAMP.match(text):  # a transcript's turn
            mark = block.text[: len(block.text) - len(text)]
            block = Block(block.kind, text=mark + structure.TIMESTAMP.sub("", text, count=1))
        if block.kind == "row":
            after_table = _row(d, block)
        else:
            around = (blocks[i - 1] if i else None, blocks[i + 1] if i + 1 < len(blocks) else None)
            after_table = _paragraph(d, block, after_table, around)
    return d
