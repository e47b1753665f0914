"""Helpers for the browser tests: the real app served by the CLI on loopback (with a login),
Debian's Chromium driven by Playwright, screenshots, Gradio widgets.

Used by tests/test_browser_*.py; each test module starts its own server on a fresh store
(`serve_app`), so no module depends on what another uploaded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
USERS = {"ambtenaar": "veerkracht-2019", "collega": "tweede-wachtwoord"}
SCREENS = Path("/tmp/raadpleeg-screens")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(store: Path, users: dict[str, str] = USERS) -> Iterator[str]:
    """`raadpleeg serve --ingest-if-empty` on an empty `store`, on a free loopback port, with
    a login; yields the URL once it answers and has ingested the sample record."""
    log_path = store.parent / f"serve-{store.name}.log"
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.lower().endswith("_proxy") and k != "RAADPLEEG_LLM"
    }
    env.update(
        RAADPLEEG_AUTH=",".join(f"{u}:{p}" for u, p in users.items()),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
        NO_PROXY="127.0.0.1,localhost",
    )
    cmd = [sys.executable, "-m", "assistant.cli", "serve", "--store", str(store)]
    cmd += ["--port", str(port), "--ingest-if-empty"]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"serve exited {proc.returncode}:\n{log_path.read_text()}")
            if "raadpleeg: serving" in log_path.read_text():
                try:
                    with urllib.request.urlopen(url, timeout=5) as r:
                        if r.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
            if time.monotonic() > deadline:
                pytest.fail(f"serve did not answer in time:\n{log_path.read_text()}")
            time.sleep(0.5)
        out = log_path.read_text()
        assert "added     verslag-gesprek-II.txt" in out  # --ingest-if-empty ingested the record
        assert f"http://localhost:{port}/; login required" in out
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@contextlib.contextmanager
def browser_page(tmp_path: Path) -> Iterator[Page]:
    """A fresh headless Chromium page (1440×1000, Dutch locale); a full-page screenshot of the
    last state is left in tmp_path for a failure's post-mortem."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        try:
            yield pg
        finally:
            with contextlib.suppress(Exception):
                pg.screenshot(path=tmp_path / "zz-last-state.png", full_page=True)
            context.close()
            browser.close()


class Shots:
    """Screenshots into tmp_path/screens, each copied to /tmp/raadpleeg-screens/."""

    def __init__(self, page: Page, tmp_path: Path) -> None:
        self.page, self.dir = page, tmp_path / "screens"
        self.dir.mkdir(exist_ok=True)
        SCREENS.mkdir(exist_ok=True)

    def __call__(self, name: str, *, full: bool = True, selector: str | None = None) -> Path:
        path = self.dir / f"{name}.png"
        if selector:
            self.page.locator(selector).screenshot(path=path)
        else:
            self.page.screenshot(path=path, full_page=full)
        shutil.copy(path, SCREENS / path.name)
        return path


def login(page: Page, url: str, user: str = "ambtenaar") -> None:
    """Log in through Gradio's login form; returns once the app is shown."""
    page.goto(url)
    page.fill("input[data-testid=textbox]", user)
    page.fill("input[data-testid=password]", USERS[user])
    page.click("button.primary")
    page.wait_for_selector("#rp-chat")


def choose(page: Page, dropdown: str, option: str) -> None:
    """Pick `option` (its visible label, or the start of it) in the Gradio dropdown with
    elem_id `dropdown`."""
    page.click(f"#{dropdown} input")
    page.locator(f"#{dropdown} li[role=option]", has_text=option).first.click()
    page.wait_for_function(
        "([id, text]) => document.querySelector(`#${id} input`).value.startsWith(text)",
        arg=[dropdown, option],
    )


def upload(page: Page, path: Path) -> str:
    """Upload through the UI; the report about this file."""
    page.set_input_files("#rp-upload input[type=file]", str(path))
    page.wait_for_function(  # the file is listed (Gradio shows stem and suffix apart)
        "stem => document.querySelector('#rp-upload').innerText.includes(stem)", arg=path.stem
    )
    page.click("#rp-upload button:has-text('Toevoegen aan de kennisbank')")
    report = page.locator("#rp-report .report", has_text=path.name)
    report.wait_for(timeout=60_000)
    return report.inner_text()
