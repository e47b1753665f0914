"""The Samenvatting/Overzicht HTML (assistant/ui_views.py): the drafts' Markdown rendered with
everything from a verslag escaped, file names, the conversations table, an opgave's statements.
Table-driven over tiny records and a fake index (no store, no Gradio)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from assistant.reports.overview import build_overview, statements_for
from assistant.reports.summaries import Scope, resolve_scope, summarize
from assistant.web.views import (
    opgave_choices,
    render_conversations,
    render_note,
    render_statements,
    render_summary,
    summary_filename,
)
from ingest.opgaven import load_taxonomy
from ingest.records import Attendee, Statement, Verslag

ROOT = Path(__file__).resolve().parents[2]
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
LINK = '<a href="javascript:window.__pwned=3">klik</a>'
ALLOWED = {
    "article", "div", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em",
    "code", "a", "blockquote", "section", "span", "details", "summary", "table", "thead",
    "tbody", "tr", "th", "td", "header", "dl", "dt", "dd",
}  # fmt: skip


class Markup(HTMLParser):
    """The tags and attributes a browser would build from the HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def only_own_markup(html: str) -> None:
    """No tag but the renderers' own, no event handler, no URL but an in-page anchor."""
    parsed = Markup(html)
    assert parsed.tags <= ALLOWED, parsed.tags - ALLOWED
    assert {k for k, _ in parsed.attrs} <= {"class", "id", "href", "title"}, parsed.attrs
    assert all(v.startswith("#sum-bron-") for k, v in parsed.attrs if k == "href")


@pytest.mark.parametrize(
    ("scope", "name"),
    [
        (Scope("organisation", "Humanitas", "Humanitas"), "samenvatting-organisatie-humanitas"),
        (
            Scope("verslag", "v2", "gesprek II (9 januari 2019)"),
            "samenvatting-gesprek-ii-9-januari-2019",
        ),
        (Scope("opgave", "Armoede", "opgave Armoede"), "samenvatting-opgave-armoede"),
        (
            Scope("opgave", "Sociale teams", "thema Sociale teams"),
            "samenvatting-thema-sociale-teams",
        ),
        (Scope("organisation", "Coöp ../../x", "Coöp ../../x"), "samenvatting-organisatie-coop-x"),
        (Scope("verslag", "v", "<>"), "samenvatting"),
    ],
)
def test_summary_filename(scope: Scope, name: str) -> None:
    assert summary_filename(scope) == name


def test_render_note_escapes() -> None:
    assert render_note(SCRIPT, "error") == (
        '<div class="tab-note tab-error">&lt;script&gt;window.__pwned=2&lt;/script&gt;</div>'
    )


# --- a hostile verslag through the real summary and overview functions ----------------------


class FakeIndex:
    def __init__(self, verslagen: list[Verslag]) -> None:
        self._verslagen = verslagen

    def verslagen(self) -> list[Verslag]:
        return list(self._verslagen)

    def verslag(self, vid: str) -> Verslag | None:
        return next((v for v in self._verslagen if v.id == vid), None)

    def statements(self, verslag_id: str | None = None) -> list[Statement]:
        return [s for v in self._verslagen if verslag_id in (None, v.id) for s in v.statements]


def statement(n: int, text: str, **kw) -> Statement:
    values = {
        "id": f"vx-s{n:03d}",
        "verslag_id": "vx",
        "section": "Hoe kijk je tegen de visie aan?",
    }
    return Statement(position=n, text=text, **(values | kw))


ORG = 'Voedselbank <b onmouseover="x()">& Co</b>'
HOSTILE = Verslag(
    id="vx",
    number=8,
    title=f"Verslag {SCRIPT}",
    date="2019-04-04",
    source=f"{IMG}.html",
    attendees=(
        Attendee(f"Hanneke {IMG}", f"coördinator {ORG}", ORG),
        Attendee("Pieter Smit", "vrijwilliger", None),
    ),
    statements=(
        statement(1, f"{IMG} armoede groeit.", speaker=ORG, organisation=ORG,
                  attribution="explicit", opgaven=("Armoede",)),
        statement(2, f"{SCRIPT} sociale teams **te laat**.", speaker=ORG, organisation=ORG,
                  attribution="inferred", opgaven=("Armoede", "Sociale teams")),
        statement(3, f"{LINK} zonder spreker.", section=f"Vraag {SCRIPT}?", opgaven=("Armoede",)),
    ),
)  # fmt: skip


@pytest.fixture(scope="module")
def index() -> FakeIndex:
    return FakeIndex([HOSTILE])


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(ROOT / "ingest" / "data" / "opgaven.toml")


@pytest.mark.parametrize("kind", ["verslag", "organisation", "opgave"])
def test_summary_draft_shows_hostile_text_as_text(index, taxonomy, kind: str) -> None:
    value = {"verslag": "vx", "organisation": ORG, "opgave": "Armoede"}[kind]
    summary = summarize(index, taxonomy, resolve_scope(index, taxonomy, **{kind: value}))
    html = render_summary(summary)
    only_own_markup(html)
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in html
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in html
    assert "## Bronnen" not in html and '<section class="sum-sources"><h3>Bronnen</h3>' in html
    n = len(summary.citations)
    assert html.count('class="sum-source"') == n and n >= 2
    for c in summary.citations:  # every source has its anchor, and the body links to it
        assert f'id="sum-bron-{c.n}"' in html and f'href="#sum-bron-{c.n}"' in html
    assert '<div class="sum-mode sum-extractive">' in html


def test_summary_draft_modes_notices_and_warnings(index, taxonomy) -> None:
    scope = resolve_scope(index, taxonomy, verslag="vx")

    def llm(prompt: str) -> str:
        return f"## Armoede\n\nDe armoede groeit [1]. {SCRIPT} [3] [42]"

    summary = summarize(index, taxonomy, scope, llm)
    html = render_summary(summary)
    only_own_markup(html)
    assert summary.mode == "llm" and '<div class="sum-mode sum-llm">' in html
    assert '<details class="sum-warnings"><summary>Controlemeldingen' in html
    assert "[42]" not in html.split("sum-sources")[0]  # dropped by the citation check

    def broken(prompt: str) -> str:
        raise TimeoutError("geen antwoord")

    html = render_summary(summarize(index, taxonomy, scope, broken))
    assert "<blockquote><p><strong>Let op:</strong> Het taalmodel reageerde niet" in html


def test_conversations_table(index, taxonomy) -> None:
    html = render_conversations(build_overview(index, taxonomy))
    only_own_markup(html)
    assert html.startswith('<p class="ov-lead">1 gesprek, 3 uitspraken; toegeschreven aan: ')
    assert '<td class="ov-num">VIII</td><td class="ov-date">4 april 2019</td>' in html
    assert '<span class="ov-name">Hanneke &lt;img' in html
    assert '<span class="ov-role">vrijwilliger</span>' in html
    assert '<span class="ov-org none">geen organisatie vermeld</span>' in html
    assert "<strong>3 uitspraken</strong>" in html and "niet toegeschreven 1" in html
    empty = render_conversations(build_overview(FakeIndex([]), taxonomy))
    assert "Nog geen gesprekken" in empty


def test_opgave_choices_and_statements(index, taxonomy) -> None:
    ov = build_overview(index, taxonomy)
    choices = dict((v, label) for label, v in opgave_choices(ov))
    assert choices["Armoede"] == "Armoede — 3 uitspraken"
    assert choices["Sociale teams"] == "Sociale teams (thema) — 1 uitspraak"
    assert choices["Omgevingswet"] == "Omgevingswet (voorstel) — 0 uitspraken"
    verslagen = {v.id: v for v in index.verslagen()}

    html = render_statements(statements_for(index, "Armoede"), verslagen, "Armoede")
    only_own_markup(html)
    assert html.count('<article class="src-card ov-stmt">') == 3
    assert "<strong>Armoede</strong>: 3 uitspraken (" in html
    assert "Het verslag schrijft deze uitspraak aan niemand toe." in html
    assert "Vervolg van dezelfde spreker (afgeleid)." in html
    assert "<dt>Verslag</dt><dd>gesprek VIII, 4 april 2019</dd>" in html
    assert "<dt>Vraag</dt><dd>Vraag &lt;script&gt;" in html
    assert "&lt;a href=&quot;javascript:window.__pwned=3&quot;&gt;" in html
    assert html.index("armoede groeit") < html.index("zonder spreker")  # record order

    one = render_statements(statements_for(index, "Armoede", ORG), verslagen, "Armoede", ORG)
    assert one.count("<article") == 2 and "Armoede · Voedselbank &lt;b" in one
    none = render_statements([], verslagen, "Omgevingswet (voorstel)")
    assert "0 uitspraken" in none and "Hierover staan geen uitspraken" in none
