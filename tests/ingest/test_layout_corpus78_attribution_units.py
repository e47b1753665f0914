"""Table-driven tests of the attribution rules added for the failure classes of the seventh and
eighth blind corpora (tests/fixtures/layouts7/, layouts8/): numbered paragraphs, surnames in
capitals, initials as subject, the municipality as a party, "Namens X geeft Y aan", speakers
introduced in prose without an attendee list, topic and decision labels, group labels, and
a person's name starting a second turn. Inputs are written here, so their truth is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.attribution import SPEAKER_CELL, attribute
from ingest.html_reader import html_blocks
from ingest.labels import group_label, label_of
from ingest.opgaven import names_topic
from ingest.parse import parse_blocks
from ingest.readers import read_blocks
from ingest.records import Attendee, Verslag
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
        # in an action list's row (empty speaker cell) the municipality acting is the record …
        (
            [SPEAKER_CELL, "Gemeente reageert schriftelijk op het voorstel."],
            [("explicit", GEMEENTE, ())],
        ),
        # … elsewhere, without a promise, it may be anyone's view of the gemeente
        (["De gemeente organiseert te veel zelf."], [("none", None, ())]),
        (["Gemeente zoekt uit wat samenvoegen betekent."], [("explicit", GEMEENTE, ())]),
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


def _parse(text: str, name: str) -> Verslag:
    path = Path(name)
    return parse_blocks(read_blocks(path, text.encode("utf-8")), path)


_HEAD = (
    "Verslag gesprek visie sociaal domein 53\n\nDatum gesprek: 7 mei 2019\n\n"
    "Aanwezig: Annemiek Dijkstra, bestuurder Thuiszorg Hunzedal; Sander Mulder, manager "
    "GGZ Noorderpoort; Marloes van Dijk, programmamanager gemeente Midden-Groningen; "
    "Ilse Bakker, schuldhulpmaatje Stichting SchuldHulpMaatje Midden-Groningen\n\n"
)


def _said(v: Verslag) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(s.attribution, s.organisation, s.persons) for s in v.statements]


def test_a_margin_naming_organisation_and_person_heads_the_minute_beside_it() -> None:
    minute = '<div class="minute"><div class="who">{}</div><div class="body">{}</div></div>'
    html = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in _HEAD.strip().split("\n\n"))
        + "<h2>1. Hoe kijk je tegen de visie aan?</h2>"
        + "".join(
            [
                minute.format("Thuiszorg Hunzedal<small>A. Dijkstra</small>", "<p>a.</p><p>b.</p>"),
                minute.format("Gemeente<small>M. van Dijk</small>", "<p>Zegt toe dat c.</p>"),
                minute.format("", "<p>Discussie over de vraag of d.</p>"),
            ]
        )
        + "</body></html>"
    )
    assert _said(_parse(html, "v.html")) == [
        ("inferred", "Thuiszorg Hunzedal", ("Annemiek Dijkstra",)),
        ("inferred", "Thuiszorg Hunzedal", ("Annemiek Dijkstra",)),
        ("inferred", "gemeente Midden-Groningen", ("Marloes van Dijk",)),
        ("none", None, ()),
    ]


def test_a_right_hand_speaker_column_with_question_rows_idem_and_abbreviations() -> None:
    table = (
        "| Nr. | Inbreng | Spreker |\n|---|---|---|\n"
        "| Vraag 1 – Hoe kijk je tegen de visie aan? | | |\n"
        "| 1.1 | Goed dat de visie uitgaat van eigen kracht. | SHM |\n"
        "| 1.2 | Vraagt om een vast overleg tussen gemeente en dorpen. | idem |\n"
        "| 1.3 | Complimenten voor de toon. | |\n"
        "| 1.4 | De tarieven zijn te laag. | Thuiszorg Hunzedal / A. Dijkstra |\n"
        "| 1.5 | Samen optrekken. | SHM / Thuiszorg Hunzedal |\n"
        "| Afspraken | | |\n"
        "| 2.1 | De lijst komt voor 1 juli. | M. van Dijk |\n"
    )
    v = _parse(_HEAD + table, "v.md")
    assert [s.section.endswith(("visie aan?", "Afspraken")) for s in v.statements] == [True] * 6
    shm = "Stichting SchuldHulpMaatje Midden-Groningen"
    assert _said(v) == [
        ("explicit", shm, ()),
        ("inferred", shm, ()),
        ("none", None, ()),
        ("explicit", "Thuiszorg Hunzedal", ("Annemiek Dijkstra",)),
        ("none", None, ()),
        ("explicit", "gemeente Midden-Groningen", ("Marloes van Dijk",)),
    ]


@pytest.mark.parametrize(
    ("label", "organisation", "person"),
    [
        ("Thuiszorg Hunzedal A. Dijkstra", "Thuiszorg Hunzedal", "Annemiek Dijkstra"),
        ("Gemeente / M. van Dijk", "gemeente Midden-Groningen", "Marloes van Dijk"),
        ("SHM", "Stichting SchuldHulpMaatje Midden-Groningen", None),
        ("GGZ Noorderpoort A. Dijkstra", None, None),  # two parties: nobody alone
    ],
)
def test_names_written_beside_a_turn(label: str, organisation: str | None, person: str | None):
    index = SpeakerIndex(
        _parse(_HEAD + "Hoe kijk je tegen de visie aan?\n\na.\n", "v.txt").attendees
    )
    found = index.known(label)
    assert (found.organisation if found else None) == organisation
    assert (found.persons[0] if found and found.is_person else None) == person


NOTES = (
    Attendee("Jelle de Vries", "coördinator", "Stichting Buurtkracht Foxhol"),
    Attendee("Anita Mulder-Bos", "voorzitter", "Voedselbank Hoogezand-Sappemeer"),
    Attendee("Klaas Jansen", "voorzitter", "KBO Siddeburen"),
    Attendee("Fenna Dijkhuizen", "POH-GGZ", "Huisartsenpraktijk Siddeburen"),
    Attendee("Roelof Meijer", "jongerenwerker", "Stichting Jeugdwerk Oost"),
    Attendee("Henk Veenstra", "voorzitter", "Dorpsbelangen Muntendam"),
)
VOEDSELBANK, KBO = "Voedselbank Hoogezand-Sappemeer", "KBO Siddeburen"


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # the speaker written after the turn wins over a topic label and over the run
        (
            ["\u2022 armoede: meedoen met een pilot — AM", "\u21b3 eigenlijk binnen 3 dagen"],
            [
                ("explicit", VOEDSELBANK, ("Anita Mulder-Bos",)),
                ("inferred", VOEDSELBANK, ("Anita Mulder-Bos",)),
            ],
        ),
        (["\u2022 vrijwilligers vullen 4 formulieren in — JdV/AM"], [("none", None, ())]),
        (
            ["\u2022 Visie is te abstract voor ouderen. (Jansen, KBO)"],
            [("explicit", KBO, ("Klaas Jansen",))],
        ),
        (
            ["\u2022 Eens met Meijer, jeugd verdient een eigen plek. (Jansen)"],
            [("explicit", KBO, ("Klaas Jansen",))],
        ),
        # an organisation in parentheses at the end is a mention, not the speaker
        (
            ["Jansen: we werken samen met de voedselbank (Voedselbank Hoogezand-Sappemeer)."],
            [("explicit", KBO, ("Klaas Jansen",))],
        ),
        # a transcript: the time stamp is no part of the label; a bracketed note is nobody's
        (
            [
                "[00:01:20] Henk Veenstra: Ik heb hem twee keer gelezen.",
                "En dan het dorpshuis: dat draait op 30 vrijwilligers.",
                "Dat zou ik breder uitrollen, ook naar Muntendam en Meeden.",
                "[00:07:02] [meerdere sprekers door elkaar, onverstaanbaar]",
                "[Notitie transcribent: Henk Veenstra spreekt af dat …]",
            ],
            [("explicit", "Dorpsbelangen Muntendam", ("Henk Veenstra",))]
            + [("inferred", "Dorpsbelangen Muntendam", ("Henk Veenstra",))] * 2
            + [("none", None, ())] * 2,
        ),
    ],
)
def test_speakers_written_after_the_turn_and_transcripts(paragraphs: list[str], expected: list):
    assert _who(paragraphs, NOTES) == expected


def test_to_do_boxes_are_list_items_without_their_box() -> None:
    notes = "[ ] JdV mailt de lijst naar RH\n[x] AM stuurt de cijfers\n"
    assert [b.text for b in text_blocks(notes)] == [
        "\u2022 JdV mailt de lijst naar RH",
        "\u2022 AM stuurt de cijfers",
    ]


WIKI = (
    Attendee("Nienke Hoving", "beleidsadviseur jeugd", "Gemeente Midden-Groningen"),
    Attendee("Bas Jonker", "jongerenwerker", "Jongerenwerk Hoogezand-Sappemeer"),
    Attendee("Lotte Scholtens", "voorzitter", "Jongerenraad Midden-Groningen"),
    Attendee("Bas Smit", "coördinator", "Stichting Straatwerk Noord"),
)


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a first name with the organisation names that attendee
        (
            ["Lotte (Jongerenraad): jongeren komen alleen als probleem voor."],
            [("explicit", "Jongerenraad Midden-Groningen", ("Lotte Scholtens",))],
        ),
        (
            ["Bas (jongerenwerk): herkenbaar."],
            [("explicit", "Jongerenwerk Hoogezand-Sappemeer", ("Bas Jonker",))],
        ),
        # "Bas" alone is two attendees: the organisation only, no guess at the person
        (["Bas (Jongerenraad): a."], [("explicit", "Jongerenraad Midden-Groningen", ())]),
        # groups by their form: "Niet iedereen", two names with a plural verb
        (
            ["Lotte (Jongerenraad): a.", "Niet iedereen vond dat jongeren een opgave krijgen."],
            [
                ("explicit", "Jongerenraad Midden-Groningen", ("Lotte Scholtens",)),
                ("none", None, ()),
            ],
        ),
        (
            ["Lotte (Jongerenraad): a.", "Lotte en Nienke maken samen een opzet."],
            [
                ("explicit", "Jongerenraad Midden-Groningen", ("Lotte Scholtens",)),
                ("none", None, ()),
            ],
        ),
        (
            ["Lotte (Jongerenraad): a.", "Hij noemt samen met de jongeren een plek."],
            [("explicit", "Jongerenraad Midden-Groningen", ("Lotte Scholtens",))] * 1
            + [("inferred", "Jongerenraad Midden-Groningen", ("Lotte Scholtens",))],
        ),
    ],
)
def test_first_names_with_organisation_and_group_forms(paragraphs: list[str], expected: list):
    assert _who(paragraphs, WIKI) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # in another party's run, "De gemeente stuurt …" is their view of the gemeente …
        (
            ["Humanitas: a.", "De gemeente stuurt brieven die niemand begrijpt."],
            [("explicit", HUMANITAS, ()), ("inferred", HUMANITAS, ())],
        ),
        # … unless it is a promise with a date, or follows the municipality's own turn
        (
            ["Humanitas: a.", "De gemeente stuurt vóór 1 april een reactie."],
            [("explicit", HUMANITAS, ()), ("explicit", GEMEENTE, ())],
        ),
        (
            ["Wethouder Ten Have komt langs.", "De gemeente stuurt het verslag rond."],
            [("explicit", GEMEENTE, ("Marloes ten Have",)), ("explicit", GEMEENTE, ())],
        ),
        # an organisation's name is no person introduced in prose
        (["Het Taalhuis van de Bibliotheek vindt het goed."], [("none", None, ())]),
    ],
)
def test_the_municipality_in_a_run_and_organisations_in_prose(paragraphs: list[str], expected):
    assert _who(paragraphs) == expected


@pytest.mark.parametrize(
    ("role", "label", "organisation"),
    [
        ("maatje, Stichting Schuldhulp Maatjes MG (SHM)", "SHM", "Stichting Schuldhulp Maatjes MG"),
        ("jeugdarts (Voorzitter)", "Voorzitter", None),  # a role, not a short form
        ("coördinator (IB)", "IB", None),  # the attendee's own initials, not the organisation's
    ],
)
def test_a_short_form_given_in_the_attendee_list_names_the_organisation(
    role: str, label: str, organisation: str | None
) -> None:
    org = role.split(", ", 1)[-1].split(" (")[0] if ", " in role else "GGD Groningen"
    index = SpeakerIndex([Attendee("Ilse Bakker", role, org)])
    found = index.known(label)
    assert (found.organisation if found and not found.is_person else None) == organisation


def test_an_unknown_label_of_initials_and_surname_is_a_person() -> None:
    found = SpeakerIndex(ATTENDEES).resolve_label("K. Wubbolts")
    assert found is not None and found.is_person and found.persons == ("K. Wubbolts",)
    assert found.organisation is None


def test_an_attendee_talked_about_mid_paragraph_is_no_new_turn() -> None:
    said = ["Yilmaz vraagt veel. Scholten heeft dat vorig jaar al geregeld."]
    assert _who(said) == [("explicit", NIEUWKOMERS, ("Ahmed Yilmaz",))]


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        (
            "Loes Kuipers (jeugdverpleegkundige, JGZ Oost-Groningen) vindt het goed.",
            "JGZ Oost-Groningen",
        ),
        ("Loes Kuipers, namens JGZ Oost-Groningen, vindt het goed.", "JGZ Oost-Groningen"),
        (
            "Loes Kuipers, jeugdverpleegkundige bij JGZ Oost-Groningen, vindt het goed.",
            "JGZ Oost-Groningen",
        ),
    ],
)
def test_apposition_forms_introduce_a_person_with_the_organisation(sentence: str, organisation):
    paragraphs = [sentence, "Kuipers: en nog iets."]
    person = ("Loes Kuipers",)
    assert _who(paragraphs, ()) == [("explicit", organisation, person)] * 2


def test_an_unknown_name_without_organisation_or_common_first_name_is_not_learned() -> None:
    # "Dorpshuis Kolham vindt" reads as a person, but nothing says it is one: not learned,
    # so a later "Kolham:" stays the place's label
    got = _who(["Dorpshuis Kolham vindt het goed.", "Kolham: a."], ())
    assert got[1] == ("explicit", "Kolham", ())


def test_a_reporting_clause_at_the_end_names_the_speaker() -> None:
    paragraphs = ["Humanitas: a.", "De gemeente stuurt te veel brieven, aldus Yilmaz."]
    assert _who(paragraphs)[1] == ("explicit", NIEUWKOMERS, ("Ahmed Yilmaz",))


@pytest.mark.parametrize("label", ["Veiligheid", "Inventarisatie", "Laaggeletterdheid"])
def test_the_head_of_an_opgave_name_or_an_abstract_keyword_is_a_topic(label: str) -> None:
    assert names_topic(label)
    assert _who(["Humanitas: a.", f"{label}: geen mening."])[1] == ("none", None, ())


@pytest.mark.parametrize("same", ["idem", "id.", ",,", "〃"])
def test_a_ditto_speaker_cell_is_the_row_above(same: str) -> None:
    rows = [SPEAKER_CELL + "Humanitas", "a.", SPEAKER_CELL + same, "b."]
    assert _who(rows) == [("explicit", HUMANITAS, ()), ("inferred", HUMANITAS, ())]


def test_numbered_paragraphs_run_together_are_split_at_each_number() -> None:
    run_on = ["1.1 Yilmaz: de visie is te vaag. 1.2 SCHOLTEN vindt dat. 1.3 Beide zijn positief."]
    assert _who(run_on) == [
        ("explicit", NIEUWKOMERS, ("Ahmed Yilmaz",)),
        ("explicit", HUMANITAS, ("Hilde Scholten",)),
        ("none", None, ()),
    ]
    assert [t.text for t in attribute(run_on, SpeakerIndex(ATTENDEES))][1].startswith("1.2 ")


def test_the_municipality_making_contact_or_sending_round_is_a_promise() -> None:
    said = ["Humanitas: a.", "De gemeente neemt contact op met de sportclub."]
    assert _who(said)[1] == ("explicit", GEMEENTE, ())


def test_prose_introductions_without_article_and_judgements_of_unknown_names() -> None:
    paragraphs = [
        "Mevrouw Anja Hoekstra van Stichting Welzijn Muntendam opent het gesprek.",
        "Piet de Boer (GGD Groningen) vindt de visie te algemeen.",
        "Hoekstra is het daar niet mee eens.",
        "Bakker is het daar niet mee eens.",  # someone we cannot place: not De Boer's turn
    ]
    assert _who(paragraphs, ()) == [
        ("explicit", "Stichting Welzijn Muntendam", ("Anja Hoekstra",)),
        ("explicit", "GGD Groningen", ("Piet de Boer",)),
        ("explicit", "Stichting Welzijn Muntendam", ("Anja Hoekstra",)),
        ("none", None, ()),
    ]


@pytest.mark.parametrize(
    "sentence", ["Klaas Jan van Dijk vindt dat.", "Marie José van Dijk vindt dat."]
)
def test_a_tussenvoegsel_van_is_no_organisation(sentence: str) -> None:
    [(_, organisation, persons)] = _who([sentence], ())
    assert organisation != "Dijk" and persons != ("Klaas Jan",)


def test_an_indented_word_paragraph_under_a_list_item_continues_it() -> None:
    import io

    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("Humanitas: de visie is goed.", style="List Bullet")
    more = document.add_paragraph("Zij vertelt dat Humanitas wil meelezen.")
    more.paragraph_format.left_indent = Cm(1)
    plain = document.add_paragraph("Er is veel herkenning.")  # not indented: a paragraph
    assert plain.paragraph_format.left_indent is None
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = read_blocks(Path("v.docx"), buffer.getvalue())
    assert [b.text[:2] for b in blocks] == ["\u2022 ", "\u21b3 ", "Er"]


def test_an_unknown_organisation_label_with_a_person_in_parentheses_names_that_person() -> None:
    found = SpeakerIndex(ATTENDEES).resolve_label("Thuisadm. (B. Kuipers)")
    assert found is not None and found.is_person and found.persons == ("B. Kuipers",)
    assert found.organisation == "Thuisadm."
