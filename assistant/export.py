"""Rendering a summary: Markdown (the extractive body, the whole draft) and Word (.docx).

The Word document is built from the same parts as the Markdown (title, header, remarks, body,
sources), so an extractive and a model-written body export alike: the body's small Markdown
subset (headings, bullets, bold/italic, quotes) becomes Word styles, and the numbered source
list becomes the "Bronnen" endnote list whose numbers match the `[n]` in the text.
No runtime import of `summaries` (which renders with these functions).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.answer import Citation, roman
from ingest.records import Attendee
from ingest.text import fold

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

    from assistant.summaries import Group, Summary

FORMATS = (".md", ".docx")
_INLINE = re.compile(r"(\*\*[^*]+\*\*|(?<![\w*])_[^_]+_(?![\w])|(?<![\w*])\*[^*]+\*(?!\*)|`[^`]+`)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


ATTRIBUTED = "Toegeschreven uitspraken"
UNATTRIBUTED = "Niet toegeschreven (in het gesprek opgemerkt)"


class ExportError(ValueError):
    """An output file type we cannot write."""


# --- Markdown ------------------------------------------------------------------------------


def source_line(c: Citation) -> str:
    """n's entry in the source list: who, gesprek + date, question, statement id."""
    who = "niet toegeschreven" if c.attribution == "none" else c.who
    return f"{who} — {c.where} — {c.section} — `{c.statement_id}`"


def attendee_label(a: Attendee) -> str:
    """ "Name, role" and the organisation when the role does not name it."""
    label = f"{a.name}, {a.role}" if a.role else a.name
    if a.organisation and fold(a.organisation) not in fold(a.role):
        label += f" ({a.organisation})"
    return label


def shorten(text: str, words: int = 14) -> str:
    """The first `words` words, verbatim, with "…" when cut."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def extractive_body(groups: list[Group], name_gesprek: bool = True) -> str:
    """Verbatim quotes per group and question, attributed and unattributed apart; a statement
    quoted before is shortened. Points name their gesprek when the groups span several (and
    `name_gesprek`). An unattributed point names no speaker."""
    ids = {c.verslag_id for g in groups for p in g.parts for c in (*p.attributed, *p.unattributed)}
    multi = name_gesprek and len(ids) > 1
    seen: set[int] = set()
    lines: list[str] = []

    def point(c: Citation, who: str | None) -> str:
        text = shorten(c.text) if c.n in seen else c.text
        seen.add(c.n)
        where = f"gesprek {roman(c.verslag_number)}" if multi else ""
        lead = ", ".join(x for x in (f"**{who}**" if who else "", where) if x)
        note = " (vervolg van dezelfde spreker)" if c.attribution == "inferred" else ""
        return f'- {lead + ": " if lead else ""}"{text}" [{c.n}]{note}'

    for g in groups:
        lines += [f"## {g.title}", "", f"_{g.note}_", ""]
        for p in g.parts:
            lines += [f"### {p.section}", ""]
            if p.attributed:
                lines += [f"**{ATTRIBUTED}**", "", *(point(c, c.who) for c in p.attributed), ""]
            if p.unattributed:
                lines += [f"**{UNATTRIBUTED}**", "", *(point(c, None) for c in p.unattributed), ""]
    return "\n".join(lines).rstrip()


def summary_markdown(summary: Summary) -> str:
    """The whole draft: title, header, notice, remarks, body, then "Bronnen" ([n] entries)."""
    out = [f"# {summary.title}", ""]
    out += [f"- **{label}:** {value}" for label, value in summary.header]
    out.append("")
    if summary.notice:
        out += [f"> **Let op:** {summary.notice}", ""]
    for remark in summary.remarks:
        out += [f"_{remark}_", ""]
    out += [summary.body.strip(), ""]
    if summary.citations:
        out += ["## Bronnen", ""]
        out += [f"- [{c.n}] {source_line(c)}" for c in summary.citations]
    return "\n".join(out).rstrip() + "\n"


# --- files ---------------------------------------------------------------------------------


def write_summary(summary: Summary, path: Path) -> Path:
    """Write `summary` as Markdown (.md) or Word (.docx), by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"Onbekend bestandstype {path.suffix or '(geen)'!r}; kies .md of .docx.")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".md":
        path.write_text(summary.markdown(), encoding="utf-8")
    else:
        to_docx(summary).save(str(path))
    return path


def to_docx(summary: Summary) -> DocxDocument:
    """The summary as a python-docx Document (save it, or stream it from the UI)."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = summary.title
    doc.core_properties.subject = summary.scope.label
    doc.add_heading(summary.title, level=0)
    for label, value in summary.header:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{label}: ").bold = True
        _add_inline(p, value)
    if summary.notice:
        p = doc.add_paragraph()
        p.add_run("Let op: ").bold = True
        p.add_run(summary.notice)
    for remark in summary.remarks:
        doc.add_paragraph().add_run(remark).italic = True
    add_markdown(doc, summary.body)
    if summary.citations:
        doc.add_heading("Bronnen", level=1)
        for c in summary.citations:
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(24)
            p.paragraph_format.first_line_indent = Pt(-24)
            p.paragraph_format.space_after = Pt(6)
            p.add_run(f"[{c.n}]\t").bold = True
            p.add_run(source_line(c).replace("`", ""))
            p.add_run().add_break()
            p.add_run(f"“{c.text}”").italic = True
    return doc


def add_markdown(doc: DocxDocument, markdown: str) -> None:
    """Append a small Markdown subset: headings, bullets, numbered items, quotes, paragraphs
    (consecutive lines join), with **bold**, _italic_/*italic* and `code` inline. The document
    title is the only level-0 heading, so `#`/`##` become Heading 1, `###` Heading 2."""
    para: list[str] = []

    def flush() -> None:
        if para:
            _add_inline(doc.add_paragraph(), " ".join(para))
            para.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if m := _HEADING.match(line):
            flush()
            doc.add_heading(_plain(m.group(2)), level=min(max(len(m.group(1)) - 1, 1), 4))
        elif m := _BULLET.match(line):
            flush()
            _add_inline(doc.add_paragraph(style="List Bullet"), m.group(1))
        elif m := _NUMBERED.match(line):
            flush()
            _add_inline(doc.add_paragraph(style="List Number"), m.group(1))
        elif line.startswith(">"):
            flush()
            _add_inline(doc.add_paragraph(style="Quote"), line.lstrip("> "))
        else:
            para.append(line.strip())
    flush()


def _plain(text: str) -> str:
    return re.sub(r"\*\*|`", "", text)


def _add_inline(p: Paragraph, text: str) -> None:
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            p.add_run(piece[2:-2]).bold = True
        elif piece[0] in "_*" and piece[-1] == piece[0] and len(piece) > 2:
            p.add_run(piece[1:-1]).italic = True
        elif piece.startswith("`") and piece.endswith("`") and len(piece) > 2:
            p.add_run(piece[1:-1]).font.name = "Consolas"
        else:
            p.add_run(piece)
