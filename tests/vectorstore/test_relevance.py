"""The relevance rule on hits whose evidence is given (table-driven), and coverage counted
over a statement's text and its question row on the real sample record."""

from __future__ import annotations

import pytest

from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.records import Statement
from vectorstore.search import Hit, Query, RelevanceRule

RULE = RelevanceRule(min_score=0.67, cite_ratio=0.85, cite_relative=0.7, cite_coverage=0.6)


def hit(name: str, dense: float, cov: float) -> Hit:
    s = Statement(name, "v", "vraag", 0, name)
    return Hit(s, dense, dense, 0.0, cov, RULE.relevance(dense, cov))


@pytest.mark.parametrize(
    ("hits", "cited"),
    [
        ([hit("a", 0.3, 0.3), hit("b", 0.4, 0.0)], []),  # nothing reaches min_score
        ([hit("a", 0.5, 1.0), hit("b", 0.6, 0.0)], ["a"]),  # b shares no asked term
        ([hit("a", 0.5, 1.0), hit("b", 0.45, 1.0)], ["a", "b"]),
        ([hit("a", 0.5, 1.0), hit("b", 0.9, 0.5)], ["a"]),  # b: far less of the terms
        ([hit("a", 0.9, 1.0), hit("b", 0.3, 0.7)], ["a"]),  # b: far from the best
        ([hit("a", 0.8, 0.0), hit("b", 0.7, 0.0)], ["a", "b"]),  # no terms: dense alone
    ],
)
def test_cited(hits, cited) -> None:
    assert [h.statement.id for h in RULE.cited(hits)] == cited


def test_a_hit_without_an_asked_term_is_not_cited_on_meaning_alone() -> None:
    hits = [hit("a", 0.8, 0.0), hit("b", 0.5, 0.6)]
    assert [h.statement.id for h in RULE.cited(hits, asked=True)] == ["b"]
    assert [h.statement.id for h in RULE.cited(hits[:1], asked=True)] == []


def test_not_relative_keeps_every_hit_that_mentions_the_topic() -> None:
    hits = [hit("a", 0.9, 1.0), hit("b", 0.3, 0.7)]
    assert [h.statement.id for h in RULE.cited(hits, relative=False)] == ["a", "b"]


def test_coverage_counts_the_question_row(corpus_store) -> None:
    rt = Runtime(Settings(store=corpus_store))
    query = Query("visie", k=30, terms=(("visie",),))
    hits = rt.searcher.search(query)
    in_row = [h for h in hits if "visie" in h.statement.section.lower()]
    assert in_row
    assert all(h.coverage == 1.0 for h in in_row)  # under "Hoe kijk je tegen de visie aan?"
    elsewhere = [
        h for h in hits if "visie" not in f"{h.statement.section} {h.statement.text}".lower()
    ]
    assert all(h.coverage == 0.0 for h in elsewhere)
