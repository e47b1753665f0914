"""A loopback fake of the OpenAI-compatible HTTP API, for tests that must never reach a real LLM.

Stdlib only. Serves, on ``127.0.0.1`` with an ephemeral port:

* ``POST /v1/chat/completions`` — a ``chat.completion`` JSON object, or, when the body has
  ``"stream": true``, a ``text/event-stream`` of ``chat.completion.chunk`` events (the reply is
  split into several ``delta.content`` pieces, then a chunk with ``finish_reason: "stop"``, then a
  usage chunk if ``stream_options.include_usage`` was requested, then ``data: [DONE]``).
* ``GET /v1/models`` — a list holding one model (:data:`FAKE_MODEL`).

Anything else gets a 404. The Responses API (``/v1/responses``) is *not* served: build the client
as ``ChatOpenAI(base_url=server.base_url, api_key=..., model=...)`` and do not pass
``use_responses_api=True``, ``reasoning``/``include``/``truncation``/built-in tools, or
``output_version="responses/v1"``, and avoid model names that langchain-openai 1.7 routes there
(``gpt-5-pro``, ``gpt-5.2-pro`` etc., ``gpt-5.6-sol``, ``*codex*``, ``gpt-6*`` with tools): any of
these switches the client to that API. A plain name such as :data:`FAKE_MODEL` is safe.

Recording: :attr:`FakeOpenAIServer.requests` holds the JSON bodies of the chat-completion POSTs, in
arrival order, and :attr:`FakeOpenAIServer.headers` the matching request headers (same index, keys
lower-cased, e.g. ``server.headers[0]["authorization"] == "Bearer sk-test"``).

Note that the ``openai`` client retries connection errors, timeouts, 408/409/429 and 5xx answers
(2 retries by default): pass ``max_retries=0`` in tests that provoke them, or each will be recorded
several times.

Example::

    with FakeOpenAIServer() as server:
        server.reply_with("Hallo!")
        llm = ChatOpenAI(base_url=server.base_url, api_key="sk-test", model="fake-model")
        assert llm.invoke("Hoi").content == "Hallo!"
        assert server.requests[0]["messages"][-1]["content"] == "Hoi"
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

__all__ = ["DEFAULT_REPLY", "FAKE_MODEL", "FakeOpenAIServer", "closed_port"]

FAKE_MODEL = "fake-model"
DEFAULT_REPLY = "This is a fake reply."

Responder = Callable[[dict[str, Any]], str]


def closed_port() -> int:
    """Return a loopback TCP port that nothing listens on (bound once, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def split_into_pieces(text: str) -> list[str]:
    """Split ``text`` into stream pieces: words with their whitespace, two or more if possible.

    Joining the pieces always gives back ``text`` exactly.
    """
    pieces = re.findall(r"\s*\S+\s*|\s+", text)
    if len(pieces) < 2 and len(text) >= 2:
        half = len(text) // 2
        pieces = [text[:half], text[half:]]
    return pieces or [""]


def _count_tokens(text: str) -> int:
    """A crude, deterministic token count (whitespace-separated words) for the ``usage`` block."""
    return len(text.split())


class FakeOpenAIServer:
    """A scripted OpenAI-compatible chat server on ``127.0.0.1:<ephemeral port>``.

    Args:
        responder: computes the reply text from the request body; when given it takes precedence
            over the :meth:`reply_with` queue.
        delay: seconds to wait before answering (to provoke client timeouts); cut short on stop.
        fail_status: if set, chat completions are answered with this HTTP status and an
            OpenAI-style ``{"error": {...}}`` body instead of a reply.
        keepalive: seconds a stream sends only SSE keep-alive comments before its content
            (a stalled model behind a proxy); cut short on stop.

    All three are plain attributes and may be changed while the server runs. The server starts on
    ``__enter__`` (or :meth:`start`) and stops on ``__exit__`` (or :meth:`stop`).
    """

    def __init__(
        self,
        responder: Responder | None = None,
        *,
        delay: float = 0.0,
        fail_status: int | None = None,
        keepalive: float = 0.0,
    ) -> None:
        self.responder = responder
        self.keepalive = keepalive
        self.delay = delay
        self.fail_status = fail_status
        self._lock = threading.Lock()
        self._replies: deque[str] = deque()
        self._last_reply = DEFAULT_REPLY
        self._requests: list[dict[str, Any]] = []
        self._headers: list[dict[str, str]] = []
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        """Bind an ephemeral loopback port and serve in a daemon thread."""
        if self._httpd is not None:
            raise RuntimeError("FakeOpenAIServer already started")
        self._stopping.clear()
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        httpd.daemon_threads = True
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeOpenAIServer:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses ---------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._httpd is None:
            raise RuntimeError("FakeOpenAIServer is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """The OpenAI ``base_url``, e.g. ``"http://127.0.0.1:54321/v1"``."""
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting and recording -------------------------------------------------------------

    def reply_with(self, *texts: str) -> FakeOpenAIServer:
        """Queue replies, used in order; the last one repeats once the queue is exhausted."""
        with self._lock:
            self._replies.extend(texts)
        return self

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Copies of the JSON bodies of the chat-completion requests received so far."""
        with self._lock:
            return list(self._requests)

    @property
    def headers(self) -> list[dict[str, str]]:
        """The headers (lower-cased keys) of those requests, index-aligned with :attr:`requests`."""
        with self._lock:
            return [dict(h) for h in self._headers]

    def clear(self) -> None:
        """Forget the recorded requests (the reply queue is kept)."""
        with self._lock:
            self._requests.clear()
            self._headers.clear()

    # -- internals used by the handler -------------------------------------------------------

    def _record(self, body: dict[str, Any], headers: dict[str, str]) -> None:
        with self._lock:
            self._requests.append(body)
            self._headers.append(headers)

    def _next_reply(self, body: dict[str, Any]) -> str:
        responder = self.responder
        if responder is not None:
            return responder(body)
        with self._lock:
            if self._replies:
                self._last_reply = self._replies.popleft()
            return self._last_reply

    def _wait_delay(self) -> None:
        if self.delay > 0:
            self._stopping.wait(self.delay)


def _make_handler(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    """Build a request-handler class bound to ``server``."""

    class Handler(_FakeOpenAIHandler):
        fake = server

    return Handler


class _FakeOpenAIHandler(BaseHTTPRequestHandler):
    """HTTP/1.0 handler: one request per connection, so a stream ends when the socket closes."""

    fake: FakeOpenAIServer
    server_version = "FakeOpenAI/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet; pytest output should not fill up with access logs."""

    # -- routing ------------------------------------------------------------------------------

    def do_GET(self) -> None:
        if self._route() == "/v1/models":
            self._send_json(
                200,
                {
                    "object": "list",
                    "data": [
                        {"id": FAKE_MODEL, "object": "model", "created": 0, "owned_by": "fake"}
                    ],
                },
            )
        else:
            self._send_error(404, f"No route for GET {self.path}", "not_found")

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self._route() != "/v1/chat/completions":
            self._send_error(404, f"No route for POST {self.path}", "not_found")
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError as exc:
            self._send_error(400, f"Invalid JSON body: {exc}", "invalid_request_error")
            return
        if not isinstance(body, dict):
            self._send_error(400, "Body must be a JSON object", "invalid_request_error")
            return
        self.fake._record(body, {k.lower(): v for k, v in self.headers.items()})
        # The client may have given up meanwhile (e.g. it timed out during ``delay``).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._chat_completions(body)

    def _route(self) -> str:
        return self.path.split("?", 1)[0].rstrip("/")

    # -- chat completions --------------------------------------------------------------------

    def _chat_completions(self, body: dict[str, Any]) -> None:
        self.fake._wait_delay()
        status = self.fake.fail_status
        if status is not None:
            self._send_error(status, f"Fake failure with HTTP {status}", "fake_error")
            return
        text = self.fake._next_reply(body)
        model = str(body.get("model") or FAKE_MODEL)
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        created = int(time.time())
        usage = _usage(body, text)
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self._send_stream(completion_id, created, model, text, usage if include_usage else None)
            return
        self._send_json(
            200,
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text, "refusal": None},
                        "logprobs": None,
                        "finish_reason": "stop",
                    }
                ],
                "usage": usage,
            },
        )

    def _send_stream(
        self,
        completion_id: str,
        created: int,
        model: str,
        text: str,
        usage: dict[str, int] | None,
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        until = time.monotonic() + self.fake.keepalive
        while time.monotonic() < until and not self.fake._stopping.is_set():
            self.wfile.write(b": keep-alive\n\n")
            self.wfile.flush()
            self.fake._stopping.wait(0.1)
        for event in _stream_events(completion_id, created, model, text, usage):
            self.wfile.write(event)
            self.wfile.flush()

    # -- responses ---------------------------------------------------------------------------

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def _send_error(self, status: int, message: str, kind: str) -> None:
        self._send_json(
            status, {"error": {"message": message, "type": kind, "param": None, "code": None}}
        )


def _usage(body: dict[str, Any], text: str) -> dict[str, int]:
    prompt = sum(
        _count_tokens(m["content"])
        for m in body.get("messages") or []
        if isinstance(m, dict) and isinstance(m.get("content"), str)
    )
    completion = _count_tokens(text)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _stream_events(
    completion_id: str, created: int, model: str, text: str, usage: dict[str, int] | None
) -> Iterator[bytes]:
    """Yield the SSE frames of a streamed chat completion."""

    def chunk(choices: list[dict[str, Any]], **extra: Any) -> bytes:
        payload = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": choices,
            **extra,
        }
        return f"data: {json.dumps(payload)}\n\n".encode()

    for i, piece in enumerate(split_into_pieces(text)):
        delta: dict[str, Any] = {"content": piece}
        if i == 0:
            delta = {"role": "assistant", **delta}
        yield chunk([{"index": 0, "delta": delta, "logprobs": None, "finish_reason": None}])
    yield chunk([{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}])
    if usage is not None:
        yield chunk([], usage=usage)
    yield b"data: [DONE]\n\n"
