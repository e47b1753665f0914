"""The two real verslagen, pinned: attendees, dates, every statement's section, attribution
and speaker, and the repaired page breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from ingest.records import Attendee, Verslag

DATA = Path(__file__).resolve().parents[2] / "ingest" / "data" / "verslagen"
VISIE = "Hoe kijk je tegen de visie aan?"
OPGAVEN = "Hoe kijk je tegen de 8 opgaven aan?"
HUMANITAS = ("Humanitas", ("Bert Kolk",))  # a turn that names Bert Kolk
HUMANITAS_ORG = ("Humanitas", ())  # "Humanitas:": the organisation; presence names no person
WESTERBROEK_ORG = ("Vereniging Dorpsbelangen Westerbroek", ())  # "Westerbroek:", no person


@pytest.fixture(scope="module")
def one() -> Verslag:
    return parse_file(DATA / "verslag-gesprek-I.txt")


@pytest.fixture(scope="module")
def two() -> Verslag:
    return parse_file(DATA / "verslag-gesprek-II.txt")


def test_sample_record_is_the_corpus_verbatim() -> None:
    corpus = DATA.parent.parent.parent / "shared" / "corpus"
    if not corpus.is_dir():
        corpus = Path("/work/shared/corpus")
    if not corpus.is_dir():
        pytest.skip("shared corpus not beside this checkout")
    for f in corpus.iterdir():
        assert (DATA / f.name).read_bytes() == f.read_bytes()


def test_gesprek_i_metadata(one: Verslag) -> None:
    assert (one.number, one.date, one.title) == (
        1,
        "2019-01-07",
        "Verslag gesprek visie sociaal domein I",
    )
    assert one.attendees == (
        Attendee(
            "Arie Koster",
            "regiomanager Eigen Kracht Centrale Noord-Nederland",
            "Eigen Kracht Centrale Noord-Nederland",
        ),
        Attendee(
            "Jannie van der Wal", "directeur Kwartier Zorg en Welzijn", "Kwartier Zorg en Welzijn"
        ),
        Attendee("Jos Rietveld", "directeur Publieke gezondheid GGD Groningen", "GGD Groningen"),
    )
    assert one.warnings == ()


def test_gesprek_ii_metadata(two: Verslag) -> None:
    assert (two.number, two.date) == (2, "2019-01-09")
    assert two.attendees == (
        Attendee("Bert Kolk", "voorzitter Humanitas (en andere organisaties)", "Humanitas"),
        Attendee(
            "Hans Berens",
            "voorzitter Vereniging Dorpsbelangen Westerbroek, voorheen journalist",
            "Vereniging Dorpsbelangen Westerbroek",
        ),
        Attendee(
            "Marja ter Horst",
            "bestuurslid, voorheen coördinator aanpak tegen mensenhandel, coach en stagebegeleider",
            None,
        ),
    )


GESPREK_I = [  # (section, text prefix); every statement unattributed
    (VISIE, "Complimenten voor dit stuk."),
    (VISIE, "Het centrale thema is verantwoordelijkheid nemen"),
    (VISIE, "Mooi dat hiermee een integraal verhaal"),
    (VISIE, "Het stuk gaat van 'visie' over in 'opgaven'."),
    (VISIE, "Aanbieders hebben belang bij productie."),
    (VISIE, "Heb daarnaast als gemeente oog voor"),
    (OPGAVEN, "De opgaven zijn erg ongelijksoortig."),
    (OPGAVEN, "Armoede wordt als opgave herkend."),
    (OPGAVEN, "Opgave brievenbusproblemen kan onderdeel zijn"),
    (OPGAVEN, "Opgave veiligheid en herstelgericht werken"),
    (OPGAVEN, "Opgave rondom inventarisatie van burgerinitiatieven"),
    (OPGAVEN, "Suggestie om jeugd/onderwijs"),
    (OPGAVEN, "Suggestie om de omgevingswet"),
    (OPGAVEN, "Welzijn als voorliggende voorziening mist."),
]


def test_gesprek_i_statements_are_all_unattributed(one: Verslag) -> None:
    got = [
        (s.section, s.text[: len(prefix)])
        for s, (_, prefix) in zip(one.statements, GESPREK_I, strict=True)
    ]
    assert got == GESPREK_I
    assert len(one.statements) == len(GESPREK_I)
    for s in one.statements:
        assert (s.attribution, s.speaker, s.organisation, s.persons) == ("none", None, None, ())


GESPREK_II = [  # (section, attribution, organisation/persons, speaker, text prefix)
    (VISIE, "explicit", WESTERBROEK_ORG, "Westerbroek", "Westerbroek: logisch om er deskundigen"),
    (VISIE, "explicit", WESTERBROEK_ORG, "Westerbroek", "De dorpsgemeenschap straalt"),
    (VISIE, "explicit", WESTERBROEK_ORG, "Westerbroek", "Complimenten voor de wethouder"),
    (VISIE, "explicit", HUMANITAS, "Bert Kolk", "Bert Kolk heeft vanuit Humanitas"),
    (VISIE, "explicit", HUMANITAS, "Bert Kolk", "Steeds minder contact tussen kansrijken"),
    (VISIE, "explicit", HUMANITAS, "Bert Kolk", "Ze vinden dat ze daar beter geholpen"),
    (VISIE, "explicit", WESTERBROEK_ORG, "Westerbroek", "Westerbroek: het is een grote groep"),
    (OPGAVEN, "explicit", HUMANITAS_ORG, "Humanitas", "Humanitas ziet op het gebied van armoede"),
    (OPGAVEN, "explicit", HUMANITAS_ORG, "Humanitas", "Humanitas: Vraag is of de visie"),
    (OPGAVEN, "inferred", HUMANITAS_ORG, "Humanitas", "Je moet plekken creëren"),
    (OPGAVEN, "explicit", WESTERBROEK_ORG, "Westerbroek", "Westerbroek is geen ideaal dorp"),
    (OPGAVEN, "explicit", HUMANITAS_ORG, "Humanitas", "Humanitas: het lukt niet iedereen"),
    (OPGAVEN, "explicit", HUMANITAS_ORG, "Humanitas", "Humanitas vindt dat de sociale teams"),
    (OPGAVEN, "inferred", HUMANITAS_ORG, "Humanitas", "Re-integratie op de arbeidsmarkt:"),
    ("Afsluiting", "explicit", (None, ("Jan Jakob Boersma",)), "Jan Jakob Boersma", "Jan Jakob"),
]


def test_gesprek_ii_every_statement(two: Verslag) -> None:
    got = [
        (s.section, s.attribution, (s.organisation, s.persons), s.speaker, s.text[: len(p)])
        for s, (*_, p) in zip(two.statements, GESPREK_II, strict=True)
    ]
    assert got == GESPREK_II
    assert len(two.statements) == len(GESPREK_II)


@pytest.mark.parametrize(
    ("which", "joined"),
    [
        ("I", "Gemeente kan aanbieders ook comfort bieden in de vorm van meerjarige afspraken."),
        ("II", "Gemeente moet meer verantwoordelijkheid en vertrouwen geven aan bepaalde"),
        ("II", "(mensen die tijd hebben, behoefte hebben aan zingeving, iets voor anderen"),
    ],
)
def test_page_breaks_are_joined(which: str, joined: str, one: Verslag, two: Verslag) -> None:
    v = one if which == "I" else two
    assert sum(joined in s.text for s in v.statements) == 1
    fragments = {
        "de vorm van meerjarige afspraken.",
        "hebben aan zingeving",
        "verantwoordelijkheid",
    }
    assert not any(s.text.startswith(tuple(fragments)) for s in v.statements)


def test_text_is_verbatim_and_spans_point_at_it(one: Verslag, two: Verslag) -> None:
    raw = (DATA / "verslag-gesprek-II.txt").read_text(encoding="utf-8")
    for v in (one, two):
        for s in v.statements:
            assert v.text[s.span[0] : s.span[1]] == s.text
            assert not any(c in s.text for c in "<>\t•")
    assert any("risicjongeren" in s.text for s in two.statements)  # typo kept
    assert "risicjongeren" in raw


def test_ids_are_stable_and_unique(one: Verslag, two: Verslag) -> None:
    again = parse_file(DATA / "verslag-gesprek-II.txt")
    assert [s.id for s in again.statements] == [s.id for s in two.statements]
    ids = [s.id for v in (one, two) for s in v.statements]
    assert len(ids) == len(set(ids))
    assert one.id != two.id and one.id.startswith("gesprek-i-") and two.id.startswith("gesprek-ii-")


def test_long_turns_are_split_keeping_the_speaker(two: Verslag) -> None:
    parts = [s for s in two.statements if s.speaker == "Westerbroek" and s.section == VISIE]
    assert len(parts) == 4  # the first turn is long; the last is its own paragraph
    assert all(len(s.text) <= 600 for s in two.statements)
