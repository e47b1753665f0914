"""ASGI middleware in front of Gradio: a Dutch page, throttled logins, a login for MCP.

Gradio's page template says `lang="en"` and its frontend picks the language of its built-in
strings ("Drop File Here", "Login", "Clear") from `navigator.language`, so an English browser
gets English. The page is rewritten on its way out: `lang="nl"`, and a first script that makes
the frontend see Dutch, so Gradio's own Dutch translations apply in every browser.

Logins (POST /login) pass through `LoginThrottle`; a throttled attempt gets 429 with a Dutch
reason and is not checked at all. The MCP endpoint (/gradio_api/mcp) is not behind Gradio's
login, so with a login configured it requires HTTP Basic credentials of the same users.
"""

from __future__ import annotations

import base64
import hmac
import json
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

from assistant.web.throttle import LoginThrottle, wait_message

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCALE_SCRIPT = (
    "<script>(()=>{for(const[k,v]of[['language','nl'],['languages',['nl','en']]])"
    "Object.defineProperty(navigator,k,{get:()=>v,configurable:true});"
    "document.documentElement.lang='nl';"
    # Gradio's login form shows nothing for a throttled attempt (429): show its reason
    "const f=window.fetch;window.fetch=async(...a)=>{const r=await f(...a);"
    "if(r.status===429&&String(a[0]&&a[0].url||a[0]).includes('login')){"
    "let d='';try{d=(await r.clone().json()).detail}catch(e){}"
    "let el=document.getElementById('rp-login-wait');if(!el){el=document.createElement('div');"
    "el.id='rp-login-wait';el.setAttribute('role','alert');el.style.cssText="
    "'margin:12px auto;max-width:40rem;padding:8px 12px;border:1px solid #f0a8a8;"
    "background:#fdecec;color:#7f1d1d;border-radius:6px;font:15px system-ui,sans-serif';"
    "document.body.prepend(el)}el.textContent=d}return r};})();</script>"
)
MAX_LOGIN_BODY = 16_384
MAX_PAGE = 4_000_000


def dutch_page(html: str) -> str:
    """Gradio's page with `lang="nl"` and the Dutch-locale script first in <head>."""
    html = html.replace('lang="en"', 'lang="nl"', 1)
    return html.replace("<head>", "<head>" + LOCALE_SCRIPT, 1)


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "?"


def _header(scope: Scope, name: bytes) -> bytes:
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return v
    return b""


def basic_credentials(scope: Scope) -> tuple[str, str] | None:
    """(user, password) of an `Authorization: Basic` header, or None."""
    value = _header(scope, b"authorization")
    scheme, _, token = value.partition(b" ")
    if scheme.lower() != b"basic" or not token:
        return None
    try:
        user, sep, password = base64.b64decode(token.strip(), validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return (user, password) if sep else None


async def _respond(send: Send, status: int, body: dict, headers: list | None = None) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    head = [(b"content-type", b"application/json; charset=utf-8")]
    head += [(b"content-length", str(len(data)).encode()), *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": data})


async def _form_user(scope: Scope, body: bytes) -> str:
    """The `username` field of a login form (urlencoded or multipart, as Gradio's page
    sends it); "" when there is none or the form cannot be read."""

    async def once() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(scope, once).form()
        return str(form.get("username") or "").strip()
    except Exception:  # a malformed form: Gradio refuses it; throttle it by address
        return ""


class Guard:
    """The middleware (`app_kwargs={"middleware": [Middleware(Guard, ...)]}` at launch)."""

    def __init__(
        self,
        app: ASGIApp,
        users: dict[str, str] | None = None,
        throttle: LoginThrottle | None = None,
        tools: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.tools = tools
        self.users = dict(users or {})
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        if method == "POST" and path.rstrip("/").endswith("/login"):
            await self._login(scope, receive, send)
        elif "/gradio_api/mcp" in path:
            await self._mcp(scope, receive, send)
        elif method == "GET":
            await self._page(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    # --- the page ----------------------------------------------------------------------

    async def _page(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                head = dict((k.lower(), v) for k, v in message.get("headers", []))
                html = b"text/html" in head.get(b"content-type", b"")
                if html and b"content-encoding" not in head:  # (compressed: left alone)
                    start = message
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body") and sum(map(len, chunks)) < MAX_PAGE:
                    return
                body = b"".join(chunks)
                if not message.get("more_body"):
                    body = dutch_page(body.decode("utf-8", "replace")).encode()
                headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                if not message.get("more_body"):
                    headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({**message, "body": body})
                start = None
                chunks.clear()
            else:
                await send(message)

        await self.app(scope, receive, capture)

    # --- logins ------------------------------------------------------------------------

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_LOGIN_BODY:
                await _respond(send, 413, {"detail": "Het inlogverzoek is te groot."})
                return
            if not message.get("more_body"):
                break
        user = await _form_user(scope, body)
        address = client_address(scope)
        wait = self.throttle.wait(user, address)
        if wait > 0:
            retry = [(b"retry-after", str(int(wait) + 1).encode())]
            await _respond(send, 429, {"detail": wait_message(wait)}, retry)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def observe(message: Message) -> None:
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    self.throttle.succeeded(user, address)
                elif message["status"] in (400, 401):
                    self.throttle.failed(user, address)
            await send(message)

        await self.app(scope, replay, observe)

    # --- MCP -----------------------------------------------------------------------------

    async def _mcp(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.tools:  # only the app's tools (Gradio's own `?tools=` selection)
            query = urllib.parse.parse_qsl(scope.get("query_string", b"").decode("latin-1"))
            query = [(k, v) for k, v in query if k != "tools"] + [("tools", ",".join(self.tools))]
            scope = {**scope, "query_string": urllib.parse.urlencode(query).encode("latin-1")}
        if not self.users:
            await self.app(scope, receive, send)
            return
        creds = basic_credentials(scope) or ("", "")
        user, address = creds[0], client_address(scope)
        wait = self.throttle.wait(user, address)
        if wait > 0:
            retry = [(b"retry-after", str(int(wait) + 1).encode())]
            await _respond(send, 429, {"detail": wait_message(wait)}, retry)
            return
        known = self.users.get(user)
        if known is None or not hmac.compare_digest(known.encode(), creds[1].encode()):
            if basic_credentials(scope) is not None:
                self.throttle.failed(user, address)
            challenge = [(b"www-authenticate", b'Basic realm="raadpleeg", charset="UTF-8"')]
            detail = "Inloggen vereist: gebruik de gebruikersnaam en het wachtwoord van de app."
            await _respond(send, 401, {"detail": detail}, challenge)
            return
        self.throttle.succeeded(user, address)
        await self.app(scope, receive, send)
