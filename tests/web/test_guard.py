"""The page rewrite and the MCP credentials check of the middleware (table-driven)."""

from __future__ import annotations

import base64

import pytest

from assistant.web.guard import LOCALE_SCRIPT, basic_credentials, dutch_page


def test_dutch_page() -> None:
    page = '<!doctype html>\n<html\n\tlang="en"\n>\n\t<head>\n<p lang="en">x</p></head>'
    out = dutch_page(page)
    assert 'lang="nl"' in out and out.count('lang="en"') == 1  # only the page's own
    assert out.index(LOCALE_SCRIPT) < out.index("<p")


def b64(s: str) -> bytes:
    return base64.b64encode(s.encode())


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (b"Basic " + b64("ambtenaar:geheim"), ("ambtenaar", "geheim")),
        (b"basic " + b64("a:b:c"), ("a", "b:c")),
        (b"Basic " + b64("zonderdubbelepunt"), None),
        (b"Basic !!!", None),
        (b"Bearer " + b64("a:b"), None),
        (b"", None),
    ],
)
def test_basic_credentials(header: bytes, expected: tuple[str, str] | None) -> None:
    assert basic_credentials({"headers": [(b"authorization", header)]}) == expected


def run(app, scope: dict) -> list[dict]:
    """Drive an ASGI app once; the messages it sent."""
    import asyncio

    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def page_app(chunks: list[bytes], headers: list[tuple[bytes, bytes]]):
    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for i, c in enumerate(chunks):
            more = i < len(chunks) - 1
            await send({"type": "http.response.body", "body": c, "more_body": more})

    return app


PAGE = [b'<html lang="en"><head>', b"<title>x</title></head><body>hallo</body></html>"]


@pytest.mark.parametrize(
    ("headers", "rewritten"),
    [
        ([(b"content-type", b"text/html; charset=utf-8")], True),
        ([(b"content-type", b"text/html"), (b"content-encoding", b"gzip")], False),
        ([(b"content-type", b"application/json")], False),
    ],
)
def test_guard_rewrites_only_plain_html_pages(headers: list, rewritten: bool) -> None:
    from assistant.web.guard import Guard

    sent = run(Guard(page_app(PAGE, headers)), {"type": "http", "method": "GET", "path": "/"})
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert (b'lang="nl"' in body and LOCALE_SCRIPT.encode() in body) is rewritten
    if rewritten:
        length = dict(sent[0]["headers"])[b"content-length"]
        assert int(length) == len(body) and body.endswith(b"hallo</body></html>")
    else:
        assert body == b"".join(PAGE)
