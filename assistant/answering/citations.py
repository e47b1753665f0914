"""Citations: the `[n]` record, the one marker grammar, the one sentence splitter, and the one
check a model-written text (chat answer or summary) passes before anyone sees it.

The check removes markers that point at nothing retrieved, flags sentences that cite nothing,
and flags a sentence that names a speaker (organisation, label, person: the same vocabulary the
question analysis uses) while citing no statement of that speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assistant.nl import gesprek_label, gesprek_no, roman
from ingest.records import Statement, Verslag
from ingest.speakers import Speaker
from ingest.text import fold

# `[3]`, `[1, 4]`, `[2-5]`, `[2–5]`, `[1; 3]`: every bracket of numbers a model may write.
MARKER = re.compile(r"\[\s*(\d{1,6}(?:\s*(?:[,;]|[-–])\s*\d{1,6})*)\s*\]")
_PART = re.compile(r"(\d{1,6})\s*[-–]\s*(\d{1,6})|(\d{1,6})")
_MAX_RANGE = 50  # a range marker longer than this is not a citation but noise
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\[“‘])")
UNSOURCED = " [⚠ geen bron]"


def quoted(text: str) -> str:
    """Document text (a quote, a name, a heading) as it goes into an answer: a `[n]` in it is
    shown but never read as a citation marker (a word joiner after the bracket)."""
    return MARKER.sub(lambda m: "[\u2060" + m.group(0)[1:], text)


def numbers(marker_body: str) -> list[int]:
    """The statement numbers one marker names (`"1, 3-5"` -> [1, 3, 4, 5])."""
    out: list[int] = []
    for m in _PART.finditer(marker_body):
        if m.group(3):
            out.append(int(m.group(3)))
            continue
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo <= hi and hi - lo <= _MAX_RANGE:
            out.extend(range(lo, hi + 1))
        else:
            out.extend((lo, hi))
    return out


def cited_numbers(text: str) -> list[int]:
    """Every statement number cited in `text`, in order of first mention."""
    return list(dict.fromkeys(n for m in MARKER.finditer(text) for n in numbers(m.group(1))))


def sentences(text: str) -> list[str]:
    """Sentences of one line of text (a new line always ends a sentence)."""
    return [s for line in text.split("\n") for s in _SENTENCE.split(line) if s.strip()]


@dataclass(frozen=True)
class Citation:
    """A numbered source: a statement, or a row of a verslag itself (its `Aanwezig` or
    `Datum gesprek` row, `row` set and `statement_id` None) for questions about the record."""

    n: int
    statement_id: str | None
    verslag_id: str
    verslag_number: int | None
    verslag_date: str | None
    section: str
    speaker: str | None
    organisation: str | None
    attribution: str
    text: str
    span: tuple[int, int]
    persons: tuple[str, ...] = ()
    opgaven: tuple[str, ...] = ()
    opgave_reasons: tuple[str, ...] = ()  # why each opgave was tagged (ingest.opgaven)
    row: str | None = None  # "Aanwezig" / "Datum gesprek" for a citation of a verslag row
    verslag_numeral: str = ""  # the gesprek's number as its verslag writes it ("XLIII", "43")

    @classmethod
    def of_row(cls, n: int, v: Verslag, row: str, fallback: str) -> Citation:
        """The verslag's own line labelled `row` (verbatim, with its span for highlighting),
        or `fallback` when the text has no such line (a layout without row labels)."""
        m = re.search(rf"^[ \t]*{re.escape(row)}\b[^\n]*", v.text or "", re.MULTILINE | re.I)
        text, span = (m.group(0).strip()[:400], m.span()) if m else (fallback, (0, 0))
        return cls(
            n=n,
            statement_id=None,
            verslag_id=v.id,
            verslag_number=v.number,
            verslag_date=v.date,
            verslag_numeral=gesprek_no(v),
            section=row,
            speaker=None,
            organisation=None,
            attribution="none",
            text=text,
            span=span,
            row=row,
        )

    @classmethod
    def of(cls, n: int, s: Statement, v: Verslag | None) -> Citation:
        return cls(
            n=n,
            statement_id=s.id,
            verslag_id=s.verslag_id,
            verslag_number=v.number if v else None,
            verslag_date=v.date if v else None,
            verslag_numeral=gesprek_no(v) if v else "",
            section=s.section,
            speaker=s.speaker,
            organisation=s.organisation,
            attribution=s.attribution,
            text=s.text,
            span=s.span,
            persons=tuple(s.persons),
            opgaven=tuple(s.opgaven),
            opgave_reasons=tuple(s.opgave_reasons),
        )

    @property
    def person(self) -> str | None:
        """The person the verslag names as speaker of this statement, beside its
        organisation ("Bert Kolk heeft vanuit Humanitas …"); None for a bare label."""
        if self.attribution == "none" or not self.speaker or not self.organisation:
            return None
        return None if fold(self.speaker) in fold(self.organisation) else self.speaker

    @property
    def who(self) -> str:
        """Speaker as shown to officials (Dutch): the organisation, with the person the
        verslag names on this statement."""
        if self.row:
            return f"verslag ({self.row})"
        if self.attribution == "none":
            return "niet toegeschreven"
        if self.person:
            return f"{self.organisation} ({self.person})"
        return self.organisation or self.speaker or "onbekend"

    @property
    def group(self) -> str:
        """The speaker group an answer lists this citation under: one per organisation."""
        if self.row:
            return "verslag"
        if self.attribution == "none":
            return "niet toegeschreven"
        return self.organisation or self.speaker or "onbekend"

    @property
    def where(self) -> str:
        return gesprek_label(self.verslag_numeral or roman(self.verslag_number), self.verslag_date)

    def by(self, speaker: Speaker) -> bool:
        """Whether this cited statement is one of `speaker` (organisation or person); a cited
        verslag row backs a claim about whoever it names (an attendee in `Aanwezig`)."""
        if self.row:
            text = fold(self.text)
            names = [speaker.organisation or "", *speaker.persons]
            return any(n and fold(n) in text for n in names)
        if self.attribution == "none":
            return False
        if speaker.organisation and self.organisation == speaker.organisation:
            return True
        return any(p in self.persons or p == self.speaker for p in speaker.persons)

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "statement_id": self.statement_id,
            "verslag_id": self.verslag_id,
            "verslag_number": self.verslag_number,
            "verslag_date": self.verslag_date,
            "section": self.section,
            "organisation": self.organisation,
            "speaker": self.speaker,
            "attribution": self.attribution,
            "text": self.text,
            "opgaven": list(self.opgaven),
            "opgave_reasons": list(self.opgave_reasons),
            "row": self.row,
        }


def cite(statements: Iterable[Statement], verslagen: Mapping[str, Verslag]) -> list[Citation]:
    """Citations numbered 1.. in the given order."""
    return [Citation.of(i, s, verslagen.get(s.verslag_id)) for i, s in enumerate(statements, 1)]


@dataclass
class Checked:
    """A model-written text after the check."""

    text: str
    used: list[Citation]
    warnings: list[str] = field(default_factory=list)
    misattributed: list[str] = field(default_factory=list)  # sentences naming an uncited speaker


def check_citations(
    text: str,
    citations: list[Citation],
    speakers: Mapping[str, Speaker],
    *,
    exempt: Iterable[str] = (),
) -> Checked:
    """Remove unknown `[n]`; flag, visibly and as warnings, sentences without a citation and
    sentences naming a speaker (keys of `speakers` are folded names) that cite no statement
    of theirs. `exempt` sentences (the refusal) are never flagged."""
    known = {c.n: c for c in citations}
    out = Checked("", [])
    unknown = sorted({n for n in cited_numbers(text) if n not in known})
    if unknown:
        out.warnings.append(
            "verwijderde verwijzingen naar onbekende uitspraken: "
            + ", ".join(f"[{n}]" for n in unknown)
        )

    def keep(m: re.Match[str]) -> str:
        good = [n for n in dict.fromkeys(numbers(m.group(1))) if n in known]
        return "".join(f"[{n}]" for n in good)

    clean = MARKER.sub(keep, text)
    clean = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", clean)).strip()
    exempt = {e.strip() for e in exempt}
    lines = []
    for line in clean.split("\n"):
        parts = [s + _flag(s, known, speakers, exempt, out) for s in _SENTENCE.split(line)]
        lines.append(" ".join(parts))
    out.text = "\n".join(lines)
    used = set(cited_numbers(out.text))
    out.used = [c for c in citations if c.n in used]
    return out


def _flag(
    sentence: str,
    known: dict[int, Citation],
    speakers: Mapping[str, Speaker],
    exempt: set[str],
    out: Checked,
) -> str:
    """The visible flag for one sentence ("" when it is cited and attributed correctly).
    Headings, lead-ins ending in ':' and short fragments are not claims."""
    s = sentence.strip()
    if len(re.findall(r"\w+", s)) < 3 or s in exempt or s.endswith(":") or s.startswith("#"):
        return ""
    cited = [known[n] for n in cited_numbers(s) if n in known]
    if not cited:
        if s.startswith("**"):
            return ""
        out.warnings.append(f"zin zonder bronvermelding: {s[:80]}")
        return UNSOURCED
    folded = fold(s)
    for name, speaker in speakers.items():
        if re.search(rf"\b{re.escape(name)}\b", folded) and not any(c.by(speaker) for c in cited):
            who = speaker.organisation or ", ".join(speaker.persons) or speaker.label
            out.warnings.append(f"bewering over {who} zonder uitspraak van {who}: {s[:80]}")
            out.misattributed.append(s)
            return f" [⚠ niet onderbouwd met een uitspraak van {who}]"
    return ""
