"""Retrieval evaluation (`raadpleeg eval`), beside the runtime and never imported by it: on
eval/questions.toml: recall@5, MRR, organisation-filter precision
and no-answer accuracy. A statement is relevant when its text contains one of the question's
verbatim snippets, so the set survives re-ingest (ids change with content) and turn splitting.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.answering.chat import Assistant


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    kind: str
    lang: str
    relevant: tuple[str, ...]
    organisation: str | None = None
    verslag: int | None = None


def load_questions(path: Path) -> list[Question]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Question(
            id=q["id"],
            question=q["question"],
            kind=q["kind"],
            lang=q.get("lang", "nl"),
            relevant=tuple(q.get("relevant", [])),
            organisation=q.get("organisation"),
            verslag=q.get("verslag"),
        )
        for q in data["question"]
    ]


@dataclass(frozen=True)
class Outcome:
    """What a system returned for one question: ranked passage texts (best first), the
    organisations of what it cited, and whether it claimed to have found an answer."""

    ranked: list[str]
    cited_organisations: list[str | None]
    found: bool


System = Callable[[str], Outcome]


def system_of(assistant: Assistant) -> System:
    """raadpleeg as an evaluated system: the ranked statements (k of at least 10) and what
    the answer cited."""

    def ask(question: str) -> Outcome:
        answer = assistant.ask(question, k=max(assistant.k, 10))
        return Outcome(
            ranked=[h.statement.text for h in answer.retrieved],
            cited_organisations=[c.organisation for c in answer.citations],
            found=answer.found,  # an unknown speaker is already not found
        )

    return ask


@dataclass
class Report:
    name: str
    recall_at_5: float
    mrr: float
    org_precision: float
    no_answer_accuracy: float
    answered_accuracy: float
    per_question: list[dict]

    def row(self) -> list[str]:
        return [
            self.name,
            f"{self.recall_at_5:.3f}",
            f"{self.mrr:.3f}",
            f"{self.org_precision:.3f}",
            f"{self.no_answer_accuracy:.3f}",
            f"{self.answered_accuracy:.3f}",
        ]


HEADER = ["system", "recall@5", "MRR", "org precision", "no-answer acc.", "answered acc."]


def evaluate(name: str, system: System, questions: list[Question]) -> Report:
    """Snippet-based metrics, so statement-level and chunk-level systems compare fairly:
    recall@5 is the share of a question's snippets found in its top-5 passages."""
    recalls: list[float] = []
    rrs: list[float] = []
    org_hits = org_total = 0
    no_answer_ok = no_answer_n = answered_ok = answered_n = 0
    rows = []
    for q in questions:
        out = system(q.question)
        if not q.relevant:
            no_answer_n += 1
            no_answer_ok += not out.found
            rows.append({"id": q.id, "found": out.found, "expected_found": False})
            continue
        answered_n += 1
        answered_ok += out.found
        top = out.ranked[:5]
        covered = [sn for sn in q.relevant if any(sn in text for text in top)]
        recalls.append(len(covered) / len(q.relevant))
        rank = next(
            (i for i, t in enumerate(out.ranked, 1) if any(sn in t for sn in q.relevant)), None
        )
        rrs.append(1.0 / rank if rank else 0.0)
        if q.organisation:
            org_total += len(out.cited_organisations)
            org_hits += sum(1 for o in out.cited_organisations if o == q.organisation)
        rows.append({"id": q.id, "recall@5": recalls[-1], "rank": rank, "found": out.found})
    return Report(
        name=name,
        recall_at_5=sum(recalls) / max(1, len(recalls)),
        mrr=sum(rrs) / max(1, len(rrs)),
        org_precision=org_hits / org_total if org_total else 1.0,
        no_answer_accuracy=no_answer_ok / max(1, no_answer_n),
        answered_accuracy=answered_ok / max(1, answered_n),
        per_question=rows,
    )


def table(reports: list[Report]) -> str:
    """A Markdown table of the reports."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r.row()) + " |" for r in reports]
    return "\n".join(lines)
