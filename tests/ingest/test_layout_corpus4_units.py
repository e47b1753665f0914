"""Table-driven tests of the rules added for the failure classes of the fourth blind corpus
(tests/fixtures/layouts4/): the reporter's own voice, initials and double surnames, capitals
labels, themes before a subject, speaker tables with the speaker column anywhere, attendee
lines that run together, and stamps and print lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import structure
from ingest.attendees import initials_of, parse_attendees
from ingest.attribution import attribute
from ingest.parse import parse_blocks, parse_title
from ingest.records import Attendee, Block
from ingest.speakers import SpeakerIndex, label_of
from ingest.text_reader import text_blocks

PEOPLE = (
    Attendee("Bert Kolk", "voorzitter Humanitas", "Humanitas"),
    Attendee("Lisanne Oosterhof-Veldman", "wijkagent Politie", "Politie"),
    Attendee("Tjitske de Haan-Postma", "wethouder", "gemeente Midden-Groningen"),
    Attendee("Anne-Marie Hoekstra-de Boer", "coördinator Schuldmaatje", "Schuldmaatje"),
    Attendee("Klaas Pieter Brouwer", "voorzitter", "Ondernemersvereniging Hoogezand"),
    Attendee("Esther van der Heide", "jurist Halt Noord", "Halt Noord"),
    Attendee("Fatma Özdemir", "initiatiefnemer", "Buurtkamer De Kiepe"),
    Attendee("Roelie Bos", "wijkverpleegkundige", "Zorggroep Meander"),
)
INDEX = SpeakerIndex(PEOPLE)
KOLK = "Bert Kolk vindt de visie te abstract."


@pytest.mark.parametrize(
    "reporter",
    [
        "Er is een korte discussie over privacy bij het delen van signalen.",
        "Het valt op dat niemand aan tafel de jeugdzorgaanbieders noemt.",
        "Ook wordt afgesproken het verslag te delen met het netwerk.",
        "Verder wordt opgemerkt dat de consulenten niet in het team zitten.",
        "Het gesprek gaat daarna over de digitale overheid.",
        "Volgende afspraak na de zomer.",
        "Vraag blijft hoe de inventarisatie wordt bijgehouden.",
        "Jeugd en onderwijs moet volgens alle drie de partners een eigen opgave worden.",
        "Dat vinden allen een goed idee.",
    ],
)
def test_the_reporters_voice_never_continues_a_speaker(reporter: str) -> None:
    turns = attribute([KOLK, reporter], INDEX)
    assert turns[0].attribution == "explicit"
    assert (turns[1].speaker, turns[1].attribution) == (None, "none")


@pytest.mark.parametrize(
    "speakers_own",
    [
        "Hij geeft het voorbeeld van een moeder die drie keer haar verhaal moest doen.",
        "Re-integratie op de arbeidsmarkt: daar moet meer aandacht voor komen.",
    ],
)
def test_a_speakers_own_next_paragraph_still_continues(speakers_own: str) -> None:
    turns = attribute([KOLK, speakers_own], INDEX)
    assert turns[1].attribution == "inferred" and turns[1].speaker is not None
    assert turns[1].speaker.persons == ("Bert Kolk",)


@pytest.mark.parametrize(
    ("text", "org", "persons"),
    [
        ("Wijkagent Oosterhof vertelt dat de politie vaker wordt gebeld.", "Politie", ("Lisanne Oosterhof-Veldman",)),
        ("Wethouder De Haan zegt toe dat het wordt meegenomen.", "gemeente Midden-Groningen", ("Tjitske de Haan-Postma",)),
        ("Wethouder Meinders zegt toe dat het wordt meegenomen.", None, ("Meinders",)),
        ("AH: de visie spreekt haar aan.", "Schuldmaatje", ("Anne-Marie Hoekstra-de Boer",)),
        ("K.P. Brouwer: werkgevers haken af.", "Ondernemersvereniging Hoogezand", ("Klaas Pieter Brouwer",)),
        ("Volgens mevrouw Van der Heide kan een herstelgesprek in de klas.", "Halt Noord", ("Esther van der Heide",)),
        ("Volgens dhr. Kolk moet de gemeente eerst haar brieven herschrijven.", "Humanitas", ("Bert Kolk",)),
        ("Mevr. Özdemir vertelt dat de buurtkamer begon met koffie.", "Buurtkamer De Kiepe", ("Fatma Özdemir",)),
        ("ZORGGROEP MEANDER -- de wijkverpleging ziet eenzaamheid.", "Zorggroep Meander", ("Roelie Bos",)),
        ("Inventarisatie van initiatieven: Humanitas vindt een lijst prima.", "Humanitas", ("Bert Kolk",)),
    ],
)  # fmt: skip
def test_who_a_turn_names(text: str, org: str | None, persons: tuple[str, ...]) -> None:
    (turn,) = attribute([text], INDEX)
    assert turn.attribution == "explicit" and turn.speaker is not None
    assert (turn.speaker.organisation, turn.speaker.persons) == (org, persons)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("GERT-JAN KUIPERS -- het team herkent zich.", "GERT-JAN KUIPERS"),
        ("CLIENTENRAAD -- wil betrokken worden.", "CLIENTENRAAD"),
        ("Het team -- zo zegt men -- herkent zich.", None),
    ],
)
def test_capitals_labels(text: str, label: str | None) -> None:
    assert label_of(text) == label


def test_an_organisation_after_another_speakers_paragraph_is_its_own_turn() -> None:
    turns = attribute([KOLK, "Zorggroep Meander herkent dat signalen vroeg zichtbaar zijn."], INDEX)
    assert turns[1].attribution == "explicit" and turns[1].speaker is not None
    assert turns[1].speaker.organisation == "Zorggroep Meander"


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Anne-Marie Hoekstra-de Boer", {"AH", "AB", "AHB"}),
        ("Pieter-Jan van 't Hul", {"PH", "PVH"}),  # "PvH": with the tussenvoegsel
        ("Fenna Wolters", {"FW"}),
        ("Humanitas", set()),
    ],
)
def test_initials_of(name: str, initials: set[str]) -> None:
    assert initials_of(name) == initials


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            [
                "mw. Anne-Marie Hoekstra-de Boer (AH), coördinator Stichting Schuldmaatje "
                "dhr. Pieter-Jan van 't Hul (PH), teamleider Kredietbank Noord"
            ],
            [
                ("Anne-Marie Hoekstra-de Boer", "Stichting Schuldmaatje"),
                ("Pieter-Jan van 't Hul", "Kredietbank Noord"),
            ],
        ),
        (
            ["Namens de gemeente: Tjitske de Haan-Postma (wethouder jeugd) en Kees Bouma (beleidsmedewerker)."],
            [("Tjitske de Haan-Postma", "gemeente"), ("Kees Bouma", "gemeente")],
        ),
        (["Kees Bos (GGD)"], [("Kees Bos", "GGD")]),  # an organisation, not initials
        (["Jeroen Schuiling (gemeente, beleidsmedewerker)"], [("Jeroen Schuiling", "gemeente")]),
        (["mevr. Anna Sanders, pedagogisch coach Kinderopvang Kids&Co"], [("Anna Sanders", "Kinderopvang Kids&Co")]),
    ],
)  # fmt: skip
def test_attendee_lines(cells: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(a.name, a.organisation) for a in parse_attendees(cells)] == expected


@pytest.mark.parametrize(
    ("text", "is_debris"),
    [
        ("Afgedrukt op 3 april 2019 · pagina 1", True),
        ("*Concept – niet verspreiden*", True),
        ("Vertrouwelijk", True),
        ("Concept en uitvoering moeten beter op elkaar aansluiten.", False),
        ("Het concept van de visie spreekt haar aan", False),
    ],
)
def test_stamps_and_print_lines(text: str, is_debris: bool) -> None:
    assert structure.debris(text) is is_debris


@pytest.mark.parametrize(
    ("label", "cells", "columns"),
    [
        ("Spreker", ("Inbreng", "Opgave"), (0, 1, None)),
        ("Nr", ("Inbreng", "Wie"), (2, 1, None)),
        ("Vraag", ("Organisatie", "Reactie"), (1, 2, 0)),
        ("Naam", ("Functie",), None),
        ("Nr", ("Inbreng",), None),
    ],
)
def test_speaker_table_columns(label: str, cells: tuple[str, ...], columns: tuple | None) -> None:
    t = structure.speaker_table(label, cells)
    assert (None if t is None else (t.speaker, t.content, t.question)) == columns


HEAD = [
    Block("title", text="Verslag gesprek 24"),
    Block("paragraph", text="Datum: 9 april 2019"),
    Block("paragraph", text="Aanwezig: Bert Kolk (Humanitas, voorzitter), Roelie Bos (Zorggroep Meander, verpleegkundige)"),
]  # fmt: skip


def test_a_speaker_column_after_the_content_column() -> None:
    blocks = [
        *HEAD,
        Block("title", text="Hoe kijk je tegen de visie aan?"),
        Block("row", label="Nr", cells=("Inbreng", "Wie"), columns=(1, 1)),
        Block("row", label="1", cells=("a.", "b.", "Humanitas"), columns=(2, 1)),
        Block("row", label="2", cells=("c.",), columns=(1, 0)),
        Block("row", label="3", cells=("d.", "allen"), columns=(1, 1)),
        Block("row", label="4", cells=("e.", "Zorggroep Meander"), columns=(1, 1)),
    ]
    v = parse_blocks(blocks, Path("tabel.docx"))
    assert [(s.text, s.section, s.organisation) for s in v.statements] == [
        ("a.", "Hoe kijk je tegen de visie aan?", "Humanitas"),
        ("b.", "Hoe kijk je tegen de visie aan?", "Humanitas"),
        ("c.", "Hoe kijk je tegen de visie aan?", None),  # an empty speaker cell: nobody
        ("d.", "Hoe kijk je tegen de visie aan?", None),  # "allen": nobody alone
        ("e.", "Hoe kijk je tegen de visie aan?", "Zorggroep Meander"),
    ]  # the header cells "Inbreng", "Wie" are no statements


def test_a_question_column_spanning_rows() -> None:
    blocks = [
        *HEAD,
        Block("row", label="Vraag", cells=("Organisatie", "Reactie"), columns=(1, 1)),
        Block("row", label="Hoe kijk je tegen de visie aan?", cells=("Humanitas", "a.", "b."), columns=(1, 2)),
        Block("row", label="Zorggroep Meander", cells=("c.",), columns=(1,)),
        Block("row", label="", cells=("d.",), columns=(1,)),
        Block("row", label="Hoe kijk je tegen de opgaven aan?", cells=("Humanitas", "e."), columns=(1, 1)),
    ]  # fmt: skip
    v = parse_blocks(blocks, Path("tabel.html"))
    assert [(s.text, s.section, s.organisation) for s in v.statements] == [
        ("a.", "Hoe kijk je tegen de visie aan?", "Humanitas"),
        ("b.", "Hoe kijk je tegen de visie aan?", "Humanitas"),
        ("c.", "Hoe kijk je tegen de visie aan?", "Zorggroep Meander"),
        ("d.", "Hoe kijk je tegen de visie aan?", None),
        ("e.", "Hoe kijk je tegen de opgaven aan?", "Humanitas"),
    ]


def test_an_empty_speaker_cell_in_a_markdown_table_is_nobodys() -> None:
    blocks = text_blocks(
        "Wie\tInbreng\nHumanitas\tDe visie is te abstract.\n\tHet gesprek gaat daarna over geld.\n"
    )
    assert [(b.label, b.cells) for b in blocks] == [
        ("Wie", ("Inbreng",)),
        ("Humanitas", ("De visie is te abstract.",)),
        ("", ("Het gesprek gaat daarna over geld.",)),
    ]  # fmt: skip


def test_a_speaker_cell_names_its_turns_explicitly() -> None:
    blocks = [
        *HEAD,
        Block("row", label="Wie", cells=("Inbreng",), columns=(1,)),
        Block("row", label="Humanitas", cells=("a.", "b."), columns=(2,)),
    ]
    v = parse_blocks(blocks, Path("tabel.md"))
    assert [(s.text, s.attribution, s.organisation) for s in v.statements] == [
        ("a.", "explicit", "Humanitas"),
        ("b.", "explicit", "Humanitas"),
    ]


@pytest.mark.parametrize(
    ("text", "turns"),
    [
        ("Bert Kolk kent het dorp goed. Het Taalhuis draait op vrijwilligers.", 1),  # a mention
        ("Bert Kolk kent het dorp goed. Zorggroep Meander vindt dat ook.", 2),  # a new speaker
    ],
)
def test_an_organisation_mid_paragraph_needs_a_verb_of_saying(text: str, turns: int) -> None:
    index = SpeakerIndex([*PEOPLE, Attendee("Marie Kuiper", "", "Taalhuis Midden-Groningen")])
    assert len(attribute([text], index)) == turns


def test_er_is_vraag_naar_is_the_speakers_own_words() -> None:
    turns = attribute([KOLK, "Er is vraag naar meer vrijwilligers in de dorpen."], INDEX)
    assert turns[1].attribution == "inferred"


def test_an_opinion_mid_paragraph_is_a_new_turn() -> None:
    text = "Bert Kolk kent het dorp goed. Zorggroep Meander is van mening dat het anders moet."
    assert len(attribute([text], INDEX)) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# Gesprek visie sociaal domein XXII – Taalhuis", ("Gesprek visie sociaal domein XXII – Taalhuis", 22)),
        ("Gesprek 12 over armoede", ("Gesprek 12 over armoede", 12)),
        ("Gesprek met de wethouder over de begroting", None),
        ("Gesprek in het dorpshuis", None),
    ],
)  # fmt: skip
def test_a_gesprek_title(line: str, expected: tuple[str, int] | None) -> None:
    assert parse_title(line) == expected
