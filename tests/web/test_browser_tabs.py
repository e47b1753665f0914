"""The Samenvatting and Overzicht tabs in a real browser, against the real app on its own fresh
store (`raadpleeg serve --ingest-if-empty`, see tests/browser_support.py).

One journey: make a Humanitas summary (cited, only Humanitas sources), download it as .docx and
read it back; the overview's conversations table, heatmap and an opgave's statements; then an
upload of a hostile verslag refreshes both tabs, and its markup shows as text, running nothing.
Screenshots: 11-overzicht-heatmap.png, 12-samenvatting.png and, at 1440 and 390 px,
13-heatmap-*, 14-cell-statements-*, 15-in-verslag-* in /tmp/raadpleeg-screens/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import Page

from tests.browser_support import (
    FIXTURES,
    Shots,
    choose,
    login,
    statement_cards,
    upload,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

MARK = re.compile(r"\[(\d+)\]")


def make_summary(page: Page, kind: str, choice: str) -> str:
    """Choose the scope, make the draft; its text once shown."""
    page.locator("#rp-summary-kind label", has_text=kind).click()
    dropdown = {"Verslag": "rp-summary-verslag", "Organisatie": "rp-summary-org"}[kind]
    choose(page, dropdown, choice)
    before = page.locator("#rp-summary .sum-draft h2").all_inner_texts()
    page.click("#rp-summary-make")
    page.wait_for_function(
        "before => { const h = document.querySelector('#rp-summary .sum-draft h2');"
        " return h && !before.includes(h.innerText); }",
        arg=before,
    )
    return page.inner_text("#rp-summary")


def open_cell_and_verslag(page: Page, shot: Shots, width: int) -> None:
    """Overzicht: a heatmap cell opens its statements; "Toon in verslag" shows one of them
    highlighted in its verslag. Screenshots at this width."""
    page.set_viewport_size({"width": width, "height": 900 if width > 800 else 844})
    page.get_by_role("tab", name="Overzicht").click()
    cell = page.locator('#rp-heatmap button.hm-cell[data-row="Armoede"][data-col="Humanitas"]')
    cell.scroll_into_view_if_needed()
    n = int(cell.inner_text())
    box = cell.bounding_box()
    assert box and box["width"] >= 40 and box["height"] >= 36  # a target a thumb can hit
    shot(f"13-heatmap-{width}", full=False)
    cell.click()
    page.wait_for_function(
        "document.querySelector('#rp-overview-statements .ov-stmts-head')"
        "?.innerText.startsWith('Armoede · Humanitas')"
    )
    cards = statement_cards(page, "#rp-overview-statements .ov-stmt")
    assert len(cards) == n and all(c["who"].startswith("Humanitas") for c in cards)
    assert page.input_value("#rp-overview-opgave input").startswith("Armoede")
    why = page.inner_text("#rp-overview-statements .ov-stmt .tag-reasons")
    assert "Armoede" in why and "trefwoord" in why  # why it was filed under Armoede
    page.locator("#rp-overview-statements .ov-stmt").first.scroll_into_view_if_needed()
    shot(f"14-cell-statements-{width}", full=False)
    quote = cards[0]["quote"]
    page.locator("#rp-overview-statements button.ov-open").first.click()
    page.wait_for_selector("#rp-overview-passage mark")
    mark = page.inner_text("#rp-overview-passage mark")
    assert " ".join(mark.split())[:40] == " ".join(quote.split())[:40]
    assert "Verslag gesprek visie sociaal domein II" in page.inner_text("#rp-overview-passage")
    page.locator("#rp-overview-passage mark").scroll_into_view_if_needed()
    shot(f"15-in-verslag-{width}", full=False)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways at {width}px ({overflow}px)"


def test_heatmap_cell_and_verslag_at_desktop_and_phone(
    server: str, page: Page, tmp_path: Path
) -> None:
    shot = Shots(page, tmp_path)
    login(page, server)
    for width in (1440, 390):
        open_cell_and_verslag(page, shot, width)
        page.reload()
        page.wait_for_selector("#rp-chat")


def test_summary_and_overview_tabs(server: str, page: Page, tmp_path: Path) -> None:
    shot = Shots(page, tmp_path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, server)

    # Samenvatting: a Humanitas draft, every point cited, only Humanitas among the sources
    page.get_by_role("tab", name="Samenvatting").click()
    text = make_summary(page, "Organisatie", "Humanitas")
    assert "Conceptsamenvatting: uitspraken van Humanitas" in text
    assert "Armoede" in text and "Sociale teams" in text
    points = [
        p for p in page.locator("#rp-summary .sum-body li").all_inner_texts() if MARK.search(p)
    ]
    assert points and all(p.startswith("Humanitas") for p in points)
    sources = page.locator("#rp-summary .sum-source .src-who").all_inner_texts()
    assert sources and all(s.startswith("Humanitas") for s in sources)
    cited = {int(n) for n in MARK.findall(" ".join(points))}
    assert cited == set(range(1, len(sources) + 1))  # every source cited, nothing unknown
    assert "gesprek I," not in page.inner_text("#rp-summary .sum-sources")  # gesprek II only
    page.wait_for_selector("#rp-summary-docx", state="visible")
    page.wait_for_function("!document.querySelector('#rp-summary .pending')")
    shot("12-samenvatting", full=False)

    with page.expect_download() as dl:
        page.click("#rp-summary-docx")
    assert dl.value.suggested_filename == "samenvatting-organisatie-humanitas.docx"
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    from docx import Document

    paragraphs = [p.text for p in Document(str(saved)).paragraphs]
    assert paragraphs[0] == "Conceptsamenvatting: uitspraken van Humanitas"
    listed = [p for p in paragraphs[paragraphs.index("Bronnen") + 1 :] if MARK.match(p)]
    assert len(listed) == len(sources)
    assert all("Humanitas" in p and "gesprek II" in p for p in listed)

    # Overzicht: who was consulted when, the heatmap, an opgave's statements
    page.get_by_role("tab", name="Overzicht").click()
    rows = page.locator("#rp-overview .ov-table tbody tr")
    rows.first.wait_for()
    first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert first.startswith("I\t7 januari 2019")
    for who in ("Arie Koster", "Jannie van der Wal", "Jos Rietveld", "GGD Groningen"):
        assert who in first
    assert second.startswith("II\t9 januari 2019")
    for who in ("Bert Kolk", "voorzitter Humanitas", "Hans Berens", "Marja ter Horst"):
        assert who in second
    assert "geen organisatie vermeld" in second  # Marja ter Horst: no organisation named
    page.wait_for_selector("#rp-heatmap .hm-cell")

    choose(page, "rp-overview-opgave", "Armoede")
    page.wait_for_selector("#rp-overview-statements .ov-stmt")
    found = statement_cards(page, "#rp-overview-statements .ov-stmt")
    head = page.inner_text("#rp-overview-statements .ov-stmts-head")
    assert head.startswith(f"Armoede: {len(found)} uitspraken")
    assert {c["where"] for c in found} == {
        "gesprek I, 7 januari 2019",
        "gesprek II, 9 januari 2019",
    }
    assert any(c["who"] == "Humanitas" and "op het gebied van armoede" in c["quote"] for c in found)
    assert any(c["who"] == "niet toegeschreven" for c in found)  # gesprek I names nobody
    page.locator("#rp-heatmap").scroll_into_view_if_needed()
    shot("11-overzicht-heatmap", full=True)
    choose(page, "rp-overview-column", "Humanitas")
    page.wait_for_function(
        "document.querySelector('#rp-overview-statements .ov-stmts-head')"
        ".innerText.startsWith('Armoede · Humanitas')"
    )
    assert {c["who"] for c in statement_cards(page, "#rp-overview-statements .ov-stmt")} <= {
        "Humanitas",
        "Humanitas (Bert Kolk)",
    }
    choose(page, "rp-overview-column", "Alle sprekers")

    # an upload refreshes both tabs; a hostile verslag's markup is text, nothing runs
    page.get_by_role("tab", name="Verslag toevoegen").click()
    assert "Toegevoegd" in upload(page, FIXTURES / "injection" / "gesprek-injectie.html")
    page.get_by_role("tab", name="Overzicht").click()
    page.wait_for_selector("#rp-heatmap .hm-col:has-text('Voedselbank Midden-Groningen')")
    assert "Hanneke de Boer" in rows.nth(2).inner_text()  # gesprek VIII, 4 april 2019
    page.wait_for_selector("#rp-overview-statements :text('Voedselbank Midden-Groningen')")
    assert '<a href="javascript:window.__pwned=3">' in page.inner_text("#rp-overview-statements")
    page.get_by_role("tab", name="Samenvatting").click()
    text = make_summary(page, "Organisatie", "Voedselbank Midden-Groningen")
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert "<script>window.__pwned=2</script>" in text
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
    for panel in ("#rp-summary", "#rp-overview", "#rp-overview-statements", "#rp-heatmap"):
        for sel in ("img", "script", "a[href^='javascript']", "[onerror]"):
            assert page.locator(f"{panel} {sel}").count() == 0, (panel, sel)
