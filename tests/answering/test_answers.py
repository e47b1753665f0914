"""Answers on the real record: citations, organisation filters, not-found, the JSON contract."""

from __future__ import annotations

import json

import pytest

import prompts
from assistant.runtime import Runtime
from assistant.settings import Settings
from vectorstore.search import Filters

HUMANITAS = "Humanitas"
WESTERBROEK = "Vereniging Dorpsbelangen Westerbroek"


@pytest.fixture(scope="module")
def rt(corpus_store):
    return Runtime(Settings(store=corpus_store))


def test_humanitas_on_sociale_teams(rt) -> None:
    answer = rt.assistant.ask("Wat zei Humanitas over de sociale teams?")
    assert answer.found and answer.mode == "extractive"
    assert answer.citations and all(c.organisation == HUMANITAS for c in answer.citations)
    assert any("sociale teams te weinig contact" in c.text for c in answer.citations)
    c = answer.citations[0]
    assert (c.verslag_number, c.verslag_date) == (2, "2019-01-09")
    assert c.section in ("Hoe kijk je tegen de visie aan?", "Hoe kijk je tegen de 8 opgaven aan?")
    assert c.statement_id.startswith(c.verslag_id)
    stored = rt.index.catalogue.get(c.statement_id)
    assert stored is not None and stored.text == c.text  # verbatim
    for c in answer.citations:
        assert f'"{c.text}" [{c.n}]' in answer.text  # quoted verbatim with its marker
    assert answer.text.startswith("Dit zijn de uitspraken van Humanitas")


@pytest.mark.parametrize(
    ("question", "org"),
    [
        ("Wat vond Westerbroek van de professionals?", WESTERBROEK),
        ("Wat zei Humanitas over armoede?", HUMANITAS),
        ("What did Humanitas say about poverty?", HUMANITAS),
        ("Wat zei Bert Kolk over de werkgroep kinderen in achterstand?", HUMANITAS),
    ],
)
def test_organisation_filtered_answers_cite_only_that_organisation(rt, question, org) -> None:
    answer = rt.assistant.ask(question)
    assert answer.found
    assert {c.organisation for c in answer.citations} == {org}


def test_attended_but_unattributed_says_so(rt) -> None:
    answer = rt.assistant.ask("Wat zei de GGD over armoede?")
    assert not answer.found and answer.citations == []
    assert "geen uitspraken van GGD Groningen" in answer.text
    assert "aanwezig bij gesprek I (7 januari 2019)" in answer.text
    assert "schrijft geen uitspraken toe" in answer.text
    # said once: the organisation's own line replaces the general refusal sentence
    assert prompts.refusal() not in answer.text


def test_unknown_speaker_says_so(rt) -> None:
    answer = rt.assistant.ask("Wat zei de Voedselbank over schuldhulp?")
    assert not answer.found and answer.citations == []
    assert answer.text.startswith("Als spreker komt in de verslagen niet voor: Voedselbank.")


def test_a_noun_for_no_speaker_says_so_and_shows_the_topic_as_others_spoke_of_it(rt) -> None:
    answer = rt.assistant.ask("Wat vond de woningcorporatie van de sociale teams?")
    assert not answer.found and answer.citations == []
    assert answer.text.startswith(
        "Als spreker komt in de verslagen niet voor: de woningcorporatie."
    )
    assert "Wel zeiden anderen in de verslagen iets over dit onderwerp" in answer.text
    assert any("sociale teams" in c.text for c in answer.nearest)


def test_known_speaker_without_statements_on_the_topic(rt) -> None:
    answer = rt.assistant.ask("Wat zei Westerbroek over de Omgevingswet?")
    assert not answer.found and answer.citations == []
    assert f"geen uitspraken van {WESTERBROEK} over dit onderwerp" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hoeveel kost een parkeervergunning in Hoogezand?",
        "Wanneer wordt de nieuwe sporthal geopend?",
        "What did the police say?",
    ],
)
def test_questions_outside_the_record(rt, question) -> None:
    answer = rt.assistant.ask(question)
    assert not answer.found and answer.text.endswith(prompts.refusal())


def test_unattributed_statements_are_presented_as_such(rt) -> None:
    answer = rt.assistant.ask("Wat werd er in gesprek I gezegd over de rol van de gemeente?")
    assert answer.found
    assert all(c.attribution == "none" and c.organisation is None for c in answer.citations)
    assert "**Niet toegeschreven**" in answer.text
    assert "aan niemand toegeschreven" in answer.text


def test_ui_filters_combine_with_the_question(rt) -> None:
    gesprek_ii = next(v.id for v in rt.index.verslagen() if v.number == 2)
    answer = rt.assistant.ask(
        "Wat werd er gezegd over jongeren?", filters=Filters(verslag_ids=(gesprek_ii,))
    )
    assert answer.found and {c.verslag_id for c in answer.citations} == {gesprek_ii}
    both = rt.assistant.ask(
        "Wat zei Westerbroek over jongeren?", filters=Filters(verslag_ids=(gesprek_ii,))
    )
    assert both.filters.organisations == (WESTERBROEK,)
    assert both.filters.verslag_ids == (gesprek_ii,)


def test_ask_json_shape_and_batch_mode(corpus_store, cli) -> None:
    questions = ["Wat zei Humanitas over de sociale teams?", "Wat is het parkeerbeleid?", ""]
    out = cli("ask", "-", "--json", "--store", corpus_store, stdin="\n".join(questions))
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 2
    first = lines[0]
    assert set(first) >= {"question", "answer", "found", "filters", "citations", "retrieved"}
    assert first["filters"]["organisation"] == [HUMANITAS]
    cit = first["citations"][0]
    assert set(cit) >= {"n", "statement_id", "verslag_id", "organisation", "speaker", "text"}
    assert [c["n"] for c in first["citations"]] == list(range(1, len(first["citations"]) + 1))
    ret = first["retrieved"]
    assert set(ret[0]) == {"statement_id", "score", "text", "organisation", "verslag_id"}
    assert [r["score"] for r in ret] == sorted((r["score"] for r in ret), reverse=True)
    assert {c["statement_id"] for c in first["citations"]} <= {r["statement_id"] for r in ret}


def test_cli_filters_and_listing_commands(corpus_store, cli) -> None:
    out = cli("ask", "Wat werd er gezegd over jongeren?", "--json", "--store", corpus_store,
              "--organisation", "westerbroek", "--k", "3")  # fmt: skip
    data = json.loads(out.stdout)
    assert data["filters"]["organisation"] == [WESTERBROEK]
    assert len(data["retrieved"]) <= 3
    assert all(c["organisation"] == WESTERBROEK for c in data["citations"])
    verslagen = json.loads(cli("verslagen", "--json", "--store", corpus_store).stdout)
    assert [(v["number"], v["date"]) for v in verslagen] == [(1, "2019-01-07"), (2, "2019-01-09")]
    assert verslagen[1]["attendees"][0] == {
        "name": "Bert Kolk",
        "role": "voorzitter Humanitas (en andere organisaties)",
        "organisation": HUMANITAS,
    }
    stmts = json.loads(
        cli("statements", "--json", "--verslag", "II", "--store", corpus_store).stdout
    )
    assert len(stmts) == 15 and all(s["verslag_id"] == verslagen[1]["id"] for s in stmts)
    assert set(stmts[0]) == {
        "id", "verslag_id", "section", "text", "speaker", "organisation", "persons",
        "attribution", "opgaven", "opgave_reasons",
    }  # fmt: skip
    tagged = [s for s in stmts if s["opgaven"]]
    assert tagged and all(len(s["opgave_reasons"]) == len(s["opgaven"]) for s in tagged)
    assert all(r.startswith("trefwoord “") for s in tagged for r in s["opgave_reasons"])


HOSTED = """Verslag gesprek visie sociaal domein IX

Datum: 14 mei 2019
Aanwezig: Marieke Dijkema (coördinator, Stichting Mantelzorg); Sandra Kooi (beleidsmedewerker gemeente Midden-Groningen); Henk van der Molen (wethouder)

Hoe kijk je tegen de visie aan?

Stichting Mantelzorg: de visie is herkenbaar, maar mantelzorgers worden nergens genoemd.
"""


def test_consulted_organisations_leave_out_the_municipalitys_hosts(corpus_store_copy, tmp_path):
    """The municipality's own people host the conversation; they are not consulted."""
    path = tmp_path / "verslag-ix.txt"
    path.write_text(HOSTED, encoding="utf-8")
    rt = Runtime(Settings(store=corpus_store_copy))
    assert [r.status for r in rt.ingest([path])] == ["added"]
    answer = rt.assistant.ask("Welke organisaties zijn geraadpleegd?")
    assert answer.kind == "organisations" and answer.found
    assert "Stichting Mantelzorg" in answer.text and "Humanitas" in answer.text
    assert "gemeente Midden-Groningen" not in answer.text and "wethouder" not in answer.text
