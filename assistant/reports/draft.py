"""A summary draft as a record, and as Markdown: the one text the app shows and .md/.docx
export. Building a draft from the record is summaries.py; writing files is export.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.answering.citations import Citation
from assistant.nl import roman
from ingest.records import Attendee
from ingest.text import fold

ATTRIBUTED = "Toegeschreven uitspraken"
UNATTRIBUTED = "Niet toegeschreven (in het gesprek opgemerkt)"


@dataclass(frozen=True)
class Scope:
    kind: Literal["verslag", "organisation", "opgave"]
    value: str  # verslag id, canonical organisation name or opgave name
    label: str  # Dutch, for titles and the prompt


@dataclass(frozen=True)
class Part:
    """The statements of one group that answer one question of the conversation."""

    section: str
    attributed: tuple[Citation, ...]
    unattributed: tuple[Citation, ...]


@dataclass(frozen=True)
class Group:
    """An opgave (or, in an opgave summary, a gesprek) with its statements per question."""

    title: str
    note: str
    parts: tuple[Part, ...]


@dataclass
class Summary:
    scope: Scope
    title: str
    header: list[tuple[str, str]]  # (label, value) lines under the title
    body: str  # markdown: extractive, or model-written and checked
    citations: list[Citation]  # the numbered source list; [n] in the body refer to it
    groups: list[Group] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # paragraphs between header and body
    mode: Literal["extractive", "llm"] = "extractive"
    notice: str | None = None  # shown above the body, e.g. "taalmodel reageerde niet"
    warnings: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        """The draft as Markdown: title, header, remarks, body, numbered sources."""
        return summary_markdown(self)


def source_line(c: Citation) -> str:
    """n's entry in the source list: who, gesprek + date, question, statement id."""
    who = "niet toegeschreven" if c.attribution == "none" else c.who
    return f"{who} — {c.where} — {c.section} — `{c.statement_id}`"


def attendee_label(a: Attendee) -> str:
    """ "Name, role" and the organisation when the role does not name it."""
    label = f"{a.name}, {a.role}" if a.role else a.name
    if a.organisation and fold(a.organisation) not in fold(a.role):
        label += f" ({a.organisation})"
    return label


def shorten(text: str, words: int = 14) -> str:
    """The first `words` words, verbatim, with "…" when cut."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def extractive_body(groups: list[Group], name_gesprek: bool = True) -> str:
    """Verbatim quotes per group and question, attributed and unattributed apart; a statement
    quoted before is shortened. Points name their gesprek when the groups span several (and
    `name_gesprek`). An unattributed point names no speaker."""
    ids = {c.verslag_id for g in groups for p in g.parts for c in (*p.attributed, *p.unattributed)}
    multi = name_gesprek and len(ids) > 1
    seen: set[int] = set()
    lines: list[str] = []

    def point(c: Citation, who: str | None) -> str:
        text = shorten(c.text) if c.n in seen else c.text
        seen.add(c.n)
        where = f"gesprek {roman(c.verslag_number)}" if multi else ""
        lead = ", ".join(x for x in (f"**{who}**" if who else "", where) if x)
        note = " (vervolg van dezelfde spreker)" if c.attribution == "inferred" else ""
        return f'- {lead + ": " if lead else ""}"{text}" [{c.n}]{note}'

    for g in groups:
        lines += [f"## {g.title}", "", f"_{g.note}_", ""]
        for p in g.parts:
            lines += [f"### {p.section}", ""]
            if p.attributed:
                lines += [f"**{ATTRIBUTED}**", "", *(point(c, c.who) for c in p.attributed), ""]
            if p.unattributed:
                lines += [f"**{UNATTRIBUTED}**", "", *(point(c, None) for c in p.unattributed), ""]
    return "\n".join(lines).rstrip()


def summary_markdown(summary: Summary) -> str:
    """The whole draft: title, header, notice, remarks, body, then "Bronnen" ([n] entries)."""
    out = [f"# {summary.title}", ""]
    out += [f"- **{label}:** {value}" for label, value in summary.header]
    out.append("")
    if summary.notice:
        out += [f"> **Let op:** {summary.notice}", ""]
    for remark in summary.remarks:
        out += [f"_{remark}_", ""]
    out += [summary.body.strip(), ""]
    if summary.citations:
        out += ["## Bronnen", ""]
        out += [f"- [{c.n}] {source_line(c)}" for c in summary.citations]
    return "\n".join(out).rstrip() + "\n"
