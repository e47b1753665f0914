"""Table-driven tests of the rules added for the failure classes of the fifth blind corpus
(tests/fixtures/layouts5/): "volgens <someone unplaced>" is no continuation, a dash-set name
after a sentence end opens another turn, run-on attendees with a common first name; `<dl>`
attendee lists, `Org – text` dash labels, an indented line under a Markdown bullet, page and
print lines as furniture, and a role one attendee holds naming them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import structure
from ingest.attendees import split_runon
from ingest.attribution import attribute
from ingest.html_reader import html_blocks
from ingest.parse import parse_blocks
from ingest.records import Attendee
from ingest.speakers import SpeakerIndex
from ingest.text import ITEM, MORE
from ingest.text_reader import text_blocks

PEOPLE = (
    Attendee("Karin Dekker", "voorzitter", "Sportkoepel Midden-Groningen"),
    Attendee("Sanne Oosterhof", "manager", "Zorggroep Lentis-Noord"),
)
INDEX = SpeakerIndex(PEOPLE)
DEKKER = "Karin Dekker stelt voor om bewegen als rode draad te laten lopen."


@pytest.mark.parametrize(
    ("follow", "attribution"),
    [
        ("Volgens de buurtsportcoach bereikt het fonds te weinig kinderen.", "none"),
        ("Volgens het jongerenwerk haken jongeren snel af.", "none"),
        ("Volgens haar is contributie een drempel.", "inferred"),
        ("Volgens de visie is sport alleen vrije tijd, maar dat klopt niet.", "inferred"),
        ("Zij wijst erop dat contributie een drempel blijft.", "inferred"),
    ],
)
def test_volgens_someone_unplaced_is_not_the_previous_speaker(
    follow: str, attribution: str
) -> None:
    turns = attribute([DEKKER, follow], INDEX)
    assert turns[1].attribution == attribution
    assert turns[1].speaker == (turns[0].speaker if attribution == "inferred" else None)


@pytest.mark.parametrize(
    ("paragraph", "turns_expected"),
    [
        (
            "Mevr. Oosterhof geeft aan dat er veel signalen zijn. Woongroep Eemsmond – Onze"
            " huismeesters zien hetzelfde.",
            2,
        ),
        ("Mevr. Oosterhof geeft aan dat er veel signalen zijn. Zij wil die sneller delen.", 1),
        ("Mevr. Oosterhof geeft aan dat er veel signalen zijn – ook in de dorpen.", 1),
    ],
)
def test_a_dash_set_name_after_a_sentence_opens_another_turn(
    paragraph: str, turns_expected: int
) -> None:
    turns = attribute([paragraph], INDEX)
    assert len(turns) == turns_expected
    assert turns[0].speaker is not None and turns[0].speaker.persons
    if turns_expected == 2:  # whose it is stays unknown rather than Oosterhof's
        assert (turns[1].speaker, turns[1].attribution) == (None, "none")


def test_runon_attendees_split_before_a_common_first_name() -> None:
    people = split_runon(
        "Nienke Prins, mentor Dr. Aletta Jacobs College Tim Wolters, projectleider gemeente"
        " Midden-Groningen"
    )
    assert [p.name for p in people] == ["Nienke Prins", "Tim Wolters"]
    assert people[1].organisation == "gemeente Midden-Groningen"


# Invented people and organisations, none of them from the corpus files.
GEMEENTE = "gemeente Oldambt"
CAST = (
    Attendee("Wiebe Smit", "voorzitter", "Sportraad Siddeburen"),
    Attendee("Ruud Post", "buurtsportcoach", GEMEENTE),
    Attendee("Femke Hoving", "eigenaar", "Fysio Winschoten"),
    Attendee("Arend Mulder", "directeur", "Woonstichting Veenhuis"),
    Attendee("Anke Brink", "manager wijkverpleging", "Thuiszorg Kiel-Oost"),
    Attendee("Jelle Tuin", "wethouder", GEMEENTE),
    Attendee("Ellen Dijk", "coördinator", "Humanitas Oldambt"),
    Attendee("Bram Veld", "coördinator", "Taalpunt Oldambt"),
)
CAST_INDEX = SpeakerIndex(CAST)
SMIT = "Wiebe Smit stelt voor om bewegen als rode draad te laten lopen."
HTML = (
    "<h1>Verslag gesprek 31: wonen</h1><p>Datum gesprek: 7 mei 2019</p>"
    "<h3>Aanwezig</h3>{attendees}<h2>Hoe kijk je tegen de visie aan?</h2>"
    "<p>Arend Mulder vindt de visie te algemeen.</p>"
)


def _attendees(markup: str) -> list[tuple[str, str | None]]:
    v = parse_blocks(html_blocks(HTML.format(attendees=markup)), Path("dl.html"))
    assert [s.text for s in v.statements] == ["Arend Mulder vindt de visie te algemeen."]
    return [(a.name, a.organisation) for a in v.attendees]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (  # name / role, organisation
            "<dl><dt>Arend Mulder</dt><dd>directeur, Woonstichting Veenhuis</dd>"
            "<dt>Drs. Anke Brink</dt><dd>manager wijkverpleging, Thuiszorg Kiel-Oost</dd>"
            "<dt>Jelle Tuin</dt><dd>wethouder, gemeente Oldambt</dd></dl>",
            [
                ("Arend Mulder", "Woonstichting Veenhuis"),
                ("Anke Brink", "Thuiszorg Kiel-Oost"),
                ("Jelle Tuin", "gemeente Oldambt"),
            ],
        ),
        (  # name / organisation only, and role and organisation on lines of their own
            "<dl><dt>Arend Mulder</dt><dd>Woonstichting Veenhuis</dd>"
            "<dt>Mevr. Anke Brink</dt><dd>manager wijkverpleging<br>Thuiszorg Kiel-Oost</dd></dl>",
            [("Arend Mulder", "Woonstichting Veenhuis"), ("Anke Brink", "Thuiszorg Kiel-Oost")],
        ),
        (  # organisation / its people, with roles or as a list of names
            "<dl><dt>Woonstichting Veenhuis</dt><dd>Arend Mulder (directeur)</dd>"
            "<dd>Mevr. Ellen Dijk (huurdersconsulent)</dd>"
            "<dt>Thuiszorg Kiel-Oost</dt><dd>Anke Brink, Bram Veld en Ruud Post</dd></dl>",
            [
                ("Arend Mulder", "Woonstichting Veenhuis"),
                ("Ellen Dijk", "Woonstichting Veenhuis"),
                ("Anke Brink", "Thuiszorg Kiel-Oost"),
                ("Bram Veld", "Thuiszorg Kiel-Oost"),
                ("Ruud Post", "Thuiszorg Kiel-Oost"),
            ],
        ),
        (  # organisation / an office and a name
            "<dl><dt>Gemeente Oldambt</dt><dd>wethouder Jelle Tuin</dd></dl>",
            [("Jelle Tuin", "Gemeente Oldambt")],
        ),
    ],
)
def test_a_definition_list_of_attendees_reads_names_and_organisations(
    markup: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _attendees(markup) == expected


def test_a_nested_markdown_attendee_list_reads_the_person_on_either_side() -> None:
    markdown = (
        "# Verslag gesprek 33\n\nDatum: 9 mei 2019\n\n**Aanwezig:**\n\n- Anne de Vries\n"
        "  - coördinator, Humanitas Oldambt\n- Taalpunt Oldambt\n  - Bert Kolk (voorzitter)\n"
        "  - Ellen Dijk (vrijwilliger)\n\n## Hoe kijk je tegen de visie aan?\n\n"
        "Anne de Vries vindt de visie te algemeen.\n"
    )
    v = parse_blocks(text_blocks(markdown), Path("lijst.md"))
    assert [(a.name, a.organisation) for a in v.attendees] == [
        ("Anne de Vries", "Humanitas Oldambt"),
        ("Bert Kolk", "Taalpunt Oldambt"),
        ("Ellen Dijk", "Taalpunt Oldambt"),
    ]


def test_a_definition_list_in_a_section_gives_each_term_its_description() -> None:
    html = (
        "<h1>Verslag gesprek 32</h1><p>Datum: 8 mei 2019</p><p>Aanwezig: Arend Mulder, "
        "directeur Woonstichting Veenhuis; Femke Hoving, eigenaar Fysio Winschoten</p>"
        "<h2>Hoe kijk je tegen de visie aan?</h2><dl><dt>Woonstichting Veenhuis</dt>"
        "<dd>Er zijn te weinig gelijkvloerse woningen.</dd><dt>Wonen</dt>"
        "<dd>Het gaat om de hele keten.</dd></dl><p>Beide partijen willen een wijkteam.</p>"
    )
    v = parse_blocks(html_blocks(html), Path("dl.html"))
    got = [(s.text, s.organisation, s.attribution) for s in v.statements]
    assert got == [
        ("Er zijn te weinig gelijkvloerse woningen.", "Woonstichting Veenhuis", "inferred"),
        ("Wonen", None, "none"),  # a term that names nobody is no speaker
        ("Het gaat om de hele keten.", None, "none"),
        ("Beide partijen willen een wijkteam.", None, "none"),
    ]
    assert {s.section for s in v.statements} == {"Hoe kijk je tegen de visie aan?"}


@pytest.mark.parametrize(
    ("paragraph", "organisation", "person"),
    [
        ("Woonstichting Veenhuis – De visie gaat uit van langer thuis wonen.", "Woonstichting "
         "Veenhuis", None),
        ("Woonstichting Veenhuis - de voorraad is daar niet op ingericht.", "Woonstichting "
         "Veenhuis", None),
        ("Woonstichting Veenhuis — onze huismeesters zien hetzelfde.", "Woonstichting Veenhuis",
         None),
        ("Veenhuis – de voorraad is daar niet op ingericht.", "Woonstichting Veenhuis", None),
        ("Kiel-Oost – herstelgericht werken past bij onze aanpak.", "Thuiszorg Kiel-Oost", None),
        ("Mevr. Brink – de wijkverpleging vangt veel signalen op.", "Thuiszorg Kiel-Oost",
         "Anke Brink"),
        ("Arend Mulder – directeur van de woonstichting – mist de huurders.", "Woonstichting "
         "Veenhuis", "Arend Mulder"),
        ("Veenhuis: de voorraad is daar niet op ingericht.", "Woonstichting Veenhuis", None),
    ],
)  # fmt: skip
def test_a_known_speaker_before_a_dash_is_a_label(
    paragraph: str, organisation: str, person: str | None
) -> None:
    turn = attribute([SMIT, paragraph], CAST_INDEX)[1]
    assert turn.attribution == "explicit"
    assert turn.speaker is not None and turn.speaker.organisation == organisation
    assert (turn.speaker.persons[0] if turn.speaker.is_person else None) == person


@pytest.mark.parametrize(
    ("paragraph", "attribution"),
    [
        ("Woonzorg Noordbroek – wij zien dat ook bij onze huurders.", "none"),  # unknown name
        ("Stadskanaal – daar is het net zo.", "none"),  # a name, but nobody's we know
        ("Ook – en dat is belangrijk – moet de contributie omlaag.", "inferred"),
        ("Het plan – zo blijkt – komt te laat voor de club.", "inferred"),
        ("Dat scheelt geld - maar de financiering stopt na een jaar.", "inferred"),
    ],
)
def test_an_unknown_name_before_a_dash_is_nobodys_and_no_name_is_no_label(
    paragraph: str, attribution: str
) -> None:
    turn = attribute([SMIT, paragraph], CAST_INDEX)[1]
    assert turn.attribution == attribution
    assert turn.speaker == (
        None if attribution == "none" else attribute([SMIT], CAST_INDEX)[0].speaker
    )


def test_a_known_dash_label_after_a_sentence_is_that_speakers_turn() -> None:
    turns = attribute(
        ["Mevr. Brink geeft aan dat er signalen zijn. Woonstichting Veenhuis – Wij zien dat ook."],
        CAST_INDEX,
    )
    assert [(t.speaker.organisation if t.speaker else None, t.attribution) for t in turns] == [
        ("Thuiszorg Kiel-Oost", "explicit"),
        ("Woonstichting Veenhuis", "explicit"),
    ]


@pytest.mark.parametrize(
    ("markdown", "marks"),
    [
        ("- **Fysio Winschoten:** wij verwijzen door.\n  Dat scheelt zorgkosten.", [ITEM, MORE]),
        ("- **Fysio Winschoten:** wij verwijzen door.\n\n  Dat scheelt zorgkosten.", [ITEM, MORE]),
        ("* Fysio Winschoten: wij verwijzen door.\n    Dat scheelt zorgkosten.", [ITEM, MORE]),
        ("- **Fysio Winschoten:** wij verwijzen door.\nDat scheelt zorgkosten.", [ITEM, ""]),
        ("- **Fysio Winschoten:** wij verwijzen ouderen\n  door naar de wijk.", [ITEM]),
        ("Fysio Winschoten verwijst door.\n  Dat scheelt zorgkosten.", ["", ""]),
    ],
)
def test_an_indented_line_under_a_bullet_stays_that_bullets(
    markdown: str, marks: list[str]
) -> None:
    texts = [b.text for b in text_blocks(markdown)]
    assert [
        ITEM if t.startswith(ITEM) else MORE if t.startswith(MORE) else "" for t in texts
    ] == marks
    turns = attribute(texts, CAST_INDEX)
    assert turns[0].speaker is not None and turns[0].speaker.organisation == "Fysio Winschoten"
    if len(turns) > 1:  # a further paragraph of the bullet is its speaker's; a new one nobody's
        last = turns[-1]
        inferred = marks[-1] == MORE or not marks[0]
        assert last.attribution == ("inferred" if inferred else "none")


@pytest.mark.parametrize(
    ("line", "is_debris"),
    [
        ("Pagina 1 - printversie", True),
        ("printversie – pagina 1 van 2", True),
        ("Gemeente Oldambt | Sociaal domein | pagina 3", True),
        ("Verslag 31 · page 2 of 3 · concept", True),
        ("Blz. 4 – Verslag gesprek 31", True),
        ("Pagina 3 – daar staat de opgave armoede helemaal niet in beschreven", False),
        ("Op pagina 12 van de visie staat het anders", False),
        ("Zie pagina 4 - bijlage", False),
    ],
)
def test_a_page_reference_in_a_short_header_or_footer_line_is_furniture(
    line: str, is_debris: bool
) -> None:
    assert structure.debris(line) is is_debris


@pytest.mark.parametrize(
    ("css", "kept"),
    [("voet", False), ("voettekst", False), ("koptekst", False), ("kop", True), ("blok", True)],
)
def test_dutch_header_and_footer_divs_are_furniture(css: str, kept: bool) -> None:
    html = f'<p>Inhoud blijft.</p><div class="{css}">Gemeente Oldambt, sociaal domein</div>'
    texts = [b.text for b in html_blocks(html)]
    assert texts == ["Inhoud blijft.", *(["Gemeente Oldambt, sociaal domein"] if kept else [])]


@pytest.mark.parametrize(
    ("paragraph", "person"),
    [
        ("Volgens de buurtsportcoach bereikt het fonds te weinig kinderen.", "Ruud Post"),
        ("De buurtsportcoach vindt dat de velden overdag open moeten.", "Ruud Post"),
        ("De wethouder zegt toe de visies op elkaar af te stemmen.", "Jelle Tuin"),
        ("Volgens de manager wijkverpleging is eenzaamheid het grootste signaal.", "Anke Brink"),
        ("Buurtsportcoach: de velden moeten overdag open.", "Ruud Post"),
        ("Volgens de coördinator haken vrijwilligers af.", None),  # two coördinatoren
        ("Volgens de voorzitter is de visie te vaag.", None),  # the chair, or the attendee?
        ("Volgens de jongerenwerker haken jongeren af.", None),  # nobody holds that role
        ("Volgens de directeur van Woonstichting Veenhuis is er te weinig.", "Arend Mulder"),
        ("Volgens de directeur van het zwembad is er te weinig.", None),  # someone else's
        ("De eigenaar van het pand vindt de huur te laag.", None),
        ("De eigenaar vindt de huur te laag.", "Femke Hoving"),
    ],
)
def test_a_role_one_attendee_holds_names_them(paragraph: str, person: str | None) -> None:
    turn = attribute([paragraph], CAST_INDEX)[0]
    if person is None:
        assert (turn.speaker, turn.attribution) == (None, "none")
        return
    holder = next(a for a in CAST if a.name == person)
    assert turn.attribution == "explicit"
    assert turn.speaker is not None
    assert (turn.speaker.organisation, turn.speaker.persons) == (holder.organisation, (person,))
