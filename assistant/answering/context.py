"""The statements a language model sees: one sanitiser for every piece of document text that
reaches a prompt, and one layout of the numbered context block (chat answers and summaries).

The prompt declares the block between `<uitspraken>` and `</uitspraken>` to be data; nothing
from a verslag (statement, question row, speaker, organisation) may close it or add lines that
look like instructions outside a quoted statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.answering.citations import Citation

_DELIMITER = re.compile(r"<\s*/?\s*uitspraken\b[^>]*>?", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_FIELD = 2000  # characters of one document field in a prompt


def sanitise(text: str | None, limit: int = MAX_FIELD) -> str:
    """Document text made safe for a prompt: no block delimiters, no control characters, no
    line breaks (a line of its own could pass for an instruction), bounded length."""
    if not text:
        return ""
    out = _CONTROL.sub(" ", text)
    while True:  # "<uit<uitspraken>spraken>" must not reassemble into a delimiter
        stripped = _DELIMITER.sub(" ", out)
        if stripped == out:
            break
        out = stripped
    out = " ".join(out.split())
    return out if len(out) <= limit else out[: limit - 1] + "…"


def statement_entry(c: Citation) -> str:
    """One numbered statement: who, where, which question, then the verbatim text."""
    return (
        f"[{c.n}] spreker: {sanitise(c.who, 200)}; {c.where}; vraag: {sanitise(c.section, 300)}"
        f'\n    "{sanitise(c.text)}"'
    )


def context_block(sections: Iterable[tuple[str | None, Iterable[Citation]]]) -> str:
    """Numbered statements under optional headings; a statement listed again refers back."""
    lines: list[str] = []
    seen: set[int] = set()
    for heading, citations in sections:
        if heading:
            lines.append(f"## {sanitise(heading, 300)}")
        for c in citations:
            if c.n in seen:
                lines.append(f"[{c.n}] (zie hierboven)")
                continue
            seen.add(c.n)
            lines.append(statement_entry(c))
    return "\n".join(lines)


def facts_section(facts: str) -> str:
    """Facts taken from the records (names, dates, counts of a structured answer), as a
    section of the data block: each line sanitised like any document text."""
    lines = [sanitise(line, 600) for line in facts.splitlines()]
    return "## Gegevens uit de verslagen\n" + "\n".join(f"- {ln}" for ln in lines if ln)
