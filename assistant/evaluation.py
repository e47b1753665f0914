"""Evaluation (`raadpleeg eval`), beside the runtime and never imported by it.

Per question set: recall@5, MRR, organisation-filter precision, no-answer and answered
accuracy, cited-statement precision (cited ∈ relevant ∪ acceptable), structured accuracy
(every `expect` substring in the answer, with citations) and follow-up accuracy (asked in one
conversation after the question it `follows`). A statement is relevant when its text contains
one of the question's verbatim snippets, so the set survives re-ingest and turn splitting.
A set may name the documents its store must hold (`[set] documents = [...]`, paths relative
to the set's file); without that header it is about the sample record.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from assistant.answering.chat import Assistant
    from assistant.runtime import Runtime
    from assistant.settings import Settings

DEFAULT_SETS = (
    "eval/questions.toml",
    "eval/heldout.toml",
    "eval/blind.toml",
    "eval/blind2.toml",
    "eval/blind3.toml",
    "eval/blind4.toml",
)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    kind: str
    lang: str
    relevant: tuple[str, ...]
    organisation: str | None = None
    verslag: int | None = None
    acceptable: tuple[str, ...] = ()
    structured: str | None = None  # attended | when | organisations | count | ...
    expect: tuple[str, ...] = ()  # substrings a structured answer must contain
    follows: str | None = None  # id of the earlier question of the same conversation


@dataclass(frozen=True)
class QuestionSet:
    path: Path
    questions: list[Question]
    documents: tuple[Path, ...] = ()  # what the store must hold; () = the sample record


def load_set(path: Path) -> QuestionSet:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    docs = tuple(path.parent / d for d in data.get("set", {}).get("documents", []))
    questions = [
        Question(
            id=q["id"],
            question=q["question"],
            kind=q["kind"],
            lang=q.get("lang", "nl"),
            relevant=tuple(q.get("relevant", [])),
            organisation=q.get("organisation"),
            verslag=q.get("verslag"),
            acceptable=tuple(q.get("acceptable", [])),
            structured=q.get("structured"),
            expect=tuple(q.get("expect", [])),
            follows=q.get("follows"),
        )
        for q in data["question"]
    ]
    return QuestionSet(path, questions, docs)


def load_questions(path: Path) -> list[Question]:
    return load_set(path).questions


@dataclass(frozen=True)
class Outcome:
    """What a system returned for one question: ranked passage texts (best first), the
    organisations of what it cited, and whether it claimed to have found an answer; for
    systems that give them, the cited texts, the answer text, its kind and the conversation
    to continue in a follow-up."""

    ranked: list[str]
    cited_organisations: list[str | None]
    found: bool
    cited_texts: list[str] | None = None  # None: the system does not say what it cited
    text: str = ""
    kind: str = "said"
    conversation: Any = None


System = Callable[[str], Outcome]


class Conversational(Protocol):
    def __call__(self, question: str) -> Outcome: ...

    def followup(self, question: str, earlier: Outcome) -> Outcome: ...


class _Raadpleeg:
    """raadpleeg as an evaluated system: the ranked statements (k of at least 10), what the
    answer cited, and its conversation for follow-ups."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def _ask(self, question: str, history: list) -> Outcome:
        from assistant.answering.chat import Turn

        a = self.assistant
        analysis = a.analyse(question, history)
        *_, answer = a.stream(analysis, max(a.k, 10))
        return Outcome(
            ranked=[h.statement.text for h in answer.retrieved],
            cited_organisations=[c.organisation for c in answer.citations],
            found=answer.found,  # an unknown speaker is already not found
            cited_texts=[c.text for c in answer.citations],
            text=answer.text,
            kind=answer.kind,
            conversation=[*history, Turn(analysis, answer)],
        )

    def __call__(self, question: str) -> Outcome:
        return self._ask(question, [])

    def followup(self, question: str, earlier: Outcome) -> Outcome:
        return self._ask(question, list(earlier.conversation or []))


def system_of(assistant: Assistant) -> _Raadpleeg:
    return _Raadpleeg(assistant)


@dataclass
class Report:
    name: str
    recall_at_5: float
    mrr: float
    org_precision: float
    no_answer_accuracy: float
    answered_accuracy: float
    cited_precision: float | None = None
    structured: tuple[int, int] = (0, 0)  # correct, total
    followups: tuple[int, int] = (0, 0)
    double_refusals: int = 0
    per_question: list[dict] = field(default_factory=list)

    def row(self) -> list[str]:
        def frac(p: tuple[int, int]) -> str:
            return f"{p[0]}/{p[1]}" if p[1] else "-"

        prec = "-" if self.cited_precision is None else f"{self.cited_precision:.3f}"
        return [
            self.name,
            f"{self.recall_at_5:.3f}",
            f"{self.mrr:.3f}",
            f"{self.org_precision:.3f}",
            f"{self.no_answer_accuracy:.3f}",
            f"{self.answered_accuracy:.3f}",
            prec,
            frac(self.structured),
            frac(self.followups),
            str(self.double_refusals),
        ]


HEADER = [
    "set / system", "recall@5", "MRR", "org precision", "no-answer acc.", "answered acc.",
    "cited precision", "structured", "follow-ups", "double refusals",
]  # fmt: skip


def _contains_any(text: str, snippets: tuple[str, ...]) -> bool:
    return any(sn in text for sn in snippets)


def _refusals(text: str) -> int:
    import prompts

    return text.count(prompts.refusal())


def _structured_ok(q: Question, out: Outcome) -> bool:
    text = out.text.casefold()
    return out.found and bool(out.cited_texts) and all(e.casefold() in text for e in q.expect)


def _ask(system: System, q: Question, earlier: Outcome | None) -> Outcome:
    followup = getattr(system, "followup", None)
    if earlier is not None and followup is not None:
        return followup(q.question, earlier)
    return system(q.question)


def evaluate(name: str, system: System, questions: list[Question]) -> Report:
    """Snippet-based metrics, so statement-level and chunk-level systems compare fairly:
    recall@5 is the share of a question's snippets found in its top-5 passages. Structured
    questions count only in the structured score (their answer is not a ranking)."""
    recalls: list[float] = []
    rrs: list[float] = []
    org_hits = org_total = 0
    no_answer_ok = no_answer_n = answered_ok = answered_n = 0
    cited_ok = cited_n = 0
    structured_ok = structured_n = follow_ok = follow_n = doubles = 0
    rows = []
    outcomes: dict[str, Outcome] = {}
    for q in questions:
        out = _ask(system, q, outcomes.get(q.follows) if q.follows else None)
        outcomes[q.id] = out
        doubles += _refusals(out.text) > 1
        row: dict[str, Any] = {"id": q.id, "found": out.found, "kind": out.kind}
        if q.kind == "structured":
            structured_n += 1
            ok = _structured_ok(q, out)
            structured_ok += ok
            row["correct"] = ok
        elif not q.relevant:
            no_answer_n += 1
            ok = not out.found
            no_answer_ok += ok
            row["expected_found"] = False
        else:
            answered_n += 1
            answered_ok += out.found
            top = out.ranked[:5]
            covered = [sn for sn in q.relevant if any(sn in text for text in top)]
            recalls.append(len(covered) / len(q.relevant))
            rank = next(
                (i for i, t in enumerate(out.ranked, 1) if _contains_any(t, q.relevant)), None
            )
            rrs.append(1.0 / rank if rank else 0.0)
            if q.organisation:
                org_total += len(out.cited_organisations)
                org_hits += sum(1 for o in out.cited_organisations if o == q.organisation)
            cited_rel = [t for t in out.cited_texts or [] if _contains_any(t, q.relevant)]
            ok = out.found and (out.cited_texts is None or bool(cited_rel))
            row |= {"recall@5": recalls[-1], "rank": rank}
        if q.kind != "structured" and out.found and out.cited_texts is not None:
            good = q.relevant + q.acceptable
            cited_n += len(out.cited_texts)
            wrong = [t[:60] for t in out.cited_texts if not _contains_any(t, good)]
            cited_ok += len(out.cited_texts) - len(wrong)
            if wrong:
                row["off_topic"] = wrong
        if q.follows:
            follow_n += 1
            follow_ok += ok and _refusals(out.text) <= 1
        rows.append(row)
    return Report(
        name=name,
        recall_at_5=sum(recalls) / max(1, len(recalls)),
        mrr=sum(rrs) / max(1, len(rrs)),
        org_precision=org_hits / org_total if org_total else 1.0,
        no_answer_accuracy=no_answer_ok / max(1, no_answer_n),
        answered_accuracy=answered_ok / max(1, answered_n),
        cited_precision=cited_ok / cited_n if cited_n else None,
        structured=(structured_ok, structured_n),
        followups=(follow_ok, follow_n),
        double_refusals=doubles,
        per_question=rows,
    )


def table(reports: list[Report]) -> str:
    """A Markdown table of the reports."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r.row()) + " |" for r in reports]
    return "\n".join(lines)


def _naive_baseline(rt: Runtime, workdir: Path) -> Any:
    """bench/baseline.py's naive LangChain RAG over the verslagen's text as the store holds it
    (so .docx and .pdf count too); needs the repository root on the path (`make eval`)."""
    try:
        from bench.baseline import NaiveRAG
    except ImportError as exc:
        raise SystemExit(f"--baseline needs bench/ and the bench extra: {exc}") from None
    texts = workdir / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    files = []
    for v in rt.index.verslagen():
        f = texts / f"{v.id}.txt"
        f.write_text(v.text, encoding="utf-8")
        files.append(f)
    return NaiveRAG(files, rt.embedder)


def run_sets(
    paths: list[Path], settings: Settings, store: Path | None, *, baseline: bool = False
) -> list[tuple[Path, int, Report]]:
    """Each question set against a store holding the documents it names (the sample record
    by default): one store per document list, under `store` or a temporary directory; with
    `baseline`, the naive RAG baseline on the same verslagen beside it."""
    import hashlib
    import tempfile

    from assistant.runtime import Runtime

    tmp = None if store else tempfile.TemporaryDirectory(prefix="raadpleeg-eval-")
    base = store or Path(tmp.name)  # type: ignore[union-attr]
    embedder = None
    results = []
    try:
        for path in paths:
            qset = load_set(path)
            key = "\n".join(str(d.resolve()) for d in qset.documents)
            name = "sample" if not key else hashlib.sha1(key.encode()).hexdigest()[:10]
            storage = settings.storage.model_copy(update={"store": base / name})
            rt = Runtime(settings.model_copy(update={"storage": storage}), embedder=embedder)
            embedder = rt.embedder
            if not rt.index.statements():
                for r in rt.ingest(list(qset.documents) or [rt.sample_record]):
                    if not r.ok:
                        print(r.line(), file=sys.stderr)
            n = len(qset.questions)
            results.append((path, n, evaluate(path.stem, system_of(rt.assistant), qset.questions)))
            if baseline:
                naive = _naive_baseline(rt, base / f"{name}-naive")
                try:
                    label = f"{path.stem} (naive)"
                    results.append((path, n, evaluate(label, naive.outcome, qset.questions)))
                finally:
                    naive.close()
    finally:
        if tmp is not None:
            tmp.cleanup()
    return results
