"""Table-driven tests of the rules added for the failure classes of the second blind corpus
(tests/fixtures/layouts2/): minutes, e-mailed verslagen, Q&A, speaker headings as `<dt>` or
as a parent bullet over nested items, footnotes and running footers, initials."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import structure
from ingest.attendees import parse_attendees
from ingest.attribution import attribute
from ingest.parse import parse_blocks, parse_title
from ingest.records import Attendee, Block
from ingest.speakers import SpeakerIndex
from ingest.text import ITEM, MORE
from ingest.text_reader import text_blocks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Afwezig: mw. L. Brouwer (Kinderopvang De Klimop)", ("other", "mw. L. Brouwer (Kinderopvang De Klimop)")),
        ("Notulist: S. Hoekstra", ("minutes", "S. Hoekstra")),
        ("Verzonden: donderdag 14 maart 2019 09:12", ("other", "donderdag 14 maart 2019 09:12")),
        ("Verslaglegging: gemeente, team beleid.", ("other", "gemeente, team beleid.")),
        ("Date: 10 april 2019", ("date", "10 april 2019")),
        ("Attendees", ("attendees", "")),
        ("Plaatsen in het dorpshuis zijn beperkt.", None),
        ("Van der Wal vindt dat het anders moet.", None),
        ("Tot slot bedankt de wethouder iedereen voor de inbreng.", None),
    ],
)  # fmt: skip
def test_meta_labels(text: str, expected: tuple[str, str] | None) -> None:
    assert structure.meta(text) == expected


@pytest.mark.parametrize(
    ("text", "sublabel", "bare", "sign_off"),
    [
        ("Inbreng:", True, "Inbreng", False),
        ("Over de visie:", False, "Over de visie", False),
        ("Humanitas: de visie is goed.", False, None, False),
        ("Met vriendelijke groet,", False, None, True),
        ("Groeten,", False, None, True),
        ("Groeten uit Muntendam worden overgebracht.", False, None, False),
    ],
)  # fmt: skip
def test_label_lines(text: str, sublabel: bool, bare: str | None, sign_off: bool) -> None:
    assert structure.sublabel(text) == sublabel
    assert structure.bare_label(text) == bare
    assert structure.sign_off(text) == sign_off


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¹ Positieve gezondheid is het gedachtegoed van Machteld Huber.", True),
        ("Gemeente Midden-Groningen – verslag 21 | pagina 1", True),
        ("blz. 2", True),
        ("Humanitas ziet dat mensen de weg naar pagina 1 van de krant vinden.", False),
        ("GGD Groningen: de visie past bij positieve gezondheid¹ en daar werken wij mee.", False),
    ],
)
def test_footnotes_and_footers_are_debris(text: str, expected: bool) -> None:
    assert structure.debris(text, "Verslag gesprek visie sociaal domein 21") == expected


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Onderwerp: Verslag gesprek visie sociaal domein 23 - Dorpsbelangen Muntendam", 23),
        ("Meeting notes – Verslag gesprek visie sociaal domein 24", 24),
        ("Notulen gesprek visie sociaal domein XVIII", 18),
        ("Onderwerp: planning van de gesprekken", None),
    ],
)
def test_titles_behind_a_subject_or_prefix(line: str, number: int | None) -> None:
    parsed = parse_title(line)
    assert (parsed[1] if parsed else None) == number


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            ["J.J. Boersma (gemeente Midden-Groningen, voorzitter), mw. A. de Vries (Jeugdhulp Noord, teamleider)"],
            [("J.J. Boersma", "gemeente Midden-Groningen"), ("A. de Vries", "Jeugdhulp Noord")],
        ),
        (  # two columns of a PDF on one line, the second glued to the first
            ["Yvonne Scholten, verpleegkundige GGD GroningenIneke Smit, beleidsmedewerker gemeente Midden-Groningen"],
            [("Yvonne Scholten", "GGD Groningen"), ("Ineke Smit", "gemeente Midden-Groningen")],
        ),
        (  # one line per person: "Name, Organisation, role" is one person
            ["Johan de Wit, Bibliotheek Hoogezand, adviseur", "Anna Bos, MEE, consulent"],
            [("Johan de Wit", "Bibliotheek Hoogezand"), ("Anna Bos", "MEE")],
        ),
    ],
)  # fmt: skip
def test_attendee_lists(cells: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(a.name, a.organisation) for a in parse_attendees(cells)] == expected


INDEX = SpeakerIndex(
    (
        Attendee("Bert Kolk", "voorzitter Humanitas", "Humanitas"),
        Attendee("Anne de Vries", "directeur GGD Groningen", "GGD Groningen"),
        Attendee("R. Kuipers", "gedragswetenschapper Jeugdhulp Noord", "Jeugdhulp Noord"),
        Attendee("Pieter Mulder", "wijkagent Politie Noord-Nederland", "Politie Noord-Nederland"),
    )
)


def _who(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    return [(t.attribution, t.speaker.organisation if t.speaker else None)
            for t in attribute(paragraphs, INDEX)]  # fmt: skip


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # the answer mark of a Q&A verslag is no speaker
        (["A: Humanitas: a.", "A: b."], [("explicit", "Humanitas"), ("inferred", "Humanitas")]),
        # initials in a label, an office as a title
        (["R. Kuipers: a."], [("explicit", "Jeugdhulp Noord")]),
        (["Wijkagent Mulder: a."], [("explicit", "Politie Noord-Nederland")]),
        (["Volgens Anne de Vries is a."], [("explicit", "GGD Groningen")]),
        # a bare name heads the turns below it (<dt>Name</dt><dd>…</dd>)
        (["Bert Kolk", "a.", "GGD Groningen", "b."], [("inferred", "Humanitas"), ("inferred", "GGD Groningen")]),
        # a parent bullet naming a speaker over nested items; a group over nested items
        ([f"{ITEM}Humanitas", f"{MORE}a.", f"{MORE}b.", f"{ITEM}c."],
         [("inferred", "Humanitas"), ("inferred", "Humanitas"), ("none", None)]),
        ([f"{ITEM}Alle aanwezigen", f"{MORE}a."], [("none", None)]),
        # a group named anywhere in an unlabelled sentence continues nobody's turn
        (["Humanitas: a.", "Een vast loket lijkt alle aanwezigen nuttig."], [("explicit", "Humanitas"), ("none", None)]),
    ],
)  # fmt: skip
def test_attribution_rules(paragraphs: list[str], expected: list[tuple[str, str | None]]) -> None:
    assert _who(paragraphs) == expected


def test_nested_markdown_items_belong_to_their_parent() -> None:
    blocks = text_blocks("- Humanitas\n  - a.\n  - b.\n- c.\n")
    assert [b.text for b in blocks] == [f"{ITEM}Humanitas", f"{MORE}a.", f"{MORE}b.", f"{ITEM}c."]


MAIL = """Van: Ineke Smit <i.smit@example.nl>
Verzonden: donderdag 14 maart 2019 09:12
Onderwerp: Verslag gesprek visie sociaal domein 23 - Dorpsbelangen Muntendam

Hoi allen,

Datum gesprek: 13 maart 2019
Aanwezig: Geert Post (voorzitter Dorpsbelangen Muntendam), Jan Jakob Boersma (gemeente Midden-Groningen)
Afwezig: Hilda Kamminga (Dorpsbelangen Muntendam)

Over de visie:
Geert Post: in Muntendam regelen inwoners al veel zelf.
Het dorpshuis draait op vrijwilligers.

Met vriendelijke groet,

Ineke Smit
Beleidsmedewerker sociaal domein
"""


def test_an_emailed_verslag() -> None:
    v = parse_blocks(text_blocks(MAIL), Path("mail.txt"))
    assert (v.number, v.date) == (23, "2019-03-13")  # the conversation, not the mail
    assert [a.name for a in v.attendees] == ["Geert Post", "Jan Jakob Boersma"]  # not absentees
    assert [(s.section, s.attribution, s.persons) for s in v.statements] == [
        ("Over de visie", "explicit", ("Geert Post",)),
        ("Over de visie", "inferred", ("Geert Post",)),
    ]  # the signature is no statement


MINUTES = """Notulen gesprek visie sociaal domein XVIII
Datum: maandag 4 maart 2019
Aanwezig: mw. A. de Vries (Jeugdhulp Noord, teamleider), dhr. T. Oosterhof (Stichting Speelwerk, coördinator)
Notulist: S. Hoekstra

1. Opening en mededelingen
Iedereen wordt welkom geheten.

2. Hoe kijk je tegen de visie aan?
Inbreng:
Mw. De Vries: de visie sluit goed aan.
Inbreng:
Dhr. Oosterhof vindt dat speelplekken preventie zijn.

3. Rondvraag en sluiting
Sluiting om 16.15 uur.
"""


def test_minutes_with_agenda_items_and_inbreng_lines() -> None:
    v = parse_blocks(text_blocks(MINUTES), Path("notulen.txt"))
    assert v.date == "2019-03-04"
    assert [a.name for a in v.attendees] == ["A. de Vries", "T. Oosterhof", "S. Hoekstra"]
    assert [(s.section, s.attribution, s.persons) for s in v.statements] == [
        ("Opening en mededelingen", "none", ()),
        ("Hoe kijk je tegen de visie aan?", "explicit", ("A. de Vries",)),
        ("Hoe kijk je tegen de visie aan?", "explicit", ("T. Oosterhof",)),
        # "Sluiting om 16.15 uur." only runs the meeting: no statement (rule 50, corpus 7)
    ]


def test_a_speaker_table_keeps_its_content_column() -> None:
    blocks = [
        Block("title", text="Verslag gesprek 20"),
        Block("paragraph", text="Aanwezig: Bert Kolk (Humanitas, voorzitter), Anne de Vries (GGD Groningen)"),
        Block("title", text="Reactie op de visie"),
        Block("row", label="Spreker", cells=("Inbreng", "Opgave"), columns=(1, 1)),
        Block("row", label="Bert Kolk", cells=("a.", "b.", "Armoede"), columns=(2, 1)),
        Block("row", label="", cells=("c.", "Sociale teams"), columns=(1, 1)),
        Block("row", label="GGD", cells=("d.",), columns=(1, 0)),
    ]  # fmt: skip
    v = parse_blocks(blocks, Path("tabel.docx"))
    assert [(s.text, s.section, s.organisation) for s in v.statements] == [
        ("a.", "Reactie op de visie", "Humanitas"),
        ("b.", "Reactie op de visie", "Humanitas"),
        ("c.", "Reactie op de visie", None),  # an empty Spreker cell: nobody
        ("d.", "Reactie op de visie", "GGD Groningen"),
    ]


def test_the_last_bullet_of_a_list_is_no_agenda_item() -> None:
    text = (
        "Verslag gesprek visie sociaal domein 30\nDatum: 4 maart 2019\n"
        "Aanwezig: Bert Kolk (Humanitas, voorzitter)\n\nHoe kijk je tegen de visie aan?\n"
        "- Meer aandacht voor armoede\n- Betere sociale teams\n"
        "Bert Kolk sluit af met een compliment.\n"
    )
    v = parse_blocks(text_blocks(text), Path("lijst.md"))
    assert [s.text for s in v.statements] == [
        "Meer aandacht voor armoede",
        "Betere sociale teams",
        "Bert Kolk sluit af met een compliment.",
    ]


def test_markdown_headings_in_flowing_text_are_headings() -> None:
    blocks = text_blocks("# Verslag gesprek 24\n\n## Discussion\n\ntekst.\n\n## Action points\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "Verslag gesprek 24"),
        ("title", "Discussion"),
        ("paragraph", "tekst."),
        ("title", "Action points"),
    ]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["Marloes Hendriks (Biblionet Groningen) – adviseur laaggeletterdheid"],
         ("Marloes Hendriks", "Biblionet Groningen, adviseur laaggeletterdheid", "Biblionet Groningen")),
    ],
)  # fmt: skip
def test_name_with_organisation_aside_then_role(
    cells: list[str], expected: tuple[str, str, str]
) -> None:
    (a,) = parse_attendees(cells)
    assert (a.name, a.role, a.organisation) == expected


def test_people_nested_under_their_organisation() -> None:
    text = (
        "# Verslag gesprek visie sociaal domein 24\n\n**Date:** 10 april 2019\n\n## Attendees\n\n"
        "- Stichting Welzijn Menterwolde\n  - Roelof Hazenberg (coördinator)\n"
        "- Gemeente Midden-Groningen\n  - wethouder Johan Mulder\n\n"
        "## Hoe kijk je tegen de visie aan?\n\n- Roelof Hazenberg\n  - a.\n- b.\n"
    )
    v = parse_blocks(text_blocks(text), Path("nested.md"))
    assert [(a.name, a.organisation) for a in v.attendees] == [
        ("Roelof Hazenberg", "Stichting Welzijn Menterwolde"),
        ("Johan Mulder", "Gemeente Midden-Groningen"),
    ]
    assert [(s.text, s.attribution) for s in v.statements] == [("a.", "inferred"), ("b.", "none")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Afspraken", True),
        ("Overige punten", True),
        ("Afspraken / vervolg:", True),
        ("3. Rondvraag", True),
        ("Action points", True),
        ("Afspraken maken met de gemeente is lastig.", False),
        ("Vervolgens vraagt Humanitas om meer tijd", False),
    ],
)
def test_section_words(text: str, expected: bool) -> None:
    assert structure.section_word(text) == expected


def test_a_section_word_inside_a_question_row_opens_that_section() -> None:
    text = (
        "Verslag gesprek visie sociaal domein 31\nDatum gesprek: 5 maart 2019\n"
        "Aanwezig: Bert Kolk (Humanitas, voorzitter)\n\n"
        "Hoe kijk je tegen de visie aan?\nHumanitas: a.\n\nOverige punten\n\nDe bus moet vaker rijden.\n"
    )
    v = parse_blocks(text_blocks(text), Path("secties.txt"))
    assert [(s.section, s.text, s.attribution) for s in v.statements] == [
        ("Hoe kijk je tegen de visie aan?", "Humanitas: a.", "explicit"),
        ("Overige punten", "De bus moet vaker rijden.", "none"),  # a new section: no speaker
    ]
