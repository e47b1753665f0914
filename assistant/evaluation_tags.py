"""Opgave-tag evaluation (`raadpleeg eval --tags`): precision and recall of the tagger on a
set of statements labelled blind (eval/tags_blind.toml). Parsing only, no store; never
imported by the runtime."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.settings import Settings
    from ingest.opgaven import Tagger

DEFAULT_LABELS = Path("eval/tags_blind.toml")


@dataclass(frozen=True)
class TagLabel:
    snippet: str
    opgaven: frozenset[str]


@dataclass
class TagReport:
    """Micro-averaged precision/recall of (statement, opgave) pairs on a blind labelled set."""

    labelled: int  # labelled statements found in the parsed files
    missing: list[str]  # snippets that matched no statement
    precision: float
    recall: float
    per_opgave: dict[str, tuple[int, int, int]]  # opgave -> (true pos., false pos., false neg.)
    errors: list[dict]  # per wrongly tagged statement: snippet, expected, got, reasons

    def line(self) -> str:
        return (
            f"opgave tags: precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"on {self.labelled} blind-labelled statements"
            + (f" ({len(self.missing)} snippets not found)" if self.missing else "")
        )


def load_tag_labels(path: Path) -> list[TagLabel]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        TagLabel(" ".join(d["snippet"].split()), frozenset(d.get("opgaven", [])))
        for d in data["statement"]
    ]


TAG_DOCUMENTS = ("tests/fixtures/gesprek-*.*", "tests/fixtures/layouts/*.*")
"""Beside the sample record: the documents tags_blind.toml labels (eval/BLIND.md)."""


def tagged_statements(paths: list[Path], tagger: Tagger) -> tuple[list, list[str]]:
    """The statements of every verslag among `paths` (folders expanded), tagged as at
    ingest; and the files that did not parse (named, never a traceback)."""
    from ingest.errors import IngestError
    from ingest.pipeline import collect, parse_file

    statements: list = []
    skipped: list[str] = []
    for path in collect(paths):
        try:
            statements += parse_file(path, tagger).statements
        except (IngestError, OSError, ValueError):
            skipped.append(path.name)
    return statements, skipped


def tag_report(labels: list[TagLabel], statements: list) -> TagReport:
    """Compare the tags of `statements` (ingest.records.Statement, tagged) with the labels;
    a label's statement is the first whose text contains its snippet."""
    texts = [(" ".join(s.text.split()), s) for s in statements]
    tp = fp = fn = 0
    per: dict[str, list[int]] = {}
    missing: list[str] = []
    errors: list[dict] = []
    for label in labels:
        s = next((s for t, s in texts if label.snippet in t), None)
        if s is None:
            missing.append(label.snippet)
            continue
        got = set(s.opgaven)
        for name in got | label.opgaven:
            row = per.setdefault(name, [0, 0, 0])
            hit = name in got and name in label.opgaven
            row[0 if hit else (1 if name in got else 2)] += 1
        tp += len(got & label.opgaven)
        fp += len(got - label.opgaven)
        fn += len(label.opgaven - got)
        if got != set(label.opgaven):
            reasons = dict(zip(s.opgaven, s.opgave_reasons, strict=False))
            errors.append(
                {
                    "snippet": label.snippet,
                    "expected": sorted(label.opgaven),
                    "got": sorted(got),
                    "reasons": reasons,
                }
            )
    return TagReport(
        labelled=len(labels) - len(missing),
        missing=missing,
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / (tp + fn) if tp + fn else 1.0,
        per_opgave={k: (v[0], v[1], v[2]) for k, v in sorted(per.items())},
        errors=errors,
    )


def tag_report_for(settings: Settings, labels: Path) -> TagReport:
    """The tagger that `settings` configure, scored on `labels` over the sample record and
    the documents the labels were written from."""
    from assistant.runtime import Runtime

    if not labels.is_file():
        raise SystemExit(f"raadpleeg: {labels}: no such tag label set")
    rt = Runtime(settings)
    paths = [rt.sample_record, *(p for g in TAG_DOCUMENTS for p in sorted(Path().glob(g)))]
    statements, _ = tagged_statements(paths, rt.tagger)
    return tag_report(load_tag_labels(labels), statements)
