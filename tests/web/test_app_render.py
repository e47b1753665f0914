"""The app's pure HTML rendering: everything from a verslag escaped, the passage highlighted by
its span (table-driven, no Gradio)."""

from __future__ import annotations

import re

import pytest

from assistant.answering.answer import Answer
from assistant.answering.citations import Citation
from assistant.web.render import (
    esc,
    filters_label,
    highlight,
    locate,
    render_answer,
    render_passage,
    render_refusal,
    render_report,
    render_sources,
    render_status,
)
from ingest.pipeline import FileReport
from ingest.records import Verslag
from vectorstore.search import Filters

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
PAYLOADS = [IMG, SCRIPT, '<a href="javascript:alert(1)">x</a>', "<svg onload=alert(1)>"]


def no_markup_from(text: str, html: str) -> None:
    """`text`'s markup does not occur as markup in `html` (only escaped)."""
    for tag in re.findall(r"<[a-z]+", text):
        assert tag not in html, f"{tag} unescaped in {html!r}"


def citation(
    n: int = 1, text: str = "De sociale teams werken te veel op zichzelf.", **kw
) -> Citation:
    values = {
        "n": n,
        "statement_id": f"v1-s{n:03d}",
        "verslag_id": "v1",
        "verslag_number": 2,
        "verslag_date": "2019-01-09",
        "section": "Hoe kijk je tegen de visie aan?",
        "speaker": "Humanitas",
        "organisation": "Humanitas",
        "attribution": "explicit",
        "text": text,
        "span": (10, 10 + len(text)),
    }
    values.update(kw)
    return Citation(**values)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("a \"b\" 'c'", "a &quot;b&quot; &#x27;c&#x27;"),
        ("werk & inkomen", "werk &amp; inkomen"),
        (None, ""),
        (3, "3"),
    ],
)
def test_esc(raw: object, expected: str) -> None:
    assert esc(raw) == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_answer_escapes_statement_text_notice_and_warnings(payload: str) -> None:
    c = citation(1, f"Voedselbank: {payload} de sociale teams.")
    answer = Answer(
        "vraag",
        f'Lead.\n- "{c.text}" [1]',
        True,
        Filters(organisations=(f"Org {payload}",)),
        [c],
        notice=f"model {payload}",
        warnings=[f"zin {payload}"],
    )
    html = render_answer(answer, 0)
    no_markup_from(payload, html)
    assert esc(payload) in html
    assert "rp-t0 rp-n1" in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_citation_marker_is_focusable_with_an_escaped_preview(payload: str) -> None:
    c = citation(1, f"Voedselbank: {payload} " + "woord " * 80, organisation=f"Org {payload}")
    html = render_answer(Answer("vraag", "Zo is het [1].", True, Filters(), [c]), 3)
    marker = re.search(r'<span class="cite-ref rp-t3 rp-n1"[^>]*>', html)
    assert marker and 'tabindex="0"' in marker.group(0) and 'role="button"' in marker.group(0)
    assert 'aria-label="Bron 1: Org ' + esc(payload) in html
    tip = re.search(r'<span class="cite-tip" role="tooltip">(.*?)</span></span>', html)
    assert tip and esc(f"Org {payload}") in tip.group(1) and "gesprek II" in tip.group(1)
    assert "…" in tip.group(1)  # a long quote is cut in the preview
    no_markup_from(payload, html)
    assert '<button type="button" class="ans-copy">Antwoord kopiëren</button>' in html


def test_overruled_filter_note_is_escaped() -> None:
    a = Answer("q", "Tekst.", True, Filters(organisations=("Humanitas",)))
    html = render_answer(a, 0, overruled=[f"Je vraag noemt {SCRIPT}"])
    assert f'<div class="ans-overruled">Je vraag noemt {esc(SCRIPT)}</div>' in html


def test_answer_shows_filters_used() -> None:
    v = Verslag("v2", 2, "Verslag gesprek visie sociaal domein II", "2019-01-09", "x.txt")
    f = Filters(verslag_ids=("v2",), organisations=("Vereniging Dorpsbelangen Westerbroek",))
    label = filters_label(f, {"v2": v})
    assert label == "verslag gesprek II; organisatie Vereniging Dorpsbelangen Westerbroek"
    answer = Answer("q", "Geen uitspraken.", False, f)
    assert "Gezocht binnen: verslag gesprek II" in render_answer(answer, 0, {"v2": v})


TEXT = "Titel\n\nHumanitas: <b>sociale</b> teams & meer.\n\nWesterbroek: iets anders."
QUOTE = "Humanitas: <b>sociale</b> teams & meer."
START = TEXT.index(QUOTE)
SPAN = (START, START + len(QUOTE))


@pytest.mark.parametrize(
    ("span", "quote", "expected"),
    [
        (SPAN, QUOTE, SPAN),  # the span holds the quote
        (SPAN, None, SPAN),  # nothing to check against
        ((0, 0), QUOTE, SPAN),  # no span: found by the quote
        ((3, 9), QUOTE, SPAN),  # wrong span: the quote wins
        ((3, 9), "staat er niet in", (3, 9)),  # quote absent: the span as given
        ((START, 10_000), None, (START, len(TEXT))),  # clamped to the text
        ((-5, 4), None, (0, 4)),
        ((0, 0), None, None),  # nothing to mark
        ((50, 40), "", None),
    ],
)
def test_locate(span: tuple[int, int], quote: str | None, expected: tuple | None) -> None:
    assert locate(TEXT, span, quote) == expected


@pytest.mark.parametrize(
    ("span", "quote", "marked"),
    [
        (SPAN, QUOTE, esc(QUOTE)),
        ((0, 0), QUOTE, esc(QUOTE)),
        ((0, 5), None, "Titel"),
        ((0, 0), None, None),
    ],
)
def test_highlight(span: tuple[int, int], quote: str | None, marked: str | None) -> None:
    html = highlight(TEXT, span, quote)
    assert "<b>" not in html  # the verslag's own markup stays text, in and outside the mark
    assert html.count("&lt;b&gt;") == 1
    marks = re.findall(r'<mark id="passage">(.*?)</mark>', html, re.S)
    assert marks == ([marked] if marked is not None else [])
    # nothing lost: unescaping without the mark gives the text back
    plain = re.sub(r"</?mark[^>]*>", "", html)
    assert plain == esc(TEXT)


def test_passage_states_and_escaping() -> None:
    text = f"Verslag\n\nVoedselbank: {IMG} de sociale teams.\n"
    quote = f"Voedselbank: {IMG} de sociale teams."
    c = citation(2, quote, span=(9, 9 + len(quote)), speaker="Voedselbank", organisation="VB")
    v = Verslag("v1", 8, f"Verslag {SCRIPT}", "2019-04-04", "x.html", text=text)
    html = render_passage(v, c)
    no_markup_from(IMG + SCRIPT, html)
    assert f'<mark id="passage">{esc(quote)}</mark>' in html
    assert "4 april 2019" in html
    assert "Kies een bron" in render_passage(None, None)
    assert "niet meer in de kennisbank" in render_passage(None, c)


def test_sources_cards() -> None:
    cs = [
        citation(1, f"Tekst {IMG}", section=f"Vraag {SCRIPT}"),
        citation(2, "Vervolg.", attribution="inferred", speaker="Bert Kolk"),
        citation(3, "Niemand.", attribution="none", speaker=None, organisation=None),
    ]
    html = render_sources(cs, 4, selected=2, question=f"Wat zei {SCRIPT}?")
    no_markup_from(IMG + SCRIPT, html)
    assert html.count('<article class="src-card') == 3
    assert html.count("src-card selected") == 1 and 'id="bron-4-2"' in html
    assert 'data-turn="4" data-cite="1"' in html
    for label in ("Spreker", "Organisatie", "Verslag", "Vraag", "gesprek II, 9 januari 2019"):
        assert label in html
    assert "Humanitas (Bert Kolk)" in html  # Citation.who
    assert "afgeleid" in html and "aan niemand toe" in html
    assert "Nog geen bronnen" in render_sources([], None)
    assert "geen uitspraken die deze vraag" in render_sources([], 0, found=False)


def test_report_and_refusal_escape_names_and_reasons() -> None:
    ok = FileReport(
        f"/tmp/x/{SCRIPT}.html", "added", verslag_id="v", number=8, date="2019-04-04",
        attendees=[f"Hanneke {IMG}"], statements=4, attribution={"explicit": 4},
    )  # fmt: skip
    bad = FileReport("kapot.pdf", "failed", error=f"not a verslag {IMG}")
    html = render_report([ok, bad])
    no_markup_from(IMG + SCRIPT, html)
    assert "Toegevoegd:" in html and "gesprek VIII (4 april 2019), 4 uitspraken" in html
    assert "Geweigerd:" in html and "Er is niets aan de kennisbank veranderd" in html
    refused = render_refusal(f"{SCRIPT}.exe", "bestandstype .exe wordt niet ondersteund")
    no_markup_from(SCRIPT, refused)


def test_status() -> None:
    assert "De kennisbank is leeg" in render_status([], 0)
    v = Verslag("v1", 2, "t", "2019-01-09", "x.txt")
    assert "1 verslag, 15 uitspraken: Gesprek II — 9 januari 2019" in render_status([v], 15)


@pytest.mark.parametrize(
    ("error", "dutch"),
    [
        ("no verslag structure found (expected a 'Verslag …' title, ...)", "dit is geen verslag"),
        ("not a readable PDF (Stream has ended unexpectedly)", "de PDF is beschadigd"),
        ("not a readable Word document (BadZipFile)", "het Word-bestand is beschadigd"),
        ("the PDF has no extractable text (a scan?)", "de PDF bevat geen tekst"),
        ("the file is binary, not text", "geen tekstbestand"),
        ("the file is 12.0 MB, over the limit of 10.0 MB", "te groot"),
        ("something nobody foresaw", "kon niet als verslag worden gelezen"),
    ],
)
def test_refusal_reasons_in_dutch_with_the_detail_behind_a_toggle(error: str, dutch: str) -> None:
    html = render_report([FileReport("map/x.pdf", "failed", error=error)])
    assert dutch in html and "Geweigerd" in html
    head, _, detail = html.partition("<details")
    assert error not in head and esc(error) in detail  # the English only under Details


@pytest.mark.parametrize(
    ("warning", "dutch"),
    [
        ("no title line 'Verslag gesprek …' found", "geen titelregel"),
        ("no attendees ('Aanwezig') found", "geen aanwezigen"),
        ("no date of the conversation found", "geen datum"),
        ("no statements found (are the question rows empty?)", "geen uitspraken gevonden"),
        ("brand new warning", "zie de details"),
    ],
)
def test_ingest_warnings_in_dutch(warning: str, dutch: str) -> None:
    html = render_report([FileReport("x.txt", "added", number=3, statements=2, warnings=[warning])])
    head, _, _detail = html.partition("<details")
    assert dutch in head and warning not in head
