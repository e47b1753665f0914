"""The app's event handlers against a real store (no browser): ask, follow up, open a source,
upload; UI filters combine with the question's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("gradio")

import gradio as gr

from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.web.adding import AddFlow
from assistant.web.app import ChatApp, build_app, example_questions
from assistant.web.kept import N_CHAT_OUTPUTS

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WESTERBROEK = "Vereniging Dorpsbelangen Westerbroek"


@pytest.fixture
def ui(corpus_store_copy: Path) -> ChatApp:
    return ChatApp(Runtime(Settings(store=corpus_store_copy)))


def ask(ui: ChatApp, question: str, turns: list, messages: list, *filters: str):
    out = list(ui.ask(question, turns, messages, *(filters or ("", "", "")), None, None))
    assert len(out) >= 2  # a pending message first, then the answer
    return out[-1][:7]  # chatbot, turns, messages, question, sources, passage, download


def test_ask_follow_up_and_open_source(ui: ChatApp) -> None:
    shown, turns, messages, box, sources, passage, download = ask(
        ui, "Wat zei Humanitas over de sociale teams?", [], []
    )
    assert box == "" and len(turns) == 1 and len(messages) == 2 and shown == messages
    answer = turns[0].answer
    assert answer.found and {c.organisation for c in answer.citations} == {"Humanitas"}
    assert {c.verslag_number for c in answer.citations} == {2}
    assert "rp-t0 rp-n1" in messages[1]["content"]
    assert sources.count("src-card") == len(answer.citations)

    sources, passage, download = ui.open_source(turns, gr.EventData(None, {"turn": 0, "n": 2}))
    c = answer.citations[1]
    assert "src-card selected" in sources and f'id="bron-0-{c.n}"' in sources
    assert '<mark id="passage">' in passage and c.text[:40] in passage
    assert download["visible"] is True and Path(download["value"]).read_bytes()
    assert Path(download["value"]).name == "verslag-gesprek-II.txt"

    # a follow-up keeps the topic and takes the new speaker
    for question in ("Wat zei Humanitas over armoede?", "En wat vond Westerbroek daarvan?"):
        _, turns, messages, *_ = ask(ui, question, turns, messages)
    follow = turns[-1]
    assert follow.analysis.followup and follow.analysis.filters.organisations == (WESTERBROEK,)
    assert follow.answer.citations
    assert {c.organisation for c in follow.answer.citations} == {WESTERBROEK}

    # clicks that name no source change nothing
    for data in ({"turn": 9, "n": 1}, {"turn": 0, "n": 99}, {"turn": "x"}, {}):
        assert ui.open_source(turns, gr.EventData(None, data)) == (gr.skip(),) * 3


def test_ui_filters_combine_with_the_question(ui: ChatApp) -> None:
    vid = next(v.id for v in ui.rt.index.verslagen() if v.number == 2)
    out = ask(ui, "Wat werd er gezegd over armoede?", [], [], vid, WESTERBROEK, "")
    turn = out[1][-1]
    assert turn.analysis.filters.verslag_ids == (vid,)
    assert turn.analysis.filters.organisations == (WESTERBROEK,)
    assert {c.organisation for c in turn.answer.citations} <= {WESTERBROEK}
    # the question names Humanitas, the UI verslag II: both apply
    out = ask(ui, "Wat zei Humanitas over de sociale teams?", [], [], vid, "", "")
    f = out[1][-1].analysis.filters
    assert f.verslag_ids == (vid,) and f.organisations == ("Humanitas",)


def test_a_filter_the_question_overrules_is_shown_not_silent(ui: ChatApp) -> None:
    q = "Wat zei Humanitas over de sociale teams?"
    full = list(ui.ask(q, [], [], "", WESTERBROEK, "", None, None))[-1]
    turn, answer_html = full[1][-1], full[2][-1]["content"]
    assert turn.analysis.filters.organisations == ("Humanitas",)
    assert {c.organisation for c in turn.answer.citations} == {"Humanitas"}
    assert "Gezocht binnen: organisatie Humanitas" in answer_html
    assert "Je vraag noemt Humanitas" in answer_html and WESTERBROEK in answer_html
    f_verslag, f_org, f_opgave = full[7:10]
    assert f_org["value"] == "Humanitas"  # the dropdown shows what applied
    assert f_verslag == gr.skip() and f_opgave == gr.skip()
    # a choice the question agrees with (or does not touch) is left alone, without a note
    full = list(ui.ask(q, [], [], "", "Humanitas", "", None, None))[-1]
    assert full[8] == gr.skip() and "Je vraag noemt" not in full[2][-1]["content"]


def test_upload_good_bad_and_hostile_names(ui: ChatApp, tmp_path: Path) -> None:
    add = AddFlow(ui.rt)
    before = len(ui.rt.index.statements())
    bad, cleared, *_ = add.upload(str(FIXTURES / "bad" / "not-a-verslag.md"), None)
    assert cleared is None
    assert "Geweigerd" in bad and "niets aan de kennisbank veranderd" in bad
    assert "dit is geen verslag" in bad and "<details" in bad  # Dutch, detail behind a toggle
    wrong_type, *_ = add.upload(str(FIXTURES / "bad" / "unsupported.xyz"), None)
    assert "bestandstype .xyz wordt niet ondersteund" in wrong_type
    assert len(ui.rt.index.statements()) == before

    hostile = tmp_path / "..%2F..%2Fetc" / "gesprek-injectie.html"
    hostile.parent.mkdir()
    shutil.copy(FIXTURES / "injection" / "gesprek-injectie.html", hostile)
    report, *_ = add.upload(str(hostile), None)
    assert "Toegevoegd" in report and "gesprek VIII" in report
    assert len(ui.rt.index.statements()) == before + 4
    # the same verslag again: held, and only replaced after confirmation
    again = tmp_path / "gesprek-injectie.html"
    shutil.copy(FIXTURES / "injection" / "gesprek-injectie.html", again)
    report, _, box, question, pending = add.upload(str(again), None)
    assert report == "" and box["visible"] is True and "Vervangen?" in question and pending
    report, box, pending2 = add.cancel(pending)
    assert "Niet vervangen" in report and pending2 is None and not Path(pending).exists()
    shutil.copy(FIXTURES / "injection" / "gesprek-injectie.html", again)
    *_, pending = add.upload(str(again), None)
    report, box, _ = add.confirm(pending)
    assert "gesprek VIII" in report and len(ui.rt.index.statements()) == before + 4
    uploads = add.uploads_dir
    assert uploads.is_dir() and not any(uploads.iterdir())  # staged copy removed
    status, _verslagen, orgs, _opgaven, chat = ui.refresh("", "", "")
    assert "Gesprek VIII" in status
    assert "Voedselbank Midden-Groningen" in [v for _, v in orgs["choices"]]
    assert chat["examples"]

    _, _turns, messages, *_ = ask(ui, "Wat zei de Voedselbank over de sociale teams?", [], [])
    html = messages[-1]["content"]
    assert "&lt;img src=x onerror=" in html and "<img" not in html and "<script" not in html


def test_empty_store_says_so(tmp_path: Path) -> None:
    ui = ChatApp(Runtime(Settings(store=tmp_path / "leeg")))
    out = list(ui.ask("Wat zei Humanitas?", [], [], "", "", "", None, None))
    _shown, turns, messages, *_ = out[-1]
    assert turns == [] and "De kennisbank is leeg" in messages[-1]["content"]
    assert "De kennisbank is leeg" in ui.status()
    assert ui.chatbot_props()["examples"] is None


def test_app_builds_and_examples_fit_the_store(ui: ChatApp) -> None:
    assert isinstance(build_app(ui.rt), gr.Blocks)
    questions = example_questions(ui.rt)
    assert 1 <= len(questions) <= 3
    for q in questions:
        assert ui.rt.assistant.ask(q).found, q


def test_a_reload_brings_the_users_latest_conversation_back(ui: ChatApp) -> None:
    ambtenaar, collega = gr.Request(username="ambtenaar"), gr.Request(username="collega")
    first = ui.resume(ambtenaar)  # nothing kept yet: the login line, the (empty) list
    assert len(first) == 1 + N_CHAT_OUTPUTS and "Ingelogd als <strong>ambtenaar" in first[0]
    assert first[12]["choices"] == []
    q = "Wat zei Humanitas over armoede?"
    asked = list(ui.ask(q, [], [], "", "", "", None, ambtenaar))[-1]
    assert len(asked) == N_CHAT_OUTPUTS and asked[12]["visible"] and asked[13]["visible"]
    back = ui.resume(ambtenaar)
    assert len(back) == 1 + N_CHAT_OUTPUTS
    shown, turns, messages = back[1:4]
    assert shown == messages and len(messages) == 2 and q in messages[0]["content"]
    assert turns[0].answer.citations == asked[1][0].answer.citations
    assert [c[0] for c in back[12]["choices"]] and back[12]["value"] == back[11].id
    # a follow-up after the reload still knows the topic
    follow = list(ui.ask("En wat vond Westerbroek daarvan?", turns, messages, "", "", "",
                         back[11], ambtenaar))[-1]  # fmt: skip
    assert follow[1][-1].analysis.followup
    assert ui.resume(collega)[12]["choices"] == []  # another user's list is their own
