"""Answers and citations: the extractive composer and the citation checks.

The extractive answer never paraphrases: it quotes the retrieved statements verbatim, grouped
by speaker and verslag, each numbered `[n]`. Model-written answers (llm.py) are checked here:
unknown `[n]` removed, uncited sentences and misattributed claims flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import prompts
from ingest.records import Statement, Verslag
from ingest.text import fold
from vectorstore.search import Filters, Hit

MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def dutch_date(iso: str | None) -> str:
    """`2019-01-09` -> `9 januari 2019`."""
    if not iso:
        return "datum onbekend"
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{d} {MONTHS_NL[m - 1]} {y}"


def roman(n: int | None) -> str:
    from ingest.text import int_to_roman

    return int_to_roman(n) if n else "?"


@dataclass(frozen=True)
class Citation:
    n: int
    statement_id: str
    verslag_id: str
    verslag_number: int | None
    verslag_date: str | None
    section: str
    speaker: str | None
    organisation: str | None
    attribution: str
    text: str
    span: tuple[int, int]

    @classmethod
    def of(cls, n: int, s: Statement, v: Verslag | None) -> Citation:
        return cls(
            n=n,
            statement_id=s.id,
            verslag_id=s.verslag_id,
            verslag_number=v.number if v else None,
            verslag_date=v.date if v else None,
            section=s.section,
            speaker=s.speaker,
            organisation=s.organisation,
            attribution=s.attribution,
            text=s.text,
            span=s.span,
        )

    @property
    def who(self) -> str:
        """Speaker as shown to officials (Dutch)."""
        if self.attribution == "none":
            return "niet toegeschreven"
        if self.organisation and self.speaker and fold(self.speaker) not in fold(self.organisation):
            return f"{self.organisation} ({self.speaker})"
        return self.organisation or self.speaker or "onbekend"

    @property
    def where(self) -> str:
        return f"gesprek {roman(self.verslag_number)}, {dutch_date(self.verslag_date)}"

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
        }


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    filters: Filters
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[Hit] = field(default_factory=list)
    mode: str = "extractive"
    warnings: list[str] = field(default_factory=list)
    notice: str | None = None  # shown to the user, e.g. "model unreachable, extractive answer"

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "mode": self.mode,
            "filters": self.filters.to_dict(),
            "citations": [c.to_json() for c in self.citations],
            "retrieved": [
                {
                    "statement_id": h.statement.id,
                    "score": round(h.score, 6),
                    "text": h.statement.text,
                    "organisation": h.statement.organisation,
                    "verslag_id": h.statement.verslag_id,
                }
                for h in self.retrieved
            ],
            "warnings": self.warnings,
            "notice": self.notice,
        }


def _attended_note(org: str, attended: list[Verslag]) -> str:
    where = ", ".join(f"gesprek {roman(v.number)} ({dutch_date(v.date)})" for v in attended)
    return (
        f" {org} was aanwezig bij {where}, maar dat verslag schrijft geen uitspraken toe aan "
        "personen of organisaties."
    )


def not_found(
    question: str,
    filters: Filters,
    retrieved: list[Hit],
    *,
    asked_unknown: str | None = None,
    attended: dict[str, list[Verslag]] | None = None,
    has_statements: frozenset[str] = frozenset(),
) -> Answer:
    """The answer when nothing relevant was found, saying *why* where we know."""
    text = prompts.refusal()
    if asked_unknown:
        text = f"{asked_unknown} komt in de verslagen niet voor als spreker. {text}"
    for org in filters.organisations:
        line = f"In de verslagen staan geen uitspraken van {org} over dit onderwerp."
        if org not in has_statements and attended and org in attended:
            line += _attended_note(org, attended[org])
        text = f"{line} {text}"
    return Answer(question, text, False, filters, [], retrieved)


def cite(hits: list[Hit], verslagen: dict[str, Verslag]) -> list[Citation]:
    return [
        Citation.of(i, h.statement, verslagen.get(h.statement.verslag_id))
        for i, h in enumerate(hits, start=1)
    ]


def extractive(question: str, filters: Filters, hits: list[Hit], citations: list[Citation]) -> str:
    """A short lead sentence, then the statements grouped by speaker and verslag, verbatim."""
    groups: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.who, c.verslag_id), []).append(c)
    n_verslagen = len({c.verslag_id for c in citations})
    if filters.organisations or filters.persons:
        names = " en ".join((*filters.organisations, *filters.persons))
        lead = f"Dit zijn de uitspraken van {names} in de verslagen die bij deze vraag passen:"
    else:
        lead = (
            f"Ik vond {len(citations)} passende uitspraken in {n_verslagen} "
            f"{'verslag' if n_verslagen == 1 else 'verslagen'}:"
        )
    lines = [lead]
    for (who, _), cs in groups.items():
        head = "Niet toegeschreven" if who == "niet toegeschreven" else who
        lines.append(f"\n**{head}** — {cs[0].where}:")
        for c in cs:
            note = " (vervolg van dezelfde spreker)" if c.attribution == "inferred" else ""
            lines.append(f'- "{c.text}" [{c.n}]{note}')
    if any(c.attribution == "none" for c in citations):
        lines.append(
            "\nNiet toegeschreven uitspraken zijn in het verslag aan niemand toegeschreven; "
            "wie ze deed, staat er niet in."
        )
    return "\n".join(lines)


# --- checks on model-written answers -------------------------------------------------------

_MARK = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def check_citations(
    text: str, citations: list[Citation], organisations: list[str]
) -> tuple[str, list[Citation], list[str]]:
    """Remove unknown `[n]`; flag (in the text, visibly, and as warnings) sentences without a
    citation and claims naming an organisation that cite no statement of it.
    Returns (checked text, citations used, warnings)."""
    known = {c.n: c for c in citations}
    warnings: list[str] = []
    bad = sorted({int(n) for n in _MARK.findall(text) if int(n) not in known})
    if bad:
        warnings.append(
            "verwijderde verwijzingen naar onbekende uitspraken: "
            + ", ".join(f"[{n}]" for n in bad)
        )
    clean = _MARK.sub(lambda m: m.group(0) if int(m.group(1)) in known else "", text)
    clean = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", clean)).strip()
    refusal = prompts.refusal()
    lines = []
    for line in clean.split("\n"):
        sentences = []
        for sentence in _SENTENCE.split(line):
            sentences.append(sentence + _flag(sentence, known, organisations, refusal, warnings))
        lines.append(" ".join(sentences))
    checked = "\n".join(lines)
    used_numbers = {int(n) for n in _MARK.findall(checked)}
    return checked, [c for c in citations if c.n in used_numbers], warnings


def _flag(
    sentence: str,
    known: dict[int, Citation],
    organisations: list[str],
    refusal: str,
    warnings: list[str],
) -> str:
    """The visible flag for one sentence ("" when it is cited and attributed correctly)."""
    s = sentence.strip()
    words = re.findall(r"\w+", s)
    if len(words) < 3 or s == refusal or s.endswith(":") or s.startswith(("#", "**")):
        return ""
    cited = [known[int(n)] for n in _MARK.findall(s)]
    if not cited:
        warnings.append(f"zin zonder bronvermelding: {s[:80]}")
        return " [⚠ geen bron]"
    for org in organisations:
        named = fold(org) in fold(s) or any(fold(w) in fold(s) for w in _short_names(org))
        if named and not any(c.organisation == org for c in cited):
            warnings.append(f"bewering over {org} zonder uitspraak van {org}: {s[:80]}")
            return f" [⚠ niet onderbouwd met een uitspraak van {org}]"
    return ""


def _short_names(org: str) -> list[str]:
    """Distinctive words of an organisation's name ("Westerbroek" for the Vereniging …)."""
    generic = {"vereniging", "stichting", "dorpsbelangen", "centrale", "zorg", "welzijn", "en"}
    return [w for w in org.split() if len(w) > 3 and fold(w) not in generic]
