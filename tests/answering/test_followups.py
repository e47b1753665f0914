"""Follow-ups that meet nothing say so once and offer what the organisation did say (labelled,
never as the answer); citations read 1, 2, 3 in the text and one organisation is one group;
wording ("ontbreken" vs "mist"/"toevoegen") does not decide what is found."""

from __future__ import annotations

import re

import pytest

import prompts
from assistant.answering.chat import Turn
from assistant.answering.citations import cited_numbers
from assistant.runtime import Runtime
from assistant.settings import Settings

WESTERBROEK = "Vereniging Dorpsbelangen Westerbroek"


@pytest.fixture(scope="module")
def rt(corpus_store):
    return Runtime(Settings(store=corpus_store))


def chat(rt, *questions):
    history: list[Turn] = []
    for q in questions:
        analysis = rt.assistant.analyse(q, history)
        *_, answer = rt.assistant.stream(analysis)
        history.append(Turn(analysis, answer))
    return [t.answer for t in history]


def test_follow_up_on_an_unaddressed_topic_offers_the_nearest_once(rt) -> None:
    first, second = chat(
        rt, "Wat zei Humanitas over de sociale teams?", "En wat vond Westerbroek daarvan?"
    )
    assert first.found
    assert not second.found and second.citations == []
    assert second.filters.organisations == (WESTERBROEK,)
    nothing = f"In de verslagen staan geen uitspraken van {WESTERBROEK} over dit onderwerp."
    assert second.text.startswith(nothing)
    assert len(re.findall(r"geen uitspraken (?:van|gevonden)", second.text)) == 1  # once
    assert f"Wel zei {WESTERBROEK} in de verslagen" in second.text
    assert "dit beantwoordt de vraag niet" in second.text  # labelled, not an answer
    assert second.nearest and all(c.organisation == WESTERBROEK for c in second.nearest)
    assert all(c.text in second.text for c in second.nearest)
    assert second.to_json()["nearest"][0]["organisation"] == WESTERBROEK


QUESTIONS = [
    "Wat zei Humanitas over de sociale teams?",
    "En wat vond Westerbroek daarvan?",
    "Wat zei de GGD over armoede?",
    "Wat zei de Voedselbank over schuldhulp?",
    "Wat zei Westerbroek over de Omgevingswet?",
    "En Humanitas?",
    "Hoeveel kost een parkeervergunning?",
    "Wanneer was het gesprek met de politie?",
    "What did the police say?",
]


def test_no_answer_contains_the_refusal_twice(rt) -> None:
    for answer in chat(rt, *QUESTIONS):
        assert answer.text.count(prompts.refusal()) <= 1, answer.text
        assert len(re.findall(r"geen uitspraken (?:van|gevonden)", answer.text)) <= 1, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Wat zei Humanitas over armoede?",
        "Welke zorgen zijn er over de sociale teams?",
        "Wat werd er gezegd over jongeren?",
        "Welke organisaties zeiden iets over armoede?",
    ],
)
def test_citations_read_in_order_one_group_per_organisation(rt, question) -> None:
    answer = rt.assistant.ask(question)
    assert answer.found and answer.citations
    assert cited_numbers(answer.text) == list(range(1, len(answer.citations) + 1))
    heads = re.findall(r"^\*\*(.+?)\*\* — (.+?):$", answer.text, re.MULTILINE)
    assert len(heads) == len(set(heads))  # one group per organisation and verslag
    assert not any("(" in who for who, _ in heads)  # "Humanitas (Bert Kolk)" is no group


def test_person_named_on_a_statement_stays_in_the_organisation_group(rt) -> None:
    answer = rt.assistant.ask("Wat zei Humanitas over de sociale teams?")
    assert answer.text.count("**Humanitas**") == 1
    kolk = [c for c in answer.citations if c.person == "Bert Kolk"]
    assert kolk and f"[{kolk[0].n}] (Bert Kolk" in answer.text


def test_missing_opgaven_are_found_by_their_wording(rt) -> None:
    answer = rt.assistant.ask("Welke opgaven ontbreken volgens de deelnemers?")
    assert answer.found
    texts = " ".join(c.text for c in answer.citations)
    assert re.search(r"\bmist\b|toe te voegen|toegevoegd", texts)


def test_moving_to_a_gesprek_the_speaker_missed_keeps_the_topic_not_the_speaker(rt) -> None:
    first, second = chat(rt, "Wat zei Humanitas over armoede?", "En in gesprek I?")
    gesprek_i = next(v.id for v in rt.index.verslagen() if v.number == 1)
    assert first.found and first.filters.organisations == ("Humanitas",)
    assert second.filters.organisations == () and second.filters.verslag_ids == (gesprek_i,)
    assert second.found and all(c.verslag_id == gesprek_i for c in second.citations)
    assert any("rmoede" in c.text for c in second.citations)
    # where the speaker was, the speaker stays
    _, third = chat(rt, "Wat zei Humanitas over armoede?", "En in gesprek II?")
    assert third.filters.organisations == ("Humanitas",)


def test_who_else_was_there_keeps_the_gesprek_not_the_speaker(rt) -> None:
    _, second = chat(rt, "Wanneer was het gesprek met Humanitas?", "En wie waren er nog meer bij?")
    gesprek_ii = next(v for v in rt.index.verslagen() if v.number == 2)
    assert second.kind == "attended" and second.filters.organisations == ()
    assert second.filters.verslag_ids == (gesprek_ii.id,)
    assert all(a.name in second.text for a in gesprek_ii.attendees)


def _then(rt, first: str, then: str):
    """The analysis of `then` asked after `first`."""
    analysis = rt.assistant.analyse(first, [])
    *_, answer = rt.assistant.stream(analysis)
    return rt.assistant.analyse(then, [Turn(analysis, answer)])


def test_a_follow_up_with_its_own_topic_keeps_the_speaker_and_takes_the_topic(rt) -> None:
    new = _then(rt, "Wat zei Humanitas over armoede?", "En over de sociale teams?")
    assert new.filters.organisations == ("Humanitas",)
    assert "armoede" not in [g[0] for g in new.terms]  # the new topic alone
    *_, answer = rt.assistant.stream(new)
    assert answer.found and all("sociale team" in c.text.lower() for c in answer.citations)
    same = _then(rt, "Wat zei Humanitas over armoede?", "En wat vond Westerbroek daarvan?")
    assert "armoede" in [g[0] for g in same.terms]  # "daarvan": the topic goes on


def test_which_organisations_were_there_keeps_the_gesprek_of_the_speaker(rt) -> None:
    _, second = chat(
        rt, "Wanneer was het gesprek met Humanitas?", "En welke organisaties waren daar?"
    )
    gesprek_ii = next(v for v in rt.index.verslagen() if v.number == 2)
    assert second.kind == "organisations" and second.filters.verslag_ids == (gesprek_ii.id,)
    assert all(a.organisation in second.text for a in gesprek_ii.attendees if a.organisation
               and "gemeente" not in a.organisation.lower())  # fmt: skip


def test_who_chaired_after_a_question_about_one_gesprek_is_about_that_gesprek(rt) -> None:
    _, second = chat(rt, "Wie waren er bij gesprek II?", "Wie was de voorzitter?")
    gesprek_ii = next(v for v in rt.index.verslagen() if v.number == 2)
    assert second.kind == "attended" and second.filters.verslag_ids == (gesprek_ii.id,)
    _, alone = chat(rt, "Wat zei Humanitas over armoede?", "Wie was de voorzitter?")
    assert alone.filters.verslag_ids == () and alone.filters.organisations == ()


@pytest.mark.parametrize(
    ("first", "then", "kind", "says"),
    [
        ("Wie waren er bij het eerste gesprek?", "En bij gesprek II?", "attended", "Bert Kolk"),
        ("Was Humanitas bij gesprek II?", "En bij gesprek I?", "attended", "geen Humanitas"),
        ("Wat is er in gesprek I besproken?", "En in het laatste gesprek?", "topics",
         "Onderwerpen in gesprek II"),
        ("Wie leidde gesprek I?", "En gesprek II?", "attended", "noemt niet wie het leidde"),
    ],
)  # fmt: skip
def test_a_follow_up_asks_the_same_record_question_again(rt, first, then, kind, says) -> None:
    _, second = chat(rt, first, then)
    assert second.kind == kind and says in second.text
