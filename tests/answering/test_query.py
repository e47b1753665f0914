"""Reading questions: filters from names the store holds, follow-ups, English. Table-driven
over the real corpus store."""

from __future__ import annotations

import pytest

from assistant.answering.chat import Turn
from assistant.answering.query import MAX_QUESTION, analyse
from assistant.answering.thesaurus import Thesaurus
from assistant.answering.vocabulary import build_vocabulary
from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.records import Attendee, Statement, Verslag
from ingest.resources import data_path

THESAURUS = Thesaurus.load(data_path("synoniemen.toml"), data_path("glossary.toml"))

HUMANITAS = "Humanitas"
WESTERBROEK = "Vereniging Dorpsbelangen Westerbroek"


@pytest.fixture(scope="module")
def assistant(corpus_store):
    return Runtime(Settings(store=corpus_store)).assistant


@pytest.mark.parametrize(
    ("question", "orgs", "persons", "verslag", "opgaven"),
    [
        ("Wat zei Humanitas over de sociale teams?", (HUMANITAS,), (), None, ()),
        ("wat zei humanitas over armoede", (HUMANITAS,), (), None, ()),
        ("Wat vond Westerbroek van de professionals?", (WESTERBROEK,), (), None, ()),
        ("Wat vond Dorpsbelangen Westerbroek van de visie?", (WESTERBROEK,), (), None, ()),
        ("Wat vond Westerbrook van jongeren?", (WESTERBROEK,), (), None, ()),  # fuzzy
        # a generic word of one name, in the speaker's place
        ("Wat zei Dorpsbelangen over jongeren?", (WESTERBROEK,), (), None, ()),
        ("Hoe kijkt Bert Kolk naar de werkgroep?", (), ("Bert Kolk",), None, ()),
        ("Wat zei de GGD over armoede?", ("GGD Groningen",), (), None, ()),
        ("Wat werd er in gesprek II gezegd over jongeren?", (), (), 2, ()),
        ("Wat werd er in het eerste gesprek gezegd?", (), (), 1, ()),
        ("Wat werd er gezegd over de opgave armoede?", (), (), None, ("Armoede",)),
        ("Wat vond men van de Omgevingswet?", (), (), None, ()),  # a topic, not a filter
        ("Wat is er nodig zodat inwoners het heft in eigen hand nemen?", (), (), None, ()),
        ("What did Humanitas say about the social teams?", (HUMANITAS,), (), None, ()),
        (
            "Welzijn als voorliggende voorziening?",
            (),
            (),
            None,
            ("Welzijn als voorliggende voorziening",),
        ),
    ],
)
def test_filters_from_the_question(assistant, question, orgs, persons, verslag, opgaven) -> None:
    a = assistant.analyse(question)
    assert a.filters.organisations == orgs
    assert a.filters.persons == persons
    numbers = [assistant.index.verslag(v).number for v in a.filters.verslag_ids]
    assert numbers == ([verslag] if verslag else [])
    assert a.filters.opgaven == opgaven


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("Wat zei de Voedselbank over schuldhulp?", "Voedselbank"),
        ("Wat heeft de Politie Hoogezand gezegd?", "Politie Hoogezand"),
        ("Wat zei Humanitas over schuldhulp?", None),
        ("Wat vond men van de visie?", None),
    ],
)
def test_a_speaker_the_store_does_not_know(assistant, question, unknown) -> None:
    assert assistant.analyse(question).asked_unknown == unknown


def test_follow_up_takes_topic_and_swaps_the_speaker(assistant) -> None:
    first = assistant.ask("Wat zei Humanitas over de houding van professionals?")
    history = [
        Turn(assistant.analyse("Wat zei Humanitas over de houding van professionals?"), first)
    ]
    follow = assistant.analyse("En wat vond Westerbroek daarvan?", history)
    assert follow.followup
    assert follow.filters.organisations == (WESTERBROEK,)
    assert "professionals" in follow.topic
    others = assistant.analyse("Welke organisaties zeiden dat ook?", history)
    assert others.followup and others.filters.organisations == ()
    assert "professionals" in others.topic


def test_a_new_question_is_not_a_follow_up(assistant) -> None:
    first_q = "Wat zei Humanitas over de sociale teams?"
    history = [Turn(assistant.analyse(first_q), assistant.ask(first_q))]
    fresh = assistant.analyse(
        "Wat werd er in gesprek I gezegd over de rol van de gemeente?", history
    )
    assert not fresh.followup and fresh.filters.organisations == ()


def test_english_words_get_dutch_terms(assistant) -> None:
    a = assistant.analyse("What was said about poverty and volunteers?")
    flat = {w for group in a.terms for w in group}
    assert {"armoede", "vrijwilligers"} <= flat
    assert "said" not in flat


# Generated records whose truth is known: names in the speaker's place, a topic that reads like
# an organisation's name, and a label the parser attributed ("De Kredietbank vindt …").
_PEOPLE = (
    Attendee("Anna de Boer", "lid", "Cliëntenraad Sociaal Domein"),
    Attendee("Piet Smit", "teamleider", "Sociaal Team Sappemeer"),
    Attendee("Pieter-Jan van 't Hul", "adviseur", "Kredietbank Noord"),
)
_VERSLAG = Verslag("v1", 1, "Gesprek 1", "2019-03-14", "v1.txt", attendees=_PEOPLE)
_SAID = [
    Statement("s1", "v1", "", 0, "De Kredietbank levert cijfers.", "De Kredietbank",
              "Kredietbank Noord", (), "explicit"),
    Statement("s2", "v1", "", 1, "Volgens hem moet het eenvoudiger.", "Van 't Hul",
              "Kredietbank Noord", ("Pieter-Jan van 't Hul",), "explicit"),
]  # fmt: skip
VOCAB = build_vocabulary([_VERSLAG], _SAID, None)


@pytest.mark.parametrize(
    ("question", "orgs", "persons"),
    [
        ("Wat zei de cliëntenraad over het sociaal team?", ("Cliëntenraad Sociaal Domein",), ()),
        ("Wat zei de Kredietbank over brieven?", ("Kredietbank Noord",), ()),
        ("Wat vond Sociaal Team Sappemeer van de visie?", ("Sociaal Team Sappemeer",), ()),
        ("Wat zei Van 't Hul?", (), ("Pieter-Jan van 't Hul",)),
        ("Wat werd er gezegd over het sociaal team?", (), ()),  # a topic, not a speaker
        ("what do participants think about the social teams?", (), ()),  # no typo of a name
        ("wat vonden ze van de sociale teams?", (), ()),
        ("wat zei de kredietbank over brieven?", ("Kredietbank Noord",), ()),  # typed lower
    ],
)
def test_names_in_generated_records(question, orgs, persons) -> None:
    a = analyse(question, VOCAB)
    assert (a.filters.organisations, a.filters.persons) == (orgs, persons)
    assert a.asked_unknown is None


def test_a_gesprek_named_by_its_subject() -> None:
    verslagen = [
        Verslag("w", 20, "Verslag gesprek 20: Wonen en zorg", "2019-04-16", "v20.html"),
        Verslag("j", 25, "Gesprek 25 (jeugd en onderwijs)", "2019-04-16", "v25.docx"),
        Verslag("s", 21, "Verslag gesprek 21", "2019-03-14", "verslag-21-schuldhulp.txt"),
    ]
    vocab = build_vocabulary(verslagen, [], None)
    a = analyse("Wat is er in het gesprek over wonen en zorg gezegd over veiligheid?", vocab)
    assert a.filters.verslag_ids == ("w",)
    assert [g[0] for g in a.terms] == ["veiligheid"]  # the subject words name the gesprek
    assert analyse("Wie waren er bij het gesprek over schuldhulp?", vocab).filters.verslag_ids == (
        "s",
    )
    assert analyse("Wat werd er gezegd over wonen?", vocab).filters.verslag_ids == ()


@pytest.mark.parametrize(
    ("question", "required"),
    [
        ("Wat is er gezegd over de brievenbussen van PostNL?", ["postnl"]),
        ("Wat zei Humanitas? Vooral over armoede en Scheveningen.", ["scheveningen"]),
        ("WAT ZEI HUMANITAS OVER POSTNL?", []),  # capitals mark no name
        ("Wat Zei De Kredietbank Over Brieven?", []),  # nor does Title Case
        ("What did Piet Smit say about the Planning Act?", []),  # English title case
    ],
)
def test_proper_names_a_statement_must_hold(question, required) -> None:
    assert [g[0] for g in analyse(question, VOCAB).required] == required


def test_a_word_of_several_names_in_the_speakers_place_means_all_of_them() -> None:
    people = (
        Attendee("Tineke Zwart", "wijkverpleegkundige", "Buurtzorg Hoogezand"),
        Attendee("Els Dijk", "wijkverpleegkundige", "Buurtzorg Sappemeer"),
        Attendee("Anna Bos", "directeur", "Stichting Welzijn"),
        Attendee("Piet Kok", "voorzitter", "Stichting Sport"),
    )
    vocab = build_vocabulary(
        [Verslag("v", 1, "Gesprek 1", None, "v.md", attendees=people)], [], None
    )
    a = analyse("Wat zei Buurtzorg over overbelasting?", vocab)
    assert a.filters.organisations == ("Buurtzorg Hoogezand", "Buurtzorg Sappemeer")
    assert analyse("Wat zei Stichting over sport?", vocab).filters.organisations == ()


def test_the_gesprekken_of_a_month() -> None:
    verslagen = [
        Verslag("a", 20, "Gesprek 20", "2019-05-14", "a.md"),
        Verslag("b", 21, "Gesprek 21", "2019-05-22", "b.md"),
        Verslag("c", 22, "Gesprek 22", "2019-06-04", "c.md"),
        Verslag("d", 23, "Gesprek 23", "2018-05-02", "d.md"),
    ]
    vocab = build_vocabulary(verslagen, [], None)
    assert analyse(
        "Hoeveel gesprekken zijn er in mei 2019 gevoerd?", vocab
    ).filters.verslag_ids == (
        "a",
        "b",
    )
    assert set(analyse("Wat werd er in mei gezegd?", vocab).filters.verslag_ids) == {"a", "b", "d"}


def test_a_typo_is_no_other_organisation() -> None:
    people = (
        Attendee("Ria Smit", "coördinator", "Stichting Welzijn Oost"),
        Attendee("Els Bakker", "coördinator", "Stichting Welzijn Noord"),
        Attendee("Hans Berens", "voorzitter", "Vereniging Dorpsbelangen Westerbroek"),
    )
    vocab = build_vocabulary(
        [Verslag("v", 1, "Gesprek 1", None, "v.md", attendees=people)], [], None
    )
    assert analyse("Wat zei Stichting Welzijn West?", vocab).filters.organisations == ()
    westerbroek = analyse("Wat vond Westerbrook van jongeren?", vocab).filters.organisations
    assert westerbroek == ("Vereniging Dorpsbelangen Westerbroek",)


def test_an_organisation_after_over_is_the_topic_when_a_speaker_is_named() -> None:
    a = analyse("Wat zei Humanitas over de Kredietbank?", VOCAB_TWO)
    assert a.filters.organisations == ("Humanitas",)
    assert [g[0] for g in a.required] == ["kredietbank"]
    alone = analyse("Wat werd er gezegd over de Kredietbank?", VOCAB_TWO).filters.organisations
    assert alone == ("Kredietbank Noord",)  # no other speaker named: still the speaker


VOCAB_TWO = build_vocabulary(
    [
        Verslag(
            "v", 1, "Gesprek 1", None, "v.md",
            attendees=(Attendee("Bert Kolk", "voorzitter", "Humanitas"),
                       Attendee("Piet Hul", "adviseur", "Kredietbank Noord")),
        )
    ],
    [],
    None,
)  # fmt: skip


def test_only_the_start_of_a_very_long_question_is_read() -> None:
    a = analyse("Wat zei Humanitas over " + "het gesprek over armoede " * 2000, VOCAB_TWO)
    assert len(a.question) == MAX_QUESTION and a.filters.organisations == ("Humanitas",)


def test_a_kind_of_organisation_in_a_place_is_that_organisation() -> None:
    people = (
        Attendee("Jan Oosting", "teamleider", "Sociaal Team Zuidbroek-Muntendam"),
        Attendee("Piet Mulder", "voorzitter", "Dorpsbelangen Muntendam"),
        Attendee("Els Boer", "huisarts", "Huisartsenpraktijk Sappemeer-Oost"),
        Attendee("Dirk Smit", "predikant", "Protestantse Gemeente Schildwolde-Hellum"),
    )
    vocab = build_vocabulary(
        [Verslag("v", 1, "Gesprek 1", None, "v.md", attendees=people)], [], None, THESAURUS
    )
    for question, org in [
        ("Wat zei het sociaal team in Muntendam over de wachtlijst?", people[0].organisation),
        ("What did the GP practice in Sappemeer say about low literacy?", people[2].organisation),
        ("Wat vond de kerk in Schildwolde van de visie?", people[3].organisation),
        ("Wat zei Muntendam over de visie?", people[1].organisation),  # the place alone
    ]:
        assert analyse(question, vocab).filters.organisations == (org,), question


def test_a_place_name_in_a_gesprek_means_who_was_there() -> None:
    v1 = Verslag(
        "v1",
        1,
        "Gesprek 1",
        None,
        "v1.md",
        attendees=(Attendee("Ria Kamminga", "voorzitter", "Welzijnsgroep Schildwolde"),),
    )
    v2 = Verslag("v2", 2, "Gesprek 2", None, "v2.md")
    said = [Statement("s1", "v2", "", 0, "Schildwolde: de visie is te vaag.", "Schildwolde",
                      "Dorpsbelangen Schildwolde", (), "explicit")]  # fmt: skip
    vocab = build_vocabulary([v1, v2], said, None)
    assert analyse("Wat zei Schildwolde in gesprek 2?", vocab).filters.organisations == (
        "Dorpsbelangen Schildwolde",
    )
