"""Prompt files are checked for their variables, and the context block keeps document text
inside it."""

from __future__ import annotations

import pytest

import prompts


def test_every_prompt_loads_with_its_variables() -> None:
    for name, expected in prompts.TEMPLATES.items():
        assert prompts.variables(prompts.load(name)) == expected


def test_a_template_with_other_variables_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(prompts.TEMPLATES, "answer_user", frozenset({"context"}))
    prompts.load.cache_clear()
    try:
        with pytest.raises(prompts.PromptError, match="answer_user"):
            prompts.load("answer_user")
    finally:
        monkeypatch.undo()
        prompts.load.cache_clear()


def test_refusal_sentence_is_fixed() -> None:
    assert prompts.refusal() == (
        "Ik heb in de verslagen geen uitspraken gevonden die deze vraag beantwoorden."
    )
