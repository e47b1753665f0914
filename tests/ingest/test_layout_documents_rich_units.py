"""Table-driven tests of the document rules for blind corpora 7 and 8 in Word, HTML, PDF and
Markdown with front matter (tests/fixtures/layouts7/, layouts8/): content controls, definition-
list metadata, comments, footnotes and page chrome, a wiki's page tree and property grid, a
wrapped PDF title, YAML front matter, time stamps in any format, a page's own dates. Inputs are
generated here, so their truth is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parse import parse_blocks
from ingest.readers import read_blocks
from ingest.records import Verslag


def _parse(text: str, name: str = "verslag.txt") -> Verslag:
    path = Path(name)
    return parse_blocks(read_blocks(path, text.encode("utf-8")), path)


def _sdt(inner: str, placeholder: bool = False) -> str:
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return f"<w:sdt><w:sdtPr>{shown}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _template_docx() -> bytes:
    """A form table whose values sit in content controls, then a speaker table whose question
    rows span the table."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("VERSLAG")
    form = document.add_table(rows=4, cols=2)
    values = {
        "Onderwerp": f"<w:p>{_sdt(_run('Verslag gesprek 55 visie sociaal domein'))}</w:p>",
        "Datum": _sdt(f"<w:p>{_run('11-6-2019')}</w:p>"),
        "Aanwezig": _sdt(
            f"<w:p>{_run('Roelof Meijer – directeur, Welzijnsorganisatie Kwadrant')}</w:p>"
            f"<w:p>{_run('Els Nijboer – wijkagent, Politie basisteam Midden-Groningen')}</w:p>"
        ),
        "Afwezig": _sdt(f"<w:p>{_run('Klik of tik om tekst in te voeren.')}</w:p>", True),
    }
    for row, (label, xml) in zip(form.rows, values.items(), strict=True):
        row.cells[0].text = label
        tc = row.cells[1]._tc
        for p in tc.findall(f"{{{tc.nsmap['w']}}}p"):
            tc.remove(p)
        for element in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
            tc.append(element)
    minutes = document.add_table(rows=3, cols=3)
    for cell, text in zip(minutes.rows[0].cells, ("Nr.", "Inbreng", "Spreker"), strict=True):
        cell.text = text
    merged = minutes.rows[1].cells[0].merge(minutes.rows[1].cells[2])
    merged.text = "Vraag 1 – Hoe kijk je tegen de visie aan?"
    for cell, text in zip(
        minutes.rows[2].cells, ("1.1", "Welzijn wordt te weinig genoemd.", "Kwadrant"), strict=True
    ):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_content_controls_and_spanning_question_rows() -> None:
    path = Path("sjabloon.docx")
    v = parse_blocks(read_blocks(path, _template_docx()), path)
    assert (v.title, v.number, v.date) == (
        "Verslag gesprek 55 visie sociaal domein",
        55,
        "2019-06-11",
    )
    assert [a.name for a in v.attendees] == ["Roelof Meijer", "Els Nijboer"]
    assert [(s.section, s.text, s.speaker) for s in v.statements] == [
        ("Hoe kijk je tegen de visie aan?", "Welzijn wordt te weinig genoemd.", "Kwadrant"),
    ]


INTRANET = """<html><body><h1>Verslag gesprek 53: visie sociaal domein</h1>
<dl>
  <dt>Datum gesprek</dt><dd>07-05-2019</dd>
  <dt>Locatie</dt><dd>Gemeentehuis Hoogezand, raadszaal</dd>
  <dt>Aanwezig</dt>
  <dd>mevr. A. (Annemiek) Dijkstra &ndash; bestuurder, Thuiszorg Hunzedal<br>
      dhr. S. (Sander) Mulder &ndash; manager, GGZ Noorderpoort</dd>
</dl>
<h2>1. Hoe kijk je tegen de visie aan?</h2>
<p>Thuiszorg Hunzedal: we onderschrijven de richting.</p>
</body></html>"""


def test_a_definition_list_of_metadata() -> None:
    v = _parse(INTRANET, "intranet.html")
    assert v.date == "2019-05-07"
    assert [(a.name, a.organisation) for a in v.attendees] == [
        ("Annemiek Dijkstra", "Thuiszorg Hunzedal"),
        ("Sander Mulder", "GGZ Noorderpoort"),
    ]
    assert [s.text for s in v.statements] == ["Thuiszorg Hunzedal: we onderschrijven de richting."]


FRONT_MATTER = """---
title: "Verslag gesprek 52 – visie sociaal domein"
datum: 2019-04-24
aanwezig:
  - "Petra Huizinga – directeur, Zorgcentrum De Zonnehof"
  - "Klaas Wubbolts – voorzitter, Dorpsbelangen Siddeburen"
tags: [visie, gesprekken]
---

# Verslag gesprek 52 – visie sociaal domein

> Slochteren · woensdag 24 april 2019 · verslag: M. Tiggelaar

De reacties zijn per opgave geordend. In de kolom *Wie* staat wie de inbreng gaf.

## Hoe kijk je tegen de visie aan?

Zonnehof: ouderen komen er nauwelijks in voor.[^1]

[^1]: Cijfer CBS 2018, opgezocht na het gesprek.
"""


def test_yaml_front_matter_footnotes_and_notes_on_the_document() -> None:
    v = _parse(FRONT_MATTER, "verslag.md")
    assert (v.title, v.number, v.date) == (
        "Verslag gesprek 52 – visie sociaal domein",
        52,
        "2019-04-24",
    )
    assert [a.name for a in v.attendees] == ["Petra Huizinga", "Klaas Wubbolts"]
    assert [s.text for s in v.statements] == ["Zonnehof: ouderen komen er nauwelijks in voor."]


def test_a_wrapped_pdf_title_and_an_attendee_list_kept_elsewhere() -> None:
    from ingest.text_reader import heading_blocks

    lines = [
        "Verslag van het gesprek over de visie sociaal domein,",
        "nr. 47",
        "Plaats en datum: Slochteren, woensdag 20 maart 2019",
        "Aanwezigen: zie presentielijst (bijlage 1, niet openbaar)",
        "",
        "Hoe kijk je tegen de visie aan?",
        "Loes Kuipers vindt de visie een goede stap.",
    ]
    path = Path("verslag.pdf")
    v = parse_blocks(heading_blocks(lines, wrapped=True), path)
    assert (v.title, v.number) == (
        "Verslag van het gesprek over de visie sociaal domein, nr. 47",
        47,
    )
    assert v.attendees == ()
    assert v.date == "2019-03-20"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # a Google Docs comment: its anchor in the text and its body at the end
        (
            '<p>Het dorpshuis kreeg € 8.000 minder.<sup><a href="#cmnt1" id="cmnt_ref1">[a]</a>'
            '</sup></p><div><p><a href="#cmnt_ref1" id="cmnt1">[a]</a>Klopt dit? – Linda</p></div>',
            ["Het dorpshuis kreeg € 8.000 minder."],
        ),
        # a Word footnote anchor and its note outside any container
        (
            '<p>Visie is herkenbaar.<a href="#_ftn1" name="_ftnref1">[1]</a></p>'
            '<p><a href="#_ftnref1" name="_ftn1">[1]</a> Cijfer CBS 2018.</p><p>Verder.</p>',
            ["Visie is herkenbaar.", "Verder."],
        ),
        # share links, readers' comments, "last changed", related pages
        (
            '<p>Inhoud.</p><div class="share-links"><span>Deel deze pagina:</span></div>'
            '<section class="ms-comments"><p>Goed verslag, dank!</p></section>'
            '<div class="node__changed">Laatst gewijzigd: 7 maart 2019</div>'
            '<div class="related"><p>Verslag gesprek 42</p></div>',
            ["Inhoud."],
        ),
        # an ordinary link stays text
        ('<p>Zie <a href="https://example.org/visie">de visie</a>.</p>', ["Zie de visie."]),
    ],
)
def test_html_comments_footnotes_and_page_chrome(markup: str, expected: list[str]) -> None:
    from ingest.html_reader import html_blocks

    assert [b.text for b in html_blocks(f"<html><body>{markup}</body></html>")] == expected


WIKI_PAGE = [
    "PAGINASTRUCTUUR",
    "                             Gesprek 57 - jongeren en jongerenwerk",
    "Sociaal Domein                                        Gemaakt door Nienke Hoving",
    "  Visie 2019",
    "    Gesprekken               Datum              02 jul. 2019",
    "",
    "      Gesprek 55                                Nienke Hoving (beleidsadviseur, gemeente)",
    "      Gesprek 56                                Bas Jonker (jongerenwerker, Jongerenwerk)",
    "      Gesprek 57             Deelnemers",
    "                                                Lotte Scholtens (voorzitter, Jongerenraad)",
    "    Planning                 Status             DEFINITIEF",
    "",
    "                             Hoe kijk je tegen de visie aan?",
    "                             Lotte (Jongerenraad): Jongeren komen in de visie alleen voor",
    "                             als probleem. Wij willen meepraten, niet alleen doelgroep zijn.",
]


def test_a_wiki_page_tree_beside_the_content_is_no_text() -> None:
    from ingest.pdf_layout import strip_sidebar

    [page] = strip_sidebar([WIKI_PAGE])
    assert page[1] == "Gesprek 57 - jongeren en jongerenwerk"
    assert page[3:5] == ["", "Datum              02 jul. 2019"]
    assert not any("Gesprek 55" in ln or "Planning" in ln or "PAGINA" in ln for ln in page)
    # an ordinary page (no tree of short entries left of the text) is unchanged
    plain = ["Verslag gesprek 3", "", "Humanitas vindt de visie goed, maar mist de praktijk."]
    assert strip_sidebar([plain]) == [plain]


def test_a_page_properties_grid_with_a_centred_label() -> None:
    from ingest.pdf_layout import key_values, strip_sidebar
    from ingest.text_reader import heading_blocks

    [page] = strip_sidebar([WIKI_PAGE])
    assert key_values(page)[3:10] == [
        "",
        "Datum: 02 jul. 2019",
        "",
        "Deelnemers:",
        "- Nienke Hoving (beleidsadviseur, gemeente)",
        "- Bas Jonker (jongerenwerker, Jongerenwerk)",
        "- Lotte Scholtens (voorzitter, Jongerenraad)",
    ]
    v = parse_blocks(heading_blocks(key_values(page), wrapped=True), Path("wiki.pdf"))
    assert (v.number, v.date) == (57, "2019-07-02")
    assert [a.name for a in v.attendees] == ["Nienke Hoving", "Bas Jonker", "Lotte Scholtens"]


@pytest.mark.parametrize(
    "head",
    [
        "---\ndatum: 2019-02-30\n---\n",  # no such date: PyYAML raises ValueError
        "---\n[[[\n---\n",  # no YAML
        "---\n- a\n- b\n---\n",  # no mapping
    ],
)
def test_front_matter_yaml_cannot_read_is_left_as_text(head: str) -> None:
    from ingest.front_matter import split_front_matter

    assert split_front_matter(head + "# Verslag gesprek 3\n") == (
        [],
        head + "# Verslag gesprek 3\n",
    )


def test_front_matter_attendees_as_mappings() -> None:
    from ingest.front_matter import split_front_matter

    blocks, rest = split_front_matter(
        "---\nattendees:\n  - name: Jan de Vries\n    organisation: Humanitas\n"
        "  - organisatie: GGD Groningen\n    naam: Els Smit\n---\nrest"
    )
    assert [b.cells for b in blocks] == [("Jan de Vries, Humanitas", "Els Smit, GGD Groningen")]
    assert rest == "\nrest"


TRANSCRIPT_HTML = """<html><body><h1>Transcriptie gesprek 71 visie sociaal domein</h1>
<p>Datum: 3 juni 2019</p><p>Deelnemers: Jan de Vries (Humanitas, coördinator)</p>
<h2>Hoe kijk je tegen de visie aan?</h2>
<p>[00:01:10] Jan de Vries: Mooi stuk.</p><p>[00:01:50] [gelach]</p></body></html>"""


def test_time_stamps_and_stage_notes_in_any_format() -> None:
    v = _parse(TRANSCRIPT_HTML, "transcript.html")
    assert [(s.text, s.speaker) for s in v.statements] == [
        ("Jan de Vries: Mooi stuk.", "Jan de Vries")
    ]


PUBLISHED = """<html><body><h1>Verslag gesprek 90 – Meeden</h1>
<p>Gepubliceerd op 6 maart 2019</p>
<p>Het gesprek vond plaats op 26 februari 2019 in Meeden.</p>
<p>Aanwezig: Jan de Vries (Humanitas, coördinator)</p>
<h2>Hoe kijk je tegen de visie aan?</h2>
<p>Humanitas: mooi stuk.<a class=msocomanchor href="#_msocom_1">[JB1]</a></p>
<div style='mso-element:comment-list'><div style='mso-element:comment'><p>Klopt dit?</p></div></div>
</body></html>"""


def test_a_page_s_publication_date_and_word_comments() -> None:
    v = _parse(PUBLISHED, "cms.html")
    assert v.date == "2019-02-26"  # the conversation's, not the page's
    assert [s.text for s in v.statements] == ["Humanitas: mooi stuk."]


def test_only_the_grid_s_lines_are_read_as_values() -> None:
    from ingest.pdf_layout import key_values
    from ingest.text_reader import heading_blocks

    lines = [
        "Datum              02 jul. 2019",
        "Deelnemers         Jan de Vries (Humanitas)",
        "                   Els Smit (GGD)",
        "",
        "Hoe kijk je tegen de visie aan?",
        "Humanitas: de visie is goed, maar",
        "                   dit citaat staat toevallig in dezelfde kolom.",
    ]
    assert key_values(lines) == [
        "Datum: 02 jul. 2019",
        "Deelnemers:",
        "- Jan de Vries (Humanitas)",
        "- Els Smit (GGD)",
        *lines[3:],
    ]
    v = parse_blocks(
        heading_blocks(["Verslag gesprek 3", *key_values(lines)], wrapped=True), Path("x.pdf")
    )
    assert [a.name for a in v.attendees] == ["Jan de Vries", "Els Smit"]
