"""Helpers for the browser tests: the real app served by the CLI on loopback (with a login),
Debian's Chromium driven by Playwright, screenshots, Gradio widgets.

Used by tests/test_browser_*.py; each test module starts its own server on a fresh store
(`serve_app`), so no module depends on what another uploaded.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.app_server import FIXTURES, ROOT, USERS, RunningApp, free_port, serve_app

__all__ = ["FIXTURES", "ROOT", "USERS", "RunningApp", "free_port", "serve_app"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENS = Path("/tmp/raadpleeg-screens")


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


def statement_cards(page: Page, selector: str) -> list[dict[str, str]]:
    """Speaker, place and quote of each statement card matching `selector`, as shown."""
    return page.eval_on_selector_all(
        selector,
        """els => els.map(e => ({who: e.querySelector('.src-who').innerText,
            where: e.querySelector('.src-where').innerText,
            quote: e.querySelector('blockquote').innerText}))""",
    )


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
