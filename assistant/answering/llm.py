"""LLM-written answers through LangChain: model from settings, grounded prompt, checks.

The model sees only the numbered statements, inside a delimited block the system prompt
declares to be data. Whatever it writes passes `answer.check_citations`; if it is slow or
unreachable the extractive answer is returned with a visible notice. No provider code of our
own: the chat model comes from LangChain (`init_chat_model`).
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import prompts
from assistant.answering.answer import Answer, extractive
from assistant.answering.citations import Citation, check_citations
from assistant.answering.context import context_block, facts_section

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.answering.query import Analysis
    from assistant.settings import LLMSettings
    from ingest.speakers import Speaker
    from vectorstore.search import Hit

FALLBACK_NOTICE = (
    "Het taalmodel reageerde niet (op tijd); hieronder staan de letterlijke uitspraken, "
    "zonder taalmodel."
)
UNSOURCED_NOTICE = (
    "Het taalmodel gaf geen antwoord met bronvermelding; hieronder staan de letterlijke "
    "uitspraken, zonder taalmodel."
)
_IRRELEVANT = re.compile(r"niet\s+relevant\s*:(?P<rest>[^\n]*)", re.IGNORECASE)


def chat_model(settings: LLMSettings) -> BaseChatModel:
    """The LangChain chat model that RAADPLEEG_LLM names (no retries: we fall back instead)."""
    from langchain.chat_models import init_chat_model

    provider, _, model = settings.llm.partition(":")  # validated by LLMSettings
    kwargs: dict[str, Any] = {"temperature": settings.llm_temperature}
    if provider == "openai":
        kwargs |= {
            "base_url": settings.llm_base_url,
            "api_key": settings.llm_api_key or "not-needed",
            "timeout": settings.llm_timeout,
            "max_retries": 0,
        }
    else:
        kwargs |= {
            "base_url": settings.llm_base_url or "http://127.0.0.1:11434",
            "client_kwargs": {"timeout": settings.llm_timeout},
        }
    return init_chat_model(model, model_provider=provider, **kwargs)


def answer_messages(
    question: str, citations: list[Citation], facts: str | None = None
) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    system = prompts.render("answer_system", refusal=prompts.refusal())
    context = context_block([(None, citations)])
    if facts:
        context = f"{context}\n{facts_section(facts)}"
    user = prompts.render("answer_user", context=context, question=question)
    return [SystemMessage(system), HumanMessage(user)]


def irrelevant_numbers(reply: str) -> set[int]:
    """The statement numbers a relevance reply marks as not about the question (none when
    the reply does not follow the asked form: then nothing is dropped)."""
    m = _IRRELEVANT.search(reply or "")
    return {int(n) for n in re.findall(r"\d{1,4}", m.group("rest"))} if m else set()


def _renumbered(citations: list[Citation]) -> list[Citation]:
    return [replace(c, n=i) for i, c in enumerate(citations, 1)]


def _deadline_stream(model: Any, messages: list[Any], deadline: float) -> Iterator[str]:
    """The model's streamed text pieces, under a wall-clock deadline: the stream is read in a
    daemon thread, so a server that sends keep-alives (or nothing) cannot hold the caller
    past the `deadline` (a `time.monotonic()` value)."""
    pieces: queue.Queue[tuple[str, object]] = queue.Queue()

    def pump() -> None:
        try:
            for chunk in model.stream(messages):
                pieces.put(("piece", chunk.content if isinstance(chunk.content, str) else ""))
        except Exception as exc:  # handed to the caller
            pieces.put(("error", exc))
        else:
            pieces.put(("end", None))

    threading.Thread(target=pump, name="llm-stream", daemon=True).start()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no complete answer before the deadline")
        try:
            what, value = pieces.get(timeout=left)
        except queue.Empty:
            raise TimeoutError("no complete answer before the deadline") from None
        if what == "error":
            raise value  # type: ignore[misc]
        if what == "end":
            return
        yield value  # type: ignore[misc]


class LLMComposer:
    """Writes answers (and condenses follow-ups) with a chat model, under a deadline."""

    def __init__(self, model: BaseChatModel, *, timeout: float = 30.0) -> None:
        self.model = model
        self.timeout = timeout

    def compose(
        self,
        analysis: Analysis,
        hits: list[Hit],
        citations: list[Citation],
        speakers: Mapping[str, Speaker],
        *,
        facts: str | None = None,
    ) -> Iterator[Answer]:
        """Stream the model's answer (partial Answers), then yield the checked one;
        `speakers` are all the names the record knows, for the attribution check. Without
        `facts` (a structured answer's data), the model first marks retrieved statements that
        are not about the question; those are not cited."""
        question, filters = analysis.question, analysis.filters
        kind = analysis.kind
        fallback = facts or extractive(question, filters, citations)

        def extractive_answer(notice: str, warning: str | None) -> Answer:
            return Answer(
                question, fallback, True, filters, citations, hits, mode="extractive",
                warnings=[warning] if warning else [], notice=notice, kind=kind,
            )  # fmt: skip

        text = ""
        deadline = time.monotonic() + self.timeout  # one wall clock for both calls
        try:
            if facts is None and len(citations) > 1:
                citations = self.relevant(question, citations, deadline)
                if not citations:
                    yield Answer(question, prompts.refusal(), False, filters, [], hits, "llm")
                    return
                fallback = extractive(question, filters, citations)
            messages = answer_messages(question, citations, facts)
            for piece in _deadline_stream(self.model, messages, deadline):
                if piece:
                    text += piece
                    yield Answer(question, text, True, filters, citations, hits, mode="llm")
        except Exception as exc:  # unreachable, timeout, HTTP error: never leave the user empty
            yield extractive_answer(
                FALLBACK_NOTICE, f"taalmodel: {type(exc).__name__}: {str(exc)[:200]}"
            )
            return
        checked = check_citations(text, citations, speakers, exempt=[prompts.refusal()])
        clean, warnings = checked.text, checked.warnings
        if clean.strip() == prompts.refusal():
            yield Answer(question, clean, False, filters, [], hits, "llm", warnings)
            return
        if not clean.strip() or not checked.used:
            yield extractive_answer(UNSOURCED_NOTICE, "taalmodel: antwoord zonder bronnen")
            return
        yield Answer(question, clean, True, filters, checked.used, hits, "llm", warnings)

    def relevant(self, question: str, citations: list[Citation], deadline: float) -> list[Citation]:
        """The citations the model does not mark as off the question, renumbered 1.. in the
        same (reading) order. A model that fails or is late here leaves them all."""
        from langchain_core.messages import HumanMessage

        prompt = prompts.render(
            "relevance", context=context_block([(None, citations)]), question=question
        )
        try:
            content = "".join(_deadline_stream(self.model, [HumanMessage(prompt)], deadline))
        except Exception:
            return citations
        drop = irrelevant_numbers(content)
        return _renumbered([c for c in citations if c.n not in drop])

    def complete(self, prompt: str) -> str:
        """The model's reply to one prompt (summaries); raises when the model fails."""
        from langchain_core.messages import HumanMessage

        reply = self.model.invoke([HumanMessage(prompt)])
        return reply.content if isinstance(reply.content, str) else ""

    def condense(self, question: str, earlier: list[str]) -> str | None:
        """A standalone version of a follow-up question, or None when the model fails."""
        from langchain_core.messages import HumanMessage

        history = "\n".join(f"- {q}" for q in earlier[-4:])
        prompt = prompts.render("condense", history=history, question=question)
        try:
            reply = self.model.invoke([HumanMessage(prompt)])
        except Exception:
            return None
        content = reply.content if isinstance(reply.content, str) else ""
        line = next((ln.strip() for ln in content.splitlines() if ln.strip()), "")
        return line[:300] or None
