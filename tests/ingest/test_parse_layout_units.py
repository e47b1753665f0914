"""Table-driven tests of the layout-tolerant parsing helpers (issue 12): what a block is,
attendee lines in every shape, and the attribution rules that must hold in every layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import structure
from ingest.attendees import parse_attendees, parse_line
from ingest.attribution import attribute, split_turns
from ingest.errors import IngestError
from ingest.html_reader import html_blocks
from ingest.parse import parse_blocks, parse_title
from ingest.pdf_layout import rows_and_text, strip_running, table_lines
from ingest.records import Attendee, Block, Verslag
from ingest.speakers import SpeakerIndex
from ingest.text import ITEM, MORE
from ingest.text_reader import heading_blocks, join_wrapped, text_blocks


@pytest.mark.parametrize(
    ("text", "heading", "item", "expected"),
    [
        ("Hoe kijk je tegen de visie aan?", False, False, True),
        ("Hoe kijk je tegen de visie aan", True, False, True),  # heading without '?'
        ("2. Welke opgaven missen er volgens u", False, False, True),  # numbered
        ("HOE KIJK JE TEGEN DE 8 OPGAVEN AAN", False, False, True),
        ("Wat is er nodig?", False, True, True),  # a numbered list item
        ("Humanitas: hoe bereik je ouderen?", False, False, False),
        ("De visie is goed. Hoe gaan we verder?", False, False, False),
        ("Hoe dan ook is de visie een goede stap.", False, False, False),
        ("Afspraken / vervolg", False, False, False),
    ],
)
def test_question(text: str, heading: bool, item: bool, expected: bool) -> None:
    assert structure.question(text, heading=heading, item=item) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aanwezig: Bert Kolk; Anne de Vries", ("attendees", "Bert Kolk; Anne de Vries")),
        ("Aanwezigen", ("attendees", "")),
        ("Datum gesprek 9 januari 2019", ("date", "9 januari 2019")),
        ("datum: dinsdag 22 januari 2019", ("date", "dinsdag 22 januari 2019")),
        ("Afsluiting", ("closing", "")),
        ("Aanwezigen waren het erover eens dat het goed ging.", None),
        ("Present: wij zien veel eenzaamheid.", None),  # an organisation called Present
        ("Genodigden", None),  # invited is not present
    ],
)
def test_meta(text: str, expected: tuple[str, str] | None) -> None:
    assert structure.meta(text) == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("---", "", True),
        ("Pagina 2 van 3", "", True),
        ("- 1 -", "", True),
        ("Gemeente Midden-Groningen – Gespreksverslag 5", "Gespreksverslag 5 – visie", True),
        (
            "Gespreksverslag 5 werd goed ontvangen door iedereen.",
            "Gespreksverslag 5 – visie",
            False,
        ),
        ("Mooi stuk.", "", False),
    ],
)
def test_debris(text: str, title: str, expected: bool) -> None:
    assert structure.debris(text, title) is expected


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("Gespreksverslag 12 – visie sociaal domein", 12),
        ("Verslag gesprek 16 visie sociaal domein", 16),
        ("Verslag gesprek visie sociaal domein XV – 21-03-2019", 15),
        ("Verslag gesprek 12 maart 2019", None),
    ],
)
def test_title_numbers(title: str, number: int | None) -> None:
    parsed = parse_title(title)
    assert parsed is not None and parsed[1] == number


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("dhr. Bert Kolk, voorzitter Humanitas", Attendee("Bert Kolk", "voorzitter Humanitas", "Humanitas")),
        ("namens Humanitas: mevr. Anne de Vries (secretaris)", Attendee("Anne de Vries", "secretaris, namens Humanitas", "Humanitas")),
        ("Anne de Vries (secretaris) namens Humanitas", Attendee("Anne de Vries", "secretaris, namens Humanitas", "Humanitas")),
        ("namens de Diaconie Sappemeer: ds. Albert Venema", Attendee("Albert Venema", "namens Diaconie Sappemeer", "Diaconie Sappemeer")),
        ("wethouder Henk van der Molen, gemeente Midden-Groningen", Attendee("Henk van der Molen", "wethouder, gemeente Midden-Groningen", "gemeente Midden-Groningen")),
        ("dhr. drs. Frank Oldenhuis, Thuiszorg De Veenkoloniën, bestuurder", Attendee("Frank Oldenhuis", "Thuiszorg De Veenkoloniën, bestuurder", "Thuiszorg De Veenkoloniën")),
    ],
)  # fmt: skip
def test_attendee_line_shapes(line: str, expected: Attendee) -> None:
    assert parse_line(line) == expected


def test_inline_attendees_split_on_semicolons_and_namens() -> None:
    one_line = ["Bert Kolk (Humanitas); mevr. Anne de Vries, directeur GGD Groningen"]
    assert [a.name for a in parse_attendees(one_line)] == ["Bert Kolk", "Anne de Vries"]
    run = ["namens MEE: Piet Jansen (consulent) namens Humanitas: Bert Kolk (voorzitter)"]
    assert [(a.name, a.organisation) for a in parse_attendees(run)] == [
        ("Piet Jansen", "MEE"),
        ("Bert Kolk", "Humanitas"),
    ]


def test_runon_with_an_article_in_an_organisation_is_not_a_name() -> None:
    cell = ["Hilda Hoekstra, teamleider Huisartsenpraktijk De Borgstee, mantelzorger "
            "Jos Kramer, voorzitter Dorpshuis De Spinde Meeden, vrijwilliger"]  # fmt: skip
    got = [(a.name, a.organisation) for a in parse_attendees(cell)]
    assert got == [
        ("Hilda Hoekstra", "Huisartsenpraktijk De Borgstee"),
        ("Jos Kramer", "Dorpshuis De Spinde Meeden"),
    ]


INDEX = SpeakerIndex(
    (
        Attendee("Bert Kolk", "voorzitter Humanitas", "Humanitas"),
        Attendee("Anne de Vries", "directeur GGD Groningen", "GGD Groningen"),
        Attendee(
            "Sandra Post",
            "opbouwwerker Stichting Welzijn Midden-Groningen",
            "Stichting Welzijn Midden-Groningen",
        ),
        Attendee("Piet Dam", "lid van de Cliëntenraad", "Cliëntenraad"),
        Attendee("Els Mol", "Cliëntenraad Sociaal Domein", "Cliëntenraad Sociaal Domein"),
    )
)


def _who(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    return [(t.attribution, t.speaker.organisation if t.speaker else None)
            for t in attribute(paragraphs, INDEX)]  # fmt: skip


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # group subjects are nobody's, and end the run
        (["Humanitas: a.", "Humanitas en GGD vinden b.", "c."], [("explicit", "Humanitas"), ("none", None), ("none", None)]),
        (["Humanitas: a.", "Beide partijen willen b."], [("explicit", "Humanitas"), ("none", None)]),
        (["Humanitas: a.", "Er is afgesproken dat de GGD en de gemeente b."], [("explicit", "Humanitas"), ("none", None)]),
        (["Zowel Humanitas als de GGD zien b."], [("none", None)]),
        # a speaker named in a bullet holds for that bullet only
        ([f"{ITEM}Humanitas: a.", f"{ITEM}b."], [("explicit", "Humanitas"), ("none", None)]),
        # ... a further paragraph of that bullet is still its turn
        ([f"{ITEM}Humanitas: a.", f"{MORE}b.", f"{ITEM}c."], [("explicit", "Humanitas"), ("inferred", "Humanitas"), ("none", None)]),
        # a list under a speaker's paragraph is that speaker's
        (["Humanitas: a.", f"{ITEM}b."], [("explicit", "Humanitas"), ("inferred", "Humanitas")]),
        # titles, offices and asides
        (["Mevr. De Vries: a."], [("explicit", "GGD Groningen")]),
        (["Wethouder Van der Molen sluit af met b."], [("explicit", None)]),
        (["Bert Kolk (namens Humanitas) ziet b."], [("explicit", "Humanitas")]),
        (["De GGD vindt dat b."], [("explicit", "GGD Groningen")]),
        (["Armoede is volgens de GGD een groot probleem."], [("explicit", "GGD Groningen")]),
        # abbreviations of an attendee's organisation
        (["Welzijn MG: a."], [("explicit", "Stichting Welzijn Midden-Groningen")]),
        # a word two organisations share names neither, and is no continuation either
        (["Humanitas: a.", "Cliëntenraad: b."], [("explicit", "Humanitas"), ("none", None)]),
    ],
)  # fmt: skip
def test_attribution_rules(paragraphs: list[str], expected: list[tuple[str, str | None]]) -> None:
    assert _who(paragraphs) == expected


def test_titled_person_is_that_person() -> None:
    (turn,) = attribute(["Wethouder Van der Molen sluit af."], INDEX)
    assert turn.speaker is not None and turn.speaker.persons == ("Van der Molen",)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Humanitas: zorg voor contact. GGD: en voor preventie.", 2),
        ("Humanitas: zorg voor contact. Mevr. De Vries: en voor preventie.", 2),
        ("Bert Kolk heeft ervaring. Humanitas mist de analyse.", 1),  # same speaker goes on
        ("Bert Kolk heeft ervaring met armoede. De GGD vindt dat ook.", 2),  # another subject
        ("Dhr. Kolk: zorg voor contact.", 1),  # "Dhr." is no sentence end
        ("Humanitas: het gaat goed. Positieve insteek: kijk wat werkt.", 1),
    ],
)
def test_several_turns_in_one_paragraph(text: str, pieces: int) -> None:
    assert len(split_turns(text, INDEX)) == pieces


def test_readers_mark_list_items_and_their_further_paragraphs() -> None:
    html = "<ul><li><p>Humanitas: a.</p><p>b.</p></li><li>c.</li></ul><p><b>Aanwezig</b></p>"
    assert [b.text for b in html_blocks(html)] == [f"{ITEM}Humanitas: a.", f"{MORE}b.",
                                                   f"{ITEM}c.", "Aanwezig"]  # fmt: skip
    assert html_blocks(html)[-1].kind == "title"  # a bold-only paragraph is a heading
    md = "- **MEE:** a:\n\n  verder b.\n\n- c.\n"
    assert [b.text for b in text_blocks(md)] == [f"{ITEM}MEE: a:", f"{MORE}verder b.", f"{ITEM}c."]


def test_markdown_pipe_table_and_setext_headings() -> None:
    md = "| Naam | Functie |\n|---|---|\n| Bert Kolk | voorzitter Humanitas |\n"
    assert [(b.label, b.cells) for b in text_blocks(md)] == [
        ("Naam", ("Functie",)),
        ("Bert Kolk", ("voorzitter Humanitas",)),
    ]
    setext = "Overige punten\n==============\n\nTekst hier.\n"
    assert [(b.kind, b.text) for b in text_blocks(setext)] == [
        ("title", "Overige punten"), ("paragraph", "Tekst hier.")]  # fmt: skip


def test_hyphenated_line_breaks() -> None:
    assert join_wrapped(["de verant-", "woordelijkheid"]) == "de verantwoordelijkheid"
    assert join_wrapped(["in Hoogezand-", "Sappemeer"]) == "in Hoogezand-Sappemeer"


def test_pdf_table_rows_with_wrapped_labels_and_running_headers() -> None:
    pages = [
        ["Verslag X – concept", "", "Hoe kijk je tegen de      Humanitas: de visie is",
         "visie aan?                goed en helder.", "", "                          GGD: mooi.",
         "", "Pagina 1 van 2"],
        ["Verslag X – concept", "", "Hoe kijk je tegen de      Westerbroek: prima.",
         "8 opgaven aan?", "", "Pagina 2 van 2"],
    ]  # fmt: skip
    blocks = rows_and_text(table_lines(strip_running(pages)), heading_blocks, join_wrapped)
    assert [(b.label, b.cells) for b in blocks] == [
        ("Hoe kijk je tegen de visie aan?", ("Humanitas: de visie is goed en helder.", "GGD: mooi.")),
        ("Hoe kijk je tegen de 8 opgaven aan?", ("Westerbroek: prima.",)),
    ]  # fmt: skip


def _parse(blocks: list[Block]) -> Verslag:
    return parse_blocks(blocks, Path("x.txt"))


def test_title_date_and_attendees_without_questions_is_ingested_with_a_warning() -> None:
    v = _parse([
        Block("title", text="Verslag gesprek 9"),
        Block("paragraph", text="Datum: 9 januari 2019"),
        Block("paragraph", text="Aanwezig: Bert Kolk, voorzitter Humanitas"),
        Block("paragraph", text="Humanitas: de visie is goed."),
    ])  # fmt: skip
    assert [(s.section, s.organisation) for s in v.statements] == [
        ("Gesprek (zonder vraag)", "Humanitas")
    ]
    assert any("no question headings" in w for w in v.warnings)


@pytest.mark.parametrize(
    "blocks",
    [
        [Block("title", text="Agenda gesprek visie"), Block("paragraph", text="Datum: 9 januari 2019"),
         Block("title", text="Hoe kijk je tegen de visie aan?"), Block("paragraph", text="Bespreking.")],
        [Block("paragraph", text="Hoi Piet,"), Block("paragraph", text="Kun je morgen komen?")],
    ],
)  # fmt: skip
def test_documents_without_verslag_signals_are_refused(blocks: list[Block]) -> None:
    with pytest.raises(IngestError, match="no verslag structure"):
        _parse(blocks)


def test_attendees_and_questions_without_a_title_are_a_verslag() -> None:
    v = _parse(
        [
            Block("title", text="Gesprek met Humanitas"),
            Block("row", label="Aanwezig", cells=("Bert Kolk, voorzitter Humanitas",)),
            Block("row", label="Hoe kijk je tegen de visie aan?", cells=("Humanitas: goed.",)),
        ]
    )
    assert [s.organisation for s in v.statements] == ["Humanitas"]
    assert any("no title" in w for w in v.warnings)


def test_notulen_is_a_verslag_title() -> None:
    assert parse_title("Notulen gesprek visie sociaal domein 4") == (
        "Notulen gesprek visie sociaal domein 4",
        4,
    )


def test_a_heading_naming_a_speaker_puts_what_follows_under_that_speaker() -> None:
    v = _parse(
        [
            Block("title", text="Verslag gesprek 3"),
            Block(
                "paragraph",
                text="Aanwezig: Bert Kolk, voorzitter Humanitas; "
                "Anne de Vries, directeur GGD Groningen",
            ),
            Block("title", text="Hoe kijk je tegen de visie aan?"),
            Block("title", text="Humanitas"),
            Block("paragraph", text="De visie is helder."),
            Block("paragraph", text=f"{ITEM}Meer aandacht voor armoede."),
            Block("paragraph", text="GGD: preventie ontbreekt."),
            Block("title", text="GGD Groningen"),
            Block("paragraph", text="Beide partijen willen door."),
            Block("paragraph", text="Wij zien veel eenzaamheid."),
        ]
    )
    got = [(s.section, s.attribution, s.organisation) for s in v.statements]
    q = "Hoe kijk je tegen de visie aan?"
    assert got == [
        (q, "inferred", "Humanitas"),
        (q, "inferred", "Humanitas"),
        (q, "explicit", "GGD Groningen"),
        (q, "none", None),
        (q, "inferred", "GGD Groningen"),
    ]
    assert [s.title for s in v.sections] == [q]
