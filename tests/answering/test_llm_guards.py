"""The LLM path's guards, against the loopback fake OpenAI server: the relevance pass drops
statements the model marks off the question, a stalled stream cannot hold `ask` past the
deadline, an empty or citation-free reply falls back to the extractive answer, and structured
answers reach the model as data."""

from __future__ import annotations

import time

import pytest

from assistant.answering.llm import UNSOURCED_NOTICE, irrelevant_numbers
from tests.answering.test_llm import QUESTION, llm_runtime
from tests.fakes.openai_server import FakeOpenAIServer


@pytest.mark.parametrize(
    ("reply", "numbers"),
    [
        ("Niet relevant: 2, 5", {2, 5}),
        ("niet relevant: [3]", {3}),
        ("Niet relevant: geen", set()),
        ("Alles gaat over de vraag.", set()),  # not the asked form: drop nothing
        ("Toelichting.\nNIET RELEVANT: 1;4", {1, 4}),
    ],
)
def test_irrelevant_numbers(reply, numbers) -> None:
    assert irrelevant_numbers(reply) == numbers


def test_statements_marked_irrelevant_are_not_cited(corpus_store) -> None:
    extractive = llm_runtime(corpus_store, "http://127.0.0.1:9").assistant
    extractive.composer = None
    before = extractive.ask(QUESTION).citations
    assert len(before) >= 2
    keep = before[0].text

    def responder(body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        if "Niet relevant" in prompt:  # the relevance pass: everything but the first is off
            return "Niet relevant: " + ", ".join(str(c.n) for c in before[1:])
        return "Humanitas vindt dat de sociale teams te weinig contact onderhouden [1]."

    with FakeOpenAIServer(responder) as server:
        answer = llm_runtime(corpus_store, server.base_url).assistant.ask(QUESTION)
        block = server.requests[-1]["messages"][-1]["content"]
    assert answer.mode == "llm" and answer.found
    assert [c.text for c in answer.citations] == [keep]
    assert all(c.text not in block for c in before[1:])  # the model never saw them


def test_all_marked_irrelevant_is_not_found(corpus_store) -> None:
    with FakeOpenAIServer(lambda body: "Niet relevant: 1, 2, 3, 4, 5, 6, 7, 8") as server:
        answer = llm_runtime(corpus_store, server.base_url).assistant.ask(QUESTION)
    assert not answer.found and answer.citations == []


def test_keepalive_stream_cannot_hold_ask_past_the_deadline(corpus_store) -> None:
    with FakeOpenAIServer(keepalive=30.0) as server:
        server.reply_with("Niet relevant: geen")
        start = time.monotonic()
        answer = llm_runtime(corpus_store, server.base_url, timeout=2.0).assistant.ask(QUESTION)
        elapsed = time.monotonic() - start
    assert elapsed < 8  # the keep-alives go on for 30 s
    assert answer.mode == "extractive" and answer.notice and answer.found
    assert answer.citations and any("Timeout" in w for w in answer.warnings)


@pytest.mark.parametrize("reply", ["", "   ", "Humanitas is kritisch over de sociale teams."])
def test_empty_or_citation_free_reply_falls_back(corpus_store, reply) -> None:
    with FakeOpenAIServer(lambda body: "Niet relevant: geen" if "Niet relevant" in
                          body["messages"][-1]["content"] else reply) as server:  # fmt: skip
        answer = llm_runtime(corpus_store, server.base_url).assistant.ask(QUESTION)
    assert answer.mode == "extractive" and answer.found
    assert answer.notice == UNSOURCED_NOTICE
    assert answer.citations and answer.text.count("[1]") >= 1


def test_structured_answer_reaches_the_model_as_data(corpus_store) -> None:
    with FakeOpenAIServer() as server:
        server.reply_with("Bij gesprek II waren Bert Kolk en Hans Berens aanwezig [1].")
        answer = llm_runtime(corpus_store, server.base_url).assistant.ask(
            "Wie waren er bij het tweede gesprek?"
        )
        prompt = server.requests[-1]["messages"][-1]["content"]
    assert answer.kind == "attended" and answer.mode == "llm" and answer.found
    assert answer.citations[0].row == "Aanwezig" and answer.citations[0].statement_id is None
    data = prompt.split("<uitspraken>")[1].split("</uitspraken>")[0]
    assert "Aanwezig" in data and "Bert Kolk" in data
    assert "## Gegevens uit de verslagen" in data
    assert "⚠" not in answer.text  # the Aanwezig row backs a claim about its attendees
