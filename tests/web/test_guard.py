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
