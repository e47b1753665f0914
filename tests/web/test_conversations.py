"""Conversations kept per user (round trip, hostile names and ids, listing) and their export
as Markdown and .docx (A4), on real answers from the sample record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answering.answer import Answer
from assistant.answering.citations import Citation
from assistant.web.conversations import (
    Conversation,
    ConversationStore,
    Exchange,
    answer_from_json,
    answer_to_json,
    new_id,
    user_dir_name,
)
from assistant.web.transcript import md_escape, transcript_markdown, write_transcript
from vectorstore.search import Filters

SCRIPT = "<script>alert(1)</script> **vet** # kop"


def answer(text: str = "Humanitas zei iets [1].") -> Answer:
    c = Citation(
        n=1, statement_id="s1", verslag_id="v2", verslag_number=2, verslag_date="2019-01-09",
        section="Hoe kijk je tegen de 8 opgaven aan?", speaker="Humanitas",
        organisation="Humanitas", attribution="explicit", text=SCRIPT, span=(10, 20),
        persons=("Bert Kolk",),
    )  # fmt: skip
    return Answer("vraag", text, True, Filters(organisations=("Humanitas",)), [c])


def test_answer_json_round_trip() -> None:
    a = answer()
    back = answer_from_json(json.loads(json.dumps(answer_to_json(a))))
    assert back.citations == a.citations and back.filters == a.filters
    assert (back.text, back.found, back.mode) == (a.text, a.found, a.mode)


@pytest.mark.parametrize(
    ("user", "folder"),
    [
        (None, "anonymous"),
        ("", "anonymous"),
        ("ambtenaar", "ambtenaar"),
        ("../../etc", "etc"),
        ("..", "anonymous"),
        ("jan de vries", "jan_de_vries"),
    ],
)
def test_user_folder_is_a_name_never_a_path(user: str | None, folder: str) -> None:
    assert user_dir_name(user) == folder


def test_store_saves_lists_and_loads_per_user(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "conversations")
    first = Conversation(new_id(), "ambtenaar", [Exchange("Eerste vraag?", {"org": ""}, answer())])
    store.save(first)
    second = Conversation(new_id(), "ambtenaar", [Exchange("Tweede vraag?", {}, answer())])
    store.save(second)
    store.save(Conversation(new_id(), "collega", [Exchange("Van collega", {}, answer())]))
    listed = store.listed("ambtenaar")
    assert [t for _, t, _ in listed] == ["Tweede vraag?", "Eerste vraag?"]  # newest first
    assert [t for _, t, _ in store.listed("collega")] == ["Van collega"]
    back = store.load("ambtenaar", first.id)
    assert back and back.exchanges[0].answer.citations[0].text == SCRIPT
    assert store.load("collega", first.id) is None  # another user's conversation
    for bad in ("../x", "", "0" * 31, first.id + "/.."):
        assert store.load("ambtenaar", bad) is None
    (tmp_path / "conversations" / "ambtenaar" / f"{'f' * 32}.json").write_text("{kapot")
    assert store.load("ambtenaar", "f" * 32) is None and len(store.listed("ambtenaar")) == 2


def test_markdown_escapes_the_record_and_the_docx_is_a4(tmp_path: Path) -> None:
    conv = Conversation(new_id(), "ambtenaar", [Exchange("Wat zei *Humanitas*?", {}, answer())])
    md = transcript_markdown(conv)
    assert "## Vraag 1: Wat zei \\*Humanitas\\*?" in md
    assert "> " + md_escape(SCRIPT) in md and "Humanitas zei iets [1]." in md
    assert "*Gezocht binnen: organisatie Humanitas*" in md
    md_path, docx_path = write_transcript(conv, tmp_path / "out")
    assert md_path.read_text(encoding="utf-8") == md
    from docx import Document

    doc = Document(str(docx_path))
    texts = [p.text for p in doc.paragraphs]
    assert "Vraag 1: Wat zei *Humanitas*?" in texts  # the escapes are gone, the text kept
    assert SCRIPT in texts and "Bronnen" in texts
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
