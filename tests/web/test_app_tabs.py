"""The Samenvatting and Overzicht tab handlers against a real store (no browser): drafts and
their downloads in private directories under the store, the LLM when one is configured, the
overview's table, heatmap and statements, and both tabs following an ingest."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

pytest.importorskip("gradio")

from docx import Document

from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.web.tabs import OverviewTab, SummaryTab, _keep, private_dir

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def rt(corpus_store_copy: Path) -> Runtime:
    return Runtime(Settings(store=corpus_store_copy))


def test_private_dir_is_new_private_and_prunes_old_ones(tmp_path: Path) -> None:
    root = tmp_path / "exports"
    old = private_dir(root)
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    other = private_dir(root, prefix="overzicht-")
    os.utime(other, (time.time() - 7200, time.time() - 7200))
    new = private_dir(root)
    assert new != old and new.parent == root and new.is_dir()
    assert stat.S_IMODE(new.stat().st_mode) == 0o700
    assert not old.exists() and other.exists()  # only its own prefix is pruned
    assert private_dir(root).exists() and new.exists()  # young ones stay


def test_keep() -> None:
    choices = [("Humanitas", "Humanitas"), ("Gesprek II", "v2")]
    assert _keep("v2", choices) == "v2"
    assert _keep("weg", choices) is None and _keep(None, choices) is None


def test_humanitas_summary_and_its_downloads(rt: Runtime) -> None:
    tab = SummaryTab(rt)
    verslagen, orgs, opgaven = tab.choices()
    assert [label for label, _ in verslagen] == [
        "Gesprek I — 7 januari 2019",
        "Gesprek II — 9 januari 2019",
    ]
    assert ("Humanitas", "Humanitas") in orgs
    assert ("GGD Groningen (alleen aanwezig)", "GGD Groningen") in orgs
    assert ("Sociale teams (thema)", "Sociale teams") in opgaven

    html, md, docx = tab.make("organisation", None, "Humanitas", None)
    assert "Conceptsamenvatting: uitspraken van Humanitas" in html
    assert html.count('class="sum-source"') == 9 and "sum-extractive" in html
    assert md["visible"] and docx["visible"]
    md_path, docx_path = Path(md["value"]), Path(docx["value"])
    assert md_path.name == "samenvatting-organisatie-humanitas.md"
    assert md_path.parent == docx_path.parent
    assert md_path.parent.parent == rt.settings.store / "exports"
    assert stat.S_IMODE(md_path.parent.stat().st_mode) == 0o700
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("# Conceptsamenvatting: uitspraken van Humanitas")
    assert "## Bronnen" in text and "- [9] Humanitas" in text
    paragraphs = [p.text for p in Document(str(docx_path)).paragraphs]
    assert "Bronnen" in paragraphs

    again = tab.make("organisation", None, "Humanitas", None)
    assert Path(again[1]["value"]).parent != md_path.parent  # one directory per request


def test_summary_scopes_and_refusals(rt: Runtime) -> None:
    tab = SummaryTab(rt)
    vid = next(v.id for v in rt.index.verslagen() if v.number == 1)
    html, md, _ = tab.make("verslag", vid, None, None)
    assert "Conceptsamenvatting gesprek I (7 januari 2019)" in html
    assert "schrijft geen uitspraken toe aan personen" in html
    assert Path(md["value"]).name == "samenvatting-gesprek-i-7-januari-2019.md"
    html, md, _ = tab.make("opgave", None, None, "Armoede")
    assert "Gesprek I — 7 januari 2019" in html and "Gesprek II — 9 januari 2019" in html

    html, md, _docx = tab.make("organisation", "v-ignored", None, "Armoede")
    assert "Kies eerst een organisatie." in html and md["visible"] is False
    html, md, _ = tab.make("organisation", None, "<script>Onbekend</script>", None)
    assert "Onbekende organisatie" in html and "&lt;script&gt;" in html and "<script" not in html
    assert md["visible"] is False
    show = tab.show_kind("opgave")
    assert [u["visible"] for u in show] == [False, False, True]


def test_summary_uses_the_llm_when_configured(rt: Runtime) -> None:
    prompts: list[str] = []

    class FakeComposer:
        def complete(self, prompt: str) -> str:
            prompts.append(prompt)
            return "## Armoede\n\nHumanitas ziet de afstand tot arme inwoners groeien [3]."

    rt.composer = FakeComposer()  # what Runtime builds when RAADPLEEG_LLM is set
    html, md, _ = SummaryTab(rt).make("organisation", None, "Humanitas", None)
    assert prompts and "sum-llm" in html and "afstand tot arme inwoners groeien" in html
    assert html.count('class="sum-source"') == 9  # the full source list stays
    assert "groeien [3]" in Path(md["value"]).read_text(encoding="utf-8")


def test_empty_store(tmp_path: Path) -> None:
    rt = Runtime(Settings(store=tmp_path / "leeg"))
    html, md, _ = SummaryTab(rt).make("organisation", None, "Humanitas", None)
    assert "De kennisbank is leeg" in html and md["visible"] is False
    table, image, _opgave, _column, _stmts = OverviewTab(rt).refresh(None, None)
    assert "Nog geen gesprekken" in table and image["visible"] is False


def test_overview_table_heatmap_and_statements(rt: Runtime) -> None:
    tab = OverviewTab(rt)
    table, image, opgave, column, stmts = tab.refresh(None, None)
    assert '<td class="ov-num">II</td>' in table and "Marja ter Horst" in table
    png = Path(image["value"])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.parent.parent == rt.settings.store / "exports"
    assert ("Armoede — 7 uitspraken", "Armoede") in opgave["choices"]
    assert opgave["value"] is None and column["value"] == ""
    assert "Kies een opgave" in stmts
    assert tab.refresh(None, None)[1]["value"] == str(png)  # rendered once per store state

    html = tab.statements("Armoede", "")
    assert html.count("<article") == 7 and "gesprek I, 7 januari 2019" in html
    html = tab.statements("Armoede", "Humanitas")
    assert html.count("<article") == 5 and "Westerbroek" not in html
    assert "Kies een opgave" in tab.statements(None, "Humanitas")


def test_tabs_follow_an_ingest(rt: Runtime) -> None:
    summary, overview = SummaryTab(rt), OverviewTab(rt)
    before = overview.refresh("Armoede", "Humanitas")
    reports = rt.ingest([FIXTURES / "injection" / "gesprek-injectie.html"])
    assert [r.status for r in reports] == ["added"]

    verslagen, orgs, _ = summary.refresh(None, "Humanitas", "Armoede")
    assert len(verslagen["choices"]) == 3 and orgs["value"] == "Humanitas"
    assert ("Voedselbank Midden-Groningen", "Voedselbank Midden-Groningen") in orgs["choices"]
    table, image, opgave, column, _stmts = overview.refresh("Armoede", "Humanitas")
    assert "Hanneke de Boer" in table and image["value"] != before[1]["value"]
    assert opgave["value"] == "Armoede" and column["value"] == "Humanitas"  # kept
    assert ("Voedselbank Midden-Groningen", "Voedselbank Midden-Groningen") in column["choices"]
    assert overview.refresh("Armoede", "Weg")[3]["value"] == ""  # a vanished choice resets
    html = overview.statements("Armoede", "")
    assert "&lt;a href=&quot;javascript:window.__pwned=3&quot;&gt;" in html and "<a " not in html
