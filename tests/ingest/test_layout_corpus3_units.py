"""Table-driven tests of the rules added for the failure classes of the third blind corpus
(tests/fixtures/layouts3/): speakers introduced mid-paragraph, abbreviations from the attendee
list, interviewer labels, pronouns, officials of the municipality, line-numbered PDFs,
ordinal conversation numbers, web-page furniture and Markdown quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.attendees import organisation_of, parse_attendees
from ingest.attribution import attribute
from ingest.html_reader import html_blocks
from ingest.parse import parse_blocks, parse_title
from ingest.pdf_layout import strip_line_numbers
from ingest.records import Attendee
from ingest.speakers import SpeakerIndex
from ingest.text_reader import text_blocks

INDEX = SpeakerIndex(
    [
        Attendee("Anke Pronk", "jeugdarts", "GGD Groningen"),
        Attendee("Kees Jansen", "consulent", "MEE Groningen"),
        Attendee("Froukje Dijkstra", "coördinator", "Centrum voor Jeugd en Gezin Midden-Groningen"),
        Attendee("Evert Smid", "voorzitter", "Dorpsbelangen Foxhol"),
        Attendee("Renske Bos", "interviewer", "gemeente Midden-Groningen"),
        Attendee("Bram Smit", "buurtsportcoach", "Stichting Sport en Bewegen Midden-Groningen"),
    ]
)
GGD, MEE, CJG = "GGD Groningen", "MEE Groningen", "Centrum voor Jeugd en Gezin Midden-Groningen"
FOXHOL, GEMEENTE = "Dorpsbelangen Foxhol", "gemeente Midden-Groningen"


def _who(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    return [(t.attribution, t.speaker.organisation if t.speaker else None)
            for t in attribute(paragraphs, INDEX)]  # fmt: skip


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a titled person after "Volgens" mid-paragraph opens a new turn
        (["MEE wil graag aanschuiven bij de opgave. Volgens mevr. Pronk hoort gezondheid erbij."],
         [("explicit", MEE), ("explicit", GGD)]),
        # an abbreviation of one attendee organisation as the subject, also with an article
        (["GGD: a is goed.", "CJG sluit zich daarbij aan."], [("explicit", GGD), ("explicit", CJG)]),
        (["MEE: a is goed.", "Het CJG ziet laaggeletterdheid."], [("explicit", MEE), ("explicit", CJG)]),
        # groups with a numeral, "gasten", and a bare "Beide" label
        (["MEE: a.", "Alle drie de organisaties vinden b."], [("explicit", MEE), ("none", None)]),
        (["MEE: a.", "Beide gasten vinden b."], [("explicit", MEE), ("none", None)]),
        (["MEE: a.", "Beide: een spreekuur."], [("explicit", MEE), ("none", None)]),
        # the municipality's label resolves to the municipal attendee
        (["Gemeente: Wat mist u nog?"], [("explicit", GEMEENTE)]),
        # a label naming someone we cannot place never continues the previous speaker
        (["MEE: a.", "Interviewer: Wat mist u?"], [("explicit", MEE), ("none", None)]),
        (["MEE: a.", "Voorzitter: Wat mist u?"], [("explicit", MEE), ("none", None)]),
        # a pronoun of the other gender is someone else
        (["Evert Smid: a.", "Hij waarschuwt b.", "Zij vindt ook c."],
         [("explicit", FOXHOL), ("inferred", FOXHOL), ("none", None)]),
        (["Dhr. Jansen: a.", "Zij vindt b."], [("explicit", MEE), ("none", None)]),
        (["Mevr. Pronk: a.", "Zij vindt b."], [("explicit", GGD), ("inferred", GGD)]),
        # a pronoun after a paragraph of two speakers is ambiguous
        (["Evert Smid: a is goed. MEE: b is goed.", "Zij vinden c."],
         [("explicit", FOXHOL), ("explicit", MEE), ("none", None)]),
        # one word of a phrase inside an organisation name is no subject
        (["MEE: a.", "Jeugd verdient een eigen plek."], [("explicit", MEE), ("inferred", MEE)]),
        (["Sport is een ingang naar het sociaal team."], [("none", None)]),
        # an unknown name with a verb of saying is someone else; an adverb opener is not
        (["MEE: a.", "Humanitas vertelt dat b."], [("explicit", MEE), ("none", None)]),
        (["MEE: a.", "De Spinde merkt op dat b."], [("explicit", MEE), ("none", None)]),
        (["MEE: a.", "Wel mist een paragraaf over b."], [("explicit", MEE), ("inferred", MEE)]),
    ],
)  # fmt: skip
def test_attribution_rules(paragraphs: list[str], expected: list[tuple[str, str | None]]) -> None:
    assert _who(paragraphs) == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["mevr. Anke Pronk, jeugdarts namens GGD Groningen (GGD); dhr. Kees Jansen, consulent "
          "namens MEE Groningen (MEE)"],
         [("Anke Pronk", "GGD Groningen"), ("Kees Jansen", "MEE Groningen")]),
        (["Piet Bos, vrijwilliger namens Stichting Present (Hoogezand)"],  # a place stays
         [("Piet Bos", "Stichting Present (Hoogezand)")]),
        (["Wethouder Anja Wierenga (gemeente Midden-Groningen)",
          "Beleidsmedewerker Tom de Haan (gemeente Midden-Groningen)",
          "Gerda Smeenge, directeur Kwartier Zorg en Welzijn"],
         [("Anja Wierenga", GEMEENTE), ("Tom de Haan", GEMEENTE),
          ("Gerda Smeenge", "Kwartier Zorg en Welzijn")]),
    ],
)  # fmt: skip
def test_attendee_lists(cells: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(a.name, a.organisation) for a in parse_attendees(cells)] == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("beleidsmedewerker gemeente Midden-Groningen", "gemeente Midden-Groningen"),
        ("gedeputeerde provincie Groningen", "provincie Groningen"),
        ("directeur Publieke gezondheid GGD Groningen", "GGD Groningen"),
        ("voorzitter", None),
        # a lower-case word inside the name: the police, not the place
        ("wijkagent, Politie basisteam Midden-Groningen", "Politie basisteam Midden-Groningen"),
        (
            "wijkagent Politie Noord-Nederland basisteam Hoogezand",
            "Politie Noord-Nederland basisteam Hoogezand",
        ),
    ],
)
def test_organisation_keeps_its_lower_case_head(role: str, expected: str | None) -> None:
    assert organisation_of(role) == expected


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Verslag 6e gesprek sociaal domein (25 juni 2019)", 6),
        ("Verslag van het 30e gesprek over de visie sociaal domein (4 juni 2019)", 30),
        ("Verslag derde gesprek visie sociaal domein", 3),
        ("Verslag gesprek visie sociaal domein II", 2),
        ("Verslag gesprek visie sociaal domein", None),
    ],
)
def test_ordinal_numbers_in_titles(line: str, number: int | None) -> None:
    parsed = parse_title(line)
    assert parsed is not None and parsed[1] == number


def test_line_numbers_in_the_margin_are_blanked() -> None:
    lines = [f"{n:>3}     Regel {n} van de tekst" for n in range(1, 8)] + ["", " 8"]
    out = strip_line_numbers(lines)
    assert all(not ln.strip()[:1].isdigit() for ln in out if ln.strip())
    assert out[0].index("Regel") == lines[0].index("Regel")  # columns stay where they were
    prose = ["2 januari was de eerste dag.", "Daarna volgde meer.", "3 partijen kwamen."]
    assert strip_line_numbers(prose) == prose  # a few numbers opening sentences stay


def test_web_page_furniture_by_class_is_skipped() -> None:
    html = (
        '<div class="site-header">Gemeente | Verslagen</div><p>Inhoud blijft.</p>'
        '<div id="footer"><p>Privacyverklaring</p></div><div class="kader"><p>Ook dit.</p></div>'
    )
    assert [b.text for b in html_blocks(html)] == ["Inhoud blijft.", "Ook dit."]


def test_a_verslag_with_quotes_a_dating_sentence_and_a_kernpunten_box() -> None:
    text = "\n".join(
        [
            "# Verslag gesprek visie sociaal domein 40",
            "",
            "Gesprek gevoerd op 18-06-2019 in het gemeentehuis te Hoogezand.",
            "",
            "Aanwezig: Anke Pronk, jeugdarts namens GGD Groningen (GGD)",
            "",
            "> **Kernpunten**",
            ">",
            "> - Preventie verdient meer aandacht.",
            "",
            "## Hoe kijk je tegen de visie aan?",
            "",
            "> GGD: preventie is de kern.",
        ]
    )
    v = parse_blocks(text_blocks(text), Path("v.md"))
    assert v.date == "2019-06-18"
    got = [(s.section, s.text, s.organisation) for s in v.statements]
    assert got == [
        ("Kernpunten", "Preventie verdient meer aandacht.", None),
        ("Hoe kijk je tegen de visie aan?", "GGD: preventie is de kern.", "GGD Groningen"),
    ]


def test_a_speaker_row_under_the_next_question_stays_there() -> None:
    """Row labels naming a speaker repeat under each question (a merged left cell per
    speaker): each row joins the question above it, not the first one with that label."""
    rows = [
        ("Verslag gesprek visie sociaal domein 41", None),
        ("Aanwezig", "Hilde Wolters, coördinator Humanitas Midden-Groningen"),
        ("Hoe kijk je tegen de visie aan?", None),
        ("Hilde Wolters (Humanitas)", "De visie is herkenbaar."),
        ("Hoe kijk je tegen de 8 opgaven aan?", None),
        ("Hilde Wolters (Humanitas)", "Brievenbusproblemen vragen vroegsignalering."),
    ]
    from ingest.records import Block

    blocks = [
        Block("title", text=label) if value is None and i == 0 else
        Block("row", label=label, cells=(value,) if value else ())
        for i, (label, value) in enumerate(rows)
    ]  # fmt: skip
    v = parse_blocks(blocks, Path("v.docx"))
    got = [(s.section, s.organisation) for s in v.statements]
    assert got == [
        ("Hoe kijk je tegen de visie aan?", "Humanitas Midden-Groningen"),
        ("Hoe kijk je tegen de 8 opgaven aan?", "Humanitas Midden-Groningen"),
    ]


def test_an_empty_speaker_cell_is_nobodys_turn() -> None:
    """Below a row naming a speaker, a row with an empty left cell is a new turn of nobody
    we know; one that continues a sentence cut by a page break stays the speaker's."""
    from ingest.records import Block

    rows = [
        ("Aanwezig", "Hilde Wolters, coördinator Humanitas Midden-Groningen"),
        ("Hoe kijk je tegen de visie aan?", None),
        ("Hilde Wolters (Humanitas)", "De visie is herkenbaar."),
        ("", "Een gezamenlijke folder helpt nieuwe inwoners."),
        ("Hilde Wolters (Humanitas)", "Vroegsignalering werkt als de corporaties"),
        ("", "meedoen."),
    ]
    blocks = [Block("title", text="Verslag gesprek visie sociaal domein 42")] + [
        Block("row", label=label, cells=(value,) if value else ()) for label, value in rows
    ]
    v = parse_blocks(blocks, Path("v.docx"))
    assert [(s.text, s.organisation) for s in v.statements] == [
        ("De visie is herkenbaar.", "Humanitas Midden-Groningen"),
        ("Een gezamenlijke folder helpt nieuwe inwoners.", None),
        ("Vroegsignalering werkt als de corporaties meedoen.", "Humanitas Midden-Groningen"),
    ]
