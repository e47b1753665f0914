"""Answers: the record a question gets back, the extractive composer and the refusal.

The extractive answer never paraphrases: it quotes the retrieved statements verbatim, grouped
by speaker and verslag, each numbered `[n]`. Model-written answers (llm.py) are checked by
citations.check_citations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import prompts
from assistant.answering.citations import Citation, quoted
from assistant.nl import dutch_date, gesprek_no, plural
from ingest.records import Statement, Verslag
from vectorstore.search import Filters, Hit


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
    kind: str = "said"  # the question kind answered (answering/kinds.py)
    nearest: list[Citation] = field(default_factory=list)  # offered, not an answer

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "mode": self.mode,
            "kind": self.kind,
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
            "nearest": [c.to_json() for c in self.nearest],
        }


def _attended_note(org: str, attended: list[Verslag]) -> str:
    where = ", ".join(f"gesprek {gesprek_no(v)} ({dutch_date(v.date)})" for v in attended)
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
    nearest: list[Citation] | None = None,
    nearest_lead: str | None = None,
) -> Answer:
    """The answer when nothing relevant was found, saying *why* where we know, and once: an
    organisation's own line replaces the general refusal sentence. `nearest` statements of
    that organisation (or on the topic, under `nearest_lead`) are offered after it, labelled
    as not answering the question."""
    lines = []
    for org in filters.organisations:
        line = f"In de verslagen staan geen uitspraken van {org} over dit onderwerp."
        if org not in has_statements and attended and org in attended:
            line += _attended_note(org, attended[org])
        lines.append(line)
    if asked_unknown:
        # a colon, so "de ouderen" and "Humanitas" read alike
        lines.insert(0, f"Als spreker komt in de verslagen niet voor: {quoted(asked_unknown)}.")
    if not filters.organisations:
        lines.append(prompts.refusal())
    text = " ".join(lines)
    nearest = nearest or []
    if nearest:
        who = quoted(" en ".join(dict.fromkeys(c.group for c in nearest)))
        text += "\n\n" + (
            nearest_lead
            or f"Wel zei {who} in de verslagen (dit beantwoordt de vraag niet, maar komt er "
            "het dichtst bij):"
        )
        for c in nearest:
            source = c.where if c.attribution == "none" else f"{c.group}, {c.where}"
            text += f'\n- "{quoted(c.text)}" ({quoted(source)})'
    return Answer(question, text, False, filters, [], retrieved, nearest=nearest)


def _group_key(s: Statement) -> tuple[str, str]:
    """One group per speaker (organisation, else label) and verslag."""
    who = "" if s.attribution == "none" else (s.organisation or s.speaker or "")
    return who, s.verslag_id


def reading_order(hits: list[Hit]) -> list[Hit]:
    """Hits in the order the extractive answer shows them (groups in order of their best
    hit, hits by rank within a group), so citations numbered in this order read 1, 2, 3."""
    groups: dict[tuple[str, str], list[Hit]] = {}
    for h in hits:
        groups.setdefault(_group_key(h.statement), []).append(h)
    return [h for members in groups.values() for h in members]


def extractive(question: str, filters: Filters, citations: list[Citation]) -> str:
    """A short lead sentence, then the statements grouped by speaker and verslag, verbatim,
    with the person the verslag names on a statement."""
    groups: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.group, c.verslag_id), []).append(c)
    n_verslagen = len({c.verslag_id for c in citations})
    if filters.organisations or filters.persons:
        names = quoted(" en ".join((*filters.organisations, *filters.persons)))
        lead = f"Dit zijn de uitspraken van {names} in de verslagen die bij deze vraag passen:"
    else:
        lead = (
            f"Ik vond {plural(len(citations), 'passende uitspraak', 'passende uitspraken')} in "
            f"{plural(n_verslagen, 'verslag', 'verslagen')}:"
        )
    lines = [lead]
    for (who, _), cs in groups.items():
        head = "Niet toegeschreven" if who == "niet toegeschreven" else quoted(who)
        lines.append(f"\n**{head}** — {cs[0].where}:")
        for c in cs:
            notes = [quoted(c.person)] if c.person else []
            if c.attribution == "inferred":
                notes.append("vervolg van dezelfde spreker")
            note = f" ({'; '.join(notes)})" if notes else ""
            lines.append(f'- "{quoted(c.text)}" [{c.n}]{note}')
    if any(c.attribution == "none" for c in citations):
        lines.append(
            "\nNiet toegeschreven uitspraken zijn in het verslag aan niemand toegeschreven; "
            "wie ze deed, staat er niet in."
        )
    return "\n".join(lines)
