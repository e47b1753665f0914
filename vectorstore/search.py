"""Hybrid search: dense (chroma) and lexical (BM25) rankings fused by reciprocal rank, under
filters on verslag, organisation, person and opgave.

Fusion ranks; it does not say whether anything is relevant at all. Each hit therefore keeps
its raw dense and lexical scores, and `relevance` combines them into one number that the
answer layer thresholds (calibrated on eval/).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ingest.records import Statement
from ingest.text import stems
from vectorstore.index import RecordIndex

RRF_K = 60


@dataclass(frozen=True)
class Filters:
    """Each field narrows the search; values within a field are alternatives."""

    verslag_ids: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    opgaven: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.verslag_ids or self.organisations or self.persons or self.opgaven)

    def matches(self, s: Statement) -> bool:
        return (
            (not self.verslag_ids or s.verslag_id in self.verslag_ids)
            and (not self.organisations or s.organisation in self.organisations)
            and (not self.persons or any(p in s.persons for p in self.persons))
            and (not self.opgaven or any(o in s.opgaven for o in self.opgaven))
        )

    def where(self) -> dict[str, Any] | None:
        """The same filter as a chroma `where` clause."""
        clauses: list[dict[str, Any]] = []
        if self.verslag_ids:
            clauses.append({"verslag_id": {"$in": list(self.verslag_ids)}})
        if self.organisations:
            clauses.append({"organisation": {"$in": list(self.organisations)}})
        for field, values in (("persons", self.persons), ("opgaven", self.opgaven)):
            if values:
                ors = [{field: {"$contains": v}} for v in values]
                clauses.append(ors[0] if len(ors) == 1 else {"$or": ors})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def merged(self, other: Filters) -> Filters:
        """Both filters at once (a field set in both keeps the values they share, or the
        other's when they share none: the UI choice and the question agree or the question
        is more specific)."""

        def pick(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            if a and b:
                both = tuple(x for x in a if x in b)
                return both or b
            return a or b

        return Filters(
            pick(self.verslag_ids, other.verslag_ids),
            pick(self.organisations, other.organisations),
            pick(self.persons, other.persons),
            pick(self.opgaven, other.opgaven),
        )

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "verslag": list(self.verslag_ids),
            "organisation": list(self.organisations),
            "person": list(self.persons),
            "opgave": list(self.opgaven),
        }


COVERAGE_WEIGHT = 1.0  # calibrated on eval/ together with Settings.min_score


@dataclass(frozen=True)
class Hit:
    statement: Statement
    score: float  # fused rank score
    dense: float  # cosine similarity (0 when not among the dense candidates)
    lexical: float  # BM25 score (0 when no query term matched)
    coverage: float = 0.0  # IDF-weighted share of the question's topic terms in this statement

    @property
    def relevance(self) -> float:
        """Absolute evidence that this statement answers the question: meaning (dense) plus
        the share of the asked-about terms it actually contains."""
        return self.dense + COVERAGE_WEIGHT * self.coverage


def coverage(terms: list[tuple[str, ...]], text: str, weight: Callable[[str], float]) -> float:
    """IDF-weighted share of term groups (alternatives, e.g. a word and its Dutch
    translations) of which the text contains at least one, compared as stems."""
    have = set(stems(text))
    total = got = 0.0
    for group in terms:
        group_stems = [st for alt in group for st in stems(alt)]
        if not group_stems:
            continue
        w = max(weight(st) for st in group_stems)
        total += w
        got += w if any(st in have for st in group_stems) else 0.0
    return got / total if total else 0.0


class Searcher:
    def __init__(self, index: RecordIndex, *, candidates: int = 50) -> None:
        self.index = index
        self.candidates = candidates

    def search(
        self,
        query: str,
        k: int = 6,
        filters: Filters | None = None,
        terms: list[tuple[str, ...]] | None = None,
    ) -> list[Hit]:
        """Top-k statements for `query` under `filters`; `terms` (the asked-about words,
        without names) feed each hit's coverage."""
        filters = filters or Filters()
        cat = self.index.catalogue
        if not cat.statements:
            return []
        allowed = (
            np.fromiter((filters.matches(s) for s in cat.statements), bool, len(cat.statements))
            if filters
            else None
        )
        if allowed is not None and not allowed.any():
            return []
        n = self.candidates

        lex = cat.lexical.scores(query) if cat.lexical is not None else np.zeros(0)
        if allowed is not None:
            lex = np.where(allowed, lex, 0.0)
        lex_top = [int(i) for i in np.argsort(-lex)[:n] if lex[i] > 0]

        vector = self.index.embedder.embed_query(query)
        dense = self.index.chroma.query(vector, n, filters.where())
        dense_rows = [(cat.row(sid), sim) for sid, sim in dense]
        dense_rows = [(r, sim) for r, sim in dense_rows if r is not None]

        fused: dict[int, float] = {}
        dense_sim: dict[int, float] = {}
        for rank, (row, sim) in enumerate(dense_rows):
            fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank + 1)
            dense_sim[row] = sim
        for rank, row in enumerate(lex_top):
            fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank + 1)
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        lexical = cat.lexical
        terms = terms if terms is not None else [(w,) for w in query.split()]
        return [
            Hit(
                cat.statements[row],
                score,
                dense_sim.get(row, 0.0),
                float(lex[row]),
                coverage(terms, cat.statements[row].text, lexical.term_weight),
            )
            for row, score in ranked
        ]
