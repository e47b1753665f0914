"""Rendering a summary: Markdown (the extractive body, the whole draft) and Word (.docx).

The Word document is built from the same parts as the Markdown (title, header, remarks, body,
sources), so an extractive and a model-written body export alike: the body's small Markdown
subset (headings, bullets, bold/italic, quotes) becomes Word styles, and the numbered source
list becomes the "Bronnen" endnote list whose numbers match the `[n]` in the text.
No runtime import of `summaries` (which renders with these functions).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.reports.draft import source_line
from assistant.reports.markdown import add_inline, add_to_docx

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from assistant.reports.draft import Summary

FORMATS = (".md", ".docx")


class ExportError(ValueError):
    """An output file type we cannot write."""


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
        add_inline(p, value)
    if summary.notice:
        p = doc.add_paragraph()
        p.add_run("Let op: ").bold = True
        p.add_run(summary.notice)
    for remark in summary.remarks:
        doc.add_paragraph().add_run(remark).italic = True
    add_to_docx(doc, summary.body, top_level=0)
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
