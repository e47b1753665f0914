"""The assistant: question (+ conversation so far, + UI filters) -> checked, cited Answer.

Composes the pieces below it; the CLI and the Gradio app call only this.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.answer import Answer, Citation, cite, extractive, not_found
from assistant.evaluate import Outcome
from assistant.query import Analysis, Vocabulary, analyse, build_vocabulary
from assistant.thesaurus import Thesaurus
from ingest.opgaven import Taxonomy
from vectorstore.index import RecordIndex
from vectorstore.search import Filters, Hit, Searcher


class Composer(Protocol):
    """Writes answers with a language model (assistant/llm.py); None means extractive."""

    def compose(
        self,
        analysis: Analysis,
        hits: list[Hit],
        citations: list[Citation],
        organisations: list[str],
    ) -> Iterator[Answer]: ...

    def condense(self, question: str, earlier: list[str]) -> str | None: ...


@dataclass
class Turn:
    """One exchange of a conversation, kept for follow-ups."""

    analysis: Analysis
    answer: Answer


class Assistant:
    def __init__(
        self,
        index: RecordIndex,
        searcher: Searcher,
        taxonomy: Taxonomy | None,
        *,
        thesaurus: Thesaurus | None = None,
        k: int = 6,
        min_score: float = 0.0,
        cite_ratio: float = 1.0,
        composer: Composer | None = None,
    ) -> None:
        self.index = index
        self.searcher = searcher
        self.taxonomy = taxonomy
        self.thesaurus = thesaurus
        self.k = k
        self.min_score = min_score
        self.cite_ratio = cite_ratio
        self.composer = composer  # an LLM composer (llm.py); None = extractive only
        self._vocab: tuple[str, Vocabulary] | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        """Names in the store, rebuilt only when the store changed."""
        gen = self.index.catalogue.generation
        if self._vocab is None or self._vocab[0] != gen:
            cat = self.index.catalogue
            self._vocab = (
                gen,
                build_vocabulary(
                    self.index.verslagen(), cat.statements, self.taxonomy, self.thesaurus
                ),
            )
        return self._vocab[1]

    def analyse(
        self, question: str, history: list[Turn] | None = None, filters: Filters | None = None
    ) -> Analysis:
        previous = history[-1].analysis if history else None
        analysis = analyse(question, self.vocabulary, previous)
        if previous is not None and self.composer is not None:
            # With an LLM, a follow-up is rewritten as a standalone question first; its names
            # are still matched against the store. The rule-based reading stays the fallback.
            earlier = [t.analysis.question for t in history or []]
            standalone = self.composer.condense(question, earlier)
            if standalone:
                condensed = analyse(standalone, self.vocabulary, None)
                analysis = replace(condensed, question=question, followup=True)
        if filters:
            analysis = replace(analysis, filters=filters.merged(analysis.filters))
        return analysis

    def retrieve(self, analysis: Analysis, k: int | None = None) -> tuple[list[Hit], list[Hit]]:
        """(all hits ranked, the ones to cite): nothing is cited unless one hit reaches
        `min_score`; then every hit down to `cite_ratio * min_score` is."""
        hits = self.searcher.search(
            analysis.topic,
            k or self.k,
            analysis.filters,
            [tuple(g) for g in analysis.terms],
            analysis.expansion,
        )
        if not any(h.relevance >= self.min_score for h in hits):
            return hits, []
        return hits, [h for h in hits if h.relevance >= self.cite_ratio * self.min_score]

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        filters: Filters | None = None,
        k: int | None = None,
    ) -> Answer:
        analysis = self.analyse(question, history, filters)
        *_, answer = self.stream(analysis, k)
        return answer

    def respond(
        self,
        question: str,
        history: list[Turn] | None = None,
        filters: Filters | None = None,
        k: int | None = None,
    ) -> Iterator[Turn]:
        """For chat UIs: yield turns whose answer grows (LLM streaming); the last is final."""
        analysis = self.analyse(question, history, filters)
        for answer in self.stream(analysis, k):
            yield Turn(analysis, answer)

    def outcome(self, question: str) -> Outcome:
        """What the evaluation scores: the ranked statements and what was cited."""
        answer = self.ask(question, k=max(self.k, 10))
        return Outcome(
            ranked=[h.statement.text for h in answer.retrieved],
            cited_organisations=[c.organisation for c in answer.citations],
            found=answer.found,  # an unknown speaker is already not found
        )

    def stream(self, analysis: Analysis, k: int | None = None) -> Iterator[Answer]:
        """Yield partial answers (LLM streaming) and finally the checked answer."""
        hits, relevant = self.retrieve(analysis, k)
        if not relevant or analysis.asked_unknown:
            vocab = self.vocabulary
            yield not_found(
                analysis.question,
                analysis.filters,
                hits,
                asked_unknown=analysis.asked_unknown,
                attended=vocab.attendee_orgs,
                has_statements=vocab.organisations,
            )
            return
        citations = cite(relevant, self.index.catalogue.verslagen)
        if self.composer is not None:
            vocab = self.vocabulary
            known = sorted(vocab.organisations | set(vocab.attendee_orgs))
            yield from self.composer.compose(analysis, hits, citations, known)
            return
        text = extractive(analysis.question, analysis.filters, relevant, citations)
        yield Answer(analysis.question, text, True, analysis.filters, citations, hits)
