"""Table-driven tests of the document rules added for blind corpora 7 and 8
(tests/fixtures/layouts7/, layouts8/): which documents are verslagen and what their metadata
is — titles of other write-ups ("AANTEKENINGEN gesprek 40", "Besluitenlijst gesprek 45"),
notes and transcripts in plain text, e-mailed verslagen with prose attendees and a yearless
date, procedural lines, end markers and metadata lines as debris, and documents about
verslagen refused. Inputs are generated here, so their truth is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.attendees import parse_attendees
from ingest.dates import yearless_date
from ingest.errors import IngestError
from ingest.parse import parse_blocks
from ingest.readers import read_blocks
from ingest.records import Verslag
from ingest.structure import debris, meta
from ingest.titles import parse_title


def _parse(text: str, name: str = "verslag.txt") -> Verslag:
    path = Path(name)
    return parse_blocks(read_blocks(path, text.encode("utf-8")), path)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("AANTEKENINGEN gesprek 40 visie sociaal domein", 40),
        ("Besluitenlijst gesprek 45 – visie sociaal domein", 45),
        ("Interview gesprek 42 — visie Sociale veerkracht", 42),
        ("TRANSCRIPTIE (automatisch) - Gesprek 51 visie sociaal domein", 51),
        ("Onderwerp: verslagje gesprek 41 visie sociaal domein (Siddeburen)", 41),
        # a write-up kind names the conversation, else it is no title
        ("Interview met de wethouder", None),
        ("Besluitenlijst raadsvergadering", None),
        ("Samenvatting van de gesprekken", None),
        ("Uitnodiging gesprek 46", None),
        # a sentence about a file is no title
        ("(`verslag-gesprek-44.html`) is windows-1252 with CRLF line ends.", None),
    ],
)
def test_titles_of_other_write_ups(line: str, expected: int | None) -> None:
    parsed = parse_title(line)
    assert (parsed[1] if parsed else None) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Aanwezig waren: A (Org, rol)", ("attendees", "A (Org, rol)")),
        ("Waren aanwezig: A", ("attendees", "A")),
        ("Geïnterviewd:", ("attendees", "")),
        ("wie:", ("attendees", "")),
        ("wanneer: di 9/4/2019, 14.00 uur", ("date", "di 9/4/2019, 14.00 uur")),
        ("Afwezig m.k.: Bert Hoving", ("other", "Bert Hoving")),
        ("Labels: #visie #gesprekken", ("other", "#visie #gesprekken")),
        ("Aangemaakt: 09-04-2019 15:47", ("other", "09-04-2019 15:47")),
        ("Aanwezigen waren het eens", None),
        ("Wie betaalt dat?", None),
    ],
)
def test_meta_labels_of_notes_mails_and_interviews(line: str, expected: object) -> None:
    assert meta(line) == expected


@pytest.mark.parametrize(
    ("text", "is_debris"),
    [
        ("Opening om 10.05 uur. Geen mededelingen. De agenda wordt vastgesteld.", True),
        ("Sluiting 11.45 uur.", True),
        ("De voorzitter opent de vergadering om 14.00 uur.", True),
        ("-- einde aantekeningen --", True),
        ("Einde transcriptie - 00:41:37", True),
        ("--- geëxporteerd uit Notities op 10-04-2019 08:12 ---", True),
        ("Opening", False),  # a heading
        ("Opening van het buurthuis is in mei.", False),
        ("Geen mededelingen, maar Humanitas vraagt om de cijfers.", False),
    ],
)
def test_procedural_lines_and_end_markers_are_debris(text: str, is_debris: bool) -> None:
    assert debris(text) is is_debris


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("wat er woensdag 13 feb. in Siddeburen is besproken", "2019-02-15", "2019-02-13"),
        ("het gesprek van 28 december", "2019-01-04", "2018-12-28"),
        ("op 13 februari 2019", "2019-02-15", None),  # has its year: parse_date's job
        ("geen datum", "2019-02-15", None),
    ],
)
def test_yearless_dates_take_the_year_of_the_mail(
    text: str, reference: str, expected: str | None
) -> None:
    assert yearless_date(text, reference) == expected


def test_prose_attendees_with_en_and_the_writer() -> None:
    people = parse_attendees(
        [
            "Klaas Jansen (KBO Siddeburen, voorzitter), Fenna Dijkhuizen (Huisartsenpraktijk,"
            " POH-GGZ) en ikzelf (Gerda Wieringa, beleidsadviseur gemeente)."
        ]
    )
    assert [a.name for a in people] == ["Klaas Jansen", "Fenna Dijkhuizen", "Gerda Wieringa"]


MAIL = """Van: Wieringa, Gerda <g@example.org>
Verzonden: vrijdag 15 februari 2019 16:42
Onderwerp: verslagje gesprek 41 visie sociaal domein

Hoi allemaal,

Hierbij wat er woensdag 13 feb. is besproken.

Aanwezig waren: Klaas Jansen (KBO Siddeburen, voorzitter) en ikzelf (Gerda Wieringa, beleidsadviseur gemeente).

Hoe kijk je tegen de visie aan?
- De visie is te abstract voor ouderen. (Jansen)

Groet,
Gerda

Gerda Wieringa | beleidsadviseur
"""


def test_an_e_mailed_verslag_is_read() -> None:
    v = _parse(MAIL)
    assert (v.number, v.date) == (41, "2019-02-13")
    assert [a.name for a in v.attendees] == ["Klaas Jansen", "Gerda Wieringa"]
    assert [s.text for s in v.statements] == ["De visie is te abstract voor ouderen. (Jansen)"]


NOTES = """AANTEKENINGEN gesprek 40 visie sociaal domein
(getypt tijdens het gesprek, niet nagelezen - TS)

wanneer: maandag 11-2-2019, 14.00-15.30 uur, dorpshuis
wie:
  JB   = Jolanda Bos, coördinator Stichting Welzijn
  TS   = Tineke Smit, beleidsmedewerker gemeente (notulen)
Labels: #visie #gesprekken

visie?
JB: visie herkenbaar, maar wie betaalt het
JB + AK: samen een pilot voorstellen
(vraag TS: wat is dan de rol van de gemeente?)
iedereen: de opgaven zijn te veel gemeentetaal

== Wat vind je van de 8 opgaven? ==
[ ] JB stuurt de sociale kaart na
[x] TS plant een vervolg

actie:
- TS zet het op de agenda

-- einde aantekeningen --
"""


def test_typed_notes_keep_one_turn_per_line() -> None:
    v = _parse(NOTES)
    assert (v.title, v.number, v.date) == (
        "AANTEKENINGEN gesprek 40 visie sociaal domein",
        40,
        "2019-02-11",
    )
    assert [a.name for a in v.attendees] == ["Jolanda Bos", "Tineke Smit"]
    assert [(s.section, s.text) for s in v.statements] == [
        ("visie?", "JB: visie herkenbaar, maar wie betaalt het"),
        ("visie?", "JB + AK: samen een pilot voorstellen"),
        ("visie?", "iedereen: de opgaven zijn te veel gemeentetaal"),
        ("Wat vind je van de 8 opgaven?", "JB stuurt de sociale kaart na"),
        ("Wat vind je van de 8 opgaven?", "TS plant een vervolg"),
        ("actie", "TS zet het op de agenda"),
    ]


TRANSCRIPT = """TRANSCRIPTIE (automatisch) - Gesprek 51 visie sociaal domein
Bestand: gesprek51_opname.m4a        Duur: 00:41:37
Datum opname: 16-4-2019, MFC De Kamp

Deelnemers:
  Gerda Smit       wethouder sociaal domein, gemeente Midden-Groningen
  Jan-Willem Oosting   teamleider, Sociaal Team Zuidbroek

-------- Hoe kijk je tegen de visie aan? (vanaf 00:01:05) --------

[00:01:20] Gerda Smit: Ik hoor twee dingen.

[00:07:02] [meerdere sprekers door elkaar, onverstaanbaar]

[00:07:30] Jan-Willem Oosting: We hebben een wachtlijst.

Einde transcriptie - 00:41:37
"""


def test_a_transcript_is_read() -> None:
    v = _parse(TRANSCRIPT)
    assert (v.number, v.date) == (51, "2019-04-16")
    assert [a.name for a in v.attendees] == ["Gerda Smit", "Jan-Willem Oosting"]
    assert [(s.section, s.text) for s in v.statements] == [
        ("Hoe kijk je tegen de visie aan?", "Gerda Smit: Ik hoor twee dingen."),
        ("Hoe kijk je tegen de visie aan?", "Jan-Willem Oosting: We hebben een wachtlijst."),
    ]


ABOUT_VERSLAGEN = """# Corpus of verslagen

| file | variants it combines |
|---|---|
| `verslag-gesprek-43.html` | web-CMS export: menu, "Datum gesprek" field |
| `verslag-gesprek-44.pdf` | prose report without an attendee list |
"""


def test_a_document_about_verslagen_is_refused() -> None:
    with pytest.raises(IngestError):
        _parse(ABOUT_VERSLAGEN, "README.md")


INTERVIEW = """# Interview gesprek 42 — visie Sociale veerkracht

_Gesprek nr. 42 in de reeks. Afgenomen door Sanne Hofman (gemeente) op 19 februari 2019 bij MantelzorgNet in Sappemeer. Uitgewerkt als vraag en antwoord._

**Geïnterviewd:**
Wim Oosterhof — directeur MantelzorgNet Midden-Groningen
Ria Tuinstra — mantelzorgmaatje, vrijwilliger bij Dorpshuis De Spil

**V: Hoe kijk je tegen de visie aan?**

**A (Oosterhof):** Mantelzorgers doen al alles.

_Doorvraag: wat moet de gemeente dan anders doen?_

**A (Tuinstra):** Het gaat om de aandacht.
"""


def test_an_interview_write_up_is_read() -> None:
    v = _parse(INTERVIEW, "interview.md")
    assert (v.number, v.date) == (42, "2019-02-19")
    assert [(a.name, a.organisation) for a in v.attendees] == [
        ("Wim Oosterhof", "MantelzorgNet Midden-Groningen"),
        ("Ria Tuinstra", "Dorpshuis De Spil"),
        ("Sanne Hofman", "gemeente"),  # the interviewer, named in the intro
    ]
    assert [s.text for s in v.statements] == [
        "A (Oosterhof): Mantelzorgers doen al alles.",
        "A (Tuinstra): Het gaat om de aandacht.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In dit verslag staan de namen van de sprekers in hoofdletters.", True),
        ("De reacties zijn per opgave geordend.", True),
        ("Slochteren, De Zonnehof · woensdag 24 april 2019 · verslag: M. Tiggelaar", True),
        ("Humanitas vindt het document te abstract.", False),  # the vision's document
        ("Humanitas vindt de visie te abstract.", False),
        ("Kwadrant · Harkstede · Kolham", False),
    ],
)
def test_editorial_notes(text: str, expected: bool) -> None:
    from ingest.structure import editorial

    assert editorial(text) is expected


@pytest.mark.parametrize(
    ("text", "is_debris"),
    [
        ("Wees de eerste die dit leuk vindt", True),
        ("Schrijf een opmerking...", True),
        ("Deel deze pagina: Facebook Twitter", True),
        ("Afgedrukt door Nienke Hoving op 04-07-2019 09:31", True),
        ("Schrijf een brief aan de raad, vindt Humanitas.", False),
    ],
)
def test_web_chrome_is_debris(text: str, is_debris: bool) -> None:
    assert debris(text) is is_debris


@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        ("beleidsadviseur gemeente", "gemeente"),
        ("gemeente, beleidsmedewerker", "gemeente"),
        ("voorzitter KBO Siddeburen", "KBO Siddeburen"),
    ],
)
def test_a_role_at_the_municipality(role: str, organisation: str) -> None:
    from ingest.attendees import organisation_of

    assert organisation_of(role) == organisation


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kort verslag gesprek 7 – Dorpsbelangen", 7),
        ("Samenvatting gesprek 12 visie sociaal domein", 12),
        ("Samenvatting van de visie", None),
    ],
)
def test_more_titles(line: str, expected: int | None) -> None:
    parsed = parse_title(line)
    assert (parsed[1] if parsed else None) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # an aside that asks or notes is no text; a statement in parentheses stays
        (["(vraag TS: wat is de rol van de gemeente?)"], []),
        (["(getypt tijdens het gesprek, niet nagelezen)"], []),
        (
            ["(Humanitas vult later aan: 40 vrijwilligers.)"],
            ["(Humanitas vult later aan: 40 vrijwilligers.)"],
        ),
        # time stamps in brackets, parentheses or bare open a turn and are dropped
        (
            ["00:01:20 Henk: Ik heb hem gelezen.", "(00:02:10) Fatma: Eens."],
            ["Henk: Ik heb hem gelezen.", "Fatma: Eens."],
        ),
        # "== heading ==" is a heading; a framed line of dashes that is none is a marker
        (["== Inleiding ==", "-- einde --"], ["Inleiding"]),
    ],
)
def test_note_lines(lines: list[str], expected: list[str]) -> None:
    from ingest.text_reader import heading_blocks

    assert [b.text for b in heading_blocks(lines)] == expected


MAIL_INLINE = """Van: Piet Bos
Verzonden: maandag 8 april 2019 09:12
Onderwerp: kort verslag gesprek 64 (Meeden)

Vorige week donderdag 4 april hebben we in Meeden gesproken. Aanwezig: Jan de Vries (Humanitas), Els Smit (GGD Groningen) en ik.

Hoe kijk je tegen de visie aan?
- Mooi stuk. (De Vries)

Groeten,
Piet
"""


def test_an_attendee_label_after_a_sentence_and_an_unnamed_writer() -> None:
    v = _parse(MAIL_INLINE)
    assert (v.number, v.date) == (64, "2019-04-04")
    assert [a.name for a in v.attendees] == ["Jan de Vries", "Els Smit"]
    assert [s.text for s in v.statements] == ["Mooi stuk. (De Vries)"]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["mevr. A. (Annemiek) Dijkstra – bestuurder"], ["mevr. Annemiek Dijkstra – bestuurder"]),
        (["zie presentielijst (bijlage 1)"], []),
        (["  Jan   Bos, voorzitter "], ["Jan Bos, voorzitter"]),
    ],
)
def test_attendee_text_before_splitting(cells: list[str], expected: list[str]) -> None:
    from ingest.attendee_text import clean_cells

    assert clean_cells(cells) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4-3-19", "2019-03-04"),
        ("ma 04.03.19, 14.00 uur", "2019-03-04"),
        ("4-3-'19", "2019-03-04"),
        ("12.30-14.00", None),
        ("Sjabloon versie 1.2.19 van het verslag van het overleg", None),  # prose: no
        ("4-3-2019", "2019-03-04"),
    ],
)
def test_two_digit_years_in_a_date_value(text: str, expected: str | None) -> None:
    from ingest.dates import parse_date

    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "line",
    ["Afwezig met kennisgeving: Bert Hoving", "Verhinderd: Bert Hoving", "Auteur: Bert Hoving"],
)
def test_more_labels_that_name_no_attendee(line: str) -> None:
    assert meta(line) == ("other", "Bert Hoving")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Afgenomen door Sanne Hofman (gemeente) op 19 februari",
            "Sanne Hofman (gemeente, gespreksleider)",
        ),
        ("Het gesprek werd geleid door Jan van der Berg.", "Jan van der Berg (gespreksleider)"),
        ("Afgenomen door Sanne Hofman op 19 mei", "Sanne Hofman (gespreksleider)"),
        ("Gevoerd door de wethouder.", None),
    ],
)
def test_who_held_the_interview(text: str, expected: str | None) -> None:
    from ingest.attendee_text import held_by

    assert held_by(text) == expected


ABSENT = """Notulen gesprek 81 visie sociaal domein
Datum: 5 juni 2019

Aanwezig:
Jan de Vries, coördinator Humanitas
Els Smit, jeugdarts GGD Groningen

Afwezig:
Bert Hoving, Dorpsbelangen Meeden
Piet Bos, voorzitter KBO

Hoe kijk je tegen de visie aan?
Humanitas: mooi stuk.
"""


def test_absentees_listed_one_per_line_are_neither_attendees_nor_statements() -> None:
    v = _parse(ABSENT)
    assert [a.name for a in v.attendees] == ["Jan de Vries", "Els Smit"]
    assert [s.text for s in v.statements] == ["Humanitas: mooi stuk."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Gepubliceerd op 6 maart 2019", ("other", "6 maart 2019")),
        (
            "Gemaakt door Nienke Hoving, laatst bijgewerkt op 04 jul. 2019",
            ("other", "Nienke Hoving, laatst bijgewerkt op 04 jul. 2019"),
        ),
        ("Gemaakt door vrijwilligers is het buurthuis een succes.", None),
    ],
)
def test_a_page_s_own_dates(line: str, expected: object) -> None:
    assert meta(line) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["JB: dat is te weinig", "iedereen: eens"], ["JB: dat is te weinig", "iedereen: eens"]),
        # a wrapped sentence that goes on after a connective is no new turn
        (
            ["Humanitas mist vervoer in de dorpen,", "bijvoorbeeld: de bus rijdt niet meer."],
            ["Humanitas mist vervoer in de dorpen, bijvoorbeeld: de bus rijdt niet meer."],
        ),
    ],
)
def test_lower_case_labels_in_notes(lines: list[str], expected: list[str]) -> None:
    from ingest.text_reader import heading_blocks

    assert [b.text for b in heading_blocks(lines)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1 SCHOLTEN merkt op dat …", "SCHOLTEN merkt op dat …"),
        ("2.3. Humanitas vindt …", "Humanitas vindt …"),
        ("2.5 miljoen euro is te weinig.", "2.5 miljoen euro is te weinig."),
        ("12.30 uur: lunch", "12.30 uur: lunch"),
    ],
)
def test_decimal_paragraph_numbers(text: str, expected: str) -> None:
    from ingest.text import strip_bullet

    assert strip_bullet(text) == expected


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Aanwezig waren Jan de Vries (Humanitas), Els Smit (GGD).", ["Jan de Vries", "Els Smit"]),
        ("Aanwezig zijn Jan Bos en Piet Smit.", ["Jan Bos", "Piet Smit"]),
        ("Aanwezig: Jan Bos, Els de Vries en Piet Smit", ["Jan Bos", "Els de Vries", "Piet Smit"]),
        ("Aanwezigen waren het eens over de visie.", None),
    ],
)
def test_prose_attendee_sentences(line: str, names: list[str] | None) -> None:
    found = meta(line)
    got = [a.name for a in parse_attendees([found[1]])] if found else None
    assert got == names
