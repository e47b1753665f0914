"""LLM-written answers through LangChain: model from settings, grounded prompt, checks.

The model sees only the numbered statements, inside a delimited block the system prompt
declares to be data. Whatever it writes passes `answer.check_citations`; if it is slow or
unreachable the extractive answer is returned with a visible notice. No provider code of our
own: the chat model comes from LangChain (`init_chat_model`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import prompts
from assistant.answering.answer import Answer, extractive
from assistant.answering.citations import Citation, check_citations
from assistant.answering.context import context_block

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


def answer_messages(question: str, citations: list[Citation]) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    system = prompts.render("answer_system", refusal=prompts.refusal())
    context = context_block([(None, citations)])
    user = prompts.render("answer_user", context=context, question=question)
    return [SystemMessage(system), HumanMessage(user)]


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
    ) -> Iterator[Answer]:
        """Stream the model's answer (partial Answers), then yield the checked one;
        `speakers` are all the names the record knows, for the attribution check."""
        question, filters = analysis.question, analysis.filters
        deadline = time.monotonic() + self.timeout
        text = ""
        try:
            for chunk in self.model.stream(answer_messages(question, citations)):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {self.timeout:.0f} s")
                if piece:
                    text += piece
                    yield Answer(question, text, True, filters, citations, hits, mode="llm")
        except Exception as exc:  # unreachable, timeout, HTTP error: never leave the user empty
            yield Answer(
                question,
                extractive(question, filters, citations),
                True,
                filters,
                citations,
                hits,
                mode="extractive",
                warnings=[f"taalmodel: {type(exc).__name__}: {str(exc)[:200]}"],
                notice=FALLBACK_NOTICE,
            )
            return
        checked = check_citations(text, citations, speakers, exempt=[prompts.refusal()])
        clean, warnings = checked.text, checked.warnings
        if clean.strip() == prompts.refusal():
            yield Answer(question, clean, False, filters, [], hits, "llm", warnings)
            return
        yield Answer(question, clean, True, filters, checked.used, hits, "llm", warnings)

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
