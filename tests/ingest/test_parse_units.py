"""Table-driven tests of the pure parsing helpers."""

from __future__ import annotations

import pytest

from ingest.attendees import organisation_of, parse_attendees, split_runon
from ingest.attribution import attribute
from ingest.parse import joins, parse_date, parse_title, split_long
from ingest.records import Attendee
from ingest.speakers import SpeakerIndex, label_of
from ingest.text import roman_to_int, strip_bullet, strip_md


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("9 januari 2019", "2019-01-09"),
        ("7 Januari 2019", "2019-01-07"),
        ("21-01-2019", "2019-01-21"),
        ("3/2/2019", "2019-02-03"),
        ("2019-05-15", "2019-05-15"),
        ("15 mrt. 2020", "2020-03-15"),
        ("31-02-2019", None),
        ("geen datum", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Verslag gesprek visie sociaal domein II", ("Verslag gesprek visie sociaal domein II", 2)),
        (
            "## Verslag gesprek visie sociaal domein IV",
            ("Verslag gesprek visie sociaal domein IV", 4),
        ),
        ("Verslag gesprek 12", ("Verslag gesprek 12", 12)),
        ("Verslag", ("Verslag", None)),
        ("In de gemeente Midden-Groningen denken we na", None),
    ],
)
def test_parse_title(line: str, expected: tuple | None) -> None:
    assert parse_title(line) == expected


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("XIV", 14), ("ABC", None)])
def test_roman(numeral: str, value: int | None) -> None:
    assert roman_to_int(numeral) == value


@pytest.mark.parametrize(
    ("role", "org"),
    [
        ("directeur Publieke gezondheid GGD Groningen", "GGD Groningen"),
        ("voorzitter Humanitas (en andere organisaties)", "Humanitas"),
        ("directeur Kwartier Zorg en Welzijn", "Kwartier Zorg en Welzijn"),
        ("bestuurslid, voorheen coördinator aanpak tegen mensenhandel", None),
        ("opbouwwerker", None),
    ],
)
def test_organisation_of(role: str, org: str | None) -> None:
    assert organisation_of(role) == org


@pytest.mark.parametrize(
    ("runon", "names"),
    [
        (
            "Jan Jakob Boersma, wethouder Midden-Groningen Anna de Boer, beleidsmedewerker",
            ["Jan Jakob Boersma", "Anna de Boer"],
        ),
        (
            "Mohammed el Idrissi, jongerenwerker Stichting Kwartier Wim van 't Hof, vrijwilliger",
            ["Mohammed el Idrissi", "Wim van 't Hof"],
        ),
        (
            "Piet Jansen, voorzitter Vereniging Dorpsbelangen Kolham, voorheen leraar",
            ["Piet Jansen"],
        ),
        (
            "Ynte Bosma, wijkagent Politie Hoogezand Gea Kuipers, coördinator Ondernemersvereniging "
            "Kolham Riet Zuidema, vrijwilliger",
            ["Ynte Bosma", "Gea Kuipers", "Riet Zuidema"],
        ),
    ],
)
def test_split_runon(runon: str, names: list[str]) -> None:
    assert [a.name for a in split_runon(runon)] == names


def test_one_per_line_attendees() -> None:
    got = parse_attendees(["- Fatima el Amrani, wijkverpleegkundige Buurtzorg", "Kees Bos (GGD)"])
    assert got == [
        Attendee("Fatima el Amrani", "wijkverpleegkundige Buurtzorg", "Buurtzorg"),
        Attendee("Kees Bos", "GGD", "GGD"),
    ]


@pytest.mark.parametrize(
    ("prev", "cont", "joined"),
    [
        ("Gemeente moet meer", "verantwoordelijkheid geven.", True),
        ("Dit is af.", "Nieuwe alinea.", False),
        ("Dit is af.", "en dan nog dit.", True),
    ],
)
def test_page_break_join_rule(prev: str, cont: str, joined: bool) -> None:
    assert joins(prev, cont) is joined


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Westerbroek: logisch om", "Westerbroek"),
        ("Re-integratie op de arbeidsmarkt: ga uit", "Re-integratie op de arbeidsmarkt"),
        ("Om 10:30 begon het gesprek", None),
        ("Geen label hier.", None),
    ],
)
def test_label_of(text: str, label: str | None) -> None:
    assert label_of(text) == label


ATTENDEES = (
    Attendee("Bert Kolk", "voorzitter Humanitas", "Humanitas"),
    Attendee("Hans Berens", "voorzitter Vereniging Dorpsbelangen Westerbroek", "Vereniging Dorpsbelangen Westerbroek"),
    Attendee("Jannie van der Wal", "directeur Kwartier Zorg en Welzijn", "Kwartier Zorg en Welzijn"),
)  # fmt: skip


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["Westerbroek: a.", "b."], [("explicit", "Vereniging Dorpsbelangen Westerbroek"), ("inferred", "Vereniging Dorpsbelangen Westerbroek")]),
        (["Humanitas vindt dat a.", "Algemeen wordt opgemerkt b.", "c."], [("explicit", "Humanitas"), ("none", None), ("none", None)]),
        (["Van der Wal: a."], [("explicit", "Kwartier Zorg en Welzijn")]),
        (["Welzijn als voorliggende voorziening mist."], [("none", None)]),
        (["Gemeente moet meer doen."], [("none", None)]),
        (["Voedselbank: a.", "Voedselbank ziet b."], [("explicit", "Voedselbank"), ("explicit", "Voedselbank")]),
        (["Vraag: hoe dan?", "x."], [("none", None), ("none", None)]),
        (["**Humanitas**: a."], [("none", None)]),  # readers remove markup before this step
    ],
)  # fmt: skip
def test_attribute(paragraphs: list[str], expected: list[tuple[str, str | None]]) -> None:
    turns = attribute(paragraphs, SpeakerIndex(ATTENDEES))
    assert [
        (t.attribution, t.speaker.organisation if t.speaker else None) for t in turns
    ] == expected


def test_presence_is_never_attribution() -> None:
    turns = attribute(["Armoede wordt herkend.", "Mooi stuk."], SpeakerIndex(ATTENDEES))
    assert all(t.attribution == "none" for t in turns)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("• Complimenten", "Complimenten"), ("- item", "item"), ("**Org**: x", "Org: x")],
)
def test_markup_stripping(raw: str, clean: str) -> None:
    assert strip_md(strip_bullet(raw)) == clean


def test_split_long_keeps_sentences_whole() -> None:
    text = " ".join(f"Zin nummer {i} gaat over de sociale teams en vertrouwen." for i in range(30))
    parts = split_long(text)
    assert len(parts) > 1 and " ".join(parts) == text
    assert all(p.endswith(".") for p in parts)


@pytest.mark.parametrize(
    ("attendee", "chairs"),
    [
        (Attendee("Tom Hof", "Humanitas (voorzitter)", "Humanitas"), False),  # his own club's
        (Attendee("Anja Bos", "wethouder (voorzitter)", "gemeente Midden-Groningen"), True),
        (Attendee("Piet Kok", "(voorzitter)", None), True),
        (Attendee("Els Dijk", "voorzitter van het gesprek", "Humanitas"), True),
        (Attendee("Evert Smid", "voorzitter", "Dorpsbelangen Foxhol"), False),
    ],
)
def test_who_chairs_the_meeting(attendee, chairs) -> None:
    from ingest.hosts import chairs_meeting

    assert chairs_meeting(attendee) is chairs
