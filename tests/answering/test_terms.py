"""How a question's words become search terms and how a statement covers them: phrases from
the thesaurus, noun forms the stemmer splits, multi-word synonyms, the statement's question
row, and speakers named by a common noun of their role. Table-driven over the packaged word
lists and generated attendees whose truth is known."""

from __future__ import annotations

import pytest

from assistant.answering.terms import head_term, topic_terms
from assistant.answering.thesaurus import Thesaurus
from assistant.answering.vocabulary import asked_noun, build_vocabulary, noun_speaker
from ingest.records import Attendee, Verslag
from ingest.resources import data_path
from ingest.text import stems
from vectorstore.search import coverage

THESAURUS = Thesaurus.load(data_path("synoniemen.toml"), data_path("glossary.toml"))


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("opgaven", "opgave", True),
        ("gezinnen", "gezin", True),
        ("brievenbussen", "brievenbus", True),
        ("wachtlijsten", "wachtlijst", True),
        ("arme", "arm", True),
        ("gemeente", "menen", False),  # Snowball 3's "dutch" made these one stem
        ("gezin", "zin", False),
        ("geloof", "loof", False),
        ("organisaties", "organisatie", True),  # Porter keeps an "s" after a vowel
        ("euro's", "euro", True),
        ("maatjes", "maatje", True),
        ("ideeën", "idee", True),
        ("kinderen", "kind", True),
        ("huisartsen", "huisarts", True),  # Porter cuts the singular's "s", not the plural's
        ("mensen", "mens", True),
        ("brieven", "brief", True),
        ("grenzen", "grens", True),
        ("dorpshuizen", "dorpshuis", True),
        ("huishoudens", "huishouden", True),
        ("ouderen", "oudere", True),
        ("ouderen", "ouders", False),  # the elderly are not parents
        ("oudere", "ouder", False),
        ("werken", "werk", False),  # "herstelgericht werken" is no employment
        ("werkt", "werkt", True),
    ],
)
def test_singular_and_plural_share_a_stem_and_prefixes_stay(one, other, same) -> None:
    assert (stems(one) == stems(other)) is same


@pytest.mark.parametrize(
    ("words", "member"),
    [
        ("mensen die moeite hebben met lezen", "laaggeletterdheid"),
        ("lezen en schrijven", "laaggeletterdheid"),
        ("inwoners met weinig geld", "armoede"),
    ],
)
def test_words_that_form_a_phrase_name_one_group(words, member) -> None:
    groups = [g for g, _ in THESAURUS.phrases(set(stems(words)))]
    assert any(member in g for g in groups)


def test_a_single_word_of_a_phrase_is_no_phrase() -> None:
    groups = THESAURUS.phrases(set(stems("lezen")))
    assert not any("laaggeletterdheid" in g for g, _ in groups)


def _weight(_: str) -> float:
    return 1.0


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        ([("armoede", "weinig geld")], "Mensen met weinig geld.", 1.0),
        ([("armoede", "weinig geld")], "Er is te weinig contact.", 0.0),
        ([("sociale teams",), ("armoede",)], "De sociale teams zien armoede.", 1.0),
        ([("sociale teams",), ("armoede",)], "De sociale teams werken goed.", 0.5),
    ],
)
def test_coverage_needs_every_word_of_a_phrase(terms, text, expected) -> None:
    assert coverage(terms, text, _weight) == expected


@pytest.mark.parametrize(
    ("text", "names", "compounds", "expected"),
    [
        ("Een vroegsignaleringsafspraak zou helpen.", "", True, 1.0),
        ("Een vroegsignaleringsafspraak zou helpen.", "", False, 0.0),  # across the record
        ("Vroegsignalering helpt.", "", False, 1.0),
        ("Ontmoeting hoort volgens de Vrijwilligerscentrale erbij.", "", True, 1.0),
        # the speaker's own name holds the word: no statement about volunteers
        (
            "Ontmoeting hoort volgens de Vrijwilligerscentrale erbij.",
            "Vrijwilligerscentrale",
            True,
            0.0,
        ),
    ],
)
def test_one_speakers_compound_words_hold_the_asked_term(text, names, compounds, expected) -> None:
    terms = [("vroegsignalering",)] if "vroeg" in text.lower() else [("vrijwilligers",)]
    assert coverage(terms, text, _weight, compounds, names) == expected


def _vocab(*attendees: Attendee):
    v = Verslag("v1", 1, "Verslag gesprek I", "2019-01-07", "v.txt", attendees=attendees)
    return build_vocabulary([v], [], None, THESAURUS)


VRIJWILLIGERS = "Vrijwilligerscentrale Midden-Groningen"
VOCAB = _vocab(
    Attendee("Pieter de Jong", "huisarts, Gezondheidscentrum Sappemeer",
             "Gezondheidscentrum Sappemeer"),
    Attendee("Bas ter Veen", "directeur Basisschool Tweeklank", "Basisschool Tweeklank"),
    Attendee("Jan de Vries", "coördinator Voedselbank Midden-Groningen",
             "Voedselbank Midden-Groningen"),
    Attendee("Thijs Brouwer", "jongerenwerker", None),
    Attendee("Anna Bos", "directeur Stichting Welzijn", "Stichting Welzijn"),
    Attendee("Lieke Jansma", "eigenaar", "Fysio Hoogezand"),
    Attendee("Jan-Willem de Groot", "coördinator", "Vrijwilligerscentrale Midden-Groningen"),
    Attendee("Piet Hul", "adviseur", "Kredietbank Noord"),
    Attendee("Sanne Dijk", "voorzitter", "Ondernemersvereniging Hoogezand"),
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("Wat zei de huisarts over de visie?", ("organisation", "Gezondheidscentrum Sappemeer")),
        ("En de basisschool?", ("organisation", "Basisschool Tweeklank")),
        ("What did the school say about poverty?", ("organisation", "Basisschool Tweeklank")),
        ("What did the food bank say?", ("organisation", "Voedselbank Midden-Groningen")),
        ("Did the food bank say anything?", ("organisation", "Voedselbank Midden-Groningen")),
        ("Heeft de basisschool iets gezegd?", ("organisation", "Basisschool Tweeklank")),
        (
            "When was the meeting with the food bank?",
            ("organisation", "Voedselbank Midden-Groningen"),
        ),
        ("Wanneer was het gesprek met de basisschool?", ("organisation", "Basisschool Tweeklank")),
        ("Wat vond de jongerenwerker daarvan?", ("person", "Thijs Brouwer")),
        ("Wat zei de gemeente over armoede?", None),
        ("Wat werd er gezegd over de huisarts?", None),  # the huisarts as topic, not speaker
        ("What did the primary school say?", ("organisation", "Basisschool Tweeklank")),
        ("En de fysiotherapeut?", ("organisation", "Fysio Hoogezand")),  # a name's short form
        ("What did the volunteer centre say?", ("organisation", VRIJWILLIGERS)),  # a compound
        ("What did the housing association say?", None),  # not the Ondernemersvereniging
        ("What did the credit bank say?", None),  # a head alone: no guess among banks
    ],
)
def test_a_speaker_named_by_a_common_noun(question, speaker) -> None:
    assert noun_speaker(question, VOCAB) == (frozenset([speaker]) if speaker else frozenset())


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("Welke zorgen zijn er over eenzaamheid?", ["eenzaamheid"]),
        ("Welke kritiek had Humanitas op de werkwijze?", ["humanitas", "werkwijze"]),
        ("Welke rol heeft de gemeente?", ["rol", "gemeente"]),  # "rol" is the topic
        ("Welke opgaven ontbreken?", ["opgaven", "ontbreken"]),
        ("Is er gesproken over dementie?", ["dementie"]),  # "gesproken" says only that
        ("Wie hebben het over eenzaamheid gehad?", ["eenzaamheid"]),
        ("Waar kunnen bewoners elkaar ontmoeten?", ["bewoners", "ontmoeten"]),  # a pronoun
        ("Hoe werd er gereageerd op de opgave armoede?", ["opgave", "armoede"]),
    ],
)
def test_framing_nouns_are_not_topics(question, terms) -> None:
    assert [g[0] for g in topic_terms(question, set(), THESAURUS)] == terms


def test_a_noun_names_the_compound_it_begins() -> None:
    practice = "Huisartsenpraktijk Kiel-Windeweer"
    vocab = _vocab(Attendee("Karin Smit", "", practice), Attendee("Bas Venema", "", "Sociaal Team"))
    question = "Wat vond de huisarts van de sociale teams?"
    assert noun_speaker(question, vocab) == {("organisation", practice)}


def test_a_noun_for_several_speakers_names_them_all() -> None:
    both = {("organisation", "Basisschool Tweeklank"), ("organisation", "Stichting Welzijn")}
    assert noun_speaker("Wat zei de directeur?", VOCAB) == both  # each answer under its name
    many = _vocab(*(Attendee(f"Lid {i}", "voorzitter", f"Club {i}") for i in range(4)))
    assert len(noun_speaker("Wat zei de voorzitter?", many)) == 4  # a topic then (query.py)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What did the housing association say about the vision?", {"Woongroep Eemsmond"}),
        ("Wat zei de woningcorporatie over huisuitzettingen?", {"Woongroep Eemsmond"}),
        ("Wat vond de kerk van de opgaven?", {"Diaconie PKN Kolham"}),
        ("What did the GP say?", {"Gezondheidscentrum De Zuidwending"}),
        ("Wat zei de politie?", set()),  # no police took part
    ],
)
def test_an_organisation_is_named_by_its_kind(question, names) -> None:
    vocab = _vocab(
        Attendee("Marco Schuiling", "directeur", "Woongroep Eemsmond"),
        Attendee("Els Bakker", "diaken", "Diaconie PKN Kolham"),
        Attendee("Henk Mulder", "", "Gezondheidscentrum De Zuidwending"),
        Attendee("Sanne Dijk", "voorzitter", "Ondernemersvereniging Hoogezand"),
    )
    assert {name for _, name in noun_speaker(question, vocab)} == names


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Wat zei de woningcorporatie over huisuitzettingen?", "de woningcorporatie"),
        ("What did the housing association say about the vision?", "the housing association"),
        ("Wat vond de wethouder ervan?", "de wethouder"),
        ("Wat vonden de inwoners van de visie?", None),  # people at large: a topic
        ("Wat zeiden de deelnemers over dementie?", None),
        ("Wat werd er gezegd over de huisarts?", None),  # the huisarts as topic
        ("En de jongeren?", None),  # a follow-up's topic as often as a speaker
    ],
)
def test_a_noun_asked_about_as_a_speaker(question, noun) -> None:
    assert asked_noun(question) == noun


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("Wat zeiden de deelnemers over dementie bij ouderen?", "dementie"),
        ("Welke afspraken zijn er gemaakt over de aanpak van huiselijk geweld?", "huiselijk"),
        ("Wat werd er gezegd over het in kaart brengen van initiatieven?", None),  # no noun there
        ("Wat werd er gezegd over mensen die voor een naaste zorgen?", None),  # people at large
        ("What was said about bullying at school?", "pesten"),  # its translation
        ("Wat vindt men van armoede?", None),  # no "over"
    ],
)
def test_the_topic_noun_a_short_question_is_about(question, head) -> None:
    terms = topic_terms(question, set(), THESAURUS)
    found = head_term(question, terms, THESAURUS)
    assert (found[0] if found else None) == head
