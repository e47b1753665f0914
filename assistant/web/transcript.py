"""A conversation with its sources as Markdown and as a Word document (A4).

The Markdown is the one source: the .docx is that Markdown through `reports.markdown`
(Word's own heading, list and quote styles). Text from a verslag or a user is escaped for
Markdown, so a quote can never become a heading, list or emphasis.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from assistant.nl import dutch_date
from assistant.reports.markdown import add_to_docx
from assistant.web.conversations import Conversation
from assistant.web.render import filters_label

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def md_escape(text: str) -> str:
    """Plain text as Markdown that renders as exactly that text (on one line)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def transcript_markdown(conv: Conversation, verslagen: dict | None = None) -> str:
    """Every question, its answer (with `[n]` markers) and its numbered sources."""
    day = dutch_date(time.strftime("%Y-%m-%d", time.localtime(conv.updated)))
    lines = [f"# Gesprek: {md_escape(conv.title)}", "", f"*Raadpleeg, {day}*", ""]
    for i, ex in enumerate(conv.exchanges, 1):
        a = ex.answer
        lines += [f"## Vraag {i}: {md_escape(ex.question)}", ""]
        # The answer is the assistant's own Markdown (quotes inside it are verbatim text
        # the answer composer already wrote as Markdown quotes).
        lines += [a.text.strip(), ""]
        label = filters_label(a.filters, verslagen)
        if label:
            lines += [f"*Gezocht binnen: {md_escape(label)}*", ""]
        if a.citations:
            lines += ["### Bronnen", ""]
            for c in a.citations:
                who = md_escape(c.who)
                where = md_escape(c.where)
                section = f", vraag: {md_escape(c.section)}" if c.section else ""
                lines.append(f"{c.n}\\. **{who}**, {where}{section}")
                lines.append("")
                lines.append(f"> {md_escape(c.text)}")
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_transcript(conv: Conversation, folder: Path, verslagen: dict | None = None) -> tuple:
    """(the .md path, the .docx path) of the conversation, written into `folder`."""
    from docx import Document
    from docx.shared import Cm

    folder.mkdir(parents=True, exist_ok=True)
    markdown = transcript_markdown(conv, verslagen)
    md = folder / "gesprek.md"
    md.write_text(markdown, encoding="utf-8")
    doc = Document()
    for section in doc.sections:  # A4, 2,5 cm margins
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
    doc.core_properties.title = f"Gesprek: {conv.title}"
    doc.core_properties.language = "nl-NL"
    add_to_docx(doc, markdown)  # "#" Heading 1, "## Vraag" Heading 2, "### Bronnen" 3
    docx = folder / "gesprek.docx"
    doc.save(str(docx))
    return md, docx
