"""A summary draft as a record, and as Markdown: the one text the app shows and .md/.docx
export. Building a draft from the record is summaries.py; writing files is export.py.

The body reads as a draft an official can send on: an opening (who, when, about what), "Wat
komt terug" (points several organisations raised, each citing all its sources), then per
opgave the remaining points, each statement once, quoted in whole sentences. Statement ids
appear only in the "Bronnen" appendix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.answering.citations import Citation, sentences
from ingest.records import Attendee
from ingest.text import fold

OPENING = "Samenvatting"
RECURRING = "Wat komt terug"
CUT = " […]"  # marks sentences left out; never inside a sentence
QUOTE_WORDS = 45  # a quote is shortened to whole sentences of about this many words

_LABEL = re.compile(r"^\s*([^:.!?\n]{2,60}):\s+(?=\S)")


@dataclass(frozen=True)
class Scope:
    kind: Literal["verslag", "organisation", "opgave"]
    value: str  # verslag id, canonical organisation name or opgave name
    label: str  # Dutch, for titles and the prompt


@dataclass(frozen=True)
class Point:
    """One statement in the draft: its citation, the quote shown (whole sentences, without
    a speaker label that repeats the name before it) and the other opgaven it touches."""

    citation: Citation
    quote: str
    also: tuple[str, ...] = ()
    host: bool = False  # the speaker speaks for the municipality (a host, not consulted)


@dataclass(frozen=True)
class Group:
    """An opgave (or, in an opgave summary, a gesprek) with its remaining points."""

    title: str
    note: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Recurring:
    """A point several organisations raised; one quote per source statement."""

    topic: str
    organisations: tuple[str, ...]
    points: tuple[Point, ...]


@dataclass
class Summary:
    scope: Scope
    title: str
    header: list[tuple[str, str]]  # (label, value) lines under the title
    body: str  # markdown: opening, recurring points, the points per group
    citations: list[Citation]  # the numbered source list; [n] in the body refer to it
    groups: list[Group] = field(default_factory=list)
    recurring: list[Recurring] = field(default_factory=list)
    opening: str = ""
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


def shorten(text: str, words: int = QUOTE_WORDS, focus: str = "") -> str:
    """Whole sentences of `text`, about `words` words: from the first sentence that
    mentions `focus` (when given and found), always at least one sentence; " […]" marks
    what is left out before or after. Never cut inside a sentence."""
    parts = sentences(" ".join(text.split()))
    if not parts:
        return text.strip()
    start = 0
    if focus:
        key = fold(focus)
        start = next((i for i, p in enumerate(parts) if key in fold(p)), 0)
    kept: list[str] = []
    count = 0
    for p in parts[start:]:
        n = len(p.split())
        if kept and count + n > words:
            break
        kept.append(p)
        count += n
    out = " ".join(kept)
    if start:
        out = CUT.strip() + " " + out
    if start + len(kept) < len(parts):
        out += CUT
    return out


def without_label(text: str, names: tuple[str, ...]) -> str:
    """The text without a leading speaker label ("Humanitas: …") that repeats one of
    `names` (organisation or person already named before the quote)."""
    m = _LABEL.match(text)
    if not m:
        return text
    label = fold(m.group(1))
    if any(n and (label in fold(n) or fold(n) in label) for n in names):
        return text[m.end() :]
    return text


def point_line(p: Point, name: bool = True) -> str:
    """A point as one Markdown list item: the speaker (never for an unattributed statement),
    the quote, its [n], and the other opgaven it touches."""
    c = p.citation
    lead = f"**{c.who}**: " if name and c.attribution != "none" else ""
    if lead and p.host:
        lead = f"**{c.who}** (namens de gemeente): "
    note = " (vervolg van dezelfde spreker)" if c.attribution == "inferred" else ""
    also = f" _Ook over: {', '.join(p.also)}._" if p.also else ""
    return f'- {lead}"{p.quote}" [{c.n}]{note}{also}'


def recurring_markdown(points: list[Recurring]) -> str:
    """The "Wat komt terug" items: the topic and who raised it, then one quote each."""
    lines = []
    for r in points:
        who = and_list(list(r.organisations))
        topic = f"**{r.topic}**" if r.topic else "**Gedeeld punt**"
        lines.append(f"- {topic} — genoemd door {who}.")
        for p in r.points:
            lines.append(f'  - {p.citation.who}: "{p.quote}" [{p.citation.n}]')
    return "\n".join(lines)


def body_markdown(opening: str, recurring: str, groups: list[Group], name: bool) -> str:
    """Opening, "Wat komt terug" (when there is one), then a section per group."""
    out = [f"## {OPENING}", "", opening.strip(), ""]
    if recurring.strip():
        out += [f"## {RECURRING}", "", recurring.strip(), ""]
    for g in groups:
        out += [f"## {g.title}", "", f"_{g.note}_", ""]
        out += [point_line(p, name) for p in g.points]
        out.append("")
    return "\n".join(out).rstrip()


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


def and_list(items: list[str]) -> str:
    """ "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
