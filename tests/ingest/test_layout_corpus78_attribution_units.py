"""Table-driven tests of the attribution rules added for the failure classes of the seventh and
eighth blind corpora (tests/fixtures/layouts7/, layouts8/): numbered paragraphs, surnames in
capitals, initials as subject, the municipality as a party, "Namens X geeft Y aan", speakers
introduced in prose without an attendee list, topic and decision labels, group labels, and
a person's name starting a second turn. Inputs are written here, so their truth is known."""

from __future__ import annotations

import pytest

from ingest.attribution import attribute
from ingest.html_reader import html_blocks
from ingest.labels import group_label, label_of
from ingest.opgaven import names_topic
from ingest.records import Attendee
from ingest.speakers import SpeakerIndex
from ingest.text_reader import text_blocks

ATTENDEES = (
    Attendee("Hilde Scholten", "coördinator", "Humanitas Hoogezand-Sappemeer"),
    Attendee("Ahmed Yilmaz", "adviseur", "Stichting Nieuwkomers Midden-Groningen"),
    Attendee("Marloes ten Have", "beleidsmedewerker", "gemeente Midden-Groningen"),
    Attendee("Anneke Kramer", "teamleider", "sociaal team Hoogezand-Noord"),
    Attendee("Jelle de Vries", "coördinator", "Stichting Buurtkracht Foxhol"),
    Attendee("E. Postma", "regiomanager", "Lentis"),
)
HUMANITAS, NIEUWKOMERS = "Humanitas Hoogezand-Sappemeer", "Stichting Nieuwkomers Midden-Groningen"
GEMEENTE, TEAM, FOXHOL = (
    "gemeente Midden-Groningen",
    "sociaal team Hoogezand-Noord",
    ("Stichting Buurtkracht Foxhol"),
)


def _who(paragraphs: list[str], attendees: tuple[Attendee, ...] = ATTENDEES) -> list[tuple]:
    turns = attribute(paragraphs, SpeakerIndex(attendees))
    return [
        (
            t.attribution,
            t.speaker.organisation,
            t.speaker.persons[:1] if t.speaker.is_person else (),
        )
        if t.speaker
        else (t.attribution, None, ())
        for t in turns
    ]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # numbered minutes: the paragraph number is no part of the label or subject
        (
            ["1.1 SCHOLTEN merkt op dat het goed gaat.", "Ook de samenwerking loopt."],
            [
                ("explicit", HUMANITAS, ("Hilde Scholten",)),
                ("inferred", HUMANITAS, ("Hilde Scholten",)),
            ],
        ),
        (["1.2 YILMAZ: statushouders ontbreken."], [("explicit", NIEUWKOMERS, ("Ahmed Yilmaz",))]),
        (["2.3. Yilmaz vindt dat."], [("explicit", NIEUWKOMERS, ("Ahmed Yilmaz",))]),
        # initials written as such are a subject; "Al" or "Ak" in a sentence are not
        (["AK vindt het dorpsbudget riskant."], [("explicit", TEAM, ("Anneke Kramer",))]),
        (["JdV mailt de lijst naar de gemeente."], [("explicit", FOXHOL, ("Jelle de Vries",))]),
        (["Ak vindt het goed."], [("none", None, ())]),
        # the municipality as a party doing something, not as the topic of an opinion
        (["Gemeente reageert schriftelijk op het voorstel."], [("explicit", GEMEENTE, ())]),
        (
            ["Humanitas: a.", "De gemeente neemt de opmerking mee in de volgende versie."],
            [("explicit", HUMANITAS, ()), ("explicit", GEMEENTE, ())],
        ),
        (
            ["Humanitas: a.", "De gemeente moet meer loslaten."],
            [("explicit", HUMANITAS, ()), ("inferred", HUMANITAS, ())],
        ),
        (
            ["3.1 De gemeente (TEN HAVE) stuurt een uitnodiging."],
            [("explicit", GEMEENTE, ("Marloes ten Have",))],
        ),
        (
            ["Besluit 2.1: De gemeente neemt dit mee."],
            [("explicit", GEMEENTE, ())],
        ),
        # "Namens Org geeft dhr. X aan": the organisation and the person, not "Namens Org"
        (
            ["Namens Lentis geeft dhr. Postma aan dat de visie te weinig zegt."],
            [("explicit", "Lentis", ("E. Postma",))],
        ),
        # decisions, what was (not) discussed, topic labels and group labels: nobody's
        (
            ["Humanitas: a.", "Besluit 3.1: Armoede en schulden blijven twee opgaven."],
            [("explicit", HUMANITAS, ()), ("none", None, ())],
        ),
        (
            ["Humanitas: a.", "Over de opgaven veiligheid wordt wegens tijdgebrek niet gesproken."],
            [("explicit", HUMANITAS, ()), ("none", None, ())],
        ),
        (
            ["Humanitas: a.", "Brievenbusproblemen: brieven moeten op B1-niveau."],
            [("explicit", HUMANITAS, ()), ("none", None, ())],
        ),
        (
            ["2.4 Armoede: niemand van de aanwezigen vindt de regeling ruim genoeg."],
            [("none", None, ())],
        ),
        (
            ["AK: a.", "JB + AK: samen een pilot voorstellen."],
            [("explicit", TEAM, ("Anneke Kramer",)), ("none", None, ())],
        ),
        (["Voorstel: een taalmaatjesproject."], [("none", None, ())]),
        # a second turn: another attendee named as the subject, with any verb
        (
            ["Yilmaz vraagt of de gemeente betaalt. Scholten neemt dit mee naar Humanitas."],
            [
                ("explicit", NIEUWKOMERS, ("Ahmed Yilmaz",)),
                ("explicit", HUMANITAS, ("Hilde Scholten",)),
            ],
        ),
    ],
)
def test_attribution_rules_of_corpora_7_and_8(paragraphs: list[str], expected: list) -> None:
    assert _who(paragraphs) == expected


def test_speakers_introduced_in_prose_are_learned_without_an_attendee_list() -> None:
    paragraphs = [
        "Loes Kuipers, jeugdverpleegkundige bij JGZ Oost-Groningen, vindt de visie goed.",
        "Volgens haar moeten de consultatiebureaus meedoen.",
        "Jan Hemmes spreekt namens Dorpsbelangen Slochteren. Hij herkent het beeld.",
        "Dominee Pieter Brouwer van de Protestantse Gemeente Schildwolde-Hellum vertelt dat.",
        "Hij zegt dat de kerk wil samenwerken.",
        "Over de vraag lopen de meningen uiteen. Hemmes wil een budget. Kuipers vreest dat.",
        "Kuipers: armoede en jeugd horen bij elkaar.",
        "Ds. Brouwer mist zingeving.",
    ]
    got = [(a, o, p) for a, o, p in _who(paragraphs, ())]
    assert got == [
        ("explicit", "JGZ Oost-Groningen", ("Loes Kuipers",)),
        ("inferred", "JGZ Oost-Groningen", ("Loes Kuipers",)),
        ("explicit", "Dorpsbelangen Slochteren", ("Jan Hemmes",)),
        ("explicit", "Protestantse Gemeente Schildwolde-Hellum", ("Pieter Brouwer",)),
        ("inferred", "Protestantse Gemeente Schildwolde-Hellum", ("Pieter Brouwer",)),
        ("none", None, ()),
        ("explicit", "Dorpsbelangen Slochteren", ("Jan Hemmes",)),
        ("explicit", "JGZ Oost-Groningen", ("Loes Kuipers",)),
        ("explicit", "JGZ Oost-Groningen", ("Loes Kuipers",)),
        ("explicit", "Protestantse Gemeente Schildwolde-Hellum", ("Pieter Brouwer",)),
    ]


@pytest.mark.parametrize(
    ("label", "topic"),
    [
        ("Brievenbusproblemen", True),
        ("Armoede", True),
        ("Laaggeletterdheid", True),
        ("Voedselbank", False),
        ("Bibliotheek", False),  # a keyword, but also an organisation
        ("Humanitas", False),
    ],
)
def test_an_opgave_name_as_a_label_is_a_topic(label: str, topic: bool) -> None:
    assert names_topic(label) is topic


@pytest.mark.parametrize(
    ("text", "label", "group"),
    [
        ("JB + AK: samen een pilot", "JB + AK", True),
        ("Besluit 3.1: Armoede blijft", "Besluit 3.1", False),
        ("Humanitas: a", "Humanitas", False),
    ],
)
def test_labels(text: str, label: str, group: bool) -> None:
    assert label_of(text) == label
    assert group_label(label) is group


def test_group_label_lines_in_typed_notes_are_turns_of_their_own() -> None:
    notes = (
        "AK: wachtlijst nu 6 weken\n"
        "JB + AK: samen een pilot voorstellen\n"
        "JB: de kaart bestaat al, niet opnieuw doen aub\n"
        "iedereen: de opgaven zijn te veel gemeentetaal\n"
    )
    assert [b.text for b in text_blocks(notes)] == notes.strip().split("\n")


_WORD_LIST = (
    "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
    "<span style='mso-list:Ignore'>&middot;&nbsp;</span><b>Zuidbroek:</b> a.</p>"
    "<p class=MsoListParagraphCxSpMiddle>Het dorpshuis draait op vrijwilligers.</p>"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
    "<span style='mso-list:Ignore'>&middot;&nbsp;</span>Lentis: b.</p>"
)
_GDOCS_LIST = (
    "<style>.c0{margin-left:36pt}.c6{margin-left:54pt;padding-top:0pt}.c1{padding-left:0pt}"
    "</style><ul><li class='c0'>Schildwolde: a.</li></ul>"
    "<p class='c6'>Het bestuur vreest een bezuiniging.</p><p class='c1'>Gevraagd wordt b.</p>"
)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (_WORD_LIST, ["\u2022 Zuidbroek: a.", "\u21b3 Het dorpshuis", "\u2022 Lentis: b."]),
        (_GDOCS_LIST, ["\u2022 Schildwolde: a.", "\u21b3 Het bestuur", "Gevraagd wordt"]),
        # an indented paragraph with no list item above it is a paragraph
        ("<p style='margin-left:36pt'>Het bestuur vreest.</p>", ["Het bestuur"]),
    ],
)
def test_an_indented_paragraph_under_a_list_item_continues_it(
    markup: str, expected: list[str]
) -> None:
    blocks = html_blocks(f"<html><body>{markup}</body></html>")
    assert [b.text[: len(e)] for b, e in zip(blocks, expected, strict=True)] == expected
