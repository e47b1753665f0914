"""Domain records shared by every layer: plain dataclasses, no I/O.

These are the boundary types: readers and the parser produce them, the store persists them,
the assistant cites them. Keeping them dumb makes parsing testable without any heavy dependency.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Literal

Attribution = Literal["explicit", "inferred", "none"]


@dataclass(frozen=True)
class Attendee:
    """One person present at a conversation, as the `Aanwezig` row names them."""

    name: str
    role: str
    organisation: str | None = None


@dataclass(frozen=True)
class Block:
    """A normalised text block from a reader: a title, paragraph, or a table row."""

    kind: Literal["title", "paragraph", "row"]
    text: str = ""
    label: str = ""
    cells: tuple[str, ...] = ()
    # Paragraphs per value column of a row, when the reader knows the table's columns
    # (a `Spreker | Inbreng | Opgave` table keeps only its Inbreng column as statements).
    columns: tuple[int, ...] = ()


@dataclass(frozen=True)
class Statement:
    """One speaker turn (paragraph or bullet), verbatim, with its attribution."""

    id: str
    verslag_id: str
    section: str
    position: int
    text: str
    speaker: str | None = None
    organisation: str | None = None
    persons: tuple[str, ...] = ()
    attribution: Attribution = "none"
    opgaven: tuple[str, ...] = ()
    span: tuple[int, int] = (0, 0)
    opgave_reasons: tuple[str, ...] = ()  # why each opgave was tagged, aligned with opgaven

    def to_dict(self) -> dict:
        d = asdict(self)
        d["persons"] = list(self.persons)
        d["opgaven"] = list(self.opgaven)
        d["opgave_reasons"] = list(self.opgave_reasons)
        d["span"] = list(self.span)
        return d


@dataclass(frozen=True)
class Section:
    """A question row of the verslag table (or the intro/closing), in order."""

    title: str
    kind: Literal["question", "closing"] = "question"


@dataclass(frozen=True)
class Verslag:
    """A parsed verslag: metadata plus its normalised text and statements."""

    id: str
    number: int | None
    title: str
    date: str | None
    source: str
    attendees: tuple[Attendee, ...] = ()
    sections: tuple[Section, ...] = ()
    statements: tuple[Statement, ...] = ()
    text: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def identity(self) -> str:
        """What makes two files the same verslag, whatever their file names: the
        conversation's number and date; without a number, its title and date; when the title
        is only the file name (the verslag has none), its content (the id), so a file name
        never decides. A file with the identity of a stored verslag is a revision of it."""
        date = self.date or "-"
        if self.number is not None:
            return f"gesprek {self.number} | {date}"
        title = " ".join(self.title.casefold().split())
        if title and title != PurePath(self.source).stem.casefold():
            return f"titel {title} | {date}"
        return f"inhoud {self.id}"

    def meta_dict(self) -> dict:
        """The `verslagen --json` shape."""
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "attendees": [asdict(a) for a in self.attendees],
        }


@dataclass(frozen=True)
class Stored:
    """What storing one verslag did: its status (`added`, `replaced`, `retagged`,
    `unchanged`) and, for a replacement, the earlier version(s) and how many statements the
    revision added and removed (compared by text)."""

    status: str
    replaced: tuple[str, ...] = ()  # "<source file> (<verslag id>)" of each earlier version
    statements_added: int = 0
    statements_removed: int = 0
