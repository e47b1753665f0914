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
