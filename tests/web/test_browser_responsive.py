"""The app as a new official sees it, at desktop (1440×900) and phone (390×844) size, in an
English-language browser: everything Dutch, no horizontal overflow on any tab, [n] previews on
keyboard focus, the conversation exported as .docx and kept over a reload, logout.

Screenshots of the login page and every tab at both sizes: <tmp>/screens and
/tmp/raadpleeg-screens/ (2x-<size>-<tab>.png).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import Page, sync_playwright

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, USERS, Shots, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]

SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
TABS = ("Vragen", "Samenvatting", "Overzicht", "Verslag toevoegen")
# Gradio's built-in English strings that must not show (whole words, case-sensitive)
ENGLISH = [
    "Drop File Here", "Click to Upload", "Login", "Username", "Password", "Incorrect",
    "Clear", "Use via API", "Built with", "Settings", "Submit", "Loading", "More tabs",
    "Upload", "Download", "Error",
]  # fmt: skip
ENGLISH_RE = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH)) + r")\b")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("store")) as app:
        yield app.url


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, server: str, tmp_path: Path) -> Iterator[Page]:
    w, h = SIZES[request.param]
    server_origin = server.rstrip("/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": w, "height": h}, locale="en-US", accept_downloads=True
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_origin)
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        pg.size_name = request.param  # type: ignore[attr-defined]
        try:
            yield pg
        finally:
            context.close()
            browser.close()


def english(page: Page) -> list[str]:
    """English built-in strings visible on the page (text, placeholders, labels)."""
    text = page.inner_text("body")
    attrs = page.eval_on_selector_all(
        "input[placeholder], textarea[placeholder], [aria-label], [title]",
        "els => els.filter(e => e.offsetParent !== null).map(e => "
        "[e.placeholder, e.getAttribute('aria-label'), e.title].filter(Boolean).join(' '))",
    )
    return ENGLISH_RE.findall(text + "\n" + "\n".join(attrs))


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def open_tab(page: Page, name: str) -> None:
    """Click a tab (on a phone the ones that do not fit sit in a second row)."""
    tabs = page.locator("#rp-tabs [role=tablist] button, #rp-tabs .overflow-dropdown button")
    tabs.filter(has_text=re.compile(f"^{name}$")).first.click()
    page.wait_for_timeout(700)


def log_in(page: Page, url: str, user: str = "ambtenaar") -> None:
    page.fill("input[data-testid=textbox]", user)
    page.fill("input[data-testid=password]", USERS[user])
    page.click("button.primary")
    page.wait_for_selector("#rp-chat")


def test_dutch_responsive_citations_export_reload_logout(
    server: str, page: Page, tmp_path: Path
) -> None:
    size = page.size_name  # type: ignore[attr-defined]
    shot = Shots(page, tmp_path)
    page.goto(server)
    page.wait_for_selector("input[data-testid=password]")
    assert page.evaluate("document.documentElement.lang") == "nl"
    login_text = page.inner_text("body")
    assert "Raadpleeg" in login_text and "Gebruikersnaam" in login_text
    assert "Wachtwoord" in login_text and not english(page), english(page)
    assert overflow(page) <= 0
    shot(f"20-{size}-inloggen", full=False)
    log_in(page, server)
    page.wait_for_selector("#rp-chat :text('Wat zei ')")
    page.wait_for_selector("#rp-user :text('Ingelogd als ambtenaar')")
    assert page.evaluate("window.scrollY") == 0  # the focus did not scroll the title away
    assert page.locator("#rp-header h1").is_visible()
    assert page.evaluate("document.activeElement?.closest('#rp-question') !== null")

    # ask; [1] by keyboard shows its preview (quote, speaker, verslag)
    done = page.locator("#rp-chat .answer:not(.pending)")
    before = done.count()  # (on the second size, the first size's conversation came back)
    page.fill("#rp-question textarea", "Wat zei Humanitas over de sociale teams?")
    page.click("#rp-send")
    page.wait_for_function(
        "n => document.querySelectorAll('#rp-chat .answer:not(.pending)').length > n",
        arg=before,
    )
    page.wait_for_timeout(300)  # the sources panel is updated by the same event
    marker = done.last.locator(".cite-ref").first
    tip = marker.locator(".cite-tip")
    assert not tip.is_visible()
    marker.focus()
    assert marker.get_attribute("role") == "button" and marker.get_attribute("tabindex") == "0"
    tip.wait_for(state="visible")
    preview = tip.inner_text()
    assert "Humanitas" in preview and "gesprek II, 9 januari 2019" in preview
    first_quote = page.locator("#rp-sources .src-card blockquote").first.inner_text()
    assert preview.split("\n")[-1].rstrip("…")[:60] in first_quote
    box = tip.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    page.keyboard.press("Enter")  # opens the source in its verslag
    page.wait_for_selector("#rp-passage mark")
    marker.focus()
    shot(f"21-{size}-vragen", full=False)

    # copy the answer: its text (with [n], without the previews) lands on the clipboard
    copy = page.locator("#rp-chat .answer:not(.pending) .ans-copy").last
    copy.click()
    page.wait_for_selector("#rp-chat .ans-copy.copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Humanitas" in copied and "[1]" in copied and "Antwoord kopiëren" not in copied
    body = page.locator("#rp-chat .answer:not(.pending) .ans-body").last.inner_text()
    assert copied == body.strip()  # the answer as shown (previews are hidden, so not in it)

    # every tab: Dutch only, no horizontal overflow; a full-page screenshot
    for i, tab in enumerate(TABS):
        open_tab(page, tab)
        assert overflow(page) <= 0, (tab, overflow(page))
        found = english(page)
        assert not found, (tab, found)
        shot(f"2{2 + i}-{size}-{tab.split()[0].lower()}", full=True)
    open_tab(page, "Vragen")

    # export the conversation as .docx; it opens and holds question, answer and sources
    with page.expect_download() as dl:
        page.click("#rp-export-docx")
    saved = tmp_path / "gesprek.docx"
    dl.value.save_as(saved)
    from docx import Document

    doc = Document(str(saved))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Vraag 1: Wat zei Humanitas over de sociale teams?" in paragraphs
    assert "Bronnen" in paragraphs and any("Humanitas" in p and "[1]" in p for p in paragraphs)
    assert abs(doc.sections[0].page_width.cm - 21.0) < 0.1  # A4

    # a reload brings the conversation back (and it is listed)
    page.reload()
    page.wait_for_selector("#rp-chat .answer .cite-ref")
    assert "Wat zei Humanitas over de sociale teams?" in page.inner_text("#rp-chat")
    assert "Humanitas" in page.inner_text("#rp-sources")
    assert "Wat zei Humanitas" in page.locator("#rp-history input").input_value()

    # logout: back to the (Dutch) login page; the app is closed to this browser
    page.click("#rp-user a.rp-logout")
    page.wait_for_selector("input[data-testid=password]")
    assert "Inloggen" in page.inner_text("body")
    page.goto(server)
    page.wait_for_selector("input[data-testid=password]")
    assert page.locator("#rp-chat").count() == 0


@pytest.mark.parametrize("width", [360, 430])
def test_no_overflow_at_phone_widths_and_the_applied_filter_is_shown(
    server: str, width: int, tmp_path: Path
) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-US")
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            page.goto(server)
            log_in(page, server, "collega")
            # the Organisatie filter on Westerbroek, a question about Humanitas: the question
            # wins, the answer says so and the dropdown shows Humanitas
            page.click("#rp-f-org input")
            page.locator("#rp-f-org li[role=option]", has_text="Westerbroek").first.click()
            done = page.locator("#rp-chat .answer:not(.pending)")
            before = done.count()  # (a conversation of this user may have come back)
            page.fill("#rp-question textarea", "Wat zei Humanitas over de sociale teams?")
            page.click("#rp-send")
            page.wait_for_function(
                "n => document.querySelectorAll('#rp-chat .answer:not(.pending)').length > n",
                arg=before,
            )
            answer = done.last
            text = answer.inner_text()
            assert "Gezocht binnen: organisatie Humanitas" in text
            assert "Je vraag noemt Humanitas" in text and "Westerbroek" in text
            page.wait_for_function(
                "document.querySelector('#rp-f-org input').value === 'Humanitas'"
            )
            for tab in TABS:
                open_tab(page, tab)
                assert overflow(page) <= 0, (width, tab, overflow(page))
            Shots(page, tmp_path)(f"26-{width}-verslag-toevoegen", full=False)
            # a new conversation, then back to the earlier one through the list
            open_tab(page, "Vragen")
            page.click("#rp-new")
            page.wait_for_function("!document.querySelector('#rp-chat .answer')")
            page.click("#rp-history input")
            page.locator("#rp-history li[role=option]", has_text="Wat zei Humanitas").first.click()
            page.wait_for_selector("#rp-chat .answer .cite-ref")
            assert "Je vraag noemt Humanitas" in page.inner_text("#rp-chat")  # note kept too
        finally:
            context.close()
            browser.close()


def test_throttled_login_says_why_in_dutch(server: str, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            page.goto(server)
            for _ in range(5):  # the free attempts for this user name (sent as multipart)
                page.fill("input[data-testid=textbox]", "onbekend")
                page.fill("input[data-testid=password]", "fout")
                page.click("button.primary")
                page.wait_for_selector("text=Onjuiste inloggegevens")
            page.fill("input[data-testid=textbox]", "onbekend")
            page.fill("input[data-testid=password]", "fout")
            page.click("button.primary")
            alert = page.locator("#rp-login-wait[role=alert]")
            alert.wait_for()
            assert alert.inner_text().startswith("Te veel mislukte inlogpogingen. Probeer het")
            assert overflow(page) <= 0 and not english(page)
            Shots(page, tmp_path)("27-inloggen-te-vaak", full=False)
        finally:
            context.close()
            browser.close()


def test_replacing_a_verslag_asks_first(server: str, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            page.goto(server)
            log_in(page, server, "collega")
            open_tab(page, "Verslag toevoegen")
            same = ROOT / "ingest" / "data" / "verslagen" / "verslag-gesprek-II.txt"
            page.set_input_files("#rp-upload input[type=file]", str(same))
            page.wait_for_function(
                "() => document.querySelector('#rp-upload').innerText.includes('gesprek-II')"
            )
            page.click("#rp-upload button:has-text('Toevoegen aan de kennisbank')")
            question = page.locator("#rp-confirm .report.confirm")
            question.wait_for()
            assert "Vervangen?" in question.inner_text() and "Gesprek II" in question.inner_text()
            Shots(page, tmp_path)("28-vervangen-bevestigen", full=False)
            page.click("#rp-confirm button:has-text('Annuleren')")
            page.wait_for_selector("#rp-report :text('Niet vervangen')")
            assert not page.locator("#rp-confirm").is_visible()
            assert "2 verslagen" in page.inner_text(".status")
            # again, and confirm: replaced (or unchanged: the same text), still two verslagen
            page.set_input_files("#rp-upload input[type=file]", str(same))
            page.click("#rp-upload button:has-text('Toevoegen aan de kennisbank')")
            question.wait_for()
            page.click("#rp-confirm button:has-text('Ja, vervangen')")
            report = page.locator("#rp-report .report", has_text="verslag-gesprek-II.txt")
            report.wait_for()
            assert "gesprek II (9 januari 2019)" in report.inner_text()
            assert "2 verslagen" in page.inner_text(".status")
        finally:
            context.close()
            browser.close()
