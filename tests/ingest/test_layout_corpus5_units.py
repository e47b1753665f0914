"""Table-driven tests of the rules added for the false attributions of the fifth blind corpus
(tests/fixtures/layouts5/): "volgens <someone unplaced>" is no continuation, a dash-set name
after a sentence end opens another turn, and run-on attendees with a common first name."""

from __future__ import annotations

import pytest

from ingest.attendees import split_runon
from ingest.attribution import attribute
from ingest.records import Attendee
from ingest.speakers import SpeakerIndex

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
