"""Hybrid search: dense (chroma) and lexical (BM25) scores fused, under filters on verslag,
organisation, person and opgave.

Ranking orders; it does not say whether anything is relevant at all. Each hit therefore keeps
its raw dense and lexical scores, and `relevance` combines them into one number that the
answer layer thresholds (calibrated on eval/).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ingest.records import Statement
from ingest.text import stems
from vectorstore.catalogue import Catalogue
from vectorstore.index import RecordIndex


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
        for key, values in (("persons", self.persons), ("opgaven", self.opgaven)):
            if values:
                ors = [{key: {"$contains": v}} for v in values]
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


@dataclass(frozen=True)
class Query:
    """What to search for: `text` is embedded; `terms` are the asked-about words
    (alternatives per group, names left out) that form the lexical query and each hit's
    coverage; `expansion` holds related words, searched lexically with less weight."""

    text: str
    k: int = 6
    filters: Filters = field(default_factory=Filters)
    terms: tuple[tuple[str, ...], ...] | None = None
    expansion: str = ""
    compounds: bool = False  # a term also counts as a part of a compound word in the text


@dataclass(frozen=True)
class RelevanceRule:
    """How hits are ranked and when they count as answering the question. The numbers are
    calibrated together on eval/ (README), so they live together (defaults from settings)."""

    dense_weight: float = 0.3  # share of the cosine in the ranking score; the rest is BM25
    expansion_weight: float = 0.5  # BM25 weight of synonyms/opgave keywords vs asked words
    coverage_weight: float = 1.0  # weight of topic-term coverage in a hit's relevance
    min_score: float = 0.67  # relevance one hit needs before anything is answered
    cite_ratio: float = 0.85  # then hits down to cite_ratio * min_score are cited
    candidates: int = 50  # dense and lexical candidates per question
    cite_relative: float = 0.7  # ... and only those within this share of the best hit
    cite_coverage: float = 0.6  # ... holding this share of the best hit's term coverage
    rank_coverage: float = 0.1  # weight of term coverage (text + question row) in the ranking

    def relevance(self, dense: float, coverage: float) -> float:
        """Absolute evidence that a statement answers the question: meaning (dense) plus the
        share of the asked-about terms it actually contains."""
        return dense + self.coverage_weight * coverage

    def cited(self, hits: list[Hit], *, relative: bool = True, asked: bool = False) -> list[Hit]:
        """The hits to cite: none unless one reaches `min_score`; then the best one, and the
        others that are close to it in relevance and carry a comparable share of the asked
        terms (the nearest of an unrelated rest is not about the question). `relative=False`
        drops the closeness to the best, for questions that ask who mentioned a topic at all.
        `asked`: the question named topic terms, so a hit holding none of them is not cited
        on meaning alone (with the English default model on Dutch text, such a hit was never
        one a careful reader accepted on the evaluation sets)."""
        if asked:
            hits = [h for h in hits if h.coverage > 0]
        if not hits:
            return []
        top = max(hits, key=lambda h: h.relevance)
        if top.relevance < self.min_score:
            return []
        share = self.cite_relative if relative else 0.0
        floor = max(self.cite_ratio * self.min_score, share * top.relevance)
        need = self.cite_coverage * max(h.coverage for h in hits)
        return [
            h
            for h in hits
            if h is top
            or (
                h.relevance >= floor
                and h.coverage >= need
                and (h.coverage > 0 or h.relevance >= self.min_score)
            )
        ]


@dataclass(frozen=True)
class Hit:
    statement: Statement
    score: float  # ranking score (weighted cosine + scaled BM25)
    dense: float  # cosine similarity (0 when not among the dense candidates)
    lexical: float  # BM25 score (0 when no query term matched)
    coverage: float = 0.0  # IDF-weighted share of the question's topic terms in this statement
    relevance: float = 0.0  # RelevanceRule.relevance of dense and coverage


def coverage(
    terms: list[tuple[str, ...]],
    text: str,
    weight: Callable[[str], float],
    compounds: bool = False,
    names: str = "",
) -> float:
    """IDF-weighted share of term groups (alternatives, e.g. a word and its Dutch
    translations) of which the text contains at least one, compared as stems; an alternative
    of several words ("weinig geld") counts only when all its words are there. With
    `compounds`, a compound word holding a term counts, unless it is a word of `names`."""
    names_ = frozenset(stems(names))
    return _coverage(_group_stems(terms), set(stems(text)), weight, compounds, names_)


def _group_stems(terms: list[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    return [[st for alt in group if (st := tuple(stems(alt)))] for group in terms]


def _coverage(
    groups: list[list[tuple[str, ...]]],
    have: set[str] | frozenset[str],
    weight: Callable[[str], float],
    compounds: bool = False,
    names: frozenset[str] = frozenset(),
) -> float:
    total = got = 0.0
    for alternatives in groups:
        if not alternatives:
            continue
        w = max(weight(st) for alt in alternatives for st in alt)
        total += w
        found = any(all(_has(st, have, compounds, names) for st in alt) for alt in alternatives)
        got += w if found else 0.0
    return got / total if total else 0.0


COMPOUND_PART = 7  # shorter stems would be found inside unrelated words


def _has(
    stem: str, have: set[str] | frozenset[str], compounds: bool, names: frozenset[str]
) -> bool:
    """Whether the text holds the stem, or with `compounds` a word it begins or ends
    ("vroegsignalering" in "vroegsignaleringsafspraak") that is no word of `names`."""
    if stem in have:
        return True
    if not compounds or len(stem) < COMPOUND_PART:
        return False
    return any(
        len(h) >= len(stem) + 4 and (h.startswith(stem) or h.endswith(stem)) and h not in names
        for h in have
    )


class _Columns:
    """Row numbers per filter value for one catalogue, so a filter mask is a few numpy
    assignments instead of a Python `Filters.matches` call per statement (25,000 of them for
    every filtered question at scale); and each statement's stems, kept once computed."""

    def __init__(self, cat: Catalogue) -> None:
        self.catalogue = cat
        self.size = len(cat.statements)
        rows: dict[str, dict[str, list[int]]] = {f: {} for f in ("v", "o", "p", "g")}
        for i, s in enumerate(cat.statements):
            rows["v"].setdefault(s.verslag_id, []).append(i)
            if s.organisation:
                rows["o"].setdefault(s.organisation, []).append(i)
            for p in s.persons:
                rows["p"].setdefault(p, []).append(i)
            for o in s.opgaven:
                rows["g"].setdefault(o, []).append(i)
        self.rows = {
            f: {k: np.array(v, dtype=np.int64) for k, v in d.items()} for f, d in rows.items()
        }
        self.stems: dict[int, frozenset[str]] = {}

    def mask(self, filters: Filters) -> np.ndarray:
        """`Filters.matches` of every statement, as a boolean array."""
        out = np.ones(self.size, dtype=bool)
        for f, values in (
            ("v", filters.verslag_ids),
            ("o", filters.organisations),
            ("p", filters.persons),
            ("g", filters.opgaven),
        ):
            if values:
                field_ok = np.zeros(self.size, dtype=bool)
                for v in values:
                    if v in self.rows[f]:
                        field_ok[self.rows[f][v]] = True
                out &= field_ok
        return out

    def stems_of(self, row: int) -> frozenset[str]:
        have = self.stems.get(row)
        if have is None:
            s = self.catalogue.statements[row]
            have = self.stems[row] = frozenset(stems(f"{s.text} {s.section}"))
        return have


class Reorders(Protocol):
    """A cross-encoder (vectorstore.embedder.Reranker) or anything scoring pairs alike."""

    def scores(self, query: str, texts: list[str]) -> list[float]: ...


class Searcher:
    def __init__(
        self,
        index: RecordIndex,
        rule: RelevanceRule | None = None,
        reranker: Reorders | None = None,
    ) -> None:
        self.index = index
        self.rule = rule or RelevanceRule()
        self.reranker = reranker  # optional: reorders the top hits by a cross-encoder
        self._columns: _Columns | None = None

    def _columns_for(self, cat: Catalogue) -> _Columns:
        if self._columns is None or self._columns.catalogue is not cat:
            self._columns = _Columns(cat)
        return self._columns

    def search(self, query: Query) -> list[Hit]:
        """Top-k statements for `query` under its filters. Ranking is a weighted sum of the
        cosine similarity and the BM25 score scaled to the best candidate's, plus a little of
        the asked terms' coverage (which also counts the statement's question row)."""
        rule, filters = self.rule, query.filters
        cat = self.index.catalogue
        if not cat.statements or cat.lexical is None:
            return []
        columns = self._columns_for(cat)
        allowed = columns.mask(filters) if filters else None
        if allowed is not None and not allowed.any():
            return []
        n = rule.candidates
        terms = query.terms if query.terms is not None else [(w,) for w in query.text.split()]
        if any(terms):
            lex = cat.lexical.scores_any([list(g) for g in terms])
        else:
            lex = cat.lexical.scores(query.text)
        if query.expansion:
            lex = lex + rule.expansion_weight * cat.lexical.scores(query.expansion)
        if allowed is not None:
            lex = np.where(allowed, lex, 0.0)

        dense_sim: dict[int, float] = {}
        # Under a filter, the allowed statements are known already: chroma searches just
        # those ids, which at scale was faster than having it evaluate `filters.where()`.
        ids = None if allowed is None else [cat.statements[i].id for i in np.flatnonzero(allowed)]
        for sid, sim in self.index.nearest(query.text, n, ids=ids):
            row = cat.row(sid)
            if row is not None:
                dense_sim[row] = sim
        floor = min(dense_sim.values(), default=0.0)
        candidates = set(dense_sim) | {int(i) for i in np.argsort(-lex)[:n] if lex[i] > 0}
        top_lex = max((float(lex[i]) for i in candidates), default=0.0) or 1.0
        w = rule.dense_weight
        groups = _group_stems(list(terms))
        weight = cat.lexical.term_weight
        # the speaker's own name ("volgens de Vrijwilligerscentrale") is no compound on a topic
        names = frozenset(stems(" ".join((*filters.organisations, *filters.persons))))
        cov_of = {
            i: _coverage(groups, columns.stems_of(i), weight, query.compounds, names)
            for i in candidates
        }
        scored = sorted(
            (
                (
                    w * dense_sim.get(i, floor)
                    + (1 - w) * lex[i] / top_lex
                    + rule.rank_coverage * cov_of[i],
                    i,
                )
                for i in candidates
            ),
            reverse=True,
        )[: query.k]
        hits = []
        for score, i in scored:
            dense = dense_sim.get(i, 0.0)
            cov = cov_of[i]
            hits.append(
                Hit(
                    cat.statements[i],
                    float(score),
                    dense,
                    float(lex[i]),
                    cov,
                    rule.relevance(dense, cov),
                )
            )
        if self.reranker is not None and len(hits) > 1:
            scores = self.reranker.scores(query.text, [h.statement.text for h in hits])
            order = sorted(range(len(hits)), key=lambda j: -scores[j])
            hits = [hits[j] for j in order]
        return hits
