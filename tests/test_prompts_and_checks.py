"""Prompt files are checked for their variables; citation checks are pure and table-driven."""

from __future__ import annotations

import pytest

import prompts
from assistant.answer import Citation, check_citations


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


def cit(n: int, org: str | None) -> Citation:
    return Citation(n, f"s{n}", "v", 2, "2019-01-09", "vraag", org, org, "explicit", "t", (0, 1))


CITATIONS = [cit(1, "Humanitas"), cit(2, "Vereniging Dorpsbelangen Westerbroek"), cit(3, None)]
ORGS = ["Humanitas", "Vereniging Dorpsbelangen Westerbroek"]


@pytest.mark.parametrize(
    ("text", "checked", "used", "n_warnings"),
    [
        ("Humanitas mist de analyse [1].", "Humanitas mist de analyse [1].", [1], 0),
        ("Humanitas mist de analyse [1][9].", "Humanitas mist de analyse [1].", [1], 1),
        ("Het is lastig voor mensen.", "Het is lastig voor mensen. [⚠ geen bron]", [], 1),
        (
            "Westerbroek wil meer vertrouwen [1].",
            "Westerbroek wil meer vertrouwen [1]. [⚠ niet onderbouwd met een uitspraak van "
            "Vereniging Dorpsbelangen Westerbroek]",
            [1],
            1,
        ),
        ("Westerbroek wil vertrouwen [2]. In gesprek I werd gesuggereerd [3].", None, [2, 3], 0),
        (prompts.refusal(), prompts.refusal(), [], 0),
    ],
)
def test_check_citations(text: str, checked: str | None, used: list[int], n_warnings: int) -> None:
    out, cited, warnings = check_citations(text, CITATIONS, ORGS)
    if checked is not None:
        assert out == checked
    assert [c.n for c in cited] == used
    assert len(warnings) == n_warnings
