"""Table-driven tests of the rules added for the failure classes of the sixth blind corpus
(tests/fixtures/layouts6/): attendee lists one per line, initials legends and the chair's
labels, attendee tables with the name column anywhere, "Reactie X:" speaker headings, "[Org]"
labels, Gespreksleider/Notulist rows, speaker tables with "Door wie" or "Wie | Wat", action
lists, setext headings beside a pipe table, two-digit years, Word's HTML footers and a title
only in a Word page header. Inputs are generated here, so their truth is known."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from ingest.attendees import initials_of, names_a_person, parse_line
from ingest.attribution import attribute
from ingest.dates import parse_date
from ingest.hosts import chairs_meeting
from ingest.html_reader import html_blocks
from ingest.parse import parse_blocks
from ingest.readers import read_blocks
from ingest.records import Attendee, Verslag
from ingest.speakers import SpeakerIndex
from ingest.structure import attendee_header, heading_speaker, meta, speaker_table
from ingest.text_reader import entry_start, text_blocks

QUESTION = "Hoe kijk je tegen de visie aan?"


def _parse(text: str, name: str = "verslag.txt") -> Verslag:
    path = Path(name)
    return parse_blocks(read_blocks(path, text.encode("utf-8")), path)


PEOPLE = [
    ("Fenna Postma", "coördinator", "Schuldhulpmaatje Midden-Groningen"),
    ("Gerrit Hoekstra", "teamleider", "Kredietbank Noord"),
    ("Anja Brouwer", "wethouder", "gemeente Midden-Groningen"),
]


def _attendee_block(layout: str) -> str:
    lines = [f"{n}, {role} {org}" for n, role, org in PEOPLE]
    if layout == "bare":  # "Aanwezig:" on its own line, one person a line
        return "Aanwezig:\n" + "\n".join(lines)
    if layout == "quoted":  # the same, quoted in a forwarded e-mail
        return "\n".join(f"> {ln}" for ln in ["Aanwezig:", *lines])
    # "Aanwezig:   first" with the others aligned below it
    return "Aanwezig:   " + "\n            ".join(lines)


@pytest.mark.parametrize("layout", ["bare", "quoted", "aligned"])
def test_an_attendee_list_one_person_a_line_is_one_attendee_a_line(layout: str) -> None:
    text = (
        f"Verslag gesprek visie sociaal domein 18\n\nDatum: 9 april 2019\n\n"
        f"{_attendee_block(layout)}\n\n{QUESTION}\n\nFP: de visie is goed.\n"
    )
    v = _parse(text)
    assert [(a.name, a.organisation) for a in v.attendees] == [(n, o) for n, _, o in PEOPLE]
    assert v.statements[0].persons == ("Fenna Postma",)  # "FP" is her initials


@pytest.mark.parametrize(
    ("line", "previous", "starts"),
    [
        ("mw. H. Mulder, jobcoach Werkplein", "wethouder A. Brouwer (voorzitter)", True),
        ("wethouder A. Brouwer, gemeente", "Fenna Postma, coördinator X", True),
        ("J. de Boer, secretaris", "Fenna Postma, coördinator X", True),
        ("JdV = Jolanda de Vries, coördinator", "Vz = Harm Smit, wethouder", True),
        ("Gerrit Hoekstra, teamleider", "Fenna Postma, coördinator X", True),
        # a wrapped entry: the line goes on an organisation, a name, or after "namens X:"
        ("Humanitas Midden-Groningen", "Fenna Postma, voorzitter Stichting", False),
        ("Jakob Boersma, voorzitter", "Fenna Postma, coördinator; Jan", False),
        ("Sietske Huizinga (directeur)", "namens Sociaal Raadslieden Groningen:", False),
        ("Noord-Nederland", "Arie Koster, regiomanager Eigen Kracht Centrale", False),
    ],
)
def test_entry_start(line: str, previous: str, starts: bool) -> None:
    assert entry_start(line, previous) is starts


@pytest.mark.parametrize(
    ("name", "label"),
    [("Jolanda de Vries", "JDV"), ("Pieter van den Berg", "PVDB"), ("Wim Kremer", "WK")],
)
def test_initials_with_tussenvoegsels(name: str, label: str) -> None:
    assert label in initials_of(name)


@pytest.mark.parametrize(
    ("line", "name", "organisation", "chair"),
    [
        ("JdV = Jolanda de Vries, coördinator De Zonnebloem", "Jolanda de Vries", "De Zonnebloem",
         False),
        ("Vz = Harm Smit, wethouder gemeente Midden-Groningen", "Harm Smit",
         "gemeente Midden-Groningen", True),
        ("Karin Smit – Huisartsenpraktijk Kiel (praktijkondersteuner GGZ)", "Karin Smit",
         "Huisartsenpraktijk Kiel", False),
        ("Evert Smid, voorzitter, Dorpsbelangen Foxhol", "Evert Smid", "Dorpsbelangen Foxhol",
         False),
        ("Anja Brouwer, wethouder gemeente Midden-Groningen (voorzitter)", "Anja Brouwer",
         "gemeente Midden-Groningen", True),
        ("Marleen Veenstra (gespreksleider)", "Marleen Veenstra", None, True),
    ],
)  # fmt: skip
def test_legend_lines_and_the_chair(
    line: str, name: str, organisation: str | None, chair: bool
) -> None:
    a = parse_line(line)
    assert a is not None and (a.name, a.organisation) == (name, organisation)
    assert chairs_meeting(a) is chair


CHAIR = Attendee("Anja Brouwer", "wethouder (voorzitter)", "gemeente Midden-Groningen")
GUEST = Attendee("Fenna Postma", "coördinator", "Schuldhulpmaatje Midden-Groningen")
OTHER_CHAIR = Attendee("Evert Smid", "voorzitter", "Dorpsbelangen Foxhol")


@pytest.mark.parametrize(
    ("attendees", "paragraph", "person"),
    [
        ((CHAIR, GUEST), "Vz: opent het gesprek.", "Anja Brouwer"),
        ((CHAIR, GUEST), "De voorzitter vraagt wat er mist.", "Anja Brouwer"),
        ((CHAIR, GUEST), "[Gespreksleider] vraagt wat er mist.", "Anja Brouwer"),
        # the chair of an association is nobody's "Vz"; two chairs: nobody can tell
        ((OTHER_CHAIR, GUEST), "Voorzitter: opent het gesprek.", None),
        ((CHAIR, GUEST, Attendee("Harm Smit", "gespreksleider", None)), "Vz: opent.", None),
    ],
)
def test_the_chairs_labels(attendees: tuple, paragraph: str, person: str | None) -> None:
    turns = attribute(["FP: eerst dit.", paragraph], SpeakerIndex(list(attendees)))
    got = turns[1].speaker.persons if turns[1].speaker else ()
    assert got == ((person,) if person else ())
    assert turns[1].attribution == ("explicit" if person else "none")


@pytest.mark.parametrize(
    ("paragraph", "organisation"),
    [
        ("[Buurtzorg] De wijkverpleging ziet het eerder.", "Buurtzorg Sappemeer"),
        ("[Steunpunt Mantelzorg] Gebruik de huisarts als vindplaats.", "Steunpunt Mantelzorg"),
        ("[Gelach] Iedereen herkent het.", None),  # no speaker, and not the previous one
        ("Kledingbank (dhr. Kamminga): de klanten komen niet.", None),  # unplaced
    ],
)
def test_bracket_labels_and_unplaced_labels(paragraph: str, organisation: str | None) -> None:
    index = SpeakerIndex(
        [Attendee("Jan Post", "wijkverpleegkundige", "Buurtzorg Sappemeer"),
         Attendee("Tineke Hofstra", "consulent", "Steunpunt Mantelzorg"),
         Attendee("Gerrit Hoekstra", "teamleider", "Kredietbank Noord")]
    )  # fmt: skip
    turn = attribute(["Kredietbank Noord: eerst dit.", paragraph], index)[1]
    assert (turn.speaker.organisation if turn.speaker else None) == organisation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Afkortingen: FP = Fenna Postma (Schuldhulpmaatje)", "other"),
        ("Legenda: JdV = Jolanda de Vries", "other"),
        ("Gespreksleider: Marleen Veenstra (wethouder)", "chair"),
        ("Voorzitter: opent het gesprek en heet iedereen welkom.", None),  # a turn
        ("Verslag: Ruud Bos", "minutes"),
        ("Verslaglegging: gemeente Midden-Groningen, team beleid.", "other"),
    ],
)
def test_meta_lines(text: str, expected: str | None) -> None:
    assert (meta(text) or (None,))[0] == expected


@pytest.mark.parametrize(
    ("text", "person"),
    [("Ruud Bos", True), ("mw. A. de Vries (gemeente)", True), ("Jan de Vries vraagt of", False),
     ("gemeente Midden-Groningen, team beleid", False), ("Marleen Veenstra, wethouder", True)],
)  # fmt: skip
def test_names_a_person(text: str, person: bool) -> None:
    assert names_a_person(text) is person


@pytest.mark.parametrize(
    ("label", "cells", "column"),
    [
        ("Naam", ("Functie",), 0),
        ("Organisatie", ("Naam",), 1),
        ("Organisatie", ("Functie", "Naam"), 2),
        ("Organisatie", ("Naam en functie",), 1),
        ("Organisatie", ("Inbreng",), None),
        ("Thema", ("Naam",), None),  # not every column is an attendee table's
    ],
)
def test_attendee_table_headers(label: str, cells: tuple[str, ...], column: int | None) -> None:
    assert attendee_header(label, cells) == column


@pytest.mark.parametrize(
    ("label", "cells", "speaker", "content"),
    [
        ("Spreker", ("Inbreng",), 0, 1),
        ("Onderwerp", ("Inbreng", "Door wie"), 2, 1),
        ("Wie", ("Wat",), 0, 1),
        ("Nr", ("Actie", "Wie", "Wanneer"), None, 1),  # an action list: nobody's
        ("Wat", ("Wie", "Wanneer"), None, 0),
    ],
)
def test_speaker_and_action_tables(
    label: str, cells: tuple[str, ...], speaker: int | None, content: int
) -> None:
    table = speaker_table(label, cells)
    assert table is not None and (table.speaker, table.content) == (speaker, content)


def _docx(title_in_header: bool, table: list[tuple[str, ...]]) -> bytes:
    d = docx.Document()
    title = "Verslag gesprek visie sociaal domein 21"
    if title_in_header:
        d.sections[0].header.paragraphs[0].text = title
    else:
        d.add_heading(title, level=1)
    d.add_paragraph("Datum: 22-5-2019")
    d.add_paragraph("Aanwezig: Bas Venema, teamleider Sociaal Team Noord; Ria Zwiers, "
                    "opbouwwerker Welzijn Slochteren")  # fmt: skip
    d.add_heading(QUESTION, level=2)
    t = d.add_table(rows=0, cols=len(table[0]))
    for row in table:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


TABLES = {
    "door wie": [("Onderwerp", "Inbreng", "Door wie"), ("Teams", "De teams zijn te druk.", "B. Venema"),
                 ("Wijk", "Iedereen hoort erbij.", "allen")],
    "wie wat": [("Wie", "Wat"), ("Welzijn Slochteren", "De teams zijn te druk."),
                ("", "Iedereen hoort erbij.")],
    "actions": [("Nr", "Actie", "Wie", "Wanneer"), ("1", "De teams zijn te druk.", "Sociaal Team", "juni"),
                ("2", "Iedereen hoort erbij.", "gemeente", "mei")],
}  # fmt: skip
TRUTH = {
    "door wie": ["Sociaal Team Noord", None],
    "wie wat": ["Welzijn Slochteren", None],
    "actions": [None, None],
}


@pytest.mark.parametrize("title_in_header", [True, False])
@pytest.mark.parametrize("kind", sorted(TABLES))
def test_word_tables_of_speakers_and_actions(kind: str, title_in_header: bool) -> None:
    path = Path("verslag.docx")
    v = parse_blocks(read_blocks(path, _docx(title_in_header, TABLES[kind])), path)
    assert v.number == 21 and v.date == "2019-05-22"
    assert [s.text for s in v.statements] == ["De teams zijn te druk.", "Iedereen hoort erbij."]
    assert [s.organisation for s in v.statements] == TRUTH[kind]
    assert {a.name for a in v.attendees} == {"Bas Venema", "Ria Zwiers"}  # no row is one


MARKDOWN = """Verslag gesprek visie sociaal domein XIX
========================================

*Dit verslag is een weergave van het gesprek.*

Datum: dinsdag 16 april '19

Aanwezigen
----------

| Organisatie | Naam |
|---|---|
| Jongerenwerk Midden-Groningen | Sanne Dijkstra (coördinator) |
| Stichting Leergeld | Yvonne Bakker-Smit |

Hoe kijk je tegen de visie aan?
-------------------------------

Reactie Jongerenwerk:

Jongeren komen er nauwelijks in voor.

Yvonne Bakker-Smit
Armoede onder kinderen is vaak onzichtbaar.

Alle partijen onderschrijven dat.

3. AFSPRAKEN

- Vervolggesprek in juni.
"""


def test_a_markdown_verslag_with_setext_headings_beside_a_pipe_table() -> None:
    v = _parse(MARKDOWN, "verslag.md")
    assert (v.number, v.date) == (19, "2019-04-16")
    assert [(a.name, a.organisation) for a in v.attendees] == [
        ("Sanne Dijkstra", "Jongerenwerk Midden-Groningen"),
        ("Yvonne Bakker-Smit", "Stichting Leergeld"),
    ]
    got = [(s.section, s.text, s.organisation) for s in v.statements]
    assert got == [
        (QUESTION, "Jongeren komen er nauwelijks in voor.", "Jongerenwerk Midden-Groningen"),
        (QUESTION, "Armoede onder kinderen is vaak onzichtbaar.", "Stichting Leergeld"),
        (QUESTION, "Alle partijen onderschrijven dat.", None),
        ("AFSPRAKEN", "Vervolggesprek in juni.", None),
    ]


def test_setext_and_italic_lines_in_the_pipe_table_layout() -> None:
    blocks = text_blocks("Titel hier\n=====\n\n*Cursief, geen opsomming.*\n\n| a | b |\n")
    assert [(b.kind, b.text) for b in blocks[:2]] == [
        ("title", "Titel hier"),
        ("paragraph", "Cursief, geen opsomming."),
    ]


@pytest.mark.parametrize(
    ("title", "speaker"),
    [("Reactie Kledingbank", "Kledingbank"), ("Inbreng van de GGD", "GGD"),
     ("Reactie op de visie", "op de visie"), ("Reacties", "Reacties"), ("Armoede", "Armoede"),
     ("Bespreking armoede", "Bespreking armoede")],
)  # fmt: skip
def test_heading_speaker(title: str, speaker: str) -> None:
    assert heading_speaker(title) == speaker


@pytest.mark.parametrize(
    ("text", "iso"),
    [("dinsdag 16 april '19", "2019-04-16"), ("16 april ’19", "2019-04-16"),
     ("16 april 19", None), ("16 april 2019", "2019-04-16")],
)  # fmt: skip
def test_two_digit_years_after_an_apostrophe(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_word_html_headers_and_footers_are_furniture() -> None:
    html = (
        "<body><div class=WordSection1><p>Inbreng van de dag.</p></div>"
        "<div style='mso-element:footer' id=f1><p class=MsoFooter>Intern document</p></div>"
        "<div style='mso-element:footnote-list'><p>1 Zie de bijlage.</p></div></body>"
    )
    assert [b.text for b in html_blocks(html)] == ["Inbreng van de dag."]


def test_gespreksleider_and_notulist_rows_are_attendees() -> None:
    html = (
        "<h1>Verslag gesprek visie sociaal domein 20</h1><table>"
        "<tr><td>Datum</td><td>14/05/2019</td></tr>"
        "<tr><td>Gespreksleider</td><td>Marleen Veenstra (wethouder, gemeente X)</td></tr>"
        "<tr><td>Notulist</td><td>Kees Oosterhuis</td></tr></table>"
        "<p><b>Aanwezig:</b><br>Tineke Hofstra (Steunpunt Mantelzorg)</p>"
        f"<p><b>{QUESTION}</b></p><p>[Gespreksleider] vraagt wat er mist.</p>"
    )
    path = Path("verslag.html")
    v = parse_blocks(read_blocks(path, html.encode()), path)
    assert [a.name for a in v.attendees] == [
        "Marleen Veenstra",
        "Kees Oosterhuis",
        "Tineke Hofstra",
    ]
    assert [s.persons for s in v.statements] == [("Marleen Veenstra",)]


@pytest.mark.parametrize(
    ("subject", "body_title", "title", "number"),
    [
        ("FW: verslag gesprek 18", "Verslag gesprek visie sociaal domein 18 - schulden",
         "Verslag gesprek visie sociaal domein 18 - schulden", 18),
        ("Verslag gesprek 7", "Verslag van het gesprek met de Kledingbank",
         "Verslag van het gesprek met de Kledingbank", 7),
        ("Verslag gesprek visie sociaal domein 9", None, "Verslag gesprek visie sociaal domein 9", 9),
    ],
)  # fmt: skip
def test_a_forwarded_verslag_takes_its_own_title_over_the_mail_subject(
    subject: str, body_title: str | None, title: str, number: int
) -> None:
    quoted = [body_title] if body_title else []
    quoted += ["Datum: 9 april 2019", "Aanwezig: Fenna Postma, coördinator Schuldhulpmaatje", "",
               QUESTION, "", "FP: de visie is goed."]  # fmt: skip
    text = (
        f"Van: Ingrid Mulder <i.mulder@example.nl>\nOnderwerp: {subject}\n\nCollega's, ter info.\n\n"
        "-----Oorspronkelijk bericht-----\n" + "\n".join(f"> {ln}" for ln in quoted)
    )
    v = _parse(text)
    assert (v.title, v.number, v.date) == (title, number, "2019-04-09")
    assert [s.persons for s in v.statements] == [("Fenna Postma",)]


@pytest.mark.parametrize("heading", ["Aanwezig:", "Aanwezigen"])
def test_attendee_lines_opening_in_lower_case_or_with_a_tussenvoegsel(heading: str) -> None:
    text = (
        f"Verslag gesprek visie sociaal domein 30\n\nDatum: 3 juni 2019\n\n{heading}\n"
        "Jan Jansen, voorzitter Humanitas\nPiet de Boer, arts GGD Groningen\n"
        f"wethouder Henk Smit (voorzitter)\nmw. A. Bakker, secretaris MEE\n\n{QUESTION}\n\n"
        "Vz: welkom.\n\nPdB: de visie is goed.\n\nVoorzitter: dank.\n"
    )
    v = _parse(text)
    assert [(a.name, a.organisation) for a in v.attendees] == [
        ("Jan Jansen", "Humanitas"),
        ("Piet de Boer", "GGD Groningen"),
        ("Henk Smit", None),
        ("A. Bakker", "MEE"),
    ]
    assert [s.persons for s in v.statements] == [("Henk Smit",), ("Piet de Boer",), ("Henk Smit",)]


def test_reaction_lines_inside_a_question_row() -> None:
    text = (
        "Verslag gesprek visie sociaal domein 30\n\nDatum: 3 juni 2019\n\n"
        "Aanwezig: Jan Jansen (Humanitas), Piet de Boer (GGD)\n\n"
        f"{QUESTION}\n\nReactie Humanitas:\n\nGoed stuk.\n\nMaar te lang.\n\n"
        "Reactie op de visie van de GGD:\n\nTe vaag.\n"
    )
    got = [(s.text, s.organisation, s.attribution) for s in _parse(text).statements]
    assert got == [
        ("Goed stuk.", "Humanitas", "inferred"),
        ("Maar te lang.", "Humanitas", "inferred"),
        ("Te vaag.", None, "none"),  # someone's reaction, but whose the label does not say
    ]


def test_initials_two_attendees_share_name_nobody() -> None:
    index = SpeakerIndex(
        [Attendee("Jan de Vries", "lid", "Humanitas"),
         Attendee("Jolanda Visser", "arts", "GGD Groningen")]
    )  # fmt: skip
    turns = attribute(["JdV: eerst dit.", "JV: dan dat.", "Humanitas: en verder."], index)
    assert [(t.attribution, t.speaker.organisation if t.speaker else None) for t in turns] == [
        ("explicit", "Humanitas"),
        ("none", None),  # "JV" is Jan de Vries's and Jolanda Visser's: no organisation "JV"
        ("explicit", "Humanitas"),
    ]
