"""Question kinds: the classifier (table-driven, Dutch and English, with questions that must
stay "what was said"), and answers from the records on the sample record, whose truth is in
its verslagen (attendees, dates) and statements (counts computed here from the store)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from assistant.answering.chat import Turn
from assistant.answering.kinds import answerable_by, classify, count_subject
from assistant.answering.query import analyse
from assistant.answering.structured import RecordAnswers
from assistant.answering.vocabulary import build_vocabulary
from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.records import Attendee, Verslag
from vectorstore.search import RelevanceRule

HUMANITAS = "Humanitas"
WESTERBROEK = "Vereniging Dorpsbelangen Westerbroek"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wie waren er bij het eerste gesprek?", "attended"),
        ("Wie was er aanwezig bij gesprek II?", "attended"),
        ("Who attended the second meeting?", "attended"),
        ("Welke mensen zaten er aan tafel bij het derde gesprek?", "attended"),
        ("Wanneer was het gesprek met Humanitas?", "when"),
        ("Op welke datum vond het tweede gesprek plaats?", "when"),
        ("When was the meeting with the GGD?", "when"),
        ("Welke organisaties zijn geraadpleegd?", "organisations"),
        ("Which organisations were consulted?", "organisations"),
        ("Met wie is er gesproken?", "organisations"),
        ("List the organisations that were consulted", "organisations"),
        ("Noem alle organisaties die aanwezig waren", "organisations"),
        ("Hoeveel gesprekken zijn er gevoerd?", "count"),
        ("How many meetings were held?", "count"),
        ("Hoeveel deelnemers waren er bij gesprek I?", "count"),
        ("Welke organisaties zeiden iets over armoede?", "spoke_about"),
        ("Hoeveel organisaties zeiden iets over armoede?", "spoke_about"),
        ("Hoeveel uitspraken gingen over armoede?", "count"),
        ("Wie sprak er over laaggeletterdheid?", "spoke_about"),
        ("Which organisations talked about poverty?", "spoke_about"),
        ("Welke organisaties hebben iets gezegd over armoede?", "spoke_about"),
        ("Which organisations mentioned poverty?", "spoke_about"),
        ("Wie heeft er iets over armoede gezegd?", "spoke_about"),
        ("Over welke opgave is het meest gezegd?", "top_opgave"),
        ("Which task drew the most comments?", "top_opgave"),
        ("Wie heeft er het meest gezegd?", "top_speaker"),
        ("Wie was de voorzitter van gesprek II?", "attended"),
        ("Welke organisatie had de meeste inbreng?", "top_speaker"),
        ("Who said the most?", "top_speaker"),
        ("Wat vinden de meeste deelnemers van de visie?", "said"),
        ("Bij welk gesprek was Humanitas aanwezig?", "when"),
        ("Wanneer werd er over laaggeletterdheid gesproken?", "when"),
        ("Wie is de voorzitter van Humanitas?", "said"),  # unscoped here: see below
        # what was said, however close the wording comes
        ("Wat zei Humanitas over de sociale teams?", "said"),
        ("Welke opgaven ontbreken volgens de deelnemers?", "said"),
        ("Welke organisaties zeiden dat ook?", "said"),
        ("Wanneer wordt de nieuwe sporthal geopend?", "said"),
        ("Hoeveel kost een parkeervergunning?", "said"),
        ("Welke zorgen zijn er over eenzaamheid?", "said"),
        ("What did the GGD say about poverty?", "said"),
        ("Wat werd er gezegd over armoede?", "said"),
        ("What was said about people who struggle to read letters?", "said"),
        ("Wat zeiden mensen die aanwezig waren over de visie?", "said"),
        ("Wie vond dat de sociale teams bevoogdend zijn?", "said"),
        ("Welke opgaven werden genoemd?", "said"),
        # what a gesprek covered, who was there, who said nothing
        ("Welke onderwerpen kwamen aan bod in gesprek V?", "topics"),
        ("Waar ging het gesprek met Humanitas over?", "topics"),
        ("Geef een samenvatting van gesprek II.", "topics"),
        ("What was the meeting with the GGD about?", "topics"),
        ("What was said about poverty in the first conversation?", "said"),
        ("Welke gesprekken gingen over armoede?", "when"),
        ("In welk gesprek kwam laaggeletterdheid ter sprake?", "when"),
        ("Wie vertegenwoordigde de Voedselbank?", "attended"),
        ("Welke organisaties hebben niets gezegd?", "organisations"),
        ("Met welke organisaties sprak de gemeente op 9 april 2019?", "organisations"),
        ("Welke gesprekken zijn er gevoerd?", "count"),
        ("Welke verslagen zijn er?", "count"),
        ("Welke organisaties hebben het over eenzaamheid gehad?", "spoke_about"),
        ("Welke organisaties zeiden niets over armoede?", "organisations"),
        ("Wie leidde de gesprekken?", "attended"),
    ],
)
def test_classify(question: str, kind: str) -> None:
    assert classify(question) == kind


def test_when_needs_the_record_or_a_name() -> None:
    assert classify("Wanneer was dat?") == "said"
    assert classify("Wanneer was dat?", scoped=True) == "when"
    assert classify("Wie is de voorzitter van Humanitas?", scoped=True) == "attended"
    assert classify("In welk gesprek zat de Voedselbank?", scoped=True) == "when"
    assert classify("Was de GGD bij het tweede gesprek?", scoped=True) == "attended"
    assert classify("Wie waren daarbij?", scoped=True) == "attended"


@pytest.mark.parametrize(
    ("question", "text", "answers"),
    [
        ("Hoeveel geld krijgt de pilot?", "Politie wil samen een pilot in Sappemeer.", False),
        ("Hoeveel geld krijgt de pilot?", "De pilot krijgt 20.000 euro.", True),
        ("Hoe lang is de wachtlijst?", "De wachtlijst is drie maanden.", True),
        ("Hoe lang is de wachtlijst?", "Er is een wachtlijst voor dagbesteding.", False),
        ("Wat kost een werker per jaar?", "Een werker kost € 60.000.", True),
        ("Welk bedrag is er voor de training?", "Zij trainen twee keer per jaar.", False),
        ("Wat gaat de pilot kosten?", "De pilot start in het najaar.", False),
        ("Wat zei de wethouder over de kosten?", "De kosten zijn hoog.", True),  # said, no sum
        ("Hoeveel geld krijgt de pilot?", "De pilot krijgt twee ton.", True),
        ("Wanneer start de pilot?", "De pilot start in het najaar.", True),
        ("Wanneer start de pilot?", "De pilot is een goed idee.", False),
        ("Hoe kijkt Humanitas naar de pilot?", "De pilot is een goed idee.", True),
        ("Wanneer komt de voedselbank met een plan?", "Jan Willem de Vries vindt het goed.", False),
        ("Wanneer helpt de voedselbank?", "Wat wij elke week zien.", False),
        ("Wanneer komt het plan?", "Het plan komt voor de zomer.", True),
        (
            "Hoeveel kinderen eten niet?",
            "Basisschool Tweeklank ziet kinderen zonder ontbijt.",
            False,
        ),
        ("Hoeveel kinderen zijn achter?", "Veel kinderen hebben een achterstand.", False),
    ],
)
def test_a_question_for_a_number_or_date_needs_one(question, text, answers) -> None:
    assert answerable_by(question, text) is answers


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("Gemeente: Wat mist u nog in de tekst?", False),  # one question, nothing else
        ("[Gespreksleider] vraagt wat de gemeente kan doen om mantelzorgers te ontlasten.", False),
        ("Vz vraagt hoe de teams dat nu oppakken.", False),
        ("Complimenten voor dit stuk. Hoe kunnen we dit weer omdraaien?", True),  # a view first
        ("Zij vraagt of de gemeente de tekst eenvoudiger wil maken.", True),  # a request
        ("Humanitas vraagt aandacht voor de tekst.", True),
    ],
)
def test_a_statement_that_only_asks_answers_nothing(text, answers) -> None:
    assert answerable_by("Wat werd er gezegd over de tekst?", text) is answers


def test_a_gesprek_named_by_its_date(rt) -> None:
    a = rt.assistant
    gesprek_ii = _verslag(rt, 2).id
    for q in ("Wie waren er bij het gesprek van 9 januari?", "Wie waren er op 09-01-2019?"):
        answer = a.ask(q)
        assert answer.kind == "attended" and answer.filters.verslag_ids == (gesprek_ii,)
        assert "Bert Kolk" in answer.text and "Arie Koster" not in answer.text
    said = a.analyse("Wat zei Humanitas op 9 januari 2019 over armoede?")
    assert said.filters.verslag_ids == (gesprek_ii,)
    assert [g[0] for g in said.terms] == ["armoede"]  # the date is no topic


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Hoeveel gesprekken waren er?", "conversations"),
        ("Hoeveel mensen waren er bij het derde gesprek?", "people"),
        ("How many organisations took part?", "organisations"),
        ("Hoeveel uitspraken gingen over armoede?", "statements"),
    ],
)
def test_count_subject(question: str, subject: str) -> None:
    assert count_subject(question) == subject


@pytest.fixture(scope="module")
def rt(corpus_store):
    return Runtime(Settings(store=corpus_store))


def _verslag(rt, number):
    return next(v for v in rt.index.verslagen() if v.number == number)


def test_attended_lists_the_aanwezig_row_and_cites_it(rt) -> None:
    answer = rt.assistant.ask("Wie waren er bij het eerste gesprek?")
    v = _verslag(rt, 1)
    assert answer.kind == "attended" and answer.found
    assert all(a.name in answer.text for a in v.attendees) and len(v.attendees) == 3
    (c,) = answer.citations
    assert c.row == "Aanwezig" and c.statement_id is None and c.verslag_id == v.id
    assert c.text.startswith("Aanwezig") and all(a.name in c.text for a in v.attendees)
    assert v.text[c.span[0] : c.span[1]].strip() == c.text  # highlightable in the verslag
    assert "[1]" in answer.text


def test_when_with_an_organisation_cites_the_date_row(rt) -> None:
    answer = rt.assistant.ask("Wanneer was het gesprek met Humanitas?")
    assert answer.kind == "when" and answer.found
    assert "9 januari 2019" in answer.text and "7 januari 2019" not in answer.text
    assert answer.citations[0].row == "Datum gesprek"
    assert "9 januari 2019" in answer.citations[0].text


def test_when_as_a_follow_up_keeps_the_gesprek(rt) -> None:
    a = rt.assistant
    first = a.analyse("Wie waren er bij het tweede gesprek?")
    *_, answer = a.stream(first)
    follow = a.analyse("En wanneer was dat?", [Turn(first, answer)])
    *_, second = a.stream(follow)
    assert second.kind == "when" and "9 januari 2019" in second.text
    assert "7 januari 2019" not in second.text


def test_organisations_and_counts_match_the_store(rt) -> None:
    verslagen = rt.index.verslagen()
    orgs = {a.organisation for v in verslagen for a in v.attendees if a.organisation}
    answer = rt.assistant.ask("Welke organisaties zijn geraadpleegd?")
    assert answer.kind == "organisations"
    assert all(o in answer.text for o in orgs) and f"{len(orgs)} organisaties" in answer.text
    assert {c.row for c in answer.citations} == {"Aanwezig"}
    count = rt.assistant.ask("Hoeveel gesprekken zijn er gevoerd?")
    assert count.kind == "count" and f"{len(verslagen)} gesprekken" in count.text
    assert len(count.citations) == len(verslagen)


def test_spoke_about_names_the_organisations_with_their_statements(rt) -> None:
    answer = rt.assistant.ask("Welke organisaties zeiden iets over armoede?")
    assert answer.kind == "spoke_about" and answer.found
    assert HUMANITAS in answer.text and WESTERBROEK in answer.text
    assert all(c.statement_id and c.attribution != "none" for c in answer.citations)
    assert all("armoede" in c.text.lower() or "arm" in c.text.lower() for c in answer.citations)


def test_top_opgave_is_the_most_tagged_opgave(rt) -> None:
    kinds = {o.name: o.kind for o in rt.taxonomy.opgaven}
    counts = Counter(o for s in rt.index.statements() for o in s.opgaven if kinds.get(o) != "thema")
    top, n = counts.most_common(1)[0]
    answer = rt.assistant.ask("Over welke opgave is het meest gezegd?")
    assert answer.kind == "top_opgave"
    assert f"{top} is het meest gezegd: {n} uitspraken" in answer.text
    assert answer.citations and all(top in c.text or c.statement_id for c in answer.citations)


def test_top_speaker_is_who_the_verslagen_attribute_most_to(rt) -> None:
    said = Counter(
        s.organisation for s in rt.index.statements() if s.attribution != "none" and s.organisation
    )
    (top, n), (_, second) = said.most_common(2)
    assert n > second  # the sample record has one clear first
    answer = rt.assistant.ask("Wie heeft er het meest gezegd?")
    assert answer.kind == "top_speaker"
    assert answer.text.startswith(f"Het meest gezegd heeft {top}: {n} uitspraken")
    assert answer.citations and all(c.group == top for c in answer.citations)


def test_unknown_organisation_when_is_not_found(rt) -> None:
    answer = rt.assistant.ask("Wanneer was het gesprek met de politie?")
    assert not answer.found and answer.citations == []


def test_cli_json_reports_kind_and_row_citations(cli, corpus_store) -> None:
    run = cli("ask", "Wie waren er bij gesprek II?", "--json", "--store", corpus_store)
    out = json.loads(run.stdout)
    assert run.returncode == 0 and out["kind"] == "attended"
    c = out["citations"][0]
    assert c["n"] == 1 and c["statement_id"] is None and c["row"] == "Aanwezig"
    assert c["verslag_id"] and "Bert Kolk" in c["text"]
    said = json.loads(cli("ask", "Wat zei Humanitas over armoede?", "--json",
                          "--store", corpus_store).stdout)  # fmt: skip
    assert said["kind"] == "said" and said["citations"][0]["statement_id"]


def _records(*verslagen):
    from assistant.answering.structured import RecordAnswers
    from assistant.answering.vocabulary import build_vocabulary
    from vectorstore.search import RelevanceRule

    vocab = build_vocabulary(list(verslagen), [], None)
    by_id = {v.id: v for v in verslagen}
    return RecordAnswers(vocab, [], lambda a, k: ([], []), by_id, None, RelevanceRule())


def test_record_answers_without_number_or_date() -> None:
    from assistant.answering.query import Analysis
    from ingest.records import Attendee, Verslag
    from vectorstore.search import Filters

    plain = Verslag(
        "v-x",
        None,
        "Verslag gesprek met de bibliotheek",
        None,
        "bieb.txt",
        attendees=(Attendee("Els Dijk", "directeur", "Bibliotheek"),),
        text="Verslag gesprek met de bibliotheek\n\nAanwezig: Els Dijk, directeur",
    )
    dated = Verslag("v-2", 2, "Verslag gesprek II", "2019-01-09", "ii.txt",
                    text="Verslag gesprek II\n\nDatum gesprek: 9 januari 2019")  # fmt: skip
    records = _records(plain, dated)
    when = records.answer(Analysis("Wanneer?", "", Filters(verslag_ids=("v-x",))), "when")
    assert not when.found and "noemt het verslag geen datum" in when.text
    assert "Verslag gesprek met de bibliotheek" in when.text and "?" not in when.text
    count = records.answer(Analysis("Hoeveel gesprekken?", ""), "count")
    assert "2 gesprekken" in count.text
    assert count.text.index("gesprek II") < count.text.index("bibliotheek")  # numbered first
    att = records.answer(Analysis("Wie?", "", Filters(verslag_ids=("v-x",))), "attended")
    assert att.found and "Els Dijk" in att.text
    assert att.citations[0].text == "Aanwezig: Els Dijk, directeur"


def test_when_by_topic_lists_the_gesprekken_that_discussed_it(rt) -> None:
    answer = rt.assistant.ask("Wanneer werd er over laaggeletterdheid gesproken?")
    assert answer.kind == "when" and answer.found
    assert answer.text.startswith("Over laaggeletterdheid werd gesproken in:")
    assert all(c.row == "Datum gesprek" for c in answer.citations)
    assert "7 januari 2019" in answer.text  # gesprek I discussed the opgave laaggeletterdheid
    nothing = rt.assistant.ask("Wanneer is er over parkeren gesproken?")
    assert not nothing.found and nothing.citations == []


def test_attended_at_the_gesprek_with_an_organisation_lists_everyone(rt) -> None:
    v = _verslag(rt, 2)
    everyone = rt.assistant.ask("Wie waren er bij het gesprek met Humanitas?")
    assert everyone.kind == "attended" and all(a.name in everyone.text for a in v.attendees)
    only = rt.assistant.ask("Wie was er namens Humanitas?")
    assert only.kind == "attended" and "Bert Kolk" in only.text
    assert not any(a.name in only.text for a in v.attendees if a.organisation != "Humanitas")


def test_count_statements_about_a_topic(rt) -> None:
    answer = rt.assistant.ask("Hoeveel uitspraken gingen over armoede?")
    truth = {s.id for s in rt.index.statements() if "armoede" in s.text.lower()}
    assert answer.kind == "count" and answer.found
    assert truth <= {c.statement_id for c in answer.citations}
    assert f"{len(answer.citations)} uitspraken over armoede" in answer.text


def test_attendance_yes_or_no_cites_the_row_that_shows_it(rt) -> None:
    answer = rt.assistant.ask("Was Humanitas bij het eerste gesprek?")
    assert answer.kind == "attended" and answer.found
    assert "niemand namens Humanitas aanwezig" in answer.text
    assert "wel aanwezig bij gesprek II" in answer.text
    assert answer.citations[0].row == "Aanwezig"
    assert answer.citations[0].verslag_id == _verslag(rt, 1).id


def test_topics_of_a_gesprek_are_its_tagged_opgaven(rt) -> None:
    v = _verslag(rt, 2)
    counts = Counter(o for s in rt.index.statements() if s.verslag_id == v.id for o in s.opgaven)
    answer = rt.assistant.ask("Welke onderwerpen kwamen aan bod in gesprek II?")
    assert answer.kind == "topics" and answer.found
    for opgave, n in counts.items():
        assert f"{opgave}: {n} uitspra" in answer.text
    assert all(c.verslag_id == v.id and c.statement_id for c in answer.citations)


def test_organisations_that_said_nothing(rt) -> None:
    v = _verslag(rt, 1)
    spoke = {s.organisation for s in rt.index.statements() if s.attribution != "none"}
    silent = {a.organisation for a in v.attendees if a.organisation not in spoke}
    assert silent  # gesprek I attributes no statements to its attendees
    answer = rt.assistant.ask("Welke organisaties hebben niets gezegd?")
    assert answer.kind == "organisations"
    assert all(o in answer.text for o in silent) and HUMANITAS not in answer.text


def test_the_last_gesprek(rt) -> None:
    answer = rt.assistant.ask("Wat is de datum van het laatste gesprek?")
    assert answer.kind == "when" and "9 januari 2019" in answer.text


def test_a_number_the_verslagen_do_not_give_is_not_answered(rt) -> None:
    answer = rt.assistant.ask("Hoeveel geld krijgen de sociale teams?")
    assert not answer.found and answer.citations == []
    assert "niet wat er gevraagd wordt" in answer.text
    assert answer.nearest and all("sociale team" in c.text.lower() for c in answer.nearest)


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("Wat zei Humanitas over de brieven van de Belastingdienst?", False),  # never named
        ("Wat zei Humanitas over brieven van de gemeente?", True),
        ("What did Humanitas say about letters from the Council?", True),  # English title case
    ],
)
def test_a_proper_name_in_the_question_must_be_in_the_statement(rt, question, found) -> None:
    answer = rt.assistant.ask(question)
    assert answer.found is found
    if not found:
        assert answer.nearest and all("brieven" in c.text for c in answer.nearest)


def test_who_led_a_gesprek_from_its_aanwezig_row() -> None:
    people = (
        Attendee(
            "Anna Smit", "gespreksleider, gemeente Midden-Groningen", "gemeente Midden-Groningen"
        ),
        Attendee("Jelle Kuipers", "wethouder", "gemeente Midden-Groningen"),
        Attendee("Karin Dekker", "voorzitter", "Sportkoepel Midden-Groningen"),
    )
    led = Verslag("v19", 19, "Gesprek 19", "2019-04-09", "v19.md", attendees=people)
    bare = Verslag("v20", 20, "Gesprek 20", "2019-04-16", "v20.md", attendees=people[2:])
    vocab = build_vocabulary([led, bare], [], None)
    records = RecordAnswers(vocab, [], lambda a, k: ([], []), {"v19": led, "v20": bare}, None,
                            RelevanceRule())  # fmt: skip
    for question, expected in [
        ("Wie leidde gesprek 19?", "geleid door Anna Smit"),
        ("Wie was de gespreksleider bij gesprek 19?", "namens de gemeente verder: Jelle Kuipers"),
        ("Wie leidde gesprek 20?", "het verslag noemt niet wie het leidde"),
    ]:
        analysis = analyse(question, vocab)
        assert analysis.kind == "attended", question
        answer = records.answer(analysis, analysis.kind)
        assert expected in answer.text and "Karin Dekker" not in answer.text, question
        assert [c.row for c in answer.citations] == ["Aanwezig"]


def test_what_a_gesprek_covered_when_no_topic_is_asked(rt) -> None:
    for question in (
        "Wat is er in gesprek II besproken?",
        "Wat werd er in het tweede gesprek gezegd?",
    ):
        answer = rt.assistant.ask(question)
        assert answer.kind == "topics" and answer.found, question
        assert answer.text.startswith("Onderwerpen in gesprek II")
    assert rt.assistant.ask("Wat werd er in gesprek II over armoede gezegd?").kind == "said"


def test_an_english_topic_the_glossary_lacks_is_still_a_topic(rt) -> None:
    answer = rt.assistant.ask("What did Humanitas say about skateboarding?")
    assert not answer.found and answer.citations == []  # not "everything Humanitas said"


def test_who_said_nothing_on_a_topic(rt) -> None:
    answer = rt.assistant.ask("Welke organisaties zeiden niets over armoede?")
    assert answer.kind == "organisations" and "over armoede" in answer.text
    assert "GGD Groningen" in answer.text and HUMANITAS not in answer.text  # Humanitas did


def test_a_role_asked_about_in_a_yes_or_no_question(rt) -> None:
    answer = rt.assistant.ask("Was de huisarts bij gesprek II?")
    assert answer.kind == "attended"
    assert "noemt de rij Aanwezig geen huisarts" in answer.text
    assert answer.citations[0].row == "Aanwezig"
    yes = rt.assistant.ask("Was de voorzitter bij gesprek II?").text
    assert yes.startswith("Ja: bij gesprek II") and "Bert Kolk" in yes
