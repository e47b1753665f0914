"""Prompt templates as data files, loaded with a check of their variables.

A template that lacks a variable the code fills in, or has one it does not, fails loudly at
load time rather than producing a silently wrong prompt.
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources

TEMPLATES: dict[str, frozenset[str]] = {
    "refusal": frozenset(),
    "answer_system": frozenset({"refusal"}),
    "answer_user": frozenset({"context", "question"}),
    "condense": frozenset({"history", "question"}),
    "summary": frozenset({"scope", "facts", "recurring", "context"}),
    "relevance": frozenset({"context", "question"}),
}


class PromptError(ValueError):
    """A template's variables differ from what the code fills in."""


def variables(text: str) -> frozenset[str]:
    return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)


@cache
def load(name: str) -> str:
    """The template text, checked against its expected variables."""
    if name not in TEMPLATES:
        raise PromptError(f"unknown prompt {name!r}")
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    found = variables(text)
    if found != TEMPLATES[name]:
        raise PromptError(
            f"prompt {name!r} has variables {sorted(found)}, expected {sorted(TEMPLATES[name])}"
        )
    return text.strip()


def refusal() -> str:
    """The fixed sentence for a question the record cannot answer (tests assert on it)."""
    return load("refusal")


def render(name: str, **values: str) -> str:
    return load(name).format(**values)
