"""The assistant: question (+ conversation so far, + UI filters) -> checked, cited Answer.

Composes the pieces below it; the CLI and the Gradio app call only this.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.answering.answer import Answer, extractive, not_found, reading_order
from assistant.answering.citations import Citation, cite
from assistant.answering.query import Analysis, analyse
from assistant.answering.structured import RecordAnswers
from assistant.answering.thesaurus import Thesaurus
from assistant.answering.vocabulary import Vocabulary, build_vocabulary, speaker_names
from ingest.opgaven import Taxonomy
from ingest.speakers import Speaker
from vectorstore.index import RecordIndex
from vectorstore.search import Filters, Hit, RelevanceRule, Searcher


class Composer(Protocol):
    """Everything a language-model composer does (answering/llm.py; a scripted fake in
    tests). Without one, answers and summaries are extractive."""

    def compose(
        self,
        analysis: Analysis,
        hits: list[Hit],
        citations: list[Citation],
        speakers: Mapping[str, Speaker],
        *,
        facts: str | None = None,
    ) -> Iterator[Answer]:
        """Partial answers while the model writes, then the checked answer; `facts` is a
        structured answer's data (names, dates, counts) for the model to write from."""
        ...

    def condense(self, question: str, earlier: list[str]) -> str | None:
        """A follow-up rewritten as a standalone question, or None when the model fails."""
        ...

    def complete(self, prompt: str) -> str:
        """The model's reply to one prompt (summaries); raises when the model fails."""
        ...


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
        composer: Composer | None = None,
    ) -> None:
        self.index = index
        self.searcher = searcher
        self.taxonomy = taxonomy
        self.thesaurus = thesaurus
        self.k = k
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

    @property
    def rule(self) -> RelevanceRule:
        return self.searcher.rule

    def retrieve(self, analysis: Analysis, k: int | None = None) -> tuple[list[Hit], list[Hit]]:
        """(all hits ranked, the ones to cite, by the searcher's relevance rule)."""
        hits = self.searcher.search(analysis.query(k or self.k))
        return hits, self.rule.cited(hits, asked=bool(analysis.terms))

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

    def nearest(self, analysis: Analysis, n: int = 2) -> list[Citation]:
        """What the asked organisation did say that comes nearest the topic, so a question
        it never addressed ends in something rather than a dead end."""
        orgs = analysis.filters.organisations
        if not orgs or analysis.asked_unknown:
            return []
        query = replace(analysis.query(n * 3), filters=Filters(organisations=orgs))
        near = [h for h in self.searcher.search(query) if h.statement.attribution != "none"]
        return cite([h.statement for h in near[:n]], self.index.catalogue.verslagen)

    def records(self) -> RecordAnswers:
        """The answers to questions about the record itself (structured.py)."""
        cat = self.index.catalogue
        return RecordAnswers(
            self.vocabulary, cat.statements, self.retrieve, cat.verslagen, self.taxonomy, self.rule
        )

    def stream(self, analysis: Analysis, k: int | None = None) -> Iterator[Answer]:
        """Yield partial answers (LLM streaming) and finally the checked answer."""
        if analysis.kind != "said":
            yield from self._structured(analysis)
            return
        hits, relevant = self.retrieve(analysis, k)
        f = analysis.filters
        if not analysis.terms and (f.organisations or f.persons) and not analysis.asked_unknown:
            # "Wat vond Henk Oosting belangrijk?": no topic, so all the speaker said
            relevant = [h for h in hits if h.statement.attribution != "none"]
        fitting = [h for h in relevant if analysis.answered_by(h.statement.text)]
        if relevant and not fitting and not analysis.asked_unknown:
            # on the topic, but none holds the number, date or name asked for: say so, show them
            near = [h.statement for h in reading_order(relevant)[:3]]
            answer = not_found(
                analysis.question,
                Filters(),  # the general refusal: the speaker did speak on the topic
                hits,
                nearest=cite(near, self.index.catalogue.verslagen),
                nearest_lead="Over dit onderwerp staat wel iets in de verslagen, maar niet wat "
                "er gevraagd wordt (dit beantwoordt de vraag dus niet):",
            )
            yield replace(answer, filters=analysis.filters)
            return
        relevant = fitting
        if not relevant or analysis.asked_unknown:
            vocab = self.vocabulary
            nearest, lead = self.nearest(analysis), None
            if analysis.asked_unknown and relevant:  # the topic, as others spoke of it
                on_topic = [h.statement for h in reading_order(relevant)[:3]]
                nearest = cite(on_topic, self.index.catalogue.verslagen)
                lead = "Wel zeiden anderen in de verslagen iets over dit onderwerp (dit "
                lead += "beantwoordt de vraag niet):"
            yield not_found(
                analysis.question,
                analysis.filters,
                hits,
                asked_unknown=analysis.asked_unknown,
                attended=vocab.attendee_orgs,
                has_statements=vocab.organisations,
                nearest=nearest,
                nearest_lead=lead,
            )
            return
        ordered = reading_order(relevant)
        citations = cite([h.statement for h in ordered], self.index.catalogue.verslagen)
        if self.composer is not None:
            speakers = speaker_names(self.vocabulary)
            yield from self.composer.compose(analysis, hits, citations, speakers)
            return
        text = extractive(analysis.question, analysis.filters, citations)
        yield Answer(analysis.question, text, True, analysis.filters, citations, hits)

    def _structured(self, analysis: Analysis) -> Iterator[Answer]:
        """A question about the record: answered from the records; with an LLM, the rows and
        statements it rests on (and the extractive answer as facts) are the model's data."""
        answer = self.records().answer(analysis, analysis.kind)
        if self.composer is None or not answer.found:
            yield answer
            return
        speakers = speaker_names(self.vocabulary)
        for partial in self.composer.compose(
            analysis, answer.retrieved, answer.citations, speakers, facts=answer.text
        ):
            yield replace(partial, kind=analysis.kind)
