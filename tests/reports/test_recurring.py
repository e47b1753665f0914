"""Recurring points on generated statements whose truth is known: the same point by two
organisations is found (lexically and with the real embedder), one organisation alone or
statements without a shared opgave are not; shortening and speaker labels table-driven."""

from __future__ import annotations

import pytest

from assistant.reports.draft import CUT, shorten, without_label
from assistant.reports.recurring import find_recurring
from ingest.records import Statement

BUS = "Vervoer"


def _s(i: int, org: str | None, text: str, tags: tuple[str, ...] = (BUS,)) -> Statement:
    attribution = "explicit" if org else "none"
    return Statement(f"v-s{i}", "v", "Vraag", i, text, org, org, (), attribution, tags)


STATEMENTS = [
    _s(
        0,
        "Dorpsbelangen Kolham",
        "De buslijn naar Hoogezand rijdt veel te weinig. Ouderen komen daardoor nergens meer.",
    ),
    _s(
        1,
        "Humanitas",
        "Zonder een vaker rijdende buslijn naar Hoogezand raken ouderen "
        "geïsoleerd. Dat zien wij elke week.",
    ),
    _s(
        2, "Humanitas", "De sociale teams zijn slecht bereikbaar voor inwoners.", ("Sociale teams",)
    ),
    _s(
        3,
        "Voedselbank",
        "De buslijn naar Hoogezand is duur voor gezinnen met weinig geld.",
        ("Armoede",),
    ),  # fmt: skip  (no shared opgave with the others)
    _s(4, None, "De buslijn naar Hoogezand rijdt veel te weinig, zeggen de ouderen."),
]


@pytest.fixture(scope="module")
def embed():
    from assistant.runtime import Runtime
    from assistant.settings import Settings

    return Runtime(Settings()).embedder.embed_passages


@pytest.mark.parametrize("dense", [False, True])
def test_the_same_point_of_two_organisations_recurs(dense: bool, request) -> None:
    embed = request.getfixturevalue("embed") if dense else None
    [point] = find_recurring(STATEMENTS, embed)
    assert [s.id for s in point.statements] == ["v-s0", "v-s1"]
    assert point.organisations == ("Dorpsbelangen Kolham", "Humanitas")
    assert point.topic == BUS
    assert "buslijn naar Hoogezand" in point.sentences[0]


def test_one_organisation_or_unattributed_never_recurs() -> None:
    same_org = [_s(0, "Humanitas", STATEMENTS[0].text), _s(1, "Humanitas", STATEMENTS[1].text)]
    assert find_recurring(same_org) == []
    assert find_recurring([STATEMENTS[0], STATEMENTS[4]]) == []  # unattributed is no organisation


@pytest.mark.parametrize(
    ("text", "words", "focus", "expected"),
    [
        ("Een. Twee drie.", 45, "", "Een. Twee drie."),
        ("Eerste zin hier. Tweede zin daar.", 3, "", "Eerste zin hier." + CUT),
        (
            "Eerste zin hier. Over armoede gaat dit. Slot.",
            5,
            "armoede",
            "[…] Over armoede gaat dit. Slot.",
        ),
        ("Een hele lange eerste zin zonder einde", 3, "", "Een hele lange eerste zin zonder einde"),
    ],
)
def test_shorten_cuts_only_between_sentences(
    text: str, words: int, focus: str, expected: str
) -> None:
    assert shorten(text, words, focus) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Humanitas: het lukt niet.", ("Humanitas",), "het lukt niet."),
        ("Westerbroek: logisch.", ("Vereniging Dorpsbelangen Westerbroek",), "logisch."),
        ("Humanitas: het lukt niet.", ("Voedselbank",), "Humanitas: het lukt niet."),
        (
            "Re-integratie op de arbeidsmarkt: ga uit van de persoon.",
            ("Humanitas",),
            "Re-integratie op de arbeidsmarkt: ga uit van de persoon.",
        ),
        ("Humanitas: het lukt niet.", (), "Humanitas: het lukt niet."),
    ],
)
def test_a_label_repeating_the_name_goes(text: str, names: tuple[str, ...], expected: str) -> None:
    assert without_label(text, names) == expected
