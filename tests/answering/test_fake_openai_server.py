"""The loopback fake OpenAI server works with the real ``langchain_openai.ChatOpenAI`` client."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from langchain_core.messages import AIMessageChunk, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from tests.fakes.openai_server import FAKE_MODEL, FakeOpenAIServer, closed_port, split_into_pieces

pytestmark = pytest.mark.timeout(30)

API_KEY = "sk-fake-test-key"


@pytest.fixture(autouse=True)
def _no_proxy_or_env_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep proxies and OpenAI/LangSmith settings in the environment out of these tests."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "OPENAI_BASE_URL",
        "OPENAI_API_BASE",
        "LANGSMITH_GATEWAY_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def make_llm(base_url: str, **kwargs: Any) -> ChatOpenAI:
    params: dict[str, Any] = {"max_retries": 0, "timeout": 5.0, **kwargs}
    return ChatOpenAI(base_url=base_url, api_key=API_KEY, model=FAKE_MODEL, **params)


MESSAGES = [
    SystemMessage("Je bent een behulpzame assistent."),
    HumanMessage("Wat is er besloten over de Dorpsstraat?"),
]


def test_invoke_returns_scripted_text_and_records_the_request(server: FakeOpenAIServer) -> None:
    server.reply_with("De Dorpsstraat wordt heringericht.")

    result = make_llm(server.base_url, temperature=0).invoke(MESSAGES)

    assert result.content == "De Dorpsstraat wordt heringericht."
    assert result.response_metadata["finish_reason"] == "stop"
    assert result.usage_metadata is not None
    assert result.usage_metadata["output_tokens"] == 4
    assert len(server.requests) == 1
    body = server.requests[0]
    assert body["model"] == FAKE_MODEL
    assert not body.get("stream")
    assert body["messages"] == [
        {"role": "system", "content": "Je bent een behulpzame assistent."},
        {"role": "user", "content": "Wat is er besloten over de Dorpsstraat?"},
    ]
    assert server.headers[0]["authorization"] == f"Bearer {API_KEY}"


def test_scripted_replies_are_used_in_order_and_the_last_repeats(
    server: FakeOpenAIServer,
) -> None:
    server.reply_with("een", "twee")
    llm = make_llm(server.base_url)

    assert [llm.invoke("x").content for _ in range(3)] == ["een", "twee", "twee"]


def test_responder_computes_the_reply_from_the_request() -> None:
    def shout(body: dict[str, Any]) -> str:
        return str(body["messages"][-1]["content"]).upper()

    with FakeOpenAIServer(responder=shout) as fake:
        assert make_llm(fake.base_url).invoke("hallo daar").content == "HALLO DAAR"


def test_stream_yields_several_chunks_that_join_to_the_scripted_text(
    server: FakeOpenAIServer,
) -> None:
    text = "Het college neemt het advies van de raad over."
    server.reply_with(text)

    chunks = list(make_llm(server.base_url).stream(MESSAGES))

    contents = [c.content for c in chunks if c.content]
    assert len(contents) >= 3
    assert "".join(str(c) for c in contents) == text
    assert server.requests[0]["stream"] is True
    assert server.requests[0]["messages"][0]["role"] == "system"


def test_stream_reports_usage_when_asked(server: FakeOpenAIServer) -> None:
    server.reply_with("twee woorden")

    chunks = list(make_llm(server.base_url, stream_usage=True).stream("hoi"))

    assert server.requests[0]["stream_options"] == {"include_usage": True}
    total = chunks[0]
    for chunk in chunks[1:]:
        total = total + chunk
    assert isinstance(total, AIMessageChunk)
    assert total.content == "twee woorden"
    assert total.usage_metadata is not None
    assert total.usage_metadata["output_tokens"] == 2


def test_delay_with_client_timeout_raises_a_timeout_quickly(server: FakeOpenAIServer) -> None:
    server.delay = 10.0
    llm = make_llm(server.base_url, timeout=0.3)

    start = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        llm.invoke("hoi")
    assert time.monotonic() - start < 2.0


def test_closed_port_gives_a_connection_error() -> None:
    llm = make_llm(f"http://127.0.0.1:{closed_port()}/v1")

    with pytest.raises(openai.APIConnectionError) as excinfo:
        llm.invoke("hoi")
    assert not isinstance(excinfo.value, openai.APITimeoutError)


def test_fail_status_answers_with_an_http_error(server: FakeOpenAIServer) -> None:
    server.fail_status = 503

    with pytest.raises(openai.InternalServerError) as excinfo:
        make_llm(server.base_url).invoke("hoi")
    assert excinfo.value.status_code == 503
    assert len(server.requests) == 1  # max_retries=0: no retries


def test_models_endpoint_lists_one_model(server: FakeOpenAIServer) -> None:
    with urllib.request.urlopen(f"{server.base_url}/models", timeout=5) as response:
        payload = json.load(response)

    assert payload["object"] == "list"
    assert [m["id"] for m in payload["data"]] == [FAKE_MODEL]


def test_unknown_route_is_a_404(server: FakeOpenAIServer) -> None:
    request = urllib.request.Request(f"{server.base_url}/responses", data=b"{}", method="POST")

    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request, timeout=5)
    assert excinfo.value.code == 404
    assert server.requests == []


def test_split_into_pieces_round_trips() -> None:
    for text in ("", "a", "ab", "één woord", "  spaties  rondom  ", "regel\nregel"):
        pieces = split_into_pieces(text)
        assert "".join(pieces) == text
        assert len(pieces) >= 2 or len(text) < 2
