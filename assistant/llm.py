"""LLM-written answers through LangChain: model from settings, grounded prompt, checks.

The model sees only the numbered statements, inside a delimited block the system prompt
declares to be data. Whatever it writes passes `answer.check_citations`; if it is slow or
unreachable the extractive answer is returned with a visible notice. No provider code of our
own: the chat model comes from LangChain (`init_chat_model`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import prompts
from assistant.answer import Answer, Citation, check_citations, extractive

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.query import Analysis
    from assistant.settings import Settings
    from vectorstore.search import Hit

FALLBACK_NOTICE = (
    "Het taalmodel reageerde niet (op tijd); hieronder staan de letterlijke uitspraken, "
    "zonder taalmodel."
)
_DELIMITER = re.compile(r"<\s*/?\s*uitspraken\s*>", re.IGNORECASE)


class LLMConfigError(ValueError):
    """RAADPLEEG_LLM is not `none`, `ollama:MODEL` or `openai:MODEL`."""


def chat_model(settings: Settings) -> BaseChatModel:
    """The LangChain chat model that RAADPLEEG_LLM names (no retries: we fall back instead)."""
    from langchain.chat_models import init_chat_model

    provider, _, model = settings.llm.partition(":")
    if provider not in ("openai", "ollama") or not model:
        raise LLMConfigError(
            f"RAADPLEEG_LLM={settings.llm!r}: use none, ollama:MODEL or openai:MODEL"
        )
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


def context_block(citations: list[Citation]) -> str:
    """Numbered statements as the model's only context; a statement cannot close the block."""
    lines = []
    for c in citations:
        text = _DELIMITER.sub(" ", c.text).replace("\n", " ")
        lines.append(f'[{c.n}] spreker: {c.who}; {c.where}; vraag: {c.section}\n    "{text}"')
    return "\n".join(lines)


def answer_messages(question: str, citations: list[Citation]) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    system = prompts.render("answer_system", refusal=prompts.refusal())
    user = prompts.render("answer_user", context=context_block(citations), question=question)
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
        organisations: list[str],
    ) -> Iterator[Answer]:
        """Stream the model's answer (partial Answers), then yield the checked one;
        `organisations` are all the record knows, for the attribution check."""
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
            relevant = [h for h in hits if any(h.statement.id == c.statement_id for c in citations)]
            yield Answer(
                question,
                extractive(question, filters, relevant, citations),
                True,
                filters,
                citations,
                hits,
                mode="extractive",
                warnings=[f"taalmodel: {type(exc).__name__}: {str(exc)[:200]}"],
                notice=FALLBACK_NOTICE,
            )
            return
        clean, used, warnings = check_citations(text, citations, organisations)
        if clean.strip() == prompts.refusal():
            yield Answer(question, clean, False, filters, [], hits, "llm", warnings)
            return
        yield Answer(question, clean, True, filters, used, hits, "llm", warnings)

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
