"""The evaluation targets, as a regression guard at the levels honestly met (README,
*Evaluation*): the tuned set (eval/questions.toml), the held-out set written without seeing
the tuning, and the blind sets (eval/blind.toml, gesprekken I-VII; eval/blind2.toml, the
sample record and layout corpora 4 and 5; eval/blind3.toml, layout corpora 3 and 6;
eval/blind4.toml, layout corpora 7 and 8), run
through `raadpleeg eval`, which ingests the documents a set's `[set]` header names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation import evaluate, load_questions, load_set, system_of
from assistant.runtime import Runtime
from assistant.settings import Settings

EVAL = Path(__file__).resolve().parent.parent / "eval"


@pytest.fixture(scope="module")
def assistant(corpus_store):
    return Runtime(Settings(store=corpus_store)).assistant


def test_evaluation_set_meets_the_targets(assistant) -> None:
    questions = load_questions(EVAL / "questions.toml")
    assert len(questions) >= 40
    kinds = {q.kind for q in questions}
    assert {"paraphrase", "organisation", "opgave", "english", "no-answer"} <= kinds
    report = evaluate("raadpleeg", system_of(assistant), questions)
    assert report.recall_at_5 >= 0.96
    assert report.mrr >= 0.90
    assert report.org_precision == 1.0
    assert report.no_answer_accuracy >= 0.65
    assert report.answered_accuracy >= 0.95
    assert report.cited_precision is not None and report.cited_precision >= 0.55
    assert report.double_refusals == 0


def test_held_out_set_does_not_regress(assistant) -> None:
    report = evaluate("raadpleeg", system_of(assistant), load_questions(EVAL / "heldout.toml"))
    assert report.recall_at_5 >= 0.88
    assert report.mrr >= 0.85
    assert report.org_precision == 1.0


def test_opgave_tags_meet_the_targets_on_the_blind_labels() -> None:
    """Tag precision >= 0.90 at recall >= 0.80 on eval/tags_blind.toml (labelled blind)."""
    from assistant.evaluation_tags import (
        TAG_DOCUMENTS,
        load_tag_labels,
        tag_report,
        tagged_statements,
    )
    from ingest.opgaven import Tagger, load_taxonomy

    root = EVAL.parent
    tagger = Tagger(load_taxonomy(root / "ingest" / "data" / "opgaven.toml"))
    paths = [root / "ingest" / "data" / "verslagen"]
    paths += [p for g in TAG_DOCUMENTS for p in sorted(root.glob(g))]
    statements, _ = tagged_statements(paths, tagger)
    report = tag_report(load_tag_labels(EVAL / "tags_blind.toml"), statements)
    assert report.labelled >= 100
    assert report.precision >= 0.90
    assert report.recall >= 0.80
    scheveningen = next(s for s in statements if "Scheveningen" in s.text)
    assert "Veiligheid en herstelgericht werken" not in scheveningen.opgaven


def test_blind_set_names_its_documents() -> None:
    qset = load_set(EVAL / "blind.toml")
    assert len(qset.questions) == 87 and len(qset.documents) == 6
    assert all(d.exists() for d in qset.documents)
    ids = {q.id for q in qset.questions}
    assert all(q.follows in ids for q in qset.questions if q.follows)


# Floors a little under the figures measured (README, *Evaluation*); the blind sets'
# failures were looked at by class after their first runs (eval/BLIND*.md).
# (questions, structured (total, at least), follow-ups (total, at least), measure floors): a
# little under what each set measured when it was last changed (README), so a regression fails.
BLIND_FLOORS = {
    "blind.toml": (87, (17, 16), (11, 10), {"recall_at_5": 0.89, "mrr": 0.92,
                   "org_precision": 0.95, "no_answer_accuracy": 0.88,
                   "answered_accuracy": 0.95, "cited_precision": 0.85}),
    "blind2.toml": (93, (15, 14), (12, 11), {"recall_at_5": 0.83, "mrr": 0.82,
                    "org_precision": 0.95, "no_answer_accuracy": 0.95,
                    "answered_accuracy": 0.94, "cited_precision": 0.82}),
    "blind3.toml": (87, (15, 14), (10, 9), {"recall_at_5": 0.87, "mrr": 0.83,
                    "org_precision": 0.97, "no_answer_accuracy": 0.95,
                    "answered_accuracy": 0.93, "cited_precision": 0.85}),
    "blind4.toml": (92, (17, 16), (11, 10), {"recall_at_5": 0.71, "mrr": 0.77,
                    "org_precision": 0.87, "no_answer_accuracy": 0.88,
                    "answered_accuracy": 0.97, "cited_precision": 0.60}),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_blind_sets_through_the_cli(cli, tmp_path, name) -> None:
    n, (structured, structured_min), (followups, followups_min), floors = BLIND_FLOORS[name]
    run = cli("eval", "--questions", EVAL / name, "--json", "--store", tmp_path)
    assert run.returncode == 0, run.stderr
    (report,) = json.loads(run.stdout).values()
    assert report["questions"] == n
    for measure, floor in floors.items():
        assert report[measure] >= floor, measure
    correct, total = report["structured"]
    assert total == structured and correct >= structured_min
    correct, total = report["followups"]
    assert total == followups and correct >= followups_min
    assert report["double_refusals"] == 0


def test_baseline_beside_the_set(cli, tmp_path) -> None:
    run = cli("eval", "--questions", EVAL / "heldout.toml", "--baseline", "--json",
              "--store", tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    reports = json.loads(run.stdout)
    ours, naive = reports["heldout"], reports["heldout (naive)"]
    assert naive["questions"] == ours["questions"] == 30
    assert ours["recall_at_5"] > naive["recall_at_5"] and ours["mrr"] > naive["mrr"]
