"""Browser tests' shared fixtures: each test module gets its own served app (a fresh store,
ingested by the real `serve --ingest-if-empty`) and each test a fresh Chromium page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_server import serve_app
from tests.browser_support import browser_page


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real CLI entry point on an empty store: it ingests the sample record, then serves."""
    with serve_app(tmp_path_factory.mktemp("store")) as app:
        yield app.url


@pytest.fixture
def page(tmp_path: Path) -> Iterator:
    with browser_page(tmp_path) as pg:
        yield pg
